"""Every write is one short BEGIN IMMEDIATE transaction: it waits for others, and it is all or nothing."""

from __future__ import annotations

import re
import sqlite3
import threading

import pytest

from facilitator.domain.errors import InvalidText, RuleBroken

WRITE = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


def run_a_workshop(store, built) -> None:
    """One of nearly every kind of write a workshop makes."""
    vote, person = built.vote, built.people[0]
    store.start_stage(built.stages[0].id)
    store.pause_timer(built.stages[0].id)
    store.resume_timer(built.stages[0].id)
    store.extend_timer(built.stages[0].id, 60)
    store.start_stage(built.ideas_stage.id)
    idea = store.add_idea(built.ideas_stage.id, "A walk in the garden", said_by=person.id)
    store.edit_idea(idea.id, "A daily walk in the garden")
    theme = store.add_theme(built.workshop.id, "Outdoors")
    store.move_idea(idea.id, theme.id)
    store.start_stage(vote.id)
    store.cast_dot(vote.id, person.id, "theme", theme.id)
    store.remove_dot(vote.id, person.id, "theme", theme.id)
    store.cast_dot(vote.id, person.id, "theme", theme.id)
    store.set_revealed(vote.id)
    decision = store.add_decision(built.workshop.id, "Daily walks", theme_ids=[theme.id])
    store.add_dissent(decision.id, "Only if staffed")
    action = store.add_action(built.workshop.id, "Rota for walks", decision_id=decision.id, due_date="2025-04-01")
    store.update_action(action.id, "in progress", "Asked the ward manager")
    store.add_feedback(built.workshop.id, "More fresh air", status="done", done="Daily walks agreed")
    store.add_values_scores(built.workshop.id, {"Empathy": 4, "Honesty": 5})
    late = store.add_participant(built.workshop.id, "Late Comer", ["staff"])
    store.mark_arrived(late.id)
    store.mark_left(late.id)
    store.forget_participant(built.people[1].id)
    store.finish_workshop(built.workshop.id)


def test_every_write_happens_inside_begin_immediate(workshop_factory, store):
    built = workshop_factory(people=3, ideas=2)
    statements: list[str] = []
    store.database.conn.set_trace_callback(statements.append)
    try:
        run_a_workshop(store, built)
    finally:
        store.database.conn.set_trace_callback(None)

    assert "BEGIN IMMEDIATE" in statements
    inside = False
    writes = 0
    for sql in statements:
        word = sql.strip().upper()
        if word.startswith("BEGIN"):
            assert word == "BEGIN IMMEDIATE", f"a transaction started without IMMEDIATE: {sql}"
            assert not inside
            inside = True
        elif word in ("COMMIT", "ROLLBACK"):
            inside = False
        elif WRITE.match(sql):
            writes += 1
            assert inside, f"written outside a BEGIN IMMEDIATE transaction: {sql}"
    assert writes > 30


def test_a_write_waits_for_another_program_and_then_succeeds(workshop_factory, store, db_path):
    """Another program holds the write lock for a while: our write waits, then saves; no error."""
    built = workshop_factory(people=1, ideas=0)
    order: list[str] = []
    locked = threading.Event()

    def other_program() -> None:
        conn = sqlite3.connect(db_path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE workshops SET place = 'Room 2' WHERE id = ?", (built.workshop.id,))
        locked.set()
        threading.Event().wait(0.3)
        order.append("other program committed")
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=other_program)
    holder.start()
    assert locked.wait(5)
    idea = store.add_idea(built.ideas_stage.id, "Saved after the wait")
    order.append("our idea saved")
    holder.join()

    assert order == ["other program committed", "our idea saved"]
    assert store.idea(idea.id).text == "Saved after the wait"
    assert store.workshop(built.workshop.id).place == "Room 2"


def test_a_vote_waits_for_a_lock_and_still_counts_the_other_dots(workshop_factory, store, db_path):
    """The budget is read after the lock is taken, so a dot written meanwhile is counted."""
    built = workshop_factory(people=1, ideas=3, vote_settings={"dots_per_person": 1})
    vote, person = built.vote, built.people[0]
    store.start_stage(vote.id)
    locked = threading.Event()

    def other_terminal() -> None:
        conn = sqlite3.connect(db_path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "INSERT INTO votes (stage_id, participant_id, candidate_kind, candidate_id, created_at) "
            "VALUES (?, ?, 'idea', ?, 'now')",
            (vote.id, person.id, built.ideas[0].id),
        )
        locked.set()
        threading.Event().wait(0.3)
        conn.execute("COMMIT")
        conn.close()

    holder = threading.Thread(target=other_terminal)
    holder.start()
    assert locked.wait(5)
    with pytest.raises(RuleBroken, match="has used their 1 dot"):
        store.cast_dot(vote.id, person.id, "idea", built.ideas[1].id)
    holder.join()
    assert store.dots_used(vote.id) == {person.id: 1}


def test_a_failed_workshop_creation_leaves_nothing_behind(store):
    stages = [
        {"kind": "welcome", "title": "Welcome", "minutes": 5},
        {"kind": "ideas", "title": "\x1b[0m  ", "minutes": 5},  # cleaned to nothing
    ]
    with pytest.raises(InvalidText, match="The title of stage 2 cannot be empty."):
        store.create_workshop(title="Half made", stages=stages)
    assert store.count_workshops() == 0
    assert store.database.conn.execute("SELECT count(*) FROM stages").fetchone()[0] == 0


def test_a_rule_broken_inside_a_write_undoes_the_whole_write(workshop_factory, store):
    built = workshop_factory(people=1, ideas=0)
    with pytest.raises(RuleBroken):
        with store.write() as db:
            db["ideas"].insert(
                {"workshop_id": built.workshop.id, "stage_id": built.ideas_stage.id, "text": "half", "created_at": "x"}
            )
            raise RuleBroken("Stopped half way.")
    assert store.ideas(workshop_id=built.workshop.id) == []
    assert not store.database.conn.in_transaction
    # The connection is still fine for the next write.
    store.add_idea(built.ideas_stage.id, "Whole")
    assert [idea.text for idea in store.ideas(workshop_id=built.workshop.id)] == ["Whole"]
