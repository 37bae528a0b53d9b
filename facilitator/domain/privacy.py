"""The plain rules of erasure, retention and a series' standing roster (no storage here).

- Forgetting a person replaces their name in free text with ``FORMER_PARTICIPANT``; the roster
  row keeps no name at all (shown as "a participant", see ``attribution``).
- Retention: ``older_than("3y", today)`` is the first day a workshop must be on to be kept as it is.
- A series keeps its people (``SeriesPerson``); each workshop copies them when it is created.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from facilitator.domain.errors import InvalidText
from facilitator.domain.models import Attribution, Perspective, Record

FORMER_PARTICIPANT = "a former participant"

_AGE = re.compile(r"\s*(\d{1,4})\s*(y|years?|m|months?|w|weeks?|d|days?)\s*", re.IGNORECASE)


class SeriesPerson(Record):
    """Someone on a series' standing roster."""

    id: int
    series: str
    name: str
    perspectives: tuple[Perspective, ...] = ()
    attribution: Attribution = Attribution.PERSPECTIVE
    support_needs: str = ""
    added_at: str


def older_than(limit: str, today: date) -> date:
    """The cut-off day for ``limit`` ("3y", "18m", "6w", "90d", "3 years"): workshops dated before it are older."""
    found = _AGE.fullmatch(limit or "")
    if found is None:
        raise InvalidText(
            f"{limit!r} is not an age: give a number and y, m, w or d, for example 3y (three years) or 18m."
        )
    count, unit = int(found.group(1)), found.group(2)[0].lower()
    if count <= 0:
        raise InvalidText(f"{limit!r}: the age must be more than nothing, for example 3y.")
    if unit == "d":
        return today - timedelta(days=count)
    if unit == "w":
        return today - timedelta(weeks=count)
    months = count * 12 if unit == "y" else count
    year, month = divmod(today.year * 12 + today.month - 1 - months, 12)
    if year < 1:
        raise InvalidText(f"{limit!r} reaches back before the calendar starts; give a smaller age.")
    month += 1
    day = today.day
    while True:  # 29 February three years back is 28 February
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def name_pattern(name: str) -> re.Pattern[str]:
    """The name as a whole phrase in free text, in any case, however the spaces fall."""
    words = [re.escape(word) for word in name.split()]
    if not words:
        raise InvalidText("Give the name of the person to forget.")
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)
