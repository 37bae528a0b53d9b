"""What the ladder, score and checkin panels share: choosing who is answering, saying things,
and a private answer that the projected screen never shows.

The panel lists the people who have arrived (``#answer-people``); Enter on a name makes that
person the one answering. While presenting, what they choose is not shown and the cursor in the
list of answers (class ``answers``) looks like every other row (``-private``), so the room cannot
see what anyone chooses; the number keys pick a row without seeing the cursor.
Uses the panel's ``store``, ``workshop_id``, ``stage``, ``presenting``, ``reload`` and ``save``.
"""

from __future__ import annotations

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from facilitator.domain.models import Participant
from facilitator.ui.dialogs.decision_fields import display_name, people_list, refill
from facilitator.ui.text import join
from facilitator.ui.widgets.status_line import StatusLine

_ANSWERING_CSS = """
    & #answer-people { width: 24; height: 1fr; margin-right: 1; border: round $foreground 40%; }
    & #answer-people { scrollbar-gutter: auto; text-wrap: nowrap; text-overflow: ellipsis; }
    & #answer-people:focus { border: round $accent; }
    &.-narrow #answer-people { width: 18; margin-right: 0; }
    &.-private .answers > .option-list--option-highlighted,
    &.-private .answers:focus > .option-list--option-highlighted {
        color: $foreground; background: $background 0%; text-style: none;
    }
"""


def answering_css(panel: str) -> str:
    """The people list's and the private cursor's styles, for the panel class called ``panel``."""
    return _ANSWERING_CSS.replace("&", panel)


BUSY = "Still saving the last change; press the key again in a moment."


def people_word(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


class Answering:
    person_id: int | None = None
    still_saving_sentence = BUSY

    def present_people(self) -> list[Participant]:
        return [person for person in self.store.participants(self.workshop_id) if person.is_present]

    def person(self) -> Participant | None:
        if self.person_id is None:
            return None
        return next((p for p in self.store.participants(self.workshop_id) if p.id == self.person_id), None)

    def fill_people(self, done: set[int]) -> None:
        options = []
        for person in self.present_people():
            parts: list = [display_name(person)]
            if not self.presenting and person.id in done:
                parts.append(("  done", "dim"))
            options.append(Option(join(parts), id=f"p{person.id}"))
        people = self.query_one("#answer-people", OptionList)
        refill(people, options)
        if options and people.highlighted is None:
            people.highlighted = 0

    def progress(self, done: set[int], verb: str) -> object:
        """"3 of 5 people have placed", and who has not (never while presenting or once revealed)."""
        here = self.present_people()
        everyone = done | {person.id for person in here}
        parts: list = [f"{len(done)} of {people_word(len(everyone))} {'has' if len(done) == 1 else 'have'} {verb}."]
        waiting = [person for person in here if person.id not in done]
        if waiting and not self.presenting and not self.stage.revealed:
            parts += ["\nNot yet (only you see this): ", people_list(waiting)]
        return join(parts)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        # A named handler, not ``@on``: Textual collects ``@on`` only from a widget class's own body.
        if event.option_list.id == "answer-people":
            event.stop()
            self.choose(int(event.option.id[1:]))

    def choose(self, participant_id: int) -> None:
        self.person_id = participant_id
        self.chosen()
        self.say("")
        self.reload()

    def chosen(self) -> None:
        """A new person answers: the panel clears what the last one chose and moves the cursor."""

    def who_text(self, what: str) -> object:
        person = self.person()
        if person is None:
            return f"Choose who is {what}: pick a name on the left and press Enter (w goes there)."
        if self.presenting:
            return f"Someone is {what} in private: their choices are not shown, nor where the cursor is."
        return join([(display_name(person), "bold"), f" is {what}."])

    def action_choose_person(self) -> None:
        self.query_one("#answer-people", OptionList).focus()

    @property
    def status(self) -> StatusLine:
        return self.query_one(".answer-message", StatusLine)

    def say(self, sentence: str, *, error: bool = True) -> None:
        if error:
            self.status.error(sentence)
        else:
            self.status.saved(sentence)
        if error and sentence:
            self.app.notify(sentence, severity="error", markup=False)

    def show_save_error(self, sentence: str) -> None:
        self.say(sentence)
        self.reload()

    def show_saving_state(self, seconds: float | None) -> None:
        if seconds is None:
            self.status.info("")
        else:
            self.status.waiting(seconds)

    def confirm_reveal(self, question: str, detail: object) -> None:
        from facilitator.ui.dialogs.confirm import ConfirmDialog

        stage_id = self.stage_id

        def answer(yes: bool | None) -> None:
            if yes and not self.refuse_while_saving():
                self.save(lambda store: store.set_revealed(stage_id, True), done=lambda _s: self.after_change(""))

        self.app.push_screen(ConfirmDialog(question, yes="Reveal", no="Not yet", detail=detail), answer)

    def after_change(self, sentence: str) -> None:
        from facilitator.ui.stages.base import StagePanel

        self.reload()
        self.say(sentence, error=False)
        self.post_message(StagePanel.Changed())


