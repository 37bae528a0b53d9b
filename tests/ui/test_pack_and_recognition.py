"""Before and after a workshop, from the app: saving the invitation pack from home (i), and
recording how a person's time is recognised from the roster (r)."""

from __future__ import annotations

import os
import stat

import docx
from screen_check import add_workshop, screen_text, toast_texts
from textual.widgets import Input

from facilitator import paths
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.dialogs.pack_dialog import PackDialog
from facilitator.ui.dialogs.recognition_dialog import RecognitionDialog
from facilitator.ui.screens.roster import RosterScreen

SHOTS = os.environ.get("FACILITATOR_SHOTS")  # a folder: save what the screen looked like


async def test_i_saves_the_easy_read_invitation_pack_in_word_beside_the_database(store: Store, db_path) -> None:
    add_workshop(store, "Crisis <b>care</b>", details={"start_time": "10:00", "contact_name": "Sam"})
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        # At 80 columns the footer cannot hold every key of home; the keys help lists them all.
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Save the invitation pack" in screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("i")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PackDialog)
        box = dialog.query_one("#pack-path", Input)
        assert box.value == str(paths.minutes_dir(db_path) / "invitation-crisis-b-care-b.docx")
        await pilot.press("ctrl+r")
        if SHOTS:
            app.save_screenshot(filename="pack_dialog.svg", path=SHOTS)
        await pilot.press("enter")
        await pilot.pause()
    saved = paths.minutes_dir(db_path) / "invitation-crisis-b-care-b.docx"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    text = [p.text for p in docx.Document(str(saved)).paragraphs]
    assert "Invitation: Crisis <b>care</b>" in text and "It starts at 10am." in text  # easy read


async def test_r_on_the_roster_records_how_a_person_is_recognised(store: Store) -> None:
    workshop = add_workshop(store, "Roster test")
    jo = store.add_participant(workshop.id, "Jo Bennett")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        if SHOTS:
            app.save_screenshot(filename="roster.svg", path=SHOTS)
        await pilot.press("r")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, RecognitionDialog)
        await pilot.press("down", "down", "down", "space")  # the fourth choice: donated
        dialog.query_one("#donated", Input).value = "Mind"
        dialog.query_one("#travel", Input).value = "4.50"
        dialog.query_one("#care", Input).value = "£12"
        if SHOTS:
            app.save_screenshot(filename="recognition_dialog.svg", path=SHOTS)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        # Under the list, in the private view: what was recorded.
        assert "Their time: Donated to Mind, expenses £16.50" in screen_text(app)
    given = store.recognition_for(jo.id)
    assert (given.kind, given.donated_to, given.travel_pence, given.care_pence) == ("donated", "Mind", 450, 1200)


async def test_recording_paid_time_with_no_rate_says_it_counts_as_nothing(store: Store) -> None:
    workshop = add_workshop(store, "Roster test", series="Carers")
    jo = store.add_participant(workshop.id, "Jo Bennett")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("p", "r")
        await pilot.pause()
        await pilot.press("enter")  # paid, the first choice
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        assert any("No hourly rate is set for Carers: time is counted as 0.00." in toast for toast in toast_texts(app))
    assert store.recognition_for(jo.id).kind == "paid"


async def test_a_bad_amount_keeps_the_form_open_with_the_typing(store: Store) -> None:
    workshop = add_workshop(store, "Roster test")
    jo = store.add_participant(workshop.id, "Jo Bennett")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p", "r")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#travel", Input).value = "four pounds"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog and "travel must be an amount" in screen_text(app)
    assert store.recognition_for(jo.id) is None


async def test_the_new_workshop_form_takes_the_pack_details(store: Store) -> None:
    from facilitator.ui.dialogs.new_workshop import NewWorkshopDialog

    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewWorkshopDialog)
        if SHOTS:
            app.save_screenshot(filename="new_workshop.svg", path=SHOTS)
        dialog.query_one("#title", Input).value = "Planning"
        dialog.query_one("#start_time", Input).value = "2pm"
        dialog.query_one("#step_free", Input).value = "yes"
        dialog.query_one("#contact_name", Input).value = "Sam"
        dialog.query_one("#start_time", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
    (made,) = store.list_workshops()
    assert (made.title, made.start_time, made.step_free, made.contact_name) == ("Planning", "14:00", "yes", "Sam")


async def test_r_shows_nothing_of_anyones_payment_while_presenting(store: Store) -> None:
    workshop = add_workshop(store, "Roster test")
    store.record_recognition(store.add_participant(workshop.id, "Jo Bennett").id, "donated", donated_to="Mind")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        app.presenting = True
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen) and "Mind" not in screen_text(app)
        assert any("private view" in toast for toast in toast_texts(app))


async def test_names_and_titles_in_the_two_forms_are_text_not_markup(store: Store, assert_shows_literally,
                                                                      click_on_text) -> None:  # fmt: skip
    hostile = "[ @click=app.quit]x [/b]"
    workshop = add_workshop(store, hostile)
    store.add_participant(workshop.id, hostile)
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("i")
        await assert_shows_literally(pilot, hostile)
        await click_on_text(pilot, hostile)
        await pilot.press("escape", "p", "r")
        await pilot.pause()
        assert isinstance(app.screen, RecognitionDialog)
        await assert_shows_literally(pilot, hostile)
        await click_on_text(pilot, hostile)
