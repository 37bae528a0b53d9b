"""The checkin stage: how people are arriving (and, if the agenda asks, leaving), in a word or a colour.

Choose who is answering, type one word or a colour (green, amber or red) and press Enter. What
anyone said is private: the room sees only counts, and none with fewer than 3 answers; the word
is hidden while it is typed on a projected screen. Ctrl+L switches between arriving and leaving.
When someone leaves low (red, or a word such as "tired"), the facilitator's own screen, never
the projected one, suggests a quiet word with them.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static

from facilitator.domain import checkin as checkins
from facilitator.domain.models import Participant
from facilitator.ui.dialogs.decision_fields import display_name
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.stages.answering import Answering, answering_css
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.text import join, one_line, plain
from facilitator.ui.widgets.status_line import StatusLine

NARROW = 70
COLOUR_HINT = "Or a colour: green (feeling good), amber (so-so), red (having a hard time)."


def counts_text(label: str, result: dict | None) -> Content:
    if not result or not result.get("answers"):
        return join([(label, "bold"), ": nobody yet."])
    if result.get("withheld"):
        return join([(label, "bold"), f": {result['answers']} so far; counts show from 3 answers, so nobody is singled out."])
    counted = ", ".join(f"{word} {count}" for word, count in result["counts"])
    return join([(label, "bold"), f" ({result['answers']}): ", counted])


def low_prompt(people: list[Participant]) -> Content:
    names = Content(", ").join(one_line(display_name(person)) for person in people)
    some = "may be" if len(people) == 1 else "may each be"
    return join([("Only you see this: ", "bold"), names,
                 f" {some} leaving low. Perhaps a quiet word, or check they have support to get home."])


class CheckinPanel(Answering, SavesWithoutFreezing, StagePanel):
    DEFAULT_CSS = (
        """
    CheckinPanel { height: 1fr; }
    CheckinPanel #checkin-who { text-style: bold; }
    CheckinPanel #checkin-body { height: 1fr; }
    CheckinPanel #checkin-answer { height: 1fr; overflow-y: auto; }
    CheckinPanel #checkin-counts { margin-top: 1; }
    CheckinPanel #checkin-low { color: $text-warning; }
    CheckinPanel #checkin-hint { color: $text-muted; }
    """
        + answering_css("CheckinPanel")
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("w", "choose_person", "Who"),
        Binding("ctrl+l", "switch_moment", "Arriving/leaving"),
    ]
    COMMAND_NAMES: ClassVar[dict[str, str]] = {
        "choose_person": "Check-in: choose who is answering",
        "switch_moment": "Check-in: switch between arriving and leaving",
    }

    def __init__(self, store, workshop_id: int, stage_id: int, *, presenting: bool = False) -> None:
        super().__init__(store, workshop_id, stage_id, presenting=presenting)
        self.person_id = None
        self.moment = checkins.ARRIVING

    def compose(self) -> ComposeResult:
        yield Static(id="checkin-prompt")
        yield Static(id="checkin-who")
        yield Static(id="checkin-low")
        with Horizontal(id="checkin-body"):
            yield OptionList(id="answer-people")
            with Vertical(id="checkin-answer"):
                yield Input(placeholder="One word, or a colour", id="checkin-word", max_length=checkins.WORD_TEXT,
                            compact=True)
                yield Static(COLOUR_HINT, id="checkin-hint")
                yield Static(id="checkin-counts")
        yield StatusLine(classes="answer-message")
        yield Static(id="checkin-progress")

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def on_built(self) -> None:
        self.query_one("#answer-people").border_title = "Who is here"
        self.reload()
        self.query_one("#answer-people", OptionList).focus()

    def reload(self) -> None:
        if not self.children:
            return
        stage = self.stage
        leaving = self.moment == checkins.LEAVING
        self.set_class(self.presenting, "-private")
        self.query_one("#checkin-word", Input).password = self.presenting
        key = "leaving_prompt" if leaving else "prompt"
        self.query_one("#checkin-prompt", Static).update(plain(stage.settings.get(key) or stage.title))
        done = self.store.checked_in(self.stage_id, self.moment)
        self.fill_people(done)
        self.query_one("#checkin-who", Static).update(self.who_text("answering"))
        self.query_one("#checkin-progress", Static).update(self.progress(done, "answered"))
        counts = self.store.checkin_counts(self.stage_id)
        lines = [counts_text("Arriving", counts.get(checkins.ARRIVING))]
        if stage.settings.get("leaving"):
            lines.append(counts_text("Leaving", counts.get(checkins.LEAVING)))
        self.query_one("#checkin-counts", Static).update(Content("\n").join(lines))
        low = self.query_one("#checkin-low", Static)
        people = {p.id: p for p in self.store.participants(self.workshop_id)}
        leaving_low = [people[pid] for pid in self.store.leaving_low(self.stage_id) if pid in people]
        low.display = bool(leaving_low) and not self.presenting  # the facilitator's own screen only
        if low.display:
            low.update(low_prompt(leaving_low))

    def chosen(self) -> None:
        self.query_one("#checkin-word", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "checkin-word":
            return
        event.stop()
        if self.refuse_while_saving():
            return
        if self.person_id is None:
            self.say("Choose who is answering first: press w, pick a name and press Enter.")
            return
        stage_id, person_id, moment, word = self.stage_id, self.person_id, self.moment, event.value

        def saved(_result) -> None:
            event.input.value = ""
            self.person_id = None
            self.after_change("Thank you. Next person, please.")
            self.query_one("#answer-people", OptionList).focus()

        self.save(lambda store: store.check_in(stage_id, person_id, word, moment), done=saved)

    def action_switch_moment(self) -> None:
        if not self.stage.settings.get("leaving"):
            self.say("This check-in asks only how people are arriving.")
            return
        self.moment = checkins.LEAVING if self.moment == checkins.ARRIVING else checkins.ARRIVING
        self.person_id = None
        self.say(f"Now asking how people are {self.moment}.", error=False)
        self.reload()
