"""Change a vote's dots before anyone votes (the vote stage's b): the dots each person has, and
the most on one item. Saved through the store, which refuses once the first dot is given (a dot
from a phone may come first) and logs the change for the minutes."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from facilitator.storage.vote_ties import cap_of
from facilitator.ui.dialogs.saving_dialog import SavingDialog
from facilitator.ui.widgets.form_field import FormField


class DotsDialog(SavingDialog[str | None]):
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
        store = self.app.store
        budget, cap = store.vote_budget(self.stage_id), cap_of(store.stage(self.stage_id))
        with Vertical(classes="dialog", id="dots-dialog"):
            yield Static("Dots for this vote", classes="dialog-title")
            yield Static(store.budget_line(self.stage_id), id="dots-now")
            yield FormField("Dots each", Input(str(budget), id="dots-each", compact=True, type="integer"))
            yield FormField("Most on one", Input(str(min(cap, budget)), id="dots-cap", compact=True, type="integer"))
            yield Static(classes="dialog-error", id="dots-error")
            yield Static("Everyone gets the same. Enter saves (only until the first dot). Escape cancels.",
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#dots-each", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        stage_id = self.stage_id
        dots, cap = self.query_one("#dots-each", Input).value, self.query_one("#dots-cap", Input).value
        self.save_and_close(lambda store: store.set_dot_budget(stage_id, dots, cap))
