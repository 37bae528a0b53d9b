"""Timer maths with a fake clock: start, pause, resume, extend, warnings, words and the clock face."""

from __future__ import annotations

import dataclasses

import pytest

from facilitator.domain.errors import RuleBroken
from facilitator.domain.models import Stage, StageKind, TimerStatus
from facilitator.domain.timer import (
    TimerReading,
    TimerState,
    WarningLevel,
    describe_duration,
    extend,
    finish,
    format_clock,
    left,
    not_started,
    pause,
    read,
    reading,
    resume,
    resume_after_interruption,
    start,
    warning_level,
    warning_words,
)

T0 = 1_700_000_000.0  # an arbitrary wall-clock start, in epoch seconds


class FakeClock:
    """A clock that only moves when told to."""

    def __init__(self, now: float = T0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


# --- state ---------------------------------------------------------------------------------------


def test_start_runs_with_the_planned_time() -> None:
    state = start(600, T0)
    assert state == TimerState(TimerStatus.RUNNING, 600.0, T0)
    assert left(state, T0) == 600


def test_state_is_frozen() -> None:
    state = start(600, T0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.left_seconds = 1  # type: ignore[misc]


def test_state_accepts_status_text() -> None:
    state = TimerState("paused", 30, T0)  # type: ignore[arg-type]
    assert state.status is TimerStatus.PAUSED


def test_running_state_needs_changed_at() -> None:
    with pytest.raises(ValueError):
        TimerState(TimerStatus.RUNNING, 60, None)


@pytest.mark.parametrize("bad", [-1, float("nan"), float("inf")])
def test_start_refuses_nonsense_planned_time(bad: float) -> None:
    with pytest.raises(ValueError):
        start(bad, T0)


def test_running_timer_counts_down_and_goes_negative() -> None:
    clock = FakeClock()
    state = start(300, clock())
    assert left(state, clock.advance(100)) == 200
    assert left(state, clock.advance(200)) == 0
    assert left(state, clock.advance(130)) == -130


def test_clock_set_backwards_does_not_add_time() -> None:
    state = start(300, T0)
    assert left(state, T0 - 50) == 300


def test_pause_freezes_and_resume_carries_on() -> None:
    clock = FakeClock()
    state = start(600, clock())
    clock.advance(100)
    paused = pause(state, clock())
    assert paused == TimerState(TimerStatus.PAUSED, 500.0, clock.now)
    clock.advance(1000)  # a long pause: nothing counts down
    assert left(paused, clock()) == 500
    resumed = resume(paused, clock())
    assert resumed == TimerState(TimerStatus.RUNNING, 500.0, clock.now)
    assert left(resumed, clock.advance(50)) == 450


def test_pause_twice_and_resume_twice_change_nothing() -> None:
    state = start(600, T0)
    paused = pause(state, T0 + 10)
    assert pause(paused, T0 + 99) is paused
    resumed = resume(paused, T0 + 20)
    assert resume(resumed, T0 + 99) is resumed


def test_pause_and_resume_need_a_started_timer() -> None:
    with pytest.raises(RuleBroken, match=r"^The timer has not started yet\.$"):
        pause(not_started(600), T0)
    with pytest.raises(RuleBroken, match="not started yet"):
        resume(not_started(600), T0)
    done = finish(start(600, T0), T0 + 5)
    with pytest.raises(RuleBroken, match=r"^The timer has already finished\.$"):
        pause(done, T0 + 6)
    with pytest.raises(RuleBroken, match="already finished"):
        resume(done, T0 + 6)


def test_extend_a_running_timer() -> None:
    clock = FakeClock()
    state = start(600, clock())
    clock.advance(550)
    longer = extend(state, 300, clock())
    assert longer == TimerState(TimerStatus.RUNNING, 350.0, clock.now)
    assert left(longer, clock.advance(50)) == 300


def test_extend_a_paused_timer_stays_paused() -> None:
    paused = pause(start(600, T0), T0 + 500)
    longer = extend(paused, 120, T0 + 900)
    assert longer.status is TimerStatus.PAUSED
    assert left(longer, T0 + 5000) == 220


def test_extend_an_overrun_timer_adds_to_where_it_is() -> None:
    state = start(600, T0)
    longer = extend(state, 300, T0 + 720)  # two minutes over, plus five minutes
    assert left(longer, T0 + 720) == 180


@pytest.mark.parametrize("bad", [0, -60, float("nan")])
def test_extend_needs_a_positive_amount(bad: float) -> None:
    with pytest.raises(RuleBroken, match=r"^The extra time must be more than zero\.$"):
        extend(start(600, T0), bad, T0)


def test_extend_needs_a_running_or_paused_timer() -> None:
    with pytest.raises(RuleBroken, match="not started"):
        extend(not_started(600), 60, T0)
    with pytest.raises(RuleBroken, match="already finished"):
        extend(finish(start(600, T0), T0), 60, T0)


def test_finish_freezes_the_final_time_including_an_overrun() -> None:
    done = finish(start(600, T0), T0 + 700)
    assert done == TimerState(TimerStatus.DONE, -100.0, T0 + 700)
    assert left(done, T0 + 9999) == -100
    assert finish(done, T0 + 9999) is done


def test_finish_a_paused_or_unstarted_timer() -> None:
    assert left(finish(pause(start(600, T0), T0 + 60), T0 + 999), T0 + 999) == 540
    assert finish(not_started(600), T0).status is TimerStatus.DONE


def test_not_started_shows_the_planned_time() -> None:
    state = not_started(900)
    assert state.changed_at is None
    assert left(state, T0 + 12345) == 900


def test_everything_is_deterministic_given_now() -> None:
    def run() -> list[object]:
        state = start(600, T0)
        state = pause(state, T0 + 61.5)
        state = extend(state, 30, T0 + 70)
        state = resume(state, T0 + 80)
        return [state, left(state, T0 + 100), reading(state, 600, T0 + 100)]

    assert run() == run()


# --- after the app was down ----------------------------------------------------------------------


def test_running_timer_kept_running_while_the_app_was_down() -> None:
    state = start(600, T0)
    later = T0 + 900  # the app was down for 15 minutes
    after = resume_after_interruption(state, later)
    assert after == state
    assert left(after, later) == -300
    assert warning_level(after, 600, later) is WarningLevel.OVERRUN


@pytest.mark.parametrize(
    "state",
    [not_started(600), TimerState(TimerStatus.PAUSED, 120, T0), TimerState(TimerStatus.DONE, -5, T0)],
)
def test_frozen_timers_stay_frozen_after_an_interruption(state: TimerState) -> None:
    after = resume_after_interruption(state, T0 + 3600)
    assert after == state
    assert left(after, T0 + 3600) == state.left_seconds


def stage(**fields: object) -> Stage:
    base: dict[str, object] = {
        "id": 1,
        "workshop_id": 1,
        "position": 1,
        "kind": StageKind.IDEAS,
        "title": "Ideas",
        "planned_minutes": 20,
    }
    base.update(fields)
    return Stage(**base)  # type: ignore[arg-type]


def test_state_from_a_stage() -> None:
    assert TimerState.from_stage(stage()) == not_started(1200)
    running = stage(timer_status=TimerStatus.RUNNING, timer_left_seconds=300.0, timer_changed_at=T0)
    assert TimerState.from_stage(running) == TimerState(TimerStatus.RUNNING, 300.0, T0)


# --- warning levels ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("planned", "left_seconds", "expected"),
    [
        (600, 600, "ok"),
        (600, 121, "ok"),
        (600, 120, "warning"),  # exactly 20%
        (600, 31, "warning"),
        (600, 30, "final"),  # exactly 5%
        (600, 1, "final"),
        (600, 0, "final"),  # time is up but not over
        (600, -0.5, "overrun"),
        (600, -600, "overrun"),
        (300, 60, "warning"),  # exactly 20% of 300
        (300, 15, "final"),  # 5% of 300 (0.05 * 300 is not exactly 15 in floating point)
        (300, 15.5, "warning"),
        (7, 1.4, "warning"),  # 20% of 7 is 1.4
        (7, 0.35, "final"),  # 5% of 7 is 0.35
        (1200, 900, "ok"),
    ],
)
def test_warning_thresholds(planned: float, left_seconds: float, expected: str) -> None:
    state = start(planned, T0)
    now = T0 + (planned - left_seconds)
    assert warning_level(state, planned, now) == expected


def test_warning_thresholds_on_a_paused_timer() -> None:
    state = TimerState(TimerStatus.PAUSED, 120, T0)
    assert warning_level(state, 600, T0 + 9999) is WarningLevel.WARNING


def test_warning_relative_to_extended_time_is_the_callers_choice() -> None:
    state = extend(start(600, T0), 600, T0 + 500)  # 700 left
    assert warning_level(state, 600, T0 + 500) is WarningLevel.OK
    assert warning_level(state, 600, T0 + 500 + 580) is WarningLevel.WARNING  # 120 of 600
    assert warning_level(state, 1200, T0 + 500) is WarningLevel.OK
    assert warning_level(state, 1200, T0 + 460 + 500) is WarningLevel.WARNING  # 240 of 1200


def test_not_started_is_always_ok() -> None:
    assert warning_level(TimerState(TimerStatus.NOT_STARTED, 0.0), 600, T0) is WarningLevel.OK


def test_warning_levels_are_plain_strings() -> None:
    assert [str(level) for level in WarningLevel] == ["ok", "warning", "final", "overrun"]


# --- words ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "left_seconds", "words"),
    [
        ("ok", 25 * 60, "25 minutes left"),
        ("ok", 25 * 60 - 1, "24 minutes left"),
        ("warning", 300, "5 minutes left"),
        ("warning", 299.5, "4 minutes left"),
        ("warning", 119, "1 minute left"),
        ("final", 60, "1 minute left"),
        ("final", 59, "Less than a minute left"),
        ("final", 0.2, "Less than a minute left"),
        ("final", 0, "Time is up"),
        ("ok", 3600, "1 hour left"),
        ("ok", 3600 + 5 * 60 + 30, "1 hour 5 minutes left"),
        ("ok", 2 * 3600 + 60, "2 hours 1 minute left"),
        ("overrun", -130, "Over time by 2 minutes 10 seconds"),
        ("overrun", -60, "Over time by 1 minute"),
        ("overrun", -1, "Over time by 1 second"),
        ("overrun", -0.2, "Over time by 1 second"),
        ("overrun", -45, "Over time by 45 seconds"),
        ("overrun", -3725, "Over time by 1 hour 2 minutes 5 seconds"),
        (WarningLevel.OVERRUN, -7200, "Over time by 2 hours"),
    ],
)
def test_warning_words(level: str, left_seconds: float, words: str) -> None:
    assert warning_words(level, left_seconds) == words


def test_negative_time_reads_as_over_time_whatever_the_level() -> None:
    assert warning_words("final", -10) == "Over time by 10 seconds"


def test_unknown_level_is_refused() -> None:
    with pytest.raises(ValueError):
        warning_words("red", 60)


def test_floating_point_dust_does_not_change_the_words() -> None:
    state = start(600, 0.1)
    assert warning_words("warning", left(state, 480.1)) == "2 minutes left"
    assert format_clock(left(state, 480.1)) == "02:00"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 seconds"), (1, "1 second"), (59, "59 seconds"), (60, "1 minute"), (61, "1 minute 1 second"),
     (130, "2 minutes 10 seconds"), (3600, "1 hour"), (3661, "1 hour 1 minute 1 second"), (-90, "1 minute 30 seconds")],
)
def test_describe_duration(seconds: int, text: str) -> None:
    assert describe_duration(seconds) == text


# --- the clock face ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "00:00"),
        (-0.0, "00:00"),
        (0.3, "00:01"),  # rounded up: the clock shows 00:00 only when time is up
        (1, "00:01"),
        (59, "00:59"),
        (60, "01:00"),
        (125, "02:05"),
        (599.2, "10:00"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3661, "1:01:01"),
        (10 * 3600 + 5, "10:00:05"),
        (-0.3, "-00:01"),
        (-1, "-00:01"),
        (-130, "-02:10"),
        (-3600, "-1:00:00"),
        (-3725, "-1:02:05"),
    ],
)
def test_format_clock(seconds: float, text: str) -> None:
    assert format_clock(seconds) == text


# --- one reading per tick ------------------------------------------------------------------------


def test_reading_combines_everything_from_one_now() -> None:
    state = start(600, T0)
    assert reading(state, 600, T0 + 730) == TimerReading(
        left_seconds=-130.0,
        level=WarningLevel.OVERRUN,
        words="Over time by 2 minutes 10 seconds",
        clock_text="-02:10",
    )


def test_read_uses_the_injected_clock() -> None:
    clock = FakeClock()
    state = start(600, clock())
    clock.advance(300)
    assert read(state, 600, clock) == TimerReading(300.0, WarningLevel.OK, "5 minutes left", "05:00")
    clock.advance(285)
    assert read(state, 600, clock) == TimerReading(15.0, WarningLevel.FINAL, "Less than a minute left", "00:15")


def test_read_defaults_to_the_system_clock() -> None:
    import time

    state = start(600, time.time())
    result = read(state, 600)
    assert 590 <= result.left_seconds <= 600
    assert result.level is WarningLevel.OK
