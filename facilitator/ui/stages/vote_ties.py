"""The vote stage's dot budget and its tie, for ``VotePanel``.

Before anyone votes the panel says "Everyone has N dots, at most M on one" (presenting too), and
the facilitator can change N and M with b until the first dot is given (after it, b says why
not). After a reveal with a tie at the top (or at the stage's cut line, ``choose``), r starts a
run-off at once (a new secret vote among the tied, after this one) and t records how the room
settled it instead. The store logs each, and the minutes say how the tie was settled.
"""

from __future__ import annotations

from textual.widgets import Static

from facilitator.domain.voting import describe_tie
from facilitator.ui.text import join, plain

# The panel's actions for the budget and the tie (see ``check_tie_action``).
TIE_KEYS = {"runoff", "settle_tie"}
TIE_KEYS_SENTENCE = "\nPress r for a run-off vote among them, or t to record how the room settled it."
TOO_LATE = ("The dots can no longer be changed: the first dot has been given, and changing them now "
            "would make the vote unequal.")  # fmt: skip


class VoteTies:
    """Uses the panel's ``store``, ``stage``, ``stage_id``, ``_say``, ``_write`` and ``_after_change``."""

    _tie_shown: bool | None = None

    def _show_budget(self) -> None:
        line = self.query_one("#vote-budget", Static)
        stage = self.stage
        if not stage.revealed:
            line.update(join([(self.store.budget_line(self.stage_id), "bold")]))
            tie = False
        else:
            group = self.store.tie_to_settle(self.stage_id)
            tie = bool(group)
            line.update(join([plain(describe_tie(group)), TIE_KEYS_SENTENCE]) if tie else "")
        line.display = bool(not stage.revealed or tie)
        if tie != self._tie_shown:
            self._tie_shown = tie
            self.refresh_bindings()

    def check_tie_action(self, action: str) -> bool:
        if action == "change_dots":
            return not self.stage.revealed
        if action in TIE_KEYS:
            return bool(self._tie_shown)
        return True

    def action_change_dots(self) -> None:
        if self.stage.revealed or any(self.store.dots_used(self.stage_id).values()):
            self._say(TOO_LATE)
            return
        from facilitator.ui.dialogs.dots_dialog import DotsDialog

        def changed(said: str | None) -> None:
            if said:
                self._after_change(f"Changed: {said}")

        self.app.push_screen(DotsDialog(self.stage_id), changed)

    def action_runoff(self) -> None:
        stage_id = self.stage_id

        def added(runoff) -> None:
            self._after_change(f"Run-off added as step {runoff.position}: press F8 to start it.")
            self.app.announce_change()

        self._write(lambda store: store.start_runoff(stage_id), added)

    def action_settle_tie(self) -> None:
        from facilitator.ui.dialogs.tie_dialog import TieDialog

        def settled(said: str | None) -> None:
            if said:
                self._after_change(said)

        self.app.push_screen(TieDialog(self.stage_id), settled)
