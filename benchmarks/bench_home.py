"""Time until the home screen with 1,000 workshops is on screen and usable, against a bare Textual app.

Home is opened as the ``facilitator`` command opens it (cli.py's launch path): from the first page
read with plain sqlite3 when the file is ready, the Store opened right after the first frame.
Two moments are timed:
- drawn: the first frame that shows the whole screen: the list with its cursor on a row (or the
  words for an empty file) and the footer's keys. The bare app (an ``App`` with one ``Static``) is
  timed to its first frame the same way. This is the budget's figure.
- ready: the Store is open too and the app is idle, so every key is answered at once. (A key
  pressed between the two is not lost: it waits for the Store, about 150 ms cold.) The bare app's
  counterpart is idle after its first frame.

Cold runs start a new Python process each (interpreter, imports, CSS, first frame), as a person
starting ``facilitator`` waits, with compiled modules kept as an installed app has them (see
``use_bytecode_cache``; ``--no-bytecode-cache`` to leave that as the environment has it), (their CPU time is printed too: on a busy machine it varies far
less than the wall time, so it shows the app's own work better); warm runs are in this process, modules already imported. Runs
alternate, so a busy moment of the machine falls on all alike. ``--compare DIR...`` also times the
home screen of other checkouts (e.g. ``git archive <commit> | tar -x -C DIR``), for before and
after figures from one run. The budget in DESIGN.md is a cold ratio of 1.2. Figures only; nothing
is asserted.

    python benchmarks/bench_home.py [--workshops 1000] [--rounds 7] [--compare DIR...]
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


class FrameWatch:
    """In this process: the time of the first frame for which ``is_drawn(screen)`` holds (see FRAME_HOOK)."""

    def __init__(self) -> None:
        from textual.app import App

        self.is_drawn = None
        self.drawn_at: float | None = None
        display = App._display

        def hooked(app, screen, update):
            display(app, screen, update)
            if self.is_drawn is not None and self.drawn_at is None and update is not None and self.is_drawn(screen):
                self.drawn_at = time.perf_counter()

        App._display = hooked

    def watch(self, is_drawn) -> None:
        self.is_drawn, self.drawn_at = is_drawn, None


def laid_out(widget) -> bool:
    try:
        return bool(widget.region.area)
    except Exception:  # noqa: BLE001  (not on screen yet, in whichever way Textual says so)
        return False


async def bare_first_frame(frames: FrameWatch) -> tuple[float, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App):
        def compose(self) -> ComposeResult:
            yield Static("Hello")

    frames.watch(lambda screen: any(laid_out(widget) for widget in screen.query(Static)))
    started = time.perf_counter()
    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        return frames.drawn_at - started, time.perf_counter() - started


def home_is_drawn(screen) -> bool:
    from textual.widgets._footer import FooterKey

    from facilitator.ui.screens.home import HomeScreen

    if not isinstance(screen, HomeScreen) or not screen.is_mounted:
        return False
    listed = screen.total == 0 or (screen.table.row_count and screen.table.selected_id is not None
                                   and laid_out(screen.table))
    return bool(listed and any(laid_out(key) for key in screen.query(FooterKey)))


async def home_interactive(path: Path, frames: FrameWatch) -> tuple[float, float, int]:
    """(drawn, ready, rows) as the command opens home: from the first page when the file allows."""
    from facilitator.storage.store import open_store
    from facilitator.ui.app import FacilitatorApp, home_from_first_page

    frames.watch(home_is_drawn)
    started = time.perf_counter()
    app = home_from_first_page(path, lambda: open_store(path))
    if app is None:
        store = open_store(path)
        store.database.check_intact()
        app = FacilitatorApp(store)
    try:
        async with app.run_test(size=SIZE) as pilot:
            while True:
                await pilot.pause()
                if frames.drawn_at is not None and app.store_is_open:
                    return frames.drawn_at - started, time.perf_counter() - started, app.screen.table.row_count
    finally:
        app.store.close()


ROOT = Path(__file__).resolve().parents[1]

# Each child reports seconds since the parent's clock reading passed in argv, then leaves at once.
# "Drawn" is the first frame Textual composes (headless: composed, not written to a terminal) that
# shows the whole screen: for home, the list with its cursor on a row (or the words for an empty
# file) and the footer's keys laid out; for the bare app, its one Static. Textual has no public
# hook for a frame, so the children wrap ``App._display`` (Textual 8.2.8); benchmark code only.
FRAME_HOOK = """
from textual.app import App
DRAWN = []
_display = App._display
def _hooked(self, screen, update):
    _display(self, screen, update)
    if not DRAWN and update is not None and is_drawn(screen):
        DRAWN.append(time.time() - start)
        DRAWN.append(time.process_time())
App._display = _hooked
def laid_out(widget):
    try:
        return bool(widget.region.area)
    except Exception:
        return False
"""

COLD_BARE = """
import asyncio, os, sys, time
start = float(sys.argv[1])
from textual.widgets import Static
""" + FRAME_HOOK + """
def is_drawn(screen):
    return any(laid_out(widget) for widget in screen.query(Static))
class Bare(App):
    def compose(self):
        yield Static("Hello")
async def main():
    async with Bare().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        print(DRAWN[0], time.time() - start, DRAWN[1], time.process_time(), flush=True)
        os._exit(0)
asyncio.run(main())
"""

# Home as the ``facilitator`` command opens it (cli.py's launch path), in whichever checkout
# argv[3] names: from the first page when that checkout can (``home_from_first_page``), else by
# opening the Store first, as before. Prints: drawn, ready (Store open and the app idle: every
# key is answered at once), and whether pydantic was imported when the first frame was drawn.
COLD_HOME = """
import asyncio, os, sys, time
start = float(sys.argv[1])
path = sys.argv[2]
sys.path.insert(0, sys.argv[3])
import facilitator.cli  # what the command imports before it opens anything
import facilitator.ui.app as ui_app
from textual.widgets._footer import FooterKey
""" + FRAME_HOOK + """
PYDANTIC_AT_FIRST_FRAME = []
def is_drawn(screen):
    if type(screen).__name__ != "HomeScreen" or not screen.is_mounted:
        return False
    listed = screen.total == 0 or (screen.table.row_count and screen.table.selected_id is not None
                                   and laid_out(screen.table))
    keys = [key for key in screen.query(FooterKey) if laid_out(key)]
    if listed and keys:
        PYDANTIC_AT_FIRST_FRAME.append("pydantic" in sys.modules)
        return True
    return False
def open_now():
    from facilitator.storage.store import open_store
    return open_store(path)
app = None
if hasattr(ui_app, "home_from_first_page"):
    app = ui_app.home_from_first_page(path, open_now)
if app is None:  # the ordinary way: cli.session.launch_app checks the file is intact first
    store = open_now()
    store.database.check_intact()
    app = ui_app.FacilitatorApp(store)
async def main():
    async with app.run_test(size=(80, 24)) as pilot:
        while True:
            await pilot.pause()
            if DRAWN and getattr(app, "store_is_open", True):
                print(DRAWN[0], time.time() - start, PYDANTIC_AT_FIRST_FRAME[0], DRAWN[1],
                      time.process_time(), flush=True)
                os._exit(0)
asyncio.run(main())
"""


# The floor for these widgets: a Textual-only copy of home (a title line, a hidden Input, a
# DataTable of 60 rows, a details line and a compact Footer with home's keys), with no storage,
# no facilitator code and Textual's own theme. What Textual itself costs for this screen.
COLD_FLOOR = """
import asyncio, os, sys, time
start = float(sys.argv[1])
from rich.text import Text
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.widgets._footer import FooterKey
""" + FRAME_HOOK + """
def is_drawn(screen):
    return (isinstance(screen, Home) and screen.query_one(DataTable).row_count
            and any(laid_out(key) for key in screen.query(FooterKey)))
class Home(Screen):
    AUTO_FOCUS = "DataTable"
    BINDINGS = [Binding("n", "new", "New"), Binding("p", "people", "People"),
                Binding("D", "decisions", "Decisions"), Binding("F", "follow_up", "Follow-up"),
                Binding("slash", "filter", "Find")]
    def compose(self):
        with Horizontal(id="title"):
            yield Static("Workshops · 1,000 workshops, first 60 shown", id="text")
            yield Static("? all keys · ^p commands", id="keys")
        box = Input(placeholder="Filter by title")
        box.display = False
        yield box
        yield DataTable(cursor_type="row")
        yield Static("Place: Community hall   Series: Crisis care", id="details")
        yield Footer(compact=True)
    def on_mount(self):
        table = self.query_one(DataTable)
        for label, width in (("Date", 11), ("Title", 30), ("Involvement", 13), ("Status", 13)):
            table.add_column(label, width=width, key=label)
        for number in range(60):
            table.add_row(Text("1 Mar 2024"), Text(f"Workshop {number}: the crisis line at night"),
                          Text("co-production"), Text("\\u2713 finished"), key=str(number))
class Copy(App):
    CSS = ('#title { height: 1; } #text { width: 1fr; } #keys { width: auto; } '
           'DataTable { height: 1fr; } #details { height: auto; max-height: 3; border-top: solid $border-blurred; }')
    def on_mount(self):
        self.push_screen(Home())
async def main():
    async with Copy().run_test(size=(80, 24)) as pilot:
        while not DRAWN:
            await pilot.pause()
        print(DRAWN[0], DRAWN[1], flush=True)
        os._exit(0)
asyncio.run(main())
"""


# What the command imports before its first frame can be drawn (from the first page).
COLD_IMPORTS = """
import os, sys, time
start = float(sys.argv[1])
sys.path.insert(0, sys.argv[2])
import facilitator.cli, facilitator.ui.app, facilitator.ui.screens.home, facilitator.storage.first_page
import textual.widgets._data_table, textual.widgets._footer, textual.widgets._input
print(time.time() - start, "pydantic" in sys.modules, flush=True)
os._exit(0)
"""


CHILD_ENV = dict(os.environ)


def use_bytecode_cache(folder: Path) -> None:
    """Let the children keep compiled modules, in ``folder`` (not beside the sources).

    An installed app has them (pip compiles at install), and so has Textual here; with
    PYTHONDONTWRITEBYTECODE set, as in this project's shell, the app's own modules would be
    compiled from source at every start (about 35 ms) and the bare app's never.
    """
    CHILD_ENV.pop("PYTHONDONTWRITEBYTECODE", None)
    CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(folder)


def cold(script: str, *args: str) -> list:
    """The figures a child prints on its last line: seconds as floats, True/False as bools."""
    result = subprocess.run([sys.executable, "-c", script, repr(time.time()), *args],
                            capture_output=True, text=True, timeout=120, env=CHILD_ENV, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    words = result.stdout.strip().splitlines()[-1].split()
    return [word == "True" if word in ("True", "False") else float(word) for word in words]


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:.0f} ms (min {min(values) * 1000:.0f}, max {max(values) * 1000:.0f})"


async def main(workshops: int, rounds: int, compare: list[Path], bytecode: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if bytecode:
            use_bytecode_cache(Path(folder) / "bytecode")
        path = Path(folder) / "home.db"
        began = time.perf_counter()
        fill(path, workshops)
        print(f"made {workshops:,} workshops in {time.perf_counter() - began:.1f} s")
        empty = Path(folder) / "empty.db"
        fill(empty, 0)
        checkouts = [("this checkout", ROOT)] + [(str(other), other) for other in compare]
        cold(COLD_BARE)  # let the operating system cache the files (and compile them), for all
        for _name, root in checkouts:
            cold(COLD_HOME, str(path), str(root))
        bare: list[list] = []
        homes: dict[str, list[list]] = {name: [] for name, _ in checkouts}
        empties: list[list] = []
        imports: list[list] = []
        floors: list[list] = []
        cold(COLD_FLOOR)
        for _ in range(rounds):  # alternating, so a busy moment of the machine falls on all alike
            bare.append(cold(COLD_BARE))
            floors.append(cold(COLD_FLOOR))
            for name, root in checkouts:
                homes[name].append(cold(COLD_HOME, str(path), str(root)))
            empties.append(cold(COLD_HOME, str(empty), str(ROOT)))
            imports.append(cold(COLD_IMPORTS, str(ROOT)))

        frames = FrameWatch()
        await bare_first_frame(frames)  # one of each first: first-use costs stay out of the timing
        await home_interactive(path, frames)
        warm_bare, warm_home, rows = [], [], 0
        for _ in range(rounds):
            warm_bare.append(await bare_first_frame(frames))
            drawn, ready, rows = await home_interactive(path, frames)
            warm_home.append((drawn, ready))

    bare_drawn, bare_idle = [b[0] for b in bare], [b[1] for b in bare]
    bare_cpu, bare_idle_cpu = [b[2] for b in bare], [b[3] for b in bare]
    print(f"cold, from process start ({rounds} alternating runs; home at 80x24 with {workshops:,} workshops; "
          f"{'modules compiled once, as installed' if bytecode else 'modules as the environment leaves them'}):")
    print(f"  bare Textual app: first frame {ms(bare_drawn)}; idle after it {ms(bare_idle)}")
    print(f"    CPU time used by then: {ms(bare_cpu)}; {ms(bare_idle_cpu)}")
    for name, runs in homes.items():
        drawn, ready = [r[0] for r in runs], [r[1] for r in runs]
        drawn_cpu, ready_cpu = [r[3] for r in runs], [r[4] for r in runs]
        pydantic = sum(1 for r in runs if r[2])
        print(f"  home, {name}: drawn {ms(drawn)}; ready {ms(ready)}; pydantic loaded at the first frame "
              f"in {pydantic} of {len(runs)}")
        print(f"    CPU time used by then: {ms(drawn_cpu)}; {ms(ready_cpu)}")
        print(f"    ratio drawn / bare first frame: {ratio(drawn, bare_drawn)} (budget 1.2), in CPU time "
              f"{ratio(drawn_cpu, bare_cpu)}; ready / bare idle: {ratio(ready, bare_idle)}, in CPU time "
              f"{ratio(ready_cpu, bare_idle_cpu)}")
    floor_drawn, floor_cpu = [f[0] for f in floors], [f[1] for f in floors]
    print(f"  Textual-only copy of home (no storage, no facilitator code): drawn {ms(floor_drawn)}")
    print(f"    CPU time used by then: {ms(floor_cpu)}")
    print(f"    ratio drawn / bare first frame: {ratio(floor_drawn, bare_drawn)}, in CPU time "
          f"{ratio(floor_cpu, bare_cpu)} (what Textual itself costs for these widgets)")
    print(f"  home with an empty file, this checkout: drawn {ms([e[0] for e in empties])}")
    print(f"  imports before the first frame (cli, app, home, first page, the widgets): "
          f"{ms([i[0] for i in imports])}; pydantic among them: {any(i[1] for i in imports)}")
    print(f"warm, in one process ({rows} rows loaded):")
    print(f"  bare Textual app: first frame {ms([b[0] for b in warm_bare])}")
    print(f"  home: drawn {ms([h[0] for h in warm_home])}; ready {ms([h[1] for h in warm_home])}")
    print(f"    ratio drawn / bare first frame: {ratio([h[0] for h in warm_home], [b[0] for b in warm_bare])}; "
          f"ready / bare idle: {ratio([h[1] for h in warm_home], [b[1] for b in warm_bare])}")


def ratio(home: list[float], bare: list[float]) -> str:
    return f"{statistics.median(home) / statistics.median(bare):.2f}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workshops", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--compare", type=Path, metavar="DIR", nargs="*", default=[],
                        help="also time the home screen of other checkouts (e.g. an earlier commit: "
                             "git archive COMMIT | tar -x -C DIR), alternating with this one")
    parser.add_argument("--no-bytecode-cache", dest="bytecode", action="store_false",
                        help="leave PYTHONDONTWRITEBYTECODE as it is: with it set, the app's modules are "
                             "compiled from source at every cold start")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.workshops, arguments.rounds, arguments.compare, arguments.bytecode))
