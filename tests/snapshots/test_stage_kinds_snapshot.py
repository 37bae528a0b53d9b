"""Every kind of stage on the run screen, at a zoomed-in projector's 80x24 and at 160x48.

One small workshop is built through the Store, stage after stage, up to the stage a case shows:
the same people, ideas, themes, dots, decisions and scores every time, on the fixed clock of
``tests/conftest.py`` (times shown in UTC). Each case's timer is paused a few minutes in, so
nothing moves and no "resumed after an interruption" note covers the stage.

After a deliberate change of look, regenerate and then look at every picture before committing:

    pytest tests/snapshots/test_stage_kinds_snapshot.py --snapshot-update -n 0
    for f in tests/snapshots/__snapshots__/test_stage_kinds_snapshot/*.svg; do rsvg-convert -o "${f%.svg}.png" "$f"; done

(the PNGs are for looking at only: delete them after.)
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from facilitator.domain.checkout import FIVE_VALUES
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp

STAGES = [
    {"kind": "welcome", "title": "Welcome", "minutes": 10, "settings": {"text": (
        "Thank you for coming. Today we design the evening crisis sanctuary together, as equals.\n\n"
        "Ground rules: one voice at a time; everyone may pass; what is said here stays here.")}},
    {"kind": "feedback", "title": "You said, we did", "minutes": 10,
     "settings": {"prompt": "What you told us last time, and what we did about it."}},
    {"kind": "ideas", "title": "Ideas, written quietly", "minutes": 15, "settings": {
        "silent": True, "prompt": "What would make the sanctuary feel safe on your first evening?"}},
    {"kind": "group", "title": "Themes", "minutes": 15,
     "settings": {"prompt": "Which ideas belong together? Give each group a short name."}},
    {"kind": "vote", "title": "Dot vote", "minutes": 10, "settings": {
        "dots_per_person": 3, "max_per_candidate": 2, "secret": True,
        "prompt": "Which themes should we work on first?"}},
    {"kind": "decide", "title": "Decisions", "minutes": 20,
     "settings": {"prompt": "Turn the top results into decisions, with the reasons."}},
    {"kind": "actions", "title": "Actions", "minutes": 10,
     "settings": {"prompt": "Who will do what, and by when?"}},
    {"kind": "evaluate", "title": "Check-out", "minutes": 5,
     "settings": {"prompt": "How well did we work together today?"}},
]

PEOPLE = [
    ("Aisha Khan", ["lived experience"], "named"),
    ("Ben Carter", ["carer"], "perspective"),
    ("Chloe Evans", ["staff"], "named"),
    ("Dev Patel", ["commissioner"], "named"),
    ("Erin Walsh", ["lived experience", "carer"], "anonymous"),
    ("Femi Ade", ["other"], "named"),
]

# (text, index in PEOPLE of who said it, or None: not given); the themes they are grouped into.
IDEAS = [
    ("Sofas and lamps, not plastic chairs and a reception hatch.", 0),
    ("A kitchen where you can make your own tea and toast.", None),
    ("A quiet room for people who can't cope with talking yet.", 2),
    ("Someone to meet you at the door within a minute.", 1),
    ("A taxi home when the last bus has gone.", 3),
    ("Open every night, 6pm till 1am at least, weekends included.", 4),
    ("Staff in their own clothes, no lanyards in your face.", 5),
    ("A doorbell, and someone who answers it.", 0),
]
THEMES = {"Feels like a living room": [0, 1, 2, 6], "A warm welcome": [3, 7], "Getting home safely": [4]}

# Each person's dots, by theme name (or "idea:N" for an idea left out of the themes).
DOTS = [
    ["Feels like a living room", "Feels like a living room", "A warm welcome"],
    ["A warm welcome", "Getting home safely", "idea:5"],
    ["Feels like a living room", "A warm welcome", "A warm welcome"],
    ["Getting home safely", "Feels like a living room"],
]


@dataclass
class Built:
    workshop_id: int
    stage_ids: dict[str, int] = field(default_factory=dict)  # by kind
    people: list[int] = field(default_factory=list)


@pytest.fixture(autouse=True)
def fixed_place(monkeypatch, tmp_path):
    """Times of day on screen come from the local time zone: fix it. And keep the terminal's
    memory (theme, presentation mode) out of the real data folder."""
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "facilitator-home"))
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def build(store: Store, clock, upto: str, *, reveal_ideas: bool = True, reveal_vote: bool = False) -> Built:
    """The workshop, run stage by stage up to the first stage of kind ``upto`` (paused there)."""
    workshop = store.create_workshop(title="Crisis sanctuary: the first evening", stages=STAGES,
                                     date="2025-03-14", place="Community hall")
    built = Built(workshop.id, {stage.kind.value: stage.id for stage in store.stages(workshop.id)})
    built.people = [store.add_participant(workshop.id, name, p, a, arrived=True).id for name, p, a in PEOPLE]
    for stage in STAGES:
        kind = stage["kind"]
        stage_id = built.stage_ids[kind]
        store.start_stage(stage_id)
        if kind == upto:
            clock.advance(4 * 60)
            store.pause_timer(stage_id)
        STEPS[kind](store, built, stage_id, last=kind == upto, reveal_ideas=reveal_ideas, reveal_vote=reveal_vote)
        if kind == upto:
            return built
        clock.advance(stage["minutes"] * 60 + 30)
    raise ValueError(f"No stage of kind {upto!r}")


def _during_welcome(store: Store, built: Built, stage_id: int, **_) -> None:
    pass


def _during_feedback(store: Store, built: Built, stage_id: int, **_) -> None:
    workshop_id = built.workshop_id
    store.add_feedback(workshop_id, "Nobody told us when the sanctuary would open.",
                       done="A monthly letter, and the opening date on the GP surgery noticeboard.",
                       status="done", stage_id=stage_id)
    store.add_feedback(workshop_id, "Could it open all night?", status="not possible",
                       reason="The funding covers 6pm to 1am; we will ask again next year.", stage_id=stage_id)
    store.add_feedback(workshop_id, "Carers want somewhere to wait too.", status="planned", stage_id=stage_id)


def _during_ideas(store: Store, built: Built, stage_id: int, *, last: bool, reveal_ideas: bool, **_) -> None:
    for words, who in IDEAS:
        store.add_idea(stage_id, words, said_by=built.people[who] if who is not None else None)
    if not last or reveal_ideas:
        store.set_revealed(stage_id, True)


def _during_group(store: Store, built: Built, stage_id: int, **_) -> None:
    ideas = store.ideas(stage_id=built.stage_ids["ideas"])
    for name, members in THEMES.items():
        theme = store.add_theme(built.workshop_id, name, stage_id=stage_id)
        for index in members:
            store.move_idea(ideas[index].id, theme.id)


def _during_vote(store: Store, built: Built, stage_id: int, *, last: bool, reveal_vote: bool, **_) -> None:
    candidates = store.candidates(stage_id)
    by_label = {candidate.label: candidate for candidate in candidates}
    ideas = store.ideas(stage_id=built.stage_ids["ideas"])
    for person, choices in zip(built.people, DOTS):
        for choice in choices:
            if choice.startswith("idea:"):
                candidate = by_label[ideas[int(choice[5:])].text]
            else:
                candidate = by_label[choice]
            store.cast_dot(stage_id, person, candidate.kind, candidate.id)
    if not last or reveal_vote:
        store.set_revealed(stage_id, True)


def _during_decide(store: Store, built: Built, stage_id: int, **_) -> None:
    theme = next(theme for theme in store.themes(built.workshop_id) if theme.name == "Feels like a living room")
    store.add_decision(built.workshop_id, "Furnish the main room like a living room: sofas, lamps, a kitchen.",
                       rationale="The most dots, from every perspective in the room.", method="vote",
                       decided_by="everyone present", review_date="2025-06-14", stage_id=stage_id,
                       theme_ids=[theme.id])


def _during_actions(store: Store, built: Built, stage_id: int, **_) -> None:
    decision = store.decisions(built.workshop_id)[0]
    store.add_action(built.workshop_id, "Ask three furniture charities for sofas and lamps.",
                     owner_participant_id=built.people[2], due_date="2025-04-11", decision_id=decision.id)
    store.add_action(built.workshop_id, "Cost a taxi account for the journey home.", owner_text="Commissioning team")


def _during_evaluate(store: Store, built: Built, stage_id: int, **_) -> None:
    for scores in ([5, 4, 4, 5, 3], [4, 4, 5, 5, 4]):
        store.add_values_scores(built.workshop_id, dict(zip(FIVE_VALUES, scores)), stage_id=stage_id)


# What happens in each kind of stage (the last one only as far as its case asks).
STEPS = {
    "welcome": _during_welcome, "feedback": _during_feedback, "ideas": _during_ideas, "group": _during_group,
    "vote": _during_vote, "decide": _during_decide, "actions": _during_actions, "evaluate": _during_evaluate,
}


async def settle(pilot: Pilot) -> None:
    for _ in range(5):
        await pilot.pause()
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False  # a blinking cursor would make every other snapshot differ
    await pilot.pause()


def choosing(person: int) -> Callable[[Pilot], Awaitable[None]]:
    """Before the picture: the vote panel has ``person`` (an index in PEOPLE) giving dots."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        panel = pilot.app.screen.panel
        panel.choose(panel.store.participants(panel.workshop_id)[person].id)
        await settle(pilot)

    return run_before


# id: (the stage kind shown, options for ``build``, what to do before the picture)
CASES = {
    "welcome": ("welcome", {}, settle),
    "ideas-silent": ("ideas", {"reveal_ideas": False}, settle),
    "ideas-revealed": ("ideas", {}, settle),
    "group": ("group", {}, settle),
    "vote-entering": ("vote", {}, choosing(3)),  # Dev Patel: one of his three dots left
    "vote-revealed": ("vote", {"reveal_vote": True}, settle),
    "decide": ("decide", {}, settle),
    "actions": ("actions", {}, settle),
    "feedback": ("feedback", {}, settle),
    "evaluate": ("evaluate", {}, settle),
}
LARGE = list(CASES)  # the issue asks for every stage kind at both sizes, each looked at


def app_for(store: Store, clock, case: str) -> tuple[FacilitatorApp, Callable[[Pilot], Awaitable[None]]]:
    kind, options, run_before = CASES[case]
    built = build(store, clock, kind, **options)
    return FacilitatorApp(store, start="run", workshop_id=built.workshop_id), run_before


@pytest.mark.parametrize("case", list(CASES))
def test_stage_at_80x24(snap_compare, store: Store, clock, case: str) -> None:
    app, run_before = app_for(store, clock, case)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("case", LARGE)
def test_stage_at_160x48(snap_compare, store: Store, clock, case: str) -> None:
    app, run_before = app_for(store, clock, case)
    assert snap_compare(app, terminal_size=(160, 48), run_before=run_before)
