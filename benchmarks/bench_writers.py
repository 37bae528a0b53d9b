"""Ideas per second on one file with 1, 2, 4 and 8 writer processes, and the error count.

Each writer process adds ideas through the Store (one ``BEGIN IMMEDIATE`` transaction each, the
way a note-taker's terminal does) as fast as it can for ``--seconds``. Printed per run: ideas
saved per second in total, the slowest single save (it includes waiting for the others' locks),
the 95th percentile save time, and the number of errors of any kind (should be 0). Figures only.

    python benchmarks/bench_writers.py [--seconds 3] [--processes 1 2 4 8]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def build(path: Path) -> tuple[int, list[int]]:
    from facilitator.storage.store import open_store

    store = open_store(path)
    workshop = store.create_workshop(title="Writers benchmark", stages=[{"kind": "ideas", "title": "Ideas", "minutes": 30}])
    people = [store.add_participant(workshop.id, f"Person {n}", ["carer"], arrived=True).id for n in range(20)]
    stage_id = store.stages(workshop.id)[0].id
    store.start_stage(stage_id)
    store.close()
    return stage_id, people


def writer(db: str, stage_id: int, people: list[int], seconds: float, seed: int, ready, go, out) -> None:
    from facilitator.storage.store import open_store

    store = open_store(db)
    ready.set()
    go.wait()
    saved, errors, times = 0, [], []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            store.add_idea(stage_id, f"writer {seed} idea {saved}", said_by=people[saved % len(people)],
                           typed_by=f"writer {seed}")
        except Exception as error:  # noqa: BLE001 - counted and printed, never hidden
            errors.append(f"{type(error).__name__}: {error}")
            continue
        times.append(time.perf_counter() - started)
        saved += 1
    store.close()
    out.put((saved, errors, times))


def run(processes: int, seconds: float) -> tuple[float, list[str], list[float], int]:
    ctx = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "writers.db"
        stage_id, people = build(db)
        go, out = ctx.Event(), ctx.Queue()
        readies = [ctx.Event() for _ in range(processes)]
        procs = [ctx.Process(target=writer, args=(str(db), stage_id, people, seconds, n, readies[n], go, out))
                 for n in range(processes)]
        for proc in procs:
            proc.start()
        for ready in readies:
            ready.wait(60)
        go.set()
        results = [out.get(timeout=seconds + 120) for _ in procs]
        for proc in procs:
            proc.join(60)
        import sqlite3

        conn = sqlite3.connect(db)
        in_file = conn.execute("SELECT count(*) FROM ideas").fetchone()[0]
        conn.close()
    saved = sum(r[0] for r in results)
    errors = [e for r in results for e in r[1]]
    times = [t for r in results for t in r[2]]
    assert in_file == saved, (in_file, saved)  # the benchmark's own sanity check: nothing lost
    return saved / seconds, errors, times, saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2, 4, 8])
    args = parser.parse_args(argv)
    print(f"Each run: every writer adds ideas as fast as it can for {args.seconds:g} s "
          f"({multiprocessing.cpu_count()} CPUs here).")
    single = None
    for count in args.processes:
        rate, errors, times, saved = run(count, args.seconds)
        single = single or rate
        ordered = sorted(times)
        p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000
        print(f"{count} writer{'s' if count > 1 else ' '}: {rate:8.0f} ideas/s ({rate / single:4.2f}x one writer)   "
              f"{saved:6d} saved   save time median {statistics.median(ordered) * 1000:5.2f} ms, "
              f"95th {p95:6.2f} ms, slowest {ordered[-1] * 1000:7.1f} ms   errors {len(errors)}")
        for error in sorted(set(errors))[:5]:
            print(f"    {error}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
