"""The decision register's series, workshop and date filters, driven with Pilot from the keyboard."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from facilitator.storage.store import open_store
from facilitator.ui.dialogs.register_filters import (
    DateRangeDialog,
    WorkshopChoiceDialog,
)
from facilitator.ui.screens.register import RegisterScreen
from tests.ui.test_register_screen import (
    EPOCH,
    HostApp,
    new_workshop,
    settle,
    shown_statements,
)

HOSTILE_SERIES = "Peer [b]support[/b] [ @click=x]"


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "register-filters.db", clock=lambda: EPOCH)
    yield opened
    opened.close()


@pytest.fixture
def workshops(store):
    cafe_january = new_workshop(store, "Designing the sanctuary", "2025-01-10", series="Crisis café")
    store.add_decision(cafe_january.id, "Open 6pm to 1am every day")
    cafe_march = new_workshop(store, "Three-month review", "2025-03-14", series="Crisis café")
    store.add_decision(cafe_march.id, "Add a quiet room")
    peer = new_workshop(store, "Peer support launch", "2025-02-20", series=HOSTILE_SERIES)
    store.add_decision(peer.id, "Pair every new peer worker with a mentor")
    loose = new_workshop(store, "Carers' evening", "2025-05-01", series="")
    store.add_decision(loose.id, "Hold carers' evenings monthly")
    return {"january": cafe_january, "march": cafe_march, "peer": peer, "loose": loose}


def filter_line(screen: RegisterScreen) -> str:
    return str(screen.query_one("#register-filters", Static).render())


async def test_series_key_steps_through_the_series_and_narrows_to_each(store, workshops):
    screen = RegisterScreen()
    async with HostApp(store, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot, screen)
        assert len(screen.found.items) == 4
        await pilot.press("down", "e")  # to the results, then the first series (alphabetical)
        await settle(pilot, screen)
        assert sorted(shown_statements(screen)) == ["Add a quiet room", "Open 6pm to 1am every day"]
        assert "series: Crisis café" in filter_line(screen)
        await pilot.press("e")
        await settle(pilot, screen)
        assert shown_statements(screen) == ["Pair every new peer worker with a mentor"]
        assert f"series: {HOSTILE_SERIES}" in filter_line(screen)  # shown literally, not as markup
        await pilot.press("e")  # back to any series
        await settle(pilot, screen)
        assert len(screen.found.items) == 4
        assert "series" not in filter_line(screen).split("(")[0]


async def test_date_range_narrows_to_workshops_between_the_dates(store, workshops):
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, screen)
        await pilot.press("down", "t")
        await pilot.pause()
        assert isinstance(app.screen, DateRangeDialog)
        app.screen.query_one("#date-from", Input).value = "2025-02-01"
        app.screen.query_one("#date-to", Input).value = "2025-03-31"
        await pilot.press("enter")
        await settle(pilot, screen)
        assert app.screen is screen
        assert sorted(shown_statements(screen)) == ["Add a quiet room", "Pair every new peer worker with a mentor"]
        assert "workshops from 1 Feb 2025 to 31 Mar 2025" in filter_line(screen)

        await pilot.press("t")  # the dialog keeps the dates; clearing "to" leaves the range open at the end
        await pilot.pause()
        assert app.screen.query_one("#date-from", Input).value == "2025-02-01"
        app.screen.query_one("#date-to", Input).value = ""
        await pilot.press("enter")
        await settle(pilot, screen)
        assert sorted(shown_statements(screen)) == [
            "Add a quiet room", "Hold carers' evenings monthly", "Pair every new peer worker with a mentor"]
        assert "workshops from 1 Feb 2025 on" in filter_line(screen)


async def test_workshop_choice_narrows_to_that_workshop_and_all_undoes_it(store, workshops):
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, screen)
        await pilot.press("down", "w")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, WorkshopChoiceDialog)
        steps = [w.id for w in dialog.workshops].index(workshops["march"].id) + 1  # after "All workshops"
        await pilot.press(*["down"] * steps, "enter")
        await settle(pilot, screen)
        assert shown_statements(screen) == ["Add a quiet room"]
        assert "workshop: Three-month review" in filter_line(screen)

        await pilot.press("w")
        await pilot.pause()
        await pilot.press("home", "enter")  # "All workshops"
        await settle(pilot, screen)
        assert len(screen.found.items) == 4
        assert "workshop:" not in filter_line(screen)


async def test_a_bad_date_is_explained_and_the_dialog_stays_open(store, workshops):
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, screen)
        await pilot.press("down", "t")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#date-from", Input).value = "03/14/2025"  # month first
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        error = str(dialog.query_one("#date-error", Static).render())
        assert error == ("\u201c03/14/2025\u201d is not a date: write the from date day first, as 31/01/2027 "
                         "(day/month/year), or as today, tomorrow, friday or in 2 weeks.")
        dialog.query_one("#date-from", Input).value = "2025-04-01"
        dialog.query_one("#date-to", Input).value = "2025-01-01"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dialog
        assert "must not be after" in str(dialog.query_one("#date-error", Static).render())
        await pilot.press("escape")  # cancel: the register is as it was
        await settle(pilot, screen)
        assert app.screen is screen
        assert len(screen.found.items) == 4
        assert "workshops from" not in filter_line(screen)


async def test_filter_keys_still_work_when_a_filter_leaves_no_decisions(store, workshops):
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, screen)
        await pilot.press("down", "t")
        await pilot.pause()
        app.screen.query_one("#date-from", Input).value = "2026-01-01"
        await pilot.press("enter")
        await settle(pilot, screen)
        assert screen.found.items == []
        await pilot.press("t")  # opens the dialog again, rather than typing "t" into the search box
        await pilot.pause()
        assert isinstance(app.screen, DateRangeDialog)
        assert screen.query_one("#register-search", Input).value == ""
