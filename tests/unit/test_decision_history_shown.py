"""A decision amended after the day shows it: in ``decisions --json`` (its dated history) and in
the register's rows (when it was changed or reviewed), with names only as the minutes show them."""

from __future__ import annotations

import json

import pytest
from cli_runner import invoke

from facilitator.cli import review as cli_review
from facilitator.storage.store import open_store

DAY = 1_735_000_000.0  # 24 December 2024


@pytest.fixture
def store(tmp_path):
    clock = [DAY]
    opened = open_store(tmp_path / "shown.db", clock=lambda: clock[0])
    opened.clock_value = clock
    yield opened
    opened.close()


def decided(store):
    """A workshop with a named person (Helen), one who chose "perspective only" (Raj), and two decisions."""
    stages = [{"kind": "decide", "title": "Decisions", "minutes": 10}]
    day = store.create_workshop(title="Design day", stages=stages, date="2024-12-01")
    store.add_participant(day.id, "Helen Marsh", ["staff"], "named")
    store.add_participant(day.id, "Raj Patel", ["lived experience"], "perspective")
    walk_in = store.add_decision(day.id, "Decide about walk-ins later", status="deferred")
    kept = store.add_decision(day.id, "Hot drinks and toast")
    return day, walk_in, kept


def test_histories_of_a_page_keep_names_only_as_the_minutes_would(store):
    day, walk_in, kept = decided(store)
    store.clock_value[0] += 69 * 86400  # 3 March 2025
    store.amend_decision(walk_in.id, status="agreed", note="Walk-ins worked", by="helen  marsh")
    store.amend_decision(walk_in.id, review_date="2025-09-01", by="Raj Patel")  # chose not to be named
    store.amend_decision(walk_in.id, note="Still right", by="Someone From Head Office")  # nobody in the record
    histories = store.decision_histories([walk_in.id, kept.id], names="as minutes")
    assert list(histories) == [walk_in.id]  # the unchanged decision has no history
    entries = [(e.kind, e.old, e.new, e.note, e.changed_by) for e in histories[walk_in.id]]
    assert entries == [
        ("status", "deferred", "agreed", "Walk-ins worked", "helen  marsh"),
        ("review date", "", "2025-09-01", "", ""),
        ("review", "", "", "Still right", ""),
    ]
    assert all(e.at.startswith("2025-03-03") for e in histories[walk_in.id])
    # For this computer's own record every name stays.
    assert [e.changed_by for e in store.decision_histories([walk_in.id])[walk_in.id]] == [
        "helen  marsh", "Raj Patel", "Someone From Head Office"]
    # If someone else of the same name at that workshop chose otherwise, the name is not shown.
    store.add_participant(day.id, "Helen Marsh", ["carer"], "anonymous")
    assert store.decision_histories([walk_in.id], names="as minutes")[walk_in.id][0].changed_by == ""


def test_the_register_page_says_when_each_decision_was_changed_or_reviewed(store):
    _day, walk_in, kept = decided(store)
    store.clock_value[0] += 69 * 86400  # 3 March 2025
    store.amend_decision(walk_in.id, status="agreed")
    store.clock_value[0] += 63 * 86400  # 5 May 2025
    store.amend_decision(walk_in.id, note="Reviewed: still right")
    store.amend_decision(kept.id, note="Reviewed: keep it")
    by_id = {s.decision.id: s for s in store.search_decisions("")}
    assert by_id[walk_in.id].changed_at.startswith("2025-03-03")
    assert by_id[walk_in.id].reviewed_at.startswith("2025-05-05")
    assert (by_id[kept.id].changed_at, by_id[kept.id].reviewed_at[:10]) == (None, "2025-05-05")
    assert store.decision_summary(walk_in.id).changed_at.startswith("2025-03-03")


def test_the_register_reads_changes_in_one_query_per_page_not_one_per_row(store):
    day, *_ = decided(store)
    for number in range(30):
        made = store.add_decision(day.id, f"Decision {number}")
        store.amend_decision(made.id, note="Reviewed")
    asked: list[str] = []
    store.db.conn.set_trace_callback(asked.append)
    try:
        found = store.search_decisions("", limit=50)
    finally:
        store.db.conn.set_trace_callback(None)
    assert len(found) == 32
    assert sum("decision_history" in sql for sql in asked) == 1


def test_decisions_json_carries_the_dated_history(store, tmp_path):
    _day, walk_in, _kept = decided(store)
    store.clock_value[0] += 69 * 86400
    store.amend_decision(walk_in.id, status="agreed", note="Walk-ins worked", by="Helen Marsh")
    store.amend_decision(walk_in.id, statement="Walk-ins from 6pm", by="Raj Patel")
    store.close()
    result = invoke("--db", tmp_path / "shown.db", "decisions", "--json")
    assert result.exit_code == 0, result.output
    by_statement = {d["statement"]: d for d in json.loads(result.stdout)}
    assert tuple(by_statement["Walk-ins from 6pm"]) == cli_review.DECISION_KEYS
    history = by_statement["Walk-ins from 6pm"]["history"]
    assert [tuple(entry) for entry in history] == [cli_review.HISTORY_KEYS] * 2
    assert [(e["kind"], e["old"], e["new"], e["note"], e["changed_by"], e["at"][:10]) for e in history] == [
        ("status", "deferred", "agreed", "Walk-ins worked", "Helen Marsh", "2025-03-03"),
        ("correction", "Decide about walk-ins later", "Walk-ins from 6pm", "", None, "2025-03-03"),
    ]
    assert by_statement["Hot drinks and toast"]["history"] == []
    assert "Raj" not in result.stdout  # who chose "perspective only" is not named by a script either


def test_the_decisions_table_says_which_were_changed_or_reviewed(store, tmp_path):
    _day, walk_in, kept = decided(store)
    store.clock_value[0] += 69 * 86400  # 3 March 2025
    store.amend_decision(walk_in.id, status="agreed")
    store.amend_decision(kept.id, note="Still right")
    store.close()
    result = invoke("--db", tmp_path / "shown.db", "decisions")
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line for line in result.output.splitlines()[1:]}
    assert "agreed (changed 2025-03-03)" in rows[str(walk_in.id)]
    assert "agreed (reviewed 2025-03-03)" in rows[str(kept.id)]
