"""How a series' ladder placements moved over time: ``facilitator ladder-report --series NAME``.

For each ladder used in the series, one row per revealed ladder stage (in date order), with the
counts per rung for "where we are now" and "where we want to be", and the middle rung of each (the
rung the middle person placed on). A stage with fewer than 3 placements shows no counts.
"""

from __future__ import annotations

from facilitator.domain import ladders
from facilitator.domain.models import StageKind
from facilitator.domain.record import WorkshopRecord
from facilitator.outputs.markdown_text import inline, long_date, table


def middle_rung(ladder: ladders.Ladder, counts: tuple[int, ...]) -> str:
    total = sum(counts)
    if not total:
        return ""
    seen = 0
    for name, count in zip(ladder.rungs, counts):
        seen += count
        if seen * 2 >= total:
            return name
    return ladder.rungs[-1]


def render_ladder_report(records: list[WorkshopRecord], *, series: str) -> str:
    lines = [f"# The ladder over time: {inline(series)}", ""]
    by_ladder: dict[tuple[str, tuple[str, ...]], list[tuple[WorkshopRecord, object, ladders.Distribution]]] = {}
    for record in sorted(records, key=lambda r: (r.workshop.date, r.workshop.uid)):
        for stage in sorted(record.stages, key=lambda s: s.position):
            if stage.kind != StageKind.LADDER:
                continue
            ladder = ladders.ladder_of(stage.settings)
            result = ladders.from_results(stage.results, len(ladder.rungs))
            if result is not None:
                by_ladder.setdefault((ladder.name, ladder.rungs), []).append((record, ladder, result))
    if not by_ladder:
        return "\n".join([*lines, "No ladder has been revealed in this series yet."]) + "\n"
    for (name, rungs), rows in by_ladder.items():
        ladder = rows[0][1]
        lines += [f"## {inline(name)}", ""]
        if ladder.attribution:
            lines += [f"The ladder: {inline(ladder.attribution)}.", ""]
        lines += [f"Rungs, lowest first: {', '.join(f'{n}. {inline(r)}' for n, r in enumerate(rungs, start=1))}.", ""]
        for label, pick in (("Where we are now", lambda r: r.now), ("Where we want to be", lambda r: r.want)):
            lines += [f"### {label}", ""]
            body = []
            for record, _, result in rows:
                when = f"{long_date(record.workshop.date)}: {inline(record.workshop.title)}"
                if result.withheld:
                    body.append([when, str(result.placements), "fewer than 3: not shown", *[""] * len(rungs)])
                    continue
                counts = pick(result)
                body.append([when, str(result.placements), inline(middle_rung(ladder, counts)), *map(str, counts)])
            headers = ["Workshop", "People", "Middle rung", *[str(n) for n in range(1, len(rungs) + 1)]]
            lines += [*table(headers, body, right=[1, *range(3, 3 + len(rungs))]), ""]
    return "\n".join(lines).rstrip() + "\n"
