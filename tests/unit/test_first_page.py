"""The home screen's first page, read before the Store is opened: same rows, or None to go the ordinary way.

``read_first_page`` lets the app draw its list before pydantic and the storage modules load. It
must show exactly what the Store would, and step aside (None) for every file the ordinary path
has to create, migrate, refuse or report, without changing that file.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fault_helpers import fingerprint, made_read_only

from facilitator.storage.first_page import WorkshopRow, read_first_page
from facilitator.storage.store import Store, open_store

STAGES = [{"kind": "welcome", "title": "Welcome", "minutes": 5}]


def fill(store: Store) -> None:
    """Workshops of every status, dates out of order, two on one day (the id decides)."""
    made = {}
    for title, date in [("Spring review", "2024-04-02"), ("Garden plans", "2025-05-01"),
                        ("Night crisis line", "2025-03-14"), ("Carers' evening", "2025-03-14"),
                        ("Peer support", "2023-11-20"), ("Budget", "2025-06-30")]:
        made[title] = store.create_workshop(title=title, stages=STAGES, date=date, place="Library",
                                            series="Crisis care", purpose="To listen")
    for title in ("Spring review", "Peer support", "Carers' evening"):
        store.finish_workshop(made[title].id)
    store.start_stage(store.stages(made["Night crisis line"].id)[0].id)


def test_the_first_page_is_the_stores_first_page_in_the_same_order(db_path: Path, store: Store) -> None:
    fill(store)
    page = read_first_page(db_path, 4)
    assert page is not None
    expected = store.list_workshops(limit=4)
    assert [row.id for row in page.rows] == [w.id for w in expected]
    assert page.rows[0] == WorkshopRow(
        id=expected[0].id, title="Night crisis line", date="2025-03-14", status="in progress",
        involvement="co-production", place="Library", series="Crisis care", agenda_name="",
        purpose="To listen",
    )
    assert [row.status for row in page.rows] == [w.status.value for w in expected]
    assert page.total == store.count_workshops() == 6
    # The Store reads the same rows when the home screen reloads.
    assert store.workshop_rows(limit=4) == page.rows
    assert [row.id for row in store.workshop_rows()] == [w.id for w in store.list_workshops()]


def test_an_empty_current_file_has_an_empty_first_page(db_path: Path, store: Store) -> None:
    page = read_first_page(db_path, 60)
    assert page is not None and page.rows == [] and page.total == 0


def test_a_missing_file_is_left_to_the_ordinary_path_and_not_created(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    assert read_first_page(path, 60) is None
    assert not path.exists()


def test_a_file_that_is_not_a_database_is_left_to_the_ordinary_path_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("These are my notes, not a database.\n" * 50)
    before = fingerprint(path)
    assert read_first_page(path, 60) is None
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_file_from_a_newer_version_is_left_to_the_ordinary_path_which_refuses_it(db_path: Path, store: Store) -> None:
    store.close()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('facilitator', 'm999_from_the_future', '2030-01-01')")
    conn.close()
    assert read_first_page(db_path, 60) is None


def test_a_file_missing_a_step_is_left_to_the_ordinary_path_which_migrates_it(db_path: Path, store: Store) -> None:
    fill(store)
    store.close()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("DROP INDEX decisions_status_created")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_register_status_index'")
    conn.close()
    assert read_first_page(db_path, 60) is None
    open_store(db_path).close()  # the ordinary path brings it up to date ...
    page = read_first_page(db_path, 60)  # ... and then the quick one can read it
    assert page is not None and page.total == 6


def test_a_read_only_file_is_left_to_the_ordinary_path_which_opens_it_for_reading(db_path: Path, store: Store) -> None:
    fill(store)
    store.close()
    with made_read_only(db_path):
        assert read_first_page(db_path, 60) is None
        reader = open_store(db_path)
        try:
            assert reader.database.read_only and reader.count_workshops() == 6
        finally:
            reader.close()


def test_a_file_not_in_wal_mode_is_left_to_the_ordinary_path(db_path: Path, store: Store) -> None:
    fill(store)
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    assert read_first_page(db_path, 60) is None


def test_a_damaged_file_is_left_to_the_ordinary_path(db_path: Path, store: Store) -> None:
    fill(store)
    store.database.checkpoint()
    store.close()
    # Scribble over the last page (an index or table page, not the header or the schema).
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    data[-page_size:] = b"\xff" * page_size
    db_path.write_bytes(bytes(data))
    assert read_first_page(db_path, 60) is None


def test_reading_the_first_page_writes_nothing_to_the_database_file(db_path: Path, store: Store) -> None:
    fill(store)
    store.database.checkpoint()
    store.close()
    before = fingerprint(db_path)
    assert read_first_page(db_path, 60) is not None
    assert fingerprint(db_path) == before


def test_reading_the_first_page_imports_neither_pydantic_nor_sqlite_utils(db_path: Path, store: Store) -> None:
    fill(store)
    script = f"""
import sys
from facilitator.storage.first_page import read_first_page
page = read_first_page({str(db_path)!r}, 60)
print(page.total, "pydantic" in sys.modules, "sqlite_utils" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["6", "False", "False"]


@pytest.mark.parametrize("limit", [1, 3, 60])
def test_the_first_page_holds_at_most_the_rows_asked_for(db_path: Path, store: Store, limit: int) -> None:
    fill(store)
    page = read_first_page(db_path, limit)
    assert page is not None and len(page.rows) == min(limit, 6) and page.total == 6
