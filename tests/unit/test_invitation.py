"""What the invitation pack works out: clock times, the schedule, ground rules, access lines."""

from __future__ import annotations

import pytest

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.domain.errors import InvalidText
from facilitator.domain.invitation import access_lines, ground_rules, read_clock_time, schedule, twelve_hour


@pytest.mark.parametrize(("typed", "clock"),
                         [("10", "10:00"), ("10:30", "10:30"), ("9.15", "09:15"), ("2pm", "14:00"),
                          ("12am", "00:00"), ("12:30 pm", "12:30"), ("", None), (None, None)])
def test_start_times_as_people_type_them(typed, clock):
    assert read_clock_time(typed) == clock


@pytest.mark.parametrize("typed", ["25:00", "10:75", "13pm", "soon"])
def test_a_time_that_is_not_a_time_of_day_is_refused(typed):
    with pytest.raises(InvalidText, match="start time"):
        read_clock_time(typed)


def test_each_stage_starts_when_the_one_before_ends_even_past_midnight():
    timed = schedule("23:00", [("Welcome", 15, "welcome"), ("Ideas", 50, "ideas"), ("Close", 5, "evaluate")])
    assert [(t.starts, t.ends) for t in timed] == [("23:00", "23:15"), ("23:15", "00:05"), ("00:05", "00:10")]
    assert [t.starts for t in schedule(None, [("Welcome", 15, "welcome")])] == [None]


def test_times_read_the_way_invitations_say_them():
    assert [twelve_hour(c) for c in ("10:00", "14:05", "12:30", "00:15")] == ["10am", "2:05pm", "12:30pm", "12:15am"]


@pytest.mark.parametrize("agenda", ["coproduction-workshop", "service-review", "you-said-we-did-review"])
def test_the_ground_rules_come_from_each_shipped_agendas_welcome(agenda):
    stages = stages_from_agenda(load_agenda_file(find_agenda(agenda)))
    rules = ground_rules([stage["settings"] for stage in stages])
    assert len(rules) >= 5
    assert rules[0].startswith("Respect each other")
    assert not any(rule.startswith("If you need") for rule in rules)


def test_an_agenda_without_ground_rules_gives_none():
    assert ground_rules([{"text": "Welcome.\n- not a rule"}, {"prompt": "x"}]) == []


def test_access_lines_list_only_what_was_said():
    lines = access_lines({"step_free": "yes", "hearing_loop": "", "bus_stop": "Market Street (stop K)",
                          "access_notes": "Ramp at the side door."})
    assert lines == ["Step-free access: yes", "Nearest bus stop: Market Street (stop K)", "Ramp at the side door."]
