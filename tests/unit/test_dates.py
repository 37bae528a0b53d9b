"""Reading dates as people in the room write them: day first, words, weekdays, "in 2 weeks".

"Today" is always passed in (here a Friday), never read from a clock.
"""

from __future__ import annotations

from datetime import date

import pytest

from facilitator.domain.dates import past_warning, read_date, said
from facilitator.domain.errors import InvalidText

TODAY = date(2027, 1, 15)  # a Friday


@pytest.mark.parametrize(("typed", "meant"), [
    ("31/01/2027", date(2027, 1, 31)),
    ("31/1/27", date(2027, 1, 31)),
    ("1/2/2027", date(2027, 2, 1)),  # day first: the 1st of February, not 2 January
    ("31.01.2027", date(2027, 1, 31)),
    ("31-01-2027", date(2027, 1, 31)),
    (" 31 / 01 / 2027 ", date(2027, 1, 31)),
    ("2027-01-31", date(2027, 1, 31)),
    ("31 January 2027", date(2027, 1, 31)),
    ("31st jan", date(2027, 1, 31)),
    ("January 31, 2027", date(2027, 1, 31)),
    ("3 Sept", date(2027, 9, 3)),
    ("20/1", date(2027, 1, 20)),
    ("10/1", date(2028, 1, 10)),  # no year, already past this year: the next one
    ("today", TODAY),
    ("Tomorrow", date(2027, 1, 16)),
    ("yesterday", date(2027, 1, 14)),
    ("tuesday", date(2027, 1, 19)),
    ("next tuesday", date(2027, 1, 19)),
    ("Tue", date(2027, 1, 19)),
    ("friday", date(2027, 1, 22)),  # said on a Friday: a week today, not today
    ("this thursday", date(2027, 1, 21)),
    ("in 3 days", date(2027, 1, 18)),
    ("in 2 weeks", date(2027, 1, 29)),
    ("in a week", date(2027, 1, 22)),
    ("in two weeks", date(2027, 1, 29)),
    ("2 weeks", date(2027, 1, 29)),
    ("in a fortnight", date(2027, 1, 29)),
    ("next week", date(2027, 1, 22)),
    ("in 6 months", date(2027, 7, 15)),
    ("next month", date(2027, 2, 15)),
])
def test_dates_people_write_are_read(typed, meant):
    assert read_date(typed, TODAY, "due date") == meant


def test_a_month_later_from_the_31st_is_that_month_s_last_day():
    assert read_date("in 1 month", date(2027, 1, 31)) == date(2027, 2, 28)
    assert read_date("in 13 months", date(2027, 1, 31)) == date(2028, 2, 29)


@pytest.mark.parametrize("blank", ["", "   ", "\x1b[31m"])
def test_nothing_typed_is_no_date(blank):
    assert read_date(blank, TODAY) is None


@pytest.mark.parametrize("typed", ["next spring", "01/31/2027", "13/13/2027", "0/1/2027", "Friday week",
                                   "2027-13-01", "in 2 fortnights ago", "soon", "32 January"])
def test_an_unreadable_date_says_which_order_to_use(typed):
    with pytest.raises(InvalidText) as refused:
        read_date(typed, TODAY, "due date")
    sentence = str(refused.value)
    assert sentence == (f"\u201c{typed}\u201d is not a date: write the due date day first, as 31/01/2027 "
                        "(day/month/year), or as today, tomorrow, friday or in 2 weeks.")


@pytest.mark.parametrize(("typed", "why"), [
    ("31/02/2027", "February 2027 has 28 days."),
    ("2028-02-30", "February 2028 has 29 days."),
    ("31 April 2027", "April 2027 has 30 days."),
])
def test_a_day_the_month_does_not_have_is_named(typed, why):
    with pytest.raises(InvalidText, match=f"^\u201c{typed}\u201d is not a date: {why}$"):
        read_date(typed, TODAY, "review date")


def test_what_was_typed_is_quoted_clean_and_short():
    with pytest.raises(InvalidText) as refused:
        read_date("\x1b]0;owned\x07" + "x" * 100, TODAY)
    sentence = str(refused.value)
    assert "\x1b" not in sentence and "\x07" not in sentence
    assert sentence.startswith("\u201c" + "x" * 39 + "\u2026\u201d is not a date")


def test_a_date_is_said_with_its_weekday_and_month_in_words():
    assert said(date(2027, 1, 31)) == "Sunday 31 January 2027"


def test_a_past_date_gets_a_warning_and_today_does_not():
    assert past_warning("due date", date(2027, 1, 14), TODAY) == "The due date, Thursday 14 January 2027, is already past."
    assert past_warning("due date", TODAY, TODAY) is None
    assert past_warning("due date", date(2027, 2, 1), TODAY) is None
