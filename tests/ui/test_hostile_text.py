"""Text that looks like markup, a link, a click action or a terminal escape is shown literally.

Each hostile string goes through every widget of the home screen, the roster and their dialogs
that shows user text: the app must not crash, must show the text as typed (escape sequences are
removed when text enters the domain), and must keep running after a click on it.
Other screens add their widgets with the helpers in ``screen_check.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from screen_check import HOSTILE, add_workshop, as_value, assert_shows_literally, click_on_text, shown, toast_texts

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.dialogs.new_workshop import NewWorkshopDialog
from facilitator.ui.dialogs.person import PersonDialog
from facilitator.ui.screens.roster import RosterScreen

SIZE = (140, 40)


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_workshop_title_place_series_and_purpose_on_home(store: Store, hostile: str) -> None:
    value = as_value(hostile)
    add_workshop(store, value, place=as_value(hostile, "P"), series=as_value(hostile, "S"),
                 purpose=as_value(hostile, "Purpose "))
    app = FacilitatorApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for each in (value, as_value(hostile, "P"), as_value(hostile, "S"), as_value(hostile, "Purpose ")):
            await assert_shows_literally(pilot, each)
        await click_on_text(pilot, as_value(hostile, "Purpose "))
        await click_on_text(pilot, value)  # the selected row: a click opens it, like Enter
        await pilot.pause()
        await assert_shows_literally(pilot, value)  # the run screen shows the title too


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_participant_name_and_support_needs_on_the_roster_and_its_dialogs(store: Store, hostile: str) -> None:
    title = "Workshop " + hostile
    workshop = add_workshop(store, title)
    name, needs = "Zed " + hostile, "Needs " + hostile
    store.add_participant(workshop.id, name, ["carer"], "named", needs)
    app = FacilitatorApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        await assert_shows_literally(pilot, "Who is here \u00b7 " + shown(title))
        await click_on_text(pilot, shown(title))
        await assert_shows_literally(pilot, name)
        await assert_shows_literally(pilot, needs)
        await click_on_text(pilot, name)  # the selected row: a click edits, like Enter
        assert isinstance(app.screen, PersonDialog)
        saved = shown(name)  # as stored: escapes removed, trimmed
        await assert_shows_literally(pilot, "Edit " + saved)
        await click_on_text(pilot, "Edit " + saved)
        await pilot.press("escape")
        await pilot.pause()
        await click_on_text(pilot, needs)
        await pilot.press("x")  # the question names the person
        await assert_shows_literally(pilot, f"Take {saved} off the roster?")
        await click_on_text(pilot, f"Take {saved}")
        await pilot.press("n")
        await pilot.press("f")
        await assert_shows_literally(pilot, f"Forget {saved} everywhere?")
        await pilot.press("n")


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_a_store_error_quoting_a_name_is_shown_literally(store: Store, hostile: str) -> None:
    workshop = add_workshop(store, "Roster")
    name = as_value(hostile, "N")
    person = store.add_participant(workshop.id, name)
    store.add_idea(store.stages(workshop.id)[1].id, "An idea", said_by=person.id)
    app = FacilitatorApp(store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("p", "x", "y")
        await pilot.pause()
        sentence = f"{shown(name)} has already contributed"
        assert any(sentence in text for text in toast_texts(app)), toast_texts(app)
        await click_on_text(pilot, sentence[:12])


@pytest.mark.parametrize("hostile", [h for h in HOSTILE if "/" not in h])
async def test_user_agenda_file_name_and_stage_titles_in_the_new_workshop_dialog(
    store: Store, hostile: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path))
    agendas = tmp_path / "agendas"
    agendas.mkdir()
    stem = as_value(hostile, "A")
    title = as_value(hostile, "Stage ")
    toml_title = title.replace("\\", "\\\\").replace('"', '\\"').replace("\x1b", "\\u001b").replace("\x07", "\\u0007")
    (agendas / f"{stem}.toml").write_text(
        f'name = "Hostile"\n[[stages]]\nkind = "welcome"\ntitle = "{toml_title}"\nminutes = 5\n', "utf-8"
    )
    # A name that sorts first, so the dialog opens with it chosen.
    (agendas / f"{stem}.toml").rename(agendas / f"0{stem}.toml")
    app = FacilitatorApp(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewWorkshopDialog)
        await assert_shows_literally(pilot, f"0{stem} (5 min, 1 stages)")
        await assert_shows_literally(pilot, title)
        await click_on_text(pilot, title)
        await click_on_text(pilot, f"0{stem}")
