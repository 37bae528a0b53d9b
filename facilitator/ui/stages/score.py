"""The score stage: a scoring panel for tenders and interviews.

Choose the panel member, then give each candidate a mark from 0 to 5 on each criterion (the
digits set the highlighted row and move on; Enter saves the whole sheet, and the panel is ready
for the next member). Marks are secret until the facilitator reveals them (Ctrl+R): then each
candidate and criterion shows its marks (no names), average and spread, and a spread of 2 or more
says "talk this through"; ``m`` records the panel's moderated score with its reason.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain import scoring
from facilitator.ui.dialogs.decision_fields import refill
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.stages.answering import Answering, answering_css, people_word
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.text import join, one_line, plain
from facilitator.ui.widgets.status_line import StatusLine

NARROW = 70


class Sheet(OptionList):
    """The marks. A digit has already moved the highlight on: a Down straight after it does not
    move it again (as in the check-out's form)."""

    moved_on = False

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.moved_on:
            event.stop()
            event.prevent_default()
        self.moved_on = False


class ScorePanel(Answering, SavesWithoutFreezing, StagePanel):
    DEFAULT_CSS = (
        """
    ScorePanel { height: 1fr; }
    ScorePanel #score-who { text-style: bold; }
    ScorePanel #score-body { height: 1fr; }
    ScorePanel #score-sheet, ScorePanel #score-results { height: 1fr; border: round $foreground 40%; }
    ScorePanel #score-sheet:focus, ScorePanel #score-results:focus { border: round $accent; }
    ScorePanel #score-results { display: none; }
    """
        + answering_css("ScorePanel")
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(str(n), f"mark({n})", f"Score {n}", show=False) for n in range(6)],
        Binding("w", "choose_person", "Who"),
        Binding("m", "moderate", "Moderate"),
    ]
    COMMAND_NAMES: ClassVar[dict[str, str]] = {
        "choose_person": "Scores: choose which panel member is scoring",
        "moderate": "Scores: record the panel's moderated score, with why",
    }

    def __init__(self, store, workshop_id: int, stage_id: int, *, presenting: bool = False) -> None:
        super().__init__(store, workshop_id, stage_id, presenting=presenting)
        self.person_id = None
        self.marks: dict[tuple[int, int], int] = {}
        # Whether revealed, as of the last reload: the keys are checked many times a frame, and
        # reading the stage each time took a database read apiece (bench_score.py).
        self._revealed: bool | None = None

    @property
    def setup(self) -> scoring.ScoreSetup:
        return scoring.setup_of(self.stage.settings)

    def compose(self) -> ComposeResult:
        yield Static(id="score-prompt")
        yield Static(id="score-who")
        with Horizontal(id="score-body"):
            yield OptionList(id="answer-people")
            yield Sheet(id="score-sheet", classes="answers")
        yield OptionList(id="score-results")
        yield StatusLine(classes="answer-message")
        yield Static(id="score-progress")

    def on_resize(self) -> None:
        self.set_class(self.size.width < NARROW, "-narrow")

    def on_built(self) -> None:
        self.query_one("#answer-people").border_title = "Panel"
        self.query_one("#score-sheet").border_title = "0-5: score it, then the next"
        self.query_one("#score-sheet").border_subtitle = "Enter: save the sheet"
        self.query_one("#score-results").border_title = "Revealed: m records a moderated score"
        self.reload()
        self.query_one("#answer-people", OptionList).focus()

    def _label(self, candidate: int, criterion: int, setup: scoring.ScoreSetup | None = None) -> str:
        setup = setup or self.setup
        weight = f" (x{setup.weights[criterion]})" if len(set(setup.weights)) > 1 else ""
        return f"{setup.candidates[candidate]} \u00b7 {setup.criteria[criterion]}{weight}"

    def reload(self) -> None:
        if not self.children:
            return
        stage = self.stage
        self._revealed = stage.revealed
        # Shown and hidden directly, not by a class on the panel: a class change restyles every
        # widget inside it, which took most of the reveal's redraw (bench_score.py).
        self.query_one("#score-body").display = not stage.revealed
        self.query_one("#score-results").display = stage.revealed
        if not stage.revealed:
            # Only the sheet's cursor (hidden once revealed) depends on it, and a class change
            # restyles the whole panel: left as it is at the reveal (bench_score.py).
            self.set_class(self.presenting, "-private")
        self.query_one("#score-prompt", Static).update(plain(stage.settings.get("prompt") or stage.title))
        done = set(self.store.marks_given(self.stage_id))
        self.query_one("#score-progress", Static).update(self.progress(done, "scored"))
        if stage.revealed:
            self.query_one("#score-who", Static).update("Revealed: every mark, with no names.")
            self._fill_results()
            return
        self.fill_people(done)
        self.query_one("#score-who", Static).update(self.who_text("scoring"))
        self._fill_sheet()

    def _fill_sheet(self) -> None:
        setup, options = self.setup, []
        for candidate in range(len(setup.candidates)):
            for criterion in range(len(setup.criteria)):
                mark = self.marks.get((candidate, criterion))
                parts: list = [one_line(self._label(candidate, criterion, setup))]
                if not self.presenting:  # the marks are never on the projected screen
                    parts.append(("  " + (f"[{mark}]" if mark is not None else "not yet"),
                                  "bold" if mark is not None else "dim"))  # fmt: skip
                options.append(Option(join(parts), id=f"c{candidate}-{criterion}"))
        sheet = self.query_one("#score-sheet", OptionList)
        refill(sheet, options)
        if options and sheet.highlighted is None:
            sheet.highlighted = 0

    def _fill_results(self) -> None:
        summary = self.store.score_summary(self.stage_id)
        setup, options = self.setup, []
        for candidate in range(len(setup.candidates)):
            total = summary.total(candidate)
            heading = "not every criterion scored" if total is None else f"{total:.1f} of {summary.most}"
            options.append(Option(join([(f"{one_line(setup.candidates[candidate])}: {heading}", "bold")]),
                                  id=f"t{candidate}", disabled=True))  # fmt: skip
            for criterion in range(len(setup.criteria)):
                cell = summary.cell(candidate, criterion)
                words = scoring.spread_words(cell, setup.discuss_spread)
                flag = cell.moderated is None and cell.spread >= setup.discuss_spread
                marks = " ".join(str(m) for m in cell.marks) or "none"
                average = "" if cell.mean is None else f" \u00b7 average {cell.mean:.1f}"
                parts: list = [f"  {one_line(setup.criteria[criterion])}: marks {marks}{average} \u00b7 ",
                               (("\u26a0 " if flag else "") + words, "bold reverse" if flag else "")]  # fmt: skip
                if cell.moderated is not None:  # the panel's own words for why
                    parts += [": ", one_line(cell.reason)]
                options.append(Option(join(parts), id=f"c{candidate}-{criterion}"))
        results = self.query_one("#score-results", OptionList)
        refill(results, options)
        if results.highlighted is None and len(options) > 1:
            results.highlighted = 1

    # -- scoring --------------------------------------------------------------------------------

    def chosen(self) -> None:
        self.marks = {} if self.presenting else self.store.marks_of(self.stage_id, self.person_id)
        sheet = self.query_one("#score-sheet", OptionList)
        sheet.highlighted = 0
        sheet.focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        revealed = self.stage.revealed if self._revealed is None else self._revealed
        if action in ("mark", "choose_person"):
            return not revealed
        if action == "moderate":
            return revealed
        return True

    def action_mark(self, score: int) -> None:
        if self.person_id is None:
            self.say("Choose which panel member is scoring first: press w, pick a name and press Enter.")
            return
        sheet = self.query_one("#score-sheet", Sheet)
        option = sheet.highlighted_option
        if option is None:
            return
        candidate, _, criterion = option.id[1:].partition("-")
        self.marks[(int(candidate), int(criterion))] = score
        self._fill_sheet()
        if sheet.highlighted is not None and sheet.highlighted < sheet.option_count - 1:
            sheet.highlighted += 1
            sheet.moved_on = True
        self.say("")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "score-sheet":
            event.stop()
            self.save_sheet()
        elif event.option_list.id == "score-results":
            event.stop()
            self.action_moderate()

    def save_sheet(self) -> None:
        if self.refuse_while_saving():
            return
        if self.person_id is None:
            self.say("Choose which panel member is scoring first: press w, pick a name and press Enter.")
            return
        setup = self.setup
        missing = [(a, c) for a in range(len(setup.candidates)) for c in range(len(setup.criteria))
                   if (a, c) not in self.marks]  # fmt: skip
        if missing:
            self.say(f"Score every row before saving: {self._label(*missing[0])} has no score yet.")
            self.query_one("#score-sheet", OptionList).highlighted = missing[0][0] * len(setup.criteria) + missing[0][1]
            return
        stage_id, person_id, marks = self.stage_id, self.person_id, dict(self.marks)
        typist = getattr(self.app, "typist", None) or ""

        def saved(_result) -> None:
            self.person_id, self.marks = None, {}
            self.after_change("Scores saved. Next panel member, please.")
            self.query_one("#answer-people", OptionList).focus()

        self.save(lambda store: store.give_marks(stage_id, person_id, marks, entered_by=typist), done=saved)

    # -- the reveal and moderation --------------------------------------------------------------

    @property
    def can_reveal(self) -> bool:
        return not self.stage.revealed

    def action_reveal(self) -> None:
        if self.stage.revealed:
            self.say("The scores are already revealed.", error=False)
            return
        done = len(self.store.marks_given(self.stage_id))
        detail = f"{people_word(done)} on the panel {'has' if done == 1 else 'have'} scored. No marks can change after."
        self.confirm_reveal("Reveal the panel's scores?", detail)

    def action_moderate(self) -> None:
        option = self.query_one("#score-results", OptionList).highlighted_option
        if not self.stage.revealed or option is None or not option.id.startswith("c"):
            self.say("Reveal the scores first, then choose a criterion under a candidate.")
            return
        candidate, _, criterion = option.id[1:].partition("-")
        from facilitator.ui.dialogs.moderate_dialog import ModerateDialog

        dialog = ModerateDialog(self.store, self.stage_id, int(candidate), int(criterion),
                                self._label(int(candidate), int(criterion)))  # fmt: skip
        self.app.push_screen(dialog, lambda saved: self.after_change("Moderated score saved.") if saved else None)

