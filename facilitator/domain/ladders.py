"""Ladders for the ``ladder`` stage: rungs from the lowest to the highest, kept as data.

The shipped ladders are TOML files in ``agendas/ladders/`` (the TLAP/NCAG Ladder of Co-production
and the guidance's participation jigsaw); a user's own go in ``ladders/`` inside their agendas
folder, and an agenda can spell out its own rungs in the stage itself. When a workshop is made,
the stage's settings carry the whole ladder (names, definitions, attribution), so the record
stays readable if a ladder file changes later.

Where people placed themselves is shown only as counts per rung, and only when at least
``SMALL_GROUP`` people placed: with fewer, a count of one is a person.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator import paths

DEFAULT_LADDER = "co-production"
MAX_RUNGS = 12
# Fewer placements than this and the distribution is withheld: nobody is singled out.
SMALL_GROUP = 3
WITHHELD = (
    "Fewer than 3 people placed themselves, so where they placed is not shown: "
    "with so few, anyone could be picked out."
)
BAR = "\u2588"


@dataclass(frozen=True)
class Ladder:
    name: str
    rungs: tuple[str, ...]  # lowest first
    definitions: tuple[str, ...]  # one per rung ("" when none)
    attribution: str = ""

    def settings(self) -> dict[str, Any]:
        """As a stage's settings: the same fields an agenda's own ladder has, so they validate again."""
        return {"ladder": self.name, "rungs": list(self.rungs), "rung_definitions": list(self.definitions),
                "attribution": self.attribution}  # fmt: skip


def _folders() -> list[Path]:
    return [paths.shipped_agendas_dir() / "ladders", paths.user_agendas_dir() / "ladders"]


def shipped_ladders() -> dict[str, Path]:
    """Ladder files by name (file stem); a user's own overrides a shipped one of the same name."""
    found: dict[str, Path] = {}
    for folder in _folders():
        try:
            found.update((file.stem, file) for file in sorted(folder.glob("*.toml")) if file.is_file())
        except OSError:
            continue
    return found


def load_ladder(name: str) -> Ladder:
    """The ladder called ``name``; ``ValueError`` with a predicate-style sentence if it is not there."""
    files = shipped_ladders()
    if name not in files:
        raise ValueError(f'"{name}" is not a known ladder (known: {", ".join(files) or "none"})')
    try:
        data = tomllib.loads(files[name].read_text(encoding="utf-8"))
        rungs = data["rungs"]
        return Ladder(
            name=str(data["name"]),
            rungs=tuple(str(rung["name"]) for rung in rungs),
            definitions=tuple(str(rung.get("definition", "")) for rung in rungs),
            attribution=str(data.get("attribution", "")),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError) as error:
        raise ValueError(f'"{name}" is a ladder whose file cannot be read ({files[name]}: {error})') from None


def ladder_of(settings: dict[str, Any]) -> Ladder:
    """The ladder a stage's settings carry (filled in when the workshop was made)."""
    rungs = tuple(str(rung) for rung in settings.get("rungs") or ())
    if not rungs:
        return load_ladder(str(settings.get("ladder") or DEFAULT_LADDER))
    definitions = tuple(str(text) for text in settings.get("rung_definitions") or ())
    definitions = (definitions + ("",) * len(rungs))[: len(rungs)]
    name = str(settings.get("ladder") or "Our ladder")
    return Ladder(name, rungs, definitions, str(settings.get("attribution") or ""))


@dataclass(frozen=True)
class Distribution:
    """Counts per rung (lowest first) for "now" and "want", or withheld for a small group."""

    placements: int
    now: tuple[int, ...]
    want: tuple[int, ...]

    @property
    def withheld(self) -> bool:
        return self.placements < SMALL_GROUP

    def as_results(self) -> dict[str, Any]:
        if self.withheld:  # the counts are not even stored: nothing to leak later
            return {"placements": self.placements, "withheld": True}
        return {"placements": self.placements, "withheld": False, "now": list(self.now), "want": list(self.want)}


def distribution(rung_count: int, placements: list[tuple[int, int]]) -> Distribution:
    """``placements`` are (now, want) rung numbers, 1 = the lowest rung."""
    now, want = [0] * rung_count, [0] * rung_count
    for here, there in placements:
        now[here - 1] += 1
        want[there - 1] += 1
    return Distribution(len(placements), tuple(now), tuple(want))


def from_results(results: dict[str, Any], rung_count: int) -> Distribution | None:
    """A distribution stored at the reveal (``Stage.results``); None when nothing was stored."""
    if "placements" not in results:
        return None
    if results.get("withheld"):
        return Distribution(int(results["placements"]), (0,) * rung_count, (0,) * rung_count)
    return Distribution(int(results["placements"]), tuple(results["now"]), tuple(results["want"]))


def bar_lines(ladder: Ladder, counts: tuple[int, ...], width: int = 12) -> list[tuple[str, str, int]]:
    """(rung name, bar, count) per rung, highest first, as a ladder is read: the bar is
    characters, so the count never depends on colour."""
    most = max(counts, default=0) or 1
    lines = []
    for name, count in reversed(list(zip(ladder.rungs, counts))):
        cells = round(count / most * width)
        if count and not cells:
            cells = 1
        lines.append((name, BAR * cells, count))
    return lines


def summary_sentence(ladder: Ladder, result: Distribution) -> str:
    """"Most said now: Consultation (4). Most want: Co-production (5)." for the minutes and the screen."""
    if result.withheld:
        return WITHHELD

    def most(counts: tuple[int, ...]) -> str:
        top = max(counts)
        names = [name for name, count in zip(ladder.rungs, counts) if count == top]
        return f"{' and '.join(names)} ({top})"

    return f"Most placed where we are now on {most(result.now)}; most want to be on {most(result.want)}."
