"""Re-planning on the run screen at 80x24: the finish times beside the timer, the gentle prompt when
behind, and the re-plan dialog (F10): the rest shortened in proportion in two key presses, chosen
stages shortened, a stage skipped, moved to the next workshop, added, and moved in the order."""

from __future__ import annotations

from panel_harness import screen_text
from run_helpers import coproduction_workshop, run_app, run_screen
from textual.widgets import Input

from facilitator.domain import replan
from facilitator.domain.models import StageKind
from facilitator.storage.store import Store
from facilitator.ui.dialogs.add_stage import AddStageDialog
from facilitator.ui.dialogs.replan import ReplanDialog
from facilitator.ui.dialogs.replan_stages import StagesToComeDialog

SIZE = (80, 24)


def twenty_minutes_over(store: Store, clock):
    workshop, _ = coproduction_workshop(store)
    first = store.stages(workshop.id)[0]
    store.start_stage(first.id)
    clock.advance((first.planned_minutes + 20) * 60)  # the first stage is still going, 20 minutes over
    return workshop, first


async def test_twenty_minutes_over_the_rest_is_shortened_in_proportion_in_two_key_presses(store: Store, clock):
    workshop, _first = twenty_minutes_over(store, clock)
    before = {stage.id: (stage.kind, stage.planned_minutes) for stage in store.stages_to_come(workshop.id)}
    finish = store.finish(workshop.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await run_screen(pilot)
        screen.refresh_timer()
        await pilot.pause()
        shown = screen_text(app)
        assert f"Finish {replan.clock(finish.planned)} planned \u00b7 {replan.clock(finish.projected)} now" in shown
        assert "20 minutes behind the plan: F10 re-plans the rest." in shown
        assert "f10 Re-plan" in shown  # the key is in the footer at 80 columns
        presses = ["f10", "enter"]
        await pilot.press(*presses)
        await pilot.pause()
        assert len(presses) < 5
        assert not isinstance(app.screen, ReplanDialog)
        assert any(n.message.startswith("Saved 20 minutes") for n in app._notifications)
        assert "behind the plan" not in screen_text(app)
    after = {stage.id: stage.planned_minutes for stage in store.stages(workshop.id) if stage.id in before}
    assert sum(before[sid][1] for sid in before) - sum(after.values()) == 20
    for sid, (kind, minutes) in before.items():
        if kind is StageKind.BREAK:
            assert after[sid] == minutes  # breaks are kept whole
        else:
            assert 1 <= after[sid] <= minutes
    assert store.finish(workshop.id).behind_seconds == 0


async def test_the_dialogs_at_80x24_skip_move_add_and_reorder(store: Store, clock, tmp_path):
    workshop, _first = twenty_minutes_over(store, clock)
    rest = store.stages_to_come(workshop.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        await run_screen(pilot)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, ReplanDialog)
        text = screen_text(app)
        assert "Shorten the rest in proportion (saves 20 minutes; breaks kept whole)" in text
        assert "Accept the later finish" in text
        app.save_screenshot(str(tmp_path / "replan.svg"))

        await pilot.press("down", "down", "enter")  # Skip a stage…
        await pilot.pause()
        assert isinstance(app.screen, StagesToComeDialog)
        await pilot.press("enter")  # the first stage to come
        await pilot.pause()
        assert f"Skipped \u201c{rest[0].title}\u201d." in screen_text(app)
        app.save_screenshot(str(tmp_path / "replan_skip.svg"))
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("down", "enter")  # Move a stage to the next workshop…
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "Put on the list to carry" in screen_text(app)  # this workshop is in no series
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("down", "enter")  # Add a stage now…
        await pilot.pause()
        assert isinstance(app.screen, AddStageDialog)
        app.save_screenshot(str(tmp_path / "replan_add.svg"))
        app.screen.query_one("#add-title", Input).value = "Short break"
        app.screen.query_one("#add-minutes", Input).value = "15"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReplanDialog)
        await pilot.press("down", "enter")  # Change the order…
        await pilot.pause()
        await pilot.press("down", "u")  # the second stage to come moves up, past the ones moved away
        await pilot.pause()
        assert app.screen.query_one("#replan-error").render().plain.endswith("is now step 2.")
        app.save_screenshot(str(tmp_path / "replan_order.svg"))
        await pilot.press("escape", "escape")
        await pilot.pause()
    stages = store.stages(workshop.id)
    assert store.stage(rest[0].id).plan_state == "skipped"
    assert store.stage(rest[1].id).plan_state == "to carry"
    break_added = next(stage for stage in stages if stage.title == "Short break")
    assert (break_added.kind, break_added.planned_minutes, break_added.first_planned_minutes) == ("break", 15, 0)
    assert stages[1].id == rest[2].id and stages[4].id == break_added.id  # swapped places
    assert [e.note for e in store.stage_events(rest[2].id)] == ["Moved from step 5 to step 2"]


async def test_chosen_stages_get_new_minutes_and_a_bad_number_is_refused_in_words(store: Store, clock):
    workshop, _first = twenty_minutes_over(store, clock)
    chosen = store.stages_to_come(workshop.id)[0]
    app = run_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        await run_screen(pilot)
        await pilot.press("f10", "down", "enter", "enter")  # Shorten chosen stages…, the first one
        await pilot.pause()
        box = app.screen.query_one("#replan-minutes", Input)
        assert box.has_focus and box.value == str(chosen.planned_minutes)
        box.value = "0"
        await pilot.press("enter")
        await pilot.pause()
        assert "must be between 1 and 600, not 0." in screen_text(app)
        box.value = "3"
        await pilot.press("enter")
        await pilot.pause()
        assert f"\u201c{chosen.title}\u201d now takes 3 minutes." in screen_text(app)
    assert store.stage(chosen.id).planned_minutes == 3


async def test_a_stage_over_time_is_offered_a_re_plan_even_with_time_in_hand(store: Store, clock):
    workshop, _ = coproduction_workshop(store)
    stages = store.stages(workshop.id)
    store.start_stage(stages[0].id)
    clock.advance(60)
    store.start_stage(stages[1].id)  # the first stage ended early: time in hand
    clock.advance((stages[1].planned_minutes + 2) * 60)  # the second runs 2 minutes over
    app = run_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await run_screen(pilot)
        screen.refresh_timer()
        await pilot.pause()
        assert store.finish(workshop.id).behind_seconds == 0
        assert "This stage is over time: F10 re-plans the rest." in screen_text(app)


async def test_next_and_back_pass_over_a_skipped_stage(store: Store, clock):
    workshop, _ = coproduction_workshop(store)
    first, second, third = store.stages(workshop.id)[:3]
    store.start_stage(first.id)
    store.skip_stage(second.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await run_screen(pilot)
        await pilot.press("f8")
        await pilot.pause()
        assert screen.current_stage.id == third.id
        await pilot.press("f3")
        await pilot.pause()
        assert screen.current_stage.id == first.id
    assert store.stage(second.id).started_at is None
