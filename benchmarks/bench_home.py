"""Time until the home screen with 1,000 workshops is interactive, against a bare Textual app.

"Interactive" means the app has mounted, painted, and the workshop list holds its first page with
the cursor on a row (what a person can act on with Enter). The bare app is an ``App`` with one
``Static``, timed to its first frame the same way (headless ``run_test`` plus one pause).

Two figures, each the median of alternating runs:
- cold, the budget's figure: a new Python process for each run, timed from just before it starts
  (interpreter, imports, CSS, first frame), as a person starting ``facilitator`` waits for it;
- warm: in this process, modules already imported, so only the app's own start-up is compared
  (a stricter view: the real app parses more CSS and mounts more widgets than a bare one).
The budget in DESIGN.md is a cold ratio of 1.2. Figures only; nothing is asserted.

    python benchmarks/bench_home.py [--workshops 1000] [--rounds 7]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

STAGES = [{"kind": "welcome", "title": "Welcome", "minutes": 5}]
SIZE = (80, 24)


def fill(path: Path, count: int) -> None:
    """``count`` workshops, a few in progress and the rest finished, over several years."""
    from facilitator.storage.store import open_store

    store = open_store(path)
    try:
        for number in range(count):
            workshop = store.create_workshop(
                title=f"Workshop {number}: what would make the crisis line better at night",
                stages=STAGES, date=f"{2015 + number % 10}-{1 + number % 12:02d}-{1 + number % 28:02d}",
                place="Community hall", series="Crisis care" if number % 3 else "",
            )
            if number % 100 == 0:
                store.start_stage(store.stages(workshop.id)[0].id)
            else:
                store.finish_workshop(workshop.id)
    finally:
        store.close()


async def bare_first_frame() -> float:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Static("Hello")

    started = time.perf_counter()
    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - started


async def home_interactive(path: Path) -> tuple[float, int]:
    from facilitator.storage.store import open_store
    from facilitator.ui.app import FacilitatorApp
    from facilitator.ui.screens.home import HomeScreen

    started = time.perf_counter()
    store = open_store(path)
    app = FacilitatorApp(store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            while True:
                await pilot.pause()
                screen = app.screen
                if isinstance(screen, HomeScreen) and screen.table.row_count and screen.table.selected_id:
                    return time.perf_counter() - started, screen.table.row_count
    finally:
        store.close()


ROOT = Path(__file__).resolve().parents[1]

# Each child reports seconds since the parent's clock reading passed in argv, then leaves at once.
COLD_BARE = """
import asyncio, os, sys, time
start = float(sys.argv[1])
from textual.app import App
from textual.widgets import Static
class Bare(App):
    def compose(self):
        yield Static("Hello")
async def main():
    async with Bare().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print(time.time() - start, flush=True)
        os._exit(0)
asyncio.run(main())
"""

COLD_HOME = """
import asyncio, os, sys, time
start = float(sys.argv[1])
sys.path.insert(0, sys.argv[3])
from facilitator.storage.store import open_store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.screens.home import HomeScreen
async def main():
    app = FacilitatorApp(open_store(sys.argv[2]))
    async with app.run_test(size=(80, 24)) as pilot:
        while True:
            await pilot.pause()
            screen = app.screen
            if isinstance(screen, HomeScreen) and screen.is_mounted and (
                screen.table.selected_id or screen.total == 0
            ):
                print(time.time() - start, flush=True)
                os._exit(0)
asyncio.run(main())
"""


COLD_IMPORTS = """
import os, sys, time
start = float(sys.argv[1])
sys.path.insert(0, sys.argv[2])
import facilitator.storage.store, facilitator.ui.app, facilitator.ui.screens.home
import textual.widgets._data_table, textual.widgets._footer, textual.widgets._input
print(time.time() - start, flush=True)
os._exit(0)
"""


def cold(script: str, *args: str) -> float:
    result = subprocess.run([sys.executable, "-c", script, repr(time.time()), *args],
                            capture_output=True, text=True, timeout=120, env=os.environ)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return float(result.stdout.strip().splitlines()[-1])


async def main(workshops: int, rounds: int) -> None:
    started = time.perf_counter()
    import facilitator.ui.app  # noqa: F401  (the real app's imports, timed once, cold)
    import facilitator.ui.screens.home  # noqa: F401

    cold_import = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "home.db"
        began = time.perf_counter()
        fill(path, workshops)
        print(f"made {workshops:,} workshops in {time.perf_counter() - began:.1f} s")
        # One of each first, so neither pays for first-use costs inside the timing.
        await bare_first_frame()
        await home_interactive(path)
        empty = Path(folder) / "empty.db"
        fill(empty, 0)
        cold(COLD_BARE)  # let the operating system cache the files, for both
        cold_bare, cold_home, cold_empty, cold_imports = [], [], [], []
        for _ in range(rounds):
            cold_bare.append(cold(COLD_BARE))
            cold_home.append(cold(COLD_HOME, str(path), str(ROOT)))
            cold_empty.append(cold(COLD_HOME, str(empty), str(ROOT)))
            cold_imports.append(cold(COLD_IMPORTS, str(ROOT)))
        bare, home, rows = [], [], 0
        for _ in range(rounds):
            bare.append(await bare_first_frame())
            seconds, rows = await home_interactive(path)
            home.append(seconds)
    print(f"importing the app's UI modules (cold, once): {cold_import * 1000:.0f} ms")
    report("cold, from process start", cold_bare, cold_home, workshops, rows)
    print(f"  home with an empty file, interactive: median {statistics.median(cold_empty) * 1000:.0f} ms")
    print(f"  of which the imports alone (storage, pydantic, the app's widgets; sqlite-utils waits for the "
          f"first write): median "
          f"{statistics.median(cold_imports) * 1000:.0f} ms")
    report("warm, in one process", bare, home, workshops, rows)


def report(what: str, bare: list[float], home: list[float], workshops: int, rows: int) -> None:
    bare_median, home_median = statistics.median(bare), statistics.median(home)
    print(f"{what}:")
    print(f"  bare Textual app, first frame: median {bare_median * 1000:.0f} ms "
          f"(min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f}) over {len(bare)} runs")
    print(f"  home with {workshops:,} workshops, interactive ({rows} rows loaded): median "
          f"{home_median * 1000:.0f} ms (min {min(home) * 1000:.0f}, max {max(home) * 1000:.0f})")
    print(f"  ratio home / bare: {home_median / bare_median:.2f} (budget 1.2)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workshops", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.workshops, arguments.rounds))
