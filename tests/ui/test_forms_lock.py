"""Forms and the remaining panels while another program holds the database's write lock.

The decision, action, "You said, we did" and person forms, the roster's keys and the check-out
must not freeze the projected screen: the form stays open with what was typed, says it is
waiting, cannot be cancelled out from under a change already on its way, and closes by itself
once the change is saved, exactly once.
"""

from __future__ import annotations

from pathlib import Path

from fault_helpers import lock_held_elsewhere
from panel_harness import PanelTestApp, build_room, screen_text
from screen_check import add_workshop, flat, toast_texts, until
from textual.widgets import Input

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.dialogs.decision_dialog import DecisionDialog
from facilitator.ui.dialogs.person import PersonDialog
from facilitator.ui.dialogs.saving_dialog import STILL_SAVING_FORM
from facilitator.ui.screens.roster import RosterScreen
from facilitator.ui.stages.decide import DecidePanel
from facilitator.ui.stages.evaluate import EvaluatePanel

WAITING = "Waiting for another program to finish saving"


async def test_a_decision_form_waits_open_with_its_text_then_closes_once_saved(store: Store, db_path: Path) -> None:
    room = build_room(store)
    store.start_stage(room.stages["decide"].id)
    app = PanelTestApp(store, DecidePanel, room.workshop.id, room.stages["decide"].id)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog)
        dialog.query_one("#statement", Input).value = "Open a quiet room on the ward by March"
        dialog.query_one("#rationale", Input).value = "Most people asked for somewhere calm"
        with lock_held_elsewhere(db_path, 2.0):
            await pilot.press("ctrl+s")
            assert await until(pilot, lambda: WAITING in flat(app))
            assert "What you typed is kept" in flat(app)
            assert app.screen is dialog and store.decisions(room.workshop.id) == []
            await pilot.press("escape")  # cannot drop a change that is on its way
            assert await until(pilot, lambda: STILL_SAVING_FORM in toast_texts(app))
            assert app.screen is dialog
            assert dialog.query_one("#statement", Input).value == "Open a quiet room on the ward by March"
            assert await until(pilot, lambda: app.screen is not dialog)
        await pilot.pause()
        [decision] = store.decisions(room.workshop.id)
        assert decision.statement == "Open a quiet room on the ward by March"
        assert decision.rationale == "Most people asked for somewhere calm"
        assert "Decision recorded: Open a quiet room on the ward by March" in flat(app)


async def test_a_mistake_in_the_form_is_explained_at_once_even_while_another_program_saves(
        store: Store, db_path: Path) -> None:
    room = build_room(store)
    store.start_stage(room.stages["decide"].id)
    app = PanelTestApp(store, DecidePanel, room.workshop.id, room.stages["decide"].id)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#statement", Input).value = "Review the crisis line"
        dialog.query_one("#review-date", Input).value = "next spring"
        with lock_held_elsewhere(db_path, 2.0):
            await pilot.press("ctrl+s")
            await pilot.pause()
            # Checked before any waiting: the person hears about the date now, not after the lock.
            assert "\u201cnext spring\u201d is not a date: write the review date day first" in flat(app)
            assert not dialog.saving_in_background and WAITING not in flat(app)
            assert app.screen is dialog
            assert dialog.query_one("#statement", Input).value == "Review the crisis line"
        assert store.decisions(room.workshop.id) == []


async def test_a_new_person_waits_for_the_lock_and_is_added_once(store: Store, db_path: Path) -> None:
    workshop = add_workshop(store, "Roster under a lock")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PersonDialog)
        dialog.query_one("#name", Input).value = "Aisha Khan"
        with lock_held_elsewhere(db_path, 2.0):
            await pilot.press("enter")
            assert await until(pilot, lambda: any(WAITING in toast for toast in toast_texts(app)))
            assert app.screen is dialog and store.participants(workshop.id) == []
            assert await until(pilot, lambda: isinstance(app.screen, RosterScreen))
        await pilot.pause()
        assert [person.name for person in store.participants(workshop.id)] == ["Aisha Khan"]
        assert "Aisha Khan" in screen_text(app)


async def test_marking_someone_left_waits_for_the_lock_and_says_so(store: Store, db_path: Path) -> None:
    workshop = add_workshop(store, "Roster under a lock")
    person = store.add_participant(workshop.id, "Ben Carter", arrived=True)
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        roster = app.screen
        assert isinstance(roster, RosterScreen)
        assert WAITING not in flat(app)
        with lock_held_elsewhere(db_path, 2.0):
            await pilot.press("space")
            assert await until(pilot, lambda: WAITING in flat(app))
            assert store.participant(person.id).is_present
            assert await until(pilot, lambda: not roster.saving_in_background)
        await pilot.pause()
        assert not store.participant(person.id).is_present
        assert WAITING not in flat(app)


async def test_a_check_out_waits_for_the_lock_and_is_stored_once(store: Store, db_path: Path) -> None:
    room = build_room(store)
    app = PanelTestApp(store, EvaluatePanel, room.workshop.id, room.stages["evaluate"].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "5", "3", "4", "2")
        panel = app.query_one(EvaluatePanel)
        with lock_held_elsewhere(db_path, 2.0):
            await pilot.press("enter")
            assert await until(pilot, lambda: WAITING in flat(app))
            assert store.db.execute("SELECT count(*) FROM values_scores").fetchone()[0] == 0
            assert await until(pilot, lambda: not panel.saving_in_background)
        await pilot.pause()
        assert "Thank you \u2014 1 response so far." in flat(app)
        assert store.db.execute("SELECT count(*) FROM values_scores").fetchone()[0] == 5
