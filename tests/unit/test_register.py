"""The decision register: search as you type, filters, whole records, supersede chains, follow-up
and carrying open items into the next workshop of a series."""

from __future__ import annotations

import pytest

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.domain.errors import InvalidText, NotFound
from facilitator.storage import db as dbmod
from facilitator.storage import migrations, register
from facilitator.storage.register import fts_match
from facilitator.storage.store import Store, open_store

# 2025-03-14 10:00:00 UTC
EPOCH = 1_741_946_400.0
DAY = 86_400.0


class Clock:
    def __init__(self) -> None:
        self.now = EPOCH

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    opened = open_store(tmp_path / "register.db", clock=clock)
    yield opened
    opened.close()


def agenda(name: str) -> list[dict]:
    return stages_from_agenda(load_agenda_file(find_agenda(name)))


def new_workshop(store, title, date, *, series="", name="coproduction-workshop"):
    return store.create_workshop(title=title, stages=agenda(name), date=date, series=series, agenda_name=name)


def ideas_stage(store, workshop_id):
    return next(s for s in store.stages(workshop_id) if s.kind == "ideas")


@pytest.fixture
def sample(store, clock):
    """Three workshops over a year, with decisions to find."""
    spring = new_workshop(store, "Spring review", "2024-04-10", series="Crisis café")
    summer = new_workshop(store, "Summer review", "2024-07-10", series="Crisis café")
    other = new_workshop(store, "Ward safety", "2024-09-01", series="Wards")
    stage = ideas_stage(store, spring.id)
    idea = store.add_idea(stage.id, "A sanctuary room that is open at night")
    clock.now += DAY
    cafe = store.add_decision(
        spring.id, "Open the crisis café on Saturdays",
        rationale="Most crises happen at weekends when the community team is closed.",
        idea_ids=[idea.id], review_date="2025-03-20",
    )
    clock.now += DAY
    leaflet = store.add_decision(
        summer.id, "Rewrite the leaflet in plain words", status="deferred",
        rationale="People did not feel safe asking what the words meant.",
    )
    clock.now += DAY
    ward = store.add_decision(other.id, "Quiet hour on the ward after lunch", review_date="2026-01-01")
    return {"spring": spring, "summer": summer, "other": other, "cafe": cafe, "leaflet": leaflet, "ward": ward}


def statements(found):
    return [item.decision.statement for item in found]


# -- search ---------------------------------------------------------------------------------------


def test_register_lists_every_decision_newest_first(store, sample):
    assert statements(store.search_decisions()) == [
        "Quiet hour on the ward after lunch",
        "Rewrite the leaflet in plain words",
        "Open the crisis café on Saturdays",
    ]
    first = store.search_decisions()[0]
    assert (first.workshop_title, first.workshop_date, first.workshop_series) == ("Ward safety", "2024-09-01", "Wards")


def test_a_word_in_the_rationale_finds_the_decision(store, sample):
    assert statements(store.search_decisions("weekends")) == ["Open the crisis café on Saturdays"]


def test_text_of_a_linked_idea_finds_the_decision(store, sample):
    assert statements(store.search_decisions("night")) == ["Open the crisis café on Saturdays"]


def test_results_narrow_as_you_type_and_a_prefix_finds_the_whole_word(store, sample):
    typed = [store.count_decisions(prefix) for prefix in ["s", "sa", "san", "sanc"]]
    assert typed == sorted(typed, reverse=True)
    assert typed[0] > typed[-1]
    assert statements(store.search_decisions("sanc")) == ["Open the crisis café on Saturdays"]


def test_several_words_must_all_be_there_and_accents_do_not_matter(store, sample):
    assert statements(store.search_decisions("cafe satur")) == ["Open the crisis café on Saturdays"]
    assert store.search_decisions("cafe ward") == []


def test_a_trailing_space_means_the_last_word_is_finished(store, sample):
    assert store.search_decisions("sanc ") == []
    assert statements(store.search_decisions("sanctuary ")) == ["Open the crisis café on Saturdays"]


HOSTILE = [
    "", " ", '"', '""', "'", "C++", "AND", "OR", "NOT", "a AND", "AND b", "-x", "*", "**", "x*y", "NEAR(",
    "NEAR(a b, 2)", "(", ")", "((", "{statement}: x", "statement:", "rationale:night", "^x", "+", "-",
    ":", "a:b", "\\", "\x00", "%", "_", "'; DROP TABLE decisions; --", "x" * 10_000, "night " * 2_000,
    "!!!???", "—", "…", "\u200b", "🙂", "日本語", "[b]bold[/b]", "\x1b[31mred",
]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:20]))
def test_any_search_text_gives_results_or_none_never_an_error(store, sample, query):
    found = store.search_decisions(query)
    assert isinstance(found, list)
    assert store.count_decisions(query) >= len(found)


def test_syntax_words_are_searched_for_as_words(store, sample, clock):
    near = store.add_decision(sample["other"].id, "Meet near the station, and not at the office")
    assert statements(store.search_decisions("NEAR(")) == [near.statement]
    assert statements(store.search_decisions("AND")) == [near.statement]
    assert statements(store.search_decisions("-station")) == [near.statement]
    assert statements(store.search_decisions('"offi')) == [near.statement]


def test_the_match_string_quotes_every_word_and_prefixes_only_the_last(store):
    assert fts_match(store.db, 'night AND "sanc') == '"night" "AND" "sanc"*'
    assert fts_match(store.db, "night ") == '"night"'
    assert fts_match(store.db, "*** ---") is None


def test_decisions_indexed_before_the_prefix_index_are_still_found(tmp_path, clock):
    database = dbmod.connect(tmp_path / "old.db")
    migrations.migrations.apply(database.db, stop_before=["m003_register_search_speed"])
    old = Store(database, clock=clock)
    workshop = old.create_workshop(title="Before", stages=agenda("coproduction-workshop"), date="2024-01-01")
    old.add_decision(workshop.id, "Keep the sanctuary open")
    database.close()
    upgraded = open_store(tmp_path / "old.db", clock=clock)
    assert statements(upgraded.search_decisions("sanc")) == ["Keep the sanctuary open"]
    upgraded.close()


@pytest.mark.parametrize(
    "filters",
    [{}, {"status": "agreed"}, {"series": "Crisis café"}, {"since": "2024-07-01"}, {"review_due": True},
     {"workshop_id": 1}, {"current_only": False}],
    ids=str,
)
def test_every_way_of_running_a_search_finds_the_same_decisions(store, sample, monkeypatch, filters):
    # Many matches take other query plans (see _register_query); force them on this small sample.
    few = statements(store.search_decisions("o", **filters))
    monkeypatch.setattr(register, "MANY_MATCHES", 1)
    assert statements(store.search_decisions("o", **filters)) == few
    assert store.count_decisions("o", **filters) == len(few)


# -- filters --------------------------------------------------------------------------------------


def test_filter_by_status(store, sample):
    assert statements(store.search_decisions(status="deferred")) == ["Rewrite the leaflet in plain words"]
    with pytest.raises(InvalidText, match="decision status must be one of"):
        store.search_decisions(status="maybe")


def test_filter_by_workshop_date_range(store, sample):
    assert statements(store.search_decisions(since="2024-07-01")) == [
        "Quiet hour on the ward after lunch",
        "Rewrite the leaflet in plain words",
    ]
    assert statements(store.search_decisions(since="2024-07-01", until="2024-08-01")) == [
        "Rewrite the leaflet in plain words"
    ]
    with pytest.raises(InvalidText, match="write the start date day first"):
        store.search_decisions(since="last week")


def test_filter_by_series_and_workshop(store, sample):
    assert statements(store.search_decisions(series="Crisis café")) == [
        "Rewrite the leaflet in plain words",
        "Open the crisis café on Saturdays",
    ]
    assert statements(store.search_decisions(workshop_id=sample["other"].id)) == ["Quiet hour on the ward after lunch"]
    assert statements(store.search_decisions("quiet", series="Crisis café")) == []


def test_filter_by_review_due(store, sample):
    # Today is 2025-03-14: the café decision is due on the 20th; the ward one not until 2026.
    assert statements(store.search_decisions(review_due=True)) == ["Open the crisis café on Saturdays"]


def test_pages_of_results(store, sample):
    first = store.search_decisions(limit=2)
    second = store.search_decisions(limit=2, offset=2)
    assert len(first) == 2 and len(second) == 1
    assert statements(first + second) == statements(store.search_decisions())


# -- superseding ----------------------------------------------------------------------------------


@pytest.fixture
def chain(store, sample, clock):
    """The café decision replaced at the summer review, and that replaced again in the autumn."""
    clock.now += DAY
    sundays = store.add_decision(
        sample["summer"].id, "Open the crisis café on Saturdays and Sundays", supersedes_id=sample["cafe"].id
    )
    autumn = new_workshop(store, "Autumn review", "2024-10-10", series="Crisis café")
    clock.now += DAY
    every_day = store.add_decision(autumn.id, "Open the crisis café every evening", supersedes_id=sundays.id)
    return sample["cafe"], sundays, every_day


def test_register_shows_current_decisions_by_default_and_all_on_request(store, chain):
    first, middle, last = chain
    current = statements(store.search_decisions("crisis café"))
    assert current == [last.statement]
    everything = statements(store.search_decisions("crisis café", current_only=False))
    assert everything == [last.statement, middle.statement, first.statement]
    assert statements(store.search_decisions(status="superseded")) == [middle.statement, first.statement]


def test_supersede_chain_is_followed_in_both_directions_across_workshops(store, chain):
    first, middle, last = chain
    oldest = store.decision_record(first.id)
    assert [s.decision.id for s in oldest.superseded_by] == [middle.id, last.id]
    assert oldest.supersedes == ()
    assert [s.workshop_title for s in oldest.superseded_by] == ["Summer review", "Autumn review"]
    newest = store.decision_record(last.id)
    assert [s.decision.id for s in newest.supersedes] == [middle.id, first.id]
    assert newest.superseded_by == ()
    between = store.decision_record(middle.id)
    assert [s.decision.id for s in between.supersedes] == [first.id]
    assert [s.decision.id for s in between.superseded_by] == [last.id]


# -- the whole record of one decision -------------------------------------------------------------


def test_decision_record_has_everything_the_detail_view_shows(store, clock):
    workshop = new_workshop(store, "Crisis café design", "2025-03-14")
    aisha = store.add_participant(workshop.id, "Aisha", ["lived experience"], "named", "Large print", arrived=True)
    ben = store.add_participant(workshop.id, "Ben", ["carer"], "perspective", arrived=True)
    store.add_participant(workshop.id, "Chloe", ["staff"], "perspective", arrived=False)
    stages = store.stages(workshop.id)
    ideas = next(s for s in stages if s.kind == "ideas")
    vote = next(s for s in stages if s.kind == "vote")
    theme = store.add_theme(workshop.id, "Evenings")
    late = store.add_idea(ideas.id, "Open until 10pm", said_by=aisha.id)
    store.move_idea(late.id, theme.id)
    quiet = store.add_idea(ideas.id, "A quiet room", anonymous=True)
    store.start_stage(vote.id)
    # Two candidates, so one dot each (the "auto" budget).
    store.cast_dot(vote.id, aisha.id, "theme", theme.id)
    store.cast_dot(vote.id, ben.id, "idea", quiet.id)
    decision = store.add_decision(
        workshop.id, "Open the café in the evenings", rationale="People said evenings are hardest.",
        idea_ids=[quiet.id], theme_ids=[theme.id], dissent=[(ben.id, "Staffing is not there yet")],
    )
    action = store.add_action(workshop.id, "Find evening staff", owner_participant_id=aisha.id,
                              due_date="2025-04-30", decision_id=decision.id)
    clock.now += DAY
    store.update_action(action.id, "in progress", "Two volunteers found")

    record = store.decision_record(decision.id)
    assert record.workshop.title == "Crisis café design"
    assert record.decision.rationale == "People said evenings are hardest."
    assert {p.name for p in record.present} == {"Aisha", "Ben"}
    assert [d.text for d in record.dissent] == ["Staffing is not there yet"]
    assert [(i.text, i.anonymous) for i in record.ideas] == [("A quiet room", True)]
    assert [(t.name, t.idea_count) for t in record.themes] == [("Evenings", 1)]
    # The vote is secret and not revealed yet: no totals at all.
    assert record.themes[0].dots is None and record.ideas[0].dots is None
    store.set_revealed(vote.id)
    record = store.decision_record(decision.id)
    assert record.themes[0].dots == 1 and record.ideas[0].dots == 1
    [history] = record.actions
    assert history.action.status == "in progress"
    assert history.owner.name == "Aisha"
    assert [(u.status, u.note) for u in history.updates] == [("in progress", "Two volunteers found")]


def test_decision_record_of_a_missing_decision_says_so(store):
    with pytest.raises(NotFound, match="no decision with id 404"):
        store.decision_record(404)


# -- follow-up ------------------------------------------------------------------------------------


def test_outstanding_actions_overdue_first_then_by_date_undated_last(store, sample):
    workshop = sample["spring"].id
    later = store.add_action(workshop, "Order a sign", due_date="2025-06-01")
    undated = store.add_action(workshop, "Ask about funding")
    overdue = store.add_action(workshop, "Book the room", due_date="2025-03-01", owner_text="Service manager")
    soon = store.add_action(workshop, "Print leaflets", due_date="2025-03-20", decision_id=sample["cafe"].id)
    done = store.add_action(workshop, "Already done", due_date="2025-01-01")
    store.update_action(done.id, "done", "Finished in January")
    found = store.outstanding_actions()
    assert [a.action.id for a in found] == [overdue.id, soon.id, later.id, undated.id]
    assert [a.overdue for a in found] == [True, False, False, False]
    assert found[1].decision_statement == "Open the crisis café on Saturdays"
    assert found[0].workshop_title == "Spring review"
    assert [a.action.id for a in store.outstanding_actions(overdue_only=True)] == [overdue.id]
    assert [a.action.id for a in store.outstanding_actions(today="2025-07-01", overdue_only=True)] == [
        overdue.id, soon.id, later.id
    ]


def test_decisions_due_for_review_soonest_first(store, sample, chain):
    assert statements(store.decisions_due_for_review()) == []  # the café decision was superseded
    assert statements(store.decisions_due_for_review(within_days=365)) == ["Quiet hour on the ward after lunch"]


# -- carrying open items into the next workshop of a series ---------------------------------------


def test_open_items_are_carried_into_the_next_workshop_of_the_series(store, clock):
    first = new_workshop(store, "Review one", "2025-01-10", series="Crisis café", name="you-said-we-did-review")
    decision = store.add_decision(first.id, "Open on Saturdays")
    open_action = store.add_action(first.id, "Find Saturday staff", decision_id=decision.id)
    going = store.add_action(first.id, "Ask the council for money")
    store.update_action(going.id, "in progress", "Meeting booked for March")
    finished = store.add_action(first.id, "Put up posters")
    store.update_action(finished.id, "done")
    store.add_feedback(first.id, "The phone line is never answered", status="planned")
    store.add_feedback(first.id, "Free parking", status="not possible", reason="The car park is not ours")
    store.add_feedback(first.id, "Chairs are uncomfortable", status="done", done="New chairs bought")

    second = new_workshop(store, "Review two", "2025-03-14", series="Crisis café", name="you-said-we-did-review")
    items = store.feedback_items(second.id)
    feedback_stage = next(s for s in store.stages(second.id) if s.kind == "feedback")
    assert [(i.said, i.status, i.done) for i in items] == [
        ("Open on Saturdays\nAction: Find Saturday staff", "planned", ""),
        ("Ask the council for money", "in progress", "Meeting booked for March"),
        ("The phone line is never answered", "planned", ""),
    ]
    assert {(i.source_workshop_id, i.stage_id) for i in items} == {(first.id, feedback_stage.id)}
    assert open_action.id != finished.id

    # Running it again adds nothing.
    assert store.carry_over_into(second.id) == 0
    assert len(store.feedback_items(second.id)) == 3


def test_nothing_is_carried_without_a_series(store):
    first = new_workshop(store, "Review one", "2025-01-10", series="Crisis café", name="you-said-we-did-review")
    store.add_action(first.id, "Find Saturday staff")
    alone = new_workshop(store, "Unrelated", "2025-03-14", name="you-said-we-did-review")
    assert store.feedback_items(alone.id) == []


def test_an_agenda_without_a_feedback_stage_gets_one_when_something_is_open_to_carry(store):
    # The co-production agenda has no feedback stage: the open action used to be carried nowhere.
    first = new_workshop(store, "Design day one", "2025-01-10", series="Crisis café")
    store.add_action(first.id, "Find Saturday staff")
    second = new_workshop(store, "Design day two", "2025-03-15", series="Crisis café")
    stages = store.stages(second.id)
    assert [(s.kind, s.title) for s in stages[:2]] == [("welcome", "Welcome and ground rules"),
                                                       ("feedback", "You said, we did: since last time")]
    assert [i.said for i in store.feedback_items(second.id)] == ["Find Saturday staff"]
    assert store.carry_over_sentence(second.id, stage_added=True) == (
        "1 item still open from \u201cDesign day one\u201d (2025-01-10) carried over: a new stage 2, "
        "\u201cYou said, we did: since last time\u201d, was added for them."
    )
    # Nothing open: no stage is added.
    third = new_workshop(store, "Design day three", "2025-04-15", series="Other group")
    assert "feedback" not in [s.kind for s in store.stages(third.id)]


def test_series_workshops_in_date_order(store, sample):
    found = store.series_workshops(sample["summer"].id)
    assert [w.title for w in found] == ["Spring review", "Summer review"]
    assert [w.title for w in store.series_workshops(sample["other"].id)] == ["Ward safety"]
