"""The big countdown for the current stage, in digits, words and colour.

Colour is never the only signal: the words under the digits say the same thing ("5 minutes left",
"Less than a minute left", "Over time by 2 minutes"), and the status line says whether the timer
is running or paused. The widget only shows; the run screen decides when to read the clock.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Static

from facilitator.domain import timer as timer_maths
from facilitator.domain.models import Stage, TimerStatus
from facilitator.ui import text

_LEVEL_CLASSES = {level: f"-{level.value}" for level in timer_maths.WarningLevel}

_STATUS_WORDS = {
    TimerStatus.NOT_STARTED: "Not started",
    TimerStatus.RUNNING: "Running",
    TimerStatus.PAUSED: "Paused",
    TimerStatus.DONE: "Finished",
}


class StageTimer(Horizontal):
    """``show(stage, now, planned_seconds)`` draws the timer; it returns the reading it showed."""

    DEFAULT_CSS = """
    StageTimer {
        height: auto;
        padding: 0 1;
        border-bottom: solid $panel;
    }
    StageTimer Digits {
        width: auto;
        min-width: 16;
        margin-right: 2;
    }
    StageTimer #timer-text {
        width: 1fr;
        height: auto;
    }
    StageTimer #timer-stage { text-style: bold; }
    StageTimer #timer-words { text-style: bold; }
    StageTimer.-warning Digits, StageTimer.-warning #timer-words { color: $warning; }
    StageTimer.-final Digits, StageTimer.-final #timer-words { color: $error; }
    StageTimer.-overrun Digits, StageTimer.-overrun #timer-words { color: $error; text-style: bold reverse; }
    StageTimer #timer-note { color: $text-muted; display: none; }
    StageTimer #timer-prompt { text-style: bold; display: none; }
    StageTimer #timer-prompt.-shown { display: block; }
    StageTimer #timer-note.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._clock_text = ""
        self._words = ""
        self._status = ""
        self._finish = ""
        self._prompt = ""

    def compose(self) -> ComposeResult:
        yield Digits("--:--", id="timer-digits")
        with Vertical(id="timer-text"):
            yield Static("", id="timer-stage", markup=False)
            yield Static("", id="timer-words", markup=False)
            yield Static("", id="timer-status", markup=False)
            yield Static("", id="timer-prompt", markup=False)
            yield Static("", id="timer-note", markup=False)

    @property
    def clock_text(self) -> str:
        """What the digits show now, e.g. ``"04:59"`` (for tests and benchmarks)."""
        return self._clock_text

    @property
    def words(self) -> str:
        return self._words

    def show_heading(self, heading: str) -> None:
        """The line naming the stage, e.g. "Stage 3 of 9: Ideas" (user text, kept literal)."""
        self.query_one("#timer-stage", Static).update(text.one_line(heading))

    def show_note(self, note: str) -> None:
        """A lasting note under the timer, e.g. that it kept running while the app was closed.

        No note takes no line: on a small screen every line is one more for the stage.
        """
        line = self.query_one("#timer-note", Static)
        line.update(text.plain(note))
        line.set_class(bool(note), "-shown")

    def show_finish(self, finish: str, prompt: str = "") -> None:
        """The finish times beside the status ("Running · Finish 12:30 planned · 12:50 now"), and,
        when the workshop is behind, a gentle line saying which key re-plans the rest."""
        if finish != self._finish:
            self._finish = finish
            self._status = ""  # drawn again with the finish beside it
        if prompt != self._prompt:
            self._prompt = prompt
            line = self.query_one("#timer-prompt", Static)
            line.update(prompt)
            line.set_class(bool(prompt), "-shown")

    def show(self, stage: Stage | None, now: float, planned_seconds: float | None = None, *,
             finished: bool = False) -> timer_maths.TimerReading | None:
        """Show the timer of ``stage`` at ``now``; ``planned_seconds`` includes added time.

        ``finished``: the workshop is over, so there is no stage to start (not "none started yet").
        """
        if finished:
            self._set("--:--", "All stages are over", "Press ctrl+e to see and save the minutes.", None)
            return None
        if stage is None:
            self._set("--:--", "No stage has started yet", "Press Enter or F8 to start the first stage.", None)
            return None
        planned = planned_seconds if planned_seconds is not None else stage.planned_minutes * 60.0
        state = timer_maths.TimerState.from_stage(stage)
        reading = timer_maths.reading(state, planned, now)
        status = _STATUS_WORDS[stage.timer_status]
        if stage.timer_status is TimerStatus.PAUSED:
            status = "Paused: press F6 to carry on"
        elif stage.timer_status is TimerStatus.RUNNING:
            status = f"Running (planned {stage.planned_minutes} min)" if not self._finish else "Running"
        if self._finish:
            # Running: one line at 80 columns; paused, the way to carry on keeps a line of its own.
            joint = "\n" if stage.timer_status is TimerStatus.PAUSED else "  \u00b7  "
            status = f"{status}{joint}{self._finish}"
        self._set(reading.clock_text, reading.words, status, reading.level)
        return reading

    def _set(self, clock_text: str, words: str, status: str, level: timer_maths.WarningLevel | None) -> None:
        if clock_text != self._clock_text:
            self._clock_text = clock_text
            self.query_one(Digits).update(clock_text)
        if words != self._words:
            self._words = words
            self.query_one("#timer-words", Static).update(words)
        if status != self._status:
            self._status = status
            self.query_one("#timer-status", Static).update(status)
        for each, css_class in _LEVEL_CLASSES.items():
            self.set_class(each is level, css_class)
