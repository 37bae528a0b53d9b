"""A restart puts back this terminal's theme, and presentation mode for the file: an app that stopped
while the projector hid who has not spoken must not show it when started again in front of the room."""

from __future__ import annotations

from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled

from facilitator.storage.store import Store, open_store
from facilitator.ui.app import FacilitatorApp, home_from_first_page
from facilitator.ui.themes import DEFAULT_THEME, next_theme

ROUND = "What matters to you"


def not_heard(screen) -> str:
    return screen.query_one("#not-heard").render().plain


async def test_the_theme_chosen_comes_back_after_a_restart(store: Store, reopen) -> None:
    async with FacilitatorApp(store).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert pilot.app.theme == DEFAULT_THEME
        await pilot.press("f2")
        chosen = pilot.app.theme
        assert chosen == next_theme(DEFAULT_THEME) != DEFAULT_THEME
        await pilot.press("ctrl+q")
    async with FacilitatorApp(reopen()).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert pilot.app.theme == chosen


async def test_presentation_mode_is_still_on_after_a_restart_and_says_so(store: Store, reopen, db_path) -> None:
    workshop, _people = coproduction_workshop(store)
    store.start_stage(stage_titled(store, workshop.id, ROUND).id)
    async with run_app(store, workshop.id).run_test(size=(100, 30)) as pilot:
        screen = await run_screen(pilot)
        assert "Not heard from yet (5)" in not_heard(screen)
        await pilot.press("f5")
        await pilot.pause()
        assert not_heard(screen) == ""  # hidden from the room
        await pilot.press("ctrl+q")

    app = run_app(reopen(), workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await run_screen(pilot)
        await pilot.pause()
        assert app.presenting
        assert not_heard(screen) == ""  # never shown, not even for a moment
        assert any("Presentation mode is on" in str(note.message) for note in app._notifications)
        await pilot.press("f5")  # the facilitator turns it off again
        await pilot.pause()
        assert "Not heard from yet (5)" in not_heard(screen)
        await pilot.press("ctrl+q")

    async with run_app(reopen(), workshop.id).run_test(size=(100, 30)) as pilot:
        screen = await run_screen(pilot)
        await pilot.pause()
        assert not pilot.app.presenting
        assert "Not heard from yet (5)" in not_heard(screen)

    # The home screen drawn before the store opens remembers it too (the file is the key).
    async with FacilitatorApp(reopen()).run_test(size=(80, 24)) as pilot:
        await pilot.press("f5")
        await pilot.press("ctrl+q")
    fast = home_from_first_page(db_path, lambda: open_store(db_path))
    assert fast is not None and fast.presenting
