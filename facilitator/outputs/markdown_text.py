"""Safe Markdown from user text, and the plain-English dates, times and durations the minutes use.

User text is data, never markup. ``inline`` and ``block`` escape every character that CommonMark
(plus the table extension) could read as structure: emphasis, code, links, images, autolinks, raw
HTML, entities, tables, and block starts such as ``# heading``, ``> quote``, ``- item``, ``1. item``
and fences. What a person typed then renders as exactly that text, in the Markdown and in HTML
made from it. Control characters and terminal escapes are stripped again here, defensively.

The Markdown renders the same in CommonMark, GFM and python-markdown (MkDocs): a backslash is put
only before the characters all three accept escaped (python-markdown shows ``A\\&E`` with its
backslash), the rest become character references (``&lt;``, ``&#124;``), an ``&`` only when it
would start one (so ``A&E`` stays as typed), and line breaks are two trailing spaces, not a
trailing backslash.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from facilitator.domain.text import strip_controls

# Backslash-escaped anywhere in a line: CommonMark accepts a backslash before any ASCII punctuation,
# python-markdown only before these. ``{`` and ``}`` would be read by its attribute lists.
_ANYWHERE = "\\`*_[]{}>#"
# Written as character references: python-markdown would show a backslash before them. ``|``
# splits table cells, ``<`` starts HTML and autolinks, ``~`` strikes through in GFM.
_REFERENCES = {"<": "&lt;", "|": "&#124;", "~": "&#126;"}
_ESCAPE_TABLE = str.maketrans({**{char: "\\" + char for char in _ANYWHERE}, **_REFERENCES})
# An ``&`` that would start a character reference (``&amp;``, ``&#60;``); any other stays as typed.
_REFERENCE_START = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line: list markers, setext underlines, table delimiter rows, ordered lists.
_LINE_START = re.compile(r"^(?:([-+])|([=:])|(\d+)([.)]))")
_LINE_START_REFERENCES = {"=": "&#61;", ":": "&#58;"}
# A hard line break that every renderer reads the same way (a trailing backslash is CommonMark's own).
HARD_BREAK = "  \n"
# Control characters (Unicode category Cc) other than tab and newline (ESC starts every escape),
# and the bidirectional overrides ``strip_controls`` also removes.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _escape_line(line: str) -> str:
    if "&" in line:
        line = _REFERENCE_START.sub("&amp;", line)
    escaped = line.translate(_ESCAPE_TABLE)
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1):
        return "\\" + escaped
    if match.group(2):
        return _LINE_START_REFERENCES[match.group(2)] + escaped[1:]
    digits = match.group(3)
    return digits + "\\" + escaped[len(digits) :]


def _stripped(text: object, multiline: bool) -> str:
    """``strip_controls``, skipped when there is nothing to strip (the common case, and much faster).

    Tabs and newlines are left for the callers, which split on white space and on newlines.
    """
    value = str(text)
    if _CONTROLS.search(value) is None:
        return value
    return strip_controls(value, multiline=multiline)


def one_line(text: object, limit: int | None = None) -> str:
    """User text as one plain line (no escaping): controls stripped, white space collapsed."""
    value = " ".join(_stripped(text, multiline=False).split())
    if limit is not None and len(value) > limit:
        value = value[: max(0, limit - 1)].rstrip() + "\u2026"
    return value


def inline(text: object, limit: int | None = None) -> str:
    """User text as literal Markdown on one line: for table cells, headings and short fields."""
    return _escape_line(one_line(text, limit))


def block(text: object, indent: str = "") -> str:
    """User text as literal Markdown that keeps its line breaks (as hard breaks).

    ``indent`` is put before every line after the first, so the text stays inside a list item.
    Blank lines are dropped, so the text is always one paragraph.
    """
    lines = [" ".join(line.split()) for line in _stripped(text, multiline=True).split("\n")]
    escaped = [_escape_line(line) for line in lines if line]
    return (HARD_BREAK + indent).join(escaped)


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], right: Sequence[int] = ()) -> list[str]:
    """A Markdown table as lines. Cells must already be Markdown (escape user text with ``inline``).

    ``right`` lists the columns (by index) to align right, for numbers.
    """
    aligns = ["---:" if index in right else "---" for index in range(len(headers))]
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(aligns) + " |"]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return lines


def long_date(value: str | None) -> str:
    """``2025-03-04`` as ``Tuesday 4 March 2025`` (the same words on every machine and locale).

    Text that is not an ISO date is returned as it is (the caller escapes it).
    """
    if not value:
        return ""
    try:
        day = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return value
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(value: str | None) -> str:
    """``2025-06-04`` as ``4 June 2025``; text that is not an ISO date is returned as it is."""
    if not value:
        return ""
    try:
        day = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return value
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def clock_time(timestamp: str | None) -> str:
    """``HH:MM`` as recorded (the local time of the machine that ran the workshop); "" if unknown."""
    if not timestamp:
        return ""
    try:
        moment = datetime.fromisoformat(timestamp.strip())
    except ValueError:
        return ""
    return f"{moment.hour:02d}:{moment.minute:02d}"


def _unit(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def minutes_words(minutes: int) -> str:
    """``45 minutes``, ``1 hour``, ``2 hours 15 minutes``."""
    hours, rest = divmod(max(0, int(minutes)), 60)
    if hours and rest:
        return f"{_unit(hours, 'hour')} {_unit(rest, 'minute')}"
    if hours:
        return _unit(hours, "hour")
    return _unit(rest, "minute")


def seconds_words(seconds: float) -> str:
    """A length of time for people: ``40 seconds`` under a minute, else to the nearest minute."""
    whole = max(0, round(seconds))
    if whole < 60:
        return _unit(whole, "second")
    return minutes_words((whole + 30) // 60)


def count_words(count: int, singular: str, plural: str | None = None) -> str:
    """``1 idea``, ``3 ideas``, ``1 person``, ``2 people``."""
    return f"{count} {singular}" if count == 1 else f"{count} {plural or singular + 's'}"
