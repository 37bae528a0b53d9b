"""Make a large, realistic workshop through the Store, for benchmarks to measure against.

The default is the size named in the performance budget: 60 people, 600 ideas, 6,000 dots over
five secret vote stages (revealed), 60 decisions, with themes, dissent, actions, "You said, we
did" replies and a Five Values check-out. Everything goes through the Store, so the record obeys
every rule a real one does. Deterministic for a given seed (the clock is simulated too).

    from benchmarks.generate import generate_large_workshop, large_workshop_file
    workshop_id = generate_large_workshop(store)            # into an open Store
    path, workshop_id = large_workshop_file(tmp / "big.db")  # or a file, made once and reused

    python benchmarks/generate.py [PATH]   # make one and print its id, counts and time taken
"""

from __future__ import annotations

import random
import sqlite3
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.storage.store import Store, open_store  # noqa: E402

START = 1_741_946_400.0  # 2025-03-14 10:00 UTC
PERSPECTIVES = ["lived experience", "carer", "staff", "commissioner", "other"]
ATTRIBUTIONS = ["named", "perspective", "perspective", "anonymous"]
FIRST = ["Aisha", "Ben", "Chloe", "Dev", "Erin", "Femi", "Grace", "Hamza", "Isla", "Jon", "Kemi", "Liam"]
LAST = ["Khan", "Carter", "Evans", "Patel", "Walsh", "Ade", "Okoro", "Reid", "Nowak", "Price"]
TOPICS = [
    "night staff", "the garden", "visiting hours", "peer support", "discharge letters", "the quiet room",
    "care plans", "meal times", "phone access", "crisis line", "carers' leaflets", "community groups",
    "the waiting room", "ward rounds", "medication reviews", "transport home", "interpreters", "activities",
]
VERBS = ["More", "Better", "Clearer", "Earlier", "Kinder", "Shorter waits for", "Easy read", "Weekend"]


class SimulatedClock:
    """Moves forward a little on every reading, so times in the record are spread like real ones."""

    def __init__(self, start: float = START, step: float = 0.5) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _stages(idea_stages: int, vote_stages: int, dots_per_person: int) -> list[dict]:
    """Welcome, then rounds of ideas → grouping → votes, then decisions, actions, feedback, check-out."""
    stages: list[dict] = [{"kind": "welcome", "title": "Welcome and ground rules", "minutes": 10}]
    votes_left = vote_stages
    for round_number in range(1, idea_stages + 1):
        stages.append({"kind": "ideas", "title": f"Ideas, round {round_number}", "minutes": 20})
        stages.append({"kind": "group", "title": f"Group the ideas, round {round_number}", "minutes": 10})
        votes_now = votes_left // (idea_stages - round_number + 1)
        for _ in range(votes_now):
            number = vote_stages - votes_left + 1
            stages.append(
                {
                    "kind": "vote",
                    "title": f"Dot vote {number}",
                    "minutes": 10,
                    "settings": {"dots_per_person": dots_per_person, "max_per_candidate": 3, "secret": True},
                }
            )
            votes_left -= 1
        if round_number == 1:
            stages.append({"kind": "break", "title": "Break", "minutes": 15})
    stages += [
        {"kind": "decide", "title": "What we decide", "minutes": 30},
        {"kind": "actions", "title": "Who does what", "minutes": 15},
        {"kind": "feedback", "title": "You said, we did", "minutes": 15},
        {"kind": "evaluate", "title": "Five Values check-out", "minutes": 10},
    ]
    return stages


def generate_large_workshop(
    store: Store,
    *,
    people: int = 60,
    ideas: int = 600,
    dots: int = 6_000,
    vote_stages: int = 5,
    idea_stages: int = 3,
    themes: int = 60,
    decisions: int = 60,
    seed: int = 1,
    title: str = "Large benchmark workshop",
) -> int:
    """Fill ``store`` with one large workshop and return its id. ``dots`` is spread evenly."""
    rng = random.Random(seed)
    if dots % (people * vote_stages):
        raise ValueError("dots must be a multiple of people x vote stages, so every budget is used up.")
    dots_per_person = dots // (people * vote_stages)
    workshop = store.create_workshop(
        title=title, stages=_stages(idea_stages, vote_stages, dots_per_person), date="2025-03-14",
        place="Community hall", purpose="Decide what would make the ward feel safer.", series="Benchmarks",
    )
    stages = store.stages(workshop.id)
    clock = store.clock if isinstance(store.clock, SimulatedClock) else None

    roster = []
    for number in range(people):
        name = f"{FIRST[number % len(FIRST)]} {LAST[(number * 7) % len(LAST)]} {number + 1}"
        perspectives = rng.sample(PERSPECTIVES, k=1 if rng.random() < 0.8 else 2)
        roster.append(
            store.add_participant(
                workshop.id, name, perspectives, rng.choice(ATTRIBUTIONS),
                support_needs="Large print" if number % 9 == 0 else "", arrived=True,
            ).id
        )

    idea_stage_ids = [s.id for s in stages if s.kind == "ideas"]
    ideas_per_stage = ideas // len(idea_stage_ids)
    themes_per_stage = themes // len(idea_stage_ids)
    all_themes: list[int] = []
    all_ideas: list[int] = []
    for stage in stages:
        store.start_stage(stage.id)
        if stage.kind == "ideas":
            round_ideas = []
            for number in range(ideas_per_stage):
                speaker = rng.choice(roster)
                anonymous = rng.random() < 0.15
                text = f"{rng.choice(VERBS)} {rng.choice(TOPICS)} ({stage.position}.{number + 1})"
                idea = store.add_idea(
                    stage.id, text, said_by=None if anonymous else speaker, anonymous=anonymous,
                    typed_by=rng.choice(["", "Note-taker 1", "Note-taker 2"]),
                )
                round_ideas.append(idea.id)
            round_themes = [
                store.add_theme(workshop.id, f"{TOPICS[(len(all_themes) + t) % len(TOPICS)].capitalize()} {len(all_themes) + t + 1}", stage.id).id
                for t in range(themes_per_stage)
            ]
            for index, idea_id in enumerate(round_ideas):
                store.move_idea(idea_id, round_themes[index % len(round_themes)])
            all_ideas += round_ideas
            all_themes += round_themes
        elif stage.kind == "vote":
            candidates = [c.id for c in store.candidates(stage.id)]
            for person in roster:
                given: dict[int, int] = {}
                while sum(given.values()) < dots_per_person:
                    theme_id = rng.choice(candidates)
                    if given.get(theme_id, 0) >= 3:
                        continue
                    store.cast_dot(stage.id, person, "theme", theme_id, entered_by="Facilitator")
                    given[theme_id] = given.get(theme_id, 0) + 1
            store.set_revealed(stage.id)
        elif stage.kind == "decide":
            _decisions(store, rng, workshop.id, stage.id, decisions, all_themes, all_ideas, roster)
        elif stage.kind == "actions":
            for decision in store.decisions(workshop.id):
                action = store.add_action(
                    workshop.id, f"Follow up: {decision.statement[:60]}", decision_id=decision.id,
                    owner_participant_id=rng.choice(roster), due_date=f"2025-0{rng.randint(4, 9)}-{rng.randint(10, 28)}",
                )
                if rng.random() < 0.4:
                    store.update_action(action.id, "in progress", "Started")
        elif stage.kind == "feedback":
            for number in range(20):
                status = ["done", "in progress", "planned", "not possible"][number % 4]
                store.add_feedback(
                    workshop.id, f"You said: {rng.choice(VERBS).lower()} {rng.choice(TOPICS)}", done="We looked at it",
                    status=status, reason="The building is leased" if status == "not possible" else "", stage_id=stage.id,
                )
        elif stage.kind == "evaluate":
            for _ in roster:
                store.add_values_scores(
                    workshop.id, {value: rng.randint(2, 5) for value in
                                  ("Empathy", "Inclusion", "Honesty", "Working Together", "Personalisation")},
                    stage_id=stage.id,
                )
        if clock is not None:
            clock.advance(stage.planned_minutes * 60 * rng.uniform(0.8, 1.2))
    store.finish_workshop(workshop.id)
    return workshop.id


def _decisions(store, rng, workshop_id, stage_id, count, themes, ideas, roster) -> None:
    made: list[int] = []
    methods = ["consensus", "vote", "delegated", "consensus"]
    for number in range(count):
        supersedes = made[-1] if made and number % 15 == 0 else None
        decision = store.add_decision(
            workshop_id, f"We will improve {rng.choice(TOPICS)} (decision {number + 1})",
            rationale=f"Most dots went to this; {rng.choice(TOPICS)} came up in every round.",
            method=methods[number % len(methods)], decided_by="The whole group", stage_id=stage_id,
            review_date="2025-09-01" if number % 3 == 0 else None,
            theme_ids=[themes[number % len(themes)]], idea_ids=rng.sample(ideas, k=2),
            supersedes_id=supersedes,
            dissent=[(rng.choice(roster), "I worry this will not be funded.")] if number % 5 == 0 else [],
        )
        made.append(decision.id)


def large_workshop_file(path: Path | str, **options) -> tuple[Path, int]:
    """A database file holding one large workshop: made on first use, then reused as it is."""
    path = Path(path)
    if path.exists():
        conn = sqlite3.connect(path)
        try:
            row = conn.execute("SELECT id FROM workshops WHERE title = 'Large benchmark workshop'").fetchone()
        finally:
            conn.close()
        if row:
            return path, row[0]
    store = open_store(path, clock=SimulatedClock())
    try:
        return path, generate_large_workshop(store, **options)
    finally:
        store.close()


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else Path("benchmark-large-workshop.db")
    if path.exists():
        print(f"{path}: already exists; give a new file name.", file=sys.stderr)
        return 1
    started = time.perf_counter()
    path, workshop_id = large_workshop_file(path)
    took = time.perf_counter() - started
    conn = sqlite3.connect(path)
    counts = {
        table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("participants", "ideas", "themes", "votes", "decisions", "actions", "feedback_items")
    }
    conn.close()
    print(f"workshop {workshop_id} in {path} made in {took:.1f} s")
    print("  " + ", ".join(f"{n:,} {table}" for table, n in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
