"""``facilitator demo`` interrupted part-way (``kill -9``, Ctrl+C): the next run ends with the whole demo.

The worker runs the real ``demo --no-open`` command in a subprocess, with one Store method wrapped so
that, at a chosen point in the seeding, the process says so and waits: the test then kills it with
SIGKILL, at a moment when part of a workshop has been written inside its transaction. Afterwards
the file holds no part of that workshop, and running ``demo`` again gives the same demo as a first
run on an empty file.

This file is also the worker: ``python test_demo_interrupted.py worker DB METHOD NTH``.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator.demo import FINISHED_UID, IN_PROGRESS_UID, seed_demo
from facilitator.outputs.minutes import render_markdown
from facilitator.domain.models import StageKind, TimerStatus
from facilitator.storage.exchange import load_record
from facilitator.storage.store import Store, open_store

PROJECT = Path(__file__).resolve().parents[2]


def worker(db: str, method: str, nth: int) -> None:
    """Seed the demo through the CLI, stopping for ever just after the ``nth`` call of ``method``."""
    from facilitator import cli

    original = getattr(Store, method)
    calls = 0

    def wrapped(self, *args, **kwargs):
        nonlocal calls
        result = original(self, *args, **kwargs)
        calls += 1
        if calls == nth:
            print("midway", flush=True)
            time.sleep(600)
        return result

    setattr(Store, method, wrapped)
    sys.exit(cli.main(["--db", db, "demo", "--no-open"]))


def kill_midway(db_path: Path, method: str, nth: int) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, __file__, "worker", str(db_path), method, str(nth)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)  # fmt: skip
    try:
        line = proc.stdout.readline()
        assert line == "midway\n", proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def table_counts(db_path: Path) -> dict[str, int]:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
    finally:
        conn.close()


def workshop_uids(db_path: Path) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        return [row[0] for row in conn.execute("SELECT uid FROM workshops ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, int], str]:
    """What a first, uninterrupted run on an empty file gives: row counts and the finished minutes."""
    path = tmp_path_factory.mktemp("fresh") / "demo.db"
    store = open_store(path)
    try:
        finished, _ = seed_demo(store)
        minutes = render_markdown(load_record(store, finished))
    finally:
        store.close()
    return table_counts(path), minutes


def assert_whole_demo(path: Path, fresh: tuple[dict[str, int], str]) -> None:
    counts, minutes = fresh
    assert workshop_uids(path) == [FINISHED_UID, IN_PROGRESS_UID]
    assert table_counts(path) == counts
    store = open_store(path)
    try:
        finished, in_progress = (store.workshop_by_uid(uid).id for uid in (FINISHED_UID, IN_PROGRESS_UID))
        assert render_markdown(load_record(store, finished)) == minutes
        vote = store.current_stage(in_progress)
        assert vote.kind == StageKind.VOTE and vote.timer_status == TimerStatus.PAUSED
        assert store.dots_used(vote.id)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("method", "nth", "left_behind"),
    [
        ("add_decision", 2, []),  # half-way through the finished workshop: nothing of it is kept
        ("update_action", 3, []),  # its very last write, not yet committed
        ("update_feedback", 1, [FINISHED_UID]),  # early in the workshop in progress: the finished one is whole
        ("pause_timer", 1, [FINISHED_UID]),  # the in-progress workshop's last write
    ],
)
def test_demo_killed_part_way_leaves_no_half_workshop_and_a_rerun_completes_it(
    tmp_path: Path, fresh, method: str, nth: int, left_behind: list[str]
) -> None:
    path = tmp_path / "demo.db"
    kill_midway(path, method, nth)
    assert workshop_uids(path) == left_behind

    from facilitator import cli

    assert cli.main(["--db", str(path), "demo", "--no-open"]) in (0, None)
    assert_whole_demo(path, fresh)


def test_ctrl_c_part_way_rolls_the_workshop_back(tmp_path: Path, fresh, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "demo.db"
    original, calls = Store.cast_dot, []

    def interrupted(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 20:
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "cast_dot", interrupted)
    store = open_store(path)
    try:
        with pytest.raises(KeyboardInterrupt):
            seed_demo(store)
        assert store.count_workshops() == 0  # 20 dots in: the finished workshop's vote (33 dots)
        monkeypatch.setattr(Store, "cast_dot", original)
        seed_demo(store)
    finally:
        store.close()
    assert_whole_demo(path, fresh)


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "worker":
    worker(sys.argv[2], sys.argv[3], int(sys.argv[4]))
