"""The vote stage: equal, secret dot-voting driven from the keyboard.

Choose who is voting (a list of people who have arrived, or type the start of a name), then give
dots with keys. The store checks the budget and the per-item cap inside its write transaction;
this panel only shows the store's sentence when it refuses. Totals stay hidden until the
facilitator reveals them: before that the room sees how many people have voted, and only the
facilitator's own screen (not while presenting) sees who has not voted yet. Who voted for what
is never shown to the room; a person's own dots are shown only on an unprojected screen. How far
the vote has got, and the reveal, are in ``vote_reveal.py``.

Saving never freezes the projected screen: a dot or the reveal is written at once when nobody
else is writing, and otherwise handed to a ``BackgroundWriter`` while the message line says it is
waiting; a second change while one waits is refused with a sentence, not queued out of sight.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain.models import Participant
from facilitator.domain.voting import dots_left
from facilitator.ui.dialogs.decision_fields import (
    display_name,
    refill,
    starts_with,
)
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.stages.vote_reveal import VoteReveal
from facilitator.ui.stages.vote_ties import VoteTies
from facilitator.ui.text import join, one_line, plain
from facilitator.ui.widgets.result_bars import ResultBars
from facilitator.ui.widgets.status_line import StatusLine

PAPER = "facilitator (paper)"
DOT = "\u25cf"
# Below this many columns the panel tightens its spacing (see the CSS).
NARROW = 70
WIDE = 110  # from here the people list can show whole names with their dots left
BUSY = "Still saving the last change; press the key again in a moment."


def _dots(count: int) -> str:
    return f"{count} dot" if count == 1 else f"{count} dots"


class VotePanel(VoteReveal, VoteTies, SavesWithoutFreezing, StagePanel):
    DEFAULT_CSS = """
    VotePanel { height: 1fr; }
    VotePanel #vote-prompt { margin-bottom: 1; }
    VotePanel #vote-who { text-style: bold; }
    VotePanel #vote-paper { text-style: bold reverse; display: none; }
    VotePanel.-paper #vote-paper { display: block; }
    VotePanel #vote-body { height: 1fr; }
    VotePanel #vote-people { width: 28; height: 1fr; margin-right: 1; }
    VotePanel #vote-people-list { height: 1fr; border: round $foreground 40%; text-wrap: nowrap; text-overflow: ellipsis; }
    /* One line per name, never wrapped: no need to keep room for a scroll bar (see StagePanel). */
    VotePanel #vote-people-list { scrollbar-gutter: auto; }
    VotePanel #vote-people-list:focus { border: round $accent; }
    VotePanel #vote-candidates { border: round $foreground 40%; height: 1fr; }
    VotePanel #vote-candidates:focus { border: round $accent; }
    VotePanel #vote-results-box {
        height: auto; max-height: 1fr; display: none; border: round $foreground 40%; padding: 0 1;
    }
    VotePanel.-revealed #vote-results-box { display: block; }
    VotePanel.-revealed #vote-body { display: none; }
    VotePanel #vote-message { padding: 0; }
    VotePanel #vote-progress { margin-top: 1; }
    /* A narrow main area (an 80x24 projector beside the agenda): every line counts. */
    VotePanel.-narrow #vote-prompt { margin-bottom: 0; }
    VotePanel.-narrow #vote-progress { margin-top: 0; }
    VotePanel.-narrow #vote-people { width: 20; margin-right: 0; }
    /* A wide screen: room for whole names and "not voted" beside them. */
    VotePanel.-wide #vote-people { width: 42; }
    /* Presenting while someone votes at this keyboard: the room must not see which item or
       which person the cursor is on, so the cursor rows look like every other row. */
    VotePanel.-private OptionList > .option-list--option-highlighted,
    VotePanel.-private OptionList:focus > .option-list--option-highlighted {
        color: $foreground; background: $background 0%; text-style: none;
    }
    """

    still_saving_sentence = BUSY

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("plus,equals_sign,right", "give_dot", "+ dot"),
        Binding("minus,left", "take_dot", "- dot"),
        Binding("w", "choose_person", "Who votes"),
        Binding("P", "toggle_paper", "Paper dots"),
        Binding("b", "change_dots", "Dots each"),
        Binding("r", "runoff", "Run-off"),
        Binding("t", "settle_tie", "Tie settled"),
        *[Binding(str(n), f"jump({n})", f"Item {n}", show=False) for n in range(1, 10)],
    ]

    # The palette's names (``ui/commands.py``). The reveal is the run screen's key (Ctrl+R).
    COMMAND_NAMES: ClassVar[dict[str, str]] = {
        "give_dot": "Vote: give a dot to the highlighted item",
        "take_dot": "Vote: take a dot back",
        "choose_person": "Vote: choose who is voting",
        "toggle_paper": "Vote: paper dots on or off",
        "change_dots": "Vote: change the dots each person has (before the first dot)",
        "runoff": "Vote: run-off among the tied options",
        "settle_tie": "Vote: record how the room settled the tie",
    }

    def __init__(self, store, workshop_id: int, stage_id: int, *, presenting: bool = False) -> None:
        super().__init__(store, workshop_id, stage_id, presenting=presenting)
        self.person_id: int | None = None
        self.paper = False

    # -- building -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="vote-prompt")
        yield Static(id="vote-budget")
        yield Static(id="vote-who")
        yield Static(
            "Paper dots: entering dots from paper for someone not at a keyboard "
            "(recorded as entered by the facilitator).",
            id="vote-paper",
        )
        with Horizontal(id="vote-body"):
            with Vertical(id="vote-people"):
                # Short enough for the narrowest column (20 cells); the line above says what to do.
                yield Input(placeholder="Type who is voting", id="vote-name", compact=True)
                yield OptionList(id="vote-people-list")
            yield OptionList(id="vote-candidates")
        with VerticalScroll(id="vote-results-box"):
            yield ResultBars(id="vote-results")
        yield StatusLine(id="vote-message")
        yield Static(id="vote-progress")

    def on_resize(self) -> None:
        narrow = self.size.width < NARROW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self.reload()
        self.set_class(self.size.width >= WIDE, "-wide")

    def on_built(self) -> None:
        self.query_one("#vote-people-list").border_title = "Who is here"
        self.query_one("#vote-candidates").border_title = "Items: + gives a dot, - takes one back"
        self.query_one("#vote-results-box").border_title = "Results"
        self.reload()
        # Revealed: the results take the cursor, so the tie's keys (r, t) work at once.
        self.query_one("#vote-results-box" if self.stage.revealed else "#vote-candidates").focus()

    # -- reading --------------------------------------------------------------------------------

    def _present_people(self) -> list[Participant]:
        return [person for person in self.store.participants(self.workshop_id) if person.is_present]

    def _person(self) -> Participant | None:
        if self.person_id is None:
            return None
        return next((p for p in self.store.participants(self.workshop_id) if p.id == self.person_id), None)

    def reload(self) -> None:
        if not self.children:  # not composed yet: on_built fills it in
            return
        stage = self.stage
        revealed = stage.revealed
        self.set_class(revealed, "-revealed")
        self.set_class(self.paper, "-paper")
        self.set_class(self.presenting and not revealed, "-private")
        # A name typed to choose who votes is hidden on a projected screen, like a password.
        self.query_one("#vote-name", Input).password = self.presenting
        prompt = stage.settings.get("prompt", "")
        self.query_one("#vote-prompt", Static).update(plain(prompt) if prompt else join([(stage.title, "bold")]))
        budget = self.store.vote_budget(self.stage_id)
        used = self.store.dots_used(self.stage_id)
        self._show_budget()
        if revealed or not stage.settings.get("secret", True):
            self.query_one("#vote-results", ResultBars).show(self.store.tally(self.stage_id))
        if revealed:
            self.query_one("#vote-who", Static).update(Content.styled("The votes have been revealed.", "bold"))
            self._show_progress(used)
            return
        self._fill_people(budget, used)
        self._fill_candidates(budget)
        self._show_who(budget)
        self._show_progress(used)

    def _fill_people(self, budget: int, used: dict[int, int]) -> None:
        typed = self.query_one("#vote-name", Input).value
        options = []
        for person in starts_with(self._present_people(), typed):
            parts: list = [display_name(person)]
            if not self.presenting and not self.has_class("-narrow"):
                # Who has finished is facilitator-only: never on the projected screen.
                count = used.get(person.id, 0)
                parts.append(("  not voted" if count == 0 else f"  {dots_left(budget, count)} left", "dim"))
            options.append(Option(join(parts), id=f"p{person.id}"))
        refill(self.query_one("#vote-people-list", OptionList), options)

    def _fill_candidates(self, budget: int) -> None:
        mine: dict[tuple[str, int], int] = {}
        # A person's own dots are theirs to see, but not the room's: hidden while presenting.
        if self.person_id is not None and not self.presenting:
            mine = self.store.dots_of(self.stage_id, self.person_id)
        totals = {} if self.stage.settings.get("secret", True) else self.store.dot_totals(self.stage_id)
        options = []
        for number, candidate in enumerate(self.store.candidates(self.stage_id), start=1):
            key = (candidate.kind, candidate.id)
            parts: list = [(f"{number:>2}  ", "bold"), one_line(candidate.label)]
            if mine.get(key):
                parts.append((f"  {DOT * mine[key]} {mine[key]} given", "bold"))
            if totals:
                parts.append((f"   ({_dots(totals.get(key, 0))} so far)", "dim"))
            options.append(Option(join(parts), id=f"{candidate.kind}:{candidate.id}"))
        candidates = self.query_one("#vote-candidates", OptionList)
        refill(candidates, options)
        if options and candidates.highlighted is None:
            candidates.highlighted = 0
        if not options:
            self._say("There is nothing to vote on yet: ideas from earlier stages appear here.", error=False)

    def _show_who(self, budget: int) -> None:
        person = self._person()
        if self.presenting:
            # The projected screen never says who is voting, nor where the cursor is.
            text = Content(
                "Private voting: choose who votes with w (the name is hidden), then 1-9 picks an item "
                "and + gives a dot. Nobody's name, item or dots are shown while presenting."
                if person is None else
                "Someone is voting in private: 1-9 picks an item, + gives a dot, - takes one back."
            )  # fmt: skip
        elif person is None:
            text = Content("Choose who is voting: press w, or pick a name from the list.")
        else:
            left = dots_left(budget, sum(self.store.dots_of(self.stage_id, person.id).values()))
            text = join([(display_name(person), "bold"), f": {left} of {_dots(budget)} left"])
        self.query_one("#vote-who", Static).update(text)

    # -- choosing a person ----------------------------------------------------------------------

    @on(Input.Changed, "#vote-name")
    def _filter_people(self) -> None:
        if not self.stage.revealed:
            budget = self.store.vote_budget(self.stage_id)
            self._fill_people(budget, self.store.dots_used(self.stage_id))

    @on(Input.Submitted, "#vote-name")
    def _typed_person(self, event: Input.Submitted) -> None:
        matches = starts_with(self._present_people(), event.value) or starts_with(
            [p for p in self.store.participants(self.workshop_id) if not p.forgotten], event.value
        )
        if not event.value.strip() or not matches:
            self._say("Nobody who has arrived has a name starting like that.")
            return
        self.choose(matches[0].id)

    @on(OptionList.OptionSelected, "#vote-people-list")
    def _picked_person(self, event: OptionList.OptionSelected) -> None:
        self.choose(int(event.option.id[1:]))

    def choose(self, participant_id: int) -> None:
        """Make this person the one voting; the cursor moves to the items."""
        self.person_id = participant_id
        name_box = self.query_one("#vote-name", Input)
        name_box.value = ""
        self._say("")
        self.reload()
        self.query_one("#vote-candidates", OptionList).focus()

    def action_choose_person(self) -> None:
        self.query_one("#vote-name", Input).focus()

    # -- giving and taking dots -----------------------------------------------------------------

    def _highlighted_candidate(self) -> tuple[str, int] | None:
        option = self.query_one("#vote-candidates", OptionList).highlighted_option
        if option is None or option.id is None:
            return None
        kind, _, number = option.id.partition(":")
        return kind, int(number)

    def _ready(self) -> tuple[str, int] | None:
        if self.stage.revealed:
            self._say("The votes have been revealed, so no more dots can be given.")
            return None
        if self.person_id is None:
            self._say("Choose who is voting first: press w and type the start of their name.")
            return None
        candidate = self._highlighted_candidate()
        if candidate is None:
            self._say("There is nothing to vote on yet.")
        return candidate

    def action_give_dot(self) -> None:
        if self.refuse_while_saving():
            return
        candidate = self._ready()
        if candidate is None:
            return
        entered_by = PAPER if self.paper else (getattr(self.app, "typist", None) or "")
        stage_id, person_id, name = self.stage_id, self.person_id, self._person_name()

        def change(store):
            return store.cast_dot(stage_id, person_id, *candidate, entered_by=entered_by)

        if self.presenting:
            self._write(change, lambda left: self._after_change(f"Dot given. {_dots(left)} left."))
        else:
            self._write(change, lambda left: self._after_change(f"Dot given. {name}: {_dots(left)} left."))

    def action_take_dot(self) -> None:
        if self.refuse_while_saving():
            return
        candidate = self._ready()
        if candidate is None:
            return
        stage_id, person_id, name = self.stage_id, self.person_id, self._person_name()

        if self.presenting:
            name = "This person"

        def taken_back(taken: bool) -> None:
            if not taken:
                self._say(f"{name} has no dot on that item to take back.")
                return
            self._after_change("Dot taken back." if self.presenting else f"Dot taken back from {name}.")

        self._write(lambda store: store.remove_dot(stage_id, person_id, *candidate), taken_back)

    def _write(self, change, done) -> None:
        """Save ``change(store)`` and call ``done(result)`` (see ``SavesWithoutFreezing``)."""
        self.save(change, done=done)

    def show_save_error(self, sentence: str) -> None:
        if self.presenting and self.person_id is not None:
            # The store's sentence names the person and the item: not for the projected screen.
            sentence = self._private_refusal()
        self._say(sentence)
        self.reload()  # another program may have changed things while this one waited

    def _private_refusal(self) -> str:
        budget = self.store.vote_budget(self.stage_id)
        used = sum(self.store.dots_of(self.stage_id, self.person_id).values())
        if used >= budget:
            used_up = "the 1 dot is used" if budget == 1 else f"all {budget} dots are used"
            return f"Not given: {used_up}. Take one back first to move it."
        cap = int(self.stage.settings.get("max_per_candidate", 3))
        return f"Not given: that item already has the most dots one person can give it ({cap})."

    def show_saving_state(self, seconds: float | None) -> None:
        # The waiting line goes when the wait is over; ``done`` or the error says what happened.
        if seconds is None:
            self.status.info("")
        else:
            self.status.waiting(seconds)

    def _person_name(self) -> str:
        person = self._person()
        return display_name(person) if person else "This person"

    def _after_change(self, sentence: str) -> None:
        self.reload()
        self._say(sentence, error=False)
        self.post_message(StagePanel.Changed())

    def action_jump(self, number: int) -> None:
        candidates = self.query_one("#vote-candidates", OptionList)
        if number <= candidates.option_count:
            candidates.highlighted = number - 1
            candidates.focus()

    # -- paper dots -----------------------------------------------------------------------------

    def action_toggle_paper(self) -> None:
        self.paper = not self.paper
        self.set_class(self.paper, "-paper")
        self._say("Paper dots on: dots are recorded as entered by the facilitator." if self.paper
                  else "Paper dots off.", error=False)

    # -- messages -------------------------------------------------------------------------------

    @property
    def status(self) -> StatusLine:
        return self.query_one("#vote-message", StatusLine)

    def _say(self, sentence: str, *, error: bool = True) -> None:
        """Show a sentence inline; an error is also a notification, so it is noticed."""
        if error:
            self.status.error(sentence)
        else:
            self.status.saved(sentence)
        if error and sentence:
            self.app.notify(sentence, severity="error", markup=False)

