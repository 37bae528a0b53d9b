"""Timer maths for a stage's timebox, with the clock passed in.

A timer is stored as three values (see ``Stage``): its status, the seconds left *when it was last
changed*, and the wall-clock time of that change (epoch seconds). A running timer's time left is
worked out from the clock; a paused or finished one is frozen. Every function here takes ``now``
(epoch seconds) and is deterministic given it; only ``read`` calls a clock, which tests replace.

Overrunning is allowed and visible: the time left goes negative and the words say by how much.
Nothing here relies on colour: ``warning_words`` says in plain English what the colour shows.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from facilitator.domain.errors import RuleBroken
from facilitator.domain.models import Stage, TimerStatus

Clock = Callable[[], float]
"""Returns the current wall-clock time in epoch seconds, like ``time.time``."""

# Fractions of the planned time left at which the timer warns; compared exactly (see below).
WARNING_PERCENT = 20
FINAL_PERCENT = 5


class WarningLevel(StrEnum):
    OK = "ok"
    WARNING = "warning"  # 20% of the planned time or less left
    FINAL = "final"  # 5% or less left
    OVERRUN = "overrun"  # past the end


@dataclass(frozen=True, slots=True)
class TimerState:
    status: TimerStatus
    left_seconds: float
    # When the timer was last changed (epoch seconds); required while running.
    changed_at: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", TimerStatus(self.status))
        object.__setattr__(self, "left_seconds", float(self.left_seconds))
        if self.status is TimerStatus.RUNNING and self.changed_at is None:
            raise ValueError("A running timer needs the time it was last changed.")

    @classmethod
    def from_stage(cls, stage: Stage) -> TimerState:
        """The timer stored on a stage. A stage whose timer never started shows its planned time."""
        if stage.timer_status is TimerStatus.NOT_STARTED:
            return not_started(stage.planned_minutes * 60)
        return cls(stage.timer_status, stage.timer_left_seconds, stage.timer_changed_at)


@dataclass(frozen=True, slots=True)
class TimerReading:
    """Everything the screen shows for a timer at one moment."""

    left_seconds: float
    level: WarningLevel
    words: str
    clock_text: str


def _check_seconds(seconds: float, what: str) -> None:
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"The {what} must be a finite number of seconds, not below zero: {seconds!r}.")


def not_started(planned_seconds: float) -> TimerState:
    """A timer that has not started: it shows the full planned time."""
    _check_seconds(planned_seconds, "planned time")
    return TimerState(TimerStatus.NOT_STARTED, planned_seconds, None)


def start(planned_seconds: float, now: float) -> TimerState:
    """Start a fresh timer with ``planned_seconds`` on it."""
    _check_seconds(planned_seconds, "planned time")
    return TimerState(TimerStatus.RUNNING, planned_seconds, now)


def left(state: TimerState, now: float) -> float:
    """Seconds left at ``now``; negative once overrun.

    A running timer counts down from ``changed_at``; a paused, finished or unstarted one is frozen.
    If the clock is behind ``changed_at`` (the system clock was set back) no time has passed.
    """
    if state.status is TimerStatus.RUNNING and state.changed_at is not None:
        return state.left_seconds - max(0.0, now - state.changed_at)
    return state.left_seconds


def pause(state: TimerState, now: float) -> TimerState:
    """Freeze a running timer. Pausing a paused timer changes nothing (two terminals may both try)."""
    if state.status is TimerStatus.PAUSED:
        return state
    if state.status is not TimerStatus.RUNNING:
        raise RuleBroken(_not_running_sentence(state))
    return TimerState(TimerStatus.PAUSED, left(state, now), now)


def resume(state: TimerState, now: float) -> TimerState:
    """Restart a paused timer from where it stopped. Resuming a running timer changes nothing."""
    if state.status is TimerStatus.RUNNING:
        return state
    if state.status is not TimerStatus.PAUSED:
        raise RuleBroken(_not_running_sentence(state))
    return TimerState(TimerStatus.RUNNING, state.left_seconds, now)


def extend(state: TimerState, seconds: float, now: float) -> TimerState:
    """Add ``seconds`` to a running or paused timer; it stays running or paused.

    An overrun timer gets the time added to where it is now: 2 minutes over plus 5 minutes
    leaves 3 minutes.
    """
    if not math.isfinite(seconds) or seconds <= 0:
        raise RuleBroken("The extra time must be more than zero.")
    if state.status not in (TimerStatus.RUNNING, TimerStatus.PAUSED):
        raise RuleBroken(_not_running_sentence(state))
    return TimerState(state.status, left(state, now) + seconds, now)


def finish(state: TimerState, now: float) -> TimerState:
    """Stop the timer for good, keeping the time left (negative if the stage overran)."""
    if state.status is TimerStatus.DONE:
        return state
    return TimerState(TimerStatus.DONE, left(state, now), now)


def resume_after_interruption(state: TimerState, now: float) -> TimerState:
    """The timer to carry on with after the app was closed or killed and started again.

    Decision: the app being down does not stop the room. A timer that was RUNNING kept running in
    real time, so it is returned unchanged and ``left(state, now)`` counts from its last change by
    the wall clock, including the time the app was down (it may now be overrun). A paused,
    finished or unstarted timer was frozen and stays frozen. ``now`` is accepted so that callers
    can log the interruption with the same clock; the state itself does not depend on it.
    """
    del now  # the wall clock already carries the answer; see the docstring
    return state


def _not_running_sentence(state: TimerState) -> str:
    if state.status is TimerStatus.NOT_STARTED:
        return "The timer has not started yet."
    if state.status is TimerStatus.DONE:
        return "The timer has already finished."
    return "The timer is not running."  # pragma: no cover - every status is handled above


def warning_level(state: TimerState, planned_seconds: float, now: float) -> WarningLevel:
    """How close the timer is to the end.

    ``"overrun"`` below zero left; ``"final"`` at 5% of ``planned_seconds`` or less left (zero
    included); ``"warning"`` at 20% or less; otherwise ``"ok"``. A timer that has not started is
    always ``"ok"``. Pass the planned time including any extensions if warnings should be
    relative to the extended time.
    """
    if state.status is TimerStatus.NOT_STARTED:
        return WarningLevel.OK
    remaining = _tidy(left(state, now))
    if remaining < 0:
        return WarningLevel.OVERRUN
    # Compare as "remaining * 100 <= planned * percent" so exact thresholds are not lost to
    # floating point (0.05 * 300 is not exactly 15).
    if remaining * 100 <= planned_seconds * FINAL_PERCENT:
        return WarningLevel.FINAL
    if remaining * 100 <= planned_seconds * WARNING_PERCENT:
        return WarningLevel.WARNING
    return WarningLevel.OK


def _tidy(seconds: float) -> float:
    """Round away floating-point dust (120.00000000001 is 120) before whole-second maths."""
    return round(seconds, 6)


def _whole_seconds(seconds: float) -> int:
    """Whole seconds for display: the magnitude rounded up, so 0.3 left shows as 1 second."""
    return math.ceil(abs(_tidy(seconds)))


def describe_duration(seconds: int) -> str:
    """``2 minutes 10 seconds``, ``1 hour 5 minutes``, ``1 second``; zero parts are left out."""
    seconds = abs(int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    for amount, unit in ((hours, "hour"), (minutes, "minute"), (secs, "second")):
        if amount:
            parts.append(f"{amount} {unit}" if amount == 1 else f"{amount} {unit}s")
    return " ".join(parts) if parts else "0 seconds"


def warning_words(level: WarningLevel | str, left_seconds: float) -> str:
    """Plain English for the timer, so nothing depends on colour.

    ``"25 minutes left"`` (whole minutes, rounded down), ``"Less than a minute left"``,
    ``"Time is up"`` at exactly zero, ``"Over time by 2 minutes 10 seconds"`` once overrun.
    """
    level = WarningLevel(level)
    remaining = _tidy(left_seconds)
    if level is WarningLevel.OVERRUN or remaining < 0:
        return f"Over time by {describe_duration(max(1, _whole_seconds(remaining)))}"
    if remaining == 0:
        return "Time is up"
    minutes = int(remaining // 60)
    if minutes == 0:
        return "Less than a minute left"
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{describe_duration(hours * 3600 + minutes * 60)} left"
    return f"{minutes} minute left" if minutes == 1 else f"{minutes} minutes left"


def format_clock(seconds: float) -> str:
    """``MM:SS``; ``H:MM:SS`` from an hour; a leading ``-`` once overrun.

    The magnitude is rounded up to whole seconds, so a countdown shows ``00:01`` until it reaches
    zero and ``-00:01`` as soon as it passes it.
    """
    whole = _whole_seconds(seconds)
    sign = "-" if _tidy(seconds) < 0 else ""
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{minutes:02d}:{secs:02d}"
    return f"{sign}{minutes:02d}:{secs:02d}"


def reading(state: TimerState, planned_seconds: float, now: float) -> TimerReading:
    """Left, level, words and clock text for one moment, all from the same ``now``."""
    remaining = left(state, now)
    level = warning_level(state, planned_seconds, now)
    return TimerReading(remaining, level, warning_words(level, remaining), format_clock(remaining))


def read(state: TimerState, planned_seconds: float, clock: Clock = time.time) -> TimerReading:
    """``reading`` at the clock's current time (``time.time`` unless a test passes its own)."""
    return reading(state, planned_seconds, clock())
