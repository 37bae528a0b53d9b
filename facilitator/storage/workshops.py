"""Workshops, the people in them, and their stages (with the timer that survives a restart)."""

from __future__ import annotations

import json
import uuid
from typing import Any

from facilitator.domain import timer as timer_maths
from facilitator.domain.checkout import values_problem
from facilitator.domain.errors import InvalidText, NotFound, RuleBroken
from facilitator.domain.models import (
    Attribution,
    Involvement,
    Participant,
    Perspective,
    Stage,
    StageEvent,
    StageKind,
    TimerStatus,
    Workshop,
    WorkshopStatus,
)
from facilitator.domain.text import LONG_TEXT, clean_optional, clean_text
from facilitator.storage.base import StoreBase, row_to
from facilitator.storage.first_page import WORKSHOP_ORDER


def _clean_date(value: str | None, field: str) -> str | None:
    if value in (None, ""):
        return None
    from datetime import date

    try:
        return date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise InvalidText(f"The {field} must be a date written as YYYY-MM-DD, not {value!r}.") from None


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
    # -- workshops ----------------------------------------------------------------------------

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
    ) -> Workshop:
        """Create a workshop with its stages.

        ``stages`` are dicts with kind, title, minutes and settings (see ``stages_from_agenda``).
        ``uid`` is normally left out (a new random one); the demo passes fixed ones so that
        seeding twice can notice it has already been done.
        """
        values = {
            "uid": uid or uuid.uuid4().hex,
            "title": clean_text(title, "workshop title"),
            "purpose": clean_optional(purpose, "purpose", max_length=LONG_TEXT, multiline=True),
            "date": _clean_date(date, "workshop date") or self.today(),
            "place": clean_optional(place, "place"),
            "involvement": _enum(Involvement, involvement, "kind of involvement").value,
            "series": clean_optional(series, "series name"),
            "status": WorkshopStatus.PLANNED.value,
            "agenda_name": clean_optional(agenda_name, "agenda name"),
            "created_at": self.now_iso(),
        }
        if not stages:
            raise RuleBroken("A workshop needs at least one stage.")
        for position, stage in enumerate(stages, start=1):
            _check_checkout_values(stage, position)
        with self.write() as db:
            workshop_id = db["workshops"].insert(values).last_pk
            db["stages"].insert_all(
                {
                    "workshop_id": workshop_id,
                    "position": position,
                    "kind": _enum(StageKind, stage.get("kind"), f"kind of stage {position}").value,
                    "title": clean_text(stage["title"], f"title of stage {position}"),
                    "planned_minutes": _minutes(stage.get("minutes"), position),
                    "settings": json.dumps(stage.get("settings", {}), sort_keys=True),
                    "timer_left_seconds": _minutes(stage.get("minutes"), position) * 60.0,
                }
                for position, stage in enumerate(stages, start=1)
            )
            if values["series"]:
                # Open actions and unanswered feedback from the series' last workshop (register.py).
                self._carry_over(db, workshop_id)
        return self.workshop(workshop_id)

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
        return self.workshop(workshop_id)

    # -- participants -------------------------------------------------------------------------

    def _participant_values(self, name, perspectives, attribution, support_needs) -> dict[str, Any]:
        cleaned = []
        for perspective in perspectives or []:
            value = _enum(Perspective, perspective, "perspective").value
            if value not in cleaned:
                cleaned.append(value)
        return {
            "name": clean_text(name, "name", max_length=100),
            "perspectives": json.dumps(cleaned),
            "attribution": _enum(Attribution, attribution, "attribution preference").value,
            "support_needs": clean_optional(support_needs, "support needs", max_length=2000, multiline=True),
        }

    def add_participant(
        self,
        workshop_id: int,
        name: str,
        perspectives: list[str] | tuple[str, ...] = (),
        attribution: str = Attribution.PERSPECTIVE,
        support_needs: str = "",
        *,
        arrived: bool = False,
    ) -> Participant:
        values = self._participant_values(name, perspectives, attribution, support_needs)
        values["workshop_id"] = workshop_id
        values["arrived_at"] = self.now_iso() if arrived else None
        with self.write() as db:
            self.workshop(workshop_id)
            participant_id = db["participants"].insert(values).last_pk
        return self.participant(participant_id)

    def update_participant(
        self, participant_id: int, *, name: str, perspectives, attribution: str, support_needs: str = ""
    ) -> Participant:
        values = self._participant_values(name, perspectives, attribution, support_needs)
        with self.write() as db:
            self.participant(participant_id)
            db["participants"].update(participant_id, values)
        return self.participant(participant_id)

    def remove_participant(self, participant_id: int) -> None:
        """Take someone off the roster; refused once they have contributed (use ``forget``)."""
        with self.write() as db:
            person = self.participant(participant_id)
            used = self._value(
                "SELECT (SELECT count(*) FROM ideas WHERE said_by = :p)"
                " + (SELECT count(*) FROM votes WHERE participant_id = :p)"
                " + (SELECT count(*) FROM dissents WHERE participant_id = :p)"
                " + (SELECT count(*) FROM actions WHERE owner_participant_id = :p)",
                {"p": participant_id},
            )
            if used:
                raise RuleBroken(
                    f"{person.name or 'This person'} has already contributed, so they cannot be removed; "
                    "mark them as left, or forget them to remove their name."
                )
            db.execute("DELETE FROM participants WHERE id = ?", (participant_id,))

    def forget_participant(self, participant_id: int) -> None:
        """Remove a person's name and details everywhere; their contributions stay as "a participant"."""
        with self.write() as db:
            self.participant(participant_id)
            db.execute(
                "UPDATE participants SET name = '', support_needs = '', forgotten = 1, "
                "attribution = 'anonymous' WHERE id = ?",
                (participant_id,),
            )
        # Until a checkpoint the old page, name and all, is still in the database file and the WAL.
        self.database.checkpoint()

    def mark_arrived(self, participant_id: int) -> Participant:
        with self.write() as db:
            db.execute(
                "UPDATE participants SET arrived_at = coalesce(arrived_at, ?), left_at = NULL WHERE id = ?",
                (self.now_iso(), participant_id),
            )
        return self.participant(participant_id)

    def mark_left(self, participant_id: int) -> Participant:
        with self.write() as db:
            db.execute(
                "UPDATE participants SET left_at = ? WHERE id = ? AND arrived_at IS NOT NULL",
                (self.now_iso(), participant_id),
            )
        return self.participant(participant_id)

    def participant(self, participant_id: int) -> Participant:
        return self._get("participants", Participant, participant_id, "participant")

    def participants(self, workshop_id: int) -> list[Participant]:
        rows = self._rows(
            "SELECT * FROM participants WHERE workshop_id = ? ORDER BY forgotten, lower(name), id",
            (workshop_id,),
        )
        return [row_to(Participant, row) for row in rows]

    def present_ids(self, workshop_id: int) -> list[int]:
        rows = self._rows(
            "SELECT id FROM participants WHERE workshop_id = ? AND arrived_at IS NOT NULL "
            "AND left_at IS NULL ORDER BY id",
            (workshop_id,),
        )
        return [row["id"] for row in rows]

    # -- stages and the timer -----------------------------------------------------------------

    def stages(self, workshop_id: int) -> list[Stage]:
        rows = self._rows("SELECT * FROM stages WHERE workshop_id = ? ORDER BY position", (workshop_id,))
        return [row_to(Stage, row) for row in rows]

    def stage(self, stage_id: int) -> Stage:
        return self._get("stages", Stage, stage_id, "stage")

    def current_stage(self, workshop_id: int) -> Stage | None:
        stage_id = self._value("SELECT current_stage_id FROM workshops WHERE id = ?", (workshop_id,))
        return self.stage(stage_id) if stage_id is not None else None

    def stage_events(self, stage_id: int) -> list[StageEvent]:
        rows = self._rows("SELECT * FROM stage_events WHERE stage_id = ? ORDER BY id", (stage_id,))
        return [row_to(StageEvent, row) for row in rows]

    def _event(self, db, stage_id: int, event: str, seconds: float = 0.0) -> None:
        db["stage_events"].insert(
            {"stage_id": stage_id, "at": self.now_iso(), "event": event, "seconds": round(seconds, 1)}
        )

    def _save_timer(self, db, stage_id: int, state: timer_maths.TimerState) -> None:
        db.execute(
            "UPDATE stages SET timer_status = ?, timer_left_seconds = ?, timer_changed_at = ? WHERE id = ?",
            (TimerStatus(state.status).value, state.left_seconds, state.changed_at, stage_id),
        )

    def _end_stage(self, db, stage_id: int, now_iso: str, now: float) -> None:
        stage = self.stage(stage_id)
        if stage.timer_status == TimerStatus.DONE:
            return
        left = timer_maths.left(timer_state(stage), now) if stage.started_at else 0.0
        if stage.started_at and left < 0:
            self._event(db, stage_id, "overrun", -left)
        if stage.started_at:
            self._event(db, stage_id, "end", left)
        db.execute(
            "UPDATE stages SET ended_at = ?, timer_status = ?, timer_left_seconds = ?, "
            "timer_changed_at = ? WHERE id = ?",
            (now_iso if stage.started_at else None, TimerStatus.DONE.value, left, now, stage_id),
        )

    def start_stage(self, stage_id: int) -> Stage:
        """Make this stage current: the previous one ends (overrun logged), this timer starts."""
        now_iso, now = self.now_iso(), self.now()
        with self.write() as db:
            stage = self.stage(stage_id)
            current = self._value("SELECT current_stage_id FROM workshops WHERE id = ?", (stage.workshop_id,))
            if current == stage_id:
                return stage
            if current is not None:
                self._end_stage(db, current, now_iso, now)
            if stage.started_at is None:
                state = timer_maths.start(stage.planned_minutes * 60.0, now)
                db.execute("UPDATE stages SET started_at = ?, ended_at = NULL WHERE id = ?", (now_iso, stage_id))
                self._event(db, stage_id, "start")
            else:
                # Going back to a stage: it continues with the time it had left, paused.
                state = timer_maths.TimerState(
                    status=TimerStatus.PAUSED, left_seconds=stage.timer_left_seconds, changed_at=now
                )
                db.execute("UPDATE stages SET ended_at = NULL WHERE id = ?", (stage_id,))
                self._event(db, stage_id, "reopen")
            self._save_timer(db, stage_id, state)
            if stage.kind == StageKind.VOTE and stage.vote_budget is None:
                self._freeze_budget(db, stage)
            db.execute(
                "UPDATE workshops SET current_stage_id = ?, status = ? WHERE id = ?",
                (stage_id, WorkshopStatus.IN_PROGRESS.value, stage.workshop_id),
            )
        return self.stage(stage_id)

    def next_stage(self, workshop_id: int) -> Stage | None:
        current = self.current_stage(workshop_id)
        position = current.position if current else 0
        row = self._row(
            "SELECT * FROM stages WHERE workshop_id = ? AND position > ? ORDER BY position LIMIT 1",
            (workshop_id, position),
        )
        return row_to(Stage, row) if row else None

    def pause_timer(self, stage_id: int) -> Stage:
        return self._change_timer(stage_id, "pause", lambda s, now: timer_maths.pause(s, now))

    def resume_timer(self, stage_id: int) -> Stage:
        return self._change_timer(stage_id, "resume", lambda s, now: timer_maths.resume(s, now))

    def extend_timer(self, stage_id: int, seconds: float) -> Stage:
        if seconds <= 0:
            raise RuleBroken("Time can only be added, not taken away.")
        return self._change_timer(
            stage_id, "extend", lambda s, now: timer_maths.extend(s, seconds, now), seconds
        )

    def _change_timer(self, stage_id, event, change, seconds: float = 0.0) -> Stage:
        now = self.now()
        with self.write() as db:
            stage = self.stage(stage_id)
            if stage.timer_status in (TimerStatus.NOT_STARTED, TimerStatus.DONE):
                raise RuleBroken(f"The timer for \u201c{stage.title}\u201d is not running.")
            before = timer_state(stage)
            after = change(before, now)
            if after != before:
                self._save_timer(db, stage_id, after)
                self._event(db, stage_id, event, seconds or timer_maths.left(after, now))
        return self.stage(stage_id)

    def log_overrun_once(self, stage_id: int) -> bool:
        """Record that a stage ran over (once); returns True if this call recorded it."""
        with self.write() as db:
            stage = self.stage(stage_id)
            if timer_maths.left(timer_state(stage), self.now()) >= 0:
                return False
            seen = self._value(
                "SELECT count(*) FROM stage_events WHERE stage_id = ? AND event = 'overran'", (stage_id,)
            )
            if seen:
                return False
            self._event(db, stage_id, "overran")
            return True

    def log_resumed_after_interruption(self, stage_id: int) -> None:
        with self.write() as db:
            self._event(db, stage_id, "resumed after interruption")

    def set_revealed(self, stage_id: int, revealed: bool = True) -> Stage:
        with self.write() as db:
            self.stage(stage_id)
            db.execute("UPDATE stages SET revealed = ? WHERE id = ?", (int(revealed), stage_id))
            self._event(db, stage_id, "reveal" if revealed else "hide")
        return self.stage(stage_id)

    def _freeze_budget(self, db, stage: Stage) -> int:
        """Fix the dot budget when the vote opens, so it is the same for everyone throughout."""
        from facilitator.domain.voting import resolve_budget

        candidates = self.candidates(stage.id)
        budget = resolve_budget(stage.settings.get("dots_per_person", "auto"), len(candidates))
        db.execute("UPDATE stages SET vote_budget = ? WHERE id = ?", (budget, stage.id))
        return budget


def timer_state(stage: Stage) -> timer_maths.TimerState:
    return timer_maths.TimerState(
        status=stage.timer_status, left_seconds=stage.timer_left_seconds, changed_at=stage.timer_changed_at
    )


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
