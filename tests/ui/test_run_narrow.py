"""The run screen on a zoomed-in projector (80x24): the agenda folds to its stage numbers so the
stage has the room, the footer shows only whole keys and no stray character in its last cell,
and a wrapped idea keeps its last word when the list of themes is redrawn."""

from __future__ import annotations

import re

from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled
from screen_check import add_workshop, screen_text
from textual.widgets import Footer, OptionList
from textual.widgets._footer import FooterKey

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.widgets.agenda_sidebar import AgendaSidebar

IDEAS = [
    "Sofas and lamps, not plastic chairs.",
    "A kitchen to make tea and toast.",
    "A quiet room to wait in.",
    "Someone at the door within a minute.",
    "A taxi home after the last bus.",
    "Open every night until 1am.",
    "Staff in their own clothes.",
    "A doorbell that someone answers.",
]


def revealed_ideas(store: Store):
    """A workshop at its silent ideas stage (the third), its eight ideas revealed."""
    workshop, people = coproduction_workshop(store)
    stage = stage_titled(store, workshop.id, "Ideas, written quietly")
    store.start_stage(stage.id)
    for n, words in enumerate(IDEAS):
        store.add_idea(stage.id, words, said_by=people[n % len(people)].id)
    store.set_revealed(stage.id, True)
    return workshop, stage


def ideas_on_screen(app) -> list[str]:
    shown = screen_text(app)
    return [words for words in IDEAS if words in shown]


async def test_at_80_columns_the_agenda_folds_to_numbers_and_the_ideas_get_the_room(store: Store) -> None:
    workshop, _stage = revealed_ideas(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        await pilot.pause()
        agenda = screen.query_one(AgendaSidebar)
        assert agenda.outer_size.width <= 6  # before: 24 of the 80 columns
        assert len(ideas_on_screen(app)) >= 6, screen_text(app)  # before: 3
        lines = screen_text(app).splitlines()
        # Each stage is its number, the current one marked (the title is above the timer).
        assert re.match(r" \u25b6 +3\u2502", lines[3]), lines[3]
        assert "Ideas, written" not in "".join(line[:8] for line in lines)
        assert "Stage 3 of 9: Ideas, written quietly" in screen_text(app)

        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        await pilot.pause()
        assert agenda.outer_size.width > 20
        assert "\u25b6 3. Ideas, written quietly" in screen_text(app)
        assert len(ideas_on_screen(app)) == len(IDEAS)

        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert agenda.outer_size.width <= 6


def footer_line(app) -> str:
    return screen_text(app).splitlines()[-1]


async def test_the_compact_footer_keeps_its_last_cell_clear(store: Store) -> None:
    add_workshop(store, "Night crisis line")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause()
        line = footer_line(app)
        # Before: "▏^p palette^", a character of the key under the palette's key.
        assert line.endswith("\u258f^p palette "), repr(line)


async def test_the_run_screens_footer_shows_only_whole_keys(store: Store) -> None:
    workshop, _stage = revealed_ideas(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        for size in [(80, 24), (60, 24), (160, 30)]:
            await pilot.resize_terminal(*size)
            for _ in range(3):
                await pilot.pause()
            footer = screen.query_one(Footer)
            line = footer_line(app)
            keys = [key for key in footer.query(FooterKey) if not key.has_class("-command-palette")]
            shown = [key for key in keys if key.display and key.parent.display]
            hidden = [key for key in keys if key not in shown]
            assert shown, line
            for key in shown:
                # Before: "r Re▏^p palette", a key cut by the palette's key.
                assert f"{key.key_display} {key.description} " in line, (key.description, line)
            if size[0] == 60:
                assert hidden, line  # there are more keys than room at 60 columns
            if size[0] == 160:
                assert not hidden, line


def long_ideas() -> list[str]:
    """Ideas of every length from 45 to 78 cells, so that some wrap just when a scroll bar shows."""
    words = ["tea", "and", "toast", "soup", "warm", "calm", "kind", "quiet", "room", "door", "lamp", "sofa"]
    ideas = []
    for length in range(45, 79):
        text, n = f"Idea {length}:", length
        while len(text) < length - 5:
            text += " " + words[n % len(words)]
            n += 7
        ideas.append(text + ".")
    return ideas


async def test_an_idea_moved_into_a_theme_keeps_its_wrapped_words(store: Store) -> None:
    workshop, _people = coproduction_workshop(store)
    round_stage = stage_titled(store, workshop.id, "What matters to you")
    store.start_stage(round_stage.id)
    ideas = [store.add_idea(round_stage.id, text) for text in long_ideas()]
    store.add_theme(workshop.id, "Home comforts")
    store.start_stage(stage_titled(store, workshop.id, "Themes").id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        group_list = screen.query_one("#group-list", OptionList)
        group_list.focus()
        group_list.highlighted = group_list.get_option_index(f"idea-{ideas[0].id}")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("1")  # into "Home comforts": the whole list is drawn again
        for _ in range(3):
            await pilot.pause()
        assert store.idea(ideas[0].id).theme_id is not None
        for idea_ in ideas:
            group_list.highlighted = group_list.get_option_index(f"idea-{idea_.id}")
            group_list.scroll_to_highlight()
            await pilot.pause()
            # Each idea, with its cursor on it (so it is on screen), shows every word.
            area = group_list.scrollable_content_region  # without the scroll bar
            shown = " ".join(line[area.x:area.right].strip()
                             for line in screen_text(app).splitlines()[area.y:area.bottom])
            assert f"\u2022 {idea_.text}" in " ".join(shown.split()), (idea_.text, shown)
