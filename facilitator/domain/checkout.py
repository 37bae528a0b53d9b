"""The values a check-out (an ``evaluate`` stage) is scored against: the Five Values unless its agenda chose others.

One rule, shared by the agenda loader, the store, the import check, the minutes and the evaluate
panel, so they can never disagree about which values a stage takes.
"""

from __future__ import annotations

from typing import Any

from facilitator.domain.models import FIVE_VALUES

# A check-out is scored one value at a time by everyone in the room: more than ten is a survey.
MAX_VALUES = 10
# A value's name is a column in the minutes and a line on the projected screen.
VALUE_TEXT = 60


def checkout_values(settings: dict[str, Any] | None) -> tuple[str, ...]:
    """The values an evaluate stage with these ``settings`` is scored against, in the agenda's order."""
    values = (settings or {}).get("values")
    if isinstance(values, (list, tuple)) and values and all(isinstance(value, str) for value in values):
        return tuple(values)
    return FIVE_VALUES


def same_value_key(value: str) -> str:
    """Values that differ only in capitals or spacing are the same value (and would split its scores)."""
    return " ".join(value.split()).casefold()


def values_problem(values: object) -> str | None:
    """What is wrong with a list of values (as a predicate: "must be ..."), or None if it can be used.

    Text is assumed cleaned already; this checks the shape, the count, lengths and repeats.
    """
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        return "must be a list of text"
    if not values:
        return "cannot be empty"
    if len(values) > MAX_VALUES:
        return f"can have at most {MAX_VALUES} items"
    seen: dict[str, int] = {}
    for number, value in enumerate(values, start=1):
        if not value.strip():
            return f"item {number} cannot be empty"
        if "\n" in value:
            return f"item {number} must be on one line"
        if len(value) > VALUE_TEXT:
            return f"item {number} is longer than {VALUE_TEXT} characters"
        key = same_value_key(value)
        if key in seen:
            return f'item {number} ("{value}") repeats item {seen[key]}; list each value once'
        seen[key] = number
    return None
