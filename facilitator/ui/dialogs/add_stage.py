"""Add a stage while the workshop runs (from the re-plan dialog): a break, another ideas round,
or a vote on everything so far. It goes straight after the stage that is on, is logged as added
on the day, and its first planned time counts as none (so the minutes show it was not planned).
A run-off among tied options is the vote stage's own key (r), after its reveal.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from facilitator.ui.dialogs.saving_dialog import SavingDialog
from facilitator.ui.widgets.choices import ChoiceButton, ChoiceSet
from facilitator.ui.widgets.form_field import FormField

# kind: (choice words, title, minutes)
KINDS = {
    "break": ("A break", "Break", 10),
    "ideas": ("Another ideas round", "More ideas", 10),
    "vote": ("A vote on everything so far", "Another vote", 10),
}


class AddStageDialog(SavingDialog[str | None]):
    CSS_PATH = "replan.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Add"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="add-stage"):
            yield Static("Add a stage after the one that is on", classes="dialog-title")
            yield FormField("Kind", ChoiceSet(
                *[ChoiceButton(words, value=kind == "break", name=kind, compact=True)
                  for kind, (words, _title, _minutes) in KINDS.items()],
                id="add-kind", compact=True), tall=True)  # fmt: skip
            yield FormField("Title", Input(KINDS["break"][1], id="add-title", compact=True))
            yield FormField("Minutes", Input(str(KINDS["break"][2]), id="add-minutes", compact=True, type="integer"))
            yield Static(classes="dialog-error", id="add-error")
            yield Static("Space chooses the kind; Tab moves; Enter adds. Escape cancels.", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#add-kind", ChoiceSet).focus()

    @on(ChoiceSet.Changed, "#add-kind")
    def _kind_chosen(self, event: ChoiceSet.Changed) -> None:
        title = self.query_one("#add-title", Input)
        if title.value in {each[1] for each in KINDS.values()}:  # not typed over: follow the kind
            title.value = KINDS[event.pressed.name][1]

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        chosen = self.query_one("#add-kind", ChoiceSet).pressed_button
        kind = chosen.name if chosen is not None else "break"
        title = self.query_one("#add-title", Input).value
        minutes = self.query_one("#add-minutes", Input).value
        workshop_id = self.workshop_id

        def change(store):
            return store.insert_stage(workshop_id, kind=kind, title=title, minutes=minutes)

        self.save(change, done=lambda stage: self.dismiss(f"Added \u201c{stage.title}\u201d as step {stage.position}."))
