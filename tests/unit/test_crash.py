"""``kill -9`` in the middle of writing loses nothing that was reported as saved.

A real process writes as fast as it can: ideas, dots, and timer changes (pause, resume, +1 min)
on the workshop's current stage. After each commit it prints what it saved and flushes, so every
line the test reads is a write the process had been told was committed. The test kills it with
SIGKILL at a random moment, several times, and after each kill checks the file: every reported
write is there; at most the one write in flight per kill is there unreported; the timer is exactly
as last saved; ``PRAGMA integrity_check`` is ok. Finally a fresh open resumes at the same stage
with the same timer, and a running timer has kept running while nothing was open (the product
decision, see ``domain.timer.resume_after_interruption`` and the README).

This file is also the worker: ``python test_crash.py worker DB IDEAS_STAGE VOTE_STAGE PEOPLE ITEMS SEED``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from facilitator.domain import timer as timer_maths
from facilitator.domain.models import TimerStatus
from facilitator.storage.stages import timer_state
from facilitator.storage.store import open_store

KILLS = 6
TIMER_EVENTS = ("pause", "resume", "extend")
PROJECT = Path(__file__).resolve().parents[2]


def worker(db: str, ideas_stage: int, vote_stage: int, people: list[int], items: list[int], seed: int) -> None:
    from facilitator.domain.errors import RuleBroken

    chooser = random.Random(seed)
    store = open_store(db)
    status = store.stage(vote_stage).timer_status
    print(json.dumps({"ready": True}), flush=True)
    number = 0
    while True:
        number += 1
        roll = chooser.random()
        try:
            if roll < 0.45:
                idea = store.add_idea(ideas_stage, f"run {seed} idea {number}", said_by=chooser.choice(people))
                line = {"idea": idea.id}
            elif roll < 0.9:
                person, item = chooser.choice(people), chooser.choice(items)
                store.cast_dot(vote_stage, person, "idea", item)
                line = {"dot": [person, item]}
            else:
                if chooser.random() < 0.3:
                    stage = store.extend_timer(vote_stage, 60)
                elif status is TimerStatus.RUNNING:
                    stage = store.pause_timer(vote_stage)
                else:
                    stage = store.resume_timer(vote_stage)
                status = stage.timer_status
                line = {"timer": [stage.timer_status.value, stage.timer_left_seconds, stage.timer_changed_at]}
        except RuleBroken:
            continue
        print(json.dumps(line), flush=True)  # only after the commit: this write is saved


def run_until_killed(db_path: Path, args: list[str], seed: int, lines: list[dict]) -> None:
    """Start a worker, let it write for a random moment, then SIGKILL it; collect what it reported."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.Popen([sys.executable, __file__, "worker", str(db_path), *args, str(seed)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    ready = threading.Event()

    def read() -> None:
        for raw in proc.stdout:
            line = json.loads(raw)
            if line.get("ready"):
                ready.set()
            else:
                lines.append(line)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        assert ready.wait(30), f"the worker did not start: {proc.stderr.read()}"
        time.sleep(random.Random(seed).uniform(0.05, 0.6))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        reader.join(timeout=30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()


def file_state(db_path: Path, vote_stage: int) -> dict:
    conn = sqlite3.connect(db_path)
    try:
        ideas = {row[0] for row in conn.execute("SELECT id FROM ideas")}
        dots = Counter(conn.execute("SELECT participant_id, candidate_id FROM votes WHERE stage_id = ?",
                                    (vote_stage,)).fetchall())
        timer_events = conn.execute(
            f"SELECT count(*) FROM stage_events WHERE stage_id = ? AND event IN {TIMER_EVENTS}", (vote_stage,)
        ).fetchone()[0]
        timer = list(conn.execute("SELECT timer_status, timer_left_seconds, timer_changed_at FROM stages "
                                  "WHERE id = ?", (vote_stage,)).fetchone())
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    return {"ideas": ideas, "dots": dots, "timer_events": timer_events, "timer": timer, "integrity": integrity}


def test_killing_a_writer_at_random_moments_loses_nothing_it_reported(workshop_factory, store, db_path):
    built = workshop_factory(people=6, ideas=6, vote_settings={"dots_per_person": 100_000, "max_per_candidate": 100_000})
    store.close()
    real_time = open_store(db_path)  # the workers use the wall clock, so the timer starts on it too
    vote = real_time.start_stage(built.vote.id)
    first_ideas = {idea.id for idea in real_time.ideas(workshop_id=built.workshop.id)}
    real_time.close()
    args = [str(built.ideas_stage.id), str(vote.id), json.dumps([p.id for p in built.people]),
            json.dumps([i.id for i in built.ideas])]

    reported: list[dict] = []
    last_timer = [vote.timer_status.value, vote.timer_left_seconds, vote.timer_changed_at]
    for kill in range(1, KILLS + 1):
        lines: list[dict] = []
        run_until_killed(db_path, args, kill, lines)
        reported += lines
        state = file_state(db_path, vote.id)

        assert state["integrity"] == [("ok",)]
        ideas = {line["idea"] for line in reported if "idea" in line}
        dots = Counter(tuple(line["dot"]) for line in reported if "dot" in line)
        timers = [line["timer"] for line in reported if "timer" in line]
        # Every write the process reported as committed is in the file.
        assert ideas <= state["ideas"] - first_ideas
        assert not dots - state["dots"]
        assert state["timer_events"] >= len(timers)
        # Besides those, at most the one write in flight at each kill (committed, not yet reported).
        unreported = (len(state["ideas"] - first_ideas - ideas) + (state["dots"].total() - dots.total())
                      + (state["timer_events"] - len(timers)))
        assert unreported <= kill
        # The timer is exactly as last saved (or as saved by the one change in flight).
        if timers:
            last_timer = timers[-1]
        assert state["timer"] == last_timer or state["timer_events"] > len(timers)
        last_timer = state["timer"]
        # The next run starts from the file, so count the unreported timer change as seen.
        reported += [{"timer": state["timer"]}] * (state["timer_events"] - len(timers))
    assert len([line for line in reported if "idea" in line]) > 0

    # Resuming: a fresh open finds the same current stage and the same timer.
    later = time.time() + 120  # two minutes after the last kill
    reopened = open_store(db_path, clock=lambda: later)
    try:
        current = reopened.current_stage(built.workshop.id)
        assert current.id == vote.id
        assert [current.timer_status.value, current.timer_left_seconds, current.timer_changed_at] == last_timer
        state = timer_maths.resume_after_interruption(timer_state(current), later)
        left_now = timer_maths.left(state, later)
        if current.timer_status is TimerStatus.RUNNING:
            # The room did not stop while the app was down: the time kept running.
            assert left_now == current.timer_left_seconds - (later - current.timer_changed_at)
        else:
            assert left_now == current.timer_left_seconds
    finally:
        reopened.close()


if __name__ == "__main__" and len(sys.argv) == 8 and sys.argv[1] == "worker":
    _, _, db_arg, ideas_arg, vote_arg, people_arg, items_arg, seed_arg = sys.argv
    worker(db_arg, int(ideas_arg), int(vote_arg), json.loads(people_arg), json.loads(items_arg), int(seed_arg))
