"""The right to pass, from the note-taker's screen (``CaptureScreen``).

"Each person is heard, with a right to pass." A note-taker going round their table types the
person's name in "Said by" and presses F4: the same key, the same rule for who is meant
(``person_for_pass``) and the same words (``pass_sentence``) as on the facilitator's ideas panel,
so the facilitator's "Not heard from yet" updates within a second. F4 again takes the pass back.

The pass goes to the facilitator's current stage, and only when that is an ideas stage, as an
idea would. Whether it is a pass or a taking back is read from the database when F4 is pressed:
the facilitator or another note-taker may have noted it already. Passes are never in the minutes
or the exports (see ``IdeasMixin.record_pass``).
"""

from __future__ import annotations

from facilitator.domain.errors import FacilitatorError
from facilitator.ui import text
from facilitator.ui.stages.ideas_round import PASS_KEY, pass_sentence, person_for_pass
from facilitator.ui.widgets.status_line import READ_ONLY

PASS_TOOLTIP = "The person in \u201cSaid by\u201d passes; again: they take it back"
PASS_BUSY = f"Still saving the last change; press {PASS_KEY} again in a moment."


class CapturePass:
    """Uses the screen's ``store``, ``picker``, ``status``, ``stage``, ``can_take``, ``target``,
    ``read_only``, ``_people``, ``_refresh_stage`` and its saving (``SavesWithoutFreezing``)."""

    def action_pass_turn(self) -> None:
        """The person in "Said by" passes; if they had passed, they take it back (said in words)."""
        if self.read_only:
            self.status.error(READ_ONLY)
            return
        if self.refuse_while_saving(PASS_BUSY):  # never overtake a save the note-taker is waiting for
            return
        shown = self.stage.id if self.stage else None
        if not self._refresh_stage():  # the facilitator may have moved on since the screen last looked
            return
        if not self.can_take:
            self.status.error(text.join([self.target, " No pass was noted."]))
            return
        if self.stage.id != shown:
            self.status.error(text.join([
                "The facilitator has moved on to ", text.stage_label(self.stage),
                f". Press {PASS_KEY} again to note the pass there.",
            ]))
            return
        chosen = person_for_pass(self.picker, self._people.values())
        if isinstance(chosen, str):
            self.status.error(chosen)
            return
        (person_id, name), stage_id = chosen, self.stage.id
        try:
            taking_back = person_id in self.store.passes(stage_id)
            heard = bool(self.store.idea_counts_by_person(stage_id).get(person_id))
        except FacilitatorError as error:
            self.status.error(str(error))
            return
        said = pass_sentence(name, taking_back, heard=heard)

        def change(store) -> None:
            (store.withdraw_pass if taking_back else store.record_pass)(stage_id, person_id)

        def done(_result=None) -> None:
            speaker = self.picker.speaker
            if speaker is None or speaker.participant_id == person_id:
                self.picker.clear()  # ready for the next person round the room
            self.status.saved(said)

        if self.save_in_background(change, done=done, failed=lambda error: self.status.error(str(error))):
            self.status.info("Saving\u2026")
