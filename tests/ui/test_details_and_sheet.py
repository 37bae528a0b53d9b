"""Before and after a workshop, from home alone: changing the invitation details (e) and saving
the recognition sheet for finance (R), with a plain sentence when paid time has no rate."""

from __future__ import annotations

import csv
import io
import os
import stat

import docx
from screen_check import add_workshop, screen_text, toast_texts
from textual.widgets import Input

from facilitator import paths
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.commands import screen_commands
from facilitator.ui.dialogs.confirm import ConfirmDialog
from facilitator.ui.dialogs.details_dialog import DetailsDialog
from facilitator.ui.dialogs.sheet_dialog import SheetDialog
from facilitator.ui.screens.home import HomeScreen

SHOTS = os.environ.get("FACILITATOR_SHOTS")  # a folder: save what the screen looked like


async def test_e_on_home_changes_the_invitation_details_and_escape_keeps_the_typing(store: Store) -> None:
    made = add_workshop(store, "Crisis care", details={"start_time": "10:00", "contact_name": "Sam"})
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "Edit the invitation details" in [command.title for command in screen_commands(app.screen)]
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DetailsDialog)
        assert dialog.query_one("#start_time", Input).value == "10:00"  # what is recorded, to change
        assert dialog.query_one("#contact_name", Input).value == "Sam"
        dialog.query_one("#start_time", Input).value = "2pm"
        dialog.query_one("#step_free", Input).value = "Yes, by the side door"
        dialog.query_one("#contact_name", Input).value = ""  # an empty box clears it
        dialog.query_one("#hourly_rate", Input).value = "fifteen"
        await pilot.press("escape")  # typing is never lost to Escape: it asks, and Escape again keeps it
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is dialog and dialog.query_one("#step_free", Input).value == "Yes, by the side door"
        dialog.query_one("#hourly_rate", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        if SHOTS:
            app.save_screenshot(filename="details_dialog.svg", path=SHOTS)
        assert app.screen is dialog
        assert "The hourly rate must be an amount such as 4.50" in screen_text(app)
        assert store.workshop(made.id).start_time == "10:00"  # nothing saved yet
        dialog.query_one("#hourly_rate", Input).value = "£15.50"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Saved the invitation details" in toast for toast in toast_texts(app))
    saved = store.workshop(made.id)
    assert (saved.start_time, saved.step_free, saved.contact_name, saved.hourly_rate_pence) == (
        "14:00", "Yes, by the side door", "", 1550)


async def test_R_on_home_saves_the_series_sheet_and_letters_privately_and_names_a_missing_rate(
        store: Store, db_path) -> None:  # fmt: skip
    made = add_workshop(store, "Crisis care", series="Carers forum")
    jo = store.add_participant(made.id, "Jo Bennett")
    store.record_recognition(jo.id, "paid", travel_pence=450)
    other = add_workshop(store, "Elsewhere", series="Another", date="2025-03-01")
    store.record_recognition(store.add_participant(other.id, "Kim").id, "declined")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert "Save the recognition sheet" in [command.title for command in screen_commands(app.screen)]
        await pilot.press("R")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SheetDialog)
        assert dialog.query_one("#sheet-series", Input).value == "Carers forum"  # the selected workshop's
        folder = paths.minutes_dir(db_path)
        assert dialog.query_one("#sheet-path", Input).value == str(folder / "recognition-carers-forum.csv")
        text = " ".join(screen_text(app).split())
        assert "1 row, 1 person in Carers forum." in text
        assert "No hourly rate is set for Carers forum: time is counted as 0.00." in text
        await pilot.press("ctrl+l")
        if SHOTS:
            app.save_screenshot(filename="sheet_dialog.svg", path=SHOTS)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("Wrote the recognition sheet (1 row)" in toast for toast in toast_texts(app))
    sheet = folder / "recognition-carers-forum.csv"
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    (row,) = csv.DictReader(io.StringIO(sheet.read_text("utf-8-sig")))  # Kim's series is not in it
    assert (row["Name"], row["Amount"], row["Expenses"]) == ("Jo Bennett", "0.00", "4.50")
    assert "no hourly rate is set" in row["Note"]
    (letter,) = (folder / "recognition-carers-forum-letters").iterdir()
    assert stat.S_IMODE(letter.stat().st_mode) == 0o600
    assert "Dear Jo Bennett," in [p.text for p in docx.Document(str(letter)).paragraphs]


async def test_R_opens_nothing_while_presenting(store: Store, db_path) -> None:
    made = add_workshop(store, "Crisis care", series="Carers forum")
    store.record_recognition(store.add_participant(made.id, "Jo Bennett").id, "paid")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        app.presenting = True
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("private view" in toast for toast in toast_texts(app))
    assert not paths.minutes_dir(db_path).exists()


async def test_a_word_sheet_by_its_file_name(store: Store, db_path, tmp_path) -> None:
    made = add_workshop(store, "Crisis <b>care</b>", series="[b]Carers[/b]")
    store.record_recognition(store.add_participant(made.id, "Jo Bennett").id, "declined", care_pence=1200)
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        assert "[b]Carers[/b]" in screen_text(app)  # a series name is text, not markup
        app.screen.query_one("#sheet-path", Input).value = str(tmp_path / "for-finance.docx")
        await pilot.press("enter")
        await pilot.pause()
    document = docx.Document(str(tmp_path / "for-finance.docx"))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Jo Bennett" in cells and "£12.00" in cells
