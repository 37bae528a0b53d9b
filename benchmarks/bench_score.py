"""The scoring panel's reveal: 12 panel members x 10 candidates x 8 criteria (960 marks).

Times, as medians over ``--repeats`` fresh copies of the same file:
- the reveal's write (``set_revealed``: the stage flagged, the results kept on the stage);
- the summary the panel reads after it (``score_summary``: marks, spreads, weighted totals);
- the minutes of the workshop (Markdown, from the exported record);
- the run screen's panel redrawing its results after the reveal (headless Textual, 120x40);
and, in the same run, a secret dot vote's reveal and tally for 12 people over 10 items, as the
ratio to compare against. Figures only; nothing here is asserted.

    python benchmarks/bench_score.py [--repeats 7]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PANEL, CANDIDATES, CRITERIA = 12, 10, 8


def build(path: Path) -> tuple[int, int, int]:
    """A workshop with a scoring panel (every sheet full) and a dot vote; returns their ids."""
    import random

    from facilitator.storage.store import open_store

    random.seed(13)
    store = open_store(path)
    settings = {"criteria": [f"Criterion {n}" for n in range(1, CRITERIA + 1)],
                "weights": [1 + n % 3 for n in range(CRITERIA)],
                "candidates": [f"Candidate {n}" for n in range(1, CANDIDATES + 1)],
                "names_in_minutes": True, "discuss_spread": 2}  # fmt: skip
    stages = [{"kind": "ideas", "title": "Ideas", "minutes": 10},
              {"kind": "vote", "title": "Vote", "minutes": 10,
               "settings": {"dots_per_person": 3, "max_per_candidate": 2, "secret": True}},
              {"kind": "score", "title": "Panel", "minutes": 60, "settings": settings}]  # fmt: skip
    workshop = store.create_workshop(title="Score benchmark", stages=stages)
    ideas, vote, score = store.stages(workshop.id)
    people = [store.add_participant(workshop.id, f"Member {n}", ["carer"], arrived=True).id for n in range(PANEL)]
    for n in range(CANDIDATES):
        store.add_idea(ideas.id, f"Item {n}", said_by=people[n % PANEL])
    store.start_stage(vote.id)
    candidates = store.candidates(vote.id)
    for person in people:
        for pick in random.sample(candidates, 3):
            store.cast_dot(vote.id, person, pick.kind, pick.id)
    store.start_stage(score.id)
    for person in people:
        store.give_marks(score.id, person, {(a, c): random.randint(0, 5)
                                            for a in range(CANDIDATES) for c in range(CRITERIA)})  # fmt: skip
    store.close()
    return workshop.id, vote.id, score.id


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def store_figures(master: Path, ids: tuple[int, int, int], folder: Path, repeats: int) -> dict[str, list[float]]:
    from facilitator.outputs.minutes import render_markdown
    from facilitator.storage.exchange import load_record
    from facilitator.storage.store import open_store

    workshop_id, vote_id, score_id = ids
    found: dict[str, list[float]] = {"reveal": [], "summary": [], "minutes": [], "vote": []}
    for run in range(repeats):
        copy = folder / f"run{run}.db"
        shutil.copy(master, copy)
        opened = open_store(copy)
        for name, action in (
            ("reveal", lambda store: store.set_revealed(score_id)),
            ("summary", lambda store: store.score_summary(score_id)),
            ("minutes", lambda store: render_markdown(load_record(store, workshop_id))),
            ("vote", lambda store: (store.set_revealed(vote_id), store.results(vote_id))),
        ):
            found[name].append(timed(lambda action=action, store=opened: action(store)))
        opened.close()
    return found


async def panel_redraw(master: Path, ids: tuple[int, int, int], folder: Path,
                       repeats: int) -> tuple[list[float], list[float]]:  # fmt: skip
    """The panel's reload and the screen settling once revealed, inside the real app (headless);
    and, to compare, the same reload and settling just before the reveal (the sheet, unchanged)."""
    from facilitator.storage.store import open_store
    from facilitator.ui.app import FacilitatorApp
    from facilitator.ui.stages.score import ScorePanel

    workshop_id, _, score_id = ids
    times: list[float] = []
    baselines: list[float] = []
    for run in range(repeats):
        copy = folder / f"ui{run}.db"
        shutil.copy(master, copy)
        store = open_store(copy)
        app = FacilitatorApp(store, start="run", workshop_id=workshop_id)
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(20):
                await pilot.pause()
                if app.screen.query(ScorePanel):
                    break
            panel = app.screen.query_one(ScorePanel)
            for _ in range(3):
                await pilot.pause()
            idle = time.perf_counter()
            panel.reload()
            await pilot.pause()
            baselines.append((time.perf_counter() - idle) * 1000)
            store.set_revealed(score_id)
            started = time.perf_counter()
            panel.reload()
            await pilot.pause()
            times.append((time.perf_counter() - started) * 1000)
        store.close()
    return times, baselines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        import os

        os.environ["FACILITATOR_HOME"] = str(Path(tmp) / "home")
        folder = Path(tmp)
        master = folder / "master.db"
        ids = build(master)
        found = store_figures(master, ids, folder, options.repeats)
        found["panel"], found["unchanged"] = asyncio.run(panel_redraw(master, ids, folder, max(3, options.repeats // 2)))
    median = {name: statistics.median(values) for name, values in found.items()}
    print(f"Scoring panel: {PANEL} members x {CANDIDATES} candidates x {CRITERIA} criteria "
          f"({PANEL * CANDIDATES * CRITERIA} marks); medians of {options.repeats} runs")  # fmt: skip
    print(f"  reveal (write, results kept on the stage): {median['reveal']:7.2f} ms")
    print(f"  summary (marks, spreads, weighted totals):  {median['summary']:7.2f} ms")
    print(f"  minutes (Markdown, whole workshop):         {median['minutes']:7.2f} ms")
    print(f"  run screen panel redraw after the reveal:   {median['panel']:7.2f} ms"
          f"  (the same reload before it, nothing changed: {median['unchanged']:.2f} ms)")
    print(f"  dot vote reveal + tally (12 people, 10 items): {median['vote']:7.2f} ms")
    print(f"  ratio, score reveal + summary to vote reveal + tally: "
          f"{(median['reveal'] + median['summary']) / median['vote']:.1f}x")  # fmt: skip


if __name__ == "__main__":
    main()
