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
        workshop's unanswered items come along. Each carried item stays linked to the action or
        item it came from: it is the same item (see ``update_feedback``). Returns how many items
        were added; running it again adds nothing new.
        """
        with self.write() as db:
            return self._carry_over(db, workshop_id)

    def open_to_carry(self, workshop_id: int) -> int:
        """How many open actions and unanswered items the workshop's series would carry into it."""
        previous = self.previous_in_series(workshop_id)
        return 0 if previous is None else len(self._open_items(previous.id))

    def carry_over_sentence(self, workshop_id: int, *, stage_added: bool = False) -> str | None:
        """What a new workshop of a series brought in, in a sentence (None when nothing)."""
        row = self._row(
            "SELECT count(*) AS n, min(f.source_workshop_title) AS title, min(f.source_workshop_date) AS day, "
            "min(s.position) AS position, min(s.title) AS stage FROM feedback_items f JOIN stages s "
            "ON s.id = f.stage_id WHERE f.workshop_id = ? AND f.source_workshop_id IS NOT NULL",
            (workshop_id,),
        )
        if not row or not row["n"]:
            return None
        items = "1 item" if row["n"] == 1 else f"{row['n']} items"
        where = (f"a new stage {row['position']}, \u201c{row['stage']}\u201d, was added for them"
                 if stage_added else f"they are in stage {row['position']}, \u201c{row['stage']}\u201d")  # fmt: skip
        return (f"{items} still open from \u201c{row['title']}\u201d ({row['day']}) carried over: {where}.")

    def _open_items(self, previous_id: int) -> list[dict]:
        items = []
        marks = ",".join("?" * len(OPEN_ACTION_STATUSES))
        for row in self._rows(
            "SELECT a.what, a.status, a.id, coalesce(d.statement, '') AS statement FROM actions a "
            f"LEFT JOIN decisions d ON d.id = a.decision_id WHERE a.workshop_id = ? AND a.status IN ({marks}) "
            "ORDER BY a.id",
            (previous_id, *OPEN_ACTION_STATUSES),
        ):
            said = f"{row['statement']}\nAction: {row['what']}" if row["statement"] else row["what"]
            latest = self._value(
                "SELECT note FROM action_updates WHERE action_id = ? AND note != '' ORDER BY id DESC LIMIT 1",
                (row["id"],),
            )
            status = FeedbackStatus.IN_PROGRESS if row["status"] == ActionStatus.IN_PROGRESS else FeedbackStatus.PLANNED
            items.append({"said": said, "done": latest or "", "status": status.value, "reason": "",
                          "source_action_id": row["id"], "source_item_id": None})  # fmt: skip
        fmarks = ",".join("?" * len(OPEN_FEEDBACK_STATUSES))
        for row in self._rows(
            "SELECT id, said, done, status, reason, source_action_id FROM feedback_items "
            f"WHERE workshop_id = ? AND status IN ({fmarks}) ORDER BY id",
            (previous_id, *OPEN_FEEDBACK_STATUSES),
        ):
            item_id = row.pop("id")
            items.append({**row, "source_item_id": item_id})
        return items

    def _carry_over(self, db, workshop_id: int) -> int:
        """The work of ``carry_over_into``, inside the caller's write transaction."""
        stage_id = self._value(
            "SELECT id FROM stages WHERE workshop_id = ? AND kind = 'feedback' ORDER BY position LIMIT 1",
            (workshop_id,),
        )
        previous = self.previous_in_series(workshop_id)
        if stage_id is None or previous is None:
            return 0
        carried = self._rows(
            "SELECT said, source_action_id, source_item_id FROM feedback_items WHERE workshop_id = ? "
            "AND source_workshop_id = ?",
            (workshop_id, previous.id),
        )
        actions = {row["source_action_id"] for row in carried if row["source_action_id"] is not None}
        items = {row["source_item_id"] for row in carried if row["source_item_id"] is not None}
        said = {row["said"] for row in carried}
        added = 0
        origin = {"source_workshop_id": previous.id, "source_workshop_uid": previous.uid,
                  "source_workshop_title": previous.title, "source_workshop_date": previous.date}  # fmt: skip
        for item in self._open_items(previous.id):
            if item["source_item_id"] in items or (item["source_item_id"] is None and item["source_action_id"] in actions):
                continue
            if item["said"] in said:  # carried by an earlier version, before items were linked
                continue
            said.add(item["said"])
            db["feedback_items"].insert({**item, **origin, "workshop_id": workshop_id, "stage_id": stage_id})
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


# A carried item and the action it came from move on together: the reply's status as the action's.
FEEDBACK_TO_ACTION = {
    FeedbackStatus.DONE.value: ActionStatus.DONE.value,
    FeedbackStatus.IN_PROGRESS.value: ActionStatus.IN_PROGRESS.value,
    FeedbackStatus.PLANNED.value: ActionStatus.OPEN.value,
    FeedbackStatus.NOT_POSSIBLE.value: ActionStatus.DROPPED.value,
}
ACTION_TO_FEEDBACK = {action: feedback for feedback, action in FEEDBACK_TO_ACTION.items()}
DROPPED_REASON = "The action was dropped."


class HistoryEntry(BaseModel):
    """One dated change to a followed-up item: who, when, what changed, and in which workshop."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    at: str
    changed_by: str = ""
    change: str
    workshop_id: int | None = None
    workshop_title: str = ""  # "" when the change was made outside a workshop (the command line)
    workshop_date: str = ""


def _quoted(text: str) -> str:
    text = " ".join(text.split())
    return f"\u201c{text if len(text) <= 80 else text[:79] + chr(0x2026)}\u201d"


def describe_change(old: dict, new: dict) -> str:
    """What changed, in words: "status planned → done; we did: “…”"."""
    parts = []
    if old.get("status") != new.get("status"):
        parts.append(f"status {old.get('status')} \u2192 {new.get('status')}")
    for key, label in (("said", "you said"), ("done", "we did"), ("reason", "why"), ("note", "note")):
        if key in new and new[key] != old.get(key, "") and new[key]:
            parts.append(f"{label}: {_quoted(new[key])}")
    return "; ".join(parts)


class FollowUpSyncMixin(StoreBase):
    """Keeping a carried item and what it came from in step, with a dated history."""

    def _same_item(self, item_id: int) -> tuple[int | None, int | None, list[int]]:
        """(the action it came from, the first item it came from, every item that is the same item)."""
        row = self._row("SELECT id, source_action_id, source_item_id FROM feedback_items WHERE id = ?", (item_id,))
        seen = {item_id}
        while row["source_action_id"] is None and row["source_item_id"] is not None:
            above = self._row(
                "SELECT id, source_action_id, source_item_id FROM feedback_items WHERE id = ?", (row["source_item_id"],)
            )
            if above is None or above["id"] in seen:
                break
            seen.add(above["id"])
            row = above
        if row["source_action_id"] is not None:
            action_id = row["source_action_id"]
            members = self._rows("SELECT id FROM feedback_items WHERE source_action_id = ? ORDER BY id", (action_id,))
            return action_id, None, [m["id"] for m in members]
        members = self._rows(
            "WITH RECURSIVE tree(id) AS (SELECT ? UNION SELECT f.id FROM feedback_items f JOIN tree "
            "ON f.source_item_id = tree.id) SELECT id FROM tree ORDER BY id",
            (row["id"],),
        )
        return None, row["id"], [m["id"] for m in members]

    def _note_change(self, db, *, action_id, feedback_id, workshop_id, by: str, change: str) -> None:
        db["follow_up_history"].insert({"action_id": action_id, "feedback_id": feedback_id, "workshop_id": workshop_id,
                                        "at": self.now_iso(), "changed_by": by, "change": change})  # fmt: skip

    def _follow_feedback(self, db, item_id: int, old: dict, new: dict, by: str) -> None:
        """An item's reply changed: the same item everywhere (and its action) changes with it."""
        change = describe_change(old, new)
        if not change:
            return
        action_id, root_id, members = self._same_item(item_id)
        for member in members:
            if member != item_id:
                db.execute("UPDATE feedback_items SET done = ?, status = ?, reason = ? WHERE id = ?",
                           (new["done"], new["status"], new["reason"], member))  # fmt: skip
        if action_id is not None:
            status = FEEDBACK_TO_ACTION[new["status"]]
            current = self._value("SELECT status FROM actions WHERE id = ?", (action_id,))
            if current is not None and (current != status or new["done"] != old.get("done")):
                db.execute("UPDATE actions SET status = ? WHERE id = ?", (status, action_id))
                note = new["reason"] if new["status"] == FeedbackStatus.NOT_POSSIBLE else new["done"]
                db["action_updates"].insert({"action_id": action_id, "at": self.now_iso(), "status": status,
                                             "note": note})  # fmt: skip
        self._note_change(db, action_id=action_id, feedback_id=None if action_id else root_id,
                          workshop_id=old["workshop_id"], by=by, change=change)  # fmt: skip

    def _follow_action(self, db, action_id: int, old_status: str, status: str, note: str, by: str,
                       workshop_id: int | None) -> None:  # fmt: skip
        """An action moved on: every item carried from it says so too."""
        reply = ACTION_TO_FEEDBACK[status]
        for row in self._rows("SELECT * FROM feedback_items WHERE source_action_id = ?", (action_id,)):
            done = note if note and reply != FeedbackStatus.NOT_POSSIBLE else row["done"]
            reason = (note or row["reason"] or DROPPED_REASON) if reply == FeedbackStatus.NOT_POSSIBLE else row["reason"]
            db.execute("UPDATE feedback_items SET done = ?, status = ?, reason = ? WHERE id = ?",
                       (done, reply, reason, row["id"]))  # fmt: skip
        change = describe_change({"status": old_status}, {"status": status, "note": note})
        if change:
            self._note_change(db, action_id=action_id, feedback_id=None, workshop_id=workshop_id, by=by, change=change)

    def item_history(self, *, action_id: int | None = None, feedback_id: int | None = None) -> list[HistoryEntry]:
        """The dated changes to an action, or to a feedback item and everything that is the same item."""
        if feedback_id is not None:
            action_id, root_id, _ = self._same_item(feedback_id)
            where, key = ("h.action_id = ?", action_id) if action_id is not None else ("h.feedback_id = ?", root_id)
        elif action_id is not None:
            where, key = "h.action_id = ?", action_id
        else:
            return []
        rows = self._rows(
            "SELECT h.at, h.changed_by, h.change, h.workshop_id, coalesce(w.title, '') AS workshop_title, "
            f"coalesce(w.date, '') AS workshop_date FROM follow_up_history h LEFT JOIN workshops w "
            f"ON w.id = h.workshop_id WHERE {where} ORDER BY h.id",
            (key,),
        )
        return [HistoryEntry.model_validate(row) for row in rows]
