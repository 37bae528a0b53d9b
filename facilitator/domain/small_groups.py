"""Breakdowns by perspective that never single anyone out: the one rule, used everywhere.

A table of "how many people (or ideas, or dots) came from each perspective" can identify a
person: with one person with lived experience in the room, "People with lived experience: 1"
beside a list of the people who chose to be named says who the anonymous member is. So:

- a perspective shared by fewer than ``MINIMUM_PER_GROUP`` (3) of the people is not a row of its
  own: it is counted under "Other perspectives", together with everyone whose perspective is
  "other" or not recorded;
- if "Other perspectives" then holds only one or two people, or no perspective keeps a row of
  its own, or fewer than ``MINIMUM_PEOPLE`` (5) took part, the table is not shown at all, and a
  sentence says why.

``protect_small_groups`` decides this once, from who the people are (the population: everyone
who took part, or everyone present on the projected screen); ``SafeGroups.rows`` then counts
anything (people, ideas, dots) under the rows it allows. Used by the minutes, the presenting
screen's balance of ideas, and exports without ``--include-private``. Pure: no storage, no UI.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from facilitator.domain.attribution import (
    BREAKDOWN_ROWS,
    NO_PERSPECTIVE_GROUP,
    NOT_ATTRIBUTED_GROUP,
    PERSPECTIVE_GROUPS,
    attendance_groups,
)
from facilitator.domain.models import Perspective

P = TypeVar("P")

MINIMUM_PER_GROUP = 3
MINIMUM_PEOPLE = 5
OTHER_GROUP = PERSPECTIVE_GROUPS[Perspective.OTHER]  # "Other perspectives"

TOO_FEW_PEOPLE = (
    f"Breakdowns by perspective are not shown for groups smaller than {MINIMUM_PEOPLE}, to protect privacy."
)
TOO_FEW_PER_PERSPECTIVE = (
    "Breakdowns by perspective are not shown: too few people share a perspective, "
    "so a breakdown could single someone out."
)
MERGED_NOTE = (
    f"\u201cOther perspectives\u201d counts together every perspective shared by fewer than {MINIMUM_PER_GROUP} "
    "people (and other or unrecorded ones), so that nobody is singled out."
)

# Rows that are about perspectives (and so merge); the catch-all for anonymous contributions does not.
_PERSPECTIVE_ROWS = frozenset({*PERSPECTIVE_GROUPS.values(), NO_PERSPECTIVE_GROUP})


@dataclass(frozen=True)
class SafeGroups:
    """Which rows a breakdown may show, decided from the people (see ``protect_small_groups``)."""

    kept: frozenset[str] = frozenset()  # perspective rows shared by enough people to stand alone
    merged: bool = False  # some perspective of its own was counted under "Other perspectives"
    withheld: str = ""  # the sentence shown instead of the table; "" when the table is shown
    sizes: dict[str, int] = field(default_factory=dict)  # people per row, after merging

    @property
    def shown(self) -> bool:
        return not self.withheld

    @property
    def has_other(self) -> bool:
        """The table has an "Other perspectives" row (say what it holds)."""
        return OTHER_GROUP in self.sizes

    def rows_of(self, groups: Sequence[str]) -> set[str]:
        """The rows one person or item counts under, after merging."""
        return {self.row_of(group) for group in groups}

    def row_of(self, group: str) -> str:
        """The row a perspective row is counted under: itself, or "Other perspectives"."""
        if group not in _PERSPECTIVE_ROWS or group in self.kept:
            return group
        return OTHER_GROUP

    def rows(self, items: Iterable[tuple[Sequence[str], int]]) -> list[list[str]]:
        """Count ``(groups, weight)`` items (a person, an idea, a person's dots) under the allowed rows.

        An item counts once under each row it falls in, even when two of its perspectives were
        merged into the same "Other perspectives" row. Empty when the table is withheld.
        """
        if self.withheld:
            return []
        counts: Counter[str] = Counter()
        for groups, weight in items:
            for row in {self.row_of(group) for group in groups}:
                counts[row] += weight
        shown = [row for row in BREAKDOWN_ROWS if row in self.kept]
        if OTHER_GROUP in self.sizes:
            shown.append(OTHER_GROUP)
        if counts.get(NOT_ATTRIBUTED_GROUP):
            shown.append(NOT_ATTRIBUTED_GROUP)
        return [[row, str(counts.get(row, 0))] for row in shown]


def protect_small_groups(
    population: Iterable[Sequence[str]],
    *,
    minimum_per_group: int = MINIMUM_PER_GROUP,
    minimum_people: int = MINIMUM_PEOPLE,
) -> SafeGroups:
    """Decide which perspective rows a breakdown may show, from the groups of each person.

    ``population`` holds one entry per person: the perspective rows they count under
    (``attribution.attendance_groups``). Returns rows kept on their own, whether anything was
    merged into "Other perspectives", or the sentence that replaces the table.
    """
    people = [frozenset(groups) for groups in population]
    if len(people) < minimum_people or not people:
        return SafeGroups(withheld=TOO_FEW_PEOPLE)
    size = Counter(group for groups in people for group in groups)
    kept = frozenset(
        group for group, count in size.items()
        if count >= minimum_per_group and group in _PERSPECTIVE_ROWS
        and group not in (OTHER_GROUP, NO_PERSPECTIVE_GROUP)
    )  # fmt: skip
    in_other = [groups for groups in people if groups - kept]
    merged = any(group not in (OTHER_GROUP,) and group not in kept for groups in in_other for group in groups)
    if not kept or 0 < len(in_other) < minimum_per_group:
        return SafeGroups(withheld=TOO_FEW_PER_PERSPECTIVE)
    sizes = {group: size[group] for group in kept}
    if in_other:
        sizes[OTHER_GROUP] = len(in_other)
    return SafeGroups(kept=kept, merged=merged, sizes=sizes)


def shown_perspectives(people: Sequence[P], safe: SafeGroups) -> list[P]:
    """Copies of ``people`` whose perspectives are only those a breakdown may show: each one of
    fewer than 3 people becomes "other", and nobody keeps any when breakdowns are withheld.

    So "a commissioner said..." never points at one of two commissioners, and a perspective-only
    person in a small group is "a participant". ``people`` are pydantic models with ``perspectives``
    (``ParticipantPart``, ``Participant``).
    """
    changed = []
    for person in people:
        perspectives = list(person.perspectives)  # type: ignore[attr-defined]
        if safe.withheld:
            kept: list[Perspective] = []
        else:
            kept = [Perspective(p) for p in perspectives if PERSPECTIVE_GROUPS[Perspective(p)] in safe.kept]
            if len(kept) < len(perspectives):
                kept.append(Perspective.OTHER)
        changed.append(person if kept == perspectives else person.model_copy(update={"perspectives": kept}))  # type: ignore[attr-defined]
    return changed


def merge_small_perspectives(people: Sequence[P], *, minimum_per_group: int = MINIMUM_PER_GROUP) -> list[P]:
    """The people of a shared copy (an export without ``--include-private``), with only the
    perspectives a breakdown of them all may show (``shown_perspectives``)."""
    safe = protect_small_groups(
        (attendance_groups(p) for p in people), minimum_per_group=minimum_per_group, minimum_people=0  # type: ignore[arg-type]
    )
    return shown_perspectives(people, safe)
