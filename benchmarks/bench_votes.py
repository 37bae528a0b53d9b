"""Dots per second through the Store: one writer, then four writer processes on one file.

Each run starts from the same copy of a workshop with 60 people and 600 ideas in 60 themes.
"Own people": each process enters the dots of its own quarter of the room (note-takers at their
own terminals). "Same people": all four processes try to give every person's dots at once, far
more than the budget, so most attempts are refused by the rules. Any error that is not a broken
rule is counted and printed: it should always be zero. Figures only; nothing here is asserted.

    python benchmarks/bench_votes.py [--vote-stages 5] [--ideas 600]
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PEOPLE = 60
DOTS_PER_PERSON = 20
CAP = 3


def build(path: Path, *, ideas: int, vote_stages: int) -> tuple[list[int], list[int], list[int]]:
    """The starting workshop; returns vote stage ids, people ids and theme ids."""
    from facilitator.storage.store import open_store

    store = open_store(path)
    settings = {"dots_per_person": DOTS_PER_PERSON, "max_per_candidate": CAP, "secret": True}
    stages = [{"kind": "ideas", "title": "Ideas", "minutes": 20}] + [
        {"kind": "vote", "title": f"Vote {n}", "minutes": 10, "settings": settings} for n in range(1, vote_stages + 1)
    ]
    workshop = store.create_workshop(title="Vote benchmark", stages=stages)
    all_stages = store.stages(workshop.id)
    people = [store.add_participant(workshop.id, f"Person {n}", ["carer"], arrived=True).id for n in range(PEOPLE)]
    themes = [store.add_theme(workshop.id, f"Theme {n}").id for n in range(60)]
    for n in range(ideas):
        idea = store.add_idea(all_stages[0].id, f"Idea {n}", said_by=people[n % PEOPLE])
        store.move_idea(idea.id, themes[n % len(themes)])
    votes = [s.id for s in all_stages if s.kind == "vote"]
    for stage_id in votes:
        store.start_stage(stage_id)
    store.close()
    return votes, people, themes


def writer(db: str, votes: list[int], people: list[int], themes: list[int], seed: int, ready, go, results) -> None:
    """Give every dot of ``people`` in every vote stage, as fast as the rules allow."""
    import random

    from facilitator.domain.errors import RuleBroken
    from facilitator.storage.store import open_store

    rng = random.Random(seed)
    store = open_store(db)
    ready.put(seed)
    go.wait()
    saved = refused = 0
    errors: list[str] = []
    latencies: list[float] = []
    for stage_id in votes:
        for person in people:
            given: dict[int, int] = {}
            attempts = 0
            while sum(given.values()) < DOTS_PER_PERSON and attempts < DOTS_PER_PERSON * 4:
                attempts += 1
                theme = rng.choice(themes)
                if given.get(theme, 0) >= CAP:
                    continue
                started = time.perf_counter()
                try:
                    store.cast_dot(stage_id, person, "theme", theme)
                except RuleBroken:
                    refused += 1
                    given[theme] = CAP  # full for this person, whoever filled it
                except Exception as error:  # noqa: BLE001 - counted and shown, never hidden
                    errors.append(f"{type(error).__name__}: {error}")
                else:
                    saved += 1
                    given[theme] = given.get(theme, 0) + 1
                latencies.append(time.perf_counter() - started)
    store.close()
    results.put({"saved": saved, "refused": refused, "errors": errors, "latencies": latencies})


def run(template: Path, folder: Path, *, writers: int, same_people: bool, label: str, plan) -> dict:
    votes, people, themes = plan
    db = folder / f"{label}.db"
    shutil.copyfile(template, db)
    context = multiprocessing.get_context("spawn")
    ready, go, results = context.Queue(), context.Event(), context.Queue()
    chunks = [people if same_people else people[n::writers] for n in range(writers)]
    procs = [
        context.Process(target=writer, args=(str(db), votes, chunk, themes, seed, ready, go, results))
        for seed, chunk in enumerate(chunks, start=1)
    ]
    for proc in procs:
        proc.start()
    for _ in procs:  # every process has imported and opened the file before the start signal
        ready.get(timeout=120)
    started = time.perf_counter()
    go.set()
    outcomes = [results.get(timeout=600) for _ in procs]
    took = time.perf_counter() - started
    for proc in procs:
        proc.join()
    latencies = sorted(x for o in outcomes for x in o["latencies"])
    import sqlite3

    conn = sqlite3.connect(db)
    in_file = conn.execute("SELECT count(*) FROM votes").fetchone()[0]
    over_budget = conn.execute(
        "SELECT count(*) FROM (SELECT count(*) AS n FROM votes GROUP BY stage_id, participant_id HAVING n > ?)",
        (DOTS_PER_PERSON,),
    ).fetchone()[0]
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    return {
        "label": label,
        "writers": writers,
        "saved": sum(o["saved"] for o in outcomes),
        "in_file": in_file,
        "refused": sum(o["refused"] for o in outcomes),
        "errors": [e for o in outcomes for e in o["errors"]],
        "seconds": took,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "over_budget": over_budget,
        "integrity": integrity,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vote-stages", type=int, default=5)
    parser.add_argument("--ideas", type=int, default=600)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = folder / "template.db"
        started = time.perf_counter()
        plan = build(template, ideas=options.ideas, vote_stages=options.vote_stages)
        print(
            f"setup: {PEOPLE} people, {options.ideas} ideas in 60 themes, {options.vote_stages} vote stages, "
            f"{DOTS_PER_PERSON} dots each (cap {CAP}); built in {time.perf_counter() - started:.1f} s"
        )
        rows = [
            run(template, folder, writers=1, same_people=False, label="1 writer", plan=plan),
            run(template, folder, writers=4, same_people=False, label="4 writers, own people", plan=plan),
            run(template, folder, writers=4, same_people=True, label="4 writers, same people", plan=plan),
        ]
    print(f"{'run':<24}{'dots/s':>9}{'saved':>8}{'in file':>9}{'refused':>9}{'errors':>8}{'p50 ms':>8}{'p99 ms':>8}  checks")
    for row in rows:
        checks = f"over budget: {row['over_budget']}, integrity: {row['integrity']}, lost: {row['saved'] - row['in_file']}"
        print(
            f"{row['label']:<24}{row['saved'] / row['seconds']:>9.0f}{row['saved']:>8}{row['in_file']:>9}"
            f"{row['refused']:>9}{len(row['errors']):>8}{row['p50_ms']:>8.2f}{row['p99_ms']:>8.2f}  {checks}"
        )
        for error in row["errors"][:5]:
            print(f"    error: {error}")
    one, four = rows[0], rows[1]
    print(f"4 writers / 1 writer throughput: {(four['saved'] / four['seconds']) / (one['saved'] / one['seconds']):.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
