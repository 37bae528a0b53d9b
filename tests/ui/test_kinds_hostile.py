"""Hostile text in the ladder, scoring and check-in panels: a candidate, a criterion, a rung, a
person's name and a check-in word are shown literally, nothing crashes, and a click on the text
runs nothing."""

from __future__ import annotations

import json

import pytest
from panel_harness import HOSTILE, HOSTILE_SHOWN, PanelTestApp, screen_text
from test_panels_hostile import IDS, click_on

from facilitator.storage.store import Store
from facilitator.ui.stages.checkin import CheckinPanel
from facilitator.ui.stages.ladder import LadderPanel
from facilitator.ui.stages.score import ScorePanel

CASES = list(zip(HOSTILE, HOSTILE_SHOWN, strict=True))


def hostile_workshop(store: Store, evil: str):
    stages = [
        {"kind": "checkin", "title": "In", "minutes": 5, "settings": {"prompt": evil, "leaving": True}},
        {"kind": "ladder", "title": "Ladder", "minutes": 5, "settings": {
            "ladder": evil, "rungs": [evil, "Middle", "Top"], "rung_definitions": [evil, "", ""]}},
        {"kind": "score", "title": "Panel", "minutes": 5, "settings": {
            "criteria": [evil, "Safety"], "candidates": [evil, "Other"]}},
    ]
    workshop = store.create_workshop(title="Hostile", stages=json.loads(json.dumps(stages)))
    people = [store.add_participant(workshop.id, name, ["carer"], "named", arrived=True)
              for name in (evil, "Ann", "Bo")]  # fmt: skip
    return workshop, store.stages(workshop.id), people


@pytest.mark.parametrize(("evil", "shown"), CASES, ids=IDS)
async def test_the_new_panels_show_hostile_text_literally(store: Store, evil: str, shown: str) -> None:
    workshop, (checkin, ladder, score), people = hostile_workshop(store, evil)
    for person in people:
        store.check_in(checkin.id, person.id, evil)
        store.place_on_ladder(ladder.id, person.id, 1, 3)
        store.give_marks(score.id, person.id, {(a, c): 3 for a in range(2) for c in range(2)})
    store.set_revealed(ladder.id)
    store.set_revealed(score.id)
    for panel, stage in ((CheckinPanel, checkin), (LadderPanel, ladder), (ScorePanel, score)):
        app = PanelTestApp(store, panel, workshop.id, stage.id)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert shown in screen_text(app), panel.__name__
            await click_on(pilot, shown)
