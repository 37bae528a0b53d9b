"""How far a vote has got, and its reveal, for the vote stage (``VotePanel``).

Votes are secret until the facilitator reveals them, all together. Before that the room sees
only how many people have voted; who has not voted yet is for the facilitator's own screen (not
while presenting). The reveal (the run screen's Ctrl+R) asks first, saying how many of the people
here have voted; after it, the voting keys are no longer offered.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from facilitator.ui.dialogs.decision_fields import people_list
from facilitator.ui.text import join

# The panel's actions that mean nothing once the votes are revealed.
VOTING_KEYS = {"give_dot", "take_dot", "choose_person", "toggle_paper", "jump"}


class VoteReveal:
    """Uses the panel's ``store``, ``stage``, ``stage_id``, ``presenting``, ``_present_people``,
    ``_say``, ``_write`` and ``_after_change``."""

    def _show_progress(self, used: dict[int, int]) -> None:
        present = self._present_people()
        voted = {pid for pid, count in used.items() if count}
        eligible = voted | {person.id for person in present}
        people = "person has" if len(eligible) == 1 else "people have"
        parts: list = [f"{len(voted)} of {len(eligible)} {people} voted."]
        if not self.presenting and not self.stage.revealed:
            waiting = [person for person in present if person.id not in voted]
            if waiting:
                parts += ["\nNot voted yet (only you see this): ", people_list(waiting)]
        self.query_one("#vote-progress", Static).update(join(parts))

    @property
    def can_reveal(self) -> bool:
        return not self.stage.revealed

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Once the votes are revealed no dot can be given: the footer, the keys help and the
        # palette stop offering the voting keys.
        if action in VOTING_KEYS:
            return not self.stage.revealed
        return self.check_tie_action(action)

    def action_reveal(self) -> None:
        if self.refuse_while_saving():
            return
        if self.stage.revealed:
            self._say("The votes are already revealed.", error=False)
            return
        from facilitator.ui.dialogs.confirm import ConfirmDialog

        dialog = ConfirmDialog("Reveal the votes now?", yes="Reveal", no="Not yet", detail=self._reveal_detail())
        self.app.push_screen(dialog, lambda yes: self.reveal() if yes else None)

    def _reveal_detail(self) -> Content:
        """"4 of 5 people here have voted": the facilitator sees who is missing before revealing."""
        voted = {pid for pid, count in self.store.dots_used(self.stage_id).items() if count}
        here = self._present_people()
        voted_here = [person for person in here if person.id in voted]
        people, verb = ("person" if len(here) == 1 else "people"), ("has" if len(voted_here) == 1 else "have")
        parts: list = [f"{len(voted_here)} of {len(here)} {people} here {verb} voted."]
        gone = len(voted) - len(voted_here)
        if gone:
            parts.append(f" {gone} more {'person' if gone == 1 else 'people'} voted and left.")
        waiting = [person for person in here if person.id not in voted]
        if waiting and not self.presenting:  # who has not voted is for the facilitator's eyes only
            parts += ["\nNot voted yet: ", people_list(waiting)]
        parts.append("\nNo more dots can be given after the reveal.")
        return join(parts)

    def reveal(self) -> None:
        if self.refuse_while_saving():
            return
        stage_id = self.stage_id
        self._write(lambda store: store.set_revealed(stage_id, True), lambda _stage: self._revealed())

    def _revealed(self) -> None:
        self._after_change("")
        # The voting lists are gone: the results take the cursor, so r and t (a tie) work at once.
        self.query_one("#vote-results-box").focus()
