"""Follow-up across workshops: outstanding actions, and carrying what is still open into the next
workshop of a series so that it is reviewed there ("You said, we did")."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from facilitator.domain.models import Action, ActionStatus, FeedbackStatus, Participant, Workshop
from facilitator.domain.record import WorkshopRecord
from facilitator.storage.base import StoreBase, row_to
from facilitator.storage.workshops import _clean_date

OPEN_ACTION_STATUSES = (ActionStatus.OPEN.value, ActionStatus.IN_PROGRESS.value)
# "You said, we did" items still waiting for an answer; "not possible" is an answer (with a reason).
OPEN_FEEDBACK_STATUSES = (FeedbackStatus.PLANNED.value, FeedbackStatus.IN_PROGRESS.value)


class OutstandingAction(BaseModel):
    """An action still to do, with where it came from."""

    model_config = ConfigDict(frozen=True, defer_build=True)  # schema built on first use: quicker start

    action: Action
    owner: Participant | None = None
    workshop_title: str
    workshop_date: str
    workshop_series: str = ""
    decision_statement: str = ""
    overdue: bool = False


class FollowUpMixin(StoreBase):
    def outstanding_actions(
        self, *, overdue_only: bool = False, today: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[OutstandingAction]:
        """Open and in-progress actions in every workshop: overdue first, then by due date, undated last."""
        today = _clean_date(today, "date", self.today()) if today else self.today()
        marks = ",".join("?" * len(OPEN_ACTION_STATUSES))
        params: list = list(OPEN_ACTION_STATUSES)
        extra = ""
        if overdue_only:
            extra = " AND a.due_date IS NOT NULL AND a.due_date < ?"
            params.append(today)
        # Ordered by due date, so the overdue ones (due before today) come first.
        sql = (
            "SELECT a.*, w.title AS _w_title, w.date AS _w_date, w.series AS _w_series, "
            "coalesce(d.statement, '') AS _d_statement FROM actions a "
            "JOIN workshops w ON w.id = a.workshop_id LEFT JOIN decisions d ON d.id = a.decision_id "
            f"WHERE a.status IN ({marks}){extra} "
            "ORDER BY a.due_date IS NULL, a.due_date, a.id"
        )
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params += [max(0, int(limit)), max(0, int(offset))]
        rows = self._rows(sql, params)
        owners = self._participants_by_id({row["owner_participant_id"] for row in rows})
        found = []
        for row in rows:
            title, when, series = row.pop("_w_title"), row.pop("_w_date"), row.pop("_w_series")
            statement = row.pop("_d_statement")
            action = row_to(Action, row)
            found.append(
                OutstandingAction(
                    action=action,
                    owner=owners.get(action.owner_participant_id),
                    workshop_title=title,
                    workshop_date=when,
                    workshop_series=series,
                    decision_statement=statement,
                    overdue=action.due_date is not None and action.due_date < today,
                )
            )
        return found

    def _participants_by_id(self, ids) -> dict[int, Participant]:
        ids = sorted(i for i in ids if i is not None)
        found: dict[int, Participant] = {}
        for chunk in range(0, len(ids), 500):
            part = ids[chunk : chunk + 500]
            marks = ",".join("?" * len(part))
            for row in self._rows(f"SELECT * FROM participants WHERE id IN ({marks})", part):
                found[row["id"]] = row_to(Participant, row)
        return found

    # -- carrying open items into the next workshop of a series -----------------------------------

    def carry_over_into(self, workshop_id: int) -> int:
        """Fill the workshop's feedback stage from the previous workshop in its series.

        Open actions become "You said, we did" items (planned, or in progress), and the previous
        workshop's unanswered items come along. Returns how many items were added; running it
        again adds nothing new.
        """
        with self.write() as db:
            return self._carry_over(db, workshop_id)

    def _carry_over(self, db, workshop_id: int) -> int:
        """The work of ``carry_over_into``, inside the caller's write transaction."""
        stage_id = self._value(
            "SELECT id FROM stages WHERE workshop_id = ? AND kind = 'feedback' ORDER BY position LIMIT 1",
            (workshop_id,),
        )
        previous = self.previous_in_series(workshop_id)
        if stage_id is None or previous is None:
            return 0
        items = []
        marks = ",".join("?" * len(OPEN_ACTION_STATUSES))
        for row in self._rows(
            "SELECT a.what, a.status, a.id, coalesce(d.statement, '') AS statement FROM actions a "
            f"LEFT JOIN decisions d ON d.id = a.decision_id WHERE a.workshop_id = ? AND a.status IN ({marks}) "
            "ORDER BY a.id",
            (previous.id, *OPEN_ACTION_STATUSES),
        ):
            said = f"{row['statement']}\nAction: {row['what']}" if row["statement"] else row["what"]
            latest = self._value(
                "SELECT note FROM action_updates WHERE action_id = ? AND note != '' ORDER BY id DESC LIMIT 1",
                (row["id"],),
            )
            status = FeedbackStatus.IN_PROGRESS if row["status"] == ActionStatus.IN_PROGRESS else FeedbackStatus.PLANNED
            items.append({"said": said, "done": latest or "", "status": status.value, "reason": ""})
        fmarks = ",".join("?" * len(OPEN_FEEDBACK_STATUSES))
        for row in self._rows(
            f"SELECT said, done, status, reason FROM feedback_items WHERE workshop_id = ? AND status IN ({fmarks}) "
            "ORDER BY id",
            (previous.id, *OPEN_FEEDBACK_STATUSES),
        ):
            items.append(dict(row))
        already = {
            row["said"]
            for row in self._rows(
                "SELECT said FROM feedback_items WHERE workshop_id = ? AND source_workshop_id = ?",
                (workshop_id, previous.id),
            )
        }
        added = 0
        for item in items:
            if item["said"] in already:
                continue
            already.add(item["said"])
            db["feedback_items"].insert(
                {**item, "workshop_id": workshop_id, "stage_id": stage_id, "source_workshop_id": previous.id}
            )
            added += 1
        return added

    # -- the records a "You said, we did" report is made from ------------------------------------

    def series_workshops(self, workshop_id: int) -> list[Workshop]:
        """The workshops of this one's series in date order (just this one when it has no series)."""
        workshop = self.workshop(workshop_id)
        if not workshop.series:
            return [workshop]
        rows = self._rows("SELECT * FROM workshops WHERE series = ? ORDER BY date, id", (workshop.series,))
        return [row_to(Workshop, row) for row in rows]

    def report_records(self, workshop_id: int, *, whole_series: bool = False) -> tuple[list[WorkshopRecord], str]:
        """The records a "You said, we did" report is made from, and its title.

        One workshop (titled by it), or every workshop of its series (titled by the series).
        """
        from facilitator.storage.exchange import load_record

        workshop = self.workshop(workshop_id)
        workshops = self.series_workshops(workshop_id) if whole_series else [workshop]
        title = workshop.series if whole_series and workshop.series else workshop.title
        return [load_record(self, w.id) for w in workshops], title
