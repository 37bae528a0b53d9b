"""Decisions, supersession and "You said, we did" through the Store."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.domain.errors import InvalidText, NotFound, RuleBroken


@pytest.fixture
def built(workshop_factory):
    return workshop_factory(people=3, ideas=2)


def test_a_new_decision_superseding_an_old_one_links_both_ways(built, store):
    old = store.add_decision(built.workshop.id, "Visiting until 8pm", rationale="Staffing")
    new = store.add_decision(built.workshop.id, "Visiting until 9pm", supersedes_id=old.id)
    old = store.decision(old.id)
    assert new.supersedes_id == old.id
    assert old.superseded_by_id == new.id
    assert old.status == "superseded"
    assert new.status == "agreed"


def test_superseding_later_links_both_ways(built, store):
    old = store.add_decision(built.workshop.id, "Meet monthly")
    new = store.add_decision(built.workshop.id, "Meet every two weeks")
    assert store.supersede(new.id, old.id).supersedes_id == old.id
    assert store.decision(old.id).superseded_by_id == new.id
    assert store.decision(old.id).status == "superseded"


def test_supersession_that_would_break_the_chain_is_refused(built, store):
    first = store.add_decision(built.workshop.id, "First")
    second = store.add_decision(built.workshop.id, "Second", supersedes_id=first.id)
    third = store.add_decision(built.workshop.id, "Third")
    fourth = store.add_decision(built.workshop.id, "Fourth")

    with pytest.raises(RuleBroken, match="cannot supersede itself"):
        store.supersede(third.id, third.id)
    with pytest.raises(RuleBroken, match="already been superseded by decision"):
        store.supersede(third.id, first.id)
    with pytest.raises(RuleBroken, match="already supersedes decision"):
        store.supersede(second.id, fourth.id)
    with pytest.raises(RuleBroken, match="cannot also be superseded by it"):
        store.supersede(first.id, second.id)
    with pytest.raises(NotFound, match="no decision with id 99999"):
        store.supersede(99_999, fourth.id)

    # Nothing moved: each link still points both ways.
    assert store.decision(first.id).superseded_by_id == second.id
    assert store.decision(second.id).supersedes_id == first.id
    assert store.decision(second.id).superseded_by_id is None
    assert store.decision(fourth.id).superseded_by_id is None
    assert store.decision(fourth.id).status == "agreed"


def test_a_refused_supersession_saves_nothing_of_the_new_decision(built, store):
    first = store.add_decision(built.workshop.id, "First")
    store.add_decision(built.workshop.id, "Second", supersedes_id=first.id)
    before = len(store.decisions(built.workshop.id))
    with pytest.raises(RuleBroken):
        store.add_decision(
            built.workshop.id, "Third", supersedes_id=first.id, idea_ids=[built.ideas[0].id],
            dissent=[(built.people[0].id, "I disagree")],
        )
    assert len(store.decisions(built.workshop.id)) == before
    conn = sqlite3.connect(store.database.path)
    try:
        assert conn.execute("SELECT count(*) FROM dissents").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM decision_links").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM decision_search").fetchone()[0] == before
    finally:
        conn.close()


def test_a_decision_keeps_its_rationale_dissent_and_ideas(built, store):
    decision = store.add_decision(
        built.workshop.id, "Open the garden at weekends", rationale="People asked for fresh air",
        method="vote", decided_by="The group", review_date="2025-09-01",
        idea_ids=[built.ideas[0].id], dissent=[(built.people[1].id, "Worried about staffing"), (None, "Too soon")],
    )
    again = store.decision(decision.id)
    assert (again.method, again.decided_by, again.review_date) == ("vote", "The group", "2025-09-01")
    assert again.idea_ids == (built.ideas[0].id,)
    assert [(d.participant_id, d.text) for d in store.dissents(decision.id)] == [
        (built.people[1].id, "Worried about staffing"), (None, "Too soon"),
    ]


# --- "You said, we did" ----------------------------------------------------------------------


def test_not_possible_needs_a_reason(built, store):
    with pytest.raises(RuleBroken, match="a reason is required"):
        store.add_feedback(built.workshop.id, "Free parking", status="not possible")
    with pytest.raises(RuleBroken, match="a reason is required"):
        store.add_feedback(built.workshop.id, "Free parking", status="not possible", reason=" \x1b[0m ")
    assert store.feedback_items(built.workshop.id) == []
    item = store.add_feedback(built.workshop.id, "Free parking", status="not possible", reason="The car park is leased")
    assert (item.status, item.reason) == ("not possible", "The car park is leased")


def test_changing_a_reply_to_not_possible_needs_a_reason_too(built, store):
    item = store.add_feedback(built.workshop.id, "A quiet room", status="planned")
    with pytest.raises(RuleBroken, match="a reason is required"):
        store.update_feedback(item.id, said="A quiet room", done="", status="not possible")
    assert store.feedback_item(item.id).status == "planned"


def test_the_database_itself_refuses_not_possible_without_a_reason(built, store):
    conn = sqlite3.connect(store.database.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            conn.execute(
                "INSERT INTO feedback_items (workshop_id, said, status, reason) VALUES (?, 'x', 'not possible', '')",
                (built.workshop.id,),
            )
    finally:
        conn.close()


def test_an_unknown_status_is_refused_with_the_choices(built, store):
    with pytest.raises(InvalidText, match="must be one of: done, in progress, planned, not possible"):
        store.add_feedback(built.workshop.id, "Anything", status="maybe")
