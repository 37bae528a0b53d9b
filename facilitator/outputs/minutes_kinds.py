"""The minutes' sections for the ladder, scoring panel and check-in stages.

Each shows only what the stage kept at its reveal (``StagePart.results``): counts per rung, the
panel's marks with no names, moderations with their reasons, counts of check-in words. Nothing is
shown for a stage that was not revealed, a ladder with fewer than 3 placements says so in a
sentence, and a panel that chose to keep names out says "Candidate A". Workshops without these
stages get no section at all.
"""

from __future__ import annotations

from facilitator.domain import checkin as checkins
from facilitator.domain import ladders, scoring
from facilitator.domain.models import StageKind
from facilitator.domain.record import StagePart
from facilitator.outputs.markdown_text import count_words, inline, table
from facilitator.outputs.minutes_index import MinutesIndex


def kinds_sections(index: MinutesIndex) -> list[str]:
    lines: list[str] = []
    for kind, heading, part in (
        (StageKind.CHECKIN, "## Check-in", _checkin),
        (StageKind.LADDER, "## Where we are on the ladder", _ladder),
        (StageKind.SCORE, "## Scoring panel", _score),
    ):
        stages = [stage for stage in index.stages if stage.kind == kind]
        if not stages:
            continue
        if lines:
            lines.append("")
        lines += [heading, ""]
        for number, stage in enumerate(stages):
            if number:
                lines.append("")
            lines += [f"### {inline(stage.title)}", "", *part(stage)]
    return lines


def ladder_lines(stage: StagePart) -> list[str]:
    """The two distributions as a table, highest rung first, counts as numbers and bars."""
    ladder = ladders.ladder_of(stage.settings)
    result = ladders.from_results(stage.results, len(ladder.rungs))
    if result is None:
        return ["Not revealed, so where people placed is not shown."]
    lines = [f"The ladder: {inline(ladder.attribution or ladder.name)}.", ""]
    if result.withheld:
        return [*lines, ladders.WITHHELD]
    lines += [(f"{count_words(result.placements, 'person', 'people')} placed where we are now and where we "
               "want to be, privately; they were revealed together."), ""]  # fmt: skip
    now, want = ladders.bar_lines(ladder, result.now), ladders.bar_lines(ladder, result.want)
    definitions = dict(zip(ladder.rungs, ladder.definitions))
    rows = [
        [inline(name), f"{count} {bar}".rstrip(), f"{want_count} {want_bar}".rstrip(), inline(definitions[name])]
        for (name, bar, count), (_, want_bar, want_count) in zip(now, want)
    ]
    lines += table(["Rung (highest first)", "Where we are now", "Where we want to be", "What it means"], rows)
    return [*lines, "", inline(ladders.summary_sentence(ladder, result))]


_ladder = ladder_lines


def _score(stage: StagePart) -> list[str]:
    setup = scoring.setup_of(stage.settings)
    summary = scoring.from_results(setup, stage.results)
    if summary is None:
        return ["Scores not yet revealed."]
    names = [inline(name) if setup.names_in_minutes else scoring.stand_in(n) for n, name in enumerate(setup.candidates)]
    lines = [(f"{count_words(summary.panel, 'panel member')} scored each candidate from 0 to 5 on each "
              "criterion, privately; the scores were revealed together."), ""]  # fmt: skip
    if not setup.names_in_minutes:
        lines += ["The panel chose to keep the candidates' names out of these minutes.", ""]
    rows = []
    for candidate, name in enumerate(names):
        for criterion, label in enumerate(setup.criteria):
            cell = summary.cell(candidate, criterion)
            mean = "" if cell.mean is None else f"{cell.mean:.1f}"
            marks = ", ".join(str(mark) for mark in cell.marks) or "none"
            moderated = "" if cell.moderated is None else f"{cell.moderated}: {inline(cell.reason)}"
            rows.append([name, f"{inline(label)} (x{setup.weights[criterion]})", marks, mean,
                         scoring.spread_words(cell, setup.discuss_spread) if cell.moderated is None
                         else f"spread {cell.spread}", moderated])  # fmt: skip
    lines += table(["Candidate", "Criterion (weight)", "Marks", "Average", "Spread", "Moderated score and why"],
                   rows, right=[3])  # fmt: skip
    totals = []
    for candidate, name in enumerate(names):
        total = summary.total(candidate)
        totals.append([name, "not every criterion scored" if total is None else f"{total:.1f} of {summary.most}"])
    return [*lines, "", *table(["Candidate", "Weighted total"], totals, right=[1])]


def _checkin(stage: StagePart) -> list[str]:
    lines: list[str] = []
    moments = [(checkins.ARRIVING, "Arriving")]
    if stage.settings.get("leaving"):
        moments.append((checkins.LEAVING, "Leaving"))
    for moment, label in moments:
        result = stage.results.get(moment)
        if lines:
            lines.append("")
        if not result or not result.get("answers"):
            lines.append(f"{label}: nobody answered.")
        elif result.get("withheld"):
            lines.append(f"{label}: {count_words(result['answers'], 'answer')}, not shown: fewer than 3, "
                         "so anyone could be picked out.")  # fmt: skip
        else:
            counted = ", ".join(f"{inline(word)} {count}" for word, count in result["counts"])
            lines.append(f"{label} ({count_words(result['answers'], 'answer')}, counts only): {counted}.")
    return lines
