"""Anonymous by preference: outside --include-private, nothing in an export points back at a person
who chose to be anonymous (no person on their contributions, no perspective, no times)."""

from __future__ import annotations

import json

import pytest
from cli_runner import invoke

from facilitator.demo import data, seed_demo
from facilitator.storage.exchange import export_json, load_record
from facilitator.storage.store import open_store

HIDDEN = [key for key, (_, _, attribution, _) in data.PEOPLE.items() if attribution == "anonymous"]


@pytest.fixture
def demo(tmp_path):
    store = open_store(tmp_path / "demo.db")
    first, _ = seed_demo(store)
    yield store, first
    store.close()


def test_an_anonymous_persons_contributions_carry_no_person_perspective_or_time(demo):
    store, first = demo
    record = json.loads(export_json(store, first))
    created = record["workshop"]["created_at"]
    hidden = [p for p in record["participants"] if p["name"] == "A participant"]
    assert len(hidden) == len(HIDDEN) == 2
    assert all(p["arrived_at"] == created and p["left_at"] is None for p in hidden)
    # Listed last, so their place in the list does not tell when they arrived.
    assert record["participants"][-2:] == hidden
    ids = {p["id"] for p in hidden}
    assert not [i for i in record["ideas"] if i["said_by"] in ids]
    assert not [d for d in record["dots"] if d["participant_id"] in ids]
    kwame = next(i for i in record["ideas"] if i["text"].startswith("No uniforms or lanyards"))
    assert (kwame["said_by"], kwame["created_at"]) == (None, created)
    # In the working database the idea still knows who said it (the facilitator's own record).
    original = load_record(store, first)
    assert next(i for i in original.ideas if i.text.startswith("No uniforms")).said_by is not None


def test_with_include_private_everything_is_kept(demo):
    store, first = demo
    record = json.loads(export_json(store, first, include_private=True))
    kwame = next(p for p in record["participants"] if p["name"] == "Kwame Asante")
    assert kwame["perspectives"] == ["lived experience"] and kwame["arrived_at"] != record["workshop"]["created_at"]


def test_export_command_ties_no_idea_to_an_anonymous_person(tmp_path):
    db = tmp_path / "demo.db"
    invoke("--db", db, "demo", "--no-open")
    result = invoke("--db", db, "export", "1")
    assert result.exit_code == 0
    record = json.loads(result.output)
    people = {p["id"]: p for p in record["participants"]}
    for idea in record["ideas"]:
        if idea["said_by"] is not None:
            assert people[idea["said_by"]]["name"] != "A participant"
    for name in ("Sam Whitley", "Kwame Asante"):
        assert name not in result.output
