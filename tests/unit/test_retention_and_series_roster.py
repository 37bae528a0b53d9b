"""The retention limit and a series' standing roster, at the store."""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.domain.errors import InvalidText, RuleBroken
from facilitator.domain.privacy import FORMER_PARTICIPANT, older_than
from facilitator.outputs.minutes import render_markdown
from facilitator.storage.exchange import load_record

STAGES = [{"kind": "ideas", "title": "Ideas", "minutes": 10}, {"kind": "decide", "title": "Decide", "minutes": 10}]


def workshop(store, title: str, day: str, series: str = ""):
    return store.create_workshop(title=title, stages=STAGES, date=day, series=series)


# -- retention ---------------------------------------------------------------------------------------


def test_an_age_is_read_as_people_write_it() -> None:
    today = date(2025, 3, 14)
    assert older_than("3y", today) == date(2022, 3, 14)
    assert older_than("18m", today) == date(2023, 9, 14)
    assert older_than("2 weeks", today) == date(2025, 2, 28)
    assert older_than("1y", date(2024, 2, 29)) == date(2023, 2, 28)
    with pytest.raises(InvalidText, match="not an age"):
        older_than("three years", today)


def test_retention_makes_old_workshops_anonymous_and_keeps_what_was_decided(store) -> None:
    old = workshop(store, "Old workshop", "2020-06-01")  # the clock says 14 March 2025
    recent = workshop(store, "Recent workshop", "2024-06-01")
    ann = store.add_participant(old.id, "Ann Lee", ["carer"], "named", "Needs a hearing loop", arrived=True)
    stage = store.stages(old.id)[0]
    store.add_idea(stage.id, "A hearing loop in every room", said_by=ann.id)
    store.add_decision(old.id, "Fit hearing loops", decided_by="Ann Lee and the group")
    again = store.add_participant(recent.id, "Ann Lee", ["carer"], "named", arrived=True)
    store.add_decision(recent.id, "Check the loops", decided_by="Ann Lee")

    plan = store.retention_plan("3y")
    assert plan.cutoff == "2022-03-14"
    assert plan.workshops == [(old.id, "Old workshop", "2020-06-01", 1)]
    assert plan.people == [(ann.id, "Ann Lee")] and plan.text_places == 1
    assert store.participant(ann.id).name == "Ann Lee"  # listing changes nothing

    store.apply_retention("3y")
    gone = store.participant(ann.id)
    assert gone.forgotten and gone.name == "" and gone.support_needs == ""
    [decision] = store.decisions(old.id)
    assert decision.statement == "Fit hearing loops" and decision.decided_by == f"{FORMER_PARTICIPANT} and the group"
    assert len(store.ideas(workshop_id=old.id)) == 1
    # The recent workshop is untouched.
    assert store.participant(again.id).name == "Ann Lee"
    assert store.decisions(recent.id)[0].decided_by == "Ann Lee"
    assert "Ann Lee" not in str(store.erasures()) and store.erasures()[0]["kind"] == "retention"
    assert store.retention_plan("3y").empty


def test_support_needs_go_when_a_workshop_finishes_unless_on_the_standing_roster(store) -> None:
    day = workshop(store, "Monthly group", "2025-03-14", series="Monthly group")
    regular = store.add_participant(day.id, "Bea Moss", ["carer"], "named", "Step-free access", arrived=True)
    visitor = store.add_participant(day.id, "Cal Reed", ["staff"], "named", "Leaves at noon", arrived=True)
    store.add_participant_to_series(regular.id)
    store.finish_workshop(day.id)
    assert store.participant(regular.id).support_needs == "Step-free access"
    assert store.participant(visitor.id).support_needs == ""
    # Off the roster: the finished workshop no longer keeps them.
    store.remove_participant_from_series(regular.id)
    assert store.participant(regular.id).support_needs == ""


# -- the standing roster -----------------------------------------------------------------------------


def test_a_new_workshop_in_the_series_lists_its_people_not_yet_here(store) -> None:
    store.add_series_person("Monthly group", "Bea Moss", ["carer"], "named", "Step-free access")
    store.add_series_person("Monthly group", "Dan Ode", ["lived experience"], "anonymous")
    store.add_series_person("Another group", "Eve Fox", ["staff"], "named")
    with pytest.raises(RuleBroken, match="already on the standing roster"):
        store.add_series_person("Monthly group", "bea  moss")

    day = workshop(store, "April", "2025-04-10", series="Monthly group")
    people = store.participants(day.id)
    assert [(p.name, p.attribution, p.support_needs, p.arrived_at) for p in people] == [
        ("Bea Moss", "named", "Step-free access", None),
        ("Dan Ode", "anonymous", "", None),
    ]
    assert store.participants(workshop(store, "Alone", "2025-04-10").id) == []


def test_a_changed_choice_applies_from_that_workshop_on_and_never_rewrites_past_minutes(store) -> None:
    store.add_series_person("Monthly group", "Bea Moss", ["carer"], "named")
    march = workshop(store, "March", "2025-03-01", series="Monthly group")
    april = workshop(store, "April", "2025-04-01", series="Monthly group")
    may = workshop(store, "May", "2025-05-01", series="Monthly group")
    for day in (march, april):
        [bea] = store.participants(day.id)
        store.mark_arrived(bea.id)
    store.finish_workshop(march.id)
    march_minutes = render_markdown(load_record(store, march.id))
    assert "Bea Moss" in march_minutes

    [bea_in_april] = store.participants(april.id)
    store.update_participant(bea_in_april.id, name="Bea Moss", perspectives=["carer"], attribution="anonymous")

    assert render_markdown(load_record(store, march.id)) == march_minutes
    assert store.participants(may.id)[0].attribution == "anonymous"
    assert store.series_people("Monthly group")[0].attribution == "anonymous"
    assert store.participants(workshop(store, "June", "2025-06-01", series="Monthly group").id)[0].attribution == (
        "anonymous"
    )


def test_taking_someone_off_the_roster_leaves_workshops_that_list_them(store) -> None:
    day = workshop(store, "March", "2025-03-01", series="Monthly group")
    bea = store.add_participant(day.id, "Bea Moss", ["carer"], "named")
    entry = store.add_participant_to_series(bea.id)
    assert store.series_person_of(bea.id) == entry.id
    store.remove_participant_from_series(bea.id)
    assert store.series_people("Monthly group") == []
    assert store.participant(bea.id).name == "Bea Moss"
    assert store.participants(workshop(store, "April", "2025-04-01", series="Monthly group").id) == []
    alone = workshop(store, "Alone", "2025-04-01")
    with pytest.raises(RuleBroken, match="not part of a series"):
        store.add_participant_to_series(store.add_participant(alone.id, "Cal Reed").id)
