"""Opening a database whose schema is already current: the quick way must agree with the full one.

The app opens its file on every start; a current file is recognised with plain sqlite3, so the
start does not wait for sqlite-utils. These tests check the quick path never skips real work.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.domain.errors import StorageError
from facilitator.storage import migrations
from facilitator.storage.first_page import step_names
from facilitator.storage.store import open_store


def test_the_steps_read_from_the_text_of_migrations_are_the_registered_ones() -> None:
    # If this fails, a step is registered under a name other than its function's
    # (``@migrations(name=...)``): keep the two the same, or first_page.schema_is_current cannot see it.
    assert step_names() == set(migrations.KNOWN)


def test_reopening_a_current_file_reads_and_writes_without_sqlite_utils_until_the_first_write(
    tmp_path: Path,
) -> None:
    path = tmp_path / "current.db"
    open_store(path).close()
    script = f"""
import sys
from facilitator.storage.store import open_store
store = open_store({str(path)!r})
store.list_workshops(limit=60)
print("sqlite_utils" in sys.modules)
workshop = store.create_workshop(title="Night crisis line", stages=[{{"kind": "welcome", "title": "Welcome", "minutes": 5}}], date="2025-03-14")
print("sqlite_utils" in sys.modules, store.workshop(workshop.id).title)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "True", "Night", "crisis", "line"]


def test_a_file_missing_a_step_is_still_brought_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "older.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("DROP INDEX decisions_status_created")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_register_status_index'")
    # (The last step of migrations.py is left applied, as after an interrupted upgrade.)
    conn.close()
    open_store(path).close()
    conn = sqlite3.connect(path)
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    finally:
        conn.close()
    assert "decisions_status_created" in names


def test_a_file_with_a_step_from_a_newer_version_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('facilitator', 'm999_from_the_future', '2030-01-01')"
        )
    conn.close()
    with pytest.raises(StorageError, match="newer version"):
        open_store(path)
