"""Lookups over one ``WorkshopRecord``, built once so the minutes never scan a list twice.

Everything is put in a fixed order here (stages by position, themes by position, the rest by id),
so the minutes do not depend on the order in which a record lists things.
"""

from __future__ import annotations

from facilitator.domain.attribution import attendance_groups, is_named
from facilitator.domain.models import ActionStatus
from facilitator.domain.record import (
    DecisionPart,
    IdeaPart,
    ParticipantPart,
    StagePart,
    ThemePart,
    WorkshopRecord,
)
from facilitator.domain.small_groups import (
    MINIMUM_PEOPLE,
    TOO_FEW_PEOPLE,
    SafeGroups,
    protect_small_groups,
    shown_perspectives,
)

OPEN_ACTIONS = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
# Fewer people than this: no breakdowns by perspective (a group of one identifies the person).
# The whole rule (small perspectives merged or the table withheld) is ``domain.small_groups``.
SMALL_GROUP = MINIMUM_PEOPLE
SMALL_GROUP_NOTE = TOO_FEW_PEOPLE


def is_overdue(due_date: str | None, status: ActionStatus, today: str | None) -> bool:
    """An action not done or dropped whose due date has passed (only when today is known)."""
    return today is not None and due_date is not None and status in OPEN_ACTIONS and due_date[:10] < today


def _name_key(person: ParticipantPart) -> tuple[bool, str, int]:
    return (person.forgotten, person.name.casefold(), person.id)


class MinutesIndex:
    """The record, sorted, with dicts from ids to parts."""

    def __init__(self, record: WorkshopRecord, *, today: str | None = None) -> None:
        self.record = record
        self.today = today  # an ISO date: open actions due before it are overdue (None: not marked)
        self.people: dict[int, ParticipantPart] = {person.id: person for person in record.participants}
        self.stages: list[StagePart] = sorted(record.stages, key=lambda stage: (stage.position, stage.id))
        self.stage_by_id: dict[int, StagePart] = {stage.id: stage for stage in self.stages}
        self.themes: list[ThemePart] = sorted(record.themes, key=lambda theme: (theme.position, theme.id))
        self.theme_by_id: dict[int, ThemePart] = {theme.id: theme for theme in self.themes}
        # Withdrawn ideas are left out of the minutes altogether.
        self.ideas: list[IdeaPart] = sorted((i for i in record.ideas if not i.withdrawn), key=lambda i: i.id)
        self.idea_by_id: dict[int, IdeaPart] = {idea.id: idea for idea in self.ideas}
        self.decisions: list[DecisionPart] = sorted(record.decisions, key=lambda d: (d.id, d.uid))
        self.decision_number: dict[int, int] = {d.id: n for n, d in enumerate(self.decisions, start=1)}
        self.decision_by_uid: dict[str, DecisionPart] = {}
        for decision in self.decisions:
            self.decision_by_uid.setdefault(decision.uid, decision)
        self.attended: list[ParticipantPart] = self._attended()
        # Which rows a breakdown by perspective may show, decided once from who took part; from here
        # on everyone carries only those perspectives, so "a commissioner" never points at one of two.
        self.safe_groups: SafeGroups = protect_small_groups(attendance_groups(p) for p in self.attended)
        self.breakdowns: bool = self.safe_groups.shown
        self.people = {p.id: p for p in shown_perspectives(list(self.people.values()), self.safe_groups)}
        self.attended = [self.people[p.id] for p in self.attended]

    def _attended(self) -> list[ParticipantPart]:
        """Everyone marked as arrived, and anyone who evidently took part without being marked."""
        ids = {person.id for person in self.record.participants if person.arrived_at is not None}
        ids.update(idea.said_by for idea in self.record.ideas if idea.said_by is not None)
        ids.update(dot.participant_id for dot in self.record.dots if dot.participant_id is not None)
        for decision in self.record.decisions:
            ids.update(decision.present)
            ids.update(d.participant_id for d in decision.dissent if d.participant_id is not None)
        return sorted((self.people[i] for i in ids if i in self.people), key=_name_key)

    def overdue(self, due_date: str | None, status: ActionStatus) -> bool:
        return is_overdue(due_date, status, self.today)

    def named_among(self, ids: list[int] | tuple[int, ...]) -> list[str]:
        """The names of the people with these ids who chose to be named, in name order."""
        people = {self.people[i].id: self.people[i] for i in ids if i in self.people}
        return [p.name.strip() for p in sorted(people.values(), key=_name_key) if is_named(p)]
