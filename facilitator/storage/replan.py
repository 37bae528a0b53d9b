"""Re-planning a workshop while it runs: shorten, skip, move to the next workshop, add, reorder.

Only stages that have not started can be changed (the one that is on has its own keys: +5
minutes, next). Every change is one ``BEGIN IMMEDIATE`` transaction and is logged as a stage
event with its time and a plain sentence (``note``), which the minutes' agenda table shows.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timedelta
from typing import Any

from facilitator.domain import replan
from facilitator.domain import timer as timer_maths
from facilitator.domain.errors import RuleBroken
from facilitator.domain.models import Stage, StageKind, TimerStatus, WorkshopStatus
from facilitator.domain.text import clean_text
from facilitator.storage.base import StoreBase, row_to

ACCEPTED = "later finish accepted"
# A planned next workshop is made this many days after this one when the series has none.
NEXT_WORKSHOP_DAYS = 28


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


class ReplanMixin(StoreBase):
    # -- reading -----------------------------------------------------------------------------

    def stages_to_come(self, workshop_id: int) -> list[Stage]:
        """Stages after the one that is on that have not started and are still in the plan."""
        current = self.current_stage(workshop_id)
        position = current.position if current is not None else 0
        rows = self._rows(
            "SELECT * FROM stages WHERE workshop_id = ? AND position > ? AND started_at IS NULL "
            "AND plan_state = '' ORDER BY position",
            (workshop_id, position),
        )
        return [row_to(Stage, row) for row in rows]

    def finish(self, workshop_id: int) -> replan.Finish | None:
        """The planned and projected finish; None until the first stage has started."""
        first = self._value("SELECT min(started_at) FROM stages WHERE workshop_id = ?", (workshop_id,))
        if first is None or self.workshop(workshop_id).status is WorkshopStatus.FINISHED:
            return None
        first_plan = [row["m"] for row in self._rows(
            "SELECT coalesce(first_planned_minutes, planned_minutes) AS m FROM stages WHERE workshop_id = ?",
            (workshop_id,))]  # fmt: skip
        current = self.current_stage(workshop_id)
        left = None
        if current is not None and current.timer_status is not TimerStatus.DONE:
            left = timer_maths.left(timer_maths.TimerState.from_stage(current), self.now())
        rest = [stage.planned_minutes for stage in self.stages_to_come(workshop_id)]
        accepted = self._value(
            "SELECT e.seconds FROM stage_events e JOIN stages s ON s.id = e.stage_id "
            "WHERE s.workshop_id = ? AND e.event = ? ORDER BY e.id DESC LIMIT 1",
            (workshop_id, ACCEPTED),
        )
        planned = replan.planned_finish(_epoch(first), first_plan)
        return replan.Finish(
            planned=planned,
            projected=replan.projected_finish(self.now(), left, rest),
            accepted=None if accepted is None else planned + accepted,
        )

    # -- changing the plan -------------------------------------------------------------------

    def _to_change(self, stage_id: int) -> Stage:
        stage = self.stage(stage_id)
        if stage.started_at is not None:
            raise RuleBroken(f"\u201c{stage.title}\u201d has already started, so it can no longer be re-planned.")
        if stage.plan_state:
            raise RuleBroken(f"\u201c{stage.title}\u201d is no longer in today's plan.")
        return stage

    def _set_minutes(self, db, stage: Stage, minutes: int, why: str) -> None:
        if minutes == stage.planned_minutes:
            return
        verb = "Shortened" if minutes < stage.planned_minutes else "Lengthened"
        db.execute(
            "UPDATE stages SET planned_minutes = ?, timer_left_seconds = ?, "
            "first_planned_minutes = coalesce(first_planned_minutes, planned_minutes) WHERE id = ?",
            (minutes, minutes * 60.0, stage.id),
        )
        note = f"{verb} from {stage.planned_minutes} to {replan.minutes_words(minutes)}{why}"
        self._event(db, stage.id, verb.lower(), (stage.planned_minutes - minutes) * 60.0, note)

    def shorten_the_rest(self, workshop_id: int) -> int:
        """Take the time the workshop is behind off the stages to come, in proportion to their
        length; breaks are kept whole. Returns the minutes saved (0 when on time)."""
        with self.write() as db:
            finish = self.finish(workshop_id)
            if finish is None:
                raise RuleBroken("The workshop has not started, so there is nothing to catch up.")
            rest = self.stages_to_come(workshop_id)
            keep = frozenset(stage.id for stage in rest if stage.kind is StageKind.BREAK)
            before = {stage.id: stage.planned_minutes for stage in rest}
            after = replan.shorten_proportionally(before, replan.minutes_to_save(finish), keep=keep)
            for stage in rest:
                self._set_minutes(db, stage, after[stage.id], " (the rest shortened to catch up)")
        return sum(before.values()) - sum(after.values())

    def set_stage_minutes(self, stage_id: int, minutes: int) -> Stage:
        """Give one stage that has not started a new length (shortening chosen stages)."""
        with self.write() as db:
            stage = self._to_change(stage_id)
            self._set_minutes(db, stage, replan.check_minutes(minutes, f"\u201c{stage.title}\u201d"), "")
        return self.stage(stage_id)

    def skip_stage(self, stage_id: int) -> Stage:
        with self.write() as db:
            stage = self._to_change(stage_id)
            db.execute("UPDATE stages SET plan_state = 'skipped' WHERE id = ?", (stage_id,))
            self._event(db, stage_id, "skipped", stage.planned_minutes * 60.0, "Skipped to save time")
        return self.stage(stage_id)

    def carry_stage(self, stage_id: int) -> str:
        """Move a stage to the next workshop in the series: added to the end of the planned one
        (made, four weeks on, if the series has none), or put on the list to carry when this
        workshop is in no series. Returns the sentence saying which."""
        with self.write() as db:
            stage = self._to_change(stage_id)
            workshop = self.workshop(stage.workshop_id)
            if not workshop.series:
                sentence = ("Put on the list to carry to a later workshop (this workshop is in no series, "
                            "so there is no next one to add it to)")  # fmt: skip
                db.execute("UPDATE stages SET plan_state = 'to carry' WHERE id = ?", (stage_id,))
                self._event(db, stage_id, "to carry", stage.planned_minutes * 60.0, sentence)
                return sentence + "."
            row = self._row(
                "SELECT id, title FROM workshops WHERE series = ? AND id != ? AND status = 'planned' "
                "ORDER BY date, id LIMIT 1",
                (workshop.series, workshop.id),
            )
            if row is None:
                later = (date.fromisoformat(workshop.date) + timedelta(days=NEXT_WORKSHOP_DAYS)).isoformat()
                title = clean_text(f"{workshop.series}: next workshop", "workshop title")
                next_id = db["workshops"].insert({
                    "uid": uuid.uuid4().hex, "title": title, "date": later, "series": workshop.series,
                    "involvement": workshop.involvement.value, "status": WorkshopStatus.PLANNED.value,
                    "created_at": self.now_iso(),
                }).last_pk  # fmt: skip
                made = f" (made for it, dated {later}: change the date when it is known)"
            else:
                next_id, title, made = row["id"], row["title"], ""
            last = self._value("SELECT coalesce(max(position), 0) FROM stages WHERE workshop_id = ?", (next_id,))
            db["stages"].insert({
                "workshop_id": next_id, "position": last + 1, "kind": stage.kind.value, "title": stage.title,
                "planned_minutes": stage.first_planned_minutes or stage.planned_minutes,
                "settings": json.dumps(stage.settings, sort_keys=True),
                "timer_left_seconds": (stage.first_planned_minutes or stage.planned_minutes) * 60.0,
            })  # fmt: skip
            sentence = f"Moved to the next workshop in the series, \u201c{title}\u201d{made}"
            db.execute("UPDATE stages SET plan_state = 'carried' WHERE id = ?", (stage_id,))
            self._event(db, stage_id, "carried", stage.planned_minutes * 60.0, sentence)
        return sentence + "."

    def stages_to_carry(self) -> list[Stage]:
        """Stages put on the list to carry, from every workshop, oldest first."""
        rows = self._rows("SELECT * FROM stages WHERE plan_state = 'to carry' ORDER BY workshop_id, position")
        return [row_to(Stage, row) for row in rows]

    def insert_stage(
        self, workshop_id: int, *, kind: str, title: str, minutes: int, settings: dict[str, Any] | None = None,
        after_stage_id: int | None = None,
    ) -> Stage:
        """Add a stage while the workshop runs: after ``after_stage_id``, or after the one that is
        on (first, before the start). Logged as added live; its first planned time is 0."""
        kind = StageKind(kind)
        title = clean_text(title, "stage title")
        minutes = replan.check_minutes(minutes, f"\u201c{title}\u201d")
        with self.write() as db:
            if after_stage_id is not None:
                after = self.stage(after_stage_id).position
            else:
                current = self.current_stage(workshop_id)
                after = current.position if current is not None else 0
            self._make_room(db, workshop_id, after)
            stage_id = db["stages"].insert({
                "workshop_id": workshop_id, "position": after + 1, "kind": kind.value, "title": title,
                "planned_minutes": minutes, "first_planned_minutes": 0,
                "settings": json.dumps(settings or {}, sort_keys=True), "timer_left_seconds": minutes * 60.0,
            }).last_pk  # fmt: skip
            self._event(db, stage_id, "added live", minutes * 60.0,
                        f"Added while the workshop ran ({replan.minutes_words(minutes)})")
        return self.stage(stage_id)

    def _make_room(self, db, workshop_id: int, after: int) -> None:
        """Every stage after ``after`` moves down one place (through negative positions, so the
        UNIQUE (workshop, position) index is never broken half-way)."""
        db.execute("UPDATE stages SET position = -position - 1 WHERE workshop_id = ? AND position > ?",
                   (workshop_id, after))
        db.execute("UPDATE stages SET position = -position WHERE workshop_id = ? AND position < 0", (workshop_id,))

    def move_stage(self, stage_id: int, step: int) -> Stage:
        """Move a stage still to come one place earlier (-1) or later (+1) among the stages still
        to come (stages skipped or moved away are passed over)."""
        if step not in (-1, 1):
            raise ValueError("A stage moves one place at a time.")
        with self.write() as db:
            stage = self._to_change(stage_id)
            to_come = self.stages_to_come(stage.workshop_id)
            place = next((n for n, each in enumerate(to_come) if each.id == stage_id), None)
            if place is None or not 0 <= place + step < len(to_come):
                where = "first" if step < 0 else "last"
                raise RuleBroken(f"\u201c{stage.title}\u201d is already the {where} of the stages still to come.")
            neighbour = to_come[place + step]
            db.execute("UPDATE stages SET position = -1 WHERE id = ?", (stage_id,))
            db.execute("UPDATE stages SET position = ? WHERE id = ?", (stage.position, neighbour.id))
            db.execute("UPDATE stages SET position = ? WHERE id = ?", (neighbour.position, stage_id))
            self._event(db, stage_id, "moved", 0.0, f"Moved from step {stage.position} to step {neighbour.position}")
        return self.stage(stage_id)

    def accept_later_finish(self, workshop_id: int) -> str:
        """The room agrees to finish later: logged, and the re-plan prompt rests until it slips further."""
        with self.write() as db:
            finish = self.finish(workshop_id)
            current = self.current_stage(workshop_id)
            if finish is None or current is None:
                raise RuleBroken("The workshop has not started, so there is no finish time to accept.")
            sentence = (f"The room agreed to finish at {replan.clock(finish.projected)} "
                        f"instead of {replan.clock(finish.planned)}")  # fmt: skip
            self._event(db, current.id, ACCEPTED, finish.projected - finish.planned, sentence)
        return sentence + "."
