"""Minutes rendering figures: a large workshop and one a tenth of its size.

The large workshop is the budget's: 60 people, 600 ideas, 6,000 dots, 60 decisions (plus themes,
actions, feedback and Five Values scores in proportion). The record is built in memory (no
database) and rendered to Markdown and to HTML several times; the best and median times are
printed, with the ratio large/small (rendering should grow about linearly, so about 10x).
Budget: under 200 ms for the large workshop.

    .venv/bin/python benchmarks/bench_minutes.py [--repeats N]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.outputs.minutes import render_html, render_markdown  # noqa: E402
from facilitator.domain.models import FIVE_VALUES  # noqa: E402
from facilitator.domain.record import WorkshopRecord  # noqa: E402

WORDS = (
    "safe space support staff crisis cafe peer carer waiting list transport evening weekend phone "
    "line volunteers training recovery college housing advice group room quiet welcome kind listen "
    "respect choice plan review community garden art music food sleep medication doctor nurse ward "
    "discharge letter easy read interpreter access ramp bus fare vouchers childcare night open hours"
).split()
PERSPECTIVES = ["lived experience", "carer", "staff", "commissioner", "other"]
ATTRIBUTIONS = ["named", "perspective", "anonymous"]
BUDGET_MS = 200.0


def sentence(rnd: random.Random, low: int, high: int) -> str:
    words = [rnd.choice(WORDS) for _ in range(rnd.randint(low, high))]
    text = " ".join(words).capitalize()
    # A little punctuation that the escaping has to deal with.
    return text + rnd.choice([".", "!", "?", " (and *more*).", " - see #3.", " a|b."])


def at(minute: int) -> str:
    return f"2025-03-04T{10 + minute // 60:02d}:{minute % 60:02d}:00+00:00"


def build(scale: float, seed: int = 7) -> WorkshopRecord:
    """A finished workshop; ``scale=1`` is the budget's large workshop."""
    rnd = random.Random(seed)
    people_n, ideas_n, dots_n, decisions_n = (max(1, round(n * scale)) for n in (60, 600, 6000, 60))
    themes_n = max(1, round(30 * scale))
    people = [
        {"id": i, "name": f"Person {i}", "perspectives": rnd.sample(PERSPECTIVES, rnd.choice([1, 1, 2])),
         "attribution": rnd.choice(ATTRIBUTIONS), "support_needs": "Private: never in minutes",
         "arrived_at": at(0), "forgotten": i % 17 == 0}
        for i in range(1, people_n + 1)
    ]  # fmt: skip
    kinds = ["welcome", "ideas", "ideas", "ideas", "group", "vote", "vote", "decide", "actions",
             "feedback", "evaluate"]  # fmt: skip
    stages = []
    for position, kind in enumerate(kinds, start=1):
        stage: dict[str, Any] = {
            "id": position, "position": position, "kind": kind, "title": f"Step {position}: {kind}",
            "planned_minutes": 15, "started_at": at(position * 15), "ended_at": at(position * 15 + 14),
            "timer_status": "done",
            "events": [{"at": at(position * 15), "event": "start"},
                       {"at": at(position * 15 + 14), "event": "extend", "seconds": 120.0}],
        }  # fmt: skip
        if kind == "vote":
            stage.update(settings={"secret": position == 6}, revealed=True, vote_budget=20)
        stages.append(stage)
    themes = [{"id": t, "stage_id": 5, "name": sentence(rnd, 1, 3), "position": t} for t in range(1, themes_n + 1)]
    ideas = [
        {"id": i, "stage_id": rnd.choice([2, 3, 4]), "text": sentence(rnd, 6, 20),
         "said_by": rnd.randint(1, people_n), "anonymous": i % 11 == 0, "typed_by": "Note taker",
         "theme_id": rnd.randint(1, themes_n) if i % 6 else None, "created_at": at(30 + i % 40),
         "withdrawn": i % 50 == 0}
        for i in range(1, ideas_n + 1)
    ]  # fmt: skip
    for idea in ideas:
        if idea["anonymous"]:
            idea["said_by"] = None
    ungrouped = [idea["id"] for idea in ideas if idea["theme_id"] is None and not idea["withdrawn"]]
    dots = []
    for n in range(dots_n):
        stage_id = 6 if n % 2 else 7
        if rnd.random() < 0.8 or not ungrouped:
            kind, cid = "theme", rnd.randint(1, themes_n)
        else:
            kind, cid = "idea", rnd.choice(ungrouped)
        pid = None if stage_id == 6 else rnd.randint(1, people_n)
        dots.append({"stage_id": stage_id, "participant_id": pid, "candidate_kind": kind, "candidate_id": cid})
    decisions = [
        {"id": d, "uid": f"decision-{d:04d}", "stage_id": 8, "statement": sentence(rnd, 5, 15),
         "rationale": sentence(rnd, 10, 30) + "\n" + sentence(rnd, 5, 10), "method": "consensus",
         "decided_by": "The whole group", "present": rnd.sample(range(1, people_n + 1), k=max(1, people_n * 3 // 4)),
         "status": "superseded" if d % 10 == 0 else "agreed", "review_date": "2025-09-01",
         "superseded_by_uid": f"decision-{d + 1:04d}" if d % 10 == 0 else None,
         "supersedes_uid": f"decision-{d - 1:04d}" if d % 10 == 1 and d > 1 else None,
         "created_at": at(130 + d % 10), "theme_ids": [rnd.randint(1, themes_n)],
         "dissent": [{"participant_id": rnd.randint(1, people_n), "text": sentence(rnd, 5, 12)}] if d % 3 == 0 else []}
        for d in range(1, decisions_n + 1)
    ]  # fmt: skip
    actions = [
        {"id": a, "decision_id": a, "what": sentence(rnd, 4, 10), "owner_participant_id": rnd.randint(1, people_n),
         "due_date": "2025-05-01", "status": "open", "created_at": at(150)}
        for a in range(1, decisions_n + 1)
    ]  # fmt: skip
    feedback = [
        {"id": f, "said": sentence(rnd, 5, 12), "done": sentence(rnd, 5, 12),
         "status": "not possible" if f % 4 == 0 else "done", "reason": sentence(rnd, 5, 10) if f % 4 == 0 else ""}
        for f in range(1, max(1, round(30 * scale)) + 1)
    ]  # fmt: skip
    scores = [{"stage_id": 11, "value": value, "score": rnd.randint(1, 5)} for _ in people for value in FIVE_VALUES]
    return WorkshopRecord.model_validate(
        {"workshop": {"uid": "bench", "title": "A large workshop", "date": "2025-03-04", "place": "Town hall",
                      "purpose": "Measure the minutes.", "status": "finished", "created_at": at(0)},
         "participants": people, "stages": stages, "themes": themes, "ideas": ideas, "dots": dots,
         "decisions": decisions, "actions": actions, "feedback": feedback, "values_scores": scores}
    )  # fmt: skip


def timings(
    render: Callable[[WorkshopRecord], str], record: WorkshopRecord, repeats: int, clock: Callable[[], float]
) -> list[float]:
    render(record)  # warm up (imports, markdown-it's first parse)
    result = []
    for _ in range(repeats):
        start = clock()
        render(record)
        result.append((clock() - start) * 1000)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args()
    large, small = build(1.0), build(0.1)
    print(
        f"large: {len(large.participants)} people, {len(large.ideas)} ideas, {len(large.dots)} dots, "
        f"{len(large.decisions)} decisions; small: {len(small.participants)} people, {len(small.ideas)} ideas, "
        f"{len(small.dots)} dots, {len(small.decisions)} decisions"
    )
    print(f"markdown size: large {len(render_markdown(large)):,} chars, small {len(render_markdown(small)):,} chars")
    # Wall time is what a person waits; CPU time of this process is steadier on a busy machine.
    for clock_name, clock in (("wall", time.perf_counter), ("cpu", time.process_time)):
        for name, render in (("markdown", render_markdown), ("html", render_html)):
            big = timings(render, large, args.repeats, clock)
            little = timings(render, small, args.repeats, clock)
            best_ratio = min(big) / max(min(little), 1e-6)
            verdict = "within" if min(big) < BUDGET_MS else "OVER"
            print(
                f"{clock_name:4} {name:8}  large best {min(big):6.1f} ms  median {statistics.median(big):6.1f} ms"
                f"   small best {min(little):5.1f} ms  median {statistics.median(little):5.1f} ms"
                f"   ratio large/small (best) {best_ratio:4.1f}x   {verdict} the {BUDGET_MS:.0f} ms budget"
            )


if __name__ == "__main__":
    main()
