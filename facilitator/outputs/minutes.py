"""The minutes of a workshop: plain-English Markdown, and a small printable HTML page made from it.

Both are pure functions of a ``WorkshopRecord``: the same record always gives the same bytes (no
clock, everything sorted by ids and positions). The minutes follow each person's attribution
preference, never show support needs, never say who voted for what in a secret vote, and hide
breakdowns by perspective that could single someone out (``domain.small_groups``: fewer than 5
people, or a perspective shared by fewer than 3, which is merged into "Other perspectives"). Every piece of user text goes through ``markdown_text.inline`` / ``block``, so it stays
literal text in the Markdown and in the HTML.

The work is done once per record: lookups are dicts built up front, so a large workshop renders
in time proportional to its size.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from facilitator.domain import attribution as who
from facilitator.domain.models import Involvement, WorkshopStatus
from facilitator.domain.record import IdeaPart, WorkshopRecord
from facilitator.domain.small_groups import MERGED_NOTE
from facilitator.outputs.html_page import markdown_renderer, page
from facilitator.outputs.markdown_text import (
    block,
    count_words,
    inline,
    long_date,
    one_line,
    table,
)
from facilitator.outputs.minutes_agenda import agenda_section
from facilitator.outputs.minutes_index import MinutesIndex
from facilitator.outputs.minutes_kinds import kinds_sections
from facilitator.outputs.minutes_outcomes import (
    actions_section,
    decisions_section,
    feedback_section,
    values_section,
)
from facilitator.outputs.minutes_votes import votes_section

INVOLVEMENT_WORDS: dict[Involvement, str] = {
    Involvement.CO_PRODUCTION: (
        "This was a co-production workshop: people with lived experience, carers, staff and the "
        "people who fund services worked together as equals, sharing the decisions."
    ),
    Involvement.INVOLVEMENT: (
        "This was an involvement workshop: people were asked for their views and experience, "
        "which are taken into account when decisions are made."
    ),
    Involvement.COLLABORATION: (
        "This was a collaboration: people worked together on a shared piece of work, "
        "alongside the service and the people who fund it."
    ),
    Involvement.USER_LED: "This was a user-led workshop: it was led by people who use services.",
}

STATUS_WORDS: dict[WorkshopStatus, str] = {
    WorkshopStatus.PLANNED: "Planned (it has not started yet)",
    WorkshopStatus.IN_PROGRESS: "In progress (these minutes may still change)",
    WorkshopStatus.FINISHED: "Finished",
}

_MARKDOWN = markdown_renderer()

# The minutes' own sizes; the rest of the page's style is html_page.BASE_STYLE.
_STYLE = """\
body { font-size: 1.25rem; }
@media print { body { font-size: 14pt; } }"""


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the minutes are built.

    Rendering allocates tens of thousands of short-lived objects (markdown-it makes a token for
    every block and span), which sets off automatic collections that walk every live object again,
    the large record included. Measured on the large workshop of ``benchmarks/bench_minutes.py``,
    pausing the collector cut the median time of ``render_html`` by about a fifth. Nothing made
    here needs the cycle collector to be freed promptly; it runs again as soon as we are done.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_markdown(record: WorkshopRecord, *, today: str | None = None) -> str:
    """The minutes of this workshop as Markdown (CommonMark with tables).

    ``today`` (an ISO date) marks actions still open after their due date as overdue; without it
    nothing is marked, so the same record always gives the same text.
    """
    with _collector_paused():
        return _markdown(record, today)


def render_html(record: WorkshopRecord, *, today: str | None = None) -> str:
    """The minutes as one complete, printable HTML page (large type, high contrast)."""
    with _collector_paused():
        body = _MARKDOWN.render(_markdown(record, today))
    return page("Minutes: " + one_line(record.workshop.title), body, _STYLE)


def _markdown(record: WorkshopRecord, today: str | None = None) -> str:
    index = MinutesIndex(record, today=today)
    lines: list[str] = []
    for section in (
        _heading,
        _who_came,
        agenda_section,
        _ideas,
        kinds_sections,
        votes_section,
        decisions_section,
        actions_section,
        feedback_section,
        values_section,
    ):
        part = section(index)
        if part:
            if lines:
                lines.append("")
            lines.extend(part)
    return "\n".join(lines) + "\n"


# -- sections -------------------------------------------------------------------------------------


def _heading(index: MinutesIndex) -> list[str]:
    workshop = index.record.workshop
    lines = [f"# Minutes: {inline(workshop.title)}", ""]
    lines.append(f"- **Date:** {inline(long_date(workshop.date)) or 'Not recorded'}")
    if workshop.place.strip():
        lines.append(f"- **Place:** {inline(workshop.place)}")
    if workshop.series.strip():
        lines.append(f"- **Series:** {inline(workshop.series)}")
    lines.append(f"- **Workshop status:** {STATUS_WORDS[workshop.status]}")
    lines += ["", "## Why we met", ""]
    lines.append(block(workshop.purpose) or "No purpose was recorded.")
    lines += ["", "## What kind of involvement this was", "", INVOLVEMENT_WORDS[workshop.involvement]]
    return lines


def _who_came(index: MinutesIndex) -> list[str]:
    lines = ["## Who took part", ""]
    came = index.attended
    if not came:
        lines.append("No one is recorded as having taken part.")
    else:
        lines.append(f"{count_words(len(came), 'person', 'people')} took part.")
        safe = index.safe_groups
        if safe.shown:
            rows = safe.rows((who.attendance_groups(person), 1) for person in came)
            lines += ["", *table(["Perspective", "People"], rows, right=[1])]
            if any(len(safe.rows_of(who.attendance_groups(person))) > 1 for person in came):
                lines += ["", "People with more than one perspective are counted once for each."]
            if safe.has_other:
                lines += ["", MERGED_NOTE]
        else:
            lines += ["", safe.withheld]
        named = [person.name for person in came if who.is_named(person)]
        lines.append("")
        if named:
            lines.append(f"People who chose to be named: {who.join_plainly([inline(n) for n in named])}.")
            if len(named) < len(came):
                lines.append("Everyone else chose not to be named.")
        else:
            lines.append("Nobody chose to be named in the minutes.")
    away = len(index.people) - len(came)
    if away:
        lines += ["", f"{count_words(away, 'more person', 'more people')} on the list did not take part."]
    return lines


def _ideas(index: MinutesIndex) -> list[str]:
    lines = ["## Ideas"]
    if not index.ideas:
        lines += ["", "No ideas were recorded."]
    withdrawn = len(index.record.ideas) - len(index.ideas)
    if withdrawn:
        lines += ["", f"{count_words(withdrawn, 'idea was', 'ideas were')} withdrawn and {_are(withdrawn)} left out."]
    if not index.ideas:
        return lines
    by_stage: dict[int, list[IdeaPart]] = {}
    for idea in index.ideas:
        by_stage.setdefault(idea.stage_id if idea.stage_id in index.stage_by_id else -1, []).append(idea)
    for stage in index.stages:
        if stage.id in by_stage:
            lines += ["", f"### {inline(stage.title)}", ""]
            lines += _ideas_by_theme(index, by_stage[stage.id])
    if -1 in by_stage:
        lines += ["", "### Other ideas", ""]
        lines += _ideas_by_theme(index, by_stage[-1])
    lines += ["", "### Ideas by perspective", ""]
    safe = index.safe_groups
    if safe.shown:
        rows = safe.rows(
            (
                [who.NOT_ATTRIBUTED_GROUP] if idea.anonymous or idea.said_by is None
                else who.breakdown_groups(index.people.get(idea.said_by)),
                1,
            )
            for idea in index.ideas
        )  # fmt: skip
        lines += table(["Perspective", "Ideas"], rows, right=[1])
        lines += ["", "An idea from someone with more than one perspective is counted once for each."]
        if safe.has_other:
            lines += ["", MERGED_NOTE]
    else:
        lines.append(safe.withheld)
    return lines


def _are(count: int) -> str:
    return "is" if count == 1 else "are"


def _ideas_by_theme(index: MinutesIndex, ideas: list[IdeaPart]) -> list[str]:
    lines = [f"{count_words(len(ideas), 'idea')}."]
    by_theme: dict[int, list[IdeaPart]] = {}
    for idea in ideas:
        key = idea.theme_id if idea.theme_id in index.theme_by_id else -1
        by_theme.setdefault(key, []).append(idea)
    grouped = len(by_theme) > 1 or -1 not in by_theme
    for theme in index.themes:
        if theme.id in by_theme:
            lines += ["", f"#### Theme: {inline(theme.name)}", ""]
            lines += [_idea_line(index, idea) for idea in by_theme[theme.id]]
    if -1 in by_theme:
        lines.append("")
        if grouped:
            lines += ["#### Not in a theme", ""]
        lines += [_idea_line(index, idea) for idea in by_theme[-1]]
    return lines


def _idea_line(index: MinutesIndex, idea: IdeaPart) -> str:
    speaker = who.speaker(idea.said_by, idea.anonymous, index.people)
    return f"- {block(idea.text, '  ')} \u2014 {inline(speaker)}"

