"""Record how the room settled a tie without a run-off (the vote stage's t, after the reveal):
by discussion, by consensus, or by a coin toss the room agreed to, with a note of what was
settled. The store logs it with its time; the minutes say it under the vote."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from facilitator.domain.voting import describe_tie
from facilitator.storage.vote_ties import SETTLED_BY
from facilitator.ui.dialogs.saving_dialog import SavingDialog
from facilitator.ui.text import plain
from facilitator.ui.widgets.choices import ChoiceButton, ChoiceSet
from facilitator.ui.widgets.form_field import FormField


class TieDialog(SavingDialog[str | None]):
    CSS_PATH = "vote_dialogs.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, stage_id: int) -> None:
        super().__init__()
        self.stage_id = stage_id

    def compose(self) -> ComposeResult:
        group = self.app.store.tie_to_settle(self.stage_id)
        with Vertical(classes="dialog", id="tie-dialog"):
            yield Static("How did the room settle the tie?", classes="dialog-title")
            yield Static(plain(describe_tie(group)) if group else "There is no tie left to settle.", id="tie-what")
            yield FormField("Settled by", ChoiceSet(
                *[ChoiceButton(words[0].upper() + words[1:], value=how == "discussion", name=how, compact=True)
                  for how, words in SETTLED_BY.items()],
                id="tie-how", compact=True), tall=True)  # fmt: skip
            yield FormField("Outcome", Input(id="tie-note", compact=True,
                                                      placeholder="For example: Quiet room goes first"))
            yield Static(classes="dialog-error", id="tie-error")
            yield Static("Space chooses; Tab moves; Enter saves. Escape cancels.", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#tie-how", ChoiceSet).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        chosen = self.query_one("#tie-how", ChoiceSet).pressed_button
        how = chosen.name if chosen is not None else "discussion"
        note, stage_id = self.query_one("#tie-note", Input).value, self.stage_id
        self.save_and_close(lambda store: store.settle_tie(stage_id, how, note))
