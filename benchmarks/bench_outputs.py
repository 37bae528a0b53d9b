"""Every document for the large workshop, against the budget of 200 ms per document.

The large workshop is bench_minutes.py's (60 people, 600 ideas, 6,000 dots, 60 decisions, built in
memory). Each document is made several times: the minutes, the "You said, we did" report and its
easy read version, as Markdown, HTML and Word (docx), and the CSV sheets (decisions, actions,
attendance). The best and median times are printed, wall clock and CPU time of this process, with
the ratio to the Markdown minutes measured in the same run (the machine is noisy; ratios are not).

    .venv/bin/python benchmarks/bench_outputs.py [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_minutes import BUDGET_MS, build

from facilitator.domain.models import DecisionMethod, DecisionStatus
from facilitator.domain.record import WorkshopRecord
from facilitator.outputs.easy_read import render_easy_read_docx, render_easy_read_html
from facilitator.outputs.minutes import render_html, render_markdown
from facilitator.outputs.report import render_report_html, render_report_markdown
from facilitator.outputs.sheets import actions_csv, attendance_csv, decisions_csv
from facilitator.outputs.word_markdown import markdown_docx

TODAY = "2025-06-01"  # after the actions' due date: every open action is marked overdue


def register_items(record: WorkshopRecord) -> tuple[list, list]:
    """What the store's register and follow-up give the CSV sheets, made from the record."""
    workshop = record.workshop
    where = {"workshop_title": workshop.title, "workshop_date": workshop.date, "workshop_series": workshop.series}
    people = {person.id: person for person in record.participants}
    decisions = [
        SimpleNamespace(decision=SimpleNamespace(
            id=d.id, statement=d.statement, rationale=d.rationale, status=DecisionStatus(d.status),
            method=DecisionMethod(d.method), decided_by=d.decided_by, review_date=d.review_date,
            created_at=d.created_at, supersedes_id=None, superseded_by_id=None, workshop_id=1), **where)
        for d in record.decisions
    ]  # fmt: skip
    actions = [
        SimpleNamespace(action=SimpleNamespace(
            id=a.id, what=a.what, owner_text=a.owner_text, due_date=a.due_date, status=a.status, workshop_id=1),
            owner=people.get(a.owner_participant_id), overdue=True, decision_statement="", **where)
        for a in record.actions
    ]  # fmt: skip
    return decisions, actions


def makers(record: WorkshopRecord) -> dict[str, Callable[[], object]]:
    records, title = [record], record.workshop.title
    decisions, actions = register_items(record)
    return {
        "minutes md": lambda: render_markdown(record, today=TODAY),
        "minutes html": lambda: render_html(record, today=TODAY),
        "minutes docx": lambda: markdown_docx(render_markdown(record, today=TODAY)),
        "minutes docx large print": lambda: markdown_docx(render_markdown(record, today=TODAY), large_print=True),
        "report md": lambda: render_report_markdown(records, title=title, today=TODAY),
        "report html": lambda: render_report_html(records, title=title, today=TODAY),
        "report docx": lambda: markdown_docx(render_report_markdown(records, title=title, today=TODAY)),
        "easy read html": lambda: render_easy_read_html(records, title=title),
        "easy read docx": lambda: render_easy_read_docx(records, title=title),
        "decisions csv": lambda: decisions_csv(decisions),
        "actions csv": lambda: actions_csv(actions),
        "attendance csv": lambda: attendance_csv(record),
    }


def timings(make: Callable[[], object], repeats: int, clock: Callable[[], float]) -> list[float]:
    make()  # warm up (imports, first parse, python-docx's template)
    result = []
    for _ in range(repeats):
        start = clock()
        make()
        result.append((clock() - start) * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    large = build(1.0)
    print(f"large workshop: {len(large.participants)} people, {len(large.ideas)} ideas, {len(large.dots)} dots, "
          f"{len(large.decisions)} decisions, {len(large.actions)} actions, {len(large.feedback)} feedback items")  # fmt: skip
    made = makers(large)
    for clock_name, clock in (("wall", time.perf_counter), ("cpu", time.process_time)):
        base = min(timings(made["minutes md"], args.repeats, clock))
        for name, make in made.items():
            times = timings(make, args.repeats, clock)
            verdict = "within" if min(times) < BUDGET_MS else "OVER"
            print(f"{clock_name:4} {name:25} best {min(times):7.1f} ms  median {statistics.median(times):7.1f} ms"
                  f"   {min(times) / max(base, 1e-6):5.1f}x the Markdown minutes   {verdict} the {BUDGET_MS:.0f} ms budget")  # fmt: skip


if __name__ == "__main__":
    main()
