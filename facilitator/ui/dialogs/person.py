"""Add or edit one person on a workshop's roster: dismisses with their id, or None if cancelled.

Built for speed from the keyboard: the name box has the focus, Enter saves from anywhere in the
dialog (Space ticks a perspective or picks how they are shown), Escape cancels. The dialog saves
through the store itself, so a refused value (an empty name) keeps it open with what was typed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from facilitator.domain.models import Attribution, Participant, Perspective, WorkshopStatus
from facilitator.ui.dialogs.saving_dialog import OneStepDialog
from facilitator.ui.text import join
from facilitator.ui.widgets.choices import ChoiceButton, ChoiceSet, TickList
from facilitator.ui.widgets.form_field import FormField

PERSPECTIVE_LABELS = {
    Perspective.LIVED_EXPERIENCE: "Lived experience (of using services)",
    Perspective.CARER: "Carer",
    Perspective.STAFF: "Staff (works in a service)",
    Perspective.COMMISSIONER: "Commissioner (funds services)",
    Perspective.OTHER: "Other",
}

# How each attribution choice shows what the person said, in plain words.
ATTRIBUTION_LABELS = {
    Attribution.NAMED: "Named: their name is shown beside what they said",
    Attribution.PERSPECTIVE: "Perspective only: shown as \u201ca carer\u201d, never by name",
    Attribution.ANONYMOUS: "Anonymous: shown only as \u201ca participant\u201d",
}


class PersonDialog(OneStepDialog[int | None]):
    CSS_PATH = "person.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Not a priority binding: that would run before characters still queued for the name
        # box when keys arrive together (fast typing, a paste), saving half a name. The tick list
        # and choices leave Enter alone, and Enter in a text box submits it.
        Binding("enter", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, workshop_id: int, person: Participant | None = None) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.person = person

    def compose(self) -> ComposeResult:
        person = self.person
        chosen = set(person.perspectives) if person else set()
        attribution = person.attribution if person else Attribution.PERSPECTIVE
        if person:
            heading = join([("Edit ", "bold"), (person.name, "bold")])
        else:
            heading = Content("Add a person").stylize("bold")
        with Vertical(classes="dialog", id="person"):
            yield Static(heading, classes="dialog-title")
            yield FormField("Name", Input(
                person.name if person else "", placeholder="As they would like to be called",
                id="name", compact=True, select_on_focus=False))
            yield FormField("Perspectives", TickList(
                *[(label, kind.value, kind in chosen) for kind, label in PERSPECTIVE_LABELS.items()],
                id="perspectives", compact=True), tall=True)
            yield FormField("Shown as", ChoiceSet(
                *[ChoiceButton(label, value=kind == attribution, name=kind.value, compact=True)
                  for kind, label in ATTRIBUTION_LABELS.items()],
                id="attribution", compact=True), tall=True)
            yield FormField("Support needs", Input(
                person.support_needs if person else "", id="support",
                placeholder="What helps them take part (never a diagnosis)", compact=True,
                select_on_focus=False))
            yield Static(
                "Enter saves. Escape cancels (it asks first if you typed). Tab moves; Space ticks.\n"
                "Support needs are for the facilitator only: hidden in presentation mode.",
                classes="dialog-hint",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def values(self) -> dict:
        chosen = self.query_one("#attribution", ChoiceSet).pressed_button
        return {
            "name": self.query_one("#name", Input).value,
            "perspectives": list(self.query_one("#perspectives", TickList).selected),
            "attribution": chosen.name if chosen is not None else Attribution.PERSPECTIVE.value,
            "support_needs": self.query_one("#support", Input).value,
        }

    def action_save(self) -> None:
        workshop_id, person, values = self.workshop_id, self.person, self.values()
        running = self.app.store.workshop(workshop_id).status == WorkshopStatus.IN_PROGRESS

        def change(store) -> int:
            if person is None:
                return store.add_participant(workshop_id, **values, arrived=running).id
            return store.update_participant(person.id, **values).id

        def saved(person_id: int) -> None:
            self.app.announce_change()
            self.dismiss(person_id)

        self.save(change, done=saved)
