"""A realistic demo database: two workshops of a co-production group designing a crisis sanctuary.

``seed_demo`` plays both workshops through the ordinary Store methods, as a facilitator would, on a
fake clock that moves through the day: the first, a few weeks ago, is finished (with an overrun,
a tied vote, a superseded decision, actions and a Five Values check-out); the second, today, is in
progress at its secret vote, with some dots cast and none revealed.

Each workshop is seeded in one ``BEGIN IMMEDIATE`` transaction, so it is there whole or not at all:
a seeding interrupted by Ctrl+C or ``kill -9`` leaves no half-made workshop behind, and the next run
simply seeds it again. (The other way, spotting an incomplete demo workshop and replacing it, would
need a rule for "complete" that every change to the demo must keep true, and a way to delete a
workshop from every table; one transaction needs neither.) Seeding twice does nothing the second
time: each workshop has a fixed uid and is skipped if present, checked inside the same transaction,
so two terminals seeding at once still make one demo.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from facilitator import paths
from facilitator.demo import data
from facilitator.domain.agenda import load_agenda_file, stages_from_agenda
from facilitator.domain.models import FIVE_VALUES, Participant, Stage, StageKind
from facilitator.storage.store import Store

FINISHED_UID = "demo-crisis-sanctuary-1"
IN_PROGRESS_UID = "demo-crisis-sanctuary-2"
AGENDA_FILE = "coproduction-workshop.toml"
MINUTE = 60.0
# The in-progress workshop began this many minutes ago: the stages before its vote, plus four
# minutes of voting (see ``_seed_in_progress``), so its timeline ends about now.
SECOND_RUNS_FOR = 14 + 9 + 14.5 + 19.5 + 15 + 19 + 4


class FakeClock:
    """Epoch seconds that move only when the demo says so: the workshop's day, not the real one."""

    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += minutes * MINUTE


def seed_demo(store: Store) -> tuple[int, int]:
    """Add the two demo workshops (unless already there); returns (finished_id, in_progress_id)."""
    finished_start = datetime.combine(date.today() - timedelta(days=23), time(10, 0)).timestamp()
    finished_id = _seed_whole(store, FINISHED_UID, _seed_finished, finished_start)
    # Timed so that the vote opened a few minutes before now.
    in_progress_start = datetime.now().timestamp() - SECOND_RUNS_FOR * MINUTE
    in_progress_id = _seed_whole(store, IN_PROGRESS_UID, _seed_in_progress, in_progress_start)
    return finished_id, in_progress_id


class _InOneTransaction(Store):
    """A store whose writes all join the transaction already open on its connection.

    Only for seeding: the demo plays a whole workshop through the ordinary Store methods, and
    this makes the whole workshop one commit (see the module's docstring).
    """

    def write(self):
        return contextlib.nullcontext(self.db)


def _seed_whole(store: Store, uid: str, play: Callable[[Store, FakeClock], int], start: float) -> int:
    """Seed one workshop in one transaction, unless a workshop with ``uid`` is already there."""
    with store.write():
        found = store.workshop_by_uid(uid)
        if found is not None:
            return found.id
        clock = FakeClock(start)
        return play(_InOneTransaction(store.database, clock=clock), clock)


def _agenda_stages() -> list[dict]:
    # The shipped file itself, not a user agenda that might share its name.
    agenda = load_agenda_file(paths.shipped_agendas_dir() / AGENDA_FILE)
    return stages_from_agenda(agenda)


class _Session:
    """One workshop being played through: the store on the fake clock, its roster and stages."""

    def __init__(self, store: Store, clock: FakeClock, workshop_id: int) -> None:
        self.store, self.clock, self.workshop_id = store, clock, workshop_id
        self.people: dict[str, Participant] = {}
        self.stages = store.stages(workshop_id)
        self.themes: dict[str, int] = {}
        self.ideas: list[tuple[int, str | None]] = []  # (idea id, theme key)

    def stage(self, kind: StageKind, number: int = 1) -> Stage:
        return [stage for stage in self.stages if stage.kind == kind][number - 1]

    def add_people(self, people: dict, *, absent: tuple[str, ...] = ()) -> None:
        # The series' standing roster is listed already (not yet here): they are marked as they arrive.
        listed = {person.name: person for person in self.store.participants(self.workshop_id)}
        for key, (name, perspectives, attribution, needs) in people.items():
            if name in listed:
                here = key not in absent
                self.people[key] = self.store.mark_arrived(listed[name].id) if here else listed[name]
            else:
                self.people[key] = self.store.add_participant(
                    self.workshop_id, name, list(perspectives), attribution, needs, arrived=key not in absent
                )
            self.clock.advance(1.25)

    def recognise(self, choices: dict) -> None:
        """How each person's time is recognised (data.RECOGNITION_1, ...)."""
        for key, (kind, cause, expenses) in choices.items():
            self.store.record_recognition(self.people[key].id, kind, donated_to=cause, **expenses)

    def run(self, stage: Stage, minutes: float) -> Stage:
        """Start a stage (ending the one before) and let ``minutes`` pass."""
        started = self.store.start_stage(stage.id)
        self.clock.advance(minutes)
        return started

    def give_ideas(self, stage: Stage, ideas: list, minutes: float) -> None:
        self.store.start_stage(stage.id)
        step = minutes / (len(ideas) + 1)
        for who, text, theme, typed in ideas:
            self.clock.advance(step)
            idea = self.store.add_idea(
                stage.id,
                text,
                said_by=self.people[who].id if who else None,
                anonymous=who is None,
                typed_by=data.NOTE_TAKER if typed else "",
            )
            self.ideas.append((idea.id, theme))
        self.clock.advance(step)

    def group(self, stage: Stage, names: dict[str, str], minutes: float) -> None:
        for key, name in names.items():
            self.themes[key] = self.store.add_theme(self.workshop_id, name, stage.id).id
        step = minutes / (len(self.ideas) + 1)
        for idea_id, theme in self.ideas:
            if theme is not None:
                self.store.move_idea(idea_id, self.themes[theme])
            self.clock.advance(step)
        self.clock.advance(step)

    def cast(self, stage: Stage, dots: dict[str, list[str]]) -> None:
        ungrouped = [idea_id for idea_id, theme in self.ideas if theme is None]
        for who, choices in dots.items():
            for choice in choices:
                if choice.startswith("idea:"):
                    kind, target = "idea", ungrouped[int(choice.removeprefix("idea:"))]
                else:
                    kind, target = "theme", self.themes[choice]
                self.store.cast_dot(stage.id, self.people[who].id, kind, target)
            self.clock.advance(0.5)


def _seed_finished(store: Store, clock: FakeClock) -> int:
    opening = clock.now
    clock.advance(-30)  # set up half an hour before the start
    workshop = store.create_workshop(
        title=data.FIRST_TITLE, stages=_agenda_stages(), purpose=data.FIRST_PURPOSE,
        date=date.fromtimestamp(clock.now).isoformat(), place=data.FIRST_PLACE,
        involvement="co-production", series=data.SERIES, agenda_name="Co-production workshop",
        uid=FINISHED_UID, details={**data.PACK_DETAILS, "start_time": data.FIRST_START},
    )  # fmt: skip
    store.set_series_settings(data.SERIES, hourly_rate_pence=data.HOURLY_RATE_PENCE,
                              rounding_minutes=data.ROUNDING_MINUTES)  # fmt: skip
    day = _Session(store, clock, workshop.id)
    clock.advance(10)
    day.add_people(data.PEOPLE)  # everyone arrived, over the twenty minutes before ten
    for person in day.people.values():  # the group meets monthly: its standing roster
        store.add_participant_to_series(person.id)
    clock.now = opening

    day.run(day.stage(StageKind.WELCOME), 14.5)
    day.give_ideas(day.stage(StageKind.IDEAS, 1), data.ROUND_1, 14)
    quiet = day.stage(StageKind.IDEAS, 2)
    day.give_ideas(quiet, data.QUIET_1, 18)
    store.extend_timer(quiet.id, 5 * MINUTE)  # people were still writing
    clock.advance(5)
    day.run(day.stage(StageKind.BREAK), 5)
    store.mark_left(day.people["derek"].id)  # had to collect his son
    clock.advance(9)

    themes = day.stage(StageKind.GROUP)
    day.run(themes, 0)
    day.group(themes, data.THEMES_1, 19)
    store.extend_timer(themes.id, 5 * MINUTE)
    clock.advance(8)  # two minutes past the extension: the overrun is logged when the stage ends

    vote = day.stage(StageKind.VOTE)
    day.run(vote, 1)
    day.cast(vote, data.DOTS_1)
    clock.advance(2)
    store.set_revealed(vote.id)
    clock.advance(1)

    decide = day.stage(StageKind.DECIDE)
    day.run(decide, 2)
    decisions = _decide_first(day, decide)
    clock.advance(1)

    day.run(day.stage(StageKind.ACTIONS), 1)
    actions = _act_first(day, decisions)
    for said, done, status, reason in data.FEEDBACK_1:
        store.add_feedback(workshop.id, said, done=done, status=status, reason=reason)
        clock.advance(0.75)

    evaluate = day.stage(StageKind.EVALUATE)
    day.run(evaluate, 2)
    for row in data.VALUES_1:
        store.add_values_scores(workshop.id, dict(zip(FIVE_VALUES, row)), stage_id=evaluate.id)
        clock.advance(0.6)
    clock.advance(2)
    store.finish_workshop(workshop.id)
    day.recognise(data.RECOGNITION_1)

    # What happened in the weeks after.
    clock.advance(3 * 24 * 60)
    store.update_action(actions["large print"], "done", "Large print and easy read minutes posted to everyone who asked.")
    clock.advance(5 * 24 * 60)
    store.update_action(actions["floor plan"], "done", "Floor plan shared by email: three sofas, lamps and a kitchenette, agreed with the landlord.")
    clock.advance(4 * 24 * 60)
    store.update_action(actions["slippers"], "in progress", "Health and safety are trialling non-slip slippers on two night shifts.")
    return workshop.id


def _decide_first(day: _Session, stage: Stage) -> dict[str, int]:
    store, clock, people, themes = day.store, day.clock, day.people, day.themes
    tie = store.add_decision(
        day.workshop_id,
        "Take both top themes forward together: the living room feel and the opening hours.",
        rationale="The vote tied on 9 dots each. Rather than re-vote, the group agreed the two depend on each other: "
        "a homely place is no use if it is shut when people need it.",
        method="consensus", decided_by="Everyone present", stage_id=stage.id,
        theme_ids=[day.themes["home"], day.themes["hours"]],
    )  # fmt: skip
    clock.advance(4)
    weekdays = store.add_decision(
        day.workshop_id,
        "Open 6pm to midnight on weekdays to begin with, and decide about weekends later.",
        rationale="A smaller start that the current budget can certainly cover.",
        method="consensus", decided_by="Everyone present", stage_id=stage.id, theme_ids=[themes["hours"]],
    )  # fmt: skip
    clock.advance(6)
    home = store.add_decision(
        day.workshop_id,
        "The sanctuary will feel like a living room: sofas, lamps, a kitchen where visitors can make tea and toast, "
        "and staff in their own clothes and slippers rather than uniforms.",
        rationale="People with lived experience said clinical rooms made their distress worse; this is what they asked for.",
        method="consensus", decided_by="Everyone present", stage_id=stage.id, theme_ids=[themes["home"]],
        dissent=[(people["lee"].id, "Agrees with the living room, but slippers on night shifts need a health and safety check first.")],
    )  # fmt: skip
    clock.advance(7)
    hours = store.add_decision(
        day.workshop_id,
        "Open 6pm to 1am every day of the year, weekends and bank holidays included, with a phone line from 11am to 6pm.",
        rationale="Carers and night staff said weekends and late evenings are when people have least support. "
        "The commissioners found the daytime phone line can be shared with NHS 111 option 2, which frees the money for seven nights.",
        method="vote", decided_by="Everyone present, by show of hands (9 for, 2 against)", stage_id=stage.id,
        theme_ids=[themes["hours"]], supersedes_id=weekdays.id, review_date=_days_after(clock, 180),
        dissent=[(people["raj"].id, "Supports the aim, but the money for seven nights is only confirmed for the first year.")],
    )  # fmt: skip
    clock.advance(4)
    store.add_decision(
        day.workshop_id,
        "Visitors are referred through NHS 111 option 2 to begin with; whether people can walk in without a "
        "referral will be decided after six months.",
        rationale="The group was split. Walk-ins feel more welcoming, but staff worry about turning people away on busy nights.",
        method="delegated", decided_by="Helen Marsh (commissioner), with the group's advice", status="deferred",
        stage_id=stage.id, theme_ids=[themes["access"]], review_date=_days_after(clock, 180),
    )  # fmt: skip
    return {"tie": tie.id, "home": home.id, "hours": hours.id}


def _act_first(day: _Session, decisions: dict[str, int]) -> dict[str, int]:
    store, people, workshop_id = day.store, day.people, day.workshop_id
    plan = [
        ("floor plan", "Draft a floor plan and furniture list with the living room feel, for the next workshop.",
         people["jo"].id, "", 14, decisions["home"]),
        ("slippers", "Check with health and safety whether staff can wear slippers on night shifts.",
         people["aisha"].id, "", 21, decisions["home"]),
        ("budget", "Confirm the money for seven nights a week, 6pm to 1am, for the first two years.",
         people["helen"].id, "", 28, decisions["hours"]),
        ("111", "Ask NHS 111 how option 2 calls will be passed to the sanctuary, and share the script with the group.",
         None, "Crisis line manager (not present)", 21, decisions["hours"]),
        ("taxis", "Find out about taxi vouchers for visitors leaving after the last bus.",
         people["raj"].id, "", 28, None),
        ("large print", "Send large print and easy read versions of today's minutes to everyone who asked.",
         None, data.NOTE_TAKER, 7, None),
    ]  # fmt: skip
    made = {}
    for key, what, owner, owner_text, due_in, decision in plan:
        made[key] = store.add_action(
            workshop_id, what, owner_participant_id=owner, owner_text=owner_text,
            due_date=_days_after(day.clock, due_in), decision_id=decision,
        ).id  # fmt: skip
        day.clock.advance(2.5)
    return made


def _seed_in_progress(store: Store, clock: FakeClock) -> int:
    opening = clock.now
    clock.advance(-20)
    # The agenda has no feedback stage: with open items to carry, the series' next workshop gets a
    # "You said, we did: since last time" stage after the welcome, holding them (create_workshop).
    workshop = store.create_workshop(
        title=data.SECOND_TITLE, stages=_agenda_stages(), purpose=data.SECOND_PURPOSE,
        date=date.today().isoformat(), place=data.SECOND_PLACE, involvement="co-production",
        series=data.SERIES, agenda_name="Co-production workshop", uid=IN_PROGRESS_UID,
        details={**data.PACK_DETAILS, "start_time": datetime.fromtimestamp(opening).strftime("%H:%M")},
    )  # fmt: skip
    day = _Session(store, clock, workshop.id)
    day.add_people(data.PEOPLE | data.NEWCOMER, absent=("derek",))  # Derek sent his apologies
    clock.now = opening

    day.run(day.stage(StageKind.WELCOME), 14)
    review = day.stage(StageKind.FEEDBACK)
    day.run(review, 1)
    # create_workshop already brought in last time's open actions and unanswered items, each linked
    # to what it came from: answering the taxi item here marks the first workshop's action done.
    for item in store.feedback_items(workshop.id):
        if "taxi" in item.said.lower():
            store.update_feedback(item.id, said=item.said, status="done", by="Facilitator",
                                  done="Taxi vouchers are agreed for anyone leaving after 11pm.")  # fmt: skip
    clock.advance(8)
    day.give_ideas(day.stage(StageKind.IDEAS, 1), data.ROUND_2, 14.5)
    day.give_ideas(day.stage(StageKind.IDEAS, 2), data.QUIET_2, 19.5)
    day.run(day.stage(StageKind.BREAK), 15)
    themes = day.stage(StageKind.GROUP)
    day.run(themes, 0)
    day.group(themes, data.THEMES_2, 19)

    vote = day.stage(StageKind.VOTE)
    day.run(vote, 0)
    day.cast(vote, data.DOTS_2)
    # Paused while the facilitator answers a question, so the demo looks the same whenever it is opened.
    store.pause_timer(vote.id)
    day.recognise(data.RECOGNITION_2)
    return workshop.id


def _days_after(clock: FakeClock, days: int) -> str:
    return (date.fromtimestamp(clock.now) + timedelta(days=days)).isoformat()

