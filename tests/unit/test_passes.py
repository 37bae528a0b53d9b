"""The right to pass in an ideas round: the store keeps who passed, per stage, privately.

A facilitator relies on this to stop coming back to someone who said "pass"; the person may
change their mind; nobody reading the minutes or an export later can see who passed.
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from facilitator.domain.errors import NotFound, RuleBroken, StorageError
from facilitator.outputs.minutes import render_markdown
from facilitator.storage import db as dbmod
from facilitator.storage import migrations
from facilitator.storage.exchange import export_json, load_record
from facilitator.storage.store import open_store


@pytest.fixture
def built(workshop_factory):
    return workshop_factory(people=4, ideas=0)


def test_a_pass_is_kept_per_stage_and_can_be_taken_back(store, built, reopen):
    stage, (aisha, ben, *_) = built.ideas_stage, built.people
    assert store.passes(stage.id) == set()

    store.record_pass(stage.id, aisha.id)
    store.record_pass(stage.id, aisha.id)  # pressed twice, or from two terminals: still one pass
    store.record_pass(stage.id, ben.id)
    assert store.passes(stage.id) == {aisha.id, ben.id}
    assert reopen().passes(stage.id) == {aisha.id, ben.id}  # another terminal sees them

    store.withdraw_pass(stage.id, aisha.id)
    store.withdraw_pass(stage.id, aisha.id)  # already taken back: nothing changes, no error
    assert store.passes(stage.id) == {ben.id}


def test_passes_in_one_stage_do_not_count_in_another(store, workshop_factory):
    first = workshop_factory(people=2, ideas=0, title="First")
    second = workshop_factory(people=2, ideas=0, title="Second")
    store.record_pass(first.ideas_stage.id, first.people[0].id)
    assert store.passes(second.ideas_stage.id) == set()


def test_a_person_from_another_workshop_cannot_pass_here(store, workshop_factory):
    here = workshop_factory(people=2, ideas=0, title="Here")
    elsewhere = workshop_factory(people=2, ideas=0, title="Elsewhere")
    with pytest.raises(NotFound) as refused:
        store.record_pass(here.ideas_stage.id, elsewhere.people[0].id)
    assert str(refused.value) == f"There is no participant with id {elsewhere.people[0].id} in this workshop."
    with pytest.raises(NotFound):
        store.withdraw_pass(here.ideas_stage.id, 999_999)
    assert store.passes(here.ideas_stage.id) == set()


def test_nobody_can_pass_in_a_stage_that_is_not_an_ideas_stage(store, built):
    vote = built.vote
    with pytest.raises(RuleBroken) as refused:
        store.record_pass(vote.id, built.people[0].id)
    message = str(refused.value)
    assert message == "\u201cVote 1\u201d is not an ideas stage, so nobody can pass in it."
    assert store._value("SELECT count(*) FROM passes") == 0
    with pytest.raises(NotFound):
        store.record_pass(999_999, built.people[0].id)


def test_removing_a_person_removes_their_pass(store, built):
    stage, person = built.ideas_stage, built.people[3]
    store.record_pass(stage.id, person.id)
    store.remove_participant(person.id)  # a pass is not a contribution: removal is allowed
    assert store.passes(stage.id) == set()


def test_a_forgotten_person_keeps_no_name_next_to_a_pass(store, built):
    stage, person = built.ideas_stage, built.people[1]
    store.record_pass(stage.id, person.id)
    store.forget_participant(person.id)
    rows = store._rows("SELECT * FROM passes")
    # Only ids and a time: with the name gone from the person, nothing says who passed.
    assert [sorted(row) for row in rows] == [["id", "participant_id", "passed_at", "stage_id"]]
    assert store.participant(person.id).name == ""


def test_passes_are_not_in_the_export_or_the_minutes(store, built):
    stage, workshop_id = built.ideas_stage, built.workshop.id
    store.add_idea(stage.id, "Quiet room", said_by=built.people[0].id)
    before = {private: export_json(store, workshop_id, include_private=private) for private in (False, True)}
    before_minutes = render_markdown(load_record(store, workshop_id))

    store.record_pass(stage.id, built.people[2].id)

    for private in (False, True):  # not even in the full copy made to move a workshop
        exported = export_json(store, workshop_id, include_private=private)
        assert exported == before[private]
        assert "pass" not in json.dumps(json.loads(exported)).lower()
    assert render_markdown(load_record(store, workshop_id)) == before_minutes


# --- the schema step -----------------------------------------------------------------------


def test_an_older_database_gains_the_passes_table_and_keeps_its_data(db_path):
    """A file from before m005 (ideas already given) opens, gets the table, and works."""
    database = dbmod.connect(db_path)
    step = migrations.KNOWN.index("m005_passes")
    migrations.migrations.apply(database.db, stop_before=migrations.KNOWN[step:])
    database.close()
    older = open_store(db_path)  # this applies m005
    try:
        workshop = older.create_workshop(title="Before passes",
                                         stages=[{"kind": "ideas", "title": "Ideas", "minutes": 5}])
        stage = older.stages(workshop.id)[0]
        person = older.add_participant(workshop.id, "Ben Carter", ["carer"], "named", arrived=True)
        older.record_pass(stage.id, person.id)
        assert older.passes(stage.id) == {person.id}
    finally:
        older.close()

    conn = sqlite3.connect(db_path)
    try:
        names = [row[0] for row in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'facilitator' ORDER BY id")]
        assert names == migrations.KNOWN
        foreign = {(row[2], row[3]) for row in conn.execute("PRAGMA foreign_key_list(passes)")}
        assert foreign == {("stages", "stage_id"), ("participants", "participant_id")}
        conn.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):  # one pass per person and stage
            conn.execute("INSERT INTO passes (stage_id, participant_id, passed_at) "
                         "SELECT stage_id, participant_id, 'x' FROM passes")
    finally:
        conn.close()


def test_the_passes_step_runs_in_its_own_transaction(db_path, monkeypatch):
    """A failure inside m005 leaves the database exactly as it was before that step."""
    database = dbmod.connect(db_path)
    step = migrations.KNOWN.index("m005_passes")
    migrations.migrations.apply(database.db, stop_before=migrations.KNOWN[step:])
    database.close()

    # The step fails after its first statement (as a full disk would): nothing of it may stay.
    step_itself = next(m for m in migrations.migrations._migrations if m.name == "m005_passes")

    def half_done(db):
        db.execute("CREATE TABLE passes (id INTEGER PRIMARY KEY)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(step_itself, "fn", half_done)
    with pytest.raises(StorageError, match="disk I/O error"):
        open_store(db_path)
    monkeypatch.undo()

    conn = sqlite3.connect(db_path)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        applied = {row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")}
    finally:
        conn.close()
    assert "passes" not in tables and "m005_passes" not in applied

    store = open_store(db_path)  # and a later opening completes it
    try:
        assert store._value("SELECT count(*) FROM passes") == 0
    finally:
        store.close()
