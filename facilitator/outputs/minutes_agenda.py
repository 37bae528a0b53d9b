"""The "The agenda" section of the minutes: each stage's planned and actual time, and what changed.

A stage re-planned while the workshop ran (shortened, skipped, moved to the next workshop, added
live, moved in the order) says so in its notes, with the time of the change, from the stage's
logged events (``storage/replan.py``). The planned column shows the time as last planned and,
when it changed, the time first planned.
"""

from __future__ import annotations

from datetime import datetime

from facilitator.domain.record import StagePart
from facilitator.outputs.markdown_text import clock_time, inline, minutes_words, seconds_words, table
from facilitator.outputs.minutes_index import MinutesIndex

# Stage events that change the plan; each keeps its sentence in ``note``.
PLAN_EVENTS = ("shortened", "lengthened", "skipped", "carried", "to carry", "added live", "moved",
               "later finish accepted", "dots changed", "added to a later workshop", "carried over")  # fmt: skip
# Logged on another day (when the later workshop was made): its time of day would mislead.
UNTIMED_EVENTS = ("added to a later workshop", "carried over")
STATE_WORDS = {"skipped": "Skipped", "carried": "Moved to the next workshop", "to carry": "On the list to carry"}


def agenda_section(index: MinutesIndex) -> list[str]:
    lines = ["## The agenda", ""]
    if not index.stages:
        return [*lines, "There was no agenda."]
    rows = [
        [
            str(stage.position),
            inline(stage.title),
            _planned(stage),
            _actual(stage),
            clock_time(stage.started_at) or "-",
            clock_time(stage.ended_at) or "-",
            _stage_notes(index, stage),
        ]
        for stage in index.stages
    ]
    lines += table(["Step", "What", "Time planned", "Time taken", "Started", "Ended", "Notes"], rows, right=[0])
    first = sum(_first(stage) for stage in index.stages)
    now = sum(stage.planned_minutes for stage in index.stages if not stage.plan_state)
    lines += ["", f"Time planned in all: {minutes_words(first)}."]
    if now != first:
        lines.append(f"After re-planning during the workshop: {minutes_words(now)}.")
    return lines


def _first(stage: StagePart) -> int:
    return stage.planned_minutes if stage.first_planned_minutes is None else stage.first_planned_minutes


def _planned(stage: StagePart) -> str:
    words = minutes_words(stage.planned_minutes)
    if stage.first_planned_minutes == 0:
        return f"{words} (added on the day)"
    if stage.first_planned_minutes is not None and stage.first_planned_minutes != stage.planned_minutes:
        return f"{words} (first {minutes_words(stage.first_planned_minutes)})"
    return words


def _actual(stage: StagePart) -> str:
    if not stage.started_at or not stage.ended_at:
        return "-"
    try:
        started, ended = datetime.fromisoformat(stage.started_at), datetime.fromisoformat(stage.ended_at)
    except ValueError:
        return "-"
    taken = ended.timestamp() - started.timestamp()
    if taken < 60:
        return seconds_words(taken)
    # From the clock minutes the table shows beside it, so 10:00 to 10:14 reads "14 minutes"
    # (counting seconds, it could read 15 beside those two times).
    on_the_clock = ended.replace(second=0, microsecond=0) - started.replace(second=0, microsecond=0)
    return seconds_words(on_the_clock.total_seconds())


def _stage_notes(index: MinutesIndex, stage: StagePart) -> str:
    notes: list[str] = []
    events = stage.events
    over = max((event.seconds for event in events if event.event == "overrun"), default=None)
    if over is not None and over > 0:
        notes.append(f"Ran over by {seconds_words(over)}")
    elif any(event.event in ("overrun", "overran") for event in events):
        notes.append("Ran over time")
    added = sum(event.seconds for event in events if event.event == "extend")
    if added > 0:
        notes.append(f"{seconds_words(added)} added")
    if any(event.event == "resumed after interruption" for event in events):
        notes.append("Resumed after an interruption")
    for event in events:
        if event.event in PLAN_EVENTS and event.note:
            at = "" if event.event in UNTIMED_EVENTS else clock_time(event.at)
            notes.append(f"{inline(event.note)} (at {at})" if at else inline(event.note))
    if stage.plan_state in STATE_WORDS and not any(event.event in PLAN_EVENTS for event in events):
        notes.append(STATE_WORDS[stage.plan_state])
    elif stage.started_at is None and not stage.plan_state:
        notes.append("Not started")
    elif stage.started_at is not None and stage.ended_at is None:
        current = index.record.workshop.current_stage_id == stage.id
        notes.append("In progress" if current else "Not finished")
    return "; ".join(notes)
