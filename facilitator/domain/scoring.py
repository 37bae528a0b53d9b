"""A scoring panel (the ``score`` stage): criteria with optional weights, candidates, 0-5 marks.

Each panel member scores each candidate on each criterion privately; the marks are revealed
together. For each candidate and criterion the summary gives the marks (lowest first, with no
names), their mean and their spread (highest minus lowest); a spread of ``DISCUSS_SPREAD`` or more
is flagged for the panel to talk through. A moderated score, with its reason, then stands for that
candidate and criterion in the weighted total.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Any

MAX_SCORE = 5
DISCUSS_SPREAD = 2


@dataclass(frozen=True)
class ScoreSetup:
    criteria: tuple[str, ...]
    weights: tuple[int, ...]  # one per criterion
    candidates: tuple[str, ...]
    names_in_minutes: bool = True
    discuss_spread: int = DISCUSS_SPREAD


def setup_of(settings: dict[str, Any]) -> ScoreSetup:
    criteria = tuple(str(c) for c in settings.get("criteria") or ())
    weights = tuple(int(w) for w in settings.get("weights") or ()) or (1,) * len(criteria)
    return ScoreSetup(
        criteria=criteria,
        weights=(weights + (1,) * len(criteria))[: len(criteria)],
        candidates=tuple(str(c) for c in settings.get("candidates") or ()),
        names_in_minutes=settings.get("names_in_minutes", True) is not False,
        discuss_spread=int(settings.get("discuss_spread", DISCUSS_SPREAD)),
    )


def stand_in(number: int) -> str:
    """"Candidate A", "Candidate B", ... "Candidate AA": for minutes that keep names out."""
    letters = string.ascii_uppercase
    label = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        label = letters[rest] + label
    return f"Candidate {label}"


@dataclass
class Cell:
    """One candidate on one criterion."""

    candidate: int
    criterion: int
    marks: list[int] = field(default_factory=list)  # lowest first: no order of who gave them
    moderated: int | None = None
    reason: str = ""

    @property
    def mean(self) -> float | None:
        return sum(self.marks) / len(self.marks) if self.marks else None

    @property
    def spread(self) -> int:
        return max(self.marks) - min(self.marks) if self.marks else 0

    @property
    def standing(self) -> float | None:
        """What counts in the total: the moderated score if there is one, else the mean."""
        return float(self.moderated) if self.moderated is not None else self.mean


@dataclass
class Summary:
    setup: ScoreSetup
    cells: dict[tuple[int, int], Cell]
    panel: int  # how many people scored at least one mark

    def cell(self, candidate: int, criterion: int) -> Cell:
        return self.cells[(candidate, criterion)]

    def total(self, candidate: int) -> float | None:
        """Weighted total out of 5 x the weights' sum; None until every criterion has a standing."""
        parts = [self.cell(candidate, c).standing for c in range(len(self.setup.criteria))]
        if any(part is None for part in parts):
            return None
        return sum(part * weight for part, weight in zip(parts, self.setup.weights))  # type: ignore[operator]

    @property
    def most(self) -> int:
        return MAX_SCORE * sum(self.setup.weights)

    def to_discuss(self) -> list[Cell]:
        return [cell for cell in self.cells.values() if cell.moderated is None and cell.spread >= self.setup.discuss_spread]

    def as_results(self) -> dict[str, Any]:
        """What the record keeps after the reveal: marks without names, spreads, moderations."""
        return {
            "panel": self.panel,
            "cells": [
                {"candidate": cell.candidate, "criterion": cell.criterion, "marks": cell.marks,
                 "moderated": cell.moderated, "reason": cell.reason}
                for cell in self.cells.values()
            ],
        }  # fmt: skip


def summarise(setup: ScoreSetup, marks: list[tuple[int, int, int, int]],
              moderations: list[tuple[int, int, int, str]]) -> Summary:  # fmt: skip
    """``marks`` are (person, candidate, criterion, score); ``moderations`` (candidate, criterion,
    score, reason). Candidates and criteria are 0-based positions in the setup."""
    cells = {(a, c): Cell(a, c) for a in range(len(setup.candidates)) for c in range(len(setup.criteria))}
    people = set()
    for person, candidate, criterion, score in marks:
        if (candidate, criterion) in cells:
            cells[(candidate, criterion)].marks.append(score)
            people.add(person)
    for cell in cells.values():
        cell.marks.sort()
    for candidate, criterion, score, reason in moderations:
        if (candidate, criterion) in cells:
            cells[(candidate, criterion)].moderated = score
            cells[(candidate, criterion)].reason = reason
    return Summary(setup, cells, len(people))


def from_results(setup: ScoreSetup, results: dict[str, Any]) -> Summary | None:
    if "cells" not in results:
        return None
    cells = {}
    for raw in results["cells"]:
        cell = Cell(int(raw["candidate"]), int(raw["criterion"]), sorted(int(m) for m in raw.get("marks", [])),
                    raw.get("moderated"), str(raw.get("reason", "")))  # fmt: skip
        cells[(cell.candidate, cell.criterion)] = cell
    for a in range(len(setup.candidates)):
        for c in range(len(setup.criteria)):
            cells.setdefault((a, c), Cell(a, c))
    return Summary(setup, cells, int(results.get("panel", 0)))


def spread_words(cell: Cell, discuss_spread: int = DISCUSS_SPREAD) -> str:
    """"spread 4: talk this through" when the panel's marks are far apart."""
    if cell.moderated is not None:
        return f"moderated to {cell.moderated}"
    if not cell.marks:
        return "no marks"
    if cell.spread >= discuss_spread:
        return f"spread {cell.spread}: talk this through"
    return f"spread {cell.spread}"
