"""Fair dot budgets and settling ties, at the store: auto dots for 1-60 candidates, changing the
dots until the first is given, run-offs among the tied (budget, link, candidates), and a tie
settled by the room; each logged, and the phones' path (cast_dot) held to the run-off's list."""

from __future__ import annotations

import pytest

from facilitator.domain import voting
from facilitator.domain.errors import NotFound, RuleBroken
from facilitator.outputs.minutes import render_markdown
from facilitator.storage.exchange import load_record


@pytest.mark.parametrize("count", range(1, 61))
def test_auto_dots_are_at_least_two_from_four_candidates_and_never_one_each(store, count):
    workshop = store.create_workshop(
        title="Auto", date="2025-03-14",
        stages=[{"kind": "ideas", "title": "Ideas", "minutes": 5},
                {"kind": "vote", "title": "Vote", "minutes": 5, "settings": {"dots_per_person": "auto"}}],
    )  # fmt: skip
    ideas, vote = store.stages(workshop.id)
    store.add_ideas(ideas.id, [f"Idea {n}" for n in range(count)])
    store.start_stage(vote.id)
    budget = store.stage(vote.id).vote_budget
    assert len(store.candidates(vote.id)) == count
    assert 1 <= budget <= 20
    if count >= 4:
        assert budget >= 2
    if count >= 2:
        assert budget < count


def revealed_tie(workshop_factory, store, settings=None, dots=((0, 0), (1, 1), (2, 2))):
    """Four ideas; three people each give a dot: ideas 1, 2 and 3 tie at the top with one each."""
    built = workshop_factory(people=3, ideas=4, vote_settings=settings)
    vote = built.vote
    store.start_stage(vote.id)
    candidates = store.candidates(vote.id)
    for person, idea in dots:
        store.cast_dot(vote.id, built.people[person].id, candidates[idea].kind, candidates[idea].id)
    store.set_revealed(vote.id)
    return built, vote, candidates


def test_the_budget_line_says_the_dots_and_the_most_on_one(workshop_factory, store):
    built = workshop_factory(people=2, ideas=6, vote_settings={"dots_per_person": 3, "max_per_candidate": 2})
    assert store.budget_line(built.vote.id) == "Everyone has 3 dots, at most 2 on one."


def test_the_dots_can_change_until_the_first_dot_and_the_change_is_logged(workshop_factory, store):
    built = workshop_factory(people=2, ideas=6)
    vote = built.vote
    store.start_stage(vote.id)
    assert store.set_dot_budget(vote.id, "4", "1") == "Everyone has 4 dots, at most 1 on one."
    assert store.vote_budget(vote.id) == 4
    [event] = [e for e in store.stage_events(vote.id) if e.event == "dots changed"]
    assert "was \u201cEveryone has 3 dots, at most 2 on one.\u201d" in event.note
    first = store.candidates(vote.id)[0]
    store.cast_dot(vote.id, built.people[0].id, first.kind, first.id)
    with pytest.raises(RuleBroken, match="the first dot has been given"):
        store.set_dot_budget(vote.id, 5, 2)
    with pytest.raises(RuleBroken, match="cannot be more than the dots"):
        voting.check_budget(2, 3)


def test_a_run_off_is_a_new_secret_vote_among_the_tied_with_fresh_equal_dots(workshop_factory, store):
    built, vote, candidates = revealed_tie(workshop_factory, store)
    assert [row.candidate for row in store.tie_to_settle(vote.id)] == candidates[:3]
    runoff = store.start_runoff(vote.id)
    assert runoff.position == vote.position + 1 and runoff.kind == "vote"
    assert store.runoff_of(runoff.id).id == vote.id  # the stored link
    assert store.candidates(runoff.id) == candidates[:3]
    assert runoff.settings["secret"] is True and store.vote_budget(runoff.id) == 1
    assert store.tie_to_settle(vote.id) == ()  # settled: offered no more
    # Fresh dots: the first vote's dots do not count against anyone in the run-off.
    store.start_stage(runoff.id)
    assert store.cast_dot(runoff.id, built.people[0].id, candidates[1].kind, candidates[1].id) == 0
    # The candidate that was not tied cannot get a dot there, on any path.
    with pytest.raises(NotFound):
        store.cast_dot(runoff.id, built.people[1].id, candidates[3].kind, candidates[3].id)


def test_a_tie_inside_the_chosen_places_is_no_tie_to_settle(workshop_factory, store):
    _built, vote, _ = revealed_tie(workshop_factory, store, settings={"choose": 3})
    assert store.tie_to_settle(vote.id) == ()  # three tied for 1st, three chosen: all chosen
    with pytest.raises(RuleBroken, match="no tie left"):
        store.start_runoff(vote.id)


def test_a_tie_across_the_cut_line_runs_off_for_the_places_left(workshop_factory, store):
    dots = ((0, 0), (0, 0), (1, 1), (1, 2), (2, 3), (2, 3))  # idea 1: 2, idea 4: 2, ideas 2 and 3: 1 each
    _built, vote, candidates = revealed_tie(workshop_factory, store, settings={"choose": 3}, dots=dots)
    assert [row.candidate for row in store.tie_to_settle(vote.id)] == candidates[1:3]
    runoff = store.start_runoff(vote.id)
    assert runoff.settings["choose"] == 1 and store.candidates(runoff.id) == candidates[1:3]


def test_a_tie_settled_by_the_room_is_in_the_minutes(workshop_factory, store):
    built, vote, _ = revealed_tie(workshop_factory, store)
    with pytest.raises(RuleBroken, match="settled by discussion, consensus, coin toss"):
        store.settle_tie(vote.id, "arm wrestling", "x")
    said = store.settle_tie(vote.id, "coin toss", "Idea 2 goes first.")
    assert said.endswith("Settled by a coin toss the room agreed to: Idea 2 goes first.")
    minutes = render_markdown(load_record(store, built.workshop.id))
    assert "Settled by a coin toss the room agreed to: Idea 2 goes first." in minutes


def test_the_minutes_say_a_tie_went_to_a_run_off_and_show_only_the_tied_in_it(workshop_factory, store):
    built, vote, _ = revealed_tie(workshop_factory, store)
    runoff = store.start_runoff(vote.id)
    store.start_stage(runoff.id)
    store.cast_dot(runoff.id, built.people[0].id, "idea", built.ideas[0].id)
    store.set_revealed(runoff.id)
    minutes = render_markdown(load_record(store, built.workshop.id))
    assert "Settled by a run-off vote, step 4 (\u201cRun-off: Vote 1\u201d)." in minutes
    runoff_part = minutes.split("### Run-off: Vote 1")[1]
    assert "Idea 1" in runoff_part and "Idea 4" not in runoff_part


def test_an_imported_run_off_keeps_its_link_and_its_tied_options(workshop_factory, store):
    from facilitator.storage.exchange import export_json, import_record, parse_record

    built, vote, _ = revealed_tie(workshop_factory, store)
    runoff = store.start_runoff(vote.id)
    store.start_stage(runoff.id)
    store.cast_dot(runoff.id, built.people[0].id, "idea", built.ideas[1].id)
    store.set_revealed(runoff.id)
    copy = import_record(store, parse_record(export_json(store, built.workshop.id), "x.json"), as_new=True)
    stages = store.stages(copy.id)
    new_runoff = next(stage for stage in stages if stage.title == runoff.title)
    assert store.runoff_of(new_runoff.id).id == next(s.id for s in stages if s.title == vote.title)
    assert [c.label for c in store.candidates(new_runoff.id)] == ["Idea 1", "Idea 2", "Idea 3"]
    top = store.tally(new_runoff.id)[0]
    assert (top.candidate.label, top.dots) == ("Idea 2", 1)


def test_an_agenda_vote_may_name_how_many_it_chooses_and_nonsense_is_one_sentence() -> None:
    from facilitator.domain.agenda import parse_agenda_toml
    from facilitator.domain.errors import AgendaError

    ideas = '[[stages]]\nkind = "ideas"\ntitle = "Ideas"\nminutes = 10\nprompt = "What matters?"\n'
    vote = '[[stages]]\nkind = "vote"\ntitle = "Vote"\nminutes = 10\nchoose = {}\n'
    agenda = parse_agenda_toml(f'name = "x"\n{ideas}{vote.format(3)}', "x.toml")
    assert agenda.stages[1].settings()["choose"] == 3
    with pytest.raises(AgendaError, match=r"x\.toml: stage 2 \(vote\): choose") as refused:
        parse_agenda_toml(f'name = "x"\n{ideas}{vote.format(0)}', "x.toml")
    assert "\n" not in str(refused.value)
