"""Shared fixtures: a store on a temporary database file with a fake clock, and a workshop builder.

The clock is fixed (and only moves when a test calls ``clock.advance``) so that timers, overruns
and dates are the same on every run and every machine.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.models import Idea, Participant, Stage, Workshop
from facilitator.storage.store import Store, open_store

# The garbage collector, tuned for a test run (the app's own settings are untouched). Every Pilot
# test builds and drops a whole Textual app: hundreds of thousands of objects that live a little
# while. With Python's default threshold (700) many of them are promoted before they die, and the
# full collections that follow walk the whole heap again and again: in one process running all the
# app tests they took about a fifth of the time, and more the longer the process had run. A larger
# first generation lets them die young; garbage is still collected, only in fewer, larger batches.
gc.set_threshold(10_000, 10, 10)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (in pyproject.toml's addopts): two workers for each CPU this process may use, at most 16.

    Much of an app test is spent waiting (Pilot lets the app go idle after every key), so two
    workers keep a CPU busy where one would leave it idle half the time. PYTEST_XDIST_AUTO_NUM_WORKERS
    still decides when it is set; ``-n 0`` on the command line runs everything in one process.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    return min(2 * len(os.sched_getaffinity(0)), 16)


# 2025-03-14 10:00:00 UTC: a weekday morning, far from any daylight-saving change.
FIXED_EPOCH = 1_741_946_400.0

PEOPLE = [
    ("Aisha Khan", ["lived experience"], "named"),
    ("Ben Carter", ["carer"], "perspective"),
    ("Chloe Evans", ["staff"], "perspective"),
    ("Dev Patel", ["commissioner"], "named"),
    ("Erin Walsh", ["lived experience", "carer"], "anonymous"),
    ("Femi Ade", ["other"], "perspective"),
]


class FakeClock:
    """A wall clock (epoch seconds) that stands still until told to move."""

    def __init__(self, start: float = FIXED_EPOCH) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workshops.db"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    opened = open_store(db_path, clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def reopen(db_path: Path, clock: FakeClock) -> Iterator[Callable[[], Store]]:
    """Open the same file again as a second, independent store (another terminal or a restart)."""
    opened: list[Store] = []

    def _reopen() -> Store:
        another = open_store(db_path, clock=clock)
        opened.append(another)
        return another

    yield _reopen
    for another in opened:
        another.close()


@dataclass
class BuiltWorkshop:
    """A workshop made by ``workshop_factory``, with handles on the parts tests need."""

    workshop: Workshop
    stages: list[Stage]
    people: list[Participant]
    ideas: list[Idea]
    ideas_stage: Stage
    vote_stages: list[Stage] = field(default_factory=list)

    @property
    def vote(self) -> Stage:
        return self.vote_stages[0]


def make_stages(
    *, vote_stages: int = 1, vote_settings: dict[str, Any] | None = None, minutes: int = 10
) -> list[dict[str, Any]]:
    """Welcome, ideas, then ``vote_stages`` votes, then a decisions stage."""
    settings = {"dots_per_person": 3, "max_per_candidate": 2, "secret": True}
    settings.update(vote_settings or {})
    stages: list[dict[str, Any]] = [
        {"kind": "welcome", "title": "Welcome and ground rules", "minutes": 5},
        {"kind": "ideas", "title": "What would make the ward feel safer?", "minutes": minutes},
    ]
    for number in range(1, vote_stages + 1):
        stages.append({"kind": "vote", "title": f"Vote {number}", "minutes": minutes, "settings": dict(settings)})
    stages.append({"kind": "decide", "title": "Decisions", "minutes": minutes})
    return stages


@pytest.fixture
def workshop_factory(store: Store) -> Callable[..., BuiltWorkshop]:
    """Build a workshop with people (who have arrived) and ideas, ready to vote on.

    ``ideas`` ideas are given in the ideas stage, said by the people in turn. ``vote_settings``
    overrides the vote stages' settings (default: 3 dots each, at most 2 on one item, secret).
    """

    def build(
        *,
        people: int = 4,
        ideas: int = 6,
        vote_stages: int = 1,
        vote_settings: dict[str, Any] | None = None,
        title: str = "Safer wards workshop",
        arrived: bool = True,
    ) -> BuiltWorkshop:
        workshop = store.create_workshop(
            title=title,
            stages=make_stages(vote_stages=vote_stages, vote_settings=vote_settings),
            date="2025-03-14",
            place="Community hall",
        )
        roster = []
        for number in range(people):
            name, perspectives, attribution = PEOPLE[number % len(PEOPLE)]
            if number >= len(PEOPLE):
                name = f"{name} {number // len(PEOPLE) + 1}"
            roster.append(store.add_participant(workshop.id, name, perspectives, attribution, arrived=arrived))
        stages = store.stages(workshop.id)
        ideas_stage = next(stage for stage in stages if stage.kind == "ideas")
        given = [
            store.add_idea(ideas_stage.id, f"Idea {number + 1}", said_by=roster[number % len(roster)].id if roster else None)
            for number in range(ideas)
        ]
        return BuiltWorkshop(
            workshop=workshop,
            stages=stages,
            people=roster,
            ideas=given,
            ideas_stage=ideas_stage,
            vote_stages=[stage for stage in stages if stage.kind == "vote"],
        )

    return build
