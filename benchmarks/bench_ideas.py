"""Capturing ideas on the run screen: time from Enter to the idea on screen, and keystroke latency.

1. Enter to on-screen: an ideas stage already holding 10, then 1,000 ideas. Each round puts an
   idea in the box, presses Enter, and waits until the new line is in a rendered frame. Saving
   appends one line to the list (no redraw of the whole list), so the two medians should be
   about the same. Budget: 1,000-idea median / 10-idea median under 1.5.
2. Keystroke latency in the idea box: time per key press typed with Pilot into the run screen's
   idea box, beside a bare Textual app with one Input, in the same run. Ratio printed.

Figures only; nothing here is asserted. Headless (Pilot), on a database file in a temporary folder.

    .venv/bin/python benchmarks/bench_ideas.py [--rounds 20] [--keys 40]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import Input  # noqa: E402

from facilitator.storage.store import Store, open_store  # noqa: E402
from facilitator.ui.app import FacilitatorApp  # noqa: E402
from facilitator.ui.screens.run import RunScreen  # noqa: E402
from facilitator.ui.stages.ideas import IdeasPanel  # noqa: E402

SIZE = (120, 40)
PEOPLE = ["Aisha Khan", "Ben Carter", "Chloe Evans", "Dev Patel", "Erin Walsh", "Femi Ade"]


def workshop_with_ideas(store: Store, count: int) -> int:
    workshop = store.create_workshop(
        title="Benchmark workshop",
        stages=[{"kind": "ideas", "title": "Ideas", "minutes": 30,
                 "settings": {"prompt": "What would make this service better?"}}],
    )
    people = [store.add_participant(workshop.id, name, ["carer"], "named", arrived=True) for name in PEOPLE]
    stage = store.stages(workshop.id)[0]
    store.start_stage(stage.id)
    with store.write() as db:  # one transaction: setting up is not what is measured
        db["ideas"].insert_all(
            {"workshop_id": workshop.id, "stage_id": stage.id, "text": f"Existing idea number {n}",
             "said_by": people[n % len(people)].id, "anonymous": 0, "typed_by": "", "created_at": store.now_iso()}
            for n in range(count)
        )
    return workshop.id


def on_screen(app: App, text: str) -> bool:
    return any(text in strip.text for strip in app.screen._compositor.render_strips())


async def open_run_screen(pilot) -> RunScreen:
    for _ in range(50):
        await pilot.pause()
        if isinstance(pilot.app.screen, RunScreen) and pilot.app.screen.panel is not None:
            if pilot.app.screen.panel.is_mounted:
                return pilot.app.screen
    raise RuntimeError("the run screen did not open")


async def enter_to_screen(existing: int, rounds: int) -> list[float]:
    """Seconds from Enter to the new idea in a rendered frame, one per round."""
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.db")
        workshop_id = workshop_with_ideas(store, existing)
        app = FacilitatorApp(store, start="run", workshop_id=workshop_id)
        times: list[float] = []
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_run_screen(pilot)
            panel = screen.panel
            assert isinstance(panel, IdeasPanel)
            box = panel.idea_input
            for number in range(rounds + 2):
                text = f"New idea {number}."
                box.value = text
                started = time.perf_counter()
                await pilot.press("enter")
                while not on_screen(app, text):
                    await pilot.pause()
                if number >= 2:  # the first rounds warm caches up
                    times.append(time.perf_counter() - started)
            assert len(panel.shown_idea_ids) == existing + rounds + 2
        store.close()
    return times


class BareInputApp(App):
    def compose(self) -> ComposeResult:
        yield Input()


async def keystrokes(app: App, box_query: str, keys: int, prepare=None) -> float:
    """Median seconds per key press, typing ``keys`` letters into the box."""
    async with app.run_test(size=SIZE) as pilot:
        if prepare is not None:
            await prepare(pilot)
        box = app.screen.query_one(box_query, Input)
        box.focus()
        await pilot.pause()
        times = []
        for n in range(keys):
            started = time.perf_counter()
            await pilot.press("abcdefghij"[n % 10])
            times.append(time.perf_counter() - started)
        assert len(box.value) == keys
    return statistics.median(times)


async def run_screen_keystrokes(keys: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "bench.db")
        workshop_id = workshop_with_ideas(store, 1000)
        app = FacilitatorApp(store, start="run", workshop_id=workshop_id)
        result = await keystrokes(app, "#idea-input", keys, prepare=open_run_screen)
        store.close()
    return result


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


async def main(rounds: int, keys: int) -> None:
    print(f"Enter to on-screen, {rounds} ideas each (median, best):")
    small = await enter_to_screen(10, rounds)
    large = await enter_to_screen(1000, rounds)
    for label, times in (("10 ideas", small), ("1,000 ideas", large)):
        print(f"  {label:>12}: {ms(statistics.median(times))}  (best {ms(min(times))})")
    ratio = statistics.median(large) / statistics.median(small)
    print(f"  ratio 1,000 / 10: {ratio:.2f}  (budget 1.5: {'within' if ratio <= 1.5 else 'OVER'})")

    print(f"Keystroke latency, {keys} keys (median per key):")
    bare = await keystrokes(BareInputApp(), "Input", keys)
    run = await run_screen_keystrokes(keys)
    print(f"  bare Textual app, one Input: {ms(bare)}")
    print(f"  run screen idea box (1,000 ideas on the stage): {ms(run)}")
    print(f"  ratio run screen / bare: {run / bare:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keys", type=int, default=40)
    arguments = parser.parse_args()
    # The idea box keeps what is typed in this terminal's memory file: keep it out of the real one.
    with tempfile.TemporaryDirectory() as home:
        os.environ["FACILITATOR_HOME"] = home
        asyncio.run(main(arguments.rounds, arguments.keys))
