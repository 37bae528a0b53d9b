"""The facilitator's side of phones: the Join panel (F9, from anywhere on the run screen), the
roster's "joined from a phone" and freeing a name, and a vote taken at the projected keyboard that
never shows who is voting or which item they chose."""

from __future__ import annotations

import time

import pytest
from panel_harness import PanelTestApp, build_room
from panel_harness import screen_text as panel_text
from run_helpers import ROUND, coproduction_workshop, run_app, run_screen, stage_titled
from screen_check import screen_text
from textual.widgets import Input

from facilitator.domain import join_code
from facilitator.ui import serving
from facilitator.ui.dialogs.join_panel import JoinPanel
from facilitator.ui.screens.roster import RosterScreen
from facilitator.ui.stages.vote import VotePanel


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))


async def wait_for(pilot, condition, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        await pilot.pause(0.1)
    return condition()


async def test_f9_opens_the_join_panel_from_the_idea_box_starts_the_page_which_outlives_the_app(store) -> None:
    workshop, _ = coproduction_workshop(store)
    store.start_stage(stage_titled(store, workshop.id, ROUND).id)
    app = run_app(store, workshop.id)
    try:  # the page is a process of its own: never leave one behind, whatever fails
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await run_screen(pilot)
            assert isinstance(screen.focused, Input)  # the cursor is in the idea box
            await pilot.press("f9")
            await pilot.pause()
            assert isinstance(app.screen, JoinPanel)
            code = store.join_code(workshop.id)
            text = screen_text(app)
            assert "Not running yet" in text and "Join code:" in text
            assert code not in text or join_code.spaced(code) in text  # drawn big, or plain when small
            await pilot.press("l")  # this computer only: the test machine may have no network
            assert await wait_for(pilot, lambda: "page is running at http://127.0.0.1:" in screen_text(app))
            assert "Only this computer can open" in screen_text(app)
            running = serving.serving(store, workshop.id)
            assert running.running and running.server.local_only
            assert running.server.pid not in serving._ERRORS  # its error file is not left behind
        # The app is closed: the phones' page goes on, and the next run screen finds it and stops it.
        assert serving.serving(store, workshop.id).running
        again = run_app(store, workshop.id)
        async with again.run_test(size=(80, 24)) as pilot:
            screen = await run_screen(pilot)
            await pilot.press("f9")
            assert await wait_for(pilot, lambda: "Only this computer can open" in screen_text(again), 5)
            await pilot.press("x")
            assert await wait_for(pilot, lambda: "The phones' page has stopped." in screen_text(again))
            assert not serving.serving(store, workshop.id).running
            device = store.join_device(workshop.id, code, "phone-token")
            await pilot.press("c")
            await pilot.pause()
            await pilot.press("y")
            assert await wait_for(pilot, lambda: "Every phone has been logged out" in screen_text(again), 5)
            assert store.join_code(workshop.id) != code and store.devices(workshop.id) == []
            assert device.id not in {d.id for d in store.devices(workshop.id)}
            await pilot.press("escape")
            await pilot.pause()
            assert again.screen is screen
    finally:
        serving.stop(store, workshop.id)

async def test_the_roster_shows_who_joined_from_a_phone_and_u_frees_the_name(store) -> None:
    workshop, people = coproduction_workshop(store)
    device = store.join_device(workshop.id, store.join_code(workshop.id), "t")
    store.claim_person(device.id, people[1].id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 30)) as pilot:
        await run_screen(pilot)
        app.push_screen(RosterScreen(workshop.id))
        await pilot.pause()
        roster = app.screen
        assert "5 here, 0 left, 0 not here yet, 1 on their own phones" in screen_text(app)
        roster.table.select_id(people[1].id)
        await pilot.pause()
        assert "here" in screen_text(app) and ", phone" in screen_text(app)
        assert "u frees the name" in screen_text(app)
        await pilot.press("u")
        assert await wait_for(pilot, lambda: store.people_on_devices(workshop.id) == set(), 5)
        assert store.device_for_token(workshop.id, "t").participant_id is None
        roster.table.select_id(people[0].id)  # nobody's phone: the key is not offered
        await pilot.pause()
        assert roster.check_action("free_name", ()) is False


async def test_a_vote_at_the_projected_keyboard_shows_neither_the_voter_nor_the_item(store) -> None:
    room = build_room(store)
    stage_id = room.stages["vote"].id
    candidates = store.candidates(stage_id)
    app = PanelTestApp(store, VotePanel, room.workshop.id, stage_id, presenting=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        name_box = app.query_one("#vote-name", Input)
        assert name_box.password  # the name typed to choose who votes is not projected
        name_box.value = "Ben"
        await pilot.press("enter")
        await pilot.press("2", "plus", "plus")
        await pilot.pause()
        text = panel_text(app)
        assert "Dot given. 1 dot left." in text
        assert "Someone is voting in private" in text
        assert "Ben Carter:" not in text and "given" not in text.replace("Dot given", "")
        await pilot.press("plus")  # a third on the same item: over the cap of 2
        await pilot.pause()
        text = panel_text(app)
        assert "Not given: that item already has the most dots one person can give it (2)." in text
        assert candidates[1].label not in text.split("Not given")[1]
        assert "Ben Carter already has" not in text
        # The cursor row looks like every other row while presenting.
        listing = app.query_one("#vote-candidates")
        assert app.query_one(VotePanel).has_class("-private")
        highlighted = listing.get_component_rich_style("option-list--option-highlighted")
        plain_row = listing.get_component_rich_style("option-list--option")
        assert highlighted.bgcolor == plain_row.bgcolor or highlighted.bgcolor is None
    assert store.dots_of(stage_id, room.people[1].id) == {(candidates[1].kind, candidates[1].id): 2}
