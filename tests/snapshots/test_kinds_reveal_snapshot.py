"""The ladder's and the scoring panel's reveals on the run screen, at 80x24 and 160x48.

A small workshop (check-in, ladder, scoring panel) is built through the Store on the fixed clock
of ``tests/conftest.py``; the shown stage's timer is paused a few minutes in and revealed. After
a deliberate change of look, regenerate and look at every picture before committing:

    pytest tests/snapshots/test_kinds_reveal_snapshot.py --snapshot-update -n 0
"""

from __future__ import annotations

import time

import pytest
from kinds_workshop import kinds_workshop
from textual.pilot import Pilot

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp

PLACES = [(4, 7), (4, 6), (3, 7), (5, 7), (2, 6)]
LIVED = [1, 4, 4, 5, 4]  # Bright Futures on lived experience: a spread of 4, to talk through


@pytest.fixture(autouse=True)
def fixed_place(monkeypatch, tmp_path):
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "facilitator-home"))
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def build(store: Store, clock, kind: str) -> int:
    built = kinds_workshop(store, people=5)
    for stage in (built.checkin, built.ladder, built.score):
        store.start_stage(stage.id)
        if stage.kind == kind:
            break
        clock.advance(stage.planned_minutes * 60 + 30)
    clock.advance(4 * 60)
    stage = built.ladder if kind == "ladder" else built.score
    store.pause_timer(stage.id)
    for person, (now, want), lived in zip(built.people, PLACES, LIVED):
        if kind == "ladder":
            store.place_on_ladder(stage.id, person.id, now, want)
        else:
            store.give_marks(stage.id, person.id, {(a, c): (lived if (a, c) == (0, 0) else 3 + a % 2)
                                                   for a in range(2) for c in range(3)})  # fmt: skip
    store.set_revealed(stage.id)
    return built.workshop.id


async def settle(pilot: Pilot) -> None:
    for _ in range(5):
        await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
@pytest.mark.parametrize("kind", ["ladder", "score"])
def test_reveal(snap_compare, store: Store, clock, kind: str, size: tuple[int, int]) -> None:
    app = FacilitatorApp(store, start="run", workshop_id=build(store, clock, kind))
    assert snap_compare(app, terminal_size=size, run_before=settle)
