"""Recognising people's time: the arithmetic, as pure functions.

The guidance asks services to pay or otherwise recognise the time people with lived experience
give. Per person per workshop the facilitator records a choice (paid, a voucher, declined, or
donated to a cause) and expenses (travel, care costs, other). Money is whole pence (integers), so
no sum ever gains or loses a penny to floating point. Time in the room comes from arrived and left
(or the whole session when they were not marked), rounded up as the series says.

The app records a choice; it gives no advice about benefits. Whoever reads the sheet or a letter
is told to ask the person's own adviser (``BENEFITS_NOTE``).
No storage, no textual.
"""

from __future__ import annotations

import math
import re
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict

from facilitator.domain.errors import InvalidText
from facilitator.domain.text import strip_controls

MAX_PENCE = 100_000_00  # £100,000: anything above is a typing slip, not an expense
DEFAULT_ROUNDING = 30
DEFAULT_CURRENCY = "\u00a3"
LONGEST_DAY = 24 * 60

BENEFITS_NOTE = (
    "This records each person's own choice. It is not advice about benefits or tax: "
    "anyone who gets benefits should ask their own adviser before they are paid."
)


class RecognitionKind(StrEnum):
    PAID = "paid"
    VOUCHER = "voucher"
    DECLINED = "declined"
    DONATED = "donated"


KIND_WORDS = {
    RecognitionKind.PAID: "Paid",
    RecognitionKind.VOUCHER: "Voucher",
    RecognitionKind.DECLINED: "Declined",
    RecognitionKind.DONATED: "Donated",
}


class Recognition(BaseModel):
    """How one person is recognised for one workshop (keyed on the participant, no name kept)."""

    model_config = ConfigDict(frozen=True, defer_build=True)
    participant_id: int
    kind: RecognitionKind = RecognitionKind.PAID
    donated_to: str = ""
    amount_pence: int | None = None  # a fixed amount instead of hours x rate (e.g. a £25 voucher)
    travel_pence: int = 0
    care_pence: int = 0
    other_pence: int = 0
    other_note: str = ""
    recorded_at: str = ""


class SeriesSettings(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)
    series: str
    hourly_rate_pence: int | None = None
    rounding_minutes: int = DEFAULT_ROUNDING
    currency: str = DEFAULT_CURRENCY


class RoomTime(NamedTuple):
    minutes: int  # before rounding
    note: str  # why the whole session was counted, or ""


class Owed(NamedTuple):
    """One row of the finance sheet, in pence and minutes."""

    minutes: int  # rounded
    amount: int
    expenses: int
    total: int


class RecognitionRow(NamedTuple):
    """One person's recognition for one workshop, worked out: a row of the finance sheet."""

    participant_id: int
    name: str  # "" once the person was forgotten
    forgotten: bool
    workshop_id: int
    workshop: str
    date: str
    series: str
    recognition: Recognition
    owed: Owed
    note: str  # why the whole session was counted, or ""
    rate: int | None
    currency: str

    @property
    def shown_name(self) -> str:
        return "(name removed)" if self.forgotten or not self.name else self.name


# --- money ----------------------------------------------------------------------------------------

_MONEY = re.compile(r"^(\d{1,9})(?:\.(\d{1,2}))?$")


def parse_money(typed: str | float | None, field: str) -> int:
    """Pence from what a person typed: "4.50", "£4.50", "4", "12.5"; blank is 0.

    Refuses negative amounts, a third decimal place and anything over £100,000 with one sentence
    naming ``field``."""
    if typed is None:
        return 0
    text = strip_controls(str(typed)).strip().replace(",", "")
    for symbol in ("\u00a3", "$", "\u20ac"):
        text = text.removeprefix(symbol).strip()
    if not text:
        return 0
    match = _MONEY.match(text)
    if not match:
        shown = strip_controls(str(typed))[:20]
        raise InvalidText(f"The {field} must be an amount such as 4.50 (pounds and pence), not \u201c{shown}\u201d.")
    pence = int(match[1]) * 100 + int((match[2] or "0").ljust(2, "0"))
    if pence > MAX_PENCE:
        raise InvalidText(f"The {field} must be at most 100000.00.")
    return pence


def format_money(pence: int, currency: str = DEFAULT_CURRENCY) -> str:
    """"£12.50"; negative amounts never arise, but would read "-£1.00"."""
    sign = "-" if pence < 0 else ""
    pence = abs(pence)
    return f"{sign}{currency}{pence // 100:,}.{pence % 100:02d}"


def plain_amount(pence: int) -> str:
    """"12.50": for a spreadsheet cell, no symbol, no thousands separator."""
    return f"{pence // 100}.{pence % 100:02d}"


# --- time -----------------------------------------------------------------------------------------


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _clock_only(text: str | None) -> bool:
    return bool(text) and re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", text.strip()) is not None


def minutes_in_room(
    arrived: str | None,
    left: str | None,
    *,
    session_minutes: int,
    session_start: str | None = None,
    session_end: str | None = None,
) -> RoomTime:
    """Minutes a person was in the room, from their arrived and left times.

    - neither marked: the whole session (``session_minutes``);
    - one marked: the session's own start or end stands in for the other, else the whole session;
    - clock times only ("22:30", "00:15"): a leaving time before the arrival is past midnight;
    - full date-times with left before arrived: a slip when marking, so the whole session is
      counted (nobody is paid less for a mistake) and the note says so;
    - more than a day: the same.
    """
    if _clock_only(arrived) and _clock_only(left):
        start = datetime.strptime(arrived.strip()[:5], "%H:%M")  # type: ignore[union-attr]
        end = datetime.strptime(left.strip()[:5], "%H:%M")  # type: ignore[union-attr]
        if end < start:
            end += timedelta(days=1)  # past midnight
        return RoomTime(int((end - start).total_seconds() // 60), "")
    start, end = _moment(arrived) or _moment(session_start), _moment(left) or _moment(session_end)
    if (arrived is None and left is None) or start is None or end is None:
        missing = "times not marked" if arrived is None and left is None else (
            "not marked as arrived" if arrived is None else "not marked as left")
        return RoomTime(session_minutes, f"{missing}: whole session counted")
    if (start.tzinfo is None) != (end.tzinfo is None):
        start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
    seconds = (end - start).total_seconds()
    if seconds < 0:
        return RoomTime(session_minutes, "left before arriving: whole session counted")
    if seconds > LONGEST_DAY * 60:
        return RoomTime(session_minutes, "more than a day: whole session counted")
    return RoomTime(math.ceil(seconds / 60), "")


def round_up(minutes: int, step: int) -> int:
    """Up to the next ``step`` minutes (30: 61 → 90); a step of 0 or 1 keeps the minutes."""
    if minutes <= 0:
        return 0
    if step <= 1:
        return minutes
    return -(-minutes // step) * step


def pay_for(minutes: int, hourly_rate_pence: int) -> int:
    """Pence for ``minutes`` at an hourly rate, to the nearest penny (half a penny up)."""
    return (minutes * hourly_rate_pence * 2 + 60) // 120


def hours_text(minutes: int) -> str:
    """"1.5", "2", "0.25": hours for a sheet."""
    hours = f"{minutes / 60:.2f}".rstrip("0").rstrip(".")
    return hours or "0"


def expenses_of(recognition: Recognition) -> int:
    return recognition.travel_pence + recognition.care_pence + recognition.other_pence


def owed(recognition: Recognition, room_minutes: int, *, hourly_rate_pence: int | None, rounding: int) -> Owed:
    """What one person is owed for one workshop: their time (unless declined) and expenses.

    A donation is the same sum as pay, given to the cause; a voucher is worth the same unless a
    fixed amount was recorded. Expenses are paid whatever the choice."""
    minutes = round_up(room_minutes, rounding)
    if recognition.kind == RecognitionKind.DECLINED:
        amount = 0
    elif recognition.amount_pence is not None:
        amount = recognition.amount_pence
    else:
        amount = pay_for(minutes, hourly_rate_pence or 0)
    expenses = expenses_of(recognition)
    return Owed(minutes, amount, expenses, amount + expenses)


def describe(recognition: Recognition) -> str:
    """"Paid", "Voucher", "Declined", "Donated to Mind"."""
    words = KIND_WORDS[recognition.kind]
    if recognition.kind == RecognitionKind.DONATED and recognition.donated_to:
        return f"{words} to {recognition.donated_to}"
    return words


def effective_rate(workshop_rate: int | None, series_rate: int | None) -> int | None:
    """The workshop's own rate when it has one, else its series'."""
    return workshop_rate if workshop_rate is not None else series_rate


# --- a rate nobody set ------------------------------------------------------------------------------

NO_RATE_NOTE = "no hourly rate is set: time counted as 0.00"


def counted_without_rate(recognition: Recognition, rate: int | None) -> bool:
    """Is this person's time worth money that no rate prices (so it is counted as 0.00)?"""
    return rate is None and recognition.kind != RecognitionKind.DECLINED and recognition.amount_pence is None


def missing_rate_sentences(rows, *, app: bool = False) -> list[str]:
    """One plain sentence per series (or workshop in no series) whose paid time has no rate.

    ``rows``: ``RecognitionRow``s. From the command line the sentence names the command that sets
    a rate; in the app (``app=True``) it also names home's e key (a workshop's own rate)."""
    sentences: dict[str, str] = {}
    for row in rows:
        if not counted_without_rate(row.recognition, row.rate):
            continue
        if row.series:
            key, name = f"s:{row.series}", row.series
            how = "facilitator series-rate" + (", or a workshop's own rate with e on home" if app else "")
        else:
            key, name = f"w:{row.workshop_id}", row.workshop
            how = "e on home" if app else f"facilitator edit {row.workshop_id} --rate AMOUNT"
        sentences.setdefault(key, f"No hourly rate is set for {name}: time is counted as 0.00. Set one with {how}.")
    return list(sentences.values())
