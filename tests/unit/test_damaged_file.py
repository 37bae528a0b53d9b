"""A damaged file: nothing writes into it, every command says what to do, and a backup can be put
back in one step that never leaves the folder without a database.

The damage is the kind a failing disk gives: one page near the end of a copy of the demo's file
overwritten. Also: printing to a full output (``> /dev/full``) ends with one line, not a traceback.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fault_helpers import fingerprint

from facilitator.demo import seed_demo
from facilitator.domain.errors import StorageError
from facilitator.storage import backup as backup_module
from facilitator.storage.backup import automatic_backup, list_backups, restore
from facilitator.storage.exchange import export_json
from facilitator.storage.store import open_store

pytestmark = pytest.mark.usefixtures("private_home")
PROJECT = Path(__file__).resolve().parents[2]
STAGES = [{"kind": "ideas", "title": "Ideas", "minutes": 10}]
SENTENCE = "this file is not a facilitator database or it is damaged."


def demo_file(path: Path) -> Path:
    store = open_store(path)
    seed_demo(store)
    store.database.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


def damage_near_the_end(path: Path) -> None:
    """Overwrite one page near the end of the file, as a failing disk might."""
    conn = sqlite3.connect(path)
    page_size, pages = conn.execute("PRAGMA page_size").fetchone()[0], conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    with open(path, "r+b") as stream:
        stream.seek(page_size * (pages - 2))
        stream.write(b"\xa5" * page_size)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    assert conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok"
    conn.close()


@pytest.fixture
def damaged(tmp_path) -> Path:
    path = demo_file(tmp_path / "workshops.db")
    damage_near_the_end(path)
    return path


# -- the store ---------------------------------------------------------------------------------------


def test_the_store_checks_the_file_before_its_first_write_and_changes_nothing(damaged):
    before = fingerprint(damaged)
    store = open_store(damaged)  # opening to read is allowed: the readers say so when they reach the page
    try:
        with pytest.raises(StorageError) as refused:
            store.create_workshop(title="Written into a damaged file", stages=STAGES)
    finally:
        store.close()
    assert SENTENCE in str(refused.value) and "restore BACKUP" in str(refused.value)
    assert fingerprint(damaged) == before


def test_a_whole_file_is_checked_once_per_open(tmp_path, monkeypatch):
    open_store(tmp_path / "fine.db").close()
    store = open_store(tmp_path / "fine.db")
    checks = []
    real = store.database.check_intact
    monkeypatch.setattr(store.database, "check_intact", lambda: (checks.append(1), real()))
    store.create_workshop(title="One", stages=STAGES)
    store.create_workshop(title="Two", stages=STAGES)
    store.close()
    assert len(checks) == 1


# -- the commands ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [("list",), ("list", "--json"), ("new", "coproduction-workshop", "--title", "More"), ("import", "EXPORT"),
     ("update-action", "1", "done"), ("demo", "--no-open"), ("minutes", "1"), ("report", "1")],
    ids=["list", "list-json", "new", "import", "update-action", "demo", "minutes", "report"],
)
def test_every_command_refuses_a_damaged_file_with_the_readers_sentence_and_what_to_do(
    facilitator, damaged, tmp_path, command
):
    export = tmp_path / "workshop.json"
    good = open_store(demo_file(tmp_path / "good.db"))
    export.write_text(export_json(good, 1, include_private=True))
    good.close()
    before = fingerprint(damaged)
    result = facilitator("--db", damaged, *[str(export) if word == "EXPORT" else word for word in command])
    assert result.exit_code == 1, result.output
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in result.output
    assert line.startswith(f"Error: {damaged}: {SENTENCE}")
    assert "backups" in line and "restore BACKUP" in line
    assert fingerprint(damaged) == before
    assert not damaged.with_name(damaged.name + "-wal").exists()


# -- backups, and putting one back -------------------------------------------------------------------


def test_backups_lists_date_size_workshops_and_whether_each_is_whole(facilitator, private_home, tmp_path):
    store = open_store(demo_file(tmp_path / "workshops.db"))
    folder = private_home / "backups"
    good = automatic_backup(store.database, folder)
    store.close()
    broken = folder / "facilitator-20000101-000000-000000.db"
    broken.write_bytes(good.read_bytes())
    damage_near_the_end(broken)

    listed = {info.path.name: info for info in list_backups(folder)}
    assert listed[good.name].intact and listed[good.name].workshops == 2
    assert not listed[broken.name].intact

    shown = facilitator("--db", tmp_path / "workshops.db", "backups")
    assert shown.exit_code == 0, shown.output
    good_line = next(line for line in shown.stdout.splitlines() if good.name in line)
    broken_line = next(line for line in shown.stdout.splitlines() if broken.name in line)
    assert "  2  " in good_line and "yes" in good_line and "KB" in good_line
    assert "NO: damaged" in broken_line


def test_restore_keeps_the_damaged_file_beside_and_puts_the_backup_back(facilitator, private_home, tmp_path):
    path = demo_file(tmp_path / "workshops.db")
    store = open_store(path)
    made = automatic_backup(store.database, private_home / "backups")
    store.close()
    damage_near_the_end(path)
    damaged_bytes = path.read_bytes()

    result = facilitator("--db", path, "restore", made.name)  # a name from 'facilitator backups' is enough
    assert result.exit_code == 0, result.output
    kept = [p for p in tmp_path.iterdir() if "-damaged-" in p.name and p.suffix == ".db"]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged_bytes
    assert str(kept[0]) in result.stdout
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    listed = facilitator("--db", path, "list", "--json")
    assert listed.exit_code == 0 and len(__import__("json").loads(listed.stdout)) == 2


def test_a_failure_in_the_middle_of_restore_leaves_the_database_in_place(tmp_path, monkeypatch):
    path = demo_file(tmp_path / "workshops.db")
    store = open_store(path)
    store.create_workshop(title="Still being written", stages=STAGES)  # a WAL beside the file
    made = automatic_backup(store.database, tmp_path / "backups")
    store.close()
    damage_near_the_end(path)
    log = path.with_name(path.name + "-wal")
    log.write_bytes(b"changes not yet copied into the file")  # stands for a WAL left by a crash
    before = fingerprint(path)

    def fails(*_args):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(backup_module.os, "replace", fails)
    with pytest.raises(StorageError, match="could not be put back .*the database is as it was"):
        restore(path, made)
    assert path.exists() and fingerprint(path) == before
    assert log.read_bytes() == b"changes not yet copied into the file"  # the file has its log back
    assert not any(p.name.endswith(".restoring") or "-damaged-" in p.name for p in tmp_path.iterdir())

    monkeypatch.undo()
    kept = restore(path, made)
    assert kept is not None and fingerprint(kept) == before
    assert kept.with_name(kept.name + "-wal").read_bytes() == b"changes not yet copied into the file"
    assert not log.exists()  # the old log is never read into the restored file
    reopened = open_store(path)
    try:
        assert len(reopened.list_workshops()) == 3  # the two of the demo, and the one added before the backup
    finally:
        reopened.close()


def test_a_damaged_backup_is_not_put_back(tmp_path):
    path = demo_file(tmp_path / "workshops.db")
    bad = tmp_path / "bad-backup.db"
    bad.write_bytes(path.read_bytes())
    damage_near_the_end(bad)
    before = fingerprint(path)
    with pytest.raises(StorageError, match="this backup is damaged"):
        restore(path, bad)
    assert fingerprint(path) == before


# -- a full output -----------------------------------------------------------------------------------


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [("minutes", "1"), ("list", "--json")], ids=["minutes", "list-json"])
def test_printing_to_a_full_output_is_one_line_and_exit_1(tmp_path, command):
    path = demo_file(tmp_path / "workshops.db")
    env = dict(os.environ, PYTHONPATH=str(PROJECT), FACILITATOR_HOME=str(tmp_path / "home"))
    env.pop("FACILITATOR_DB", None)
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "facilitator", "--db", str(path), *command], stdout=full,
                              stderr=subprocess.PIPE, text=True, env=env, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr == "Error: The output could not be written (No space left on device).\n"
