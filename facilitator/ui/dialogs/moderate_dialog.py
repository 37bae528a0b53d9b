"""The scoring panel's moderated score for one candidate on one criterion, with the reason.

After the reveal the panel talks through marks that are far apart and agrees one score; the
reason is required, so the record says why. Keys as in every form (``FormDialog``): Enter moves
on and saves from the reason box, Ctrl+S saves, Escape closes and keeps what was typed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from facilitator.domain.scoring import MAX_SCORE
from facilitator.storage.store import Store
from facilitator.ui.dialogs.form_dialog import HINT, FormDialog, Problem
from facilitator.ui.text import plain


class ModerateDialog(FormDialog[bool | None]):
    def __init__(self, store: Store, stage_id: int, candidate: int, criterion: int, what: str) -> None:
        super().__init__()
        self.store = store
        self.stage_id, self.candidate, self.criterion, self.what = stage_id, candidate, criterion, what

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="moderate-dialog"):
            yield Static("Moderated score", classes="dialog-title")
            yield Static(plain(self.what))
            yield from self.row("Score", Input(placeholder=f"0 to {MAX_SCORE}", id="score", compact=True))
            yield from self.row("Why", Input(placeholder="What the panel agreed, in a sentence", id="reason",
                                             compact=True))  # fmt: skip
            yield Static(classes="dialog-error")
            yield Static(HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#score", Input).focus()

    def draft_name(self) -> str:
        return f"moderate:{self.stage_id}:{self.candidate}:{self.criterion}"

    def _score(self) -> int | None:
        typed = self.query_one("#score", Input).value.strip()
        return int(typed) if typed.isdigit() and 0 <= int(typed) <= MAX_SCORE else None

    def problems(self) -> list[Problem]:
        if self._score() is None:
            return [(f"The moderated score is a whole number from 0 to {MAX_SCORE}.", "score")]
        return self.required("reason", "reason for the moderated score")

    def save_form(self) -> None:
        score, reason = self._score(), self.query_one("#reason", Input).value
        stage_id, candidate, criterion = self.stage_id, self.candidate, self.criterion

        def change(store: Store) -> bool:
            store.moderate(stage_id, candidate, criterion, score, reason)
            return True

        self.save_and_close(change)
