"""Re-planning a workshop while it runs: when it will finish, and shortening what is left.

Pure arithmetic, with the clock passed in. The planned finish is when the workshop would end if
every stage took the time it was first given, counted from when the first stage started; the
projected finish is now, plus what is left of the stage that is on (nothing if it has run over:
it is still going, so it ends no sooner than now), plus the planned time of every stage still to
come (stages skipped or moved to another workshop take no time). Breaks are never shortened by
the proportional cut: people depend on them for medication, transport and rest.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from facilitator.domain.errors import RuleBroken

# Shortening never takes a stage below this many minutes: a stage of 0 minutes is a skip.
SHORTEST_MINUTES = 1
# Behind the plan by at least this many seconds before the facilitator is offered a re-plan.
BEHIND_FROM_SECONDS = 60


@dataclass(frozen=True, slots=True)
class Finish:
    """When the workshop was planned to end and when it will end as things stand (epoch seconds)."""

    planned: float
    projected: float
    accepted: float | None = None  # a later finish the facilitator accepted, if any

    @property
    def behind_seconds(self) -> float:
        """How far the projected finish is past the planned one (0 when on time or early)."""
        return max(0.0, self.projected - self.planned)

    @property
    def needs_replan(self) -> bool:
        """Behind by a minute or more, and further behind than any later finish already accepted."""
        if self.behind_seconds < BEHIND_FROM_SECONDS:
            return False
        return self.accepted is None or self.projected - self.accepted >= BEHIND_FROM_SECONDS


def projected_finish(now: float, current_left_seconds: float | None, remaining_minutes: Sequence[int]) -> float:
    """Now, plus what is left of the current stage (never below zero), plus the stages to come."""
    left = max(0.0, current_left_seconds or 0.0)
    return now + left + 60.0 * sum(remaining_minutes)


def planned_finish(started_at: float, first_planned_minutes: Sequence[int]) -> float:
    """The start of the first stage plus the time every planned stage was first given."""
    return started_at + 60.0 * sum(first_planned_minutes)


def clock(moment: float) -> str:
    """``12:50``: a moment (epoch seconds) as the local time of day."""
    return datetime.fromtimestamp(moment).strftime("%H:%M")


def finish_words(finish: Finish) -> str:
    """``Finish 12:30 planned · 12:50 now``: short enough for an 80-column projector."""
    words = f"Finish {clock(finish.planned)} planned \u00b7 {clock(finish.projected)} now"
    if finish.accepted is not None and not finish.needs_replan and finish.behind_seconds >= BEHIND_FROM_SECONDS:
        words += " (accepted)"
    return words


def finish_sentence(finish: Finish | None) -> str:
    """The finish times and how far behind, for the re-plan dialogs."""
    if finish is None:
        return "The workshop has not started yet: the finish time is worked out from the first stage."
    words = finish_words(finish)
    if finish.behind_seconds >= BEHIND_FROM_SECONDS:
        return f"{words}: {behind_words(finish.behind_seconds)}."
    return f"{words}: on time."


def minutes_words(minutes: int) -> str:
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"


def behind_words(seconds: float) -> str:
    """``20 minutes behind the plan``: whole minutes, rounded up (a minute and a half is 2)."""
    return f"{minutes_words(math.ceil(seconds / 60 - 1e-9))} behind the plan"


def minutes_to_save(finish: Finish) -> int:
    """Whole minutes to take off the rest to finish on time (rounded up)."""
    return math.ceil(finish.behind_seconds / 60 - 1e-9)


def shorten_proportionally(planned: Mapping[int, int], cut: int, *, keep: frozenset[int] = frozenset()) -> dict[int, int]:
    """New minutes for each stage so that ``cut`` minutes in all are taken off, each stage giving
    up time in proportion to its length (largest remainders get the odd minutes).

    ``keep`` are stages never shortened (breaks). No stage goes below ``SHORTEST_MINUTES``; when
    the rest cannot give up ``cut`` minutes, each gives what it can and the caller says how much
    was saved. Stages not shortened are returned unchanged.
    """
    if cut < 0:
        raise RuleBroken("Shortening takes time off: the minutes to save cannot be below zero.")
    result = dict(planned)
    spare = {sid: minutes - SHORTEST_MINUTES for sid, minutes in planned.items()
             if sid not in keep and minutes > SHORTEST_MINUTES}  # fmt: skip
    can_give = sum(spare.values())
    cut = min(cut, can_give)
    if cut == 0:
        return result
    total = sum(planned[sid] for sid in spare)
    shares = {sid: cut * planned[sid] / total for sid in spare}
    taken = {sid: min(spare[sid], math.floor(share)) for sid, share in shares.items()}
    # The odd minutes go to the stages with the largest remainders first (then the longest).
    order = sorted(spare, key=lambda sid: (-(shares[sid] - math.floor(shares[sid])), -planned[sid], sid))
    left = cut - sum(taken.values())
    while left > 0:
        for sid in order:
            if left and taken[sid] < spare[sid]:
                taken[sid] += 1
                left -= 1
    for sid, minutes in taken.items():
        result[sid] = planned[sid] - minutes
    return result


def check_minutes(value: object, what: str) -> int:
    """A stage's new length typed by the facilitator: a whole number from 1 to 600."""
    try:
        minutes = int(str(value).strip())
    except ValueError:
        raise RuleBroken(f"The minutes for {what} must be a whole number, like 10.") from None
    if not 1 <= minutes <= 600:
        raise RuleBroken(f"The minutes for {what} must be between 1 and 600, not {minutes}.")
    return minutes
