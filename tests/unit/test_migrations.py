"""Opening the database file: schema steps, files we must refuse, privacy of the file, pragmas.

A person meets these when they open a database made by a newer version, point the app at the
wrong file, or keep the record on a share they may only read.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
from pathlib import Path

import pytest

from facilitator.domain.errors import ReadOnlyDatabase, StorageError
from facilitator.storage import db as dbmod
from facilitator.storage import migrations
from facilitator.storage.store import open_store

TABLES = {
    "workshops",
    "participants",
    "stages",
    "stage_events",
    "themes",
    "ideas",
    "votes",
    "decisions",
    "decision_links",
    "dissents",
    "actions",
    "action_updates",
    "feedback_items",
    "values_scores",
    "decision_search",
    "_sqlite_migrations",
}

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
ROOT_IGNORES_MODES = "root ignores file modes; the read_only=True tests cover the same refusal"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def table_names(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def applied_steps(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT name, applied_at FROM _sqlite_migrations WHERE migration_set = 'facilitator' ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def make_workshop(store) -> int:
    workshop = store.create_workshop(title="Kept safe", stages=[{"kind": "ideas", "title": "Ideas", "minutes": 5}])
    return workshop.id


# --- a blank database ------------------------------------------------------------------------


def test_blank_database_gets_every_table_and_records_every_step(db_path):
    store = open_store(db_path)
    store.close()
    assert TABLES <= table_names(db_path)
    assert [name for name, _ in applied_steps(db_path)] == migrations.KNOWN


def test_reopening_applies_nothing_new_and_keeps_the_data(db_path):
    store = open_store(db_path)
    workshop_id = make_workshop(store)
    store.close()
    before = applied_steps(db_path)

    again = open_store(db_path)
    try:
        assert again.workshop(workshop_id).title == "Kept safe"
    finally:
        again.close()
    assert applied_steps(db_path) == before


def first_step_only(path: Path) -> None:
    """A database as the first released version left it, with one workshop in it."""
    database = dbmod.connect(path)
    migrations.migrations.apply(database.db, stop_before=migrations.KNOWN[1:])
    database.conn.execute(
        "INSERT INTO workshops (uid, title, date, created_at) VALUES ('u1', 'Kept safe', '2024-01-01', 'x')"
    )
    database.close()


def test_an_older_database_is_brought_up_to_date_without_losing_anything(db_path):
    first_step_only(db_path)
    assert [name for name, _ in applied_steps(db_path)] == migrations.KNOWN[:1]

    again = open_store(db_path)
    try:
        assert [w.title for w in again.list_workshops()] == ["Kept safe"]
    finally:
        again.close()
    assert TABLES <= table_names(db_path)
    assert [name for name, _ in applied_steps(db_path)] == migrations.KNOWN


def test_a_database_from_a_newer_version_is_refused_and_left_alone(db_path):
    store = open_store(db_path)
    make_workshop(store)
    store.close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES ('facilitator', 'm999_future', 'x')"
    )
    conn.commit()
    conn.close()
    before = digest(db_path)

    with pytest.raises(StorageError) as refused:
        open_store(db_path)

    message = str(refused.value)
    assert "written by a newer version" in message
    assert str(db_path) in message
    assert message.endswith(".") and "\n" not in message
    assert digest(db_path) == before


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(random.Random(7).randbytes(8192), id="random-bytes"),
        pytest.param(b"Agenda for Tuesday\n- welcome\n- ideas\n" * 40, id="text-file"),
    ],
)
def test_a_file_that_is_not_a_database_is_refused_and_unchanged(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)

    with pytest.raises(StorageError) as refused:
        open_store(path)

    message = str(refused.value)
    assert "not a facilitator database" in message
    assert str(path) in message and "\n" not in message
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_folder_is_refused_with_a_sentence(tmp_path):
    with pytest.raises(StorageError, match="this is a folder"):
        open_store(tmp_path)


def test_opening_without_create_does_not_make_a_file(tmp_path):
    path = tmp_path / "missing.db"
    with pytest.raises(StorageError, match="there is no database here"):
        open_store(path, create=False)
    assert not path.exists()


# --- privacy of the file and the connection's settings ------------------------------------------


def test_the_file_and_its_wal_files_are_private(db_path):
    store = open_store(db_path)
    make_workshop(store)
    try:
        files = [db_path] + [db_path.with_name(db_path.name + s) for s in ("-wal", "-shm")]
        present = [f for f in files if f.exists()]
        assert db_path in present
        for file in present:
            mode = stat.S_IMODE(file.stat().st_mode)
            assert mode & 0o077 == 0, f"{file.name} is readable by others: {oct(mode)}"
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    finally:
        store.close()


def test_the_file_is_private_even_with_a_permissive_umask(tmp_path):
    old = os.umask(0)
    try:
        store = open_store(tmp_path / "open.db")
        store.close()
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "open.db").stat().st_mode) == 0o600


def test_every_connection_has_wal_foreign_keys_and_a_busy_timeout(db_path):
    for _ in range(2):  # a new file, then the same file opened again
        store = open_store(db_path)
        try:
            conn = store.database.conn
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        finally:
            store.close()


# --- read-only files ---------------------------------------------------------------------------


@pytest.fixture
def saved_db(db_path) -> Path:
    store = open_store(db_path)
    make_workshop(store)
    store.close()
    return db_path


def assert_reads_but_refuses_writes(store, path: Path) -> None:
    assert store.database.read_only
    assert [w.title for w in store.list_workshops()] == ["Kept safe"]
    with pytest.raises(ReadOnlyDatabase) as refused:
        make_workshop(store)
    message = str(refused.value)
    assert str(path) in message and "can only be read" in message and "\n" not in message
    assert store.count_workshops() == 1


def test_opened_read_only_it_reads_and_refuses_writes(saved_db):
    before = digest(saved_db)
    store = open_store(saved_db, read_only=True)
    try:
        assert_reads_but_refuses_writes(store, saved_db)
    finally:
        store.close()
    assert digest(saved_db) == before


def test_a_database_that_cannot_be_written_is_opened_read_only(saved_db, monkeypatch):
    """What the app decides when the OS says the file cannot be written (works even as root)."""
    real_access = os.access

    def no_writing(path, mode, *args, **kwargs):
        if mode & os.W_OK and Path(path) == saved_db:
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(dbmod.os, "access", no_writing)
    store = open_store(saved_db)
    try:
        assert_reads_but_refuses_writes(store, saved_db)
    finally:
        store.close()


@pytest.mark.skipif(RUNNING_AS_ROOT, reason=ROOT_IGNORES_MODES)
def test_a_read_only_file_opens_for_reading_and_refuses_writes(saved_db):
    saved_db.chmod(0o400)
    try:
        store = open_store(saved_db)
        try:
            assert_reads_but_refuses_writes(store, saved_db)
        finally:
            store.close()
        # Once it may be written again, writing works (no read-only leftovers block it).
        saved_db.chmod(0o600)
        store = open_store(saved_db)
        try:
            make_workshop(store)
            assert store.count_workshops() == 2
        finally:
            store.close()
    finally:
        saved_db.chmod(0o600)


@pytest.mark.skipif(RUNNING_AS_ROOT, reason=ROOT_IGNORES_MODES)
def test_a_database_in_a_read_only_folder_opens_for_reading(saved_db):
    folder = saved_db.parent
    folder.chmod(0o500)
    try:
        store = open_store(saved_db)
        try:
            assert_reads_but_refuses_writes(store, saved_db)
        finally:
            store.close()
    finally:
        folder.chmod(0o700)


def test_a_path_with_uri_characters_opens_read_only(tmp_path):
    """Folder names with ?, # or % must not be read as parts of a URI."""
    path = tmp_path / "what? #1 100%" / "workshops.db"
    store = open_store(path)
    make_workshop(store)
    store.close()
    store = open_store(path, read_only=True)
    try:
        assert_reads_but_refuses_writes(store, path)
    finally:
        store.close()


def test_a_read_only_database_from_an_older_version_says_it_cannot_be_updated(db_path):
    first_step_only(db_path)
    before = digest(db_path)
    with pytest.raises(ReadOnlyDatabase, match="can only be read"):
        open_store(db_path, read_only=True)
    assert digest(db_path) == before
