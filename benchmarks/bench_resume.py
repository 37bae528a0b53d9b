"""The time to resume after a kill: open the file again and show the run screen.

A facilitator's process runs the large workshop (60 people, 600 ideas, 6,000 dots; see
``generate.py``) at an ideas stage, saving ideas, and is killed with SIGKILL. Then, each repeated
and the median printed:

- open the store (migrations checked);
- ``Database.check_intact()`` (SQLite's quick_check: what opening the app should do first);
- read everything the run screen shows for the current stage (workshop, stages, the stage and its
  events, people, who is here, the stage's ideas and counts);
- the app, headless, from start to the run screen with its stage panel, in this process;
- a fresh ``python`` process: imports, open, app, until the run screen is showing.

    python benchmarks/bench_resume.py [--repeats 5] [--db PATH]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PROJECT = Path(__file__).resolve().parents[1]

# The facilitator's process: back to an ideas stage, timer running, saving ideas until killed.
FACILITATOR = textwrap.dedent("""
    import sys
    from facilitator.storage.store import open_store
    store = open_store(sys.argv[1])
    stage = next(s for s in store.stages(int(sys.argv[2])) if s.kind == "ideas")
    stage = store.start_stage(stage.id)
    if stage.timer_status.value == "paused":
        store.resume_timer(stage.id)
    n = 0
    while True:
        n += 1
        store.add_idea(stage.id, f"after the restart {n}", typed_by="bench")
        if n == 20:
            print("writing", flush=True)
""")

# A fresh process: from nothing to the run screen.
FRESH = textwrap.dedent("""
    import asyncio, sys, time
    started = float(sys.argv[3])
    from facilitator.storage.store import open_store
    from facilitator.ui.app import FacilitatorApp
    from facilitator.ui.screens.run import RunScreen
    store = open_store(sys.argv[1])
    store.database.check_intact()
    async def go():
        app = FacilitatorApp(store, start="run", workshop_id=int(sys.argv[2]))
        async with app.run_test(size=(120, 40)) as pilot:
            while not (isinstance(app.screen, RunScreen) and app.screen.panel is not None
                       and app.screen.panel.is_mounted):
                await pilot.pause(0.001)
            print(time.time() - started)
    asyncio.run(go())
""")


def crash(db: Path, workshop_id: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(PROJECT))
    proc = subprocess.Popen([sys.executable, "-c", FACILITATOR, str(db), str(workshop_id)],
                            stdout=subprocess.PIPE, text=True, env=env)
    assert proc.stdout.readline().strip() == "writing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)


def load_run_screen_data(store, workshop_id: int) -> int:
    workshop = store.workshop(workshop_id)
    stages = store.stages(workshop_id)
    stage = store.current_stage(workshop_id)
    store.stage_events(stage.id)
    store.participants(workshop_id)
    store.present_ids(workshop_id)
    store.idea_counts_by_person(stage.id)
    ideas = store.ideas(stage_id=stage.id)
    assert workshop.current_stage_id == stage.id and stages
    return len(ideas)


async def app_until_run_screen(store, workshop_id: int) -> float:
    from facilitator.ui.app import FacilitatorApp
    from facilitator.ui.screens.run import RunScreen

    started = time.perf_counter()
    app = FacilitatorApp(store, start="run", workshop_id=workshop_id)
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, RunScreen) and app.screen.panel is not None and app.screen.panel.is_mounted):
            await pilot.pause(0.001)
        return time.perf_counter() - started


def timed(step, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--db", type=Path, help="Reuse this large-workshop file (made if missing).")
    args = parser.parse_args(argv)

    from benchmarks.generate import large_workshop_file
    from facilitator.storage.store import open_store

    with tempfile.TemporaryDirectory() as folder:
        made = time.perf_counter()
        db, workshop_id = large_workshop_file(args.db or Path(folder) / "large.db")
        print(f"Large workshop ready in {time.perf_counter() - made:.1f} s; {db.stat().st_size / 1e6:.1f} MB.")
        crash(db, workshop_id)
        print("Killed the facilitator's process while it was saving ideas. Resuming (median of "
              f"{args.repeats}):")

        def open_close():
            open_store(db).close()

        store = open_store(db)
        ideas = load_run_screen_data(store, workshop_id)
        figures = {
            "open the store": timed(open_close, args.repeats),
            "check the file is intact (quick_check)": timed(store.database.check_intact, args.repeats),
            f"read the run screen's data ({ideas} ideas on the stage)":
                timed(lambda: load_run_screen_data(store, workshop_id), args.repeats),
        }
        in_process = [asyncio.run(app_until_run_screen(store, workshop_id)) for _ in range(args.repeats)]
        figures["the app, start to run screen (in this process)"] = statistics.median(in_process) * 1000
        store.close()

        env = dict(os.environ, PYTHONPATH=str(PROJECT))
        fresh = []
        for _ in range(args.repeats):
            done = subprocess.run([sys.executable, "-c", FRESH, str(db), str(workshop_id), str(time.time())],
                                  capture_output=True, text=True, env=env, check=True)
            fresh.append(float(done.stdout.strip()))
        figures["a fresh process, start to run screen"] = statistics.median(fresh) * 1000
        for label, ms in figures.items():
            print(f"  {label:<56} {ms:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
