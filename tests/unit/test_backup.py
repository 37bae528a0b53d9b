"""Backups are consistent copies, private, and the automatic ones keep only the newest ten."""

import os
import sqlite3
import threading

import pytest

from facilitator.domain.errors import StorageError
from facilitator.storage.backup import automatic_backup, backup_to
from facilitator.storage.store import open_store

STAGES = [{"kind": "ideas", "title": "Ideas", "minutes": 10, "settings": {"prompt": "What matters?"}}]


def test_backup_is_a_private_copy_with_everything_saved(tmp_path):
    store = open_store(tmp_path / "live.db")
    workshop = store.create_workshop(title="Sanctuary", stages=STAGES)
    stage = store.stages(workshop.id)[0]
    store.add_idea(stage.id, "A sofa, not a plastic chair")

    copy = backup_to(store.database, tmp_path / "copy.db")

    assert os.stat(copy).st_mode & 0o777 == 0o600
    restored = open_store(copy)
    assert [i.text for i in restored.ideas(workshop_id=workshop.id)] == ["A sofa, not a plastic chair"]
    assert restored.database.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_backup_while_another_connection_writes_is_consistent(tmp_path):
    store = open_store(tmp_path / "live.db")
    workshop = store.create_workshop(title="Busy", stages=STAGES)
    stage_id = store.stages(workshop.id)[0].id
    stop = threading.Event()

    def keep_writing():
        writer = open_store(tmp_path / "live.db")
        n = 0
        while not stop.is_set():
            writer.add_idea(stage_id, f"idea {n}")
            n += 1
        writer.close()

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        copies = [backup_to(store.database, tmp_path / f"copy{i}.db") for i in range(5)]
    finally:
        stop.set()
        thread.join()
    for copy in copies:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        texts = [row[0] for row in conn.execute("SELECT text FROM ideas ORDER BY id")]
        # A snapshot: the ideas it holds are exactly the first N written, with no gaps.
        assert texts == [f"idea {n}" for n in range(len(texts))]


def test_automatic_backups_keep_the_newest_ten(tmp_path):
    store = open_store(tmp_path / "live.db")
    made = [automatic_backup(store.database, tmp_path / "backups") for _ in range(12)]
    kept = sorted((tmp_path / "backups").glob("facilitator-*.db"))
    assert kept == sorted(made[-10:])


def test_backup_into_a_missing_folder_says_so_and_writes_nothing(tmp_path):
    store = open_store(tmp_path / "live.db")
    with pytest.raises(StorageError, match="does not exist"):
        backup_to(store.database, tmp_path / "nowhere" / "copy.db")
    assert not (tmp_path / "nowhere").exists()
