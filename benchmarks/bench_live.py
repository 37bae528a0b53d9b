"""How long a write in one process takes to show in another: median and 95th percentile.

Two measurements, each with a writer process saving ideas at random moments (so the writes fall
anywhere within the reader's poll cycle):

1. a reader process polling ``PRAGMA data_version`` every 10 ms: the floor the file itself allows;
2. the real app in another process (headless ``FacilitatorApp`` on the run screen, its real 0.5 s
   poll), timed until the idea is in the ideas panel's list: what a facilitator sees.

The time is from the moment the writer's commit returned to the moment the reader saw it, on the
system-wide monotonic clock (shared by processes on Linux and macOS). Figures only.

    python benchmarks/bench_live.py [--samples 30]
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def build(path: Path) -> tuple[int, int]:
    from facilitator.domain.agenda import (
        find_agenda,
        load_agenda_file,
        stages_from_agenda,
    )
    from facilitator.storage.store import open_store

    store = open_store(path)
    agenda = load_agenda_file(find_agenda("coproduction-workshop"))
    workshop = store.create_workshop(title="Live benchmark", stages=stages_from_agenda(agenda))
    for n in range(5):
        store.add_participant(workshop.id, f"Person {n}", ["carer"], "named", arrived=True)
    stage = next(s for s in store.stages(workshop.id) if s.kind == "ideas" and not s.settings.get("silent"))
    store.start_stage(stage.id)
    store.close()
    return workshop.id, stage.id


def writer(db: str, stage_id: int, samples: int, gap: tuple[float, float], ready, go, out) -> None:
    """Save ``samples`` ideas at random moments; report (idea id, time the commit returned)."""
    from facilitator.storage.store import open_store

    store = open_store(db)
    chooser = random.Random(7)
    ready.set()
    go.wait()
    committed = []
    for n in range(samples):
        time.sleep(chooser.uniform(*gap))
        idea = store.add_idea(stage_id, f"live idea {n}", typed_by="bench")
        committed.append((idea.id, time.monotonic()))
    store.close()
    out.put(committed)


def poller(db: str, interval: float, samples: int, ready, go, out) -> None:
    """Poll data_version every ``interval``; on a change, note the newest idea id and the time."""
    from facilitator.storage.store import open_store

    store = open_store(db)
    conn = store.database.conn
    newest = conn.execute("SELECT coalesce(max(id), 0) FROM ideas").fetchone()[0]
    version = store.data_version()
    ready.set()
    go.wait()
    seen: dict[int, float] = {}
    deadline = time.monotonic() + 120
    while len(seen) < samples and time.monotonic() < deadline:
        time.sleep(interval)
        current = store.data_version()
        if current == version:
            continue
        now = time.monotonic()
        version = current
        for (idea_id,) in conn.execute("SELECT id FROM ideas WHERE id > ? ORDER BY id", (newest,)):
            seen[idea_id] = now
            newest = idea_id
    store.close()
    out.put(seen)


def app_reader(db: str, workshop_id: int, samples: int, ready, go, out) -> None:
    """The real app, headless, on the run screen: when does each idea reach the ideas panel?"""
    from facilitator.storage.store import open_store
    from facilitator.ui.app import FacilitatorApp
    from facilitator.ui.screens.run import RunScreen
    from facilitator.ui.stages.ideas import IdeasPanel

    store = open_store(db)

    async def watch() -> dict[int, float]:
        app = FacilitatorApp(store, start="run", workshop_id=workshop_id)
        seen: dict[int, float] = {}
        async with app.run_test(size=(120, 40)) as pilot:
            while not isinstance(app.screen, RunScreen) or not app.screen.query(IdeasPanel):
                await pilot.pause(0.01)
            panel = app.screen.query_one(IdeasPanel)
            known = set(panel.shown_idea_ids)
            ready.set()
            await asyncio.get_running_loop().run_in_executor(None, go.wait)
            deadline = time.monotonic() + 120
            while len(seen) < samples and time.monotonic() < deadline:
                await pilot.pause(0.005)
                now = time.monotonic()
                for idea_id in panel.shown_idea_ids:
                    if idea_id not in known:
                        known.add(idea_id)
                        seen[idea_id] = now
        return seen

    out.put(asyncio.run(watch()))
    store.close()


def measure(db: Path, workshop_id: int, stage_id: int, samples: int, reader, reader_args, gap) -> list[float]:
    ctx = multiprocessing.get_context("spawn")
    ready_w, ready_r, go = ctx.Event(), ctx.Event(), ctx.Event()
    out_w, out_r = ctx.Queue(), ctx.Queue()
    procs = [
        ctx.Process(target=reader, args=(str(db), *reader_args, samples, ready_r, go, out_r)),
        ctx.Process(target=writer, args=(str(db), stage_id, samples, gap, ready_w, go, out_w)),
    ]
    for proc in procs:
        proc.start()
    ready_r.wait(60)
    ready_w.wait(60)
    go.set()
    committed = dict(out_w.get(timeout=300))
    seen = out_r.get(timeout=300)
    for proc in procs:
        proc.join(60)
    return [(seen[idea_id] - at) * 1000 for idea_id, at in committed.items() if idea_id in seen]


def report(label: str, latencies: list[float], samples: int) -> None:
    ordered = sorted(latencies)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)] if ordered else float("nan")
    print(f"{label:<48} median {statistics.median(ordered):7.1f} ms   95th percentile {p95:7.1f} ms   "
          f"max {ordered[-1]:7.1f} ms   ({len(ordered)}/{samples} seen)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "live.db"
        workshop_id, stage_id = build(db)
        fast = measure(db, workshop_id, stage_id, args.samples, poller, (0.010,), (0.02, 0.3))
        report("reader polling data_version every 10 ms", fast, args.samples)
        from facilitator.ui.app import POLL_SECONDS

        app = measure(db, workshop_id, stage_id, args.samples, app_reader, (workshop_id,), (0.1, 0.9))
        report(f"the app's run screen (poll every {POLL_SECONDS} s)", app, args.samples)
        print("Budget: every open view shows another terminal's change within 1 s.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
