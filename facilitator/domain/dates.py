"""Reading a date the way people in the room write or say it.

``read_date`` takes what was typed and the day it is today (passed in, never read from a clock
here) and gives back a ``date``, or None for a blank. It understands:

- day first, the UK order: ``31/01/2027``, ``31/1/27``, ``31.01.2027``, ``31-01-2027``, ``31/1``
  (without a year: the next 31 January from today);
- ``2027-01-31`` (what the app itself writes, and every file it exports);
- ``31 January 2027``, ``31st Jan``, ``January 31 2027``;
- ``today``, ``tomorrow``, ``yesterday``;
- a weekday: ``tuesday``, ``tue``, ``next tuesday``, ``this tuesday``: the coming one, from
  tomorrow to a week today (the forms show the date it was read as, so a "next" that meant the
  week after is seen and changed before it is saved);
- ``in 3 days``, ``in 2 weeks``, ``in a fortnight``, ``in 6 months``, ``next week``, ``next month``.

Anything else is refused with one sentence that says which order to write a date in. A date in
the past is a date: whether that deserves a word is the caller's to say (``past_warning``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from facilitator.domain.errors import InvalidText
from facilitator.domain.text import strip_controls

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")  # fmt: skip
# What a date box says it takes (as a placeholder or a hint): the order first.
DATE_HINT = "day/month/year (31/01/2027), today, friday, in 2 weeks"
EXAMPLES = "31/01/2027 (day/month/year), or as today, tomorrow, friday or in 2 weeks"

_WEEKDAY_NAMES = {**{name: n for n, name in enumerate(WEEKDAYS)}, **{name[:3]: n for n, name in enumerate(WEEKDAYS)},
                  "tues": 1, "weds": 2, "thur": 3, "thurs": 3}  # fmt: skip
_MONTH_NAMES = {**{name: n for n, name in enumerate(MONTHS, 1)}, **{name[:3]: n for n, name in enumerate(MONTHS, 1)},
                "sept": 9}  # fmt: skip
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "fortnights": 14, "month": 0, "months": 0}

# Patterns as text: ``re`` compiles (and keeps) each on first use, not when the store is imported.
_NUMERIC = r"(\d{1,2})\s*([/.-])\s*(\d{1,2})(?:\s*\2\s*(\d{4}|\d{2}))?"
_ISO = r"(\d{4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,2})"
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH = rf"{_ORDINAL}\s+(?:of\s+)?([a-z]+)\.?(?:\s+(\d{{4}}))?"
_MONTH_DAY = rf"([a-z]+)\.?\s+{_ORDINAL}(?:\s+(\d{{4}}))?"
_IN = r"(?:in\s+)?(\d{1,3}|[a-z]+)\s+([a-z]+)(?:\s+time)?"
_LONGEST_SHOWN = 40


def read_date(typed: str, today: date, field: str = "date") -> date | None:
    """The day ``typed`` means, counted from ``today``; None when nothing was typed.

    Raises ``InvalidText`` with one sentence (naming ``field``, e.g. "due date") when it cannot
    be read, or names a day that is not in the calendar, such as 31/02/2027.
    """
    words = " ".join(strip_controls(str(typed)).casefold().replace(",", " ").split()).rstrip(".")
    if not words:
        return None
    day = _read(words, today)
    if isinstance(day, date):
        return day
    if isinstance(day, _NoSuchDay):
        month = f"{MONTHS[day.month - 1].capitalize()} {day.year}"
        raise InvalidText(f"{_quoted(typed)} is not a date: {month} has {day.last} days.")
    raise InvalidText(unreadable(typed, field))


def unreadable(typed: str, field: str) -> str:
    """The sentence for a date that cannot be read: what was typed, and which order to write it in."""
    return f"{_quoted(typed)} is not a date: write the {field} day first, as {EXAMPLES}."


def said(day: date) -> str:
    """"Friday 14 March 2025": the day of the week and the month in words, so nobody has to work
    out which number is the month. English names whatever the computer's locale."""
    return f"{WEEKDAYS[day.weekday()].capitalize()} {day.day} {MONTHS[day.month - 1].capitalize()} {day.year}"


def past_warning(field: str, day: date, today: date) -> str | None:
    """A sentence when ``day`` is already past (a due date set in the past is kept, with a word)."""
    if day >= today:
        return None
    return f"The {field}, {said(day)}, is already past."


# -- the readers ---------------------------------------------------------------------------------


class _NoSuchDay(NamedTuple):
    """Day, month and year are all there, but the month is shorter: 31/02/2027."""

    month: int
    year: int
    last: int


def _read(words: str, today: date) -> date | _NoSuchDay | None:
    """The date these words mean; None when they are not a date at all (the caller then says
    which order to write one in)."""
    named = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if words in named:
        return today + timedelta(days=named[words])
    for reader in (_weekday, _relative, _numeric, _iso, _with_month_name):
        found = reader(words, today)
        if found is not None:
            return found
    return None


def _weekday(words: str, today: date) -> date | None:
    parts = words.split()
    if len(parts) == 2 and parts[0] in ("next", "this", "on", "by"):
        parts = parts[1:]
    if len(parts) != 1 or parts[0] not in _WEEKDAY_NAMES:
        return None
    ahead = (_WEEKDAY_NAMES[parts[0]] - today.weekday()) % 7 or 7
    return today + timedelta(days=ahead)


def _relative(words: str, today: date) -> date | None:
    if words in ("next week", "next month"):
        words = f"in 1 {words.split()[1]}"
    if words in ("in a fortnight", "a fortnight"):
        words = "in 1 fortnight"
    match = re.fullmatch(_IN, words)
    if match is None or match[2] not in _UNITS:
        return None
    count = int(match[1]) if match[1].isdigit() else _NUMBER_WORDS.get(match[1])
    if count is None:
        return None
    if _UNITS[match[2]] == 0:
        return _months_later(today, count)
    return today + timedelta(days=count * _UNITS[match[2]])


def _months_later(today: date, months: int) -> date:
    """The same day of the month ``months`` on; the month's last day when it is shorter."""
    index = today.month - 1 + months
    year, month = today.year + index // 12, index % 12 + 1
    return date(year, month, min(today.day, _days_in(year, month)))


def _numeric(words: str, today: date) -> date | _NoSuchDay | None:
    match = re.fullmatch(_NUMERIC, words)
    if match is None:
        return None
    day, month = int(match[1]), int(match[3])
    return _day(day, month, match[4], today)


def _iso(words: str, today: date) -> date | _NoSuchDay | None:
    match = re.fullmatch(_ISO, words)
    if match is None:
        return None
    return _day(int(match[4]), int(match[3]), match[1], today)


def _with_month_name(words: str, today: date) -> date | _NoSuchDay | None:
    match = re.fullmatch(_DAY_MONTH, words)
    if match is not None and match[2] in _MONTH_NAMES:
        return _day(int(match[1]), _MONTH_NAMES[match[2]], match[3], today)
    match = re.fullmatch(_MONTH_DAY, words)
    if match is not None and match[1] in _MONTH_NAMES:
        return _day(int(match[2]), _MONTH_NAMES[match[1]], match[3], today)
    return None


def _day(day: int, month: int, year: str | None, today: date) -> date | _NoSuchDay | None:
    """The date; ``_NoSuchDay`` when the month is shorter; None when the month is not a month."""
    if not 1 <= month <= 12 or day < 1:
        return None  # e.g. 01/31/2027, written month first: the caller says which order to use
    if year is None:
        found = _day(day, month, str(today.year), today)
        if not isinstance(found, date) or found < today:  # 29/2 in a year without one: the next
            return _day(day, month, str(today.year + 1), today)
        return found
    full_year = int(year) + 2000 if len(year) == 2 else int(year)
    if not 1 <= full_year <= 9999:
        return None
    last = _days_in(full_year, month)
    if day > last:
        if day > 31:
            return None
        return _NoSuchDay(month, full_year, last)
    return date(full_year, month, day)


def _days_in(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def _quoted(typed: str) -> str:
    shown = " ".join(strip_controls(str(typed)).split())
    if len(shown) > _LONGEST_SHOWN:
        shown = shown[: _LONGEST_SHOWN - 1] + "\u2026"
    return f"\u201c{shown}\u201d"
