"""Problems found by walking a whole workshop from the keyboard, as a newcomer would.

Each test presses the keys a facilitator would press and checks what they would notice.
"""

from __future__ import annotations

from pathlib import Path

from run_helpers import coproduction_workshop, go_to_stage, run_app, run_screen
from screen_check import flat, screen_text
from textual.widgets import Input, Select

from facilitator.domain.models import FIVE_VALUES, StageKind, WorkshopStatus
from facilitator.storage.store import Store
from facilitator.ui.dialogs.close_workshop import CloseWorkshopDialog
from facilitator.ui.dialogs.decision_dialog import DecisionDialog
from facilitator.ui.screens.home import HomeScreen
from facilitator.ui.screens.keys_help import KeysHelpScreen


async def test_after_ending_the_workshop_from_the_idea_box_the_keys_still_work(store: Store, tmp_path: Path) -> None:
    # Ending the workshop with the cursor in the idea box removed that box while the minutes
    # were open; closing them handed the focus back to it, and from then on every key (even
    # ctrl+q) went nowhere: the app could only be killed.
    workshop, _ = coproduction_workshop(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        await go_to_stage(pilot, store, workshop.id, 2)  # an ideas stage: the cursor is in its box
        assert isinstance(screen.focused, Input)
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.workshop(workshop.id).status is WorkshopStatus.FINISHED
        assert isinstance(app.screen, CloseWorkshopDialog)
        app.screen.query_one("#minutes-path", Input).value = str(tmp_path / "minutes.md")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysHelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_finished_workshop_does_not_offer_to_start_its_first_stage(store: Store) -> None:
    workshop, _ = coproduction_workshop(store)
    stages = store.stages(workshop.id)
    for stage in stages:
        store.start_stage(stage.id)
    store.finish_workshop(workshop.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(160, 48)) as pilot:  # tall enough for the whole agenda
        await run_screen(pilot)
        shown = flat(app)
        assert "The workshop has finished." in shown
        assert "All stages are over" in shown
        assert "No stage has started yet" not in shown
        assert "start the first stage" not in shown
        # The last stage is done, not "now": nothing is running any more.
        assert "\u25b6" not in screen_text(app)
        assert f"\u2713 {len(stages)}." in screen_text(app)


def format_line(app) -> str:
    return next(line for line in screen_text(app).splitlines() if "Save as:" in line)


async def test_the_chosen_minutes_format_shows_by_a_symbol_not_only_colour(store: Store, tmp_path: Path) -> None:
    workshop, _ = coproduction_workshop(store)
    store.finish_workshop(workshop.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseWorkshopDialog)
        line = format_line(app)
        assert line.count("\u25cf") == 1  # one chosen, marked; the other blank
        assert line.index("\u25cf") < line.index("Markdown") < line.index("HTML")
        dialog.query_one("#minutes-path", Input).value = str(tmp_path / "minutes.html")
        await pilot.pause()
        line = format_line(app)
        assert line.count("\u25cf") == 1
        assert line.index("Markdown") < line.index("\u25cf") < line.index("HTML")
        await pilot.click("#format-md")
        await pilot.pause()
        assert dialog.query_one("#minutes-path", Input).value.endswith("minutes.md")


async def test_enter_in_an_empty_idea_box_asks_for_the_idea_without_claiming_one_is_kept(store: Store) -> None:
    workshop, _ = coproduction_workshop(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await go_to_stage(pilot, store, workshop.id, 2)
        await pilot.press("enter")
        await pilot.pause()
        shown = flat(app)
        assert "Type the idea first, then press Enter." in shown
        assert "still in the box" not in shown
        assert store.ideas(stage_id=store.current_stage(workshop.id).id) == []
        await pilot.press(*"Quiet room")
        await pilot.press("enter")
        await pilot.pause()
        assert [idea.text for idea in store.ideas(stage_id=store.current_stage(workshop.id).id)] == ["Quiet room"]


async def test_v_on_a_projector_sized_screen_brings_the_check_out_summary_into_view(store: Store) -> None:
    workshop, _ = coproduction_workshop(store)
    checkout = next(stage for stage in store.stages(workshop.id) if stage.kind is StageKind.EVALUATE)
    store.start_stage(checkout.id)
    store.add_values_scores(workshop.id, dict.fromkeys(FIVE_VALUES, 4), stage_id=checkout.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        assert "4.0 of 5" not in flat(app)
        await pilot.press("v")
        await pilot.pause()
        await pilot.pause()
        assert store.stage(checkout.id).revealed
        assert "Empathy" in flat(app).split("Summary (v hides it)")[-1]
        assert "4.0 of 5" in flat(app)


async def test_enter_moves_past_the_drop_down_lists_of_a_decision_so_typing_is_not_lost(store: Store) -> None:
    # Enter on "How" used to open its list: the next answer typed went into the list's search,
    # and the next Enter picked a method nobody chose.
    workshop, people = coproduction_workshop(store)
    decide = next(stage for stage in store.stages(workshop.id) if stage.kind is StageKind.DECIDE)
    store.start_stage(decide.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DecisionDialog)
        for answer in ("Open on Sundays", "Most asked for", "", "the whole group", "", "2027-03-01",
                       "Worried about cost", "Ben", ""):
            await pilot.press(*answer, "enter")  # "" on a list: Enter keeps its choice and moves on
            await pilot.pause()
        await pilot.pause()
        assert not isinstance(app.screen, DecisionDialog)  # Enter on the last field, "Replaces", saved it
    [decision] = store.decisions(workshop.id)
    assert decision.statement == "Open on Sundays" and decision.rationale == "Most asked for"
    assert decision.method == "consensus" and decision.status == "agreed"
    assert decision.decided_by == "the whole group" and decision.review_date == "2027-03-01"
    [dissent] = store.dissents(decision.id)
    assert dissent.text == "Worried about cost" and dissent.participant_id == people[1].id


async def test_space_still_opens_a_drop_down_list_in_a_decision(store: Store) -> None:
    workshop, _ = coproduction_workshop(store)
    decide = next(stage for stage in store.stages(workshop.id) if stage.kind is StageKind.DECIDE)
    store.start_stage(decide.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Open on Sundays", "enter", "enter")  # to "How"
        await pilot.pause()
        method = app.screen.query_one("#method", Select)
        assert app.screen.focused is method
        await pilot.press("space")
        await pilot.pause()
        assert method.expanded
        await pilot.press("down", "enter")
        await pilot.pause()
        assert method.value == "vote"
        assert "Space: open a list" in flat(app)
