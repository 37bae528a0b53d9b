"""Every open view follows changes made by another terminal, and keeps the person's place.

Each test runs the app on the database file while a second, independent connection to the same
file (``reopen()``: another terminal) changes it. Nothing tells the app: it notices by its own
poll of ``PRAGMA data_version`` (every 0.5 s). The tests wait for the change to appear (allowing
a slow machine); ``benchmarks/bench_live.py`` measures how long it really takes.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled
from screen_check import add_workshop, flat, screen_text
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.screens.capture import CaptureScreen
from facilitator.ui.screens.home import HomeScreen
from facilitator.ui.stages.ideas import IdeasPanel

# Far longer than the app needs (one 0.5 s poll), so a busy CI machine does not fail the test.
PATIENCE_SECONDS = 5.0


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))


async def shows(pilot: Pilot, condition: Callable[[], bool]) -> bool:
    """Let the app run until ``condition()`` holds, or give up after ``PATIENCE_SECONDS``."""
    for _ in range(int(PATIENCE_SECONDS / 0.1)):
        if condition():
            return True
        await pilot.pause(0.1)
    return condition()


async def open_capture(pilot: Pilot) -> CaptureScreen:
    for _ in range(20):
        await pilot.pause()
        if isinstance(pilot.app.screen, CaptureScreen):
            return pilot.app.screen
    raise AssertionError(f"the capture screen did not open; showing {pilot.app.screen!r}")


async def test_the_capture_view_follows_the_facilitator_from_stage_to_stage(store: Store, reopen) -> None:
    workshop, _ = coproduction_workshop(store)
    first = stage_titled(store, workshop.id, "What matters to you")
    quiet = stage_titled(store, workshop.id, "Ideas, written quietly")
    store.start_stage(first.id)
    facilitator = reopen()  # the facilitator's terminal
    app = FacilitatorApp(store, start="capture", workshop_id=workshop.id, typist="Sam")
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_capture(pilot)
        screen.idea_input.value = "Half-typed when the stage changes"
        assert "Ideas go to: 2. What matters to you" in flat(app)

        facilitator.start_stage(quiet.id)
        assert await shows(pilot, lambda: "Ideas go to: 3. Ideas, written quietly" in flat(app))

        facilitator.start_stage(stage_titled(store, workshop.id, "Break").id)
        assert await shows(pilot, lambda: "The facilitator is on 4. Break; ideas can't be taken right now." in flat(app))
        # Following the stage never touches what the note-taker is typing, or where the cursor is.
        assert screen.idea_input.value == "Half-typed when the stage changes"
        assert screen.idea_input.has_focus


async def test_the_capture_view_offers_people_added_in_another_terminal(store: Store, reopen) -> None:
    workshop, _ = coproduction_workshop(store)
    store.start_stage(stage_titled(store, workshop.id, "What matters to you").id)
    app = FacilitatorApp(store, start="capture", workshop_id=workshop.id, typist="Sam")
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await open_capture(pilot)
        reopen().add_participant(workshop.id, "Zainab Okafor", ["carer"], "named", arrived=True)
        await pilot.press("tab", "z", "a")
        assert await shows(pilot, lambda: "Zainab Okafor" in screen_text(app))
        assert screen.query_one("#speaker-query", Input).value == "za"


async def test_the_run_screen_shows_a_note_takers_idea_and_keeps_the_selection(store: Store, reopen) -> None:
    workshop, people = coproduction_workshop(store)
    stage = stage_titled(store, workshop.id, "What matters to you")
    store.start_stage(stage.id)
    for n in range(40):
        store.add_idea(stage.id, f"Idea number {n}", said_by=people[n % len(people)].id)
    note_taker = reopen()
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        panel = screen.query_one(IdeasPanel)
        ideas = panel.query_one("#ideas-list", OptionList)
        await pilot.press("escape")  # out of the box, onto the list
        ideas.focus()
        ideas.highlighted = 5
        ideas.scroll_to(y=3, animate=False, immediate=True)
        await pilot.pause()
        chosen, scroll_y = ideas.highlighted_option.id, ideas.scroll_y
        assert scroll_y == 3

        added = note_taker.add_idea(stage.id, "A note-taker's idea", said_by=people[1].id, typed_by="Sam")
        assert await shows(pilot, lambda: added.id in panel.shown_idea_ids)
        await pilot.pause()
        assert ideas.highlighted_option.id == chosen
        assert ideas.scroll_y == scroll_y
        assert ideas.has_focus

        # A change to an idea already shown (withdrawn elsewhere) also arrives, still in place.
        note_taker.withdraw_idea(added.id)
        assert await shows(pilot, lambda: added.id not in panel.shown_idea_ids)
        assert ideas.highlighted_option.id == chosen


async def test_the_run_screen_follows_a_stage_started_in_another_terminal(store: Store, reopen) -> None:
    workshop, _ = coproduction_workshop(store)
    store.start_stage(stage_titled(store, workshop.id, "What matters to you").id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_screen(pilot)
        reopen().start_stage(stage_titled(store, workshop.id, "Ideas, written quietly").id)
        assert await shows(pilot, lambda: "Stage 3 of 9: Ideas, written quietly" in screen_text(app))


async def test_the_home_list_shows_a_new_workshop_and_keeps_the_selection(store: Store, reopen) -> None:
    made = [add_workshop(store, f"Workshop {n:02}", date=f"2024-01-{n + 1:02}") for n in range(28)]
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        chosen = made[3].id  # far down the list: the table has scrolled to show it
        home.table.select_id(chosen)
        await pilot.pause()
        assert home.table.scroll_y > 0

        reopen().create_workshop(title="Added in another terminal", stages=[
            {"kind": "ideas", "title": "Ideas", "minutes": 10}], date="2025-06-01")
        assert await shows(pilot, lambda: "Added in another terminal" in home.table.get_row_at(0)[1].plain)
        await pilot.pause()
        assert home.table.selected_id == chosen
        row = home.table.cursor_row
        assert home.table.scroll_y <= row < home.table.scroll_y + home.table.scrollable_content_region.height
