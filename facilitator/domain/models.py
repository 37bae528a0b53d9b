"""The record of a workshop, as plain pydantic models.

Storage returns these; the UI, the minutes and the exports read them. They hold data that has
already been cleaned (see ``domain/text.py``), so nothing here re-validates text.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Perspective(StrEnum):
    LIVED_EXPERIENCE = "lived experience"
    CARER = "carer"
    STAFF = "staff"
    COMMISSIONER = "commissioner"
    OTHER = "other"


class Attribution(StrEnum):
    """How a person's name appears next to what they said."""

    NAMED = "named"
    PERSPECTIVE = "perspective"  # "a carer", never the name
    ANONYMOUS = "anonymous"  # "a participant"


class Involvement(StrEnum):
    """Which kind of involvement the workshop honestly is (the guidance asks us to say)."""

    COLLABORATION = "collaboration"
    INVOLVEMENT = "involvement"
    CO_PRODUCTION = "co-production"
    USER_LED = "user-led"


class WorkshopStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in progress"
    FINISHED = "finished"


class StageKind(StrEnum):
    WELCOME = "welcome"
    BREAK = "break"
    IDEAS = "ideas"
    GROUP = "group"
    VOTE = "vote"
    DECIDE = "decide"
    ACTIONS = "actions"
    FEEDBACK = "feedback"
    EVALUATE = "evaluate"
    LADDER = "ladder"  # where we are now and want to be, on a ladder of co-production
    SCORE = "score"  # a scoring panel: criteria, candidates, 0-5 marks, moderation
    CHECKIN = "checkin"  # how people are arriving (and leaving), in a word or a colour


class TimerStatus(StrEnum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    PAUSED = "paused"
    DONE = "done"


class DecisionStatus(StrEnum):
    AGREED = "agreed"
    DEFERRED = "deferred"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"


class DecisionMethod(StrEnum):
    CONSENSUS = "consensus"
    VOTE = "vote"
    DELEGATED = "delegated"
    OTHER = "other"


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"


class FeedbackStatus(StrEnum):
    """The reply to one piece of "You said, we did" feedback."""

    DONE = "done"
    IN_PROGRESS = "in progress"
    PLANNED = "planned"
    NOT_POSSIBLE = "not possible"  # needs a reason


def feedback_reason_problem(status: str, reason: str) -> str | None:
    """The sentence when "not possible" has no reason: people are owed a why, not a silence."""
    if status == FeedbackStatus.NOT_POSSIBLE and not reason.strip():
        return "Say why it was not possible: a reason is required for \u201cnot possible\u201d."
    return None


FIVE_VALUES: tuple[str, ...] = (
    "Empathy",
    "Inclusion",
    "Honesty",
    "Working Together",
    "Personalisation",
)


class Record(BaseModel):
    # Schemas are built on first use, not at import: the home screen needs only Workshop, and
    # building every model up front cost about 40 ms of each start (measured with -X importtime).
    model_config = ConfigDict(frozen=True, defer_build=True)


class Workshop(Record):
    id: int
    uid: str
    title: str
    purpose: str = ""
    date: str  # ISO date, YYYY-MM-DD
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
    start_time: str | None = None  # "HH:MM"
    step_free: str = ""
    hearing_loop: str = ""
    quiet_room: str = ""
    bus_stop: str = ""
    access_notes: str = ""
    contact_name: str = ""
    contact_details: str = ""
    time_recognised: str = ""
    hourly_rate_pence: int | None = None


class Participant(Record):
    id: int
    workshop_id: int
    name: str
    perspectives: tuple[Perspective, ...] = ()
    attribution: Attribution = Attribution.PERSPECTIVE
    support_needs: str = ""
    arrived_at: str | None = None
    left_at: str | None = None
    forgotten: bool = False

    @property
    def is_present(self) -> bool:
        return self.arrived_at is not None and self.left_at is None


class Stage(Record):
    id: int
    workshop_id: int
    position: int  # 1-based order in the agenda
    kind: StageKind
    title: str
    planned_minutes: int
    settings: dict[str, Any] = Field(default_factory=dict)
    started_at: str | None = None
    ended_at: str | None = None
    timer_status: TimerStatus = TimerStatus.NOT_STARTED
    # Seconds left when the timer was last changed; negative once overrun.
    timer_left_seconds: float = 0.0
    # Wall-clock time (epoch seconds) of that change, so a running timer can be recomputed.
    timer_changed_at: float | None = None
    revealed: bool = False
    vote_budget: int | None = None  # fixed when the vote opens: the same for everyone
    plan_state: str = ""  # "", "skipped", "carried" or "to carry" (re-planned while running)
    first_planned_minutes: int | None = None  # the minutes first planned, once they changed (0: added live)
    # What a ladder, score or checkin stage showed once revealed: counts and marks, never names.
    results: dict[str, Any] = Field(default_factory=dict)


class StageEvent(Record):
    id: int
    stage_id: int
    at: str
    event: str  # start, pause, resume, extend, overrun, end, resumed-after-interruption, re-plans
    seconds: float = 0.0
    note: str = ""  # a re-plan's sentence, e.g. "Shortened from 20 to 15 minutes"


class Theme(Record):
    id: int
    workshop_id: int
    stage_id: int | None
    name: str
    position: int = 0


class Idea(Record):
    id: int
    workshop_id: int
    stage_id: int
    text: str
    said_by: int | None = None  # participant id; None when anonymous or unknown
    anonymous: bool = False
    typed_by: str = ""  # the note-taker's or facilitator's name
    theme_id: int | None = None
    created_at: str
    withdrawn: bool = False


class Candidate(Record):
    """Something that can receive dots: a theme, or an idea where none were grouped."""

    kind: str  # "theme" or "idea"
    id: int
    label: str


class TallyRow(Record):
    candidate: Candidate
    dots: int
    rank: int  # 1 = most dots; tied rows share a rank
    tied: bool


class Decision(Record):
    id: int
    uid: str
    workshop_id: int
    stage_id: int | None = None
    statement: str
    rationale: str = ""
    method: DecisionMethod = DecisionMethod.CONSENSUS
    decided_by: str = ""
    present: tuple[int, ...] = ()  # participant ids present when it was made
    status: DecisionStatus = DecisionStatus.AGREED
    supersedes_id: int | None = None
    superseded_by_id: int | None = None
    review_date: str | None = None
    created_at: str
    idea_ids: tuple[int, ...] = ()
    theme_ids: tuple[int, ...] = ()


class Dissent(Record):
    id: int
    decision_id: int
    participant_id: int | None = None  # None: "a participant"
    text: str


class Action(Record):
    id: int
    workshop_id: int
    decision_id: int | None = None
    what: str
    owner_participant_id: int | None = None
    owner_text: str = ""
    due_date: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    created_at: str


class ActionUpdate(Record):
    id: int
    action_id: int
    at: str
    status: ActionStatus
    note: str = ""


class FeedbackItem(Record):
    id: int
    workshop_id: int
    stage_id: int | None = None
    said: str
    done: str = ""
    status: FeedbackStatus = FeedbackStatus.PLANNED
    reason: str = ""
    source_workshop_id: int | None = None  # carried over from an earlier workshop in the series
    # The same item as the action or earlier item it was carried from (they move on together).
    source_action_id: int | None = None
    source_item_id: int | None = None
    # Where it came from, as it was when carried (kept when that workshop is not in this database).
    source_workshop_uid: str | None = None
    source_workshop_title: str = ""
    source_workshop_date: str = ""


class ValuesScore(Record):
    """One anonymous Five Values score: no participant reference, by design."""

    id: int
    workshop_id: int
    stage_id: int | None
    value: str
    score: int


class Device(Record):
    """A phone that joined a workshop with its join code; ``participant_id`` once it says who it is."""

    id: int
    workshop_id: int
    participant_id: int | None = None
    joined_at: str


class WebServer(Record):
    """The participants' web page running for a workshop (``facilitator serve``)."""

    workshop_id: int
    address: str  # what a phone opens, e.g. http://192.168.1.20:8765/
    local_only: bool  # bound to 127.0.0.1: only this computer can open it
    pid: int
    host: str  # the computer's name, so another computer's server is never "checked" here
    started_at: str
