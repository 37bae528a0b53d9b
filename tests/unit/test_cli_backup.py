"""``facilitator backup [-o FILE]``: a consistent, private copy, even while another terminal writes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from fault_helpers import fingerprint, made_read_only

from facilitator.storage.store import open_store

PROJECT = Path(__file__).resolve().parents[2]
STAGES = [{"kind": "ideas", "title": "Ideas", "minutes": 10}]
ENTRY = ("import sys; from facilitator import cli; from facilitator.cli.backup import register; "
         "register(cli.cli); sys.exit(cli.main(sys.argv[1:]))")


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def facilitator(home):
    def run(*args: object) -> subprocess.CompletedProcess:
        env = dict(os.environ, PYTHONPATH=str(PROJECT), FACILITATOR_HOME=str(home))
        env.pop("FACILITATOR_DB", None)
        return subprocess.run([sys.executable, "-c", ENTRY, *map(str, args)], capture_output=True, text=True, check=False,
                              env=env, timeout=60)

    return run


def workshop_file(path: Path) -> tuple[int, int]:
    store = open_store(path)
    workshop = store.create_workshop(title="Sanctuary evening", stages=STAGES)
    stage_id = store.stages(workshop.id)[0].id
    store.add_idea(stage_id, "A sofa, not a plastic chair")
    store.close()
    return workshop.id, stage_id


def ideas_in(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [row[0] for row in conn.execute("SELECT text FROM ideas ORDER BY id")]
    finally:
        conn.close()


def test_backup_goes_to_the_backups_folder_and_prints_where(tmp_path, home, facilitator):
    db = tmp_path / "workshops.db"
    workshop_file(db)
    done = facilitator("--db", db, "backup")
    assert done.returncode == 0, done.stderr
    made = Path(done.stdout.strip())
    assert made.parent == home / "backups"
    assert made.name.startswith("facilitator-") and made.suffix == ".db"
    assert os.stat(made).st_mode & 0o777 == 0o600
    assert ideas_in(made) == ["A sofa, not a plastic chair"]
    assert list(made.parent.glob(".*partial")) == []


def test_backup_to_a_file_while_another_terminal_keeps_writing(tmp_path, facilitator):
    db = tmp_path / "workshops.db"
    _, stage_id = workshop_file(db)
    stop = threading.Event()
    written: list[int] = []

    def keep_writing() -> None:
        writer = open_store(db)
        try:
            while not stop.is_set():
                written.append(writer.add_idea(stage_id, f"idea {len(written)}").id)
        finally:
            writer.close()

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        copy = tmp_path / "copy.db"
        done = facilitator("--db", db, "backup", "-o", copy)
    finally:
        stop.set()
        thread.join()
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(copy)
    copied = ideas_in(copy)  # one consistent moment: a prefix of what was written, intact
    assert copied[0] == "A sofa, not a plastic chair"
    assert copied[1:] == [f"idea {n}" for n in range(len(copied) - 1)]
    assert os.stat(copy).st_mode & 0o777 == 0o600


def test_backup_of_a_read_only_database_works(tmp_path, facilitator):
    db = tmp_path / "workshops.db"
    workshop_file(db)
    with made_read_only(db):
        before = fingerprint(db)
        done = facilitator("--db", db, "backup", "-o", tmp_path / "copy.db")
        assert done.returncode == 0, done.stderr
        assert fingerprint(db) == before
    assert ideas_in(tmp_path / "copy.db") == ["A sofa, not a plastic chair"]


@pytest.mark.parametrize(
    ("where", "sentence"),
    [
        ("same", "this is the database itself; give another file name for the backup."),
        ("missing-folder", "this folder does not exist, so the backup was not made."),
        ("folder", "this is a folder; give a file name for the backup."),
        ("-", "A backup is a database file, so it cannot go to the screen; give a file name."),
    ],
)
def test_a_bad_destination_gets_one_line_and_changes_nothing(tmp_path, facilitator, where, sentence):
    db = tmp_path / "workshops.db"
    workshop_file(db)
    before = fingerprint(db)
    output = {"same": db, "missing-folder": tmp_path / "nowhere" / "copy.db", "folder": tmp_path, "-": "-"}[where]
    done = facilitator("--db", db, "backup", "-o", output)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("Error: ") and sentence in done.stderr
    assert fingerprint(db) == before
    assert ideas_in(db) == ["A sofa, not a plastic chair"]


def test_backup_without_a_database_says_so(tmp_path, facilitator):
    missing = tmp_path / "missing.db"
    done = facilitator("--db", missing, "backup")
    assert done.returncode == 1
    assert done.stderr == f"Error: {missing}: there is no database here, so there is nothing to back up.\n"
    assert not missing.exists()
