"""Four real processes vote for the same people on the same file at once.

Each process tries far more dots than anyone has. Afterwards nobody has more than the budget or
more than the cap on one item, every dot a process was told had been saved is in the file, no
process saw any error except a broken rule, and the file is intact.

This file is also the worker: ``python test_concurrent_votes.py worker DB STAGE PEOPLE ITEMS SEED``
says "ready", waits for "go" on stdin, votes, and prints what happened as JSON.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

PROCESSES = 4
ATTEMPTS_PER_PROCESS = 80
BUDGET = 4
CAP = 2
PROJECT = Path(__file__).resolve().parents[2]


def worker(db: str, stage_id: int, people: list[int], items: list[int], seed: int) -> dict:
    from facilitator.domain.errors import RuleBroken
    from facilitator.storage.store import open_store

    chooser = random.Random(seed)
    store = open_store(db)
    print("ready", flush=True)
    sys.stdin.readline()  # "go": every process starts voting at the same moment
    saved: list[tuple[int, int]] = []
    lowest_left = None
    refused = 0
    errors: list[str] = []
    for attempt in range(ATTEMPTS_PER_PROCESS):
        person = people[(attempt + seed) % len(people)]
        item = chooser.choice(items)
        try:
            left = store.cast_dot(stage_id, person, "idea", item, entered_by=f"process {seed}")
        except RuleBroken:
            refused += 1
        except Exception as error:  # noqa: BLE001 - the test wants to see any other error at all
            errors.append(f"{type(error).__name__}: {error}")
        else:
            saved.append((person, item))
            lowest_left = left if lowest_left is None else min(lowest_left, left)
    store.close()
    return {"saved": saved, "refused": refused, "errors": errors, "lowest_left": lowest_left}


def start_workers(db_path: Path, stage_id: int, people: list[int], items: list[int]) -> list[dict]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])))
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "worker", str(db_path), str(stage_id), json.dumps(people), json.dumps(items), str(seed)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )
        for seed in range(1, PROCESSES + 1)
    ]
    try:
        for proc in procs:
            line = proc.stdout.readline().strip()
            assert line == "ready", f"a worker did not start: {line!r} {proc.stderr.read() if not line else ''}"
        for proc in procs:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = []
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err
            results.append(json.loads(out))
        return results
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()


def test_four_processes_voting_at_once_keep_every_rule_and_lose_nothing(workshop_factory, store, db_path):
    built = workshop_factory(people=5, ideas=6, vote_settings={"dots_per_person": BUDGET, "max_per_candidate": CAP})
    vote = built.vote
    store.start_stage(vote.id)
    people = [person.id for person in built.people]
    items = [idea.id for idea in built.ideas]

    results = start_workers(db_path, vote.id, people, items)

    assert [r["errors"] for r in results] == [[]] * PROCESSES
    reported = Counter((person, item) for r in results for person, item in r["saved"])
    conn = sqlite3.connect(db_path)
    try:
        in_file = Counter(
            (person, item)
            for person, item in conn.execute(
                "SELECT participant_id, candidate_id FROM votes WHERE stage_id = ?", (vote.id,)
            )
        )
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()

    # Nothing lost and nothing extra: exactly the dots the processes were told were saved.
    assert in_file == reported
    # Equal dots: everyone got exactly the budget (they all tried far more), never more.
    per_person = Counter()
    for (person, _), dots in in_file.items():
        per_person[person] += dots
    assert per_person == {person: BUDGET for person in people}
    assert max(in_file.values()) <= CAP
    # The processes really did compete: most attempts were refused, and no one was told "-1 left".
    assert sum(r["refused"] for r in results) == PROCESSES * ATTEMPTS_PER_PROCESS - sum(in_file.values())
    assert min(r["lowest_left"] for r in results if r["lowest_left"] is not None) == 0
    assert integrity == [("ok",)]


if __name__ == "__main__" and len(sys.argv) == 7 and sys.argv[1] == "worker":
    _, _, db_arg, stage_arg, people_arg, items_arg, seed_arg = sys.argv
    outcome = worker(db_arg, int(stage_arg), json.loads(people_arg), json.loads(items_arg), int(seed_arg))
    print(json.dumps(outcome), flush=True)
