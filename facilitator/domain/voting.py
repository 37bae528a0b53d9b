"""Equal dot-voting rules: the budget, the per-item cap, the tally and its ties.

Everyone in a vote stage gets the same number of dots (the *budget*) and may put at most *cap*
dots on any one item. Storage calls ``check_dot`` inside its write transaction, after reading the
person's current counts in that same transaction, so no path (two terminals, the CLI, an import)
can exceed the budget. The UI may call it too, to explain early, but never instead.

Results are shown as they are: tied items share a rank and are marked as ties, never broken by
list order. Resolving a tie is the group's job (a re-vote or a recorded decision).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from facilitator.domain.errors import RuleBroken
from facilitator.domain.models import Candidate, TallyRow

AUTO = "auto"
# The common default budget: one dot for every three options, at least 1 and at most 20; at
# least 2 from 4 options on (one dot among four or five says too little), and never as many
# dots as options (a dot for everything chooses nothing).
AUTO_DIVISOR = 3
AUTO_MIN = 1
AUTO_MIN_FROM_FOUR = 2
AUTO_MAX = 20
# The usual most dots one person may put on one item (1 when the aim is breadth).
DEFAULT_CAP = 3


def _dots(count: int) -> str:
    return f"{count} dot" if count == 1 else f"{count} dots"


def all_of(budget: int) -> str:
    """A person's whole budget of dots, as in "has used all 3 dots" (and "their 1 dot", never "all 1 dot")."""
    return "their 1 dot" if budget == 1 else f"all {budget} dots"


def resolve_budget(dots_per_person: int | str, candidate_count: int) -> int:
    """Return the number of dots each person gets in a vote.

    ``"auto"`` gives ``candidate_count // 3`` (rounded down), at least 1 and at most 20; at least
    2 whenever there are 4 or more candidates, and fewer dots than candidates whenever there are
    2 or more (one candidate, or none, gets 1 dot: there is nothing to choose between).
    A whole number is used as it is, but must be at least 1. Anything else raises ``RuleBroken``.
    """
    if isinstance(dots_per_person, str):
        if dots_per_person.strip().lower() != AUTO:
            raise RuleBroken(
                f'The dots per person must be a whole number or "auto", not "{dots_per_person}".'
            )
        count = max(0, candidate_count)
        budget = max(AUTO_MIN, min(AUTO_MAX, count // AUTO_DIVISOR))
        if count >= 4:
            budget = max(AUTO_MIN_FROM_FOUR, budget)
        return budget
    if isinstance(dots_per_person, bool) or not isinstance(dots_per_person, int):
        raise RuleBroken(
            f'The dots per person must be a whole number or "auto", not {dots_per_person!r}.'
        )
    if dots_per_person < 1:
        raise RuleBroken(f"The dots per person must be at least 1, not {dots_per_person}.")
    return dots_per_person


def check_dot(
    *,
    budget: int,
    cap: int,
    dots_used_by_person: int,
    dots_on_candidate_by_person: int,
    person_label: str,
    candidate_label: str,
) -> None:
    """Raise ``RuleBroken`` if giving this person one more dot on this item breaks a rule.

    The budget is checked first: a person with no dots left is told that, whatever the item.
    Returns ``None`` when the dot is allowed.
    """
    if budget < 1:
        raise RuleBroken(f"The dots per person must be at least 1, not {budget}.")
    if cap < 1:
        raise RuleBroken(f"The most dots on one item must be at least 1, not {cap}.")
    if dots_used_by_person + 1 > budget:
        raise RuleBroken(f"{person_label} has used {all_of(budget)}.")
    if dots_on_candidate_by_person + 1 > cap:
        raise RuleBroken(
            f'{person_label} already has {_dots(dots_on_candidate_by_person)} on "{candidate_label}"; '
            f"the most on one item is {cap}."
        )


def budget_words(budget: int, cap: int) -> str:
    """``Everyone has 3 dots, at most 2 on one``: said before anyone votes (the cap never above the budget)."""
    most = min(cap, budget)
    if budget == 1:
        return "Everyone has 1 dot."
    return f"Everyone has {_dots(budget)}, at most {most} on one."


def check_budget(budget: object, cap: object) -> tuple[int, int]:
    """The dots each person has and the most on one item, as a facilitator typed them."""
    numbers = []
    for value, what in ((budget, "dots each person has"), (cap, "most dots on one item")):
        try:
            number = int(str(value).strip())
        except ValueError:
            raise RuleBroken(f"The {what} must be a whole number, like 3.") from None
        if not 1 <= number <= 99:
            raise RuleBroken(f"The {what} must be between 1 and 99, not {number}.")
        numbers.append(number)
    if numbers[1] > numbers[0]:
        raise RuleBroken(f"The most dots on one item ({numbers[1]}) cannot be more than the dots each person has "
                         f"({numbers[0]}).")
    return numbers[0], numbers[1]


def tie_at_cut(rows: Sequence[TallyRow], choose: int = 1) -> tuple[TallyRow, ...]:
    """The tied group that straddles the cut line of "choose the top ``choose``", or ``()``.

    Tied rows that all fall inside the top ``choose`` (two tied for 1st when choosing 3) do not
    matter: both are chosen. A group matters when it starts at or above the line and ends below
    it, so that the vote alone cannot say which of them are chosen.
    """
    if choose < 1:
        return ()
    for group in tie_groups(rows):
        first = group[0].rank
        if first <= choose < first + len(group) - 1:
            return group
    return ()


def dots_left(budget: int, used: int) -> int:
    """How many dots a person can still give; never below zero."""
    return max(0, budget - used)


def tally(candidates: Sequence[Candidate], dot_counts: Mapping[tuple[str, int], int]) -> list[TallyRow]:
    """Count the dots on every candidate, most dots first.

    ``dot_counts`` is keyed by ``(candidate.kind, candidate.id)``; a candidate with no entry has
    0 dots, and entries for things that are not candidates are ignored. Rows with equal dots keep
    the order of ``candidates``. Ranks are competition ranks (1, 1, 3). A row is ``tied`` when
    another row has the same number of dots and that number is above zero.
    """
    seen: set[tuple[str, int]] = set()
    counted: list[tuple[Candidate, int]] = []
    for candidate in candidates:
        key = (candidate.kind, candidate.id)
        if key in seen:
            continue
        seen.add(key)
        dots = dot_counts.get(key, 0)
        if dots < 0:
            raise ValueError(f"Dot count for {key} is negative: {dots}.")
        counted.append((candidate, dots))

    # sorted() is stable, so equal counts keep the candidates' original order.
    counted.sort(key=lambda pair: -pair[1])
    how_many: dict[int, int] = {}
    for _, dots in counted:
        how_many[dots] = how_many.get(dots, 0) + 1

    rows: list[TallyRow] = []
    rank = 0
    previous: int | None = None
    for position, (candidate, dots) in enumerate(counted, start=1):
        if dots != previous:
            rank = position
            previous = dots
        rows.append(
            TallyRow(candidate=candidate, dots=dots, rank=rank, tied=dots > 0 and how_many[dots] > 1)
        )
    return rows


def tie_groups(rows: Sequence[TallyRow]) -> list[tuple[TallyRow, ...]]:
    """Every group of tied rows, best rank first; rows keep their order within a group."""
    groups: dict[int, list[TallyRow]] = {}
    for row in rows:
        if row.tied:
            groups.setdefault(row.dots, []).append(row)
    ordered = sorted(groups.values(), key=lambda group: group[0].rank)
    return [tuple(group) for group in ordered]


def ties_at_top(rows: Sequence[TallyRow], places: int = 1) -> list[tuple[TallyRow, ...]]:
    """The tied groups that reach into the top ``places`` ranks.

    ``places=1`` answers "is the winner a tie?": either ``[]`` or one group. ``places=3`` also
    returns a tie for 2nd or 3rd place (a tie for 3rd between items that would take places 3
    and 4 counts, because its rank is 3).
    """
    if places < 1:
        return []
    return [group for group in tie_groups(rows) if group[0].rank <= places]


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 102nd ..."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _join_labels(labels: Sequence[str]) -> str:
    quoted = [f'"{label}"' for label in labels]
    if len(quoted) <= 2:
        return " and ".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def describe_tie(group: Sequence[TallyRow]) -> str:
    """One sentence for one tied group, for example:

    ``Tie for 1st place: "Quiet room" and "Peer support" (7 dots each).``
    """
    if not group:
        raise ValueError("A tie needs at least one row.")
    labels = [row.candidate.label for row in group]
    rank = group[0].rank
    return f"Tie for {ordinal(rank)} place: {_join_labels(labels)} ({_dots(group[0].dots)} each)."


def describe_ties(rows: Sequence[TallyRow], places: int | None = None) -> list[str]:
    """Plain sentences naming every tie, best rank first; only those in the top ``places`` if given.

    Returns ``[]`` when nothing is tied. Items with no dots are never described as tied.
    """
    groups = tie_groups(rows) if places is None else ties_at_top(rows, places)
    return [describe_tie(group) for group in groups]
