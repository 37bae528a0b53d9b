"""The ladder stage: each person privately places where we are now and where we want to be.

Choose who is placing (the list of people here), move to a rung and press ``n`` for "where we are
now" and ``b`` for "where we want to be"; once both are chosen they are saved, and the panel is
ready for the next person. Placements are secret until the facilitator reveals them (Ctrl+R):
then the two distributions show together, as counts per rung with a bar of characters (so colour
is never the only signal), or a sentence when fewer than 3 people placed.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain import ladders
from facilitator.ui.dialogs.decision_fields import refill
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.stages.answering import Answering, answering_css, people_word
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.text import join, one_line, plain
from facilitator.ui.widgets.status_line import StatusLine

NARROW = 70
NOW_MARK, WANT_MARK = "\u25c0 now", "\u25c0 want to be"


def distribution_lines(ladder: ladders.Ladder, result: ladders.Distribution, width: int = 10) -> Content:
    """Both distributions side by side, highest rung first: the count as a number and a bar."""
    if result.withheld:
        return Content(ladders.WITHHELD)
    name_width = min(24, max(len(name) for name in ladder.rungs))
    now, want = ladders.bar_lines(ladder, result.now, width), ladders.bar_lines(ladder, result.want, width)
    lines = [join([(f"{'Rung':<{name_width}}  {'Now':<{width + 5}}Want to be", "bold")])]
    for (name, now_bar, now_count), (_, want_bar, want_count) in zip(now, want):
        shown = name if len(name) <= name_width else name[: name_width - 1] + "\u2026"
        lines.append(join([(f"{shown:<{name_width}}  ", "bold"), f"{now_count:>2} ", (f"{now_bar:<{width}}", "$accent"), "  ",
                           f"{want_count:>2} ", (want_bar, "$accent")]))  # fmt: skip
    lines.append(Content(ladders.summary_sentence(ladder, result)))
    return Content("\n").join(lines)


class LadderPanel(Answering, SavesWithoutFreezing, StagePanel):
    DEFAULT_CSS = (
        """
    LadderPanel { height: 1fr; }
    LadderPanel #ladder-who { text-style: bold; }
    LadderPanel #ladder-body { height: 1fr; }
    LadderPanel #ladder-rungs { height: 1fr; border: round $foreground 40%; }
    LadderPanel #ladder-rungs:focus { border: round $accent; }
    LadderPanel #ladder-results-box { height: auto; max-height: 1fr; display: none; border: round $foreground 40%;
                                      padding: 0 1; }
    LadderPanel #ladder-rungs { scrollbar-gutter: auto; }
    """
        + answering_css("LadderPanel")
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "place('now')", "Now"),
        Binding("b", "place('want')", "Want to be"),
        Binding("w", "choose_person", "Who"),
        *[Binding(str(n), f"jump({n})", f"Rung {n}", show=False) for n in range(1, 10)],
    ]
    COMMAND_NAMES: ClassVar[dict[str, str]] = {
        "choose_person": "Ladder: choose who is placing",
    }

    def __init__(self, store, workshop_id: int, stage_id: int, *, presenting: bool = False) -> None:
        super().__init__(store, workshop_id, stage_id, presenting=presenting)
        self.person_id = None
        self.chosen_rungs: dict[str, int] = {}

    @property
    def ladder(self) -> ladders.Ladder:
        return ladders.ladder_of(self.stage.settings)

    def compose(self) -> ComposeResult:
        yield Static(id="ladder-prompt")
        yield Static(id="ladder-who")
        with Horizontal(id="ladder-body"):
            yield OptionList(id="answer-people")
            yield OptionList(id="ladder-rungs", classes="answers")
        yield Static(id="ladder-meaning")
        with VerticalScroll(id="ladder-results-box"):
            yield Static(id="ladder-results")
        yield StatusLine(classes="answer-message")
        yield Static(id="ladder-progress")

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def on_built(self) -> None:
        ladder = self.ladder
        self.query_one("#answer-people").border_title = "Who is here"
        self.query_one("#ladder-rungs").border_title = "1-9 or arrows, then n: now \u00b7 b: want to be"
        self.query_one("#ladder-results-box").border_title = "Where people placed"
        self.query_one("#ladder-rungs").border_subtitle = one_line(ladder.attribution or ladder.name)
        self.reload()
        self.query_one("#answer-people", OptionList).focus()

    def reload(self) -> None:
        if not self.children:
            return
        stage = self.stage
        # Shown and hidden directly: a class on the panel would restyle every widget inside it.
        for hidden_once_revealed in ("#ladder-body", "#ladder-meaning"):
            self.query_one(hidden_once_revealed).display = not stage.revealed
        self.query_one("#ladder-results-box").display = stage.revealed
        self.set_class(self.presenting and not stage.revealed, "-private")
        self.query_one("#ladder-prompt", Static).update(plain(stage.settings.get("prompt") or stage.title))
        placed = self.store.ladder_placed(self.stage_id)
        self.query_one("#ladder-progress", Static).update(self.progress(placed, "placed"))
        if stage.revealed:
            self.query_one("#ladder-who", Static).update("Revealed: where everyone placed, together.")
            self.query_one("#ladder-results", Static).update(
                distribution_lines(self.ladder, self.store.ladder_result(self.stage_id))
            )
            return
        self.fill_people(placed)
        self.query_one("#ladder-who", Static).update(self.who_text("placing"))
        self._fill_rungs()

    def _fill_rungs(self) -> None:
        ladder = self.ladder
        options = []
        for number in range(len(ladder.rungs), 0, -1):
            name = ladder.rungs[number - 1]
            parts: list = [(f"{number}  {name}", "bold")]
            if not self.presenting:  # where someone placed is never on the projected screen
                if self.chosen_rungs.get("now") == number:
                    parts.append((f"  {NOW_MARK}", "bold reverse"))
                if self.chosen_rungs.get("want") == number:
                    parts.append((f"  {WANT_MARK}", "bold reverse"))
            options.append(Option(join(parts), id=f"r{number}"))
        rungs = self.query_one("#ladder-rungs", OptionList)
        refill(rungs, options)
        if options and rungs.highlighted is None:
            rungs.highlighted = 0
        self._show_meaning()

    @on(OptionList.OptionHighlighted, "#ladder-rungs")
    def _show_meaning(self) -> None:
        """The highlighted rung's plain definition, under the ladder (one line per rung above it)."""
        option = self.query_one("#ladder-rungs", OptionList).highlighted_option
        meaning = self.query_one("#ladder-meaning", Static)
        if option is None or self.presenting and self.person_id is not None:
            meaning.update("")  # while someone places in front of the room, not even the cursor's rung
            return
        number = int(option.id[1:])
        ladder = self.ladder
        meaning.update(join([(ladder.rungs[number - 1], "bold"), ": ", ladder.definitions[number - 1]]))

    def action_jump(self, number: int) -> None:
        """A rung by its number (the list shows them), so a person placing in front of a projected
        screen, where the cursor is not shown, can still choose."""
        rungs = self.query_one("#ladder-rungs", OptionList)
        index = next((n for n, option in enumerate(rungs.options) if option.id == f"r{number}"), None)
        if index is not None:
            rungs.highlighted = index
            rungs.focus()
            if self.presenting:
                # Never the number: the room would see where the person placed.
                self.say("Rung chosen: n for where we are now, b for where we want to be.", error=False)

    def chosen(self) -> None:
        placed = None if self.presenting else self.store.ladder_placement(self.stage_id, self.person_id)
        self.chosen_rungs = {} if placed is None else {"now": placed[0], "want": placed[1]}
        self.query_one("#ladder-rungs", OptionList).focus()

    def action_place(self, which: str) -> None:
        if self.refuse_while_saving():
            return
        if self.stage.revealed:
            self.say("The ladder has been revealed, so places can no longer be changed.")
            return
        if self.person_id is None:
            self.say("Choose who is placing first: press w, pick a name and press Enter.")
            return
        option = self.query_one("#ladder-rungs", OptionList).highlighted_option
        if option is None:
            return
        self.chosen_rungs[which] = int(option.id[1:])
        if len(self.chosen_rungs) < 2:
            other = "b for where we want to be" if which == "now" else "n for where we are now"
            self.say(f"Chosen. Now move to a rung and press {other}.", error=False)
            self._fill_rungs()
            return
        stage_id, person_id, rungs = self.stage_id, self.person_id, dict(self.chosen_rungs)
        typist = getattr(self.app, "typist", None) or ""

        def saved(_result) -> None:
            name = "" if self.presenting else f" for {one_line(self.person().name if self.person() else '')}"
            self.person_id, self.chosen_rungs = None, {}
            self.after_change(f"Saved{name}. Next person, please.")
            self.query_one("#answer-people", OptionList).focus()

        self.save(lambda store: store.place_on_ladder(stage_id, person_id, rungs["now"], rungs["want"],
                                                      entered_by=typist), done=saved)  # fmt: skip

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("place", "choose_person", "jump"):  # nothing to place once revealed
            return not self.stage.revealed
        return True

    @property
    def can_reveal(self) -> bool:
        return not self.stage.revealed

    def action_reveal(self) -> None:
        if self.stage.revealed:
            self.say("The ladder is already revealed.", error=False)
            return
        placed = len(self.store.ladder_placed(self.stage_id))
        detail = f"{people_word(placed)} {'has' if placed == 1 else 'have'} placed. No places can change after the reveal."
        if placed < ladders.SMALL_GROUP:
            detail += " With fewer than 3, the room will see only a sentence, not the counts."
        self.confirm_reveal("Reveal where everyone placed?", detail)
