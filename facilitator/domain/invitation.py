"""What an invitation pack says, worked out from the workshop: pure functions.

The clock time of each stage (from the workshop's start time and the agenda's planned minutes),
the ground rules (the bulleted lines after "ground rules" in the welcome stage's text), the place's
access information as lines, and the start time as people type it ("10", "10:30", "2pm").
No storage, no textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from facilitator.domain.errors import InvalidText
from facilitator.domain.text import strip_controls

# The optional access fields of a workshop, in the order a pack lists them, with their labels.
ACCESS_FIELDS: tuple[tuple[str, str], ...] = (
    ("step_free", "Step-free access"),
    ("hearing_loop", "Hearing loop"),
    ("quiet_room", "Quiet room"),
    ("bus_stop", "Nearest bus stop"),
)
SUPPORT_QUESTION = "Is there anything that would help you take part?"

_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")


def read_clock_time(typed: str | None, field: str = "start time") -> str | None:
    """"10:00", "9.30", "2pm", "14:15" as "HH:MM" (24 hours); None when blank."""
    if typed is None:
        return None
    text = strip_controls(str(typed)).strip().casefold().replace(" ", "")
    if not text:
        return None
    match = _CLOCK.match(text)
    if match:
        hour, minute, half = int(match[1]), int(match[2] or 0), (match[3] or "").replace(".", "")
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "pm" else 0)
        elif half:
            hour = 99
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    shown = strip_controls(str(typed))[:20]
    raise InvalidText(f"The {field} must be a time of day such as 10:00 or 2pm, not \u201c{shown}\u201d.")


def add_minutes(clock: str, minutes: int) -> str:
    """"10:00" + 75 → "11:15"; past midnight wraps ("23:30" + 60 → "00:30")."""
    hour, minute = (int(part) for part in clock.split(":"))
    total = (hour * 60 + minute + minutes) % (24 * 60)
    return f"{total // 60:02d}:{total % 60:02d}"


def twelve_hour(clock: str) -> str:
    """"14:05" → "2:05pm", "10:00" → "10am", "12:30" → "12:30pm": how invitations say times."""
    hour, minute = (int(part) for part in clock.split(":"))
    half = "am" if hour < 12 else "pm"
    hour = hour % 12 or 12
    return f"{hour}{half}" if minute == 0 else f"{hour}:{minute:02d}{half}"


class TimedStage(NamedTuple):
    starts: str | None  # "HH:MM", None when the workshop has no start time
    ends: str | None
    title: str
    minutes: int
    kind: str


def schedule(start: str | None, stages: Sequence[tuple[str, int, str]]) -> list[TimedStage]:
    """Each (title, planned minutes, kind) with its clock times, one after another from ``start``."""
    timed, offset = [], 0
    for title, minutes, kind in stages:
        starts = add_minutes(start, offset) if start else None
        offset += minutes
        ends = add_minutes(start, offset) if start else None
        timed.append(TimedStage(starts, ends, title, minutes, kind))
    return timed


def ground_rules(stage_settings: Sequence[dict[str, Any]]) -> list[str]:
    """The ground rules an agenda holds: the "- " lines after a line mentioning "ground rules" in
    a welcome (or any text) stage. Empty when the agenda has none."""
    for settings in stage_settings:
        text = settings.get("text") if isinstance(settings, dict) else None
        if not isinstance(text, str) or "ground rules" not in text.casefold():
            continue
        rules, started = [], False
        for line in text.splitlines():
            stripped = line.strip()
            if not started:
                started = "ground rules" in stripped.casefold()
                continue
            if stripped.startswith(("- ", "* ", "\u2022 ")):
                rules.append(stripped[2:].strip())
            elif rules and stripped or rules and not stripped:
                break
        if rules:
            return rules
    return []


def access_lines(values: dict[str, str]) -> list[str]:
    """"Step-free access: yes" and the like, for the fields that were filled in, then the notes."""
    lines = [f"{label}: {values[name]}" for name, label in ACCESS_FIELDS if values.get(name, "").strip()]
    notes = values.get("access_notes", "").strip()
    if notes:
        lines.append(notes)
    return lines
