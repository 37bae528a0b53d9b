"""Hostile text everywhere the run screen shows user text: workshop and stage titles, welcome
text, prompts, a person's name (in the not-heard list, the counts, the speaker picker and next to
an idea), the idea itself, a theme name, the question naming an idea to move and the minutes
preview. The app must not crash, must show the text literally, and must still be running after a
click on it."""

from __future__ import annotations

import pytest
from panel_harness import HOSTILE, HOSTILE_SHOWN, screen_text
from run_helpers import NAMES, private_view, run_app, run_screen
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from facilitator.storage.store import Store
from facilitator.ui.dialogs.close_workshop import CloseWorkshopDialog
from facilitator.ui.stages.group import ThemeChooser


def hostile_workshop(store: Store, hostile: str):
    workshop = store.create_workshop(
        title=hostile,
        date="2025-03-14",
        stages=[
            {"kind": "welcome", "title": hostile, "minutes": 5, "settings": {"text": hostile}},
            {"kind": "ideas", "title": hostile, "minutes": 10,
             "settings": {"prompt": hostile, "silent": True, "allow_anonymous": True}},
            {"kind": "group", "title": hostile, "minutes": 10, "settings": {"prompt": hostile}},
        ],
    )
    person = store.add_participant(workshop.id, hostile, ["carer"], "named", arrived=True)
    quiet = store.add_participant(workshop.id, hostile + " quiet", ["staff"], "named", arrived=True)
    for name in NAMES[:3]:
        store.add_participant(workshop.id, name, ["staff"], "named", arrived=True)
    return workshop, person, quiet


async def click_on(pilot: Pilot, shown: str) -> None:
    """Click where ``shown`` is on the screen, then check the app is still running."""
    lines = screen_text(pilot.app).splitlines()
    where = next(((line.index(shown), y) for y, line in enumerate(lines) if shown in line), None)
    assert where is not None, f"{shown!r} is not on the screen"
    await pilot.click(offset=(where[0] + len(shown) - 1, where[1]))
    await pilot.pause()
    assert pilot.app.return_code is None, "a click on user text ended the app"


@pytest.mark.parametrize(("hostile", "shown"), list(zip(HOSTILE, HOSTILE_SHOWN)), ids=range(len(HOSTILE)))
async def test_hostile_text_is_shown_literally_and_clicks_do_nothing(store: Store, hostile: str, shown: str) -> None:
    workshop, person, quiet = hostile_workshop(store, hostile)
    welcome, ideas, group = store.stages(workshop.id)
    store.start_stage(welcome.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(160, 48)) as pilot:
        screen = await run_screen(pilot)
        await private_view(pilot)  # the names, too, in "not heard from"
        # The welcome stage: workshop title, stage title in the agenda and timer, the text.
        assert screen_text(app).count(shown) >= 4
        await click_on(pilot, shown)

        # The ideas stage: prompt, the names in "not heard from", then the counts per person.
        await pilot.press("f8")
        await pilot.pause()
        assert screen.panel.stage_id == ideas.id
        assert f"\u2022 {shown} quiet" in screen_text(app)
        screen.query_one("#idea-input", Input).value = hostile
        query = screen.query_one("#speaker-query", Input)
        query.focus()
        await pilot.pause()
        query.value = shown[:1]
        await pilot.pause()
        assert shown in screen_text(app)  # the name in the list of matches
        await pilot.click("#speaker-matches", offset=(2, 0))  # clicking a match chooses that person
        await pilot.pause()
        assert app.return_code is None
        assert f"\u2713 {shown}" in screen_text(app)  # the choice, under the name box
        query.value = ""
        await pilot.pause()
        screen.query_one(type(screen.panel)).save_idea()
        store.add_idea(ideas.id, hostile, said_by=person.id)
        screen.panel.reload()
        await pilot.pause()
        assert f"{shown}: 1" in screen_text(app)
        await click_on(pilot, shown)

        await pilot.press("ctrl+r")  # reveal, from wherever the cursor is: the idea itself and who said it
        await pilot.pause()
        assert f"2. {shown}  \u2014 {shown}" in screen_text(app)
        await click_on(pilot, f"2. {shown}")

        # The group stage: a theme named with the hostile text.
        store.add_theme(workshop.id, hostile)
        await pilot.press("f8")
        await pilot.pause()
        assert f"1. {shown}  (0 ideas)" in screen_text(app)
        await click_on(pilot, f"1. {shown}")

        # The move question names the idea being moved.
        group_list = screen.query_one("#group-list", OptionList)
        group_list.focus()
        group_list.highlighted = next(
            n for n in range(group_list.option_count) if str(group_list.get_option_at_index(n).id).startswith("idea-"))
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ThemeChooser)
        assert f"Move \u201c{shown}" in screen_text(app)
        await click_on(pilot, f"Move \u201c{shown}")
        await pilot.press("escape")
        await pilot.pause()

        # The end: the minutes preview.
        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, CloseWorkshopDialog)
        await pilot.click("#minutes-preview", offset=(5, 2))
        await pilot.pause()
        assert app.return_code is None
