"""The decide stage panel: decisions from the top vote results or as free text."""

from __future__ import annotations

from panel_harness import PanelTestApp, build_room, screen_text
from textual.widgets import Input, Select

from facilitator.domain.models import DecisionStatus
from facilitator.storage.store import Store
from facilitator.ui.stages.decide import DecidePanel


def revealed_room(store: Store):
    """Calm spaces (a theme) 3 dots, Evening appointments 1 dot; revealed; Erin has left."""
    room = build_room(store, themes={"Calm spaces": [0, 1]})
    vote_id = room.stages["vote"].id
    calm, evening, _food = store.candidates(vote_id)
    for person in room.people[:3]:
        store.cast_dot(vote_id, person.id, calm.kind, calm.id)
    store.cast_dot(vote_id, room.people[3].id, evening.kind, evening.id)
    store.set_revealed(vote_id)
    store.mark_left(room.people[4].id)
    store.start_stage(room.stages["decide"].id)
    return room, calm


def decide_app(store: Store, room) -> PanelTestApp:
    return PanelTestApp(store, DecidePanel, room.workshop.id, room.stages["decide"].id)


def fill(app, **fields: str) -> None:
    for field_id, value in fields.items():
        app.screen.query_one(f"#{field_id.replace('_', '-')}", Input).value = value


async def test_deciding_from_the_top_result_links_the_theme_and_fills_in_who_was_present(store: Store) -> None:
    room, calm = revealed_room(store)
    app = decide_app(store, room)
    async with app.run_test(size=(100, 32)) as pilot:
        text = screen_text(app)
        assert "1st  Calm spaces  3 dots" in text
        assert "Present: 4 people" in text
        await pilot.press("enter")  # on the top result
        await pilot.pause()
        assert app.screen.query_one("#statement", Input).value == "Calm spaces"
        assert "Present: 4 people" in screen_text(app)
        fill(app, rationale="Most dots; the ward can free a room", decided_by="the whole group")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
        assert "Agreed (vote): Calm spaces" in text
        assert "Why: Most dots; the ward can free a room" in text
    [decision] = store.decisions(room.workshop.id)
    assert decision.theme_ids == (calm.id,)
    assert decision.method == "vote" and decision.decided_by == "the whole group"
    assert decision.stage_id == room.stages["decide"].id
    assert set(decision.present) == {person.id for person in room.people[:4]}


async def test_a_free_text_decision_with_dissent_by_a_named_person_and_one_by_a_participant(store: Store) -> None:
    room, _ = revealed_room(store)
    app = decide_app(store, room)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        fill(app, statement="Open the quiet room in the evenings", rationale="Carers asked for it",
             review_date="2025-09-01", dissent="Staffing is too thin for evenings", dissent_by="ben")
        app.screen.query_one("#status", Select).value = "deferred"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Dissent (Ben Carter): Staffing is too thin for evenings" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        fill(app, statement="Ask for a food survey", dissent="Surveys change nothing")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Dissent (a participant): Surveys change nothing" in screen_text(app)
    first, second = store.decisions(room.workshop.id)
    assert first.status == DecisionStatus.DEFERRED and first.review_date == "2025-09-01"
    assert first.theme_ids == () and first.idea_ids == ()
    assert [(d.participant_id, d.text) for d in store.dissents(first.id)] == [
        (room.people[1].id, "Staffing is too thin for evenings")]
    assert [(d.participant_id, d.text) for d in store.dissents(second.id)] == [(None, "Surveys change nothing")]


async def test_a_bad_review_date_is_refused_in_the_dialog_with_the_typing_kept(store: Store) -> None:
    room, _ = revealed_room(store)
    app = decide_app(store, room)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        fill(app, statement="Review the menu", review_date="next spring")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "\u201cnext spring\u201d is not a date: write the review date day first" in screen_text(app)
        assert app.screen.query_one("#statement", Input).value == "Review the menu"
        await pilot.press("escape")
        await pilot.pause()
    assert store.decisions(room.workshop.id) == []


async def test_a_decision_can_replace_an_earlier_one_in_the_series(store: Store) -> None:
    earlier = build_room(store, series="Ward 4 reviews", title="Spring review")
    old = store.add_decision(earlier.workshop.id, "Visiting hours end at 8pm")
    room = build_room(store, series="Ward 4 reviews", title="Summer review")
    app = decide_app(store, room)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        fill(app, statement="Visiting hours end at 9pm")
        replaces = app.screen.query_one("#supersedes", Select)
        assert [value for _, value in replaces._options if value != Select.NULL] == [old.id]
        replaces.value = old.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert f"replaces decision {old.id}" in screen_text(app)
    [new] = store.decisions(room.workshop.id)
    assert new.supersedes_id == old.id
    assert store.decision(old.id).status == DecisionStatus.SUPERSEDED
    assert store.decision(old.id).superseded_by_id == new.id


async def test_an_unrevealed_vote_offers_only_free_text(store: Store) -> None:
    room = build_room(store)
    store.start_stage(room.stages["decide"].id)
    app = decide_app(store, room)
    async with app.run_test(size=(100, 32)):
        assert "has not been revealed yet: press n to record a decision as free text." in screen_text(app)
        assert "Quiet room" not in screen_text(app)


async def test_dissent_follows_the_persons_attribution_preference(store: Store) -> None:
    room, _ = revealed_room(store)
    quiet = store.add_participant(room.workshop.id, "Gita Rao", ["staff"], "perspective", arrived=True)
    private = store.add_participant(room.workshop.id, "Hana Lee", ["carer"], "anonymous", arrived=True)
    app = decide_app(store, room)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        fill(app, statement="Close the day room on Sundays", dissent="Sundays are the loneliest day",
             dissent_by="Gita")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        fill(app, statement="Move the meeting to Mondays", dissent="Mondays clash with clinics", dissent_by="Hana")
        await pilot.press("ctrl+s")
        await pilot.pause()
        text = screen_text(app)
    assert "Dissent (a member of staff): Sundays are the loneliest day" in text
    assert "Dissent (a participant): Mondays clash with clinics" in text
    assert "Gita" not in text and "Hana" not in text
    first, second = store.decisions(room.workshop.id)
    assert store.dissents(first.id)[0].participant_id == quiet.id
    assert store.dissents(second.id)[0].participant_id == private.id
