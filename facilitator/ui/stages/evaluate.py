"""The evaluate stage: the Five Values check-out (or the agenda's own values), one person at a
time, anonymous.

Each person scores every value from 1 to 5 (Up/Down choose the value, 1-5 set its score and move
on to the next, as the form's frame says), then Enter saves them all at once through
``store.add_values_scores``, which stores no reference to the person. The form then clears for
the next person. Down straight after a digit stays where the digit moved to: a person who types
"4, Down, 5" means the next value, not the one after it.

The summary (the average per value as a text bar and a number, and how many responses) is
hidden until the facilitator shows it with ``v``, on every screen, not only the projected one:
averages shown while people are still scoring can sway the later scores. Showing it is kept on
the stage (``revealed``), so it survives a restart and reaches every open terminal.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain.checkout import checkout_values
from facilitator.ui.dialogs.decision_fields import refill
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.text import join, plain
from facilitator.ui.widgets.status_line import waiting_sentence

BAR_CELLS = 20
FULL, EMPTY = "\u2588", "\u2591"


# The form's frame: what a digit does, on top; how to move and save, below. Each fits the frame
# of an 80-column run screen (one line, once cut to "Enter: save a…").
SCORE_HINT = "1-5: score it, then on to the next value"
MOVE_HINT = "Up/Down: choose a value \u00b7 Enter: save all"


def responses(count: int) -> str:
    return "1 response" if count == 1 else f"{count} responses"


class ScoreList(OptionList):
    """The values and their scores. A digit has already moved the highlight on: a Down pressed
    straight after it does not move it again (it would skip a value without a word)."""

    moved_on = False

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.moved_on:
            event.stop()
            event.prevent_default()
        self.moved_on = False

    def on_click(self) -> None:
        self.moved_on = False


class EvaluatePanel(SavesWithoutFreezing, StagePanel):
    DEFAULT_CSS = """
    EvaluatePanel { height: 1fr; }
    EvaluatePanel #evaluate-prompt { margin-bottom: 1; }
    EvaluatePanel { overflow-y: auto; }
    EvaluatePanel #evaluate-form { height: auto; border: round $foreground 40%; }
    EvaluatePanel #evaluate-form:focus { border: round $accent; }
    EvaluatePanel #evaluate-count { text-style: bold; margin: 1 0; }
    EvaluatePanel #evaluate-message { color: $text-error; text-style: bold; }
    EvaluatePanel #evaluate-message.-ok { color: $text-success; }
    EvaluatePanel #evaluate-summary { height: auto; border: round $foreground 40%; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *[Binding(str(n), f"score({n})", f"Score {n}", show=False) for n in range(1, 6)],
        Binding("v", "toggle_summary", "Summary"),
    ]
    # The palette's name (``ui/commands.py``).
    COMMAND_NAMES: ClassVar[dict[str, str]] = {"toggle_summary": "Check-out summary: show or hide"}

    def __init__(self, store, workshop_id: int, stage_id: int, *, presenting: bool = False) -> None:
        super().__init__(store, workshop_id, stage_id, presenting=presenting)
        # This person's scores so far: held only on screen until Enter saves them all.
        self.scores: dict[str, int] = {}

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(checkout_values(self.stage.settings))

    def compose(self) -> ComposeResult:
        yield Static(id="evaluate-prompt")
        yield Static("Scores are anonymous: nothing about who gave them is kept.", id="evaluate-anonymous")
        yield ScoreList(id="evaluate-form")
        yield Static(id="evaluate-message")
        yield Static(id="evaluate-count")
        yield Static(id="evaluate-summary")

    def on_built(self) -> None:
        form = self.query_one("#evaluate-form", ScoreList)
        form.border_title = SCORE_HINT
        form.border_subtitle = MOVE_HINT
        self.query_one("#evaluate-summary").border_title = "Summary (v hides it)"
        self.reload()
        form.highlighted = 0
        form.focus()

    # -- showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        if not self.children:  # not composed yet: on_built fills it in
            return
        stage = self.stage
        prompt = stage.settings.get("prompt", "")
        self.query_one("#evaluate-prompt", Static).update(plain(prompt) if prompt else join([(stage.title, "bold")]))
        self._show_form()
        count = self.response_count()
        self.query_one("#evaluate-count", Static).update(f"{responses(count)} so far.")
        summary = self.query_one("#evaluate-summary", Static)
        summary.display = stage.revealed
        if stage.revealed:
            summary.update(self.summary())

    def _show_form(self) -> None:
        options = []
        width = max(len(value) for value in self.values)
        for value in self.values:
            score = self.scores.get(value)
            boxes = " ".join(f"[{n}]" if n == score else f" {n} " for n in range(1, 6))
            said = f"{score} of 5" if score else "not yet"
            prompt = join([(f"{value:<{width}}  ", "bold"), boxes, "   ", (said, "bold" if score else "dim")])
            options.append(Option(prompt, id=value))
        refill(self.query_one("#evaluate-form", OptionList), options)

    def response_count(self) -> int:
        counts: dict[str, int] = {}
        for row in self.store.values_scores(self.workshop_id):
            if row.stage_id in (None, self.stage_id):
                counts[row.value] = counts.get(row.value, 0) + 1
        return max(counts.values(), default=0)

    def summary(self) -> Content:
        """The average per value as a bar and a number; the bar is 5 when full."""
        by_value: dict[str, list[int]] = {value: [] for value in self.values}
        for row in self.store.values_scores(self.workshop_id):
            if row.stage_id in (None, self.stage_id) and row.value in by_value:
                by_value[row.value].append(row.score)
        width = max(len(value) for value in self.values)
        lines = []
        for value, scores in by_value.items():
            if not scores:
                lines.append(join([(f"{value:<{width}}  ", "bold"), ("no scores yet", "dim")]))
                continue
            average = sum(scores) / len(scores)
            filled = round(average / 5 * BAR_CELLS)
            bar = [(FULL * filled, "$accent"), EMPTY * (BAR_CELLS - filled)]
            lines.append(join([(f"{value:<{width}}  ", "bold"), *bar,
                               f"  {average:.1f} of 5  ({responses(len(scores))})"]))
        return Content("\n").join(lines)

    # -- scoring --------------------------------------------------------------------------------

    def action_score(self, score: int) -> None:
        form = self.query_one("#evaluate-form", ScoreList)
        option = form.highlighted_option
        if option is None:
            return
        self.scores[option.id] = score
        self._show_form()
        if form.highlighted is not None and form.highlighted < form.option_count - 1:
            form.highlighted += 1
            form.moved_on = True
        self._say("")

    @on(OptionList.OptionSelected, "#evaluate-form")
    def _enter(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.submit()

    def submit(self) -> None:
        missing = [value for value in self.values if value not in self.scores]
        if missing:
            self._say(f"Score every value before saving: {missing[0]} has no score yet.")
            form = self.query_one("#evaluate-form", OptionList)
            form.highlighted = self.values.index(missing[0])
            return
        scores, workshop_id, stage_id = dict(self.scores), self.workshop_id, self.stage_id

        def saved(_result) -> None:
            if self.scores == scores:  # not already changed for the next person while it waited
                self.scores = {}
                self.query_one("#evaluate-form", OptionList).highlighted = 0
            self.reload()
            self._say(f"Thank you \u2014 {responses(self.response_count())} so far. Next person, please.",
                      error=False)
            self.post_message(StagePanel.Changed())

        self.save(lambda store: store.add_values_scores(workshop_id, scores, stage_id=stage_id), done=saved)

    def action_toggle_summary(self) -> None:
        stage_id, revealed = self.stage_id, not self.stage.revealed

        def saved(_stage) -> None:
            self.reload()
            if revealed:  # below the form on a small screen: bring it into view, or v seems to do nothing
                summary = self.query_one("#evaluate-summary", Static)
                self.call_after_refresh(summary.scroll_visible, animate=False)
            self.post_message(StagePanel.Changed())

        self.save(lambda store: store.set_revealed(stage_id, revealed), done=saved)

    @property
    def can_reveal(self) -> bool:
        return not self.stage.revealed

    def action_reveal(self) -> None:
        """The run screen's reveal key: show the summary (``v`` hides it again)."""
        if not self.stage.revealed:
            self.action_toggle_summary()

    def show_save_error(self, sentence: str) -> None:
        self._say(sentence)

    def show_saving_state(self, seconds: float | None) -> None:
        self._say("" if seconds is None else waiting_sentence(seconds), error=False)

    def _say(self, sentence: str, *, error: bool = True) -> None:
        box = self.query_one("#evaluate-message", Static)
        box.set_class(not error, "-ok")
        box.update(plain(sentence))
        if error and sentence:
            self.app.notify(sentence, severity="error", markup=False)
