"""The feedback stage panel: "You said, we did", with a reason required for "not possible"."""

from __future__ import annotations

from panel_harness import PanelTestApp, build_room, screen_text
from textual.widgets import Input, Select

from facilitator.domain.models import FeedbackStatus
from facilitator.storage.store import Store
from facilitator.ui.stages.feedback import FeedbackPanel


def feedback_app(store: Store, room) -> PanelTestApp:
    return PanelTestApp(store, FeedbackPanel, room.workshop.id, room.stages["feedback"].id)


def fill(app, **fields: str) -> None:
    for field_id, value in fields.items():
        app.screen.query_one(f"#{field_id}", Input).value = value


async def test_not_possible_without_a_reason_is_refused_then_saved_with_one(store: Store) -> None:
    room = build_room(store)
    app = feedback_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        fill(app, said="Longer visiting hours at weekends", done="Asked the ward manager")
        app.screen.query_one("#status", Select).value = "not possible"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Say why it was not possible: a reason is required for \u201cnot possible\u201d." in screen_text(app)
        assert store.feedback_items(room.workshop.id) == []
        # The dialog is still open with the text intact, the cursor in the reason box.
        assert app.screen.query_one("#said", Input).value == "Longer visiting hours at weekends"
        assert app.focused is app.screen.query_one("#reason", Input)
        app.focused.value = "Night staffing cannot cover it this year"
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
    assert "[not possible] You said: Longer visiting hours at weekends" in text
    assert "Why not: Night staffing cannot cover it this year" in text
    [item] = store.feedback_items(room.workshop.id)
    assert item.status == FeedbackStatus.NOT_POSSIBLE and item.reason == "Night staffing cannot cover it this year"
    assert item.stage_id == room.stages["feedback"].id


async def test_enter_edits_an_item_and_the_change_is_saved(store: Store) -> None:
    room = build_room(store)
    item = store.add_feedback(room.workshop.id, "The menu never changes", status="planned")
    app = feedback_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one("#said", Input).value == "The menu never changes"
        fill(app, done="A new four-week menu")
        app.screen.query_one("#status", Select).value = "done"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "[done] You said: The menu never changes" in screen_text(app)
    saved = store.feedback_item(item.id)
    assert saved.status == FeedbackStatus.DONE and saved.done == "A new four-week menu"


async def test_items_carried_from_an_earlier_workshop_say_where_they_came_from(store: Store) -> None:
    spring = build_room(store, series="Ward 4 reviews", title="Spring review")
    store.add_feedback(spring.workshop.id, "More activities in the evening", status="in progress")
    summer = build_room(store, series="Ward 4 reviews", title="Summer review")  # carries it over
    store.add_feedback(spring.workshop.id, "Fix the broken kettle", status="planned")  # added later
    store.add_feedback(spring.workshop.id, "Paint the lounge", done="Painted", status="done")
    app = feedback_app(store, summer)
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(app)
        assert "More activities in the evening" in text
        assert "Carried over from Spring review, 2025-03-14" in text
        await pilot.press("c")
        await pilot.pause()
        text = screen_text(app)
        assert "Carried over 1 new item from Spring review." in text
        assert "Fix the broken kettle" in text and "Paint the lounge" not in text
        await pilot.press("c")  # again: nothing is carried twice
        await pilot.pause()
        assert "Carried over 0 new items from Spring review." in screen_text(app)
    items = store.feedback_items(summer.workshop.id)
    assert [i.said for i in items] == ["More activities in the evening", "Fix the broken kettle"]
    assert {i.source_workshop_id for i in items} == {spring.workshop.id}
