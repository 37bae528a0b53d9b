"""Re-planning a running workshop, at the store: the finish times, shortening the rest (breaks kept
whole), skipping, moving a stage to the next workshop, adding and reordering, each logged."""

from __future__ import annotations

import pytest

from facilitator.domain import replan
from facilitator.domain.errors import RuleBroken

AGENDA = [
    {"kind": "welcome", "title": "Welcome", "minutes": 10},
    {"kind": "ideas", "title": "Ideas", "minutes": 30},
    {"kind": "break", "title": "Tea break", "minutes": 15},
    {"kind": "group", "title": "Group", "minutes": 20},
    {"kind": "decide", "title": "Decide", "minutes": 10},
]


@pytest.fixture
def running(store, clock):
    workshop = store.create_workshop(title="Safer wards", stages=AGENDA, date="2025-03-14", series="Wards")
    stages = store.stages(workshop.id)
    store.start_stage(stages[0].id)
    return workshop, stages


def minutes_of(store, workshop_id: int) -> list[tuple[str, int, str]]:
    return [(stage.title, stage.planned_minutes, stage.plan_state) for stage in store.stages(workshop_id)]


def notes(store, stage_id: int) -> list[str]:
    return [event.note for event in store.stage_events(stage_id) if event.note]


def test_on_time_the_projected_finish_is_the_planned_one(store, running, clock):
    workshop, _ = running
    finish = store.finish(workshop.id)
    assert finish.planned == finish.projected == clock() + 85 * 60
    assert not finish.needs_replan


def test_twenty_minutes_over_is_twenty_minutes_behind_and_asks_for_a_re_plan(store, running, clock):
    workshop, _ = running
    clock.advance(30 * 60)  # the 10-minute welcome has run 30 minutes and is still going
    finish = store.finish(workshop.id)
    assert finish.projected - finish.planned == 20 * 60
    assert finish.needs_replan
    assert replan.behind_words(finish.behind_seconds) == "20 minutes behind the plan"


def test_shortening_the_rest_saves_the_time_behind_in_proportion_and_keeps_the_break(store, running, clock):
    workshop, stages = running
    clock.advance(30 * 60)
    assert store.shorten_the_rest(workshop.id) == 20
    # 60 minutes of ideas, group and decide give up 20 in proportion (30:20:10); the break stays 15.
    assert minutes_of(store, workshop.id)[1:] == [("Ideas", 20, ""), ("Tea break", 15, ""), ("Group", 13, ""),
                                                  ("Decide", 7, "")]  # fmt: skip
    finish = store.finish(workshop.id)
    assert finish.projected == finish.planned
    ideas = store.stage(stages[1].id)
    assert ideas.first_planned_minutes == 30
    assert notes(store, ideas.id) == ["Shortened from 30 to 20 minutes (the rest shortened to catch up)"]


def test_the_proportional_cut_sums_exactly_and_stops_at_one_minute_a_stage() -> None:
    after = replan.shorten_proportionally({1: 10, 2: 10, 3: 10}, 10)
    assert sum(after.values()) == 20 and sorted(after.values()) == [6, 7, 7]
    assert replan.shorten_proportionally({1: 3, 2: 2}, 99) == {1: 1, 2: 1}
    assert replan.shorten_proportionally({1: 30, 2: 15}, 10, keep=frozenset({2})) == {1: 20, 2: 15}


def test_a_chosen_stage_is_given_new_minutes_and_a_started_one_is_refused(store, running):
    _workshop, stages = running
    assert store.set_stage_minutes(stages[3].id, 12).planned_minutes == 12
    assert notes(store, stages[3].id) == ["Shortened from 20 to 12 minutes"]
    with pytest.raises(RuleBroken, match="already started"):
        store.set_stage_minutes(stages[0].id, 5)
    with pytest.raises(RuleBroken, match="whole number"):
        store.set_stage_minutes(stages[3].id, "ten")


def test_a_skipped_stage_is_passed_over_and_takes_no_time(store, running, clock):
    workshop, stages = running
    store.skip_stage(stages[1].id)
    assert store.next_stage(workshop.id).id == stages[2].id
    assert store.finish(workshop.id).projected == clock() + 55 * 60
    assert notes(store, stages[1].id) == ["Skipped to save time"]


def test_moving_a_stage_in_a_series_waits_for_the_next_workshop_then_goes_into_it(store, running):
    workshop, stages = running
    said = store.carry_stage(stages[3].id)
    assert said.startswith("Put on the list to carry") and "\u201cWards\u201d" in said
    assert store.count_workshops() == 1  # no made-up workshop with a guessed date
    store.carry_stage(stages[4].id)
    following = store.create_workshop(title="Wards, part two", stages=AGENDA[:1], date="2025-04-11", series="Wards")
    # The review stage goes after the welcome only when something is open; then the carried ones, in order.
    assert [(s.title, s.planned_minutes) for s in store.stages(following.id)][-2:] == [("Group", 20), ("Decide", 10)]
    assert store.stage(stages[3].id).plan_state == "carried"
    assert store.stages_to_carry() == []
    assert notes(store, stages[3].id)[-1] == "Added to a later workshop, \u201cWards, part two\u201d (2025-04-11)"
    assert store.next_stage(workshop.id).id == stages[1].id


def test_moving_a_stage_when_the_series_has_a_planned_next_workshop_adds_it_there(store, running):
    _workshop, stages = running
    store.create_workshop(title="Wards, long ago", stages=AGENDA[:1], date="2025-01-10", series="Wards")
    following = store.create_workshop(title="Wards again", stages=AGENDA[:1], date="2025-04-11", series="Wards")
    said = store.carry_stage(stages[3].id)
    assert said == "Moved to the next workshop in the series, \u201cWards again\u201d (2025-04-11)."
    assert [s.title for s in store.stages(following.id)][-1] == "Group"


def test_outside_a_series_a_moved_stage_waits_and_is_added_only_when_asked(store, clock):
    workshop = store.create_workshop(title="One-off", stages=AGENDA, date="2025-03-14")
    stages = store.stages(workshop.id)
    clock.advance(5 * 60)
    store.set_stage_minutes(stages[4].id, 5)  # shortened first: it is carried with the time first planned
    said = store.carry_stage(stages[4].id)
    assert said.startswith("Put on the list to carry")
    assert [s.id for s in store.stages_to_carry()] == [stages[4].id]
    assert store.count_workshops() == 1
    other_series = store.create_workshop(title="Other series", stages=AGENDA[:1], series="Gardens")
    assert [s.title for s in store.stages(other_series.id)] == ["Welcome"]  # not another series' stage
    plain = store.create_workshop(title="Not asked", stages=AGENDA[:1])
    assert [s.title for s in store.stages(plain.id)] == ["Welcome"]  # offered, not added unasked
    assert store.carry_sentence(store.stages_to_carry(""), added=False) == (
        "1 stage moved out of \u201cOne-off\u201d is waiting to be carried: \u201cDecide\u201d.")
    asked = store.create_workshop(title="Next one", stages=AGENDA[:1], date="2025-04-01", carry=True)
    assert [(s.title, s.planned_minutes) for s in store.stages(asked.id)] == [("Welcome", 10), ("Decide", 10)]
    assert store.stages_to_carry() == []
    assert store.add_stages_to_carry(plain.id) == []  # taken once only


def test_the_minutes_say_where_a_moved_stage_went(store, clock):
    from facilitator.outputs.minutes import render_markdown
    from facilitator.storage.exchange import load_record

    workshop = store.create_workshop(title="One-off", stages=AGENDA, date="2025-03-14")
    stages = store.stages(workshop.id)
    store.carry_stage(stages[3].id)
    later = store.create_workshop(title="The follow-up", stages=AGENDA[:1], date="2025-04-01")
    assert [s.title for s in store.add_stages_to_carry(later.id)] == ["Group"]
    agenda = render_markdown(load_record(store, workshop.id)).split("## The agenda")[1].split("\n## ")[0]
    row = next(line for line in agenda.splitlines() if "| Group |" in line)
    assert "Put on the list to carry" in row
    assert row.endswith("Added to a later workshop, \u201cThe follow-up\u201d (2025-04-01) |")
    later_agenda = render_markdown(load_record(store, later.id)).split("## The agenda")[1].split("\n## ")[0]
    row = next(line for line in later_agenda.splitlines() if "| Group |" in line)
    assert "Carried over from \u201cOne-off\u201d (2025-03-14); Not started |" in row


def test_a_stage_added_live_goes_after_the_one_that_is_on_and_is_not_in_the_first_plan(store, running, clock):
    workshop, _stages = running
    added = store.insert_stage(workshop.id, kind="break", title="Extra break", minutes=10)
    assert [s.title for s in store.stages(workshop.id)][:3] == ["Welcome", "Extra break", "Ideas"]
    assert added.position == 2 and added.first_planned_minutes == 0
    finish = store.finish(workshop.id)
    assert finish.projected - finish.planned == 10 * 60  # the plan did not have it
    assert notes(store, added.id) == ["Added while the workshop ran (10 minutes)"]


def test_stages_that_have_not_started_can_swap_places_but_not_with_a_started_one(store, running):
    workshop, stages = running
    store.move_stage(stages[3].id, -1)
    assert [s.title for s in store.stages(workshop.id)] == ["Welcome", "Ideas", "Group", "Tea break", "Decide"]
    assert notes(store, stages[3].id) == ["Moved from step 4 to step 3"]
    with pytest.raises(RuleBroken, match="already the first"):
        store.move_stage(stages[1].id, -1)  # the welcome has started


def test_accepting_the_later_finish_rests_the_prompt_until_it_slips_further(store, running, clock):
    workshop, stages = running
    clock.advance(30 * 60)
    said = store.accept_later_finish(workshop.id)
    assert said.startswith("The room agreed to finish at")
    assert not store.finish(workshop.id).needs_replan
    clock.advance(5 * 60)
    assert store.finish(workshop.id).needs_replan
    assert notes(store, stages[0].id) == [said.rstrip(".")]


def test_the_minutes_agenda_shows_each_change_with_its_time_and_the_time_first_planned(store, running, clock):
    from facilitator.outputs.minutes import render_markdown
    from facilitator.storage.exchange import load_record

    workshop, stages = running
    clock.advance(30 * 60)
    store.shorten_the_rest(workshop.id)
    store.skip_stage(stages[4].id)
    store.insert_stage(workshop.id, kind="ideas", title="Another ideas round", minutes=10)
    agenda = render_markdown(load_record(store, workshop.id)).split("## The agenda")[1].split("\n## ")[0]
    at = replan.clock(clock())
    assert (f"| 20 minutes (first 30 minutes) | - | - | - | Shortened from 30 to 20 minutes "
            f"(the rest shortened to catch up) (at {at}); Not started |") in agenda  # fmt: skip
    assert "| Decide | 7 minutes (first 10 minutes) | - | - | - | Shortened from 10 to 7 minutes" in agenda
    assert f"Skipped to save time (at {at}) |" in agenda
    assert "| Another ideas round | 10 minutes (added on the day) |" in agenda
    assert "Time planned in all: 1 hour 25 minutes." in agenda
    assert "After re-planning during the workshop: 1 hour 8 minutes." in agenda
