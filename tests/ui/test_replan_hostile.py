"""Hostile text in the re-plan and tie dialogs: stage titles and item labels appear literally,
nothing crashes, and a click on them runs nothing."""

from __future__ import annotations

import pytest
from panel_harness import HOSTILE, HOSTILE_SHOWN, PanelTestApp, build_room, screen_text
from run_helpers import run_app, run_screen
from screen_check import click_on_text

from facilitator.storage.store import Store
from facilitator.ui.dialogs.tie_dialog import TieDialog
from facilitator.ui.stages.vote import VotePanel

CASES = list(zip(HOSTILE, HOSTILE_SHOWN, strict=True))
IDS = ["close-tag", "todo", "click-action", "link", "backslash", "escapes"]


@pytest.mark.parametrize(("evil", "shown"), CASES, ids=IDS)
async def test_stage_titles_and_tied_labels_show_literally(store: Store, evil: str, shown: str) -> None:
    room = build_room(store, ideas=[evil, f"{evil} 2", "Better food"])
    vote = room.stages["vote"]
    store.insert_stage(room.workshop.id, kind="break", title=f"{evil} break", minutes=5)
    first, second = store.candidates(vote.id)[:2]
    store.cast_dot(vote.id, room.people[0].id, first.kind, first.id)
    store.cast_dot(vote.id, room.people[1].id, second.kind, second.id)
    store.set_revealed(vote.id)
    app = PanelTestApp(store, VotePanel, room.workshop.id, vote.id)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert f'Tie for 1st place: "{shown}" and "{shown} 2" (1 dot each).' in screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TieDialog)
        assert f'"{shown}" and "{shown} 2"' in screen_text(app)
        await click_on_text(pilot, f"{shown} 2")
    runoff = store.start_runoff(vote.id)
    assert runoff.title == "Run-off: Dot vote"
    app = run_app(store, room.workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.press("f10", "down", "down", "enter")  # Skip a stage…: the stages to come
        await pilot.pause()
        assert f"{shown} break" in screen_text(app)
        await click_on_text(pilot, f"{shown} break")
