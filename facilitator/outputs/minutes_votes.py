"""The "Votes" section of the minutes: dots per option, ranks and ties, for each vote stage.

A secret vote shows totals only, and nothing at all until it has been revealed. Who gave which
dot is never shown for any vote; an open vote may show how many dots came from each perspective,
but only as ``domain.small_groups`` allows (never a perspective of one or two people).
"""

from __future__ import annotations

from collections import Counter

from facilitator.domain import attribution as who
from facilitator.domain.models import Candidate, StageKind
from facilitator.domain.record import DotPart, StagePart
from facilitator.domain.voting import DEFAULT_CAP, describe_ties, tally
from facilitator.outputs.markdown_text import count_words, inline, table
from facilitator.outputs.minutes_index import MinutesIndex

NOT_REVEALED = "Votes not yet revealed."
# Stage events that say how a tie was settled (storage/vote_ties.py): a run-off, or the room.
SETTLED_EVENTS = ("run-off", "tie settled")
# Idea texts can be long; the full text is in the "Ideas" section.
LABEL_LIMIT = 200


def votes_section(index: MinutesIndex) -> list[str]:
    lines = ["## Votes", ""]
    votes = [stage for stage in index.stages if stage.kind == StageKind.VOTE]
    if not votes:
        return [*lines, "There was no vote."]
    dots_by_stage: dict[int, list[DotPart]] = {}
    for dot in index.record.dots:
        dots_by_stage.setdefault(dot.stage_id, []).append(dot)
    for number, stage in enumerate(votes):
        if number:
            lines.append("")
        lines += [f"### {inline(stage.title)}", ""]
        lines += _vote(index, stage, dots_by_stage.get(stage.id, []))
    return lines


def is_secret(stage: StagePart) -> bool:
    # Votes are secret unless the agenda said otherwise (the same default as the agenda schema).
    return stage.settings.get("secret", True) is not False


def candidates(index: MinutesIndex, stage: StagePart) -> list[Candidate]:
    """What could receive dots, as storage offers it: themes with ideas in them, then ungrouped ideas.

    Only ideas from stages before the vote count. Labels are already escaped for Markdown.
    """
    earlier = [
        idea
        for idea in index.ideas
        if idea.stage_id in index.stage_by_id and index.stage_by_id[idea.stage_id].position < stage.position
    ]
    themed = {idea.theme_id for idea in earlier if idea.theme_id in index.theme_by_id}
    found = [Candidate(kind="theme", id=t.id, label=inline(t.name)) for t in index.themes if t.id in themed]
    found += [
        Candidate(kind="idea", id=idea.id, label=inline(idea.text, LABEL_LIMIT))
        for idea in earlier
        if idea.theme_id not in index.theme_by_id
    ]
    among = stage.settings.get("among")
    if isinstance(among, list):  # a run-off: only the tied candidates of the vote before it
        found = [candidate for candidate in found if f"{candidate.kind}:{candidate.id}" in among]
    return found


def _vote(index: MinutesIndex, stage: StagePart, dots: list[DotPart]) -> list[str]:
    secret = is_secret(stage)
    counts = Counter((dot.candidate_kind, dot.candidate_id) for dot in dots)
    lines: list[str] = []
    first = index.stage_by_id.get(stage.settings.get("runoff_of"))  # type: ignore[arg-type]
    if first is not None:
        lines += [f"A run-off among the options tied in “{inline(first.title)}”, with fresh dots.", ""]
    if secret:
        lines.append(
            "This was a secret vote: everyone's dots were revealed at the same time, "
            "and only the totals are recorded."
        )
    else:
        lines.append("This was an open vote: people could see where others put their dots.")
    if stage.vote_budget is not None:
        cap = stage.settings.get("max_per_candidate", DEFAULT_CAP)
        # The cap is only worth saying when it is a real limit (below the budget).
        limited = isinstance(cap, int) and not isinstance(cap, bool) and 0 < cap < stage.vote_budget
        cap_words = f", and could put at most {cap} on any one option" if limited else ""
        lines.append(f"Each person had {count_words(stage.vote_budget, 'dot')} to give{cap_words}.")
    lines.append("")
    if secret and not stage.revealed:
        return [*lines, NOT_REVEALED]
    given = sum(counts.values())
    if not given:
        return [*lines, "No dots were given."]
    rows = tally(candidates(index, stage), counts)
    shown = sum(row.dots for row in rows)
    lines.append(f"{count_words(given, 'dot was', 'dots were')} given.")
    lines.append("")
    lines += table(
        ["Rank", "Option", "Kind", "Dots"],
        [
            [
                f"{row.rank} (tie)" if row.tied else str(row.rank),
                row.candidate.label,
                "Theme" if row.candidate.kind == "theme" else "Idea",
                str(row.dots),
            ]
            for row in rows
        ],
        right=[3],
    )
    if given > shown:
        lines += [
            "",
            f"{count_words(given - shown, 'dot went', 'dots went')} to options that are no longer "
            "on the list (for example, ideas that were withdrawn).",
        ]
    ties = describe_ties(rows)
    settled = [inline(event.note) for event in stage.events if event.event in SETTLED_EVENTS and event.note]
    if ties:
        lines += ["", *[f"- {sentence}" for sentence in ties]]
        lines += ["", "Ties are shown as ties: the group decides how to settle them."]
    if settled:
        lines += ["", "How the tie was settled:", "", *[f"- {sentence}" for sentence in settled]]
    if not secret:
        lines += ["", *_dots_by_perspective(index, dots)]
    return lines


def _dots_by_perspective(index: MinutesIndex, dots: list[DotPart]) -> list[str]:
    """How many dots came from each perspective, for an open vote; never who gave which dot."""
    safe = index.safe_groups
    if not safe.shown:
        return [safe.withheld]
    per_person = Counter(dot.participant_id for dot in dots)
    rows = safe.rows(
        (who.breakdown_groups(index.people.get(pid) if pid is not None else None), given)
        for pid, given in per_person.items()
    )
    return ["Dots given, by perspective:", "", *table(["Perspective", "Dots"], rows, right=[1])]
