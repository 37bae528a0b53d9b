"""Who the facilitator has still to hear from in an ideas stage, with a right to pass.

"Each person is heard, with a right to pass": someone who says "pass" is taken off the
"Not heard from yet" list, so the facilitator stops coming back to them; pressing the pass key
again for them (they changed their mind) puts them back. Giving an idea counts as heard anyway.

What shows where:
- the facilitator's own screen names who is still to be heard from and who passed (the
  facilitator needs the names to go round the room and to take a pass back);
- the projected screen (presenting) shows neither, not even a count of passes: in a room of six,
  "Passed: 1" invites "who was that?", and a right to pass must not be scrutinised. For the
  same reason passes are never in the minutes or the exports (see ``IdeasMixin.record_pass``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.content import Content

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import Participant
from facilitator.ui import text
from facilitator.ui.widgets.speaker_picker import SpeakerPicker, match_people

PASS_KEY = "F4"
BUSY = "Still saving the last change; press F4 again in a moment."
NAME_WIDTH = 26  # the side column is 30 cells wide


def not_heard_text(
    people: Mapping[int, Participant],
    present: Iterable[int],
    counts: Mapping[int | None, int],
    passes: set[int],
    *,
    presenting: bool,
) -> Content | str:
    """The side list: present people with no idea and no pass, then (by name) those who passed."""
    if presenting:
        return ""
    here = [people[pid] for pid in present if pid in people]
    if not here:
        return "Not heard from yet: nobody is marked as here (Ctrl+O for people)."
    quiet = [person for person in here if not counts.get(person.id)]
    waiting = [person for person in quiet if person.id not in passes]
    passed = [person for person in quiet if person.id in passes]
    parts: list = []
    if not waiting:
        parts.append("Everyone here has given an idea or passed.\n" if passed
                     else "Everyone here has given an idea.\n")
    else:
        parts.append((f"Not heard from yet ({len(waiting)})\n", "bold"))
        parts += _names(waiting)
    if passed:
        parts.append((f"\nPassed ({len(passed)})\n", "bold"))
        parts += _names(passed)
        parts.append(f"{PASS_KEY} again takes a pass back.\n")
    return text.join(parts)


def _names(people: list[Participant]) -> list:
    parts: list = []
    for person in sorted(people, key=lambda p: p.name.casefold()):
        parts += ["\u2022 ", text.one_line(person.name or "a participant", NAME_WIDTH), "\n"]
    return parts


def person_for_pass(picker: SpeakerPicker, people: Iterable[Participant]) -> tuple[int, str] | str:
    """(id, name) of the person in "Said by" to pass, or the sentence saying why there is none.

    A chosen person counts; so does a typed start of a name that fits exactly one person (the
    facilitator typed "Ben" and pressed the pass key without Tab). Several matches are not
    guessed at: passing the wrong person would take them off the list unheard.
    """
    speaker = picker.speaker
    if speaker is not None and speaker.anonymous:
        return f"Only a named person can pass: type their name in \u201cSaid by\u201d, then press {PASS_KEY}."
    if speaker is not None and speaker.participant_id is not None:
        return speaker.participant_id, speaker.name
    typed = picker.query_text.strip()
    if not typed:
        return f"To note a pass, type the person's name in \u201cSaid by\u201d, then press {PASS_KEY}."
    matches = match_people(people, typed, allow_anonymous=False)
    if len(matches) == 1:
        return matches[0].participant_id, matches[0].name
    if not matches:
        return f"No one here has a name starting with \u201c{typed}\u201d, so no pass was noted."
    return f"Several people's names start with \u201c{typed}\u201d: press Tab to choose one, then {PASS_KEY}."


class PassTurn:
    """The pass key of ``IdeasPanel`` (kept here with the list it changes).

    Uses the panel's ``stage_id``, ``presenting``, ``_people``, ``_passes``, ``_counts``,
    ``_message``, ``_show_summary``, ``Changed`` and its saving (``SavesWithoutFreezing``).
    """

    def action_pass_turn(self) -> None:
        """The person in "Said by" passes; if they had passed, they take it back (said in words)."""
        picker = self.query_one(SpeakerPicker)
        chosen = person_for_pass(picker, self._people.values())
        if isinstance(chosen, str):
            self._message(chosen, error=True)
            return
        if self.refuse_while_saving(BUSY):  # never overtake a save the room is waiting for
            return
        (person_id, name), stage_id = chosen, self.stage_id
        taking_back = person_id in self._passes
        said = self._pass_sentence(name, taking_back, heard=bool(self._counts.get(person_id)))

        def change(store) -> None:
            (store.withdraw_pass if taking_back else store.record_pass)(stage_id, person_id)

        def done(_result=None) -> None:
            (self._passes.discard if taking_back else self._passes.add)(person_id)
            picker.clear()  # ready for the next person round the room
            self._message(said, saved=True)
            self._show_summary()
            self.post_message(self.Changed())

        def failed(error: FacilitatorError) -> None:
            self._message(str(error), error=True)

        if not self.save(change, done=done, failed=failed) and self.saving_in_background:
            self._message("Saving\u2026")

    def _pass_sentence(self, name: str, taking_back: bool, *, heard: bool) -> str:
        return pass_sentence(name, taking_back, heard=heard, presenting=self.presenting)


def pass_sentence(name: str, taking_back: bool, *, heard: bool, presenting: bool = False) -> str:
    """What the message line says once a pass is noted or taken back (here and on the note-taker's
    screen, ``CaptureScreen``)."""
    # The room reads the projected screen: there the line says what happened, not to whom.
    if taking_back:
        said = "The pass is taken back" if presenting else f"{name} takes back their pass"
        return said + (". They have given an idea, so they count as heard." if heard
                       else ": they are waiting to be heard again.")
    said = "Pass noted" if presenting else f"{name} passes"
    return said + f"; {PASS_KEY} again takes it back."
