"""A workshop's invitation details, series settings, and how people's time is recognised.

Recognition is private: it never reaches the minutes, and an export carries it only with
``--include-private`` (``with_recognition`` / ``insert_recognition``, called from exchange.py).
Rows key on the participant and hold no name, so forgetting a person reaches them too.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from facilitator.domain.dates import read_date
from facilitator.domain.errors import InvalidText, NotFound
from facilitator.domain.invitation import ACCESS_FIELDS, read_clock_time
from facilitator.domain.recognition import (
    DEFAULT_CURRENCY,
    DEFAULT_ROUNDING,
    NO_RATE_NOTE,
    Recognition,
    RecognitionKind,
    RecognitionRow,
    SeriesSettings,
    counted_without_rate,
    effective_rate,
    minutes_in_room,
    owed,
)
from facilitator.domain.record import RecognitionPart
from facilitator.domain.text import LONG_TEXT, clean_optional, clean_text
from facilitator.storage.base import StoreBase, row_to

DETAIL_FIELDS = ("start_time", *(name for name, _ in ACCESS_FIELDS), "access_notes", "contact_name",
                 "contact_details", "time_recognised", "hourly_rate_pence")  # fmt: skip
_LABELS = {**dict(ACCESS_FIELDS), "access_notes": "access information", "contact_name": "contact's name",
           "contact_details": "contact's phone or email", "time_recognised": "how time is recognised"}  # fmt: skip


def clean_details(details: dict[str, Any]) -> dict[str, Any]:
    """The invitation fields given (None: leave as it is), cleaned; one sentence for a bad one."""
    cleaned: dict[str, Any] = {}
    for field, value in details.items():
        if field not in DETAIL_FIELDS:
            raise InvalidText(f"There is no workshop detail called {field}.")
        if value is None:
            continue
        if field == "start_time":
            cleaned[field] = read_clock_time(value)
        elif field == "hourly_rate_pence":
            cleaned[field] = _pence(value, "hourly rate")
        elif field in ("access_notes", "time_recognised"):
            cleaned[field] = clean_optional(value, _LABELS[field], max_length=LONG_TEXT, multiline=True)
        else:
            cleaned[field] = clean_optional(value, _LABELS[field].lower())
    return cleaned


def _pence(value: Any, field: str) -> int | None:
    if value == "" or value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100_000_00:
        raise InvalidText(f"The {field} must be a whole number of pence from 0 to 10000000.")
    return value


class RecognitionMixin(StoreBase):
    # -- the workshop's invitation details -------------------------------------------------------

    def set_workshop_details(self, workshop_id: int, **details: Any) -> None:
        """Change the invitation fields given (start time, access, contact, recognition, rate)."""
        values = clean_details(details)
        with self.write() as db:
            self.workshop(workshop_id)
            if values:
                db["workshops"].update(workshop_id, values)

    # -- series settings -------------------------------------------------------------------------

    def series_settings(self, series: str) -> SeriesSettings:
        row = self._row("SELECT * FROM series_settings WHERE series = ?", (series,))
        return row_to(SeriesSettings, row) if row else SeriesSettings(series=series)

    def set_series_settings(
        self, series: str, *, hourly_rate_pence: int | None | str = "", rounding_minutes: int | None = None,
        currency: str | None = None,
    ) -> SeriesSettings:  # fmt: skip
        """Set a series' rate (None clears it; "" leaves it), rounding (minutes) and currency symbol."""
        name = clean_text(series, "series name")
        rate = None if hourly_rate_pence == "" else _pence(hourly_rate_pence, "hourly rate")
        if rounding_minutes is not None and (isinstance(rounding_minutes, bool) or not isinstance(rounding_minutes, int)
                                             or not 0 <= rounding_minutes <= 240):  # fmt: skip
            raise InvalidText("The rounding must be a whole number of minutes from 0 to 240 (30: up to the half hour).")
        symbol = None if currency is None else clean_text(currency, "currency symbol", max_length=5)
        with self.write() as db:
            old = self.series_settings(name)  # read inside the write: two terminals cannot undo each other
            rate = old.hourly_rate_pence if hourly_rate_pence == "" else rate
            rounding = old.rounding_minutes if rounding_minutes is None else rounding_minutes
            symbol = old.currency if symbol is None else symbol
            db["series_settings"].upsert(
                {"series": name, "hourly_rate_pence": rate, "rounding_minutes": rounding, "currency": symbol},
                pk="series",
            )
        return self.series_settings(name)

    # -- recognition per person ------------------------------------------------------------------

    def record_recognition(
        self, participant_id: int, kind: str, *, donated_to: str = "", amount_pence: int | None = None,
        travel_pence: int = 0, care_pence: int = 0, other_pence: int = 0, other_note: str = "",
    ) -> Recognition:  # fmt: skip
        """How one person is recognised for their workshop (replaces what was recorded before)."""
        try:
            kind = RecognitionKind(kind).value
        except ValueError:
            raise InvalidText(f"The recognition must be one of: paid, voucher, declined, donated (not {kind!r}).") from None
        cause = clean_optional(donated_to, "cause")
        if kind == RecognitionKind.DONATED and not cause:
            raise InvalidText("Say which cause the money is donated to.")
        values = {
            "participant_id": participant_id, "kind": kind,
            "donated_to": cause if kind == RecognitionKind.DONATED else "",
            "amount_pence": _pence(amount_pence, "amount"),
            "travel_pence": _pence(travel_pence, "travel cost") or 0,
            "care_pence": _pence(care_pence, "care cost") or 0,
            "other_pence": _pence(other_pence, "other cost") or 0,
            "other_note": clean_optional(other_note, "other cost's note"),
            "recorded_at": self.now_iso(),
        }  # fmt: skip
        with self.write() as db:
            self.participant(participant_id)  # type: ignore[attr-defined]
            db["recognition"].upsert(values, pk="participant_id")
        return self.recognition_for(participant_id)  # type: ignore[return-value]

    def recognition_for(self, participant_id: int) -> Recognition | None:
        row = self._row("SELECT * FROM recognition WHERE participant_id = ?", (participant_id,))
        return row_to(Recognition, row) if row else None

    def clear_recognition(self, participant_id: int) -> None:
        with self.write() as db:
            db.execute("DELETE FROM recognition WHERE participant_id = ?", (participant_id,))

    def find_participant(self, workshop_id: int, who: str):
        """A person in a workshop by id or by name (case-insensitive, exactly one)."""
        text = who.strip()
        if text.isdigit():
            row = self._row("SELECT id FROM participants WHERE id = ? AND workshop_id = ?", (int(text), workshop_id))
        else:
            rows = self._rows(
                "SELECT id FROM participants WHERE workshop_id = ? AND lower(name) = lower(?) AND forgotten = 0",
                (workshop_id, text),
            )
            if len(rows) > 1:
                raise InvalidText(f"More than one person in workshop {workshop_id} is called {text}; give their number instead.")
            row = rows[0] if rows else None
        if row is None:
            raise NotFound(f"There is nobody called {text} in workshop {workshop_id} (see the roster for names).")
        return self.participant(row["id"])  # type: ignore[attr-defined]

    def recognition_rows(
        self, *, series: str | None = None, since: str | None = None, until: str | None = None,
        workshop_id: int | None = None,
    ) -> list[RecognitionRow]:  # fmt: skip
        """One row per person per workshop with a recognition recorded, oldest workshop first."""
        today = date.fromisoformat(self.today())
        clauses, params = [], []
        if series is not None:
            clauses.append("w.series = ?")
            params.append(series)
        for bound, op in ((since, ">="), (until, "<=")):
            if bound is not None:
                day = read_date(bound, today, "since date" if op == ">=" else "until date")
                clauses.append(f"w.date {op} ?")
                params.append(day.isoformat() if day else "")
        if workshop_id is not None:
            clauses.append("w.id = ?")
            params.append(workshop_id)
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        rows = self._rows(
            "SELECT r.*, p.name, p.forgotten, p.arrived_at, p.left_at, w.id AS w_id, w.title AS w_title, "
            "w.date AS w_date, w.series AS w_series, w.ended_at AS w_ended, w.hourly_rate_pence AS w_rate, "
            "s.hourly_rate_pence AS s_rate, coalesce(s.rounding_minutes, ?) AS rounding, "
            "coalesce(s.currency, ?) AS currency, "
            "(SELECT sum(planned_minutes) FROM stages WHERE workshop_id = w.id) AS planned, "
            "(SELECT min(started_at) FROM stages WHERE workshop_id = w.id) AS w_started "
            "FROM recognition r JOIN participants p ON p.id = r.participant_id "
            "JOIN workshops w ON w.id = p.workshop_id LEFT JOIN series_settings s ON s.series = w.series "
            f"{where} ORDER BY w.date, w.id, p.forgotten, lower(p.name), p.id",
            (DEFAULT_ROUNDING, DEFAULT_CURRENCY, *params),
        )
        result = []
        for row in rows:
            recognition = Recognition(**{k: row[k] for k in Recognition.model_fields})
            room = minutes_in_room(row["arrived_at"], row["left_at"], session_minutes=row["planned"] or 0,
                                   session_start=row["w_started"], session_end=row["w_ended"])  # fmt: skip
            rate = effective_rate(row["w_rate"], row["s_rate"])
            money = owed(recognition, room.minutes, hourly_rate_pence=rate, rounding=row["rounding"])
            no_rate = NO_RATE_NOTE if counted_without_rate(recognition, rate) else ""
            note = "; ".join(part for part in (room.note, no_rate) if part)
            result.append(RecognitionRow(
                participant_id=row["participant_id"], name=row["name"], forgotten=bool(row["forgotten"]),
                workshop_id=row["w_id"], workshop=row["w_title"], date=row["w_date"], series=row["w_series"],
                recognition=recognition, owed=money, note=note, rate=rate, currency=row["currency"],
            ))  # fmt: skip
        return result


# --- in exports, only with --include-private -----------------------------------------------------


def with_recognition(store, record):
    """``record`` with its people's recognition added (for an export with --include-private)."""
    ids = [person.id for person in record.participants]
    marks = ", ".join("?" for _ in ids)
    rows = store._rows(f"SELECT * FROM recognition WHERE participant_id IN ({marks}) ORDER BY participant_id", ids)
    return record.model_copy(update={"recognition": [RecognitionPart(**row) for row in rows]})


def insert_recognition(conn, record, people: dict[int, int], fail) -> None:
    """Write an imported record's recognition, each row under its person's new id."""
    for item in record.recognition:
        if item.participant_id not in people:
            raise fail(f"recognition names participant {item.participant_id}, who is not in the file")
        values = {**item.model_dump(mode="json"), "participant_id": people[item.participant_id]}
        columns = ", ".join(values)
        conn.execute(f"INSERT INTO recognition ({columns}) VALUES ({', '.join('?' for _ in values)})",
                     tuple(values.values()))  # fmt: skip
