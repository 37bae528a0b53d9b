"""The arithmetic of recognising people's time: money in pence, rounding, odd times, totals."""

from __future__ import annotations

import pytest

from facilitator.domain.errors import InvalidText
from facilitator.domain.recognition import (
    Recognition,
    format_money,
    hours_text,
    minutes_in_room,
    owed,
    parse_money,
    pay_for,
    round_up,
)


@pytest.mark.parametrize(
    ("typed", "pence"),
    [("4.50", 450), ("£4.50", 450), ("4", 400), ("12.5", 1250), ("0.05", 5), ("", 0), (None, 0), ("1,200", 120000)],
)
def test_amounts_people_type_become_whole_pence(typed, pence):
    assert parse_money(typed, "travel cost") == pence


@pytest.mark.parametrize("typed", ["-4", "4.505", "four", "1e3", "100000.01"])
def test_amounts_that_cannot_be_money_are_refused_naming_the_field(typed):
    with pytest.raises(InvalidText, match="travel cost"):
        parse_money(typed, "travel cost")


def test_money_is_shown_with_its_symbol_and_two_places():
    assert format_money(1250) == "£12.50"
    assert format_money(5, "€") == "€0.05"
    assert format_money(123456789) == "£1,234,567.89"


@pytest.mark.parametrize(("minutes", "step", "rounded"),
                         [(61, 30, 90), (60, 30, 60), (1, 30, 30), (0, 30, 0), (61, 0, 61), (61, 15, 75)])
def test_time_is_rounded_up_to_the_series_step(minutes, step, rounded):
    assert round_up(minutes, step) == rounded


def test_pay_is_to_the_nearest_penny_with_half_a_penny_up():
    assert pay_for(90, 1500) == 2250
    assert pay_for(20, 1001) == 334  # 333.67
    assert pay_for(1, 1230) == 21  # 20.5 rounds up
    assert pay_for(0, 1500) == 0


def test_time_in_the_room_from_arrived_and_left():
    room = minutes_in_room("2027-01-31T10:05:00+00:00", "2027-01-31T12:20:30+00:00", session_minutes=150)
    assert room == (136, "")  # 135.5 minutes: a part-minute counts


def test_no_times_marked_counts_the_whole_session():
    assert minutes_in_room(None, None, session_minutes=150).minutes == 150
    assert "whole session" in minutes_in_room(None, None, session_minutes=150).note


def test_only_arrived_counts_to_the_end_of_the_session_when_it_is_known():
    room = minutes_in_room("2027-01-31T11:00:00+00:00", None, session_minutes=150,
                           session_end="2027-01-31T12:30:00+00:00")
    assert room.minutes == 90
    assert minutes_in_room("2027-01-31T11:00:00+00:00", None, session_minutes=150).minutes == 150


def test_left_before_arriving_counts_the_whole_session_and_says_so():
    room = minutes_in_room("2027-01-31T12:00:00+00:00", "2027-01-31T10:00:00+00:00", session_minutes=150)
    assert room.minutes == 150
    assert "left before arriving" in room.note


def test_past_midnight_counts_the_hours_either_side():
    assert minutes_in_room("2027-01-31T22:30:00+00:00", "2027-02-01T00:45:00+00:00", session_minutes=60).minutes == 135
    # Clock times alone: a leaving time before the arrival is after midnight.
    assert minutes_in_room("22:30", "00:45", session_minutes=60).minutes == 135


def test_a_day_or_more_is_a_slip_and_counts_the_whole_session():
    room = minutes_in_room("2027-01-30T10:00:00+00:00", "2027-01-31T12:00:00+00:00", session_minutes=150)
    assert room.minutes == 150


def test_owed_adds_expenses_to_pay_and_declined_keeps_only_expenses():
    paid = Recognition(participant_id=1, kind="paid", travel_pence=450, care_pence=1200, other_pence=50)
    assert owed(paid, 61, hourly_rate_pence=1500, rounding=30) == (90, 2250, 1700, 3950)
    declined = paid.model_copy(update={"kind": "declined"})
    assert owed(declined, 61, hourly_rate_pence=1500, rounding=30) == (90, 0, 1700, 1700)


def test_a_fixed_voucher_amount_replaces_hours_times_rate():
    voucher = Recognition(participant_id=1, kind="voucher", amount_pence=2500)
    assert owed(voucher, 200, hourly_rate_pence=1500, rounding=30).total == 2500


def test_no_rate_set_owes_only_expenses():
    paid = Recognition(participant_id=1, kind="donated", donated_to="Mind", travel_pence=300)
    assert owed(paid, 90, hourly_rate_pence=None, rounding=30).total == 300


def test_hours_read_as_numbers():
    assert [hours_text(m) for m in (90, 120, 15, 0)] == ["1.5", "2", "0.25", "0"]


def test_the_note_says_which_time_was_not_marked():
    assert minutes_in_room("2027-01-31T10:00:00+00:00", None, session_minutes=90).note.startswith("not marked as left")
    assert minutes_in_room(None, "2027-01-31T10:00:00+00:00", session_minutes=90).note.startswith("not marked as arrived")
