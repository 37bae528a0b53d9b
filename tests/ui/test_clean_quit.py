"""Ctrl+Q is a normal quit, not an interruption: opening the app again says only that the timer
kept running, and the minutes say nothing of it. A crash or a kill still says "Resumed after an
interruption" (``test_run_timer.py``, ``test_faults_ui.py``)."""

from __future__ import annotations

from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled
from screen_check import flat

from facilitator.outputs.minutes import render_markdown
from facilitator.storage.exchange import load_record
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.screens.home import HomeScreen
from facilitator.ui.screens.run import INTERRUPTED_NOTE, RESTARTED_NOTE


def events(store: Store, stage_id: int) -> list[str]:
    return [event.event for event in store.stage_events(stage_id)]


async def test_quit_with_ctrl_q_then_reopen_is_not_an_interruption(store: Store, clock, reopen) -> None:
    workshop, _ = coproduction_workshop(store)
    welcome = store.stages(workshop.id)[0]
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_screen(pilot)
        await pilot.press("enter")  # starts the first stage
        await pilot.pause()
        assert store.current_stage(workshop.id).id == welcome.id
        clock.advance(60)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app._exit
    clock.advance(2 * 60)

    again = reopen()
    app = run_app(again, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_screen(pilot)
        await pilot.pause()
        shown = flat(app)
        assert RESTARTED_NOTE in shown
        assert "interruption" not in shown
        assert "12 minutes left" in shown  # 15 minutes, less 3 that passed: it kept running
    assert events(again, welcome.id) == ["start", "app closed", "app restarted"]
    assert "interruption" not in render_markdown(load_record(again, workshop.id))


async def test_quit_from_the_list_of_workshops_is_clean_too(store: Store, reopen) -> None:
    """The run screen left with h (the timer runs on), then Ctrl+Q on the list of workshops."""
    workshop, _ = coproduction_workshop(store)
    welcome = store.stages(workshop.id)[0]
    store.start_stage(welcome.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_screen(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
    again = reopen()
    app = run_app(again, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_screen(pilot)
        await pilot.pause()
        assert RESTARTED_NOTE in flat(app) and "interruption" not in flat(app)


async def test_a_note_takers_quit_says_nothing_about_the_facilitators_run(store: Store, reopen) -> None:
    """The note-taker's terminal never showed the run screen: its Ctrl+Q is not the facilitator's."""
    workshop, _ = coproduction_workshop(store)
    stage = stage_titled(store, workshop.id, "What matters to you")
    store.start_stage(stage.id)  # the facilitator's app, then killed
    note_taker = FacilitatorApp(store, start="capture", workshop_id=workshop.id, typist="Sam")
    async with note_taker.run_test(size=(110, 36)) as pilot:
        for _ in range(5):
            await pilot.pause()
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert "app closed" not in events(store, stage.id)
    again = reopen()
    app = run_app(again, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_screen(pilot)
        await pilot.pause()
        assert INTERRUPTED_NOTE.startswith("Resumed after an interruption:")
        assert "Resumed after an interruption:" in flat(app)
    assert events(again, stage.id)[-1] == "resumed after interruption"
