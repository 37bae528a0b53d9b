"""Add or edit one "You said, we did" item: what was said, what was done, its status, and a reason.

A reason is required when the status is "not possible": the store refuses without one, and the
dialog shows its sentence and stays open with everything typed still there. Returns the saved
``FeedbackItem`` or ``None`` when cancelled. Enter moves on (saves from the reason box),
Ctrl+S saves from anywhere, Escape cancels.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import FeedbackItem, FeedbackStatus
from facilitator.storage.store import Store
from facilitator.ui.dialogs.saving_dialog import SavingDialog
from facilitator.ui.widgets.field_select import HINT, FieldSelect

STATUSES = [(Content(status.value), status.value) for status in FeedbackStatus]


class FeedbackDialog(SavingDialog[FeedbackItem | None]):
    CSS_PATH = "decision_fields.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, store: Store, workshop_id: int, *, stage_id: int | None = None,
                 item: FeedbackItem | None = None) -> None:
        super().__init__()
        self.store = store
        self.workshop_id = workshop_id
        self.stage_id = stage_id
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item
        with VerticalScroll(classes="dialog", id="feedback-dialog"):
            yield Static("Edit \u201cYou said, we did\u201d" if item else "Add \u201cYou said, we did\u201d",
                         classes="dialog-title")
            yield from self._row("You said", Input(item.said if item else "", placeholder="What people told us",
                                                   id="said", compact=True))
            yield from self._row("We did", Input(item.done if item else "", placeholder="What was done about it",
                                                 id="done", compact=True))
            yield from self._row("Status", FieldSelect(STATUSES, allow_blank=False, id="status", compact=True,
                                                  value=(item.status.value if item else FeedbackStatus.PLANNED.value)))
            yield from self._row("Reason", Input(item.reason if item else "",
                                                 placeholder="Why not (required for \u201cnot possible\u201d)",
                                                 id="reason", compact=True))
            yield Static(classes="dialog-error")
            yield Static(HINT, classes="dialog-hint")

    def _row(self, label: str, field) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield field

    def on_mount(self) -> None:
        self.query_one("#said", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "reason":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        values = {
            "said": self.query_one("#said", Input).value,
            "done": self.query_one("#done", Input).value,
            "status": self.query_one("#status", Select).value,
            "reason": self.query_one("#reason", Input).value,
        }
        workshop_id, stage_id, item = self.workshop_id, self.stage_id, self.item

        def change(store: Store) -> FeedbackItem:
            if item is None:
                return store.add_feedback(workshop_id, stage_id=stage_id, **values)
            return store.update_feedback(item.id, **values)

        def refused(error: FacilitatorError) -> None:
            self.show_error(str(error))
            if values["status"] == FeedbackStatus.NOT_POSSIBLE and not values["reason"].strip():
                self.query_one("#reason", Input).focus()

        self.save(change, done=self.dismiss, failed=refused)
