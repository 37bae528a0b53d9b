"""What a phone's page shows, read from the Store: plain data for the templates, no HTML.

Every function here runs on the store's thread (``StoreThread``) and returns values only.
What a phone may see is decided here, once: its own ideas (the room's only where the projector
shows them), its own dots (never anyone else's, and no totals before the reveal), and its own
check-out state (never the scores).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from facilitator.domain import timer as timer_maths
from facilitator.domain.attribution import speaker
from facilitator.domain.checkout import checkout_values
from facilitator.domain.errors import NotFound
from facilitator.domain.models import (
    Device,
    Idea,
    Participant,
    Stage,
    StageKind,
    TimerStatus,
    Workshop,
    WorkshopStatus,
)
from facilitator.domain.text import strip_controls
from facilitator.storage.store import Store

# Said by = the participant; typed by = this, so the record shows who typed each idea.
TYPED_ON_A_PHONE = "their own device"

# What the room is doing, in plain words, for stages where a phone has nothing to send.
KIND_WORDS = {
    StageKind.WELCOME: "Welcome and introductions. Listen, say hello, and ask anything you want to.",
    StageKind.BREAK: "A break. Get a drink, stretch, or take some quiet time.",
    StageKind.IDEAS: "Ideas from everyone.",
    StageKind.GROUP: "The room is putting the ideas into groups (themes). Say if something is in the wrong group.",
    StageKind.VOTE: "A secret dot vote.",
    StageKind.DECIDE: "The room is making decisions together. You can say if you disagree.",
    StageKind.ACTIONS: "The room is agreeing who will do what next, and by when.",
    StageKind.FEEDBACK: "You said, we did: what has happened since last time.",
    StageKind.EVALUATE: "Check-out: how did this workshop feel?",
    StageKind.LADDER: "Where are we on the ladder, and where do we want to be?",
    StageKind.SCORE: "A scoring panel.",
    StageKind.CHECKIN: "How are you arriving today?",
}


@dataclass
class Now:
    """Where the workshop is, for this phone."""

    workshop: Workshop
    stage: Stage | None
    device: Device | None
    person: Participant | None
    time_words: str = ""
    key: str = ""  # changes when this phone's page should change (see ``page_key``)


def _timer_words(stage: Stage | None, clock: Callable[[], float]) -> str:
    if stage is None or stage.timer_status is TimerStatus.NOT_STARTED:
        return ""
    if stage.timer_status is TimerStatus.DONE:
        return "This part has finished."
    state = timer_maths.TimerState(stage.timer_status, stage.timer_left_seconds, stage.timer_changed_at)
    words = timer_maths.read(state, stage.planned_minutes * 60, clock).words
    return f"{words} (paused)" if stage.timer_status is TimerStatus.PAUSED else words


def _prompt(stage: Stage, default: str = "") -> str:
    """The stage's question. Agenda text is cleaned when the agenda is loaded; cleaned again here
    because a phone's page must never carry an escape sequence, whatever made the stage."""
    return strip_controls(str(stage.settings.get("prompt") or default or stage.title), multiline=True)


def page_key(workshop: Workshop, stage: Stage | None, device: Device | None) -> str:
    """Changes exactly when the phone should show another page: the facilitator moved the stage,
    revealed it or ended the workshop, or this phone was logged out or had its name freed."""
    who = "out" if device is None else f"p{device.participant_id or 0}"
    where = "none" if stage is None else f"{stage.id}:{int(stage.revealed)}"
    return f"{workshop.status.value}:{where}:{who}"


def now(store: Store, workshop_id: int, token: str | None, clock: Callable[[], float] = time.time) -> Now:
    workshop = store.workshop(workshop_id)
    stage = store.current_stage(workshop_id) if workshop.status is WorkshopStatus.IN_PROGRESS else None
    device = store.device_for_token(workshop_id, token) if token else None
    person = store.participant(device.participant_id) if device and device.participant_id else None
    return Now(workshop, stage, device, person, _timer_words(stage, clock), page_key(workshop, stage, device))


def live_state(store: Store, workshop_id: int, token: str | None,
               clock: Callable[[], float] = time.time) -> dict[str, Any]:  # fmt: skip
    """What the page's script polls for: the key, and the words for the time left."""
    state = now(store, workshop_id, token, clock)
    return {"key": state.key, "time": state.time_words}


# -- ideas --------------------------------------------------------------------------------------


@dataclass
class ShownIdea:
    id: int
    text: str
    who: str
    withdrawable: bool = False


@dataclass
class IdeasPage:
    prompt: str
    silent: bool
    revealed: bool
    allow_anonymous: bool
    own: list[ShownIdea] = field(default_factory=list)
    room: list[ShownIdea] | None = None  # None: silent and not revealed, so not shown
    room_count: int = 0


def ideas_page(store: Store, state: Now, anonymous_ids: list[int]) -> IdeasPage:
    """This phone's ideas (named ones by its person, anonymous ones it remembers in its own
    cookie, since the record keeps no link to the person), and the room's where the projector shows them."""
    stage = state.stage
    assert stage is not None and state.person is not None
    silent = bool(stage.settings.get("silent"))
    ideas = store.ideas(stage_id=stage.id)
    mine = [i for i in ideas if _is_own(i, state.person.id, anonymous_ids)]
    page = IdeasPage(
        prompt=_prompt(stage),
        silent=silent,
        revealed=stage.revealed,
        allow_anonymous=bool(stage.settings.get("allow_anonymous", True)),
        own=[ShownIdea(i.id, i.text, "you, without your name" if i.anonymous else "you", True) for i in reversed(mine)],
        room_count=len(ideas),
    )
    if not silent or stage.revealed:
        people = {p.id: p for p in store.participants(state.workshop.id)}
        page.room = [ShownIdea(i.id, i.text, speaker(i.said_by, i.anonymous, people)) for i in ideas]
    return page


def _is_own(idea: Idea, person_id: int, anonymous_ids: list[int]) -> bool:
    if idea.anonymous:
        return idea.id in anonymous_ids and idea.typed_by == TYPED_ON_A_PHONE
    return idea.said_by == person_id and idea.typed_by == TYPED_ON_A_PHONE


def own_idea(store: Store, state: Now, idea_id: int, anonymous_ids: list[int]) -> Idea | None:
    """The idea if this phone sent it in the current stage; None for anyone else's."""
    try:
        idea = store.idea(idea_id)
    except NotFound:
        return None
    if state.stage is None or state.person is None or idea.stage_id != state.stage.id or idea.withdrawn:
        return None
    return idea if _is_own(idea, state.person.id, anonymous_ids) else None


# -- the vote -------------------------------------------------------------------------------------


@dataclass
class Choice:
    kind: str
    id: int
    label: str
    mine: int  # this person's own dots on it
    total: int | None = None  # only after the reveal
    rank: int | None = None
    tied: bool = False


@dataclass
class VotePage:
    prompt: str
    budget: int
    cap: int
    left: int
    revealed: bool
    choices: list[Choice]
    everyone: str = ""  # "Everyone has 3 dots, at most 2 on one.": the same for all, said first


def vote_page(store: Store, state: Now) -> VotePage:
    stage = state.stage
    assert stage is not None and state.person is not None
    budget = store.vote_budget(stage.id)
    mine = store.dots_of(stage.id, state.person.id)
    if stage.revealed:
        # Only once the facilitator has revealed it: the results, as on the projector.
        choices = [
            Choice(row.candidate.kind, row.candidate.id, row.candidate.label,
                   mine.get((row.candidate.kind, row.candidate.id), 0), row.dots, row.rank, row.tied)  # fmt: skip
            for row in store.tally(stage.id)
        ]
    else:
        choices = [Choice(c.kind, c.id, c.label, mine.get((c.kind, c.id), 0)) for c in store.candidates(stage.id)]
    return VotePage(
        prompt=_prompt(stage),
        budget=budget,
        # "At most 3 on one item" means nothing with one dot to give: the cap is never above the budget.
        cap=min(int(stage.settings.get("max_per_candidate", 3)), budget),
        left=max(0, budget - sum(mine.values())),
        revealed=stage.revealed,
        choices=choices,
        everyone=store.budget_line(stage.id),
    )


# -- check-out and "You said, we did" ---------------------------------------------------------------


@dataclass
class CheckoutPage:
    prompt: str
    values: tuple[str, ...]
    sent: bool


def checkout_page(store: Store, state: Now) -> CheckoutPage:
    stage = state.stage
    assert stage is not None and state.person is not None
    return CheckoutPage(
        prompt=_prompt(stage, "How well did this workshop live up to each value?"),
        values=checkout_values(stage.settings),
        sent=store.has_sent_checkout(stage.id, state.person.id),
    )


def feedback_items(store: Store, state: Now) -> list[dict[str, str]]:
    stage = state.stage
    assert stage is not None
    return [
        {"said": item.said, "done": item.done, "status": item.status.value, "reason": item.reason}
        for item in store.feedback_items(state.workshop.id)
        if item.stage_id == stage.id
    ]
