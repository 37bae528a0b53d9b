"""The actions stage panel: what, owner, due date and decision; status moved on with notes."""

from __future__ import annotations

from panel_harness import PanelTestApp, build_room, screen_text
from textual.widgets import Input, Select

from facilitator.domain.models import ActionStatus
from facilitator.storage.store import Store
from facilitator.ui.stages.actions import ActionsPanel


def actions_app(store: Store, room) -> PanelTestApp:
    return PanelTestApp(store, ActionsPanel, room.workshop.id, room.stages["actions"].id)


def fill(app, **fields: str) -> None:
    for field_id, value in fields.items():
        app.screen.query_one(f"#{field_id.replace('_', '-')}", Input).value = value


async def test_an_action_with_a_participant_owner_due_date_and_decision(store: Store) -> None:
    room = build_room(store)
    decision = store.add_decision(room.workshop.id, "Open a quiet room")
    app = actions_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        assert "No actions yet: press n to add one." in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        fill(app, what="Book the small lounge as a quiet room", owner="chl", due_date="2025-04-30")
        await pilot.pause()
        assert "Owner: Chloe Evans (a participant)" in screen_text(app)
        app.screen.query_one("#decision", Select).value = decision.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
    assert "[open] Book the small lounge as a quiet room" in text
    assert "owner: Chloe Evans \u00b7 due 30 Apr 2025 \u00b7 for: Open a quiet room" in text
    [action] = store.actions(room.workshop.id)
    assert action.owner_participant_id == room.people[2].id and action.owner_text == ""
    assert action.due_date == "2025-04-30" and action.decision_id == decision.id


async def test_an_owner_who_is_not_a_participant_is_kept_as_text(store: Store) -> None:
    room = build_room(store)
    app = actions_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        fill(app, what="Ask about funding", owner="the ward manager")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [action] = store.actions(room.workshop.id)
    assert action.owner_participant_id is None and action.owner_text == "the ward manager"


async def test_an_ambiguous_owner_or_a_bad_date_is_refused_with_the_typing_kept(store: Store) -> None:
    room = build_room(store, names=["Sam Green", "Samira Noor", "Ben Carter"])
    app = actions_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        fill(app, what="Write to the trust", owner="Sa")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "\u201cSa\u201d is the start of more than one name: type more of it." in screen_text(app)
        fill(app, owner="Samira", due_date="Friday week")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "\u201cFriday week\u201d is not a date: write the due date day first" in screen_text(app)
        assert app.screen.query_one("#what", Input).value == "Write to the trust"
        fill(app, due_date="2025-05-02")
        await pilot.press("ctrl+s")
        await pilot.pause()
    [action] = store.actions(room.workshop.id)
    assert action.owner_participant_id == room.people[1].id


async def test_s_moves_the_status_on_with_a_note_kept_as_history(store: Store) -> None:
    room = build_room(store)
    action = store.add_action(room.workshop.id, "Survey the food", owner_text="Catering lead")
    app = actions_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert "as in progress?" in screen_text(app)
        fill(app, note="Questions drafted with two carers")
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "[in progress] Survey the food" in text
        assert "Latest note: Questions drafted with two carers" in text
        await pilot.press("s", "enter")  # done, no note
        await pilot.pause()
        assert "[done] Survey the food" in screen_text(app)
        await pilot.press("s", "escape")  # asked, then cancelled: nothing changes
        await pilot.pause()
    assert store.action(action.id).status == ActionStatus.DONE
    updates = store.action_updates(action.id)
    assert [(u.status, u.note) for u in updates] == [
        (ActionStatus.IN_PROGRESS, "Questions drafted with two carers"), (ActionStatus.DONE, "")]


async def test_an_owner_who_chose_perspective_only_is_shown_by_perspective(store: Store) -> None:
    room = build_room(store)
    owner = store.add_participant(room.workshop.id, "Gita Rao", ["staff"], "perspective", arrived=True)
    store.add_action(room.workshop.id, "Draft the rota", owner_participant_id=owner.id)
    # As the room sees it (presenting); the private view names her, marked: test_private_names.py.
    app = PanelTestApp(store, ActionsPanel, room.workshop.id, room.stages["actions"].id, presenting=True)
    async with app.run_test(size=(100, 30)):
        text = screen_text(app)
    assert "owner: a member of staff" in text and "Gita" not in text
