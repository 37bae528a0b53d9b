"""Decisions that can be corrected: each change after the day is a dated entry in the decision's
history, and what was recorded on the day stays readable."""

from __future__ import annotations

import pytest
from cli_runner import invoke

from facilitator.domain.errors import InvalidText, RuleBroken
from facilitator.storage.store import open_store


@pytest.fixture
def store(tmp_path):
    clock = [1_735_000_000.0]  # 24 December 2024
    opened = open_store(tmp_path / "history.db", clock=lambda: clock[0])
    opened.clock_value = clock
    yield opened
    opened.close()


def workshop(store):
    stages = [{"kind": "decide", "title": "Decisions", "minutes": 10}]
    return store.create_workshop(title="Design day", stages=stages, date="2024-12-01")


def test_a_deferred_decision_is_agreed_later_with_a_dated_entry(store):
    day = workshop(store)
    walk_in = store.add_decision(day.id, "Decide about walk-ins after six months", status="deferred")
    store.clock_value[0] += 90 * 86400
    store.amend_decision(walk_in.id, status="agreed", note="Walk-ins worked well in the pilot", by="Helen")
    assert store.decision(walk_in.id).status == "agreed"
    [entry] = store.decision_history(walk_in.id)
    assert (entry.kind, entry.old, entry.new, entry.changed_by) == ("status", "deferred", "agreed", "Helen")
    assert entry.note == "Walk-ins worked well in the pilot"
    assert entry.at.startswith("2025-03-24")
    # The register's record carries the history too.
    assert store.decision_record(walk_in.id).history == (entry,)


def test_a_correction_keeps_the_original_statement_readable(store):
    day = workshop(store)
    made = store.add_decision(day.id, "Open 6pm to 1am every day of teh year")
    store.amend_decision(made.id, statement="Open 6pm to 1am every day of the year")
    store.amend_decision(made.id, statement="Open 6pm to 1am every day of the year, bank holidays too")
    assert store.decision(made.id).statement.endswith("bank holidays too")
    assert store.original_statement(made.id) == "Open 6pm to 1am every day of teh year"
    assert [e.kind for e in store.decision_history(made.id)] == ["correction", "correction"]
    # Search finds the corrected wording.
    assert [s.decision.id for s in store.search_decisions("holidays")] == [made.id]


def test_review_dates_and_reviews(store):
    day = workshop(store)
    made = store.add_decision(day.id, "Pilot for a year", review_date="2025-06-01")
    store.amend_decision(made.id, review_date="01/09/2025")
    store.amend_decision(made.id, note="Reviewed: still right")
    store.amend_decision(made.id, review_date="none")
    assert store.decision(made.id).review_date is None
    history = [(e.kind, e.old, e.new, e.note) for e in store.decision_history(made.id)]
    assert history == [
        ("review date", "2025-06-01", "2025-09-01", ""),
        ("review", "", "", "Reviewed: still right"),
        ("review date", "2025-09-01", "", ""),
    ]


def test_refusals_change_nothing(store):
    day = workshop(store)
    old = store.add_decision(day.id, "Weekdays only")
    store.add_decision(day.id, "Every day", supersedes_id=old.id)
    with pytest.raises(RuleBroken, match="its status stays superseded"):
        store.amend_decision(old.id, status="agreed")
    with pytest.raises(RuleBroken, match="choose agreed, deferred or rejected"):
        store.amend_decision(old.id, status="superseded")
    with pytest.raises(InvalidText):
        store.amend_decision(old.id, review_date="someday", note="should not be kept")
    assert store.decision_history(old.id) == []
    # Nothing asked, nothing changed.
    store.amend_decision(old.id)
    assert store.decision_history(old.id) == []


def test_decision_command_changes_and_shows_the_history(tmp_path):
    db = tmp_path / "cli.db"
    store = open_store(db)
    made = store.add_decision(workshop(store).id, "Decide about walk-ins later", status="deferred")
    store.close()
    changed = invoke("--db", db, "decision", made.id, "--status", "rejected", "--note", "No staff for it",
                     "--by", "Raj")  # fmt: skip
    assert changed.exit_code == 0, changed.output
    assert "Status: rejected" in changed.output
    assert "Status changed from deferred to rejected. Why: No staff for it (Raj)" in changed.output
    fixed = invoke("--db", db, "decision", made.id, "--correct-statement", "Decide about walk-ins in spring")
    assert "Wording corrected (before, it read \u201cDecide about walk-ins later\u201d)." in fixed.output
    assert fixed.output.startswith("Decide about walk-ins in spring\n")
    listed = invoke("--db", db, "decisions", "--status", "rejected")
    assert "walk-ins in spring" in listed.output
    bad = invoke("--db", db, "decision", made.id, "--review-date", "blah")
    assert bad.exit_code == 1 and bad.output.count("\n") == 1 and "review date" in bad.output
    missing = invoke("--db", db, "decision", 99)
    assert (missing.exit_code, missing.output) == (1, "Error: There is no decision with id 99.\n")


def test_the_history_travels_with_an_export_and_shows_in_the_minutes(store, tmp_path):
    from facilitator.outputs.minutes import render_markdown
    from facilitator.storage.exchange import export_json, import_record, load_record, parse_record

    day = workshop(store)
    made = store.add_decision(day.id, "Decide about walk-ins later", status="deferred")
    store.amend_decision(made.id, status="agreed", note="Walk-ins worked", by="Helen")
    minutes = render_markdown(load_record(store, day.id))
    assert "- **Changed since:**\n    - 24 December 2024: Status changed from deferred to agreed. Why: Walk-ins worked" in minutes
    target = open_store(tmp_path / "target.db")
    moved = import_record(target, parse_record(export_json(store, day.id, include_private=True), "x.json"))
    assert render_markdown(load_record(target, moved.id)) == minutes
    [entry] = target.decision_history(target.decisions(moved.id)[0].id)
    assert entry.changed_by == "Helen"
    # Shared without --include-private: who made the change is left out.
    shared = parse_record(export_json(store, day.id), "y.json")
    assert shared.decisions[0].history[0].changed_by == ""
    target.close()
