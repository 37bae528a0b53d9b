"""The vote and group panels while another program holds the database's write lock.

The projected screen must not freeze silently: the change waits in the background, the panel
says it is waiting and keeps taking keys, a second change is refused with a sentence rather than
queued out of sight, and once the other program lets go the change is saved exactly once.
"""

from __future__ import annotations

from pathlib import Path

from fault_helpers import lock_held_elsewhere
from panel_harness import PanelTestApp, build_room, screen_text
from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled
from screen_check import flat, toast_texts, until
from textual.widgets import Input, OptionList

from facilitator.storage.store import Store
from facilitator.ui.stages.group import BUSY as GROUP_BUSY
from facilitator.ui.stages.group import GroupPanel
from facilitator.ui.stages.vote import BUSY as VOTE_BUSY
from facilitator.ui.stages.vote import VotePanel

WAITING = "Waiting for another program to finish saving"


async def test_a_dot_waits_for_the_lock_while_the_vote_panel_keeps_taking_keys(store: Store, db_path: Path) -> None:
    room = build_room(store)
    stage_id = room.stages["vote"].id
    aisha = room.people[0].id
    first = store.candidates(stage_id)[0]
    app = PanelTestApp(store, VotePanel, room.workshop.id, stage_id)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("w")
        app.query_one("#vote-name", Input).value = "ai"
        await pilot.press("enter")
        await pilot.pause()
        panel = app.query_one(VotePanel)
        candidates = app.query_one("#vote-candidates", OptionList)
        with lock_held_elsewhere(db_path, 2.0):
            await pilot.press("1", "plus")
            assert await until(pilot, lambda: WAITING in flat(app))
            assert panel.saving_in_background and store.dots_of(stage_id, aisha) == {}
            await pilot.press("2")  # keys still work: the cursor moves to item 2
            assert candidates.highlighted == 1
            await pilot.press("plus")  # refused with a sentence, not queued
            assert await until(pilot, lambda: VOTE_BUSY in toast_texts(app))
            assert await until(pilot, lambda: not panel.saving_in_background)
        await pilot.pause()
        assert store.dots_of(stage_id, aisha) == {(first.kind, first.id): 1}  # the first item, once
        assert "Dot given. Aisha Khan: 2 dots left." in flat(app)
        assert "Aisha Khan: 2 of 3 dots left" in flat(app)
        assert WAITING not in flat(app)


async def test_a_store_refusal_after_the_wait_is_shown_as_the_stores_sentence(store: Store, db_path: Path) -> None:
    room = build_room(store)
    stage_id = room.stages["vote"].id
    ben = room.people[1].id
    quiet = store.candidates(stage_id)[0]
    store.cast_dot(stage_id, ben, quiet.kind, quiet.id)
    store.cast_dot(stage_id, ben, quiet.kind, quiet.id)
    app = PanelTestApp(store, VotePanel, room.workshop.id, stage_id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        app.query_one("#vote-name", Input).value = "Ben"
        await pilot.press("enter")
        await pilot.pause()
        panel = app.query_one(VotePanel)
        with lock_held_elsewhere(db_path, 1.0):
            await pilot.press("1", "plus")
            assert await until(pilot, lambda: panel.saving_in_background)
            assert await until(pilot, lambda: not panel.saving_in_background)
        await pilot.pause()
        assert 'Ben Carter already has 2 dots on "Quiet room"; the most on one item is 2.' in screen_text(app)
        assert sum(store.dots_of(stage_id, ben).values()) == 2


async def test_a_new_theme_waits_for_the_lock_and_is_made_once(store: Store, db_path: Path) -> None:
    workshop, _ = coproduction_workshop(store)
    round_stage = stage_titled(store, workshop.id, "What matters to you")
    store.start_stage(round_stage.id)
    idea = store.add_idea(round_stage.id, "Quiet room")
    store.set_revealed(stage_titled(store, workshop.id, "Ideas, written quietly").id, True)  # nothing hidden
    store.start_stage(stage_titled(store, workshop.id, "Themes").id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await run_screen(pilot)
        app.clear_notifications()  # the run screen's own notices would cover the panel's message line
        await pilot.pause()
        panel = screen.panel
        assert isinstance(panel, GroupPanel)
        group_list = screen.query_one("#group-list", OptionList)
        group_list.focus()
        group_list.highlighted = group_list.get_option_index(f"idea-{idea.id}")
        await pilot.press("t")
        await pilot.pause()
        box = screen.query_one("#group-name", Input)
        with lock_held_elsewhere(db_path, 2.0):
            box.value = "Calm spaces"
            await pilot.press("enter")
            assert await until(pilot, lambda: WAITING in flat(app))
            assert panel.saving_in_background and store.themes(workshop.id) == []
            assert box.value == "Calm spaces" and box.has_focus  # the name is kept until it is saved
            await pilot.press("enter")  # a second try is refused with a sentence
            assert await until(pilot, lambda: GROUP_BUSY in toast_texts(app))
            assert await until(pilot, lambda: not panel.saving_in_background)
        await pilot.pause()
        themes = store.themes(workshop.id)
        assert [theme.name for theme in themes] == ["Calm spaces"]  # made exactly once
        assert [i.theme_id for i in store.ideas(stage_id=round_stage.id)] == [themes[0].id]
        shown = flat(app)
        assert "1. Calm spaces (1 idea)" in shown
        assert panel.status.sentence == "Made the new theme with the highlighted idea in it."
        assert WAITING not in shown and not box.display
