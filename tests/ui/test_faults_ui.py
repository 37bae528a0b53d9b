"""Faults as the note-taker and the facilitator meet them: a sentence on the screen, the text
still in the box, nothing lost, never "database is locked", and a clear word after a crash."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from fault_helpers import lock_held_elsewhere, made_read_only
from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled
from screen_check import flat, screen_text, until
from textual.pilot import Pilot

from facilitator.domain.errors import StorageError
from facilitator.storage import db as dbmod
from facilitator.storage.store import Store, open_store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.screens.capture import BUSY as CAPTURE_BUSY
from facilitator.ui.screens.capture import CaptureScreen
from facilitator.ui.screens.capture_pass import PASS_BUSY
from facilitator.ui.screens.run import INTERRUPTED_NOTE

PROJECT = Path(__file__).resolve().parents[2]
SIZE = (110, 36)


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))


def ideas_round(store: Store):
    workshop, _ = coproduction_workshop(store)
    stage = stage_titled(store, workshop.id, "What matters to you")
    store.start_stage(stage.id)
    return workshop, stage


async def open_capture(pilot: Pilot) -> CaptureScreen:
    for _ in range(20):
        await pilot.pause()
        if isinstance(pilot.app.screen, CaptureScreen):
            return pilot.app.screen
    raise AssertionError(f"the capture screen did not open; showing {pilot.app.screen!r}")


async def test_read_only_says_it_cannot_save_and_keeps_the_text(db_path: Path, clock) -> None:
    setup = open_store(db_path, clock=clock)
    workshop, stage = ideas_round(setup)
    mine = setup.add_idea(stage.id, "Typed before the file was locked", typed_by="Sam")
    setup.close()
    with made_read_only(db_path):
        store = open_store(db_path, clock=clock)
        try:
            app = FacilitatorApp(store, start="capture", workshop_id=workshop.id, typist="Sam")
            async with app.run_test(size=SIZE) as pilot:
                screen = await open_capture(pilot)
                assert "read-only" in flat(app) and "Read-only: changes cannot be saved." in flat(app)
                screen.idea_input.value = "Please do not lose me"
                await pilot.press("enter")
                await pilot.pause()
                assert screen.idea_input.value == "Please do not lose me"
                assert "Read-only: changes cannot be saved. Your idea is still in the box." in flat(app)
                await pilot.press("escape", "w")  # the note-taker's list: nothing can change there either
                await pilot.pause()
                assert app.screen is screen
                assert [i.text for i in store.ideas(workshop_id=workshop.id)] == [mine.text]
        finally:
            store.close()


async def test_a_full_disk_keeps_the_idea_in_the_box_and_says_so(store: Store, db_path: Path) -> None:
    workshop, _ = ideas_round(store)
    store.database.conn.execute("VACUUM")  # no free pages left to reuse
    app = FacilitatorApp(store, start="capture", workshop_id=workshop.id, typist="Sam")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot)
        writer_conn = screen.writer.store.database.conn  # the connection that saves
        pages = writer_conn.execute("PRAGMA page_count").fetchone()[0]
        writer_conn.execute(f"PRAGMA max_page_count = {pages}")
        words = "We need somewhere warm to wait at night. " * 150
        screen.idea_input.value = words
        await pilot.press("enter")
        await until(pilot, lambda: screen.writer is not None and not screen.writer.busy)
        await pilot.pause()
        assert screen.idea_input.value == words
        assert "the disk is full, so this change was not saved. Your idea is still in the box." in flat(app)
        assert store.ideas(workshop_id=workshop.id) == []

        writer_conn.execute(f"PRAGMA max_page_count = {pages * 100}")  # some space was cleared
        await pilot.press("enter")
        await until(pilot, lambda: not screen.writer.busy)
        await pilot.pause()
        assert [i.text for i in store.ideas(workshop_id=workshop.id)] == [words.strip()]
        assert screen.idea_input.value == ""


async def test_a_lock_held_elsewhere_makes_the_save_wait_and_say_so(store: Store, db_path: Path) -> None:
    workshop, _ = ideas_round(store)
    app = FacilitatorApp(store, start="capture", workshop_id=workshop.id, typist="Sam")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot)
        seen: list[str] = []
        with lock_held_elsewhere(db_path, 2.0):
            screen.idea_input.value = "Saved once the other program lets go"
            await pilot.press("enter")
            assert await until(pilot, lambda: screen.status.kind == "-waiting")
            seen.append(flat(app))
            # The screen keeps working while it waits: the next idea can be typed already.
            await pilot.press(*" next")
            # A second Enter, or F4, is refused with its own sentence, not queued out of sight
            # (called directly, so no "waiting" line can land between the refusal and the check).
            assert screen.save_idea() is False and screen.status.sentence == CAPTURE_BUSY
            screen.action_pass_turn()
            assert screen.status.sentence == PASS_BUSY
            assert await until(pilot, lambda: not screen.writer.busy)
        await pilot.pause()
        assert "Waiting for another program to finish saving" in seen[0]
        assert [i.text for i in store.ideas(workshop_id=workshop.id)] == ["Saved once the other program lets go"]
        assert screen.idea_input.value == "next"  # what was typed during the wait is kept
        assert "\u2713 Saved" in flat(app)
        assert "locked" not in " ".join(seen) + flat(app)


async def test_a_lock_held_too_long_keeps_the_idea_and_says_why(store: Store, db_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(dbmod, "WRITE_PATIENCE_SECONDS", 1.0)
    workshop, _ = ideas_round(store)
    app = FacilitatorApp(store, start="capture", workshop_id=workshop.id, typist="Sam")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot)
        with lock_held_elsewhere(db_path, 60):
            screen.idea_input.value = "Still here afterwards"
            await pilot.press("enter")
            assert await until(pilot, lambda: screen.status.kind == "-error")
        await pilot.pause()
        assert screen.idea_input.value == "Still here afterwards"
        assert ("another program has held the database for over 1 seconds, so this change was not saved. "
                "Your idea is still in the box.") in flat(app)
        assert store.ideas(workshop_id=workshop.id) == []
        await pilot.press("enter")  # the other program has gone: Enter again saves it
        await until(pilot, lambda: not screen.writer.busy)
        await pilot.pause()
        assert [i.text for i in store.ideas(workshop_id=workshop.id)] == ["Still here afterwards"]


async def test_a_read_that_fails_is_a_sentence_not_a_crash(store: Store, monkeypatch) -> None:
    workshop, _ = ideas_round(store)
    app = FacilitatorApp(store, start="capture", workshop_id=workshop.id, typist="Sam")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_capture(pilot)

        def damaged(*args, **kwargs):
            raise StorageError(f"{store.database.path}: this file is not a facilitator database or it is damaged.")

        monkeypatch.setattr(store, "participants", damaged)
        app.announce_change()
        await pilot.pause()
        assert app.is_running and app.screen is screen
        assert "this file is not a facilitator database or it is damaged." in flat(app)


# A facilitator's process: starts the round, then keeps saving ideas until it is killed.
_FACILITATOR = textwrap.dedent("""
    import sys
    from facilitator.storage.store import open_store
    store = open_store(sys.argv[1])
    stage_id = int(sys.argv[2])
    store.start_stage(stage_id)
    n = 0
    while True:
        n += 1
        idea = store.add_idea(stage_id, f"idea {n}", typed_by="facilitator")
        print(idea.id, flush=True)
""")


def killed_while_saving(db_path: Path, stage_id: int) -> list[int]:
    """Run the facilitator's process until it has saved some ideas, SIGKILL it; the ids it reported."""
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    proc = subprocess.Popen([sys.executable, "-c", _FACILITATOR, str(db_path), str(stage_id)],
                            stdout=subprocess.PIPE, text=True, env=env)
    saved = [int(proc.stdout.readline()) for _ in range(25)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return saved + [int(line) for line in proc.stdout.read().split()]


async def test_after_a_kill_the_run_screen_resumes_at_the_stage_and_says_so(store: Store, db_path: Path) -> None:
    workshop, _ = coproduction_workshop(store)
    stage = stage_titled(store, workshop.id, "What matters to you")
    saved = killed_while_saving(db_path, stage.id)

    conn = sqlite3.connect(db_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    reopened = open_store(db_path)  # the facilitator starts the app again, on the wall clock
    try:
        app = run_app(reopened, workshop.id)
        async with app.run_test(size=(120, 40)) as pilot:
            await run_screen(pilot)
            await pilot.pause()
            assert "Stage 2 of 9: What matters to you" in screen_text(app)
            assert INTERRUPTED_NOTE.startswith("Resumed after an interruption: the timer kept running")
            assert "Resumed after an interruption: the timer kept running" in screen_text(app)
            present = {idea.id for idea in reopened.ideas(stage_id=stage.id)}
            assert set(saved) <= present
            events = [event.event for event in reopened.stage_events(stage.id)]
            assert events[-1] == "resumed after interruption"
    finally:
        reopened.close()
