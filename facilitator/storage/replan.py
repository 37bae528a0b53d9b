"""Re-planning a workshop while it runs: shorten, skip, move to the next workshop, add, reorder.

Only stages that have not started can be changed (the one that is on has its own keys: +5
minutes, next). Every change is one ``BEGIN IMMEDIATE`` transaction and is logged as a stage
event with its time and a plain sentence (``note``), which the minutes' agenda table shows.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from facilitator.domain import replan
from facilitator.domain import timer as timer_maths
from facilitator.domain.errors import RuleBroken
from facilitator.domain.models import Stage, StageKind, TimerStatus, WorkshopStatus
from facilitator.domain.text import clean_text
from facilitator.storage.base import StoreBase, row_to

ACCEPTED = "later finish accepted"
# Logged on a stage from the list to carry once a later workshop has taken it.
CARRIED_LATER = "added to a later workshop"
# Logged on the copy a later workshop takes.
CARRIED_FROM = "carried over"


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
        """Move a stage to the next workshop: added to the end of the series' next planned one,
        or put on the list to carry until the next workshop is made (``create_workshop`` takes
        it: automatically in the same series; offered, outside a series). Returns the sentence
        saying which."""
        with self.write() as db:
            stage = self._to_change(stage_id)
            workshop = self.workshop(stage.workshop_id)
            row = None
            if workshop.series:
                row = self._row(
                    "SELECT id FROM workshops WHERE series = ? AND id != ? AND status = 'planned' "
                    "AND (date > ? OR (date = ? AND id > ?)) ORDER BY date, id LIMIT 1",
                    (workshop.series, workshop.id, workshop.date, workshop.date, workshop.id),
                )
            if row is None:
                if workshop.series:
                    sentence = (f"Put on the list to carry: it is added to the next workshop in the series "
                                f"\u201c{workshop.series}\u201d when that is made")  # fmt: skip
                else:
                    sentence = ("Put on the list to carry: this workshop is in no series, so the next new "
                                "workshop offers to add it")  # fmt: skip
                db.execute("UPDATE stages SET plan_state = 'to carry' WHERE id = ?", (stage_id,))
                self._event(db, stage_id, "to carry", stage.planned_minutes * 60.0, sentence)
                return sentence + "."
            target = self.workshop(row["id"])
            self._append_copy(db, target.id, stage)
            sentence = f"Moved to the next workshop in the series, \u201c{target.title}\u201d ({target.date})"
            db.execute("UPDATE stages SET plan_state = 'carried' WHERE id = ?", (stage_id,))
            self._event(db, stage_id, "carried", stage.planned_minutes * 60.0, sentence)
        return sentence + "."

    def _append_copy(self, db, workshop_id: int, stage: Stage) -> None:
        """A copy of ``stage``, not started, at the end of ``workshop_id``, with the time first planned."""
        last = self._value("SELECT coalesce(max(position), 0) FROM stages WHERE workshop_id = ?", (workshop_id,))
        minutes = stage.first_planned_minutes or stage.planned_minutes
        copy_id = db["stages"].insert({
            "workshop_id": workshop_id, "position": last + 1, "kind": stage.kind.value, "title": stage.title,
            "planned_minutes": minutes, "settings": json.dumps(stage.settings, sort_keys=True),
            "timer_left_seconds": minutes * 60.0,
        }).last_pk  # fmt: skip
        source = self.workshop(stage.workshop_id)
        # This workshop's minutes say where the stage came from.
        self._event(db, copy_id, CARRIED_FROM, 0.0, f"Carried over from \u201c{source.title}\u201d ({source.date})")

    def stages_to_carry(self, series: str | None = None) -> list[Stage]:
        """Stages on the list to carry, oldest workshop first: from every workshop, or (``series``
        given) only from the workshops of that series ('' : the workshops in no series)."""
        sql = "SELECT s.* FROM stages s JOIN workshops w ON w.id = s.workshop_id WHERE s.plan_state = 'to carry'"
        args: tuple = ()
        if series is not None:
            sql += " AND coalesce(w.series, '') = ?"
            args = (series,)
        rows = self._rows(sql + " ORDER BY w.date, w.id, s.position", args)
        return [row_to(Stage, row) for row in rows]

    def _take_stages_to_carry(self, db, workshop_id: int, waiting: list[Stage]) -> None:
        """Add the stages waiting on the list to carry to the end of a new workshop; each one's
        source stage says where it went (the source workshop's minutes show it)."""
        workshop = self.workshop(workshop_id)
        for stage in waiting:
            self._append_copy(db, workshop_id, stage)
            db.execute("UPDATE stages SET plan_state = 'carried' WHERE id = ?", (stage.id,))
            self._event(db, stage.id, CARRIED_LATER, 0.0,
                        f"Added to a later workshop, \u201c{workshop.title}\u201d ({workshop.date})")

    def add_stages_to_carry(self, workshop_id: int) -> list[Stage]:
        """Add to a workshop not yet finished the stages waiting on the list to carry from its
        series (or, in no series, from workshops in none); returns them (empty: nothing waited)."""
        with self.write() as db:
            workshop = self.workshop(workshop_id)
            if workshop.status is WorkshopStatus.FINISHED:
                raise RuleBroken(f"\u201c{workshop.title}\u201d has finished, so no stages can be added to it.")
            waiting = [s for s in self.stages_to_carry(workshop.series or "") if s.workshop_id != workshop_id]
            self._take_stages_to_carry(db, workshop_id, waiting)
        return waiting

    def carry_sentence(self, waiting: list[Stage], *, added: bool) -> str | None:
        """What the list to carry gave a new workshop (``added``), or could give it; None when empty."""
        if not waiting:
            return None
        titles = ", ".join(f"\u201c{stage.title}\u201d" for stage in waiting)
        sources = ", ".join(dict.fromkeys(
            f"\u201c{self.workshop(stage.workshop_id).title}\u201d" for stage in waiting))  # fmt: skip
        count = "1 stage" if len(waiting) == 1 else f"{len(waiting)} stages"
        if added:
            return f"{count} moved out of {sources} added at the end: {titles}."
        return f"{count} moved out of {sources} {'is' if len(waiting) == 1 else 'are'} waiting to be carried: {titles}."

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
