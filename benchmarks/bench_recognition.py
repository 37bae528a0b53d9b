"""Recognising people's time and the invitation pack: figures against the 200 ms per document budget.

A year of a weekly series (52 workshops, 15 people each, everyone's recognition recorded, with
arrival and leaving times for most) is built in a temporary database. Timed, best and median of
several runs each:

- reading the year's rows from the store (``recognition_rows``: the sums done in Python);
- the finance sheet from those rows as CSV, Markdown, HTML and Word;
- thank-you letters: one Word letter (the cost per person);
- the invitation pack of the large workshop (60 people, 600 ideas; its stages) as Markdown,
  HTML, Word and easy read Word.

A quarter of the year (13 workshops) is timed too: the ratio year/quarter should be about 4
(everything grows linearly). Budget: each document, from the store to its bytes, under 200 ms.

    .venv/bin/python benchmarks/bench_recognition.py [--repeats N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate_large_workshop
from facilitator.outputs.pack import RENDERERS
from facilitator.outputs.recognition import SHEETS, letter_docx
from facilitator.storage.store import Store, open_store

BUDGET_MS = 200.0
SERIES = "Weekly peer group"
STAGES = [{"kind": "welcome", "title": "Welcome", "minutes": 15},
          {"kind": "ideas", "title": "Ideas", "minutes": 60, "settings": {"prompt": "What matters?"}},
          {"kind": "break", "title": "Break", "minutes": 15},
          {"kind": "evaluate", "title": "Check-out", "minutes": 30}]  # fmt: skip
KINDS = ["paid"] * 8 + ["voucher"] * 3 + ["declined", "donated"]


def build_year(store: Store, weeks: int = 52, people: int = 15, seed: int = 3) -> None:
    rnd = random.Random(seed)
    store.set_series_settings(SERIES, hourly_rate_pence=1500, rounding_minutes=30)
    first = date(2026, 1, 7)
    with store.write() as db:  # one transaction: building is not what is measured
        for week in range(weeks):
            day = first + timedelta(weeks=week)
            workshop = db["workshops"].insert({
                "uid": f"w{week}", "title": f"Peer group week {week + 1}", "date": day.isoformat(),
                "series": SERIES, "created_at": f"{day}T09:00:00+00:00", "start_time": "10:00"}).last_pk  # fmt: skip
            db["stages"].insert_all({"workshop_id": workshop, "position": n, "kind": s["kind"], "title": s["title"],
                                     "planned_minutes": s["minutes"]} for n, s in enumerate(STAGES, 1))  # fmt: skip
            for person in range(people):
                start = datetime(day.year, day.month, day.day, 10, rnd.randint(0, 20), tzinfo=UTC)
                marked = rnd.random() < 0.8
                pid = db["participants"].insert({
                    "workshop_id": workshop, "name": f"Person {person + 1}",
                    "arrived_at": start.isoformat() if marked else None,
                    "left_at": (start + timedelta(minutes=rnd.randint(60, 120))).isoformat() if marked else None,
                }).last_pk  # fmt: skip
                kind = rnd.choice(KINDS)
                db["recognition"].insert({
                    "participant_id": pid, "kind": kind, "donated_to": "Mind" if kind == "donated" else "",
                    "travel_pence": rnd.choice([0, 320, 450, 1800]), "care_pence": rnd.choice([0, 0, 1200]),
                    "recorded_at": start.isoformat()})  # fmt: skip


def timed(work: Callable[[], object], repeats: int) -> tuple[float, float]:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        work()
        times.append((time.perf_counter() - began) * 1000)
    return min(times), statistics.median(times)


def report(name: str, best: float, median: float) -> None:
    flag = "" if median <= BUDGET_MS else "  OVER BUDGET"
    print(f"  {name:<44} best {best:7.1f} ms   median {median:7.1f} ms{flag}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    repeats = parser.parse_args(argv).repeats
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "year.db")
        build_year(store)
        rows = store.recognition_rows(series=SERIES)
        quarter_until = (date(2026, 1, 7) + timedelta(weeks=12)).isoformat()
        print(f"Recognition: a year of a weekly series ({len(rows)} rows, "
              f"{len({r.workshop_id for r in rows})} workshops)")  # fmt: skip
        results = {}
        for form in ("csv", "md", "html", "docx"):
            def whole(form: str = form, **bounds) -> object:
                got = store.recognition_rows(series=SERIES, **bounds)
                return SHEETS[form](got) if form == "csv" else SHEETS[form](got, SERIES)

            best, median = timed(whole, repeats)
            report(f"store + sheet ({form}), year", best, median)
            _, q_median = timed(lambda: whole(until=quarter_until), repeats)
            results[form] = median / q_median
        best, median = timed(lambda: store.recognition_rows(series=SERIES), repeats)
        report("store rows alone, year", best, median)
        best, median = timed(lambda: letter_docx("Person 1", [r for r in rows if r.name == "Person 1"]), repeats)
        report("one thank-you letter (Word, 52 workshops)", best, median)
        print("  ratio year/quarter (about 4 when linear): "
              + ", ".join(f"{form} {ratio:.1f}x" for form, ratio in results.items()))  # fmt: skip

        large = open_store(Path(folder) / "large.db")
        workshop_id = generate_large_workshop(large)
        large.set_workshop_details(workshop_id, start_time="10:00", step_free="yes", contact_name="Sam")
        print("Invitation pack: the large workshop (60 people, 600 ideas)")
        for form, easy in (("md", False), ("html", False), ("docx", False), ("docx", True), ("html", True)):
            def pack(form: str = form, easy: bool = easy) -> object:
                workshop = large.workshop(workshop_id)
                series = large.series_settings(workshop.series) if workshop.series else None
                return RENDERERS[form](workshop, large.stages(workshop_id), series, easy_read=easy)

            best, median = timed(pack, repeats)
            report(f"store + pack ({form}{', easy read' if easy else ''})", best, median)
        large.close()
        store.close()
    print(f"Budget: {BUDGET_MS:.0f} ms per document.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
