"""The vote stage at 80x24: everyone's dots said before anyone votes (presenting too), changed
with b until the first dot, and a tie after the reveal settled by a run-off (r) or by the room (t)."""

from __future__ import annotations

from panel_harness import PanelTestApp, build_room, screen_text
from run_helpers import run_app, run_screen
from textual.widgets import Input

from facilitator.storage.store import Store
from facilitator.ui.dialogs.dots_dialog import DotsDialog
from facilitator.ui.dialogs.tie_dialog import TieDialog
from facilitator.ui.stages.vote import VotePanel
from facilitator.ui.stages.vote_ties import TOO_LATE

SIZE = (80, 24)


def tied_room(store: Store):
    """Four ideas; Aisha, Ben and Chloe give one dot each to the first three: a three-way tie."""
    room = build_room(store)
    vote = room.stages["vote"]
    candidates = store.candidates(vote.id)
    for person, candidate in zip(room.people[:3], candidates[:3], strict=True):
        store.cast_dot(vote.id, person.id, candidate.kind, candidate.id)
    return room, vote, candidates


async def test_everyone_s_dots_are_said_while_presenting_and_changed_until_the_first_dot(store: Store, tmp_path):
    room = build_room(store)
    vote = room.stages["vote"]
    app = PanelTestApp(store, VotePanel, room.workshop.id, vote.id, presenting=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Everyone has 3 dots, at most 2 on one." in screen_text(app)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, DotsDialog)
        app.save_screenshot(str(tmp_path / "dots.svg"))
        app.screen.query_one("#dots-each", Input).value = "2"
        app.screen.query_one("#dots-cap", Input).value = "1"
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, DotsDialog)
        assert "Everyone has 2 dots, at most 1 on one." in screen_text(app)
        first = store.candidates(vote.id)[0]
        store.cast_dot(vote.id, room.people[0].id, first.kind, first.id)  # from a phone, say
        await pilot.press("b")
        await pilot.pause()
        assert not isinstance(app.screen, DotsDialog)
        assert any(n.message == TOO_LATE for n in app._notifications)
    assert store.vote_budget(vote.id) == 2
    assert [e.event for e in store.stage_events(vote.id)].count("dots changed") == 1


async def test_a_three_way_tie_goes_to_a_run_off_with_one_key_and_f8_starts_it(store: Store):
    room, vote, candidates = tied_room(store)
    store.set_revealed(vote.id)
    app = run_app(store, room.workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await run_screen(pilot)
        await pilot.pause()
        assert "Press r for a run-off vote among them" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        runoff = store.stages(room.workshop.id)[vote.position]
        assert runoff.title == "Run-off: Dot vote" and store.runoff_of(runoff.id).id == vote.id
        await pilot.press("f8")
        await pilot.pause()
        assert screen.current_stage.id == runoff.id
        text = screen_text(app)
        assert "Everyone has 1 dot." in text and "Better food" not in text
    assert [c.label for c in store.candidates(runoff.id)] == [c.label for c in candidates[:3]]


async def test_the_room_settles_a_tie_with_a_coin_toss_and_says_what_was_settled(store: Store, tmp_path):
    room, vote, _ = tied_room(store)
    app = PanelTestApp(store, VotePanel, room.workshop.id, vote.id)
    async with app.run_test(size=SIZE) as pilot:
        app.panel.reveal()
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TieDialog)
        await pilot.press("down", "down", "space")  # a coin toss the room agreed to
        app.screen.query_one("#tie-note", Input).value = "Quiet room goes first."
        app.save_screenshot(str(tmp_path / "tie.svg"))
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TieDialog)
        assert "Press r for a run-off" not in screen_text(app)  # settled: offered no more
    [event] = [e for e in store.stage_events(vote.id) if e.event == "tie settled"]
    assert event.note.endswith("Settled by a coin toss the room agreed to: Quiet room goes first.")
