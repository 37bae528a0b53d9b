"""What came out of the workshop, for the minutes: decisions, actions, "You said, we did", and the
check-out (the Five Values, or the values the agenda chose).

People appear only as their attribution preference allows; who was present at a decision is a
count plus the names of people who chose to be named. Five Values scores are anonymous by design,
so only averages and counts are shown.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from facilitator.domain import attribution as who
from facilitator.domain.checkout import checkout_values
from facilitator.domain.decision_changes import describe_decision_change
from facilitator.domain.models import (
    FIVE_VALUES,
    ActionStatus,
    DecisionMethod,
    DecisionStatus,
    FeedbackStatus,
    StageKind,
)
from facilitator.domain.record import DecisionPart
from facilitator.outputs.markdown_text import (
    block,
    count_words,
    inline,
    short_date,
    table,
)
from facilitator.outputs.minutes_index import MinutesIndex

DECISION_STATUS_WORDS: dict[DecisionStatus, str] = {
    DecisionStatus.AGREED: "Agreed",
    DecisionStatus.DEFERRED: "Deferred (to be decided later)",
    DecisionStatus.REJECTED: "Rejected",
    DecisionStatus.SUPERSEDED: "Superseded (replaced by a later decision)",
}
METHOD_WORDS: dict[DecisionMethod, str] = {
    DecisionMethod.CONSENSUS: "By consensus (everyone present could accept it)",
    DecisionMethod.VOTE: "By a vote",
    DecisionMethod.DELEGATED: "Delegated (the group asked someone to decide)",
    DecisionMethod.OTHER: "Another way",
}
ACTION_STATUS_WORDS: dict[ActionStatus, str] = {
    ActionStatus.OPEN: "Not started",
    ActionStatus.IN_PROGRESS: "In progress",
    ActionStatus.DONE: "Done",
    ActionStatus.DROPPED: "Dropped",
}
OVERDUE_WORDS = "overdue"


def action_status_words(status: ActionStatus, overdue: bool) -> str:
    """``Not started``, or ``Not started, overdue`` once the due date has passed."""
    words = ACTION_STATUS_WORDS[status]
    return f"{words}, {OVERDUE_WORDS}" if overdue else words


FEEDBACK_STATUS_WORDS: dict[FeedbackStatus, str] = {
    FeedbackStatus.DONE: "Done",
    FeedbackStatus.IN_PROGRESS: "In progress",
    FeedbackStatus.PLANNED: "Planned",
    FeedbackStatus.NOT_POSSIBLE: "Not possible",
}
# How much of a linked decision's statement to quote, and of a uid to show when it is elsewhere.
QUOTE_LIMIT = 120
UID_SHOWN = 8


# -- decisions ------------------------------------------------------------------------------------


def decisions_section(index: MinutesIndex) -> list[str]:
    lines = ["## Decisions", ""]
    if not index.decisions:
        return [*lines, "No decisions were recorded."]
    for number, decision in enumerate(index.decisions, start=1):
        if number > 1:
            lines.append("")
        lines += [f"### Decision {number}", ""]
        lines += [block(decision.statement) or "No statement was recorded.", ""]
        lines += _decision_details(index, decision)
    return lines


def _decision_details(index: MinutesIndex, decision: DecisionPart) -> list[str]:
    lines = [f"- **Status:** {DECISION_STATUS_WORDS[decision.status]}"]
    lines.append(f"- **Why:** {block(decision.rationale, '  ') or 'No reason was recorded.'}")
    lines.append(f"- **How it was decided:** {METHOD_WORDS[decision.method]}")
    if decision.decided_by.strip():
        lines.append(f"- **Who decides:** {inline(decision.decided_by)}")
    lines.append(f"- **Who was present:** {_present(index, decision.present)}")
    if decision.review_date:
        lines.append(f"- **Review date:** {inline(short_date(decision.review_date))}")
    if decision.supersedes_uid:
        lines.append(f"- **Replaces an earlier decision:** {_linked(index, decision.supersedes_uid)}")
    if decision.superseded_by_uid:
        lines.append(f"- **Replaced by a later decision:** {_linked(index, decision.superseded_by_uid)}")
    based_on = [f"the theme \u201c{inline(index.theme_by_id[t].name)}\u201d" for t in decision.theme_ids if t in index.theme_by_id]
    based_on += [
        f"the idea \u201c{inline(index.idea_by_id[i].text, QUOTE_LIMIT)}\u201d"
        for i in decision.idea_ids
        if i in index.idea_by_id
    ]
    if based_on:
        lines.append(f"- **Came from:** {'; '.join(based_on)}")
    if decision.dissent:
        lines.append("- **Disagreement recorded:**")
        for dissent in decision.dissent:
            person = index.people.get(dissent.participant_id) if dissent.participant_id is not None else None
            # Nested by four spaces: python-markdown (MkDocs) needs four, CommonMark accepts them.
            lines.append(f"    - {inline(who.display_name(person))}: {block(dissent.text, '      ')}")
    if decision.history:
        # Changed after the day: the status and wording above are the current ones; this says how.
        lines.append("- **Changed since:**")
        for change in decision.history:
            said = describe_decision_change(change.kind, change.old, change.new, change.note)
            lines.append(f"    - {inline(short_date(change.at[:10]))}: {block(said, '      ')}")
    return lines


def _present(index: MinutesIndex, present: list[int]) -> str:
    ids = sorted(set(present))
    if not ids:
        return "Not recorded."
    named = index.named_among(ids)
    words = count_words(len(ids), "person", "people")
    if not named:
        return words + "."
    if len(named) == len(ids):
        return f"{words}: {who.join_plainly([inline(n) for n in named])}."
    return f"{words}, including {who.join_plainly([inline(n) for n in named])}."


def _linked(index: MinutesIndex, uid: str) -> str:
    other = index.decision_by_uid.get(uid)
    if other is None:
        return f"a decision recorded elsewhere (reference {inline(uid.strip()[:UID_SHOWN])})"
    number = index.decision_number[other.id]
    return f"decision {number} in these minutes, \u201c{inline(other.statement, QUOTE_LIMIT)}\u201d"


# -- actions --------------------------------------------------------------------------------------


def actions_section(index: MinutesIndex) -> list[str]:
    lines = ["## Actions", ""]
    actions = sorted(index.record.actions, key=lambda action: action.id)
    if not actions:
        return [*lines, "No actions were agreed."]
    rows = []
    for action in actions:
        owner = index.people.get(action.owner_participant_id) if action.owner_participant_id is not None else None
        if owner is not None:
            owner_words = inline(who.display_name(owner))
        else:
            owner_words = inline(action.owner_text) or "Not agreed yet"
        number = index.decision_number.get(action.decision_id) if action.decision_id is not None else None
        rows.append(
            [
                inline(action.what),
                owner_words,
                inline(short_date(action.due_date)) or "No date set",
                action_status_words(action.status, index.overdue(action.due_date, action.status)),
                f"Decision {number}" if number else "-",
            ]
        )
    lines += table(["What will be done", "Who will do it", "By when", "Status", "From"], rows)
    return lines


# -- "You said, we did" ---------------------------------------------------------------------------


def feedback_section(index: MinutesIndex) -> list[str]:
    lines = ["## You said, we did", ""]
    items = sorted(index.record.feedback, key=lambda item: item.id)
    if not items:
        return [*lines, "No feedback was recorded."]
    rows = []
    for item in items:
        status = FEEDBACK_STATUS_WORDS[item.status]
        if item.source_workshop_uid:
            status += " (raised at an earlier workshop)"
        if item.status == FeedbackStatus.NOT_POSSIBLE:
            reason = inline(item.reason) or "No reason recorded"
        else:
            reason = ""
        rows.append([inline(item.said), inline(item.done) or "-", status, reason])
    lines += table(["You said", "We did", "Status", "Why it was not possible"], rows)
    return lines


# -- the check-out (the Five Values, or the agenda's own values) ---------------------------------------


def checkout_order(index: MinutesIndex) -> tuple[list[str], bool]:
    """The values in the order the check-out stages listed them, and whether they are the Five Values."""
    stages = sorted((s for s in index.record.stages if s.kind == StageKind.EVALUATE), key=lambda s: s.position)
    order: list[str] = []
    for stage in stages:
        order += [value for value in checkout_values(stage.settings) if value not in order]
    five = all(checkout_values(stage.settings) == FIVE_VALUES for stage in stages)
    return (order or list(FIVE_VALUES)), five


def values_section(index: MinutesIndex) -> list[str]:
    order, five = checkout_order(index)
    name = "Five Values check-out" if five else "Check-out"
    lines = [f"## {name}", ""]
    scores = index.record.values_scores
    if not scores:
        return [*lines, "No Five Values check-out was taken." if five else "No check-out was taken."]
    totals: dict[str, list[int]] = {}
    for score in scores:
        entry = totals.setdefault(score.value, [0, 0])
        entry[0] += score.score
        entry[1] += 1
    known = [value for value in order if value in totals]
    # Values no stage lists (a record from elsewhere): after the listed ones, in a fixed order.
    others = sorted((value for value in totals if value not in order), key=lambda v: (v.casefold(), v))
    rows = []
    for value in known + others:
        total, count = totals[value]
        average = (Decimal(total) / Decimal(count)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        rows.append([inline(value), str(average), str(count)])
    if not five:
        lines += [f"The values were chosen for this workshop: {', '.join(inline(value) for value in order)}.", ""]
    lines += ["Scores run from 1 (not well) to 5 (very well). They were given anonymously, so only "
              "averages and the number of responses are shown.", ""]  # fmt: skip
    lines += table(["Value", "Average score", "Responses"], rows, right=[1, 2])
    return lines
