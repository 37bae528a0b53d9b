"""Forgetting a person everywhere, at the store: every roster, every free-text column, the search index."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest

from facilitator.demo import seed_demo
from facilitator.domain.errors import NotFound
from facilitator.domain.privacy import FORMER_PARTICIPANT
from facilitator.storage.store import open_store

NAME = "Helen Marsh"


def every_text_value(path: Path) -> list[tuple[str, str, str]]:
    """(table, column, value) for every column of every table, full-text tables and their own
    tables included, each value read as text."""
    conn = sqlite3.connect(path)
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")  # the search index's own blocks
    try:
        found = []
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for column in [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]:
                for (value,) in conn.execute(f'SELECT CAST("{column}" AS TEXT) FROM "{table}"'):
                    if value is not None:
                        found.append((table, column, value))
        return found
    finally:
        conn.close()


def mentions(path: Path, name: str) -> list[tuple[str, str]]:
    """Where the name is, as a whole name (not "Helen Marshall"), in any case and spacing."""
    pattern = re.compile(r"\s+".join(name.split()) + r"(?![a-z])", re.IGNORECASE)
    return sorted({(t, c) for t, c, v in every_text_value(path) if pattern.search(v)})


@pytest.fixture
def demo(tmp_path: Path):
    """The demo's two workshops, with Helen Marsh named in every kind of free text the app writes."""
    path = tmp_path / "demo.db"
    store = open_store(path)
    finished, in_progress = seed_demo(store)
    helen = next(p for p in store.participants(in_progress) if p.name == NAME)
    ideas = next(s for s in store.stages(in_progress) if s.kind == "ideas")
    store.add_idea(ideas.id, "Helen Marsh asked for the budget in plain words", typed_by=NAME)
    decision = store.add_decision(in_progress, "Ask Helen Marsh to report back", decided_by="Helen Marsh and the group",
                                  dissent=[(None, "Not Helen Marsh again, said someone")])  # fmt: skip
    action = store.add_action(in_progress, "Send the budget", owner_text="helen  marsh", decision_id=decision.id)
    store.update_action(action.id, "in progress", "Helen Marsh is on leave until May")
    store.add_feedback(in_progress, "You said Helen Marsh should come back", done="She did")
    other = store.add_participant(in_progress, "Helen Marshall", ["carer"], "named", "Sits beside Helen Marsh")
    phone = store.join_device(in_progress, store.join_code(in_progress), "a-token-of-helens-phone")
    store.claim_person(phone.id, helen.id)
    yield store, path, finished, in_progress, helen, other
    store.close()


def test_forgetting_leaves_the_name_in_no_column_of_any_table(demo) -> None:
    store, path, _, in_progress, helen, other = demo
    before = mentions(path, NAME)
    for place in [("participants", "name"), ("series_people", "name"), ("ideas", "typed_by"), ("ideas", "text"),
                  ("decisions", "decided_by"), ("dissents", "text"), ("actions", "owner_text"),
                  ("action_updates", "note"), ("feedback_items", "said"), ("participants", "support_needs"),
                  ("decision_search", "statement"), ("decision_search_content", "c0")]:  # fmt: skip
        assert place in before
    counts = {table: store._value(f"SELECT count(*) FROM {table}") for table in ("ideas", "decisions", "actions")}

    plan, note = store.forget_everywhere(NAME)

    assert mentions(path, NAME) == []
    assert NAME not in note and "forgotten" in note
    # Decisions and ideas stay, said by "a participant"; the words now say "a former participant".
    assert {table: store._value(f"SELECT count(*) FROM {table}") for table in counts} == counts
    decided = store._value("SELECT decided_by FROM decisions WHERE statement LIKE 'Ask %'")
    assert decided == f"{FORMER_PARTICIPANT} and the group"
    assert store.participant(helen.id).forgotten and store.participant(helen.id).name == ""
    assert store.people_on_devices(in_progress) == set()  # her phone chooses again
    assert len({p.workshop_id for p in plan.people}) == 2  # both workshops of the series
    # Another person whose name merely starts the same keeps it; her support needs lose the name.
    kept = store.participant(other.id)
    assert kept.name == "Helen Marshall" and kept.support_needs == f"Sits beside {FORMER_PARTICIPANT}"
    # The search index has the new words, not the old ones.
    assert store._rows("SELECT rowid FROM decision_search WHERE decision_search MATCH 'marsh'") == []
    assert store._rows("SELECT rowid FROM decision_search WHERE decision_search MATCH '\"former participant\"'")
    assert [row["kind"] for row in store.erasures()] == ["forget"]


def test_the_file_itself_keeps_no_copy_of_the_name(demo) -> None:
    store, path, *_ = demo
    store.forget_everywhere(NAME)
    store.close()
    for file in (path, path.with_name(path.name + "-wal")):
        if file.exists():
            assert not re.search(rb"helen\s+marsh(?![a-z])", file.read_bytes(), re.IGNORECASE)


def test_the_plan_changes_nothing_until_it_is_applied(demo) -> None:
    store, path, _, _, helen, _ = demo
    before = every_text_value(path)
    plan = store.forget_plan(str(helen.id))  # by a participant's id: the same person everywhere
    assert plan.name == NAME and len(plan.people) == 2 and plan.roster_entries
    lines = plan.lines()
    assert "decided by, decision" in "".join(lines) and "decision_search" not in "".join(lines)
    assert any(line.startswith("decided by, decision") and line.endswith("becomes \u201ca former participant and the group\u201d")
               for line in lines)  # fmt: skip
    assert any(line.startswith("Series ") for line in lines)
    assert every_text_value(path) == before


def test_nobody_by_that_name_is_one_sentence(store) -> None:
    with pytest.raises(NotFound, match="Nobody called \u201cNo Such Person\u201d"):
        store.forget_everywhere("No Such Person")
    assert store.erasures() == []
