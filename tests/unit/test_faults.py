"""Faults, each with one clear sentence, no traceback, and nothing lost or changed.

A read-only file or folder (opens for reading, says it cannot save), a full disk (simulated with
``PRAGMA max_page_count``), another program holding the write lock (the write waits, then saves;
past the app's patience it says so), and a file that is not a database or is damaged (every
command says so, exit code 1, and the file's bytes stay exactly as they were). Commands run as
real processes through the console entry point.
"""

from __future__ import annotations

import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fault_helpers import fingerprint, lock_held_elsewhere, made_read_only

from facilitator.local import typist_memory
from facilitator.domain.errors import ReadOnlyDatabase, StorageError
from facilitator.storage import db as dbmod
from facilitator.storage.store import open_store

PROJECT = Path(__file__).resolve().parents[2]
STAGES = [{"kind": "ideas", "title": "Ideas", "minutes": 10}]
# The real entry point, with ``backup`` registered in case the main group does not add it yet.
ENTRY = ("import sys; from facilitator import cli; from facilitator.cli.backup import register; "
         "register(cli.cli); sys.exit(cli.main(sys.argv[1:]))")


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("FACILITATOR_DB", raising=False)


def facilitator(*args: object) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    return subprocess.run([sys.executable, "-c", ENTRY, *map(str, args)], capture_output=True, text=True, check=False,
                          env=env, timeout=60)


def one_error_line(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), done.stderr
    return lines[0]


def a_workshop_file(path: Path) -> int:
    store = open_store(path)
    workshop = store.create_workshop(title="Sanctuary evening", stages=STAGES)
    store.add_idea(store.stages(workshop.id)[0].id, "A sofa, not a plastic chair")
    store.close()
    return workshop.id


# -- read-only ------------------------------------------------------------------------------


def test_a_read_only_file_is_read_but_never_written(tmp_path):
    path = tmp_path / "workshops.db"
    workshop_id = a_workshop_file(path)
    with made_read_only(path):
        before = fingerprint(path)
        store = open_store(path)
        try:
            assert store.database.read_only
            assert [i.text for i in store.ideas(workshop_id=workshop_id)] == ["A sofa, not a plastic chair"]
            with pytest.raises(ReadOnlyDatabase, match="can only be read here, so nothing can be saved"):
                store.add_idea(store.stages(workshop_id)[0].id, "Lost?")
        finally:
            store.close()

        listed = facilitator("--db", path, "list")
        assert listed.returncode == 0 and "Sanctuary evening" in listed.stdout
        line = one_error_line(facilitator("--db", path, "new", "coproduction-workshop", "--title", "Another"))
        assert "can only be read here" in line
        assert fingerprint(path) == before


def test_a_read_only_folder_is_read_but_never_written(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    path = folder / "workshops.db"
    workshop_id = a_workshop_file(path)
    with made_read_only(folder):
        before = fingerprint(path)
        store = open_store(path)
        try:
            assert store.database.read_only
            assert store.workshop(workshop_id).title == "Sanctuary evening"
            with pytest.raises(ReadOnlyDatabase):
                store.add_idea(store.stages(workshop_id)[0].id, "Lost?")
        finally:
            store.close()
        assert "Sanctuary evening" in facilitator("--db", path, "list").stdout
        line = one_error_line(facilitator("--db", path, "new", "coproduction-workshop", "--title", "Another"))
        assert "can only be read here" in line
        assert fingerprint(path) == before
        assert sorted(p.name for p in folder.iterdir()) == ["workshops.db"]


# -- a full disk ----------------------------------------------------------------------------


def test_a_full_disk_says_so_and_saves_nothing_half_way(tmp_path):
    path = tmp_path / "workshops.db"
    workshop_id = a_workshop_file(path)
    store = open_store(path)
    try:
        stage_id = store.stages(workshop_id)[0].id
        pages = store.database.conn.execute("PRAGMA page_count").fetchone()[0]
        store.database.conn.execute(f"PRAGMA max_page_count = {pages + 5}")  # the disk is nearly full
        saved = ["A sofa, not a plastic chair"]
        with pytest.raises(StorageError) as caught:
            for n in range(1000):
                saved.append(store.add_idea(stage_id, f"Idea {n}: " + "a room that is warm and quiet " * 40).text)
        assert str(caught.value) == f"{path}: the disk is full, so this change was not saved."
        # Every idea saved before the disk filled is there; the one that did not fit is not, in part or whole.
        assert [i.text for i in store.ideas(workshop_id=workshop_id)] == saved
        assert len(saved) > 1
        assert not store.database.conn.in_transaction

        store.database.conn.execute(f"PRAGMA max_page_count = {pages * 100}")  # space again
        store.add_idea(stage_id, "After clearing some space")
        assert len(store.ideas(workshop_id=workshop_id)) == len(saved) + 1
        assert store.database.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()


# -- another program holding the lock -------------------------------------------------------


def test_a_write_waits_for_another_program_then_saves(tmp_path):
    path = tmp_path / "workshops.db"
    workshop_id = a_workshop_file(path)
    store = open_store(path)
    try:
        with lock_held_elsewhere(path, 1.5) as holder:
            idea = store.add_idea(store.stages(workshop_id)[0].id, "Saved after the wait")
            # It could only save once the other program had let go: it waited instead of failing.
            assert holder.stdout.readline().strip() == "released"
        assert store.idea(idea.id).text == "Saved after the wait"
    finally:
        store.close()


def test_a_lock_held_past_the_apps_patience_gets_a_sentence_and_nothing_half_saved(tmp_path, monkeypatch):
    path = tmp_path / "workshops.db"
    workshop_id = a_workshop_file(path)
    monkeypatch.setattr(dbmod, "WRITE_PATIENCE_SECONDS", 1.0)
    store = open_store(path)
    store.database.conn.execute("PRAGMA busy_timeout = 100")  # as the app's background writer does
    waits: list[float] = []
    store.database.on_wait = waits.append
    try:
        with lock_held_elsewhere(path, 30), pytest.raises(StorageError) as caught:
            store.add_idea(store.stages(workshop_id)[0].id, "Not yet")
        assert "another program has held the database for over 1 seconds" in str(caught.value)
        assert "locked" not in str(caught.value)
        assert waits and waits == sorted(waits)  # it kept retrying, and said how long it had waited
        assert [i.text for i in store.ideas(workshop_id=workshop_id)] == ["A sofa, not a plastic chair"]
        store.add_idea(store.stages(workshop_id)[0].id, "Now it can")  # the lock is gone: it saves
    finally:
        store.close()


# -- not a database, or a damaged one -------------------------------------------------------

COMMANDS = [("list",), ("run", "1"), ("capture", "1"), ("minutes", "1"), ("export", "1"), ("backup",)]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_a_file_that_is_not_a_database_is_named_and_left_alone(tmp_path, command):
    path = tmp_path / "notes.db"
    path.write_text("Minutes of the March meeting\n" * 50)
    before = fingerprint(path)
    line = one_error_line(facilitator("--db", path, *command))
    assert line == f"Error: {path}: this file is not a facilitator database or it is damaged."
    assert fingerprint(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]  # no -wal, -shm or backup made


def damage(path: Path, seed: int = 1) -> None:
    """Scribble over pages in the middle of the file (the header and first pages stay valid)."""
    size = path.stat().st_size
    chooser = random.Random(seed)
    with open(path, "r+b") as stream:
        stream.seek(4096 * 2)
        stream.write(bytes(chooser.randrange(256) for _ in range(min(size - 4096 * 2, 4096 * 8))))


@pytest.mark.parametrize("journal", ["wal", "delete"])
@pytest.mark.parametrize("command", [("list",), ("minutes", "1"), ("backup",)], ids=["list", "minutes", "backup"])
def test_a_damaged_database_is_named_and_left_alone(tmp_path, journal, command):
    path = tmp_path / "workshops.db"
    store = open_store(path)
    for n in range(60):  # enough rows for many pages
        workshop = store.create_workshop(title=f"Workshop {n} " + "x" * 150, stages=STAGES)
        store.add_idea(store.stages(workshop.id)[0].id, "An idea " * 50)
    store.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode = {journal}")  # a backup copy is in "delete" mode
    conn.close()
    damage(path)
    before = fingerprint(path)

    line = one_error_line(facilitator("--db", path, *command))
    assert line.startswith(f"Error: {path}: this file is not a facilitator database or it is damaged.")
    assert "backups" in line and "restore BACKUP" in line  # and what to do about it
    assert fingerprint(path) == before
    if journal == "wal":
        with pytest.raises(StorageError, match="not a facilitator database or it is damaged"):
            opened = open_store(path)
            try:
                opened.database.check_intact()
            finally:
                opened.close()
        assert fingerprint(path) == before


def test_a_folder_or_a_missing_file_is_named(tmp_path):
    line = one_error_line(facilitator("--db", tmp_path, "list"))
    assert line == f"Error: {tmp_path}: this is a folder, not a database file."
    missing = tmp_path / "missing.db"
    assert "there is no database here" in one_error_line(facilitator("--db", missing, "backup"))
    assert not missing.exists()


# -- the note-taker's remembered name -------------------------------------------------------


def test_a_damaged_or_unwritable_name_memory_is_never_in_the_way(tmp_path):
    db_path = tmp_path / "workshops.db"
    memory = typist_memory.memory_file()
    memory.parent.mkdir(parents=True)
    memory.write_text("{not json")
    assert typist_memory.recall(db_path) is None
    assert typist_memory.remember(db_path, "Sam")
    assert typist_memory.recall(db_path) == "Sam"
    assert typist_memory.recall(tmp_path / "other.db") is None
    with made_read_only(memory.parent):
        assert typist_memory.remember(db_path, "Jo") is False  # said, not raised
        assert typist_memory.recall(db_path) == "Sam"
    assert sorted(p.name for p in memory.parent.iterdir()) == [typist_memory.FILE_NAME]
