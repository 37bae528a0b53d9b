"""How the home screen looks at a zoomed-in projector's 80x24 and a large screen's 160x48.

The data and the clock are fixed (see ``tests/conftest.py``), so the pictures only change when
the screen does. After a deliberate change, look at the new pictures, then accept them with
``pytest tests/snapshots --snapshot-update``.
"""

from __future__ import annotations

import pytest

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp

STAGES = [{"kind": "welcome", "title": "Welcome", "minutes": 5}]

WORKSHOPS = [
    ("Crisis line: what would help at night?", "2025-03-14", "co-production", "in progress"),
    ("Planning the peer support garden", "2025-04-02", "user-led", "planned"),
    ("Carers' evening: discharge from hospital", "2025-02-20", "involvement", "finished"),
    ("Community mental health team review", "2025-01-15", "collaboration", "finished"),
    ("Safer wards: ground rules for visits", "2024-11-05", "co-production", "finished"),
    ("Young people's crisis card", "2024-09-12", "co-production", "finished"),
]


def fill(store: Store) -> None:
    for title, date, involvement, status in WORKSHOPS:
        workshop = store.create_workshop(
            title=title, stages=STAGES, date=date, involvement=involvement,
            place="Community hall", series="Crisis care" if "Crisis" in title else "",
            purpose="Decide together what the crisis line should do differently at night.",
        )
        if status == "in progress":
            store.start_stage(store.stages(workshop.id)[0].id)
        elif status == "finished":
            store.finish_workshop(workshop.id)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_home_screen(snap_compare, store: Store, size: tuple[int, int]) -> None:
    fill(store)
    assert snap_compare(FacilitatorApp(store), terminal_size=size)
