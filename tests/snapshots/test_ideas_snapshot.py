"""Snapshots of an ideas stage on the run screen, at a zoomed-in projector size (80x24) and a
large one (160x48), with fixed people, ideas and a clock that stands still.

Update after a deliberate change of look: ``pytest tests/snapshots --snapshot-update``, then look
at the new SVGs before committing them.
"""

from __future__ import annotations

import time

import pytest

from textual.widgets import Input

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp

PEOPLE = [
    ("Aisha Khan", ["lived experience"], "named"),
    ("Ben Carter", ["carer"], "perspective"),
    ("Chloe Evans", ["staff"], "named"),
    ("Dev Patel", ["commissioner"], "named"),
    ("Erin Walsh", ["lived experience", "carer"], "anonymous"),
    ("Femi Ade", ["other"], "named"),
]
IDEAS = [
    ("Evening and weekend appointments, not just nine to five", 0),
    ("Someone to call when things get bad at night", 1),
    ("A quiet room to wait in, away from the main ward", 2),
    ("Letters in plain English, with a named person to contact", None),
    ("Peer support workers on every shift", 4),
    ("Transport help for people who live far away", 3),
]


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """Times of day on screen come from the local time zone: fix it."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def ideas_app(store: Store) -> FacilitatorApp:
    agenda = load_agenda_file(find_agenda("coproduction-workshop"))
    workshop = store.create_workshop(title="Crisis sanctuary design day", stages=stages_from_agenda(agenda),
                                     date="2025-03-14", place="Community hall")
    people = [store.add_participant(workshop.id, name, p, a, arrived=True) for name, p, a in PEOPLE]
    welcome, round_stage = store.stages(workshop.id)[:2]
    store.start_stage(welcome.id)
    store.start_stage(round_stage.id)
    for text, who in IDEAS:
        store.add_idea(round_stage.id, text, said_by=people[who].id if who is not None else None)
    return FacilitatorApp(store, start="run", workshop_id=workshop.id)


async def settle(pilot) -> None:
    for _ in range(5):
        await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False  # a blinking cursor would make every other snapshot differ
    await pilot.pause()


def test_ideas_stage_at_80x24(snap_compare, store: Store) -> None:
    assert snap_compare(ideas_app(store), terminal_size=(80, 24), run_before=settle)


def test_ideas_stage_at_160x48(snap_compare, store: Store) -> None:
    assert snap_compare(ideas_app(store), terminal_size=(160, 48), run_before=settle)
