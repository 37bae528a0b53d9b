"""The register's workshop choice with many workshops: typing finds one, the list stays short."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from facilitator.storage.store import open_store
from facilitator.ui.dialogs import register_filters
from facilitator.ui.dialogs.register_filters import WorkshopChoiceDialog
from facilitator.ui.screens.register import RegisterScreen
from tests.ui.test_register_filters import filter_line
from tests.ui.test_register_screen import (
    EPOCH,
    HostApp,
    new_workshop,
    settle,
    shown_statements,
)


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "workshop-choice.db", clock=lambda: EPOCH)
    yield opened
    opened.close()


@pytest.fixture
def workshops(store):
    """Four workshops; newest first they are: Carers' evening, Three-month review, Peer support
    launch, Designing the sanctuary."""
    for title, day, series, statement in [
        ("Designing the sanctuary", "2025-01-10", "Crisis café", "Open 6pm to 1am every day"),
        ("Three-month review", "2025-03-14", "Crisis café", "Add a quiet room"),
        ("Peer support launch", "2025-02-20", "Peer support", "Pair every new peer worker with a mentor"),
        ("Carers' evening", "2025-05-01", "", "Hold carers' evenings monthly"),
    ]:
        store.add_decision(new_workshop(store, title, day, series=series).id, statement)


def text_of(dialog, selector: str) -> str:
    return str(dialog.query_one(selector, Static).render())


def listed(dialog) -> list[str]:
    return [w.title for w in dialog.workshops]


async def open_choice(pilot, app, screen) -> WorkshopChoiceDialog:
    await settle(pilot, screen)
    await pilot.press("down", "w")
    await pilot.pause()
    assert isinstance(app.screen, WorkshopChoiceDialog)
    return app.screen


async def test_typing_narrows_the_workshops_and_enter_picks_the_first_found(store, workshops):
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_choice(pilot, app, screen)
        assert len(dialog.workshops) == 4
        await pilot.press(*"review")
        assert listed(dialog) == ["Three-month review"]
        assert "Find: review" in text_of(dialog, "#workshop-typed")
        assert text_of(dialog, "#workshop-count") == "1 of 4 workshops match."
        await pilot.press("enter")  # the first workshop found, not "All workshops"
        await settle(pilot, screen)
        assert app.screen is screen
        assert shown_statements(screen) == ["Add a quiet room"]
        assert "workshop: Three-month review" in filter_line(screen)


async def test_words_match_the_series_and_the_date_and_backspace_widens_again(store, workshops):
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_choice(pilot, app, screen)
        await pilot.press(*"CAFÉ 2025-01")  # the series, any case, and part of a date
        assert listed(dialog) == ["Designing the sanctuary"]
        for _ in "-01":
            await pilot.press("backspace")
        assert sorted(listed(dialog)) == ["Designing the sanctuary", "Three-month review"]


async def test_nothing_found_is_said_and_escape_takes_back_the_typing_before_cancelling(store, workshops):
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_choice(pilot, app, screen)
        await pilot.press(*"[b]zz")
        assert dialog.workshops == []
        assert "Find: [b]zz" in text_of(dialog, "#workshop-typed")  # typed text shown literally
        assert text_of(dialog, "#workshop-count") == "No workshop matches that: Backspace to change it."
        await pilot.press("escape")
        assert app.screen is dialog
        assert len(dialog.workshops) == 4
        await pilot.press("escape")
        await settle(pilot, screen)
        assert app.screen is screen
        assert len(screen.found.items) == 4


async def test_with_many_workshops_only_the_newest_are_listed_and_typing_finds_the_rest(
    store, workshops, monkeypatch
):
    monkeypatch.setattr(register_filters, "MOST_SHOWN", 2)
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        dialog = await open_choice(pilot, app, screen)
        assert listed(dialog) == ["Carers' evening", "Three-month review"]  # newest first
        assert dialog.query_one("#workshop-options", OptionList).option_count == 3  # with "All workshops"
        assert text_of(dialog, "#workshop-count") == "The newest 2 of 4 workshops are listed: type to find the others."
        await pilot.press(*"sanctuary", "enter")
        await settle(pilot, screen)
        assert shown_statements(screen) == ["Open 6pm to 1am every day"]

        # Opened again, the workshop chosen now is still listed (after the newest) and highlighted.
        await pilot.press("w")
        await pilot.pause()
        dialog = app.screen
        assert listed(dialog) == ["Carers' evening", "Three-month review", "Designing the sanctuary"]
        assert dialog.query_one("#workshop-options", OptionList).highlighted == 3
        await pilot.press("enter")
        await settle(pilot, screen)
        assert shown_statements(screen) == ["Open 6pm to 1am every day"]


@pytest.mark.parametrize("key", ["e", "w"])
async def test_filter_keys_read_the_lean_choices_not_whole_workshops(store, workshops, monkeypatch, key):
    """At 5,000 workshops, whole workshop models cost 50 ms per key on the UI thread."""
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, screen)

        def refuse(*args, **kwargs):
            raise AssertionError("the register's filters read every workshop whole")

        monkeypatch.setattr(store, "list_workshops", refuse)
        await pilot.press("down", key)
        await pilot.pause()
        if key == "e":
            assert "series: Crisis café" in filter_line(screen)
        else:
            assert isinstance(app.screen, WorkshopChoiceDialog)
