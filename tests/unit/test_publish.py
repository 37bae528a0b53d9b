"""``facilitator publish``: a sanitised copy for Datasette, never the working database.

Every column of the published file (and its raw bytes) is searched for every private value of the
demo: support needs, the names of people who chose not to be named, voters. A table the publish
does not know (a new private table added later) never reaches the copy. Datasette, on loopback and
bounded in time, finds decisions through its search box, with the facets the metadata asks for.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from facilitator.demo import data, seed_demo
from facilitator.domain.errors import StorageError
from facilitator.storage.publish import merge, publish
from facilitator.storage.publish_schema import TABLES, metadata
from facilitator.storage.store import open_store

pytestmark = pytest.mark.usefixtures("private_home")
PEOPLE = {**data.PEOPLE, **data.NEWCOMER}
SUPPORT_NEEDS = [needs for _name, _p, _a, needs in PEOPLE.values() if needs]
NOT_NAMED = [name for name, _p, attribution, _n in PEOPLE.values() if attribution != "named"]
STAGES = [{"kind": "ideas", "title": "Ideas", "minutes": 10}]


@pytest.fixture
def demo(tmp_path):
    store = open_store(tmp_path / "demo.db")
    seed_demo(store)
    yield store
    store.close()


def every_value(path: Path) -> list[tuple[str, str, str]]:
    """(table, column, value as text) for every cell of every table, search indexes included."""
    conn = sqlite3.connect(path)
    found = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        cursor = conn.execute(f'SELECT * FROM "{table}"')
        names = [d[0] for d in cursor.description]
        for row in cursor:
            found += [(table, name, value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))
                      for name, value in zip(names, row) if value is not None]  # fmt: skip
    conn.close()
    return found


def changed_later_by_people_not_named(store) -> None:
    """A decision reviewed and changed, an action and a reply followed up, after the day, each with
    the name of someone who chose not to be named typed as who made the change."""
    first = store._value("SELECT id FROM decisions ORDER BY id LIMIT 1")
    store.amend_decision(first, note="Reviewed at the spring meeting: still right", by=NOT_NAMED[0])
    store.amend_decision(first, review_date="2031-01-31", by=NOT_NAMED[1])
    action = store._value("SELECT id FROM actions WHERE status IN ('open', 'in progress') ORDER BY id LIMIT 1")
    store.update_action(action, "done", "Finished in the spring", by=NOT_NAMED[2])
    item = store._row("SELECT * FROM feedback_items ORDER BY id LIMIT 1")
    store.update_feedback(item["id"], said=item["said"], status="in progress", done="Asked the landlord",
                          by=NOT_NAMED[3])  # fmt: skip


def test_no_private_value_of_the_demo_is_anywhere_in_the_published_file(demo, tmp_path):
    changed_later_by_people_not_named(demo)
    assert {name for (name,) in demo.db.execute(
        "SELECT changed_by FROM decision_history UNION SELECT changed_by FROM follow_up_history")} >= set(NOT_NAMED[:4])
    out = tmp_path / "published.db"
    publish(demo, out)
    private = SUPPORT_NEEDS + NOT_NAMED + [name.split()[0] for name in NOT_NAMED]
    assert len(SUPPORT_NEEDS) >= 5 and "Kwame Asante" in NOT_NAMED
    cells = every_value(out)
    assert cells
    # The history tables are there, and hold what was changed (not who changed it).
    assert {(table, column) for table, column, value in cells if "spring" in value} >= {
        ("decision_history", "note"), ("follow_up_history", "change")}
    leaks = [(table, column, word) for table, column, value in cells for word in private if word in value]
    assert leaks == []
    raw = out.read_bytes()
    assert [word for word in private if word.encode() in raw] == []
    # No table of people, votes, passes, phones or codes; no column that links to a person or a time.
    conn = sqlite3.connect(out)
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {t for t in tables if not t.endswith(("_fts", "_data", "_idx", "_docsize", "_config"))} == set(TABLES)
    columns = {name for table in TABLES for name, _kind in TABLES[table]}
    assert not columns & {"participant_id", "said_by_id", "owner_participant_id", "created_at", "arrived_at",
                          "support_needs", "token_hash", "code", "present"}  # fmt: skip
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_people_appear_as_in_the_minutes_and_unrevealed_votes_give_no_dots(demo, tmp_path):
    out = tmp_path / "published.db"
    publish(demo, out)
    conn = sqlite3.connect(out)
    said_by = {who for (who,) in conn.execute("SELECT DISTINCT said_by FROM ideas")}
    assert "Maya Okafor" in said_by and "anonymous" in said_by and "a participant" in said_by
    finished, in_progress = conn.execute("SELECT id FROM workshops ORDER BY date").fetchall()
    # The workshop in progress has a secret vote with dots, not revealed yet: no totals at all.
    assert conn.execute("SELECT count(*) FROM ideas WHERE workshop_id = ? AND dots IS NOT NULL",
                        in_progress).fetchone()[0] == 0  # fmt: skip
    assert conn.execute("SELECT count(*) FROM themes WHERE workshop_id = ? AND dots IS NOT NULL",
                        in_progress).fetchone()[0] == 0  # fmt: skip
    assert conn.execute("SELECT sum(dots) FROM themes WHERE workshop_id = ?", finished).fetchone()[0] > 0
    # Search indexes hold the rows (Datasette's search box).
    hits = conn.execute("SELECT statement FROM decisions WHERE id IN (SELECT rowid FROM decisions_fts "
                        "WHERE decisions_fts MATCH 'living')").fetchall()  # fmt: skip
    assert hits


def test_decision_and_follow_up_history_are_published_by_day_for_published_workshops(demo, tmp_path):
    changed_later_by_people_not_named(demo)
    out = tmp_path / "published.db"
    counts = publish(demo, out)
    conn = sqlite3.connect(out)
    rows = conn.execute("SELECT kind, old, new, note, length(at) FROM decision_history ORDER BY id").fetchall()
    assert rows[-2:] == [("review", "", "", "Reviewed at the spring meeting: still right", 10),
                         ("review date", rows[-1][1], "2031-01-31", "", 10)]  # the day, never the time of day
    changes = conn.execute(
        "SELECT h.change, length(h.at), w.title, a.what, y.said FROM follow_up_history h "
        "LEFT JOIN workshops w ON w.id = h.in_workshop_id LEFT JOIN actions a ON a.id = h.action_id "
        "LEFT JOIN you_said_we_did y ON y.id = h.you_said_we_did_id ORDER BY h.id").fetchall()
    # The taxi item answered at the second workshop, which is the first workshop's action.
    taxi = [c for c in changes if c[3] and "taxi" in c[3].lower()]
    assert taxi and taxi[0][2] == data.SECOND_TITLE and "done" in taxi[0][0]
    assert any("Finished in the spring" in c[0] and c[2] is None for c in changes)  # from the command line
    assert all(c[1] == 10 and (c[3] or c[4]) for c in changes)
    assert counts["decision_history"] == len(rows) and counts["follow_up_history"] == len(changes)
    # Only the workshops published: none of their history goes with another series.
    demo.create_workshop(title="Elsewhere", stages=STAGES, date="2020-01-01", series="Wards")
    other = publish(demo, tmp_path / "wards.db", series="Wards")
    assert (other["workshops"], other["decision_history"], other["follow_up_history"]) == (1, 0, 0)
    described = metadata("published")["databases"]["published"]["tables"]
    assert described["decision_history"]["facets"] == ["kind", {"date": "at"}]
    assert described["follow_up_history"]["facets"] == [{"date": "at"}]
    assert described["decision_history_fts"]["hidden"]


def test_a_table_publish_does_not_know_never_reaches_the_copy(demo, tmp_path):
    with demo.write() as db:
        db.execute("CREATE TABLE private_notes_from_later (name TEXT, support_needs TEXT)")
        db.execute("INSERT INTO private_notes_from_later VALUES ('Zebedee Private', 'Needs a hearing loop')")
        db.execute("ALTER TABLE decisions ADD COLUMN private_note TEXT")
        db.execute("UPDATE decisions SET private_note = 'Quietly vetoed by Zebedee'")
    out = tmp_path / "published.db"
    publish(demo, out)
    assert b"Zebedee" not in out.read_bytes() and b"hearing loop" not in out.read_bytes()


def test_series_and_since_choose_workshops(demo, tmp_path):
    demo.create_workshop(title="Elsewhere", stages=STAGES, date="2020-01-01", series="Wards")
    out = tmp_path / "one.db"
    assert publish(demo, out, series=data.SERIES)["workshops"] == 2
    assert publish(demo, out, series="Wards")["workshops"] == 1
    assert publish(demo, out, since="01/01/2021")["workshops"] == 2


def test_the_working_database_is_never_the_published_copy(demo, tmp_path):
    before = demo.database.path.read_bytes()
    with pytest.raises(StorageError, match="cannot be the published copy"):
        publish(demo, demo.database.path)
    assert demo.database.path.read_bytes() == before
    # Nor any other file that is not a published copy (another working database, notes...).
    other = open_store(tmp_path / "real.db")
    other.close()
    notes = tmp_path / "notes.db"
    notes.write_text("my notes")
    for path in (tmp_path / "real.db", notes):
        kept = path.read_bytes()
        with pytest.raises(StorageError, match="is not a published copy, so it was left as it is"):
            publish(demo, path)
        assert path.read_bytes() == kept
    # An earlier published copy is replaced.
    publish(demo, tmp_path / "published.db")
    assert publish(demo, tmp_path / "published.db")["workshops"] == 2


def test_merge_keeps_workshops_from_different_computers_apart(demo, tmp_path):
    changed_later_by_people_not_named(demo)
    first = tmp_path / "a.db"
    publish(demo, first)
    other = open_store(tmp_path / "other.db")
    workshop = other.create_workshop(title="Ward safety", stages=STAGES, date="2025-05-01")
    other.add_decision(workshop.id, "Night checks are done quietly", rationale="Sleep matters")
    second = tmp_path / "b.db"
    publish(other, second)
    publish(demo, tmp_path / "again.db")  # the same workshops, published again (later) elsewhere
    other.close()

    merged = tmp_path / "all.db"
    counts = merge([first, second, tmp_path / "again.db"], merged)
    assert counts["workshops"] == 3  # each uid once
    conn = sqlite3.connect(merged)
    titles = sorted(title for (title,) in conn.execute("SELECT title FROM workshops"))
    assert "Ward safety" in titles and len(titles) == 3
    # Links still point inside the same workshop.
    broken = conn.execute(
        "SELECT count(*) FROM decision_ideas l JOIN decisions d ON d.id = l.decision_id "
        "JOIN ideas i ON i.id = l.idea_id WHERE i.workshop_id != d.workshop_id"
    ).fetchone()[0]
    assert broken == 0
    assert conn.execute("SELECT count(*) FROM decisions_fts WHERE decisions_fts MATCH 'quietly'").fetchone()[0] == 1
    # The histories come along, still pointing at their own decisions and actions.
    published = sqlite3.connect(first)
    assert conn.execute("SELECT note FROM decision_history h JOIN decisions d ON d.id = h.decision_id "
                        "WHERE h.kind = 'review'").fetchall() == published.execute(
        "SELECT note FROM decision_history WHERE kind = 'review'").fetchall() != []  # fmt: skip
    assert conn.execute("SELECT count(*) FROM follow_up_history").fetchone()[0] == published.execute(
        "SELECT count(*) FROM follow_up_history").fetchone()[0] > 0  # fmt: skip
    # A copy published before there were histories merges too.
    older = tmp_path / "older.db"
    publish(other := open_store(tmp_path / "other.db"), older)
    other.close()
    with sqlite3.connect(older) as old_copy:
        old_copy.execute("DROP TABLE decision_history_fts")
        old_copy.execute("DROP TABLE decision_history")
        old_copy.execute("DROP TABLE follow_up_history_fts")
        old_copy.execute("DROP TABLE follow_up_history")
    assert merge([older, first], tmp_path / "with-older.db")["decision_history"] > 0
    with pytest.raises(StorageError, match="working database, not a published copy"):
        merge([first, demo.database.path], tmp_path / "wrong.db")


# -- the command, and Datasette ----------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())


def test_datasette_serves_the_published_file_and_finds_decisions(facilitator, demo, tmp_path):
    changed_later_by_people_not_named(demo)
    out = tmp_path / "site" / "published.db"
    out.parent.mkdir()
    result = facilitator("--db", demo.database.path, "publish", out)
    assert result.exit_code == 0, result.output
    meta = out.parent / "metadata.json"
    assert meta.is_file() and "datasette serve" in result.stdout
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(out), "--metadata", str(meta), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/published"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                found = get_json(f"{base}/decisions.json?_search=living&_shape=array")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("datasette did not answer within 20 seconds")
                time.sleep(0.2)
        statements = sorted(row["statement"] for row in found)
        assert len(statements) == 2 and all("living room" in s for s in statements)
        table = get_json(f"{base}/decisions.json")
        assert {"status", "series", "review_date"} <= set(table["facet_results"])
        listed = {t["name"]: t for t in get_json(f"{base}.json")["tables"]}
        assert listed["decisions"]["fts_table"] == "decisions_fts" and listed["decisions_fts"]["hidden"]
        # Reviewers see which decisions were reviewed or changed, and when; not who changed them.
        history = get_json(f"{base}/decision_history.json")
        assert {"kind", "at"} <= set(history["facet_results"]) and "changed_by" not in history["columns"]
        reviewed = get_json(f"{base}/decision_history.json?_search=spring&_shape=array")
        assert [row["kind"] for row in reviewed] == ["review"]
        followed = get_json(f"{base}/follow_up_history.json")
        assert "at" in followed["facet_results"] and followed["rows"]
    finally:
        server.kill()
        server.wait(timeout=10)


def test_publish_needs_one_file_or_merge_with_output(facilitator, demo, tmp_path):
    two = facilitator("--db", demo.database.path, "publish", tmp_path / "a.db", tmp_path / "b.db")
    assert two.exit_code == 1 and "Give one file to publish to" in two.stderr
    no_output = facilitator("publish", "--merge", tmp_path / "a.db")
    assert no_output.exit_code == 1 and "--merge needs -o FILE" in no_output.stderr
