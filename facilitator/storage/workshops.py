"""Workshops: creating one with its stages, finding them, finishing one.

The people in them are in ``people.py``; their stages and the timer in ``stages.py``.
"""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from facilitator.domain.checkout import values_problem
from facilitator.domain.dates import read_date
from facilitator.domain.errors import InvalidText, NotFound, RuleBroken
from facilitator.domain.models import (
    Involvement,
    StageKind,
    Workshop,
    WorkshopStatus,
)
from facilitator.domain.text import LONG_TEXT, clean_optional, clean_text
from facilitator.storage.base import StoreBase, row_to
from facilitator.storage.first_page import WORKSHOP_ORDER
from facilitator.storage.recognition import clean_details

# Added to a new workshop of a series when something is open to carry and its agenda has no
# feedback stage (``create_workshop``).
REVIEW_STAGE: dict[str, Any] = {
    "kind": "feedback", "title": "You said, we did: since last time", "minutes": 10,
    "settings": {"prompt": "What has happened since our last workshop? Every item gets an honest reply."},
}  # fmt: skip


def _clean_date(value: str | None, field: str, today: str) -> str | None:
    """A date as people write it (31/01/2027, 2027-01-31, tomorrow, friday, in 2 weeks: see
    ``domain.dates``) as YYYY-MM-DD, counted from ``today``; None when blank."""
    if value is None:
        return None
    day = read_date(str(value), date.fromisoformat(today), field)
    return day.isoformat() if day is not None else None


def _clean_settings(settings: dict[str, Any], position: int) -> dict[str, Any]:
    """A stage's question is shown on the projector and on phones: cleaned at the door like any
    other text (agendas are cleaned when loaded; this covers every other way in)."""
    prompt = settings.get("prompt")
    if isinstance(prompt, str):
        return {**settings, "prompt": clean_optional(prompt, f"question of stage {position}", max_length=LONG_TEXT,
                                                     multiline=True)}  # fmt: skip
    return settings


def _minutes(value, position: int) -> int:
    """A stage's planned minutes: a whole number of minutes, up to a day."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 24 * 60:
        raise InvalidText(f"The planned time of stage {position} must be a whole number of minutes from 0 to 1440, not {value!r}.")
    return value


def _enum(enum_type, value, field: str):
    try:
        return enum_type(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum_type)
        raise InvalidText(f"The {field} must be one of: {allowed} (not {value!r}).") from None


class WorkshopsMixin(StoreBase):
    def create_workshop(
        self,
        *,
        title: str,
        stages: list[dict[str, Any]],
        purpose: str = "",
        date: str | None = None,
        place: str = "",
        involvement: str = Involvement.CO_PRODUCTION,
        series: str = "",
        agenda_name: str = "",
        uid: str | None = None,
        details: dict[str, Any] | None = None,
        carry: bool = False,
    ) -> Workshop:
        """Create a workshop with its stages.

        ``stages`` are dicts with kind, title, minutes and settings (see ``stages_from_agenda``).
        ``uid`` is normally left out (a new random one); the demo passes fixed ones so that
        seeding twice can notice it has already been done. ``details``: the invitation pack's
        fields (start time, access, contact, recognition; see ``recognition.clean_details``).
        Stages moved out of earlier workshops onto the list to carry (``replan.py``) are added at
        the end: those of the same series always; outside a series, only when ``carry``.
        """
        values = {
            "uid": uid or uuid.uuid4().hex,
            "title": clean_text(title, "workshop title"),
            "purpose": clean_optional(purpose, "purpose", max_length=LONG_TEXT, multiline=True),
            "date": _clean_date(date, "workshop date", self.today()) or self.today(),
            "place": clean_optional(place, "place"),
            "involvement": _enum(Involvement, involvement, "kind of involvement").value,
            "series": clean_optional(series, "series name"),
            "status": WorkshopStatus.PLANNED.value,
            "agenda_name": clean_optional(agenda_name, "agenda name"),
            "created_at": self.now_iso(),
            **clean_details(details or {}),
        }
        if not stages:
            raise RuleBroken("A workshop needs at least one stage.")
        for position, stage in enumerate(stages, start=1):
            _check_checkout_values(stage, position)
        with self.write() as db:
            workshop_id = db["workshops"].insert(values).last_pk
            if values["series"] and not any(stage.get("kind") == StageKind.FEEDBACK for stage in stages):
                stages = self._with_review_stage(workshop_id, stages)
            db["stages"].insert_all(
                {
                    "workshop_id": workshop_id,
                    "position": position,
                    "kind": _enum(StageKind, stage.get("kind"), f"kind of stage {position}").value,
                    "title": clean_text(stage["title"], f"title of stage {position}"),
                    "planned_minutes": _minutes(stage.get("minutes"), position),
                    "settings": json.dumps(_clean_settings(stage.get("settings", {}), position), sort_keys=True),
                    "timer_left_seconds": _minutes(stage.get("minutes"), position) * 60.0,
                }
                for position, stage in enumerate(stages, start=1)
            )
            if values["series"] or carry:
                self._take_stages_to_carry(db, workshop_id, self.stages_to_carry(values["series"] or ""))
            if values["series"]:
                # Open actions and unanswered feedback from the series' last workshop (register.py).
                self._carry_over(db, workshop_id)
                # The series' standing roster, listed but not marked as here (series_roster.py).
                self.copy_series_roster(db, workshop_id, values["series"])
        return self.workshop(workshop_id)

    def _with_review_stage(self, workshop_id: int, stages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The stages, with a "You said, we did" review after the welcome when the series has
        something open to carry and the agenda has nowhere to put it (otherwise it goes nowhere)."""
        if not self.open_to_carry(workshop_id):
            return stages
        after = next((i + 1 for i, stage in enumerate(stages) if stage.get("kind") == StageKind.WELCOME), 0)
        return [*stages[:after], dict(REVIEW_STAGE), *stages[after:]]

    def workshop(self, workshop_id: int) -> Workshop:
        return self._get("workshops", Workshop, workshop_id, "workshop")

    def workshop_by_uid(self, uid: str) -> Workshop | None:
        row = self._row("SELECT * FROM workshops WHERE uid = ?", (uid,))
        return row_to(Workshop, row) if row else None

    def list_workshops(self, *, limit: int | None = None, offset: int = 0) -> list[Workshop]:
        """Newest first: in progress, then planned, then finished; by date within each."""
        sql = f"SELECT * FROM workshops ORDER BY {WORKSHOP_ORDER}"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [row_to(Workshop, row) for row in self._rows(sql)]

    def count_workshops(self) -> int:
        return self._value("SELECT count(*) FROM workshops")

    def previous_in_series(self, workshop_id: int) -> Workshop | None:
        workshop = self.workshop(workshop_id)
        if not workshop.series:
            return None
        row = self._row(
            "SELECT * FROM workshops WHERE series = ? AND id != ? AND (date < ? OR (date = ? AND id < ?)) "
            "ORDER BY date DESC, id DESC LIMIT 1",
            (workshop.series, workshop.id, workshop.date, workshop.date, workshop.id),
        )
        return row_to(Workshop, row) if row else None

    def finish_workshop(self, workshop_id: int) -> Workshop:
        now_iso, now = self.now_iso(), self.now()
        with self.write() as db:
            current = self._value("SELECT current_stage_id FROM workshops WHERE id = ?", (workshop_id,))
            if current is not None:
                self._end_stage(db, current, now_iso, now)
            db.execute(
                "UPDATE workshops SET status = ?, ended_at = ? WHERE id = ?",
                (WorkshopStatus.FINISHED.value, now_iso, workshop_id),
            )
            # Support needs go once it is over, except for the series' standing roster (privacy.py).
            self.clear_support_needs(db, workshop_id)
        return self.workshop(workshop_id)



def require(value, what: str):
    if value is None:
        raise NotFound(f"There is no {what}.")
    return value


def _check_checkout_values(stage: dict, position: int) -> None:
    """An evaluate stage's own values must be usable: the check-out and its minutes rely on them."""
    settings = stage.get("settings") or {}
    if stage.get("kind") == StageKind.EVALUATE and isinstance(settings, dict) and "values" in settings:
        problem = values_problem(settings["values"])
        if problem:
            raise RuleBroken(f"The values of stage {position} {problem}.")
