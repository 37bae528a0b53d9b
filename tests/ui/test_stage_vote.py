"""The vote stage panel: equal dots with keys, secret until the reveal, paper dots, results."""

from __future__ import annotations

import importlib.util

from panel_harness import PanelTestApp, build_room, screen_text
from textual.widgets import Input

from facilitator.storage.store import Store
from facilitator.ui.stages.vote import PAPER, VotePanel
from facilitator.ui.widgets.result_bars import ResultBars


def vote_app(store: Store, room, **kwargs) -> PanelTestApp:
    return PanelTestApp(store, VotePanel, room.workshop.id, room.stages["vote"].id, **kwargs)


async def choose(pilot, typed: str) -> None:
    """Choose who is voting the way a facilitator does: w, the start of a name, Enter."""
    await pilot.press("w")
    pilot.app.query_one("#vote-name", Input).value = typed
    await pilot.press("enter")
    await pilot.pause()


async def test_dots_up_to_the_budget_then_refused_with_the_stores_sentence(store: Store) -> None:
    room = build_room(store)
    stage_id = room.stages["vote"].id
    app = vote_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose(pilot, "ai")
        assert "Aisha Khan: 3 of 3 dots left" in screen_text(app)
        await pilot.press("plus", "equals_sign")  # two on item 1 (the cap is 2)
        await pilot.press("2", "right")  # one on item 2: the budget of 3 is used
        await pilot.pause()
        assert "Aisha Khan: 0 of 3 dots left" in screen_text(app)
        await pilot.press("3", "plus")
        await pilot.pause()
        assert "Aisha Khan has used all 3 dots." in screen_text(app)
    aisha = room.people[0].id
    assert store.dots_used(stage_id) == {aisha: 3}
    assert sum(store.dots_of(stage_id, aisha).values()) == 3


async def test_the_cap_on_one_item_is_refused_and_a_dot_can_be_taken_back(store: Store) -> None:
    room = build_room(store)
    stage_id = room.stages["vote"].id
    ben = room.people[1].id
    app = vote_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose(pilot, "Ben")
        await pilot.press("1", "plus", "plus", "plus")
        await pilot.pause()
        assert 'Ben Carter already has 2 dots on "Quiet room"; the most on one item is 2.' in screen_text(app)
        assert sum(store.dots_of(stage_id, ben).values()) == 2
        await pilot.press("minus")
        await pilot.pause()
        assert "Ben Carter: 2 of 3 dots left" in screen_text(app)
        await pilot.press("left", "left")  # the second take-back leaves nothing to take
        await pilot.pause()
        assert "Ben Carter has no dot on that item to take back." in screen_text(app)
    assert store.dots_of(stage_id, ben) == {}


async def test_totals_stay_hidden_before_the_reveal(store: Store) -> None:
    room = build_room(store)
    stage_id = room.stages["vote"].id
    quiet = store.candidates(stage_id)[0]
    for person in room.people[:4]:
        store.cast_dot(stage_id, person.id, quiet.kind, quiet.id)
    app = vote_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose(pilot, "Erin")
        text = screen_text(app)
        # Erin has given nothing; the four dots the others gave appear nowhere.
        assert "4 of 5 people have voted." in text
        assert "given" not in text and "4 dots" not in text and "\u25cf" not in text
        assert not app.query_one(ResultBars).display or not app.query_one("#vote-results-box").display


async def test_reveal_shows_bars_numbers_and_the_tie_in_words(store: Store) -> None:
    room = build_room(store)
    stage_id = room.stages["vote"].id
    quiet, peer, evening, _ = store.candidates(stage_id)
    for person in room.people[:3]:
        store.cast_dot(stage_id, person.id, quiet.kind, quiet.id)
        store.cast_dot(stage_id, person.id, peer.kind, peer.id)
    store.cast_dot(stage_id, room.people[3].id, evening.kind, evening.id)
    app = vote_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        if importlib.util.find_spec("facilitator.ui.dialogs.confirm"):
            assert "Reveal the votes now?" in screen_text(app)
            assert not store.stage(stage_id).revealed  # asked first
            await pilot.press("y")
            await pilot.pause()
        text = screen_text(app)
    assert store.stage(stage_id).revealed
    assert "Tie for 1st place: \"Quiet room\" and \"Peer support\" (3 dots each)." in text
    quiet_line = next(line for line in text.splitlines() if "Quiet room" in line and "\u2588" in line)
    assert "1st" in quiet_line and "3 dots" in quiet_line and "tied" in quiet_line
    evening_line = next(line for line in text.splitlines() if "Evening appointments" in line)
    assert "3rd" in evening_line and "1 dot" in evening_line and "tied" not in evening_line


async def test_paper_mode_records_dots_as_entered_by_the_facilitator(store: Store) -> None:
    room = build_room(store)
    stage_id = room.stages["vote"].id
    app = vote_app(store, room, typist="Sam (note-taker)")
    async with app.run_test(size=(100, 30)) as pilot:
        await choose(pilot, "Dev")
        await pilot.press("plus")  # at the keyboard
        await pilot.press("P")
        await pilot.pause()
        assert "Paper dots: entering dots from paper" in screen_text(app)
        await pilot.press("2", "plus")
        await pilot.pause()
    rows = list(store.db.query("SELECT entered_by FROM votes WHERE stage_id = ? ORDER BY id", [stage_id]))
    assert [row["entered_by"] for row in rows] == ["Sam (note-taker)", PAPER]


async def test_presenting_hides_who_has_not_voted_and_a_persons_own_dots(store: Store) -> None:
    room = build_room(store)
    stage_id = room.stages["vote"].id
    first = store.candidates(stage_id)[0]
    store.cast_dot(stage_id, room.people[0].id, first.kind, first.id)
    app = vote_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose(pilot, "Aisha")
        text = screen_text(app)
        assert "Not voted yet (only you see this): Ben Carter, Chloe Evans" in text
        assert "\u25cf 1 given" in text  # Aisha's own dot, on the facilitator's own screen
        app.panel.set_presenting(True)
        await pilot.pause()
        text = screen_text(app)
    assert "1 of 5 people have voted." in text
    assert "Not voted yet" not in text and "not voted" not in text
    assert "Ben Carter" in text  # still in the list of who can vote, without their status
    assert "1 given" not in text


async def test_digits_jump_and_typing_a_name_filters_the_people(store: Store) -> None:
    room = build_room(store)
    app = vote_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        app.query_one("#vote-name", Input).value = "ch"
        await pilot.pause()
        people = app.query_one("#vote-people-list")
        assert people.option_count == 1
        await pilot.press("enter")
        await pilot.press("4", "plus")
        await pilot.pause()
    chloe = room.people[2].id
    last = store.candidates(room.stages["vote"].id)[3]
    assert store.dots_of(room.stages["vote"].id, chloe) == {(last.kind, last.id): 1}


async def test_giving_a_dot_before_choosing_anyone_says_what_to_do(store: Store) -> None:
    room = build_room(store)
    app = vote_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("plus")
        await pilot.pause()
        assert "Choose who is voting first" in screen_text(app)
    assert store.dots_used(room.stages["vote"].id) == {}


async def test_the_run_screen_shows_the_vote_panel_and_ctrl_r_reveals_through_it(store: Store) -> None:
    from facilitator.ui.app import FacilitatorApp
    from facilitator.ui.screens.run import RunScreen

    room = build_room(store, themes={"Calm spaces": [0, 1]})
    stage_id = room.stages["vote"].id
    app = FacilitatorApp(store, start="run", workshop_id=room.workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        await pilot.press("f5")  # the private view: names with the dots (the screen opens presenting)
        panel = app.screen.query_one(VotePanel)
        await pilot.press("w")
        panel.query_one("#vote-name", Input).value = "Dev"
        await pilot.press("enter", "plus", "plus", "down", "plus", "plus")
        await pilot.pause()
        assert "Dev Patel has used all 3 dots." in screen_text(app)
        await pilot.press("ctrl+r")  # the run screen's reveal key asks the panel, which asks first
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        text = screen_text(app)
    assert store.stage(stage_id).revealed
    assert "Calm spaces" in text and "2 dots" in text and "\u2588" in text
    assert store.dots_used(stage_id) == {room.people[3].id: 3}


async def test_a_change_from_another_terminal_shows_on_reload_keeping_the_selection(store: Store) -> None:
    room = build_room(store)
    stage_id = room.stages["vote"].id
    app = vote_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await choose(pilot, "Aisha")
        await pilot.press("3")
        candidates = app.query_one("#vote-candidates")
        assert candidates.highlighted == 2
        first = store.candidates(stage_id)[0]
        store.cast_dot(stage_id, room.people[1].id, first.kind, first.id)  # a note-taker's terminal
        app.panel.reload()
        await pilot.pause()
        assert "1 of 5 people have voted." in screen_text(app)
        assert candidates.highlighted == 2
        await pilot.press("plus")
        await pilot.pause()
    third = store.candidates(stage_id)[2]
    assert store.dots_of(stage_id, room.people[0].id) == {(third.kind, third.id): 1}


async def test_on_a_wide_screen_long_names_and_not_voted_show_whole(store: Store) -> None:
    names = ["Bernadette Quinn-Montgomery", "Aisha Khan"]
    room = build_room(store, names=names)
    for size, whole in [((100, 30), False), ((160, 48), True)]:
        app = vote_app(store, room)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            shown = "Bernadette Quinn-Montgomery  not voted" in screen_text(app)
            assert shown is whole, size  # cut with an ellipsis where the list is narrow
