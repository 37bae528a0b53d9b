"""The footer's keys follow the focus, and are rebuilt only when they change (home screen)."""

from __future__ import annotations

from screen_check import add_workshop
from textual.widgets._footer import FooterKey

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.widgets.keys_footer import KeysFooter


def footer_keys(app: FacilitatorApp) -> list[FooterKey]:
    return list(app.screen.query_one(KeysFooter).query(FooterKey))


def descriptions(app: FacilitatorApp) -> list[str]:
    return [key.description for key in footer_keys(app)]


async def test_footer_shows_the_focused_widgets_keys_and_follows_the_focus(store: Store) -> None:
    add_workshop(store, "Night crisis line")
    app = FacilitatorApp(store)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        # The list has the focus from the start, so its Enter (Open) is shown with the screen's keys.
        assert descriptions(app)[:3] == ["Open", "New", "People"]
        await pilot.press("slash")  # the filter box takes the focus and the letters typed in it
        await pilot.pause()
        assert descriptions(app)[:2] == ["Find", "Quit"] and "Open" not in descriptions(app)
        await pilot.press("escape")
        await pilot.pause()
        assert descriptions(app)[:3] == ["Open", "New", "People"]


async def test_footer_is_not_rebuilt_when_the_keys_stay_the_same(store: Store) -> None:
    add_workshop(store, "Night crisis line")
    app = FacilitatorApp(store)
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        before = footer_keys(app)
        app.screen.refresh_bindings()  # what every focus change and screen change announces
        await pilot.pause()
        await pilot.pause()
        assert footer_keys(app) == before and all(key.is_attached for key in before)
