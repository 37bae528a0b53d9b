"""A restart puts back this terminal's theme. Presentation mode is not remembered: the run screen
opens presenting every time, whatever this terminal showed before, the private view is a
deliberate f5 that the title line (and the footer, where it fits) says in words, and it goes back
to presenting after a minute without a key."""

from __future__ import annotations

from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled
from screen_check import screen_text, toast_texts, until

from facilitator.storage.store import Store, open_store
from facilitator.ui.app import FacilitatorApp
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


def title_line(app) -> str:
    return screen_text(app).splitlines()[0].strip()


def footer(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_run_screen_opens_presenting_every_time_whatever_was_shown_before(
    store: Store, reopen, db_path, tmp_path, clock,
) -> None:
    # After practising on the demo in the private view, a real workshop must not open in it:
    # support needs and who has not voted would be on the projector.
    workshop, _people = coproduction_workshop(store)
    store.start_stage(stage_titled(store, workshop.id, ROUND).id)
    async with run_app(store, workshop.id).run_test(size=(160, 48)) as pilot:
        screen = await run_screen(pilot)
        assert pilot.app.presenting and not_heard(screen) == ""
        assert title_line(pilot.app).startswith("Presenting  \u00b7  Safer wards workshop")
        await pilot.press("f5")  # the private view: a deliberate key, said in words
        await pilot.pause()
        assert not pilot.app.presenting and "Not heard from yet (5)" in not_heard(screen)
        assert title_line(pilot.app).startswith("Private view: not for the projector  \u00b7  Safer wards workshop")
        assert "f5 Present" in footer(pilot.app)  # the title line says "Private view" in full
        await pilot.press("ctrl+q")

    # The next run screen opens presenting: after a restart, in another file, and from home.
    other = open_store(tmp_path / "real.db", clock=clock)
    real, _ = coproduction_workshop(other, title="The real workshop")
    other.start_stage(stage_titled(other, real.id, ROUND).id)
    for again in (reopen(), other):
        app = run_app(again, real.id if again is other else workshop.id)
        async with app.run_test(size=(160, 48)) as pilot:
            screen = await run_screen(pilot)
            assert app.presenting and not_heard(screen) == ""  # never shown, not even for a moment
            assert title_line(app).startswith("Presenting  \u00b7  ")
    app = FacilitatorApp(reopen())
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        assert not app.presenting  # home: the facilitator's own desk
        await pilot.press("enter")  # open the workshop
        screen = await run_screen(pilot)
        assert app.presenting and not_heard(screen) == ""
    other.close()


async def test_at_80_columns_the_title_line_says_the_mode_where_the_footer_cannot(store: Store) -> None:
    workshop, _people = coproduction_workshop(store, title="Designing the crisis sanctuary together")
    store.start_stage(stage_titled(store, workshop.id, ROUND).id)
    async with run_app(store, workshop.id).run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        assert "f5" not in footer(pilot.app).replace("f5\u258f", "")  # the f5 label is cut off here
        assert title_line(pilot.app) == (
            "Presenting  \u00b7  Designing the crisis sanctu\u2026  \u00b7  workshop running, stage 2 of 9")
        await pilot.press("f5")
        await pilot.pause()
        # The mode whole; the title gives way, then the status is said shortly.
        assert title_line(pilot.app) == (
            "Private view: not for the projector  \u00b7  Designing the crisis\u2026  \u00b7  stage 2 of 9")


async def test_the_private_view_goes_back_to_presenting_after_a_minute_without_a_key(
    store: Store, clock, monkeypatch,
) -> None:
    monkeypatch.setattr(FacilitatorApp, "PRIVATE_VIEW_CHECK_SECONDS", 0.05)  # the minute is the store's clock
    workshop, _people = coproduction_workshop(store)
    store.start_stage(stage_titled(store, workshop.id, ROUND).id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await run_screen(pilot)
        await pilot.press("f5")
        await pilot.pause(0.2)
        clock.advance(50)
        await pilot.press("escape")  # someone at the keyboard: the minute starts again
        await pilot.pause(0.2)
        clock.advance(50)
        await pilot.pause(0.2)
        assert not app.presenting and "Not heard from yet (5)" in not_heard(screen)
        clock.advance(61)  # over a minute since the last key
        assert await until(pilot, lambda: app.presenting)
        await pilot.pause()
        assert not_heard(screen) == ""
        assert title_line(app).startswith("Presenting  \u00b7  ")
        assert any("Presenting again after a minute without a key" in text for text in toast_texts(app))

    # Away from a workshop (home, the follow-up list) the private view is the desk's: it stays.
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.2)
        clock.advance(3600)
        await pilot.pause(0.2)
        assert not app.presenting
