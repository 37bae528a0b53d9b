""""You said, we did": what people said, and what happened next, for one workshop or a series.

The guidance asks that every piece of feedback gets an answer: what was done, what is in progress,
or that it could not be used, and why. This report says that in plain language and short
sentences, in Markdown and in a large-print HTML page made from it.

Pure functions of ``WorkshopRecord`` documents: the same records give the same bytes (no clock;
everything sorted). People appear only as their attribution preference allows (``attribution``),
and never by a perspective shared by fewer than 3 of the people there (``small_groups``);
support needs are never read; votes are not shown at all.
"""

from __future__ import annotations

from facilitator.domain import attribution as who
from facilitator.domain.models import DecisionStatus, FeedbackStatus
from facilitator.domain.record import (
    ActionPart,
    DecisionPart,
    FeedbackPart,
    IdeaPart,
    ParticipantPart,
    WorkshopRecord,
)
from facilitator.outputs.html_page import markdown_renderer, page
from facilitator.domain.small_groups import protect_small_groups, shown_perspectives
from facilitator.outputs.markdown_text import (
    HARD_BREAK,
    block,
    count_words,
    inline,
    long_date,
    one_line,
    short_date,
)
from facilitator.outputs.minutes_index import is_overdue
from facilitator.outputs.minutes_outcomes import (
    DECISION_STATUS_WORDS,
    action_status_words,
)

# Ideas quoted under each theme; the rest are counted ("and 4 more").
IDEAS_PER_THEME = 5
QUOTE_LIMIT = 200

_MARKDOWN = markdown_renderer(tables=False)
# Nested lists are indented by four spaces: python-markdown (MkDocs) needs four, CommonMark accepts them.
SUB = "    "

# The report's own sizes; the rest of the page's style is html_page.BASE_STYLE.
_STYLE = """\
body { font-size: 1.5rem; }
li { margin-bottom: 0.6em; }
@media print {
  body { font-size: 18pt; }
  h1 { font-size: 26pt; } h2 { font-size: 22pt; } h3 { font-size: 20pt; }
}"""


def sorted_records(records: list[WorkshopRecord]) -> list[WorkshopRecord]:
    return sorted(records, key=lambda r: (r.workshop.date, r.workshop.created_at, r.workshop.uid))


def render_report_markdown(records: list[WorkshopRecord], *, title: str, today: str | None = None) -> str:
    """The report for these workshops (one, or a whole series) as Markdown.

    ``today`` (an ISO date) marks actions still open after their due date as overdue.
    """
    records = sorted_records(records)
    lines = [f"# You said, we did: {inline(title)}", ""]
    lines += [
        "This report tells you what people said, and what happened next.",
        "It says what was done, what is still in progress, and what was not possible, and why.",
    ]
    for section in (_workshops, _what_you_said, _what_we_did):
        found = section(records)
        if found:
            lines += ["", *found]
    for dated_section in (_decisions, _other_actions):
        found = dated_section(records, today)
        if found:
            lines += ["", *found]
    return "\n".join(lines) + "\n"


def render_report_html(records: list[WorkshopRecord], *, title: str, today: str | None = None) -> str:
    """The report as one printable HTML page in large type."""
    body = _MARKDOWN.render(render_report_markdown(records, title=title, today=today))
    return page("You said, we did: " + one_line(title), body, _STYLE)


def _shown_people(record: WorkshopRecord) -> dict[int, ParticipantPart]:
    """The people by id, with only the perspectives that single nobody out (``domain.small_groups``),
    as in the minutes: "a commissioner" never points at one of two."""
    came = [person for person in record.participants if person.arrived_at is not None]
    safe = protect_small_groups(who.attendance_groups(person) for person in came)
    return {person.id: person for person in shown_perspectives(record.participants, safe)}


def _sentence(text: str) -> str:
    """Text that ends as a sentence: a full stop is added unless one (or ! or ?) is there."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _when(record: WorkshopRecord) -> str:
    return f"{inline(record.workshop.title)} ({inline(short_date(record.workshop.date))})"


# -- the workshops ----------------------------------------------------------------------------------


def _workshops(records: list[WorkshopRecord]) -> list[str]:
    lines = ["## The workshops" if len(records) != 1 else "## The workshop", ""]
    if not records:
        return [*lines, "No workshops are included."]
    for record in records:
        workshop = record.workshop
        came = sum(1 for person in record.participants if person.arrived_at is not None)
        # The place before the title: a title that ends "?" is then never followed by a comma.
        where = f", at {inline(workshop.place)}" if workshop.place.strip() else ""
        took_part = f" {count_words(came, 'person', 'people')} took part." if came else ""
        lines.append(f"- {inline(long_date(workshop.date))}{where}: {_sentence(inline(workshop.title))}{took_part}")
    return lines


# -- what people said ------------------------------------------------------------------------------


def _what_you_said(records: list[WorkshopRecord]) -> list[str]:
    lines = ["## What you said", ""]
    said_any = False
    for record in records:
        ideas = sorted((i for i in record.ideas if not i.withdrawn), key=lambda i: i.id)
        if not ideas:
            continue
        said_any = True
        if len(records) > 1:
            lines += [f"### At {_when(record)}", ""]
        lines += [f"People shared {count_words(len(ideas), 'idea')}.", ""]
        lines += _themes(record, ideas)
        lines.append("")
    if not said_any:
        return [*lines, "No ideas were recorded."]
    return lines[:-1]


def _themes(record: WorkshopRecord, ideas: list[IdeaPart]) -> list[str]:
    people = _shown_people(record)
    by_theme: dict[int | None, list[IdeaPart]] = {}
    for idea in ideas:
        by_theme.setdefault(idea.theme_id, []).append(idea)
    themes = sorted((t for t in record.themes if t.id in by_theme), key=lambda t: (t.position, t.id))
    groups = [(f"**{inline(t.name)}**", by_theme[t.id]) for t in themes]
    known = {t.id for t in themes}
    loose = [i for i in ideas if i.theme_id not in known]
    if loose:
        groups.append(("**Other ideas**" if themes else "**Ideas**", loose))
    lines = []
    for label, members in groups:
        lines.append(f"- {label}: {count_words(len(members), 'idea')}.")
        for idea in members[:IDEAS_PER_THEME]:
            speaker = who.speaker(idea.said_by, idea.anonymous, people)
            lines.append(f"{SUB}- \u201c{inline(idea.text, QUOTE_LIMIT)}\u201d ({inline(speaker)})")
        if len(members) > IDEAS_PER_THEME:
            lines.append(f"{SUB}- And {len(members) - IDEAS_PER_THEME} more.")
    return lines


# -- what we did -----------------------------------------------------------------------------------


def latest_feedback(records: list[WorkshopRecord]) -> list[FeedbackPart]:
    """Every piece of feedback once, as last answered: an item carried into a later workshop of the
    series is the same feedback, so the later answer replaces the earlier one."""
    latest: dict[str, FeedbackPart] = {}
    for record in records:
        for item in sorted(record.feedback, key=lambda item: item.id):
            key = " ".join(one_line(item.said).casefold().split())
            latest.pop(key, None)
            latest[key] = item
    return list(latest.values())


def _what_we_did(records: list[WorkshopRecord]) -> list[str]:
    items = latest_feedback(records)
    if not items:
        return ["## What we did", "", "No replies to feedback have been recorded yet."]
    done = [i for i in items if i.status == FeedbackStatus.DONE]
    going = [i for i in items if i.status in (FeedbackStatus.IN_PROGRESS, FeedbackStatus.PLANNED)]
    not_possible = [i for i in items if i.status == FeedbackStatus.NOT_POSSIBLE]
    lines = ["## What we did", ""]
    lines += _replies(done, "We did", "Nothing is finished yet.")
    lines += ["", "## What is in progress", ""]
    lines += _replies(going, "What is happening", "Nothing is in progress.")
    lines += ["", "## What was not possible, and why", ""]
    lines += _replies(not_possible, "Why not", "Everything could be taken forward.")
    return lines


def said_again(text: str) -> bool:
    """Feedback typed as "You said ..." already says who said it; a label would repeat it."""
    return one_line(text).casefold().startswith("you said")


def _replies(items: list[FeedbackPart], answer: str, none: str) -> list[str]:
    if not items:
        return [none]
    lines = []
    for item in items:
        said = block(item.said, SUB)
        label = "" if said_again(item.said) else "**You said:** "
        lines.append(f"- {label}{said}{HARD_BREAK.rstrip(chr(10))}")
        if item.status == FeedbackStatus.NOT_POSSIBLE:
            reply = block(item.reason, SUB) or "No reason was recorded."
        elif item.status == FeedbackStatus.PLANNED:
            reply = block(item.done, SUB) or "It is planned but has not started yet."
            reply = "Planned. " + reply if item.done.strip() else reply
        else:
            reply = block(item.done, SUB) or ("Done." if item.status == FeedbackStatus.DONE else "Work has started.")
        lines.append(f"{SUB}**{answer}:** {reply}")
    return lines


# -- decisions and their actions -------------------------------------------------------------------


def _decisions(records: list[WorkshopRecord], today: str | None) -> list[str]:
    lines = ["## What we decided, and what happened", ""]
    by_uid: dict[str, tuple[WorkshopRecord, DecisionPart]] = {}
    for record in records:
        for decision in record.decisions:
            by_uid.setdefault(decision.uid, (record, decision))
    listed = False
    for record in records:
        for decision in sorted(record.decisions, key=lambda d: (d.id, d.uid)):
            if listed:
                lines.append("")
            listed = True
            lines += _decision(record, decision, by_uid, today)
    if not listed:
        return [*lines, "No decisions were recorded."]
    return lines


def _decision(record: WorkshopRecord, decision: DecisionPart, by_uid: dict, today: str | None) -> list[str]:
    people = _shown_people(record)
    lines = [f"- **We decided:** {block(decision.statement, SUB)}"]
    lines.append(f"{SUB}- Where: {_when(record)}.")
    lines.append(f"{SUB}- Why: {block(decision.rationale, SUB * 2) or 'No reason was recorded.'}")
    status = DECISION_STATUS_WORDS[decision.status]
    if decision.status == DecisionStatus.SUPERSEDED and decision.superseded_by_uid in by_uid:
        later_record, later = by_uid[decision.superseded_by_uid]
        status += f": \u201c{inline(later.statement, QUOTE_LIMIT)}\u201d, at {_when(later_record)}"
    lines.append(f"{SUB}- Now: {status}.")
    if decision.dissent:
        lines.append(f"{SUB}- Not everyone agreed:")
        for dissent in decision.dissent:
            person = people.get(dissent.participant_id) if dissent.participant_id is not None else None
            lines.append(f"{SUB * 2}- {block(dissent.text, SUB * 3)} ({inline(who.display_name(person))})")
    actions = sorted((a for a in record.actions if a.decision_id == decision.id), key=lambda a: a.id)
    if not actions:
        lines.append(f"{SUB}- Actions: none were agreed.")
    for action in actions:
        lines.append(f"{SUB}- Action: " + _action(action, people, today))
    return lines


def _action(action: ActionPart, people: dict, today: str | None) -> str:
    owner = people.get(action.owner_participant_id) if action.owner_participant_id is not None else None
    by = inline(who.display_name(owner)) if owner is not None else inline(action.owner_text)
    words = [_sentence(inline(action.what))]
    if by:
        words.append(f"Who: {by}.")
    if action.due_date:
        words.append(f"By: {inline(short_date(action.due_date))}.")
    words.append(f"Status: {action_status_words(action.status, is_overdue(action.due_date, action.status, today))}.")
    notes = [u for u in sorted(action.updates, key=lambda u: u.at) if u.note.strip()]
    if notes:
        latest = notes[-1]
        words.append(f"Latest news ({inline(short_date(latest.at))}): {_sentence(inline(latest.note))}")
    return " ".join(words)


def _other_actions(records: list[WorkshopRecord], today: str | None) -> list[str]:
    """Actions agreed without a link to a decision (the usual case): every action is in the report."""
    lines: list[str] = []
    for record in records:
        decided = {decision.id for decision in record.decisions}
        loose = sorted((a for a in record.actions if a.decision_id not in decided), key=lambda a: a.id)
        if not loose:
            continue
        if len(records) > 1:
            lines += ([""] if lines else []) + [f"### At {_when(record)}", ""]
        people = {person.id: person for person in record.participants}
        lines += [f"- {_action(action, people, today)}" for action in loose]
    return ["## Other actions we agreed", "", *lines] if lines else []
