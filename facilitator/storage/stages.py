"""A workshop's stages, moving from one to the next, and the timer that survives a restart.

The timer's state is stored on the stage row (status, seconds left, when it last changed) and
every change to it is logged in ``stage_events``, so the minutes can say what happened.
"""

from __future__ import annotations

from facilitator.domain import timer as timer_maths
from facilitator.domain.errors import RuleBroken
from facilitator.domain.models import Stage, StageEvent, StageKind, TimerStatus, WorkshopStatus
from facilitator.storage.base import StoreBase, row_to


# Stage events about the app itself rather than the timer (the minutes mention only the first).
INTERRUPTED = "resumed after interruption"
APP_CLOSED = "app closed"
APP_RESTARTED = "app restarted"


class StagesMixin(StoreBase):
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

    def _event(self, db, stage_id: int, event: str, seconds: float = 0.0, note: str = "") -> None:
        db["stage_events"].insert(
            {"stage_id": stage_id, "at": self.now_iso(), "event": event, "seconds": round(seconds, 1), "note": note}
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
            # A stage skipped or moved to another workshop while re-planning is passed over.
            "SELECT * FROM stages WHERE workshop_id = ? AND position > ? AND plan_state = '' "
            "ORDER BY position LIMIT 1",
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
            self._event(db, stage_id, INTERRUPTED)

    # -- how the app last closed: cleanly (Ctrl+Q), or not (a crash, a kill, a flat battery) -----

    def log_app_closed(self, workshop_id: int) -> bool:
        """The facilitator quit the app cleanly: note it on the stage whose timer is running, so
        that opening the app again is not taken for a restart after an interruption. True if noted
        (False when no timer is running: then there is nothing to be mistaken)."""
        with self.write() as db:
            stage = self.current_stage(workshop_id)
            if stage is None or stage.timer_status is not TimerStatus.RUNNING:
                return False
            self._event(db, stage.id, APP_CLOSED)
        return True

    def closed_cleanly(self, stage_id: int) -> bool:
        """True if the last thing logged for the stage is a clean quit (``log_app_closed``): the
        timer ran on while the app was closed, as it should. Anything after it (another run of the
        app that changed the timer, then crashed) means the last run did not end cleanly."""
        last = self._value("SELECT event FROM stage_events WHERE stage_id = ? ORDER BY id DESC LIMIT 1", (stage_id,))
        return last == APP_CLOSED

    def log_app_restarted(self, stage_id: int) -> None:
        """The app opened again after a clean quit; a crash from now on is an interruption again."""
        with self.write() as db:
            self._event(db, stage_id, APP_RESTARTED)

    def set_revealed(self, stage_id: int, revealed: bool = True) -> Stage:
        with self.write() as db:
            self.stage(stage_id)
            db.execute("UPDATE stages SET revealed = ? WHERE id = ?", (int(revealed), stage_id))
            self._event(db, stage_id, "reveal" if revealed else "hide")
            if revealed:  # a ladder's counts, a panel's marks: what the record keeps (storage/kinds.py)
                self._store_results(db, stage_id)
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
