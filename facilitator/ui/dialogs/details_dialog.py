"""Changing a workshop's invitation details from the app (home's e key): its start time, the
place's access, a contact, how people's time is recognised and the workshop's own hourly rate.

The same fields as the new-workshop form's "For the invitation pack" part (``PACK_FIELDS``), filled
in with what is recorded, plus the rate. Enter in any box (or Ctrl+S) saves; a bad value is one
sentence in the form and the typing stays; Escape asks before throwing typing away
(``OneStepDialog``). An empty box clears that detail, as ``facilitator edit ID --start ""`` does.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Static

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import Workshop
from facilitator.domain.recognition import parse_money, plain_amount
from facilitator.ui.dialogs.new_workshop import PACK_FIELDS
from facilitator.ui.dialogs.saving_dialog import OneStepDialog
from facilitator.ui.text import join, one_line
from facilitator.ui.widgets.form_field import FormField

RATE_FIELD = ("hourly_rate", "Hourly rate", "This workshop's own, e.g. 15.00 (empty: the series' rate)")


def recorded(workshop: Workshop) -> dict[str, str]:
    """What each box starts with: the workshop's details as they are recorded."""
    values = {key: getattr(workshop, key) or "" for key, _, _ in PACK_FIELDS}
    rate = workshop.hourly_rate_pence
    return values | {"hourly_rate": "" if rate is None else plain_amount(rate)}


class DetailsDialog(OneStepDialog[int | None]):
    """Dismisses with the workshop's id once saved, or None."""

    CSS_PATH = "details_dialog.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, workshop: Workshop) -> None:
        super().__init__()
        self.workshop = workshop

    def compose(self) -> ComposeResult:
        values = recorded(self.workshop)
        with Vertical(classes="dialog", id="details-dialog"):
            yield Static(join([("Invitation details: ", "bold"), one_line(self.workshop.title, 50)]),
                         classes="dialog-title")  # fmt: skip
            with VerticalScroll(id="details-fields"):
                for key, label, hint in (*PACK_FIELDS, RATE_FIELD):
                    yield FormField(label, Input(values[key], placeholder=hint, id=key, compact=True))
            yield Static(classes="dialog-error")
            yield Static("Tab: next box (more below). Enter or Ctrl+S saves; an empty box clears it. "
                         "Escape cancels.", classes="dialog-hint")  # fmt: skip
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#start_time", Input).focus()

    def action_save(self) -> None:
        details = {key: self.query_one(f"#{key}", Input).value for key, _, _ in PACK_FIELDS}
        rate_box = self.query_one("#hourly_rate", Input)
        try:
            rate = parse_money(rate_box.value, "hourly rate") if rate_box.value.strip() else ""
        except FacilitatorError as error:
            rate_box.focus()
            self.show_error(str(error))
            return
        workshop_id = self.workshop.id

        def saved(_result) -> None:
            self.app.announce_change()
            self.app.notify("Saved the invitation details.", markup=False)
            self.dismiss(workshop_id)

        self.save(lambda store: store.set_workshop_details(workshop_id, **details, hourly_rate_pence=rate),
                  done=saved)  # fmt: skip
