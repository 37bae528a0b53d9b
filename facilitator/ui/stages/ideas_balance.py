"""Who has given ideas in an ideas stage, as the side of ``IdeasPanel`` tells it: how many ideas
each person has given (shown instead of the ideas while a silent stage keeps them hidden) and
the balance of ideas by perspective.

Both follow each person's choice of how they are named: while presenting, the counts name people
as they chose (``attribution.display_name``); the balance counts anonymous people and anonymous
ideas as "Anonymous or not recorded", and follows ``domain.small_groups`` like the minutes: a
perspective shared by fewer than 3 of the people here is counted under "Other perspectives", and
the balance is not shown at all when that would still single someone out (or fewer than 5 are here).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from textual.content import Content

from facilitator.domain import attribution as who
from facilitator.domain.models import Idea, Participant
from facilitator.domain.small_groups import MINIMUM_PEOPLE, protect_small_groups
from facilitator.ui import text

BALANCE_MIN_PEOPLE = MINIMUM_PEOPLE  # breakdowns by perspective identify people in smaller groups


def perspective_balance(ideas: Iterable[Idea], people: Mapping[int, Participant]) -> Counter:
    """Ideas by the perspective rows of whoever said them (one key per combination of rows).

    People who chose to be anonymous, and anonymous ideas, count as "Anonymous or not recorded",
    so the breakdown never undoes anyone's choice.
    """
    balance: Counter = Counter()
    for idea in ideas:
        person = None if idea.anonymous or idea.said_by is None else people.get(idea.said_by)
        balance[tuple(who.breakdown_groups(person))] += 1
    return balance


def _name_for_counts(person: Participant | None, *, presenting: bool) -> str:
    if presenting:
        return who.display_name(person)
    return person.name if person and person.name else "a participant"


def counts_text(counts: Mapping[int | None, int], people: Mapping[int, Participant], *, presenting: bool) -> Content:
    """Ideas given so far by each person (``counts`` by ``said_by``; None: anonymous or not given)."""
    lines: list = [("Ideas given so far, by person\n", "bold")]
    named = [(_name_for_counts(people.get(pid), presenting=presenting), n) for pid, n in counts.items()
             if pid is not None]
    for name, n in sorted(named, key=lambda item: item[0].casefold()):
        lines += [text.one_line(name, 40), f": {n}\n"]
    if counts.get(None):
        lines.append(f"Anonymous or not given: {counts[None]}\n")
    if len(lines) == 1:
        lines.append("No ideas yet.")
    return text.join(lines)


def balance_text(balance: Counter, present: Iterable[Participant]) -> str:
    """Ideas by perspective, or why it is not shown (``present``: the people here now)."""
    here = list(present)
    if len(here) < BALANCE_MIN_PEOPLE:
        return "Balance by perspective: hidden for groups under 5, to protect privacy."
    safe = protect_small_groups(who.attendance_groups(person) for person in here)
    if not safe.shown:
        return "Balance by perspective: hidden, because too few people here share a perspective."
    if not balance:
        return "Balance by perspective: no ideas yet."
    rows = [f"{group}: {n}" for group, n in safe.rows(balance.items())]
    return "Ideas by perspective\n" + "\n".join(rows)
