"""The demo database: what someone opening ``facilitator demo`` for the first time will see."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest

from facilitator.demo import FINISHED_UID, IN_PROGRESS_UID, seed_demo
from facilitator.domain.errors import RuleBroken
from facilitator.domain.models import StageKind
from facilitator.storage.store import Store, open_store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory):
    path: Path = tmp_path_factory.mktemp("demo") / "demo.db"
    store = open_store(path)
    ids = seed_demo(store)
    yield store, ids
    store.close()


def stage_of(store: Store, workshop_id: int, kind: StageKind):
    return next(stage for stage in store.stages(workshop_id) if stage.kind == kind)


def test_the_finished_workshop_has_a_full_room_and_about_forty_ideas(seeded):
    store, (finished, _) = seeded
    workshop = store.workshop(finished)
    assert workshop.status == "finished" and workshop.uid == FINISHED_UID
    assert workshop.date < date.today().isoformat()
    people = store.participants(finished)
    assert len(people) == 12
    assert all(person.arrived_at for person in people)
    assert len(store.present_ids(finished)) == 11  # one left early
    assert {person.attribution for person in people} == {"named", "perspective", "anonymous"}
    assert any(len(person.perspectives) == 2 for person in people)
    assert {p for person in people for p in person.perspectives} == {
        "lived experience", "carer", "staff", "commissioner", "other",
    }  # fmt: skip
    assert sum(bool(person.support_needs) for person in people) >= 2

    ideas = store.ideas(workshop_id=finished)
    assert 35 <= len(ideas) <= 45
    anonymous = [idea for idea in ideas if idea.anonymous]
    assert anonymous and all(idea.said_by is None for idea in anonymous)
    assert any(idea.typed_by == "Priya (note-taker)" for idea in ideas)
    assert 5 <= len(store.themes(finished)) <= 7


def test_the_finished_workshop_ran_to_time_but_one_stage_overran_after_an_extension(seeded):
    store, (finished, _) = seeded
    stages = store.stages(finished)
    assert all(stage.started_at and stage.ended_at and stage.timer_status == "done" for stage in stages)
    events = {stage.title: [event.event for event in store.stage_events(stage.id)] for stage in stages}
    overran = [title for title, names in events.items() if "overrun" in names]
    assert len(overran) == 1
    assert "extend" in events[overran[0]]


def test_the_revealed_vote_has_a_tie_at_the_top(seeded):
    store, (finished, _) = seeded
    vote = stage_of(store, finished, StageKind.VOTE)
    assert vote.revealed
    rows = store.results(vote.id)
    top = [row for row in rows if row.rank == 1]
    assert len(top) == 2 and all(row.tied for row in top)
    assert top[0].dots == top[1].dots
    # Everyone present at the vote used exactly the same, full budget.
    assert set(store.dots_used(vote.id).values()) == {vote.vote_budget}
    assert len(store.dots_used(vote.id)) == 11


def test_the_decisions_include_a_superseded_one_with_rationale_method_and_dissent(seeded):
    store, (finished, _) = seeded
    decisions = store.decisions(finished)
    superseded = [d for d in decisions if d.status == "superseded"]
    assert len(superseded) == 1
    later = store.decision(superseded[0].superseded_by_id)
    assert later.workshop_id == finished and later.supersedes_id == superseded[0].id
    assert later.rationale and later.method == "vote"
    assert store.dissents(later.id)
    assert len({d.method for d in decisions}) >= 3
    assert all(len(d.present) == 11 for d in decisions)


def test_actions_feedback_and_values_are_recorded(seeded):
    store, (finished, _) = seeded
    actions = store.actions(finished)
    assert len(actions) >= 4
    assert all(action.due_date and (action.owner_participant_id or action.owner_text) for action in actions)
    done = [action for action in actions if action.status == "done"]
    assert done and all(store.action_updates(action.id)[-1].note for action in done)

    feedback = store.feedback_items(finished)
    not_possible = [item for item in feedback if item.status == "not possible"]
    assert len(not_possible) == 1 and not_possible[0].reason

    scores = store.values_scores(finished)
    assert Counter(score.value for score in scores) == {value: 10 for value in
                                                         ("Empathy", "Inclusion", "Honesty", "Working Together", "Personalisation")}  # fmt: skip


def test_the_workshop_in_progress_is_at_its_secret_vote_with_some_dots_cast(seeded):
    store, (finished, in_progress) = seeded
    workshop = store.workshop(in_progress)
    assert workshop.status == "in progress" and workshop.uid == IN_PROGRESS_UID
    assert workshop.date == date.today().isoformat()
    assert workshop.series == store.workshop(finished).series
    assert store.previous_in_series(in_progress).id == finished

    current = store.current_stage(in_progress)
    assert current.kind == StageKind.VOTE
    assert not current.revealed
    used = store.dots_used(current.id)
    assert 0 < len(used) < len(store.present_ids(in_progress))  # some people still to vote
    assert max(used.values()) == current.vote_budget
    with pytest.raises(RuleBroken):
        store.results(current.id)  # secret until revealed

    ideas = store.ideas(workshop_id=in_progress)
    assert len(ideas) >= 20
    assert sum(idea.theme_id is not None for idea in ideas) > len(ideas) // 2
    later = [stage for stage in store.stages(in_progress) if stage.position > current.position]
    assert later and all(stage.started_at is None for stage in later)


def test_the_workshop_in_progress_reviews_last_times_open_items(seeded):
    store, (finished, in_progress) = seeded
    review = stage_of(store, in_progress, StageKind.FEEDBACK)
    carried = [item for item in store.feedback_items(in_progress) if item.source_workshop_id == finished]
    assert carried and all(item.stage_id == review.id for item in carried)
    open_before = [a for a in store.actions(finished) if a.status in ("open", "in progress")]
    assert len(carried) >= len(open_before)


def test_nothing_in_the_workshop_in_progress_happened_in_the_future(seeded):
    store, (_, in_progress) = seeded
    now = datetime.now().astimezone()
    times = [stage.started_at for stage in store.stages(in_progress) if stage.started_at]
    times += [idea.created_at for idea in store.ideas(workshop_id=in_progress)]
    assert times and all(datetime.fromisoformat(moment) <= now for moment in times)


def test_seeding_twice_adds_nothing(tmp_path):
    store = open_store(tmp_path / "demo.db")
    try:
        first = seed_demo(store)

        def counts():
            vote = store.current_stage(first[1])
            return [len(store.ideas(workshop_id=w)) for w in first], sum(store.dots_used(vote.id).values())

        before = counts()
        assert seed_demo(store) == first
        assert store.count_workshops() == 2
        assert counts() == before
    finally:
        store.close()
