"""Has anyone raised this before? ``Store.search_everything`` and ``facilitator search``.

Ideas (linked to a decision or not), themes, decisions, actions, action updates and "You said,
we did" items, in every workshop, best match first, with the workshop's title and date on every
hit, people only as the minutes show them, and any text a person types taken as words.
"""

from __future__ import annotations

import json

import pytest
import sqlite_utils

from facilitator.storage import migrations
from facilitator.storage.store import open_store

pytestmark = pytest.mark.usefixtures("private_home")
STAGES = [
    {"kind": "ideas", "title": "Ideas", "minutes": 10},
    {"kind": "ideas", "title": "Silent ideas", "minutes": 10, "settings": {"silent": True}},
]
HOSTILE = ['"', '""', "*", "pets*", "NEAR(pets dog)", "pets NEAR dog", "AND", "OR NOT", "-pets", "^pets",
           "pets:", "col:pets", "(pets", "pets)", "{body}: pets", "'; DROP TABLE ideas; --", "\x00pets",
           "[/b]pets", "p" * 10_000, "pets " * 2_000, "\u202epets", "é" * 300]  # fmt: skip


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "search.db")
    yield opened
    opened.close()


def workshop(store, title, date, series=""):
    made = store.create_workshop(title=title, stages=STAGES, date=date, series=series)
    return made, store.stages(made.id)


@pytest.fixture
def two_workshops(store):
    spring, stages = workshop(store, "Spring drop-in", "2025-04-10", series="Café")
    maya = store.add_participant(spring.id, "Maya Okafor", ["lived experience"], "named")
    kwame = store.add_participant(spring.id, "Kwame Asante", ["lived experience"], "anonymous")
    derek = store.add_participant(spring.id, "Derek Mensah", ["carer"], "perspective")
    store.add_idea(stages[0].id, "Pets welcome? My dog keeps me going.", said_by=kwame.id)
    store.add_idea(stages[0].id, "A quiet room with pets allowed", said_by=maya.id)
    store.add_idea(stages[0].id, "Someone to sit with carers", said_by=derek.id)
    store.add_theme(spring.id, "Animals and comfort")
    decision = store.add_decision(spring.id, "Trial a therapy dog on Fridays", rationale="People asked for pets")
    action = store.add_action(spring.id, "Ask the landlord about dogs", owner_participant_id=derek.id)
    store.update_action(action.id, "in progress", "Landlord says guide dogs only, for now")
    autumn, _ = workshop(store, "Autumn review", "2025-10-02", series="Café")
    store.add_feedback(autumn.id, "You said pets should be welcome", done="We asked the landlord")
    return spring, autumn, decision, action


def test_everything_said_is_found_with_its_workshop_and_date(store, two_workshops):
    _spring, _autumn, decision, action = two_workshops
    hits = store.search_everything("pets")
    kinds = {hit.kind for hit in hits}
    assert {"idea", "decision", "you said, we did"} <= kinds
    assert all(hit.workshop_title and hit.workshop_date for hit in hits)
    feedback = next(hit for hit in hits if hit.kind == "you said, we did")
    assert (feedback.workshop_title, feedback.workshop_date) == ("Autumn review", "2025-10-02")
    assert [hit.kind for hit in store.search_everything("animals")] == ["theme"]
    assert [hit.kind for hit in store.search_everything("animal")] == ["theme"]  # a word's other forms too
    assert [hit.kind for hit in store.search_everything("landlord dogs")][:1] == ["action"]
    update = store.search_everything("guide")[0]
    assert (update.kind, update.context, update.workshop_title) == ("action update", action.what, "Spring drop-in")
    assert store.search_everything("therapy")[0].id == decision.id


def test_people_appear_as_in_the_minutes_never_by_a_private_name(store, two_workshops):
    by_text = {hit.text: hit.who for hit in store.search_everything("pets")}
    assert by_text["Pets welcome? My dog keeps me going."] == "a participant"  # chose to be anonymous
    assert by_text["A quiet room with pets allowed"] == "Maya Okafor"  # chose to be named
    owner = store.search_everything("landlord dogs")[0]
    assert owner.who == "a carer"
    everything = json.dumps([hit.model_dump() for q in ("pets", "carers", "landlord") for hit in store.search_everything(q)])
    assert "Kwame" not in everything and "Derek" not in everything


def test_the_index_follows_every_change(store, two_workshops):
    spring, *_ = two_workshops
    idea = store.search_everything("quiet room")[0]
    store.edit_idea(idea.id, "A calm room with cats allowed")
    assert store.search_everything("quiet") == []
    assert store.search_everything("cats")[0].id == idea.id
    store.withdraw_idea(idea.id)
    assert store.search_everything("cats") == []
    theme = store.search_everything("animals")[0]
    store.rename_theme(theme.id, "Creatures")
    assert store.search_everything("animals") == [] and store.search_everything("creatures")
    store.delete_theme(theme.id)
    assert store.search_everything("creatures") == []
    item = next(hit for hit in store.search_everything("landlord asked") if hit.kind == "you said, we did")
    store.update_feedback(item.id, said="You said dogs", done="Done", status="done")
    assert not [hit for hit in store.search_everything("welcome") if hit.kind == "you said, we did"]
    # Removing a whole workshop (cascades) removes what it said.
    with store.write() as db:
        db.execute("DELETE FROM workshops WHERE id = ?", (spring.id,))
    assert store.search_everything("therapy") == []
    # What the autumn workshop carried from it stays, now standing on its own.
    assert {hit.workshop_title for hit in store.search_everything("guide")} <= {"Autumn review"}
    assert not [hit for hit in store.search_everything("guide") if hit.kind == "action update"]
    store.database.conn.execute("INSERT INTO record_search (record_search) VALUES ('integrity-check')")


def test_the_best_match_comes_first(store):
    _spring, stages = workshop(store, "Spring", "2025-04-10")
    store.add_idea(stages[0].id, "Transport: " + " ".join(f"word{n}" for n in range(40)) + " and a taxi home")
    short = store.add_idea(stages[0].id, "Taxi home")
    store.add_idea(stages[0].id, "Something else entirely")
    hits = store.search_everything("taxi")
    assert hits[0].id == short.id and len(hits) == 2
    # All the words first; when nothing has them all, any of them.
    assert store.search_everything("taxi home")[0].id == short.id
    assert {hit.text for hit in store.search_everything("taxi elephant")} >= {"Taxi home"}


def test_ideas_hidden_in_a_silent_round_stay_hidden_until_revealed(store):
    spring, stages = workshop(store, "Spring", "2025-04-10")
    store.add_idea(stages[1].id, "A secret thought about bicycles")
    assert store.search_everything("bicycles") == []
    store.finish_workshop(spring.id)
    assert [hit.text for hit in store.search_everything("bicycles")] == ["A secret thought about bicycles"]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_are_only_words(store, two_workshops, query):
    hits = store.search_everything(query)
    assert isinstance(hits, list)
    assert store.database.conn.execute("SELECT count(*) FROM ideas").fetchone()[0] == 3


def test_the_migration_indexes_what_was_already_there(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    migrations.migrations.apply(db, stop_before="m045_search_everything")
    db.execute("INSERT INTO workshops (uid, title, date, created_at) VALUES ('u1', 'Old one', '2020-01-01', 'x')")
    db.execute("INSERT INTO stages (workshop_id, position, kind, title, planned_minutes) VALUES (1, 1, 'ideas', 'I', 5)")
    db.execute("INSERT INTO ideas (workshop_id, stage_id, text, created_at) VALUES (1, 1, 'Pets welcome', 'x')")
    db.execute("INSERT INTO decisions (uid, workshop_id, statement, created_at) VALUES ('d1', 1, 'Dogs allowed', 'x')")
    db.conn.commit()
    db.close()
    store = open_store(path)
    try:
        assert [hit.text for hit in store.search_everything("pets")] == ["Pets welcome"]
        assert [hit.kind for hit in store.search_everything("dogs")] == ["decision"]
    finally:
        store.close()


# -- the command -------------------------------------------------------------------------------------


def test_facilitator_search_prints_each_hit_with_its_workshop(facilitator, tmp_path, two_workshops, store):
    path = store.database.path
    result = facilitator("--db", path, "search", "pets")
    assert result.exit_code == 0, result.output
    assert "Spring drop-in" in result.stdout and "2025-04-10" in result.stdout
    assert "Autumn review" in result.stdout and "Kwame" not in result.stdout
    as_json = json.loads(facilitator("--db", path, "search", "--json", "pets").stdout)
    assert as_json and list(as_json[0]) == ["kind", "id", "text", "who", "status", "context", "workshop_id",
                                            "workshop_title", "workshop_date", "workshop_series"]  # fmt: skip
    none = facilitator("--db", path, "search", "elephants")
    assert none.exit_code == 0 and "Nothing said in any workshop matches" in none.stdout
    for query in ('NEAR("pets" *', "p" * 10_000, '"'):
        hostile = facilitator("--db", path, "search", query)
        assert hostile.exit_code == 0 and "Traceback" not in hostile.output


def test_decisions_with_no_match_points_to_search_everything(facilitator, two_workshops, store):
    result = facilitator("--db", store.database.path, "decisions", "--search", "quiet room")
    assert "No decisions match." in result.stdout and "search 'quiet room'" in result.stdout


def test_an_imported_workshop_is_found_too(tmp_path, two_workshops, store):
    from facilitator.storage.exchange import export_json, import_file

    exported = tmp_path / "spring.json"
    exported.write_text(export_json(store, two_workshops[0].id, include_private=True))
    elsewhere = open_store(tmp_path / "elsewhere.db")
    try:
        import_file(elsewhere, exported)
        assert {hit.kind for hit in elsewhere.search_everything("pets")} == {"idea", "decision"}
    finally:
        elsewhere.close()


def test_search_on_no_database_creates_none(facilitator, tmp_path):
    missing = tmp_path / "none.db"
    assert facilitator("--db", missing, "search", "pets").exit_code == 0
    assert not missing.exists()

