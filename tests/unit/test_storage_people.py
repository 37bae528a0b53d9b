"""People and ideas through the Store: anonymity, being forgotten, removal, typed text, dates."""

from __future__ import annotations

import sqlite3

import pytest

from facilitator.domain.errors import InvalidText, NotFound, RuleBroken, StorageError


def raw(store, sql: str, params=()):
    conn = sqlite3.connect(store.database.path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# --- anonymous ideas -------------------------------------------------------------------------


def test_an_anonymous_idea_keeps_no_reference_to_the_person(workshop_factory, store):
    built = workshop_factory(people=2, ideas=0)
    person = built.people[0]
    idea = store.add_idea(built.ideas_stage.id, "Night staff who know us", said_by=person.id, anonymous=True)
    assert idea.said_by is None and idea.anonymous
    assert raw(store, "SELECT said_by, anonymous FROM ideas WHERE id = ?", (idea.id,)) == [(None, 1)]


def test_making_an_idea_anonymous_later_drops_the_person(workshop_factory, store):
    built = workshop_factory(people=1, ideas=1)
    idea = store.set_idea_speaker(built.ideas[0].id, built.people[0].id, anonymous=True)
    assert idea.said_by is None
    assert raw(store, "SELECT said_by FROM ideas WHERE id = ?", (idea.id,)) == [(None,)]


def test_the_database_itself_refuses_an_anonymous_idea_with_a_person(workshop_factory, store):
    built = workshop_factory(people=1, ideas=0)
    idea = store.add_idea(built.ideas_stage.id, "Quiet room", anonymous=True)
    conn = sqlite3.connect(store.database.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
            conn.execute("UPDATE ideas SET said_by = ? WHERE id = ?", (built.people[0].id, idea.id))
    finally:
        conn.close()


def test_a_stage_can_refuse_anonymous_ideas(store):
    workshop = store.create_workshop(
        title="Named round",
        stages=[{"kind": "ideas", "title": "Go round", "minutes": 10, "settings": {"allow_anonymous": False}}],
    )
    stage = store.stages(workshop.id)[0]
    with pytest.raises(RuleBroken, match="does not take anonymous ideas"):
        store.add_idea(stage.id, "Something", anonymous=True)
    assert store.ideas(workshop_id=workshop.id) == []


def test_an_idea_cannot_be_said_by_someone_from_another_workshop(workshop_factory, store):
    built = workshop_factory(people=1, ideas=0)
    other = workshop_factory(people=1, ideas=0, title="Elsewhere")
    with pytest.raises(NotFound, match="in this workshop"):
        store.add_idea(built.ideas_stage.id, "Borrowed voice", said_by=other.people[0].id)


# --- forgetting and removing people ----------------------------------------------------------


def test_forgetting_a_person_removes_their_details_but_keeps_what_they_said(workshop_factory, store, db_path):
    built = workshop_factory(people=3, ideas=0)
    person = store.add_participant(
        built.workshop.id, "Zebedee Quartermain", ["lived experience"], "named",
        support_needs="Hearing loop; sits near the door", arrived=True,
    )
    said = store.add_idea(built.ideas_stage.id, "More peer workers on nights", said_by=person.id)
    store.cast_dot(built.vote.id, person.id, "idea", said.id)

    store.forget_participant(person.id)

    forgotten = store.participant(person.id)
    assert (forgotten.name, forgotten.support_needs, forgotten.forgotten) == ("", "", True)
    assert forgotten.attribution == "anonymous"
    assert store.idea(said.id).text == "More peer workers on nights"
    assert store.idea(said.id).said_by == person.id  # kept, shown as "a participant"
    assert store.dots_used(built.vote.id) == {person.id: 1}
    # Gone from the file itself, not just hidden: the database and its WAL hold no trace.
    for suffix in ("", "-wal"):
        file = db_path.with_name(db_path.name + suffix)
        if file.exists():
            content = file.read_bytes()
            assert b"Zebedee" not in content and b"Hearing loop" not in content, file.name


def test_removing_someone_who_has_not_contributed(workshop_factory, store):
    built = workshop_factory(people=2, ideas=0)
    store.remove_participant(built.people[1].id)
    assert [p.id for p in store.participants(built.workshop.id)] == [built.people[0].id]


@pytest.mark.parametrize("contribution", ["idea", "dot", "dissent", "action"])
def test_removing_someone_who_has_contributed_is_refused(workshop_factory, store, contribution):
    built = workshop_factory(people=2, ideas=1)
    person = built.people[1]
    if contribution == "idea":
        store.add_idea(built.ideas_stage.id, "Their idea", said_by=person.id)
    elif contribution == "dot":
        store.cast_dot(built.vote.id, person.id, "idea", built.ideas[0].id)
    elif contribution == "dissent":
        decision = store.add_decision(built.workshop.id, "Open the garden")
        store.add_dissent(decision.id, "Not without staff", participant_id=person.id)
    else:
        store.add_action(built.workshop.id, "Ask estates", owner_participant_id=person.id)
    with pytest.raises(RuleBroken) as refused:
        store.remove_participant(person.id)
    assert person.name in str(refused.value) and "forget them" in str(refused.value)
    assert store.participant(person.id).name == person.name


# --- text typed by people --------------------------------------------------------------------


def test_escape_sequences_and_control_characters_are_stripped(workshop_factory, store):
    built = workshop_factory(people=0, ideas=0)
    idea = store.add_idea(
        built.ideas_stage.id, "\x1b[31mRed\x1b[0m flags\x07 for\x00 staff\x1b]0;owned\x07\nsecond line",
        typed_by="\x1b[1mNote\x1b[0m taker",
    )
    assert idea.text == "Red flags for staff\nsecond line"
    assert idea.typed_by == "Note taker"
    person = store.add_participant(built.workshop.id, "Ann\x1b[2J\nMarie\x08", ["carer"])
    assert person.name == "Ann Marie"
    workshop = store.create_workshop(title="\x9b2JTitle\t with tab", stages=[{"kind": "ideas", "title": "I", "minutes": 1}])
    assert workshop.title == "Title  with tab"


def test_markup_like_text_is_kept_as_typed(workshop_factory, store):
    built = workshop_factory(people=0, ideas=0)
    text = "[b]bold[/b] [@click=app.quit]x[/] <script>"
    assert store.add_idea(built.ideas_stage.id, text).text == text


@pytest.mark.parametrize("empty", ["", "   ", "\x1b[0m", "\x07\x00", None])
def test_empty_text_is_refused_with_the_field_named(workshop_factory, store, empty):
    built = workshop_factory(people=0, ideas=0)
    with pytest.raises(InvalidText, match="The idea cannot be empty."):
        store.add_idea(built.ideas_stage.id, empty)
    with pytest.raises(InvalidText, match="The name cannot be empty."):
        store.add_participant(built.workshop.id, empty)
    assert store.ideas(workshop_id=built.workshop.id) == []
    assert store.participants(built.workshop.id) == []


def test_too_long_text_is_refused_with_a_sentence_and_not_saved(workshop_factory, store):
    built = workshop_factory(people=1, ideas=1)
    with pytest.raises(InvalidText) as refused:
        store.add_idea(built.ideas_stage.id, "x" * 10_001)
    assert str(refused.value) == "The idea is 10,001 characters long; the most allowed is 10,000."
    with pytest.raises(InvalidText, match="The name is 101 characters long"):
        store.add_participant(built.workshop.id, "n" * 101)
    with pytest.raises(InvalidText, match="The idea is 10,001"):
        store.edit_idea(built.ideas[0].id, "y" * 10_001)
    assert store.idea(built.ideas[0].id).text == "Idea 1"
    assert len(store.ideas(workshop_id=built.workshop.id)) == 1
    assert store.add_idea(built.ideas_stage.id, "z" * 10_000).text == "z" * 10_000


# --- dates ----------------------------------------------------------------------------------


def test_a_workshop_date_defaults_to_today_on_the_clock(store):
    workshop = store.create_workshop(title="Today", stages=[{"kind": "ideas", "title": "I", "minutes": 1}])
    assert workshop.date == "2025-03-14"


@pytest.mark.parametrize("bad", ["03/14/2025", "next spring", "2025-13-01"])
def test_bad_dates_are_refused_with_the_field_named(workshop_factory, store, bad):
    built = workshop_factory(people=0, ideas=0)
    with pytest.raises(InvalidText, match=r"is not a date: write the workshop date day first"):
        store.create_workshop(title="Dated", date=bad, stages=[{"kind": "ideas", "title": "I", "minutes": 1}])
    with pytest.raises(InvalidText, match=r"is not a date: write the due date day first"):
        store.add_action(built.workshop.id, "Book a room", due_date=bad)
    with pytest.raises(InvalidText, match=r"is not a date: write the review date day first"):
        store.add_decision(built.workshop.id, "Review visiting hours", review_date=bad)
    assert store.count_workshops() == 1
    assert store.actions(built.workshop.id) == [] and store.decisions(built.workshop.id) == []


def test_a_day_the_month_does_not_have_is_refused(workshop_factory, store):
    built = workshop_factory(people=0, ideas=0)
    with pytest.raises(InvalidText, match=r"^\u201c2025-02-30\u201d is not a date: February 2025 has 28 days\.$"):
        store.add_action(built.workshop.id, "Book a room", due_date="2025-02-30")


def test_dates_are_read_as_people_write_them_counted_from_the_store_s_today(workshop_factory, store):
    # The store's clock says Friday 14 March 2025.
    built = workshop_factory(people=0, ideas=0)
    written = {"31/01/2027": "2027-01-31", "tomorrow": "2025-03-15", "next tuesday": "2025-03-18",
               "in 2 weeks": "2025-03-28", "2025-03-01": "2025-03-01"}
    for typed, stored in written.items():
        assert store.add_action(built.workshop.id, "Book a room", due_date=typed).due_date == stored
    assert store.add_decision(built.workshop.id, "Review it", review_date="1/9/25").review_date == "2025-09-01"
    workshop = store.create_workshop(title="Dated", date="21/03/2025", stages=[{"kind": "ideas", "title": "I",
                                                                                "minutes": 1}])
    assert workshop.date == "2025-03-21"


def test_good_dates_are_kept_in_one_form(workshop_factory, store):
    built = workshop_factory(people=0, ideas=0)
    action = store.add_action(built.workshop.id, "Book a room", due_date=" 2025-04-01 ")
    assert action.due_date == "2025-04-01"


# --- attendance ------------------------------------------------------------------------------


def test_who_was_present_at_a_decision_comes_from_attendance(workshop_factory, store):
    built = workshop_factory(people=4, ideas=0)
    here, left, also_here, _ = built.people
    late = store.add_participant(built.workshop.id, "Late Arrival", ["carer"])
    store.mark_left(left.id)
    store.mark_arrived(late.id)
    decision = store.add_decision(built.workshop.id, "Start a peer group")
    assert set(decision.present) == {here.id, also_here.id, built.people[3].id, late.id}
    named = store.add_decision(built.workshop.id, "Delegated to the board", present=[here.id])
    assert named.present == (here.id,)


def test_someone_who_never_arrived_is_not_present(workshop_factory, store):
    built = workshop_factory(people=2, ideas=0, arrived=False)
    store.mark_left(built.people[0].id)  # cannot leave without arriving
    assert store.present_ids(built.workshop.id) == []
    assert store.add_decision(built.workshop.id, "Nobody here").present == ()


def test_a_link_to_something_missing_is_refused_with_a_sentence(workshop_factory, store):
    built = workshop_factory(people=1, ideas=0)
    with pytest.raises(StorageError) as refused:
        store.add_action(built.workshop.id, "Phone the ward", owner_participant_id=99_999)
    assert "refers to something that is not in this database" in str(refused.value)
    assert store.actions(built.workshop.id) == []


@pytest.mark.parametrize(
    ("stage", "message"),
    [
        ({"kind": "party", "title": "Fun", "minutes": 5}, "The kind of stage 2 must be one of: welcome, break"),
        ({"kind": "ideas", "title": "Ideas", "minutes": -5}, "The planned time of stage 2 must be a whole number"),
        ({"kind": "ideas", "title": "Ideas", "minutes": "ten"}, "The planned time of stage 2 must be a whole number"),
        ({"kind": "ideas", "title": "Ideas"}, "The planned time of stage 2 must be a whole number"),
    ],
)
def test_a_bad_stage_is_refused_with_a_sentence_and_nothing_is_made(store, stage, message):
    with pytest.raises(InvalidText, match=message):
        store.create_workshop(title="Planned", stages=[{"kind": "welcome", "title": "Hello", "minutes": 5}, stage])
    assert store.count_workshops() == 0


def test_an_idea_cannot_be_given_to_someone_from_another_workshop(store):
    from facilitator.domain.errors import NotFound

    stages = [{"kind": "ideas", "title": "Ideas", "minutes": 5, "settings": {}}]
    first = store.create_workshop(title="First", stages=stages)
    second = store.create_workshop(title="Second", stages=stages)
    stranger = store.add_participant(second.id, "Stranger", ["other"])
    idea = store.add_idea(store.stages(first.id)[0].id, "More sofas")
    with pytest.raises(NotFound, match="in this workshop"):
        store.set_idea_speaker(idea.id, stranger.id, anonymous=False)
    assert store.idea(idea.id).said_by is None


def test_a_five_values_score_must_be_a_whole_number_not_true(store):
    from facilitator.domain.errors import RuleBroken

    workshop = store.create_workshop(title="W", stages=[{"kind": "evaluate", "title": "E", "minutes": 5, "settings": {}}])
    with pytest.raises(RuleBroken, match="whole number from 1 to 5"):
        store.add_values_scores(workshop.id, {"Empathy": True})
    assert store.values_scores(workshop.id) == []
