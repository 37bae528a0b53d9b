"""Who has given ideas in an ideas stage, as the side of ``IdeasPanel`` tells it: how many ideas
each person has given (shown instead of the ideas while a silent stage keeps them hidden) and
the balance of ideas by perspective.

Both follow each person's choice of how they are named: while presenting, the counts name people
as they chose (``attribution.display_name``); the balance counts anonymous people and anonymous
ideas as "Anonymous or not recorded", and is not shown at all for groups under 5.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from textual.content import Content

from facilitator.domain import attribution as who
from facilitator.domain.models import Idea, Participant
from facilitator.ui import text

BALANCE_MIN_PEOPLE = 5  # breakdowns by perspective identify people in smaller groups


def perspective_balance(ideas: Iterable[Idea], people: Mapping[int, Participant]) -> Counter:
    """Ideas per perspective row; a person with two perspectives counts in both.

    People who chose to be anonymous, and anonymous ideas, count as "Anonymous or not recorded",
    so the breakdown never undoes anyone's choice.
    """
    balance: Counter = Counter()
    for idea in ideas:
        person = None if idea.anonymous or idea.said_by is None else people.get(idea.said_by)
        balance.update(who.breakdown_groups(person))
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


def balance_text(balance: Counter, present: int) -> str:
    """Ideas by perspective, or why it is not shown (``present``: how many people are here)."""
    if present < BALANCE_MIN_PEOPLE:
        return "Balance by perspective: hidden for groups under 5, to protect privacy."
    if not balance:
        return "Balance by perspective: no ideas yet."
    rows = [f"{group}: {n}" for group, n in who.breakdown_rows(balance)]
    return "Ideas by perspective\n" + "\n".join(rows)
