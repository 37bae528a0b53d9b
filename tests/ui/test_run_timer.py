"""The stage timer on the run screen: pause, carry on and add time are saved; warnings come in
words as well as colour; an overrun is shown and logged once; quitting and reopening brings the
same stage, timer and ideas back."""

from __future__ import annotations

from panel_harness import screen_text
from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled

from facilitator.domain.models import TimerStatus
from facilitator.storage.store import Store
from facilitator.ui.screens.run import INTERRUPTED_NOTE
from facilitator.ui.widgets.stage_timer import StageTimer


def events(store: Store, stage_id: int) -> list[str]:
    return [event.event for event in store.stage_events(stage_id)]


async def test_pause_carry_on_and_add_time_are_saved(store: Store, clock) -> None:
    workshop, _ = coproduction_workshop(store)
    welcome = store.stages(workshop.id)[0]
    store.start_stage(welcome.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        timer = screen.query_one(StageTimer)
        clock.advance(60)
        screen.refresh_timer()
        assert timer.clock_text == "14:00"

        await pilot.press("f6")
        await pilot.pause()
        assert store.stage(welcome.id).timer_status is TimerStatus.PAUSED
        assert "Paused" in screen_text(app)
        clock.advance(300)  # paused: five minutes pass in the room, the timer does not move
        screen.refresh_timer()
        assert timer.clock_text == "14:00"

        await pilot.press("f6")
        await pilot.pause()
        assert store.stage(welcome.id).timer_status is TimerStatus.RUNNING

        await pilot.press("f7")
        await pilot.pause()
        saved = store.stage(welcome.id)
        assert saved.timer_left_seconds == 19 * 60
        assert "19 minutes left" in screen_text(app)
    # It was running when the screen opened, so that is noted as a restart after an interruption.
    assert events(store, welcome.id) == ["start", "resumed after interruption", "pause", "resume", "extend"]


async def test_warnings_in_words_and_an_overrun_logged_once(store: Store, clock) -> None:
    workshop, _ = coproduction_workshop(store)
    welcome = store.stages(workshop.id)[0]  # 15 minutes
    store.start_stage(welcome.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        timer = screen.query_one(StageTimer)
        assert "15 minutes left" in screen_text(app) and not timer.has_class("-warning")

        clock.advance(12 * 60)  # 3 minutes (20%) left
        screen.refresh_timer()
        await pilot.pause()
        assert "3 minutes left" in screen_text(app) and timer.has_class("-warning")

        clock.advance(2 * 60 + 20)  # 40 seconds (under 5%) left
        screen.refresh_timer()
        await pilot.pause()
        assert "Less than a minute left" in screen_text(app) and timer.has_class("-final")

        clock.advance(40 + 120)
        screen.refresh_timer()
        await pilot.pause()
        assert "Over time by 2 minutes" in screen_text(app) and timer.has_class("-overrun")
        assert timer.clock_text == "-02:00"
        clock.advance(30)
        screen.refresh_timer()
        screen.refresh_timer()
    assert events(store, welcome.id).count("overran") == 1


async def test_going_back_a_stage_reopens_it_paused(store: Store) -> None:
    workshop, _ = coproduction_workshop(store)
    first, second = store.stages(workshop.id)[:2]
    store.start_stage(first.id)
    store.start_stage(second.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_screen(pilot)
        await pilot.press("f3")  # the cursor is in the idea box: F3 works anyway
        await pilot.pause()
        assert store.current_stage(workshop.id).id == first.id
        assert store.stage(first.id).timer_status is TimerStatus.PAUSED
        assert "\u25b6 1. Welcome and ground rules" in screen_text(app)


async def test_quit_mid_stage_and_reopen_brings_everything_back(store: Store, clock, reopen) -> None:
    workshop, people = coproduction_workshop(store)
    silent = stage_titled(store, workshop.id, "Ideas, written quietly")
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        await pilot.press("enter")  # starts the first stage
        await pilot.pause()
        await pilot.press("f8", "f8")  # the F key works wherever the cursor is
        await pilot.pause()
        assert store.current_stage(workshop.id).id == silent.id
        screen.query_one("#idea-input").value = "A named nurse for every visit"
        await pilot.press("enter")
        clock.advance(5 * 60)
        await pilot.pause()
    # The app stopped (as if the laptop was closed); two minutes pass in the room.
    clock.advance(2 * 60)

    again = reopen()
    app = run_app(again, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        shown = screen_text(app)
        assert "\u25b6 3. Ideas, written quietly" in shown
        assert "13 minutes left" in shown  # 20 minutes, less 7 that passed: it kept running
        assert "Resumed after an interruption" in shown
        assert "1 idea so far" in shown
        assert "A named nurse for every visit" not in shown  # still silent until revealed
        await pilot.press("ctrl+r")  # from the idea box
        await pilot.pause()
        assert "A named nurse for every visit" in screen_text(app)
    assert "resumed after interruption" in events(again, silent.id)
    assert INTERRUPTED_NOTE.startswith("Resumed after an interruption")


async def test_a_paused_timer_stays_paused_after_a_restart(store: Store, clock, reopen) -> None:
    workshop, _ = coproduction_workshop(store)
    welcome = store.stages(workshop.id)[0]
    store.start_stage(welcome.id)
    clock.advance(60)
    store.pause_timer(welcome.id)
    clock.advance(3600)
    again = reopen()
    app = run_app(again, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        assert screen.query_one(StageTimer).clock_text == "14:00"
        assert "Resumed after an interruption" not in screen_text(app)
    assert "resumed after interruption" not in events(again, welcome.id)
