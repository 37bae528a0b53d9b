"""The note-taker's view: who is typing (asked once, remembered), Enter saves and the box is
ready at once, who said it and who typed it kept apart, where ideas go, and the note-taker's own
ideas to change or withdraw."""

from __future__ import annotations

import json
import os

import pytest
import screen_check
from run_helpers import ROUND, coproduction_workshop, open_round, stage_titled
from screen_check import flat, screen_text
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from facilitator.local import typist_memory
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.dialogs.confirm import ConfirmDialog
from facilitator.ui.dialogs.edit_idea import EditIdeaDialog
from facilitator.ui.dialogs.typist import TypistDialog
from facilitator.ui.screens.capture import CaptureScreen
from facilitator.ui.screens.home import HomeScreen

SIZE = (110, 36)


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    """Typist memory goes to a folder of the test's own."""
    home = tmp_path / "home"
    monkeypatch.setenv("FACILITATOR_HOME", str(home))
    return home


def capture_app(store: Store, workshop_id: int, typist: str | None = "Sam") -> FacilitatorApp:
    return FacilitatorApp(store, start="capture", workshop_id=workshop_id, typist=typist)


async def capture_screen(pilot: Pilot) -> CaptureScreen:
    for _ in range(20):
        await pilot.pause()
        screens = [s for s in pilot.app.screen_stack if isinstance(s, CaptureScreen)]
        if screens:
            return screens[0]
    raise AssertionError(f"the capture screen did not open; showing {pilot.app.screen!r}")


async def dialog_shown(pilot: Pilot, kind: type) -> None:
    for _ in range(20):
        await pilot.pause()
        if isinstance(pilot.app.screen, kind):
            return
    raise AssertionError(f"no {kind.__name__}; showing {pilot.app.screen!r}")


async def settle(pilot: Pilot) -> None:
    """Let a background save finish and its result reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def type_idea(pilot: Pilot, screen: CaptureScreen, words: str, *, name_start: str = "") -> None:
    screen.idea_input.value = words
    if name_start:
        await pilot.press("tab", *name_start)
    await pilot.press("enter")
    await settle(pilot)


async def test_asks_once_who_is_typing_and_remembers_it(store: Store, db_path, data_home) -> None:
    workshop, _, stage = open_round(store)
    app = capture_app(store, workshop.id, typist=None)
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        await dialog_shown(pilot, TypistDialog)
        assert "never shown as the person who said it." in screen_text(app)
        await pilot.press("enter")  # nothing typed: refused, the dialog stays
        assert isinstance(app.screen, TypistDialog)
        assert "The note-taker's name cannot be empty." in screen_text(app)
        await pilot.press(*"Priya")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        assert screen.idea_input.has_focus
        assert "typing as Priya" in screen_text(app)
        await type_idea(pilot, screen, "Quiet room")
        assert [(i.text, i.typed_by) for i in store.ideas(stage_id=stage.id)] == [("Quiet room", "Priya")]

    memory = typist_memory.memory_file()
    assert os.stat(memory).st_mode & 0o777 == 0o600
    assert json.loads(memory.read_text()) == {str(db_path.resolve()): "Priya"}

    # Next time the name is offered: Enter alone is enough.
    again = capture_app(store, workshop.id, typist=None)
    async with again.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        await dialog_shown(pilot, TypistDialog)
        assert again.screen.query_one("#typist-name", Input).value == "Priya"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.typist == "Priya" and screen.idea_input.has_focus


async def test_cancelling_who_is_typing_goes_back_to_the_workshops(store: Store) -> None:
    workshop, _, _ = open_round(store)
    app = capture_app(store, workshop.id, typist=None)
    async with app.run_test(size=SIZE) as pilot:
        await capture_screen(pilot)
        await dialog_shown(pilot, TypistDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_given_name_skips_the_question_and_enter_saves_with_the_box_ready(store: Store) -> None:
    workshop, people, stage = open_round(store)
    app = capture_app(store, workshop.id, typist="Sam")
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        assert app.screen is screen and screen.idea_input.has_focus
        assert "Ideas go to: 2. What matters to you \u2014 What matters most to you about this service?" in (
            screen_text(app)
        )

        await type_idea(pilot, screen, "Somewhere to talk that is not the ward", name_start="ch")
        saved = store.ideas(stage_id=stage.id)
        chloe = next(p for p in people if p.name == "Chloe Evans")
        assert [(i.text, i.said_by, i.typed_by, i.anonymous) for i in saved] == [
            ("Somewhere to talk that is not the ward", chloe.id, "Sam", False)
        ]
        assert screen.idea_input.value == "" and screen.idea_input.has_focus
        assert screen.picker.speaker is None  # the next idea starts with nobody chosen
        shown = screen_text(app)
        assert "\u2713 Saved" in shown
        assert "Somewhere to talk that is not the ward \u2014 said by Chloe Evans" in shown

        # The next one straight away, anonymous this time; the newest is at the top of the list.
        await type_idea(pilot, screen, "Staff who knock first", name_start="anon")
        second = store.ideas(stage_id=stage.id)[-1]
        assert (second.anonymous, second.said_by, second.typed_by) == (True, None, "Sam")
        assert list(screen.my_ideas) == [second.id, saved[0].id]
        assert screen.idea_input.value == "" and screen.idea_input.has_focus


async def test_only_the_note_takers_own_ideas_are_listed(store: Store) -> None:
    workshop, _people, stage = open_round(store)
    store.add_idea(stage.id, "The facilitator's own note", typed_by="facilitator")
    store.add_idea(stage.id, "Another note-taker's idea", typed_by="Jo")
    mine = store.add_idea(stage.id, "Mine from before", typed_by="Sam")
    app = capture_app(store, workshop.id, typist="Sam")
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        assert list(screen.my_ideas) == [mine.id]
        shown = screen_text(app)
        assert "Mine from before" in shown
        assert "Another note-taker's idea" not in shown


async def test_when_the_stage_takes_no_ideas_the_text_is_kept_and_nothing_saved(store: Store) -> None:
    workshop, _ = coproduction_workshop(store)
    welcome = store.stages(workshop.id)[0]
    app = capture_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        assert "The workshop has not started yet; ideas can't be taken right now." in screen_text(app)
        store.start_stage(welcome.id)
        app.announce_change()
        await pilot.pause()
        assert f"The facilitator is on 1. {welcome.title}; ideas can't be taken right now." in screen_text(app)

        await type_idea(pilot, screen, "A kettle in the waiting room")
        assert screen.idea_input.value == "A kettle in the waiting room"
        assert store.ideas(workshop_id=workshop.id) == []
        assert "ideas can't be taken right now. Your idea is kept in the box." in flat(app)


async def test_an_idea_is_not_saved_to_a_stage_the_facilitator_has_just_left(store: Store, reopen) -> None:
    workshop, _, _stage = open_round(store)
    following = stage_titled(store, workshop.id, "Ideas, written quietly")
    app = capture_app(store, workshop.id)
    release_poll = screen_check.hold_the_poll(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        reopen().start_stage(following.id)  # another terminal, before this one has noticed
        await type_idea(pilot, screen, "Peer support on the night shift")
        assert store.ideas(workshop_id=workshop.id) == []
        assert screen.idea_input.value == "Peer support on the night shift"
        assert "has moved on to 3. Ideas, written quietly" in screen_text(app)
        release_poll()
        await type_idea(pilot, screen, screen.idea_input.value)
        assert [i.stage_id for i in store.ideas(workshop_id=workshop.id)] == [following.id]


async def test_change_and_withdraw_an_idea_then_bring_it_back(store: Store) -> None:
    workshop, people, stage = open_round(store)
    app = capture_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        await type_idea(pilot, screen, "Evening apointments", name_start="ai")
        idea = store.ideas(stage_id=stage.id)[0]

        await pilot.press("escape")  # to the list
        assert screen.ideas_list.has_focus and screen.ideas_list.highlighted == 0
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, EditIdeaDialog)
        box = app.screen.query_one("#edit-idea-text", Input)
        assert box.value == "Evening apointments"
        box.value = "Evening appointments"
        await pilot.press("enter")
        await settle(pilot)
        edited = store.idea(idea.id)
        assert edited.text == "Evening appointments"
        assert edited.said_by == people[0].id and edited.typed_by == "Sam"  # only the words changed
        assert "Evening appointments \u2014 said by Aisha Khan" in screen_text(app)

        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert store.idea(idea.id).withdrawn
        assert "withdrawn (w brings it back)" in screen_text(app)
        assert screen.ideas_list.highlighted == 0  # still on the same idea

        await pilot.press("w")
        await pilot.pause()
        assert "Bring this idea back?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert not store.idea(idea.id).withdrawn

        await pilot.press("escape")
        assert screen.idea_input.has_focus


async def test_letters_type_into_the_box_and_do_not_act_as_keys(store: Store) -> None:
    workshop, _, stage = open_round(store)
    app = capture_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        await pilot.press(*"we wait")
        assert screen.idea_input.value == "we wait"
        assert not isinstance(app.screen, (ConfirmDialog, EditIdeaDialog))
        await pilot.press("enter")
        await settle(pilot)
        assert [i.text for i in store.ideas(stage_id=stage.id)] == ["we wait"]


async def test_change_who_is_typing(store: Store) -> None:
    workshop, _, stage = open_round(store)
    store.add_idea(stage.id, "Typed by Jo earlier", typed_by="Jo")
    app = capture_app(store, workshop.id, typist="Sam")
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        assert screen.my_ideas == {}
        await pilot.press("f3")
        await pilot.pause()
        assert isinstance(app.screen, TypistDialog)
        app.screen.query_one("#typist-name", Input).value = "Jo"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.typist == "Jo"
        assert "Typed by Jo earlier" in screen_text(app)


HOSTILE = ["[b]bold[/b]", "[/b]", "[ @click=app.quit]x", "\x1b[31mred"]


@pytest.mark.parametrize("evil", HOSTILE, ids=["markup", "close-tag", "click", "ansi"])
async def test_user_text_is_shown_literally(store: Store, evil: str, assert_shows_literally) -> None:
    workshop, _ = coproduction_workshop(store, names=[f"Ann {evil}", "Bob"], title=f"Workshop {evil}")
    stage = stage_titled(store, workshop.id, ROUND)
    store.start_stage(stage.id)
    app = capture_app(store, workshop.id, typist=f"Sam {evil}")
    async with app.run_test(size=(160, 36)) as pilot:
        screen = await capture_screen(pilot)
        await type_idea(pilot, screen, f"Idea {evil}", name_start="ann")
        shown = screen_check.shown(evil)
        assert app.is_running
        await assert_shows_literally(pilot, f"Idea {shown}")
        await assert_shows_literally(pilot, f"Ann {shown}")
        await assert_shows_literally(pilot, f"Sam {shown}")
        idea = store.ideas(stage_id=stage.id)[0]
        assert idea.typed_by == f"Sam {shown}"
        await pilot.press("escape", "e")
        await pilot.pause()
        await assert_shows_literally(pilot, f"Idea {shown}")


async def test_the_list_keeps_the_highlighted_idea_when_new_ones_arrive(store: Store) -> None:
    workshop, _, stage = open_round(store)
    for n in range(30):
        store.add_idea(stage.id, f"Earlier idea {n}", typed_by="Sam")
    app = capture_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        option_list = screen.query_one("#my-ideas", OptionList)
        await pilot.press("escape", "down", "down", "down")
        chosen = option_list.highlighted_option.id
        await pilot.press("i")
        await type_idea(pilot, screen, "A brand new idea")
        assert option_list.highlighted_option.id == chosen
        assert next(iter(screen.my_ideas)) == store.ideas(stage_id=stage.id)[-1].id


async def test_a_long_list_shows_the_latest_ideas_so_saving_stays_quick(store: Store) -> None:
    workshop, _, stage = open_round(store)
    from facilitator.ui.screens.capture_my_ideas import MY_IDEAS_SHOWN

    made = [store.add_idea(stage.id, f"Earlier idea {n}", typed_by="Sam").id for n in range(MY_IDEAS_SHOWN + 5)]
    app = capture_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        assert list(screen.my_ideas) == made[::-1][:MY_IDEAS_SHOWN]
        assert f"Your latest {MY_IDEAS_SHOWN} ideas, newest first" in screen_text(app)
        await type_idea(pilot, screen, "One more")
        assert len(screen.my_ideas) == MY_IDEAS_SHOWN
        assert screen.my_ideas[next(iter(screen.my_ideas))].text == "One more"
