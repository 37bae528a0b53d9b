"""Themes for the projector, calm by default, and the presentation toggle."""

from __future__ import annotations

from screen_check import add_workshop, screen_text, toast_texts

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.themes import COLOUR_BLIND, HIGH_CONTRAST, LIGHT, THEMES

# The Okabe–Ito palette: distinct for the common kinds of colour blindness.
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}


async def test_high_contrast_by_default_and_calm(store: Store) -> None:
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == HIGH_CONTRAST
        assert app.animation_level == "none"
        assert app.current_theme.background.upper() == "#000000"
        assert app.current_theme.foreground.upper() == "#FFFFFF"


async def test_ctrl_t_and_f2_cycle_through_the_three_themes(store: Store) -> None:
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        seen = [app.theme]
        for key in ("ctrl+t", "f2", "ctrl+t"):
            await pilot.press(key)
            await pilot.pause()
            seen.append(app.theme)
        assert seen == [HIGH_CONTRAST, COLOUR_BLIND, LIGHT, HIGH_CONTRAST]
        assert any("Theme: high contrast" in text for text in toast_texts(app))


async def test_the_command_palette_offers_each_theme_and_presentation_mode(store: Store) -> None:
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        commands = {command.title: command for command in app.get_system_commands(app.screen)}
        commands["Theme: light, for bright rooms"].callback()
        await pilot.pause()
        assert app.theme == LIGHT
        commands["Presentation mode on"].callback()
        await pilot.pause()
        assert app.presenting
        commands = {command.title for command in app.get_system_commands(app.screen)}
        assert "Presentation mode off" in commands


async def test_ctrl_p_opens_the_palette_and_a_command_runs(store: Store) -> None:
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"colour-blind")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == COLOUR_BLIND


def test_the_colour_blind_theme_uses_only_okabe_ito_colours() -> None:
    [theme] = [theme for theme in THEMES if theme.name == COLOUR_BLIND]
    signal_colours = {theme.primary, theme.secondary, theme.accent, theme.warning, theme.error, theme.success}
    assert {colour.upper() for colour in signal_colours} <= OKABE_ITO


def test_every_theme_keeps_light_and_dark_far_apart() -> None:
    from textual.color import Color

    for theme in THEMES:
        background, foreground = Color.parse(theme.background), Color.parse(theme.foreground)
        # Brightness difference of the text against the background, as on a washed-out projector.
        assert abs(foreground.brightness - background.brightness) > 0.85, theme.name


async def test_f5_toggles_presentation_mode_and_says_so(store: Store) -> None:
    add_workshop(store, "Anything")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        assert not app.presenting
        await pilot.press("f5")
        await pilot.pause()
        assert app.presenting
        assert "Presentation mode: facilitator-only information hidden" in toast_texts(app)
        footer = screen_text(app).splitlines()[-1]
        assert "f5 Stop presenting" in footer  # the mode is said in words, all the time
        await pilot.press("f5")
        await pilot.pause()
        assert not app.presenting
        footer = screen_text(app).splitlines()[-1]
        assert "f5 Present" in footer and "Stop presenting" not in footer
        assert "Anything" in screen_text(app)
