"""Equal, secret dot-voting through the Store: budgets, the cap, taking dots back, secrecy, ties."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.domain.errors import NotFound, RuleBroken


def idea_key(idea) -> tuple[str, int]:
    return ("idea", idea.id)


# --- the budget -----------------------------------------------------------------------------


def test_a_fixed_budget_is_the_same_for_everyone_and_cannot_be_exceeded(workshop_factory, store):
    built = workshop_factory(people=3, ideas=6, vote_settings={"dots_per_person": 3, "max_per_candidate": 3})
    vote = built.vote
    store.start_stage(vote.id)
    for person in built.people:
        left = [store.cast_dot(vote.id, person.id, "idea", idea.id) for idea in built.ideas[:3]]
        assert left == [2, 1, 0]
        with pytest.raises(RuleBroken, match="has used all 3 dots"):
            store.cast_dot(vote.id, person.id, "idea", built.ideas[3].id)
    assert store.dots_used(vote.id) == {person.id: 3 for person in built.people}


def test_an_auto_budget_is_frozen_when_the_vote_opens(workshop_factory, store):
    built = workshop_factory(people=2, ideas=6, vote_settings={"dots_per_person": "auto"})
    vote = built.vote
    # Before the vote opens the budget follows the list: one dot per three ideas.
    assert store.vote_budget(vote.id) == 2
    store.add_idea(built.ideas_stage.id, "Idea 7")
    store.add_idea(built.ideas_stage.id, "Idea 8")
    store.add_idea(built.ideas_stage.id, "Idea 9")
    assert store.vote_budget(vote.id) == 3

    store.start_stage(vote.id)
    assert store.stage(vote.id).vote_budget == 3
    # Ideas added once the vote is open do not change anyone's dots.
    for number in range(10, 16):
        store.add_idea(built.ideas_stage.id, f"Idea {number}")
    assert len(store.candidates(vote.id)) == 15
    assert store.vote_budget(vote.id) == 3

    person = built.people[0]
    for idea in built.ideas[:3]:
        store.cast_dot(vote.id, person.id, "idea", idea.id)
    with pytest.raises(RuleBroken, match="has used all 3 dots"):
        store.cast_dot(vote.id, person.id, "idea", built.ideas[3].id)


def test_the_budget_is_frozen_by_the_first_dot_if_the_stage_was_not_started(workshop_factory, store):
    built = workshop_factory(people=1, ideas=6, vote_settings={"dots_per_person": "auto"})
    store.cast_dot(built.vote.id, built.people[0].id, "idea", built.ideas[0].id)
    for number in range(7, 13):
        store.add_idea(built.ideas_stage.id, f"Idea {number}")
    assert store.vote_budget(built.vote.id) == 2


def test_the_per_item_cap_is_kept(workshop_factory, store):
    built = workshop_factory(people=1, ideas=3, vote_settings={"dots_per_person": 5, "max_per_candidate": 2})
    vote, person, first = built.vote, built.people[0], built.ideas[0]
    store.cast_dot(vote.id, person.id, "idea", first.id)
    store.cast_dot(vote.id, person.id, "idea", first.id)
    with pytest.raises(RuleBroken) as refused:
        store.cast_dot(vote.id, person.id, "idea", first.id)
    assert "already has 2 dots on \"Idea 1\"" in str(refused.value)
    assert "the most on one item is 2" in str(refused.value)
    # The refused dot was not counted against the budget: three more can go elsewhere.
    assert store.cast_dot(vote.id, person.id, "idea", built.ideas[1].id) == 2
    assert store.dots_of(vote.id, person.id) == {idea_key(first): 2, idea_key(built.ideas[1]): 1}


def test_removing_a_dot_gives_it_back(workshop_factory, store):
    built = workshop_factory(people=1, ideas=3, vote_settings={"dots_per_person": 2})
    vote, person = built.vote, built.people[0]
    store.cast_dot(vote.id, person.id, "idea", built.ideas[0].id)
    store.cast_dot(vote.id, person.id, "idea", built.ideas[1].id)
    with pytest.raises(RuleBroken):
        store.cast_dot(vote.id, person.id, "idea", built.ideas[2].id)

    assert store.remove_dot(vote.id, person.id, "idea", built.ideas[0].id) is True
    assert store.remove_dot(vote.id, person.id, "idea", built.ideas[0].id) is False
    assert store.cast_dot(vote.id, person.id, "idea", built.ideas[2].id) == 0
    assert store.dots_of(vote.id, person.id) == {idea_key(built.ideas[1]): 1, idea_key(built.ideas[2]): 1}


def test_only_candidates_of_this_workshop_and_its_people_can_get_dots(workshop_factory, store):
    built = workshop_factory(people=2, ideas=3)
    other = workshop_factory(people=1, ideas=1, title="Another workshop")
    vote = built.vote
    withdrawn = store.withdraw_idea(built.ideas[2].id)
    with pytest.raises(NotFound, match="There is no participant"):
        store.cast_dot(vote.id, other.people[0].id, "idea", built.ideas[0].id)
    with pytest.raises(NotFound, match="to vote for here"):
        store.cast_dot(vote.id, built.people[0].id, "idea", other.ideas[0].id)
    with pytest.raises(NotFound, match="to vote for here"):
        store.cast_dot(vote.id, built.people[0].id, "idea", withdrawn.id)
    with pytest.raises(RuleBroken, match="is not a voting stage"):
        store.cast_dot(built.ideas_stage.id, built.people[0].id, "idea", built.ideas[0].id)
    assert store.dot_totals(vote.id) == {}


def test_grouped_ideas_are_voted_on_as_their_theme(workshop_factory, store):
    built = workshop_factory(people=1, ideas=4)
    theme = store.add_theme(built.workshop.id, "Staffing")
    store.move_idea(built.ideas[0].id, theme.id)
    store.move_idea(built.ideas[1].id, theme.id)
    candidates = store.candidates(built.vote.id)
    assert [(c.kind, c.label) for c in candidates] == [("theme", "Staffing"), ("idea", "Idea 3"), ("idea", "Idea 4")]
    with pytest.raises(NotFound):
        store.cast_dot(built.vote.id, built.people[0].id, "idea", built.ideas[0].id)
    store.cast_dot(built.vote.id, built.people[0].id, "theme", theme.id)
    with pytest.raises(RuleBroken, match="already has dots"):
        store.delete_theme(theme.id)


# --- secrecy, reveal and ties ------------------------------------------------------------------


def test_a_secret_vote_has_no_results_until_revealed(workshop_factory, store):
    built = workshop_factory(people=2, ideas=3, vote_settings={"secret": True})
    vote = built.vote
    store.cast_dot(vote.id, built.people[0].id, "idea", built.ideas[0].id)
    with pytest.raises(RuleBroken, match="secret until the facilitator reveals it"):
        store.results(vote.id)
    store.set_revealed(vote.id)
    rows = store.results(vote.id)
    assert [(row.candidate.label, row.dots) for row in rows][0] == ("Idea 1", 1)


def test_an_open_vote_shows_results_while_voting(workshop_factory, store):
    built = workshop_factory(people=2, ideas=3, vote_settings={"secret": False})
    store.cast_dot(built.vote.id, built.people[0].id, "idea", built.ideas[1].id)
    rows = store.results(built.vote.id)
    assert (rows[0].candidate.label, rows[0].dots, rows[0].rank) == ("Idea 2", 1, 1)


def test_ties_are_marked_and_share_a_rank(workshop_factory, store):
    built = workshop_factory(people=3, ideas=4, vote_settings={"dots_per_person": 2, "max_per_candidate": 2})
    vote = built.vote
    a, b, c = built.people
    one, two, three, _ = built.ideas
    store.cast_dot(vote.id, a.id, "idea", one.id)
    store.cast_dot(vote.id, a.id, "idea", two.id)
    store.cast_dot(vote.id, b.id, "idea", two.id)
    store.cast_dot(vote.id, b.id, "idea", one.id)
    store.cast_dot(vote.id, c.id, "idea", three.id)
    store.set_revealed(vote.id)
    summary = [(row.candidate.label, row.dots, row.rank, row.tied) for row in store.results(vote.id)]
    assert summary == [
        ("Idea 1", 2, 1, True),
        ("Idea 2", 2, 1, True),
        ("Idea 3", 1, 3, False),
        ("Idea 4", 0, 4, False),
    ]


def test_a_revealed_vote_takes_no_more_dots_and_none_back(workshop_factory, store):
    built = workshop_factory(people=1, ideas=3)
    vote, person = built.vote, built.people[0]
    store.cast_dot(vote.id, person.id, "idea", built.ideas[0].id)
    store.set_revealed(vote.id)
    with pytest.raises(RuleBroken, match="no more dots can be given"):
        store.cast_dot(vote.id, person.id, "idea", built.ideas[1].id)
    with pytest.raises(RuleBroken, match="can no longer be moved"):
        store.remove_dot(vote.id, person.id, "idea", built.ideas[0].id)
    assert store.dot_totals(vote.id) == {idea_key(built.ideas[0]): 1}


def test_who_entered_a_dot_is_cleaned_like_any_typed_text(workshop_factory, store):
    built = workshop_factory(people=1, ideas=1)
    store.cast_dot(built.vote.id, built.people[0].id, "idea", built.ideas[0].id, entered_by="\x1b]0;owned\x07Sam\x1b[2J")
    conn = sqlite3.connect(store.database.path)
    try:
        assert conn.execute("SELECT entered_by FROM votes").fetchall() == [("Sam",)]
    finally:
        conn.close()


def test_another_terminal_sees_the_dots_at_once(workshop_factory, store, reopen):
    built = workshop_factory(people=1, ideas=2)
    other = reopen()
    before = other.data_version()
    store.cast_dot(built.vote.id, built.people[0].id, "idea", built.ideas[0].id)
    assert other.data_version() != before
    assert other.dots_used(built.vote.id) == {built.people[0].id: 1}


def test_a_dot_is_accepted_exactly_for_the_listed_candidates(store, workshop_factory):
    """Whatever the mix of grouped, withdrawn and later ideas, a dot goes only to what is listed."""
    settings = {"dots_per_person": 20, "max_per_candidate": 3}
    workshop = store.create_workshop(
        title="Mixed",
        stages=[
            {"kind": "ideas", "title": "Round 1", "minutes": 5},
            {"kind": "vote", "title": "Vote 1", "minutes": 5, "settings": settings},
            {"kind": "ideas", "title": "Round 2", "minutes": 5},
            {"kind": "vote", "title": "Vote 2", "minutes": 5, "settings": settings},
        ],
    )
    round1, vote1, round2, vote2 = store.stages(workshop.id)
    person = store.add_participant(workshop.id, "Voter", ["carer"])
    early = [store.add_idea(round1.id, f"Early {n}") for n in range(4)]
    late = [store.add_idea(round2.id, f"Late {n}") for n in range(3)]
    grouped = store.add_theme(workshop.id, "Grouped early")
    only_late = store.add_theme(workshop.id, "Only late ideas")
    only_withdrawn = store.add_theme(workshop.id, "Only withdrawn ideas")
    empty = store.add_theme(workshop.id, "Empty")
    store.move_idea(early[0].id, grouped.id)
    store.move_idea(late[0].id, only_late.id)
    store.move_idea(early[1].id, only_withdrawn.id)
    store.withdraw_idea(early[1].id)
    store.withdraw_idea(early[2].id)
    elsewhere = workshop_factory(people=0, ideas=1, title="Elsewhere")
    foreign_theme = store.add_theme(elsewhere.workshop.id, "Foreign")
    store.move_idea(elsewhere.ideas[0].id, foreign_theme.id)

    everything = [("idea", i.id) for i in early + late + elsewhere.ideas] + [
        ("theme", t.id) for t in (grouped, only_late, only_withdrawn, empty, foreign_theme)
    ] + [("person", person.id)]
    for vote in (vote1, vote2):
        listed = {(c.kind, c.id) for c in store.candidates(vote.id)}
        accepted = set()
        for kind, candidate_id in everything:
            try:
                store.cast_dot(vote.id, person.id, kind, candidate_id)
            except NotFound:
                continue
            accepted.add((kind, candidate_id))
        assert accepted == listed
    assert {(c.kind, c.label) for c in store.candidates(vote1.id)} == {("theme", "Grouped early"), ("idea", "Early 3")}
