"""The facilitator can tell note-takers how to join: Ctrl+P, "join", and the exact command shows,
with --db and the file's full path when this is not the default database."""

from __future__ import annotations

import sys
from pathlib import Path

from run_helpers import coproduction_workshop, run_app, run_screen
from screen_check import toast_texts

from facilitator.storage.store import Store


async def test_the_palette_gives_the_command_a_note_taker_types(store: Store, db_path, monkeypatch) -> None:
    # Not on PATH here (the virtual environment is not active): the script's full path, which works.
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    script = Path(sys.executable).parent / "facilitator"
    workshop, _people = coproduction_workshop(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await run_screen(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"join")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        shown = " ".join(toast_texts(app))
        assert "A note-taker joins from their own terminal with:" in shown
        # A long path wraps inside the toast; the words are all there, in order.
        wanted = f"{script} --db {db_path.resolve()} capture {workshop.id}"
        assert f"with:{''.join(wanted.split())}" in "".join(shown.split())


async def test_home_has_no_workshop_to_join(store: Store) -> None:
    from facilitator.ui.app import FacilitatorApp

    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Note-takers: how to join" not in titles
