"""Hostile text in every place the vote, decide, actions, feedback and evaluate panels show it.

Each string must appear literally (after the domain stripped escape sequences), nothing may
crash, and a click right on the text must not run anything: the app is still running after it.
"""

from __future__ import annotations

import pytest
from panel_harness import HOSTILE, HOSTILE_SHOWN, PanelTestApp, build_room, screen_text
from textual.widgets import Input

from facilitator.domain.models import FIVE_VALUES
from facilitator.storage.store import Store
from facilitator.ui.stages.actions import ActionsPanel
from facilitator.ui.stages.decide import DecidePanel
from facilitator.ui.stages.evaluate import EvaluatePanel
from facilitator.ui.stages.feedback import FeedbackPanel
from facilitator.ui.stages.vote import VotePanel

CASES = list(zip(HOSTILE, HOSTILE_SHOWN, strict=True))
IDS = ["close-tag", "todo", "click-action", "link", "backslash", "escapes"]


async def click_on(pilot, shown: str) -> None:
    """Click on the last character of ``shown`` where it is on screen; the app must survive."""
    lines = screen_text(pilot.app).splitlines()
    row = next(y for y, line in enumerate(lines) if shown in line)
    column = lines[row].index(shown) + len(shown) - 1
    await pilot.click(offset=(column, row))
    await pilot.pause()
    assert pilot.app.is_running


def hostile_room(store: Store, evil: str):
    """Every user text is the hostile string (with a suffix where names must differ)."""
    room = build_room(
        store,
        names=[evil, f"{evil} 2", "Ben Carter"],
        ideas=[evil, "Peer support", "Better food"],
        themes={f"{evil} theme": [1]},
        vote={"prompt": f"Vote on {evil}"},
        series="Hostile series",
        title=f"{evil} workshop",
    )
    return room


@pytest.mark.parametrize(("evil", "shown"), CASES, ids=IDS)
async def test_vote_panel_shows_hostile_names_and_labels_literally(store: Store, evil: str, shown: str) -> None:
    room = hostile_room(store, evil)
    stage_id = room.stages["vote"].id
    app = PanelTestApp(store, VotePanel, room.workshop.id, stage_id)
    async with app.run_test(size=(120, 36)) as pilot:
        text = screen_text(app)
        assert f"Vote on {shown}" in text and f"{shown} theme" in text
        assert text.count(shown) >= 4  # prompt, the theme, the idea, names in the lists
        await pilot.press("w")
        app.query_one("#vote-name", Input).value = "Ben"
        await pilot.press("enter", "1", "plus", "2", "plus")
        await pilot.press("w")
        app.query_one("#vote-name", Input).value = f"{evil} 2"
        await pilot.press("enter", "1", "plus", "2", "plus")
        await pilot.pause()
        assert f"{shown} 2: 1 of 3 dots left" in screen_text(app)
        await click_on(pilot, shown)
        store.set_revealed(stage_id)
        app.panel.reload()
        await pilot.pause()
        text = screen_text(app)
        assert f'Tie for 1st place: "{shown} theme" and "{shown}" (2 dots each).' in text
        await click_on(pilot, f"{shown} theme")
    assert store.dots_used(stage_id) != {}


@pytest.mark.parametrize(("evil", "shown"), CASES, ids=IDS)
async def test_decide_panel_and_dialog_show_hostile_text_literally(store: Store, evil: str, shown: str) -> None:
    earlier = hostile_room(store, evil)
    store.add_decision(earlier.workshop.id, f"Earlier {evil}")
    room = hostile_room(store, evil)
    vote_id = room.stages["vote"].id
    theme = store.candidates(vote_id)[0]
    store.cast_dot(vote_id, room.people[0].id, theme.kind, theme.id)
    store.set_revealed(vote_id)
    store.add_decision(room.workshop.id, f"Do {evil}", rationale=f"Because {evil}", decided_by=f"{evil} group",
                       dissent=[(room.people[1].id, f"Against {evil}")])
    app = PanelTestApp(store, DecidePanel, room.workshop.id, room.stages["decide"].id)
    async with app.run_test(size=(120, 40)) as pilot:
        text = screen_text(app)
        for expected in (f"{shown} theme", f"Do {shown}", f"Why: Because {shown}", f"decided by {shown} group",
                         f"Dissent ({shown} 2): Against {shown}"):
            assert expected in text
        await click_on(pilot, f"Against {shown}")
        await pilot.press("shift+tab")  # back to the results
        app.query_one("#decide-results").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert f"From the vote: {shown} theme (1st, 1 dot)" in screen_text(app)
        assert app.screen.query_one("#statement", Input).value == f"{shown} theme"
        await click_on(pilot, f"{shown} theme (1st")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.is_running
    assert [d.statement for d in store.decisions(room.workshop.id)] == [f"Do {shown}", f"{shown} theme"]


@pytest.mark.parametrize(("evil", "shown"), CASES, ids=IDS)
async def test_actions_panel_and_dialogs_show_hostile_text_literally(store: Store, evil: str, shown: str) -> None:
    room = hostile_room(store, evil)
    decision = store.add_decision(room.workshop.id, f"Decided {evil}")
    store.add_action(room.workshop.id, f"Do {evil}", owner_text=f"{evil} team", decision_id=decision.id)
    action = store.add_action(room.workshop.id, f"Also {evil}", owner_participant_id=room.people[0].id)
    store.update_action(action.id, "in progress", f"Noted {evil}")
    app = PanelTestApp(store, ActionsPanel, room.workshop.id, room.stages["actions"].id)
    async with app.run_test(size=(120, 36)) as pilot:
        text = screen_text(app)
        for expected in (f"[open] Do {shown}", f"owner: {shown} team", f"for: Decided {shown}",
                         f"[in progress] Also {shown}", f"owner: {shown} \u00b7", f"Latest note: Noted {shown}"):
            assert expected in text
        await click_on(pilot, f"Noted {shown}")
        await pilot.press("s")
        await pilot.pause()
        # The click chose the second action, which is in progress: s offers "done".
        assert f"Mark \u201cAlso {shown}\u201d as done?" in screen_text(app)
        await click_on(pilot, f"Also {shown}\u201d")
        await pilot.press("escape", "n")
        await pilot.pause()
        app.screen.query_one("#owner", Input).value = f"{evil} 2"
        await pilot.pause()
        assert f"Owner: {shown} 2 (a participant)" in screen_text(app)
        await click_on(pilot, f"Owner: {shown} 2")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize(("evil", "shown"), CASES, ids=IDS)
async def test_feedback_panel_and_dialog_show_hostile_text_literally(store: Store, evil: str, shown: str) -> None:
    earlier = hostile_room(store, evil)
    store.add_feedback(earlier.workshop.id, f"Carried {evil}", status="planned")
    room = hostile_room(store, evil)
    store.add_feedback(room.workshop.id, f"Said {evil}", done=f"Did {evil}", status="not possible",
                       reason=f"Because {evil}")
    app = PanelTestApp(store, FeedbackPanel, room.workshop.id, room.stages["feedback"].id)
    async with app.run_test(size=(120, 36)) as pilot:
        text = screen_text(app)
        for expected in (f"You said: Carried {shown}", f"Carried over from {shown} workshop, 2025-03-14",
                         f"You said: Said {shown}", f"We did: Did {shown}", f"Why not: Because {shown}"):
            assert expected in text
        await click_on(pilot, f"Because {shown}")
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.query_one("#said", Input).value == f"Said {shown}"
        await click_on(pilot, f"Said {shown}")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize(("evil", "shown"), CASES, ids=IDS)
async def test_evaluate_panel_shows_a_hostile_prompt_literally(store: Store, evil: str, shown: str) -> None:
    workshop = store.create_workshop(title=evil, stages=[
        {"kind": "evaluate", "title": evil, "minutes": 5, "settings": {"prompt": f"Score {evil}"}}])
    stage = store.stages(workshop.id)[0]
    store.add_values_scores(workshop.id, dict.fromkeys(FIVE_VALUES, 3), stage_id=stage.id)
    app = PanelTestApp(store, EvaluatePanel, workshop.id, stage.id)
    async with app.run_test(size=(100, 30)) as pilot:
        assert f"Score {shown}" in screen_text(app)
        await click_on(pilot, f"Score {shown}")
        await pilot.press("v")
        await pilot.pause()
        assert "3.0 of 5  (1 response)" in screen_text(app)
