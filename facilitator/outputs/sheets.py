"""Spreadsheets (CSV) of the decision register, the outstanding actions and a workshop's attendance.

Made with ``csv_sheet.csv_text``: UTF-8 with a byte-order mark, a header row, and every cell that
a spreadsheet would run as a formula made inert. People appear as they chose to appear (the same
words as the minutes) unless ``include_private`` is given, as for every export. Support needs are
never in these sheets. No storage, no textual: the command line passes what the store found.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from facilitator.domain import attribution as who
from facilitator.domain.models import Attribution
from facilitator.domain.record import WorkshopRecord
from facilitator.outputs.csv_sheet import csv_text
from facilitator.outputs.markdown_text import clock_time, one_line
from facilitator.outputs.minutes_index import MinutesIndex
from facilitator.outputs.minutes_outcomes import ACTION_STATUS_WORDS, DECISION_STATUS_WORDS, METHOD_WORDS

DECISION_HEADERS = (
    "Decision ID", "Decision", "Why", "Status", "How it was decided", "Who decides", "Review date",
    "Recorded at", "Replaces decision ID", "Replaced by decision ID", "Workshop ID", "Workshop",
    "Workshop date", "Series",
)  # fmt: skip
ACTION_HEADERS = (
    "Action ID", "What will be done", "Who will do it", "Due date", "Overdue", "Status", "From decision",
    "Workshop ID", "Workshop", "Workshop date", "Series",
)  # fmt: skip
ATTENDANCE_HEADERS = ("Name", "Perspectives", "Took part", "Arrived", "Left")


def decisions_csv(found: Sequence[Any]) -> str:
    """The register's decisions (``DecisionSummary`` items from the store), one row each."""
    rows = []
    for item in found:
        decision = item.decision
        rows.append([
            decision.id, decision.statement, decision.rationale, DECISION_STATUS_WORDS[decision.status],
            METHOD_WORDS[decision.method], decision.decided_by, decision.review_date or "", decision.created_at,
            decision.supersedes_id, decision.superseded_by_id, decision.workshop_id, item.workshop_title,
            item.workshop_date, item.workshop_series,
        ])  # fmt: skip
    return csv_text(DECISION_HEADERS, rows)


def actions_csv(found: Sequence[Any], *, include_private: bool = False) -> str:
    """Outstanding actions (``OutstandingAction`` items from the store), one row each. The owner is
    as the room sees them; with ``include_private``, by name."""
    rows = []
    for item in found:
        action = item.action
        if item.owner is None:
            owner = action.owner_text
        elif include_private and not item.owner.forgotten and item.owner.name.strip():
            owner = item.owner.name.strip()
        else:
            owner = who.display_name(item.owner)
        rows.append([
            action.id, action.what, owner, action.due_date or "", "yes" if item.overdue else "no",
            ACTION_STATUS_WORDS[action.status], item.decision_statement, action.workshop_id, item.workshop_title,
            item.workshop_date, item.workshop_series,
        ])  # fmt: skip
    return csv_text(ACTION_HEADERS, rows)


def attendance_rows(record: WorkshopRecord, *, include_private: bool = False) -> list[list[str]]:
    """Everyone on the workshop's list, in name order: how they appear (as in the minutes, or by name
    with ``include_private``), their perspectives (not for people who chose anonymity), whether they
    took part, and the times they arrived and left (HH:MM, empty when not marked)."""
    index = MinutesIndex(record)
    came = {person.id for person in index.attended}
    rows = []
    for person in sorted(record.participants, key=lambda p: p.id):
        private = include_private and not person.forgotten
        # Shared: the perspectives the minutes may show (one held by fewer than 3 people would single
        # them out), and nothing of anyone who chose anonymity: no perspective, no times of day.
        shared = index.people[person.id]
        name = person.name.strip() if private and person.name.strip() else who.display_name(shared)
        anonymous = not private and (person.forgotten or person.attribution == Attribution.ANONYMOUS)
        perspectives = "" if anonymous else ", ".join(who.ordered_perspectives((person if private else shared).perspectives))
        arrived, left = ("", "") if anonymous else (clock_time(person.arrived_at), clock_time(person.left_at))
        named = private or who.is_named(person)
        rows.append((not named, name.casefold(), [one_line(name), perspectives, "yes" if person.id in came else "no",
                     arrived, left]))  # fmt: skip
    # Names first, then how the others chose to appear: in the order of what is shown, never of hidden names.
    return [row for *_, row in sorted(rows, key=lambda entry: entry[:2])]


def attendance_csv(record: WorkshopRecord, *, include_private: bool = False) -> str:
    return csv_text(ATTENDANCE_HEADERS, attendance_rows(record, include_private=include_private))
