"""The whole record of one workshop, as one versioned document.

This is both what ``facilitator export`` writes (as JSON) and what the minutes are rendered from,
so a workshop exported, imported elsewhere and rendered again gives the same minutes.

Ids inside a record are the exporting database's own; they only link parts of the record to each
other, and ``import`` gives everything new ids. For a secret vote, dots carry no participant and no
time: who voted for what is never exported.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from facilitator.domain.models import (
    ActionStatus,
    Attribution,
    DecisionMethod,
    DecisionStatus,
    FeedbackStatus,
    Involvement,
    Perspective,
    StageKind,
    TimerStatus,
    WorkshopStatus,
)

FORMAT_NAME = "facilitator-workshop"
FORMAT_VERSION = 1


class Part(BaseModel):
    # A person may hand-edit an export before importing it: refuse unknown fields loudly.
    # Schemas are built on first use, not at import: the app's home screen never needs them.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class WorkshopPart(Part):
    uid: str = Field(min_length=1, max_length=64)
    title: str
    purpose: str = ""
    date: str
    place: str = ""
    involvement: Involvement = Involvement.CO_PRODUCTION
    series: str = ""
    status: WorkshopStatus = WorkshopStatus.PLANNED
    agenda_name: str = ""
    current_stage_id: int | None = None
    created_at: str
    ended_at: str | None = None
    # For the invitation pack (all optional): the start clock time, the place's access, a contact,
    # how people's time is recognised, and the workshop's own hourly rate (None: the series').
    start_time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")  # "HH:MM"
    step_free: str = ""
    hearing_loop: str = ""
    quiet_room: str = ""
    bus_stop: str = ""
    access_notes: str = ""
    contact_name: str = ""
    contact_details: str = ""
    time_recognised: str = ""
    hourly_rate_pence: int | None = Field(default=None, ge=0, le=100_000_00)


class ParticipantPart(Part):
    id: int
    name: str = ""
    perspectives: list[Perspective] = []
    attribution: Attribution = Attribution.PERSPECTIVE
    support_needs: str = ""
    arrived_at: str | None = None
    left_at: str | None = None
    forgotten: bool = False


class StageEventPart(Part):
    at: str
    event: str
    seconds: float = 0.0
    note: str = ""


class StagePart(Part):
    id: int
    position: int = Field(ge=1)
    kind: StageKind
    title: str
    planned_minutes: int = Field(ge=0)
    settings: dict[str, Any] = {}
    started_at: str | None = None
    ended_at: str | None = None
    timer_status: TimerStatus = TimerStatus.NOT_STARTED
    timer_left_seconds: float = 0.0
    timer_changed_at: float | None = None
    revealed: bool = False
    vote_budget: int | None = None
    plan_state: Literal["", "skipped", "carried", "to carry"] = ""
    first_planned_minutes: int | None = Field(default=None, ge=0)
    # A ladder's counts, a scoring panel's marks (no names), a check-in's counts: see storage/kinds.py.
    results: dict[str, Any] = {}
    events: list[StageEventPart] = []


class ThemePart(Part):
    id: int
    stage_id: int | None = None
    name: str
    position: int = 0


class IdeaPart(Part):
    id: int
    stage_id: int
    text: str
    said_by: int | None = None
    anonymous: bool = False
    typed_by: str = ""
    theme_id: int | None = None
    created_at: str
    withdrawn: bool = False


class DotPart(Part):
    stage_id: int
    participant_id: int | None = None  # always None for a secret vote
    candidate_kind: Literal["theme", "idea"]
    candidate_id: int
    entered_by: str = ""
    created_at: str = ""


class DissentPart(Part):
    participant_id: int | None = None
    text: str


class DecisionChangePart(Part):
    """One dated change to a decision after the day (its status, review date, a review, a correction)."""

    at: str
    changed_by: str = ""
    kind: Literal["status", "review date", "review", "correction"]
    old: str = ""
    new: str = ""
    note: str = ""


class DecisionPart(Part):
    id: int
    uid: str = Field(min_length=1, max_length=64)
    stage_id: int | None = None
    statement: str
    rationale: str = ""
    method: DecisionMethod = DecisionMethod.CONSENSUS
    decided_by: str = ""
    present: list[int] = []
    status: DecisionStatus = DecisionStatus.AGREED
    # Links to decisions outside this workshop are kept by uid, so they survive an import.
    supersedes_uid: str | None = None
    superseded_by_uid: str | None = None
    review_date: str | None = None
    created_at: str
    idea_ids: list[int] = []
    theme_ids: list[int] = []
    dissent: list[DissentPart] = []
    history: list[DecisionChangePart] = []  # oldest first; the statement and status above are the current ones


class ActionUpdatePart(Part):
    at: str
    status: ActionStatus
    note: str = ""


class ActionPart(Part):
    id: int
    decision_id: int | None = None
    what: str
    owner_participant_id: int | None = None
    owner_text: str = ""
    due_date: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    created_at: str
    updates: list[ActionUpdatePart] = []


class FeedbackPart(Part):
    id: int
    stage_id: int | None = None
    said: str
    done: str = ""
    status: FeedbackStatus = FeedbackStatus.PLANNED
    reason: str = ""
    # Carried over from an earlier workshop: which one (uid, title and date as known when exported),
    # and which of its actions or items it is (counted from 1, in the order they were recorded),
    # so an import links it again when that workshop is there.
    source_workshop_uid: str | None = None
    source_workshop_title: str = ""
    source_workshop_date: str | None = None
    source_action_number: int | None = Field(default=None, ge=1)
    source_item_number: int | None = Field(default=None, ge=1)


class ValuesScorePart(Part):
    stage_id: int | None = None
    value: str
    score: int = Field(ge=1, le=5)


class RecognitionPart(Part):
    """How a person's time is recognised: private, in an export only with --include-private."""

    participant_id: int
    kind: Literal["paid", "voucher", "declined", "donated"]
    donated_to: str = Field(default="", max_length=200)
    amount_pence: int | None = Field(default=None, ge=0, le=100_000_00)
    travel_pence: int = Field(default=0, ge=0, le=100_000_00)
    care_pence: int = Field(default=0, ge=0, le=100_000_00)
    other_pence: int = Field(default=0, ge=0, le=100_000_00)
    other_note: str = Field(default="", max_length=200)
    recorded_at: str = ""


class WorkshopRecord(Part):
    format: Literal["facilitator-workshop"] = FORMAT_NAME
    version: Literal[1] = FORMAT_VERSION
    workshop: WorkshopPart
    participants: list[ParticipantPart] = []
    stages: list[StagePart] = []
    themes: list[ThemePart] = []
    ideas: list[IdeaPart] = []
    dots: list[DotPart] = []
    decisions: list[DecisionPart] = []
    actions: list[ActionPart] = []
    feedback: list[FeedbackPart] = []
    values_scores: list[ValuesScorePart] = []
    recognition: list[RecognitionPart] = []  # only in an export with --include-private
