"""Faults on the projected run screen: another program holding the database, a full disk.

The screen must never freeze silently: while a save waits it says so and keeps taking keys,
the text stays in the box until the idea has been committed, and a failure is a sentence.
Also: closing a workshop leaves a backup, and ``h`` goes back to the list of workshops.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from fault_helpers import lock_held_elsewhere
from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled
from screen_check import flat, until
from textual.widgets import Input

from facilitator.domain.models import TimerStatus, WorkshopStatus
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.screens.home import HomeScreen
from facilitator.ui.screens.run import RunScreen
from facilitator.ui.stages.ideas import BUSY as IDEAS_BUSY
from facilitator.ui.stages.ideas import IdeasPanel
from facilitator.ui.stages.ideas_round import BUSY as PASS_BUSY
from facilitator.ui.widgets.speaker_picker import SpeakerPicker

SIZE = (120, 40)
WAITING = "Waiting for another program to finish saving"


def ideas_round(store: Store):
    workshop, people = coproduction_workshop(store)
    stage = stage_titled(store, workshop.id, "What matters to you")
    store.start_stage(stage.id)
    return workshop, stage


async def test_an_idea_waits_for_a_lock_held_elsewhere_while_the_screen_keeps_working(
    store: Store, db_path: Path
) -> None:
    workshop, stage = ideas_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await run_screen(pilot)
        panel = screen.query_one(IdeasPanel)
        box = panel.idea_input
        with lock_held_elsewhere(db_path, 2.0):
            box.value = "Saved once the other program lets go"
            await pilot.press("enter")
            assert await until(pilot, lambda: WAITING in flat(app))
            # Still waiting, and the screen takes keys: the next idea is typed already.
            await pilot.press(*" next")
            assert panel.writer.busy and box.value.endswith(" next")
            assert store.ideas(stage_id=stage.id) == []
            assert box.value.startswith("Saved once the other program lets go")  # kept until committed
            # A second Enter, or F4, is refused with its own sentence, not queued out of sight
            # (called directly, so no "waiting" line can land between the refusal and the check).
            assert panel.save_idea() is False and panel.status.sentence == IDEAS_BUSY
            panel.query_one(SpeakerPicker).pick_person(store.participants(workshop.id)[0].id)
            panel.action_pass_turn()
            assert panel.status.sentence == PASS_BUSY
            assert await until(pilot, lambda: not panel.writer.busy)
        await pilot.pause()
        assert [i.text for i in store.ideas(stage_id=stage.id)] == ["Saved once the other program lets go"]
        assert "1. Saved once the other program lets go" in flat(app)
        assert box.value == "next"  # what was typed during the wait is kept
        assert WAITING not in flat(app) and "Saved idea 1." in flat(app)
        assert "locked" not in flat(app)
        assert store.passes(stage.id) == set()


async def test_a_full_disk_keeps_the_idea_in_the_box_and_says_so(store: Store) -> None:
    workshop, stage = ideas_round(store)
    store.database.conn.execute("VACUUM")  # no free pages left to reuse
    app = run_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await run_screen(pilot)
        box = screen.query_one("#idea-input", Input)
        conn = store.database.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        words = "We need somewhere warm to wait at night. " * 150
        box.value = words
        await pilot.press("enter")
        await pilot.pause()
        assert box.value == words
        sentence = screen.query_one(IdeasPanel).status.sentence
        assert sentence.endswith("the disk is full, so this change was not saved. Your idea is still in the box."), sentence
        status = screen.query_one(IdeasPanel).status
        assert status.render().plain == sentence and status.region.height >= 2  # on screen, wrapped
        assert store.ideas(stage_id=stage.id) == []

        conn.execute(f"PRAGMA max_page_count = {pages * 100}")  # some space was cleared
        await pilot.press("enter")
        await pilot.pause()
        assert [i.text for i in store.ideas(stage_id=stage.id)] == [words.strip()]
        assert box.value == ""


async def test_pausing_the_timer_waits_for_a_lock_and_says_so(store: Store, db_path: Path) -> None:
    workshop, stage = ideas_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await run_screen(pilot)
        with lock_held_elsewhere(db_path, 2.0):
            await pilot.press("f6")  # from the idea box
            assert await until(pilot, lambda: WAITING in flat(app))
            assert store.stage(stage.id).timer_status is TimerStatus.RUNNING
            await pilot.press("f7")  # refused with a sentence, not queued out of sight
            assert screen.saving_in_background
            assert await until(pilot, lambda: not screen.saving_in_background)
        await pilot.pause()
        assert store.stage(stage.id).timer_status is TimerStatus.PAUSED
        assert [e.event for e in store.stage_events(stage.id)].count("extend") == 0
        assert WAITING not in flat(app)


async def test_closing_a_workshop_leaves_a_backup(store: Store, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path))
    workshop, stage = ideas_round(store)
    store.add_idea(stage.id, "Kept in the backup too")
    app = run_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        await run_screen(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.workshop(workshop.id).status is WorkshopStatus.FINISHED
    backups = list((tmp_path / "backups").glob(f"facilitator-*-workshop-{workshop.id}.db"))
    assert len(backups) == 1
    with contextlib.closing(sqlite3.connect(backups[0])) as copy:
        assert copy.execute("SELECT text FROM ideas").fetchall() == [("Kept in the backup too",)]


def shown_actions(screen) -> list[str]:
    """The actions of the keys the footer shows (in order; an 80-column footer shows the first)."""
    return [active.binding.action for active in screen.active_bindings.values() if active.binding.show]


async def test_h_goes_back_to_the_workshops(store: Store) -> None:
    workshop, _ = ideas_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        await run_screen(pilot)
        await pilot.press("h")  # in the idea box, h is a letter, and the footer does not offer it
        assert isinstance(app.screen, RunScreen)
        assert app.screen.query_one("#idea-input", Input).value == "h"
        assert "home" not in shown_actions(app.screen)
        await pilot.press("escape")
        assert "home" in shown_actions(app.screen)  # out of the box, the footer offers it
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert store.workshop(workshop.id).status is WorkshopStatus.IN_PROGRESS  # leaving ends nothing


async def test_h_opens_the_workshops_when_the_run_screen_came_first(store: Store) -> None:
    workshop, _ = ideas_round(store)
    app = FacilitatorApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await app.switch_screen(RunScreen(workshop.id))  # nothing beneath it but the blank default
        await pilot.pause()
        await pilot.press("escape", "h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
