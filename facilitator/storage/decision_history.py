"""Decisions that can be corrected without losing what was recorded at the time.

A group reviewing its decisions moves a deferred one to agreed or rejected, sets or changes its
review date, records a review ("still right", "changed because ..."), or corrects a typo. Each is
a dated entry in ``decision_history`` with what it was before and after; the decision's own row
holds the current state, and its history keeps every earlier one (the first correction's "old"
is the statement as it was recorded on the day).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from facilitator.domain.errors import RuleBroken
from facilitator.domain.models import Decision, DecisionStatus
from facilitator.domain.text import LONG_TEXT, clean_optional, clean_text
from facilitator.storage.base import StoreBase
from facilitator.storage.workshops import _clean_date, _enum

STATUS, REVIEW_DATE, REVIEW, CORRECTION = "status", "review date", "review", "correction"


class DecisionChange(BaseModel):
    """One dated entry in a decision's history."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: int
    decision_id: int
    at: str
    changed_by: str = ""
    kind: str  # status, review date, review, correction
    old: str = ""
    new: str = ""
    note: str = ""


class DecisionHistoryMixin(StoreBase):
    def amend_decision(
        self,
        decision_id: int,
        *,
        status: str | None = None,
        review_date: str | None = None,
        note: str | None = None,
        statement: str | None = None,
        by: str = "",
    ) -> Decision:
        """Change a decision after the day, each change a dated entry in its history (one transaction).

        ``note`` alone records a review; with another change it says why, on that change's entry.
        ``review_date`` "none" (or "-") removes the review date. Nothing given changes nothing.
        """
        by = clean_optional(by, "who changed it", max_length=100)
        note = clean_optional(note, "note", max_length=LONG_TEXT, multiline=True) if note is not None else ""
        if status is not None:
            status = _enum(DecisionStatus, status, "decision status").value
            if status == DecisionStatus.SUPERSEDED:
                raise RuleBroken(
                    "A decision becomes superseded when the decision that replaces it is recorded; "
                    "choose agreed, deferred or rejected."
                )
        if review_date is not None:
            clear = review_date.strip().casefold() in ("none", "-", "")
            review_date = "" if clear else _clean_date(review_date, "review date", self.today())
        if statement is not None:
            statement = clean_text(statement, "decision", max_length=2000, multiline=True)
        with self.write() as db:
            decision = self.decision(decision_id)
            changes: list[tuple[str, str, str]] = []
            if status is not None and status != decision.status:
                if decision.status == DecisionStatus.SUPERSEDED:
                    raise RuleBroken(
                        f"Decision {decision_id} was replaced by decision {decision.superseded_by_id}; "
                        "its status stays superseded."
                    )
                changes.append((STATUS, decision.status.value, status))
            if review_date is not None and review_date != (decision.review_date or ""):
                changes.append((REVIEW_DATE, decision.review_date or "", review_date))
            if statement is not None and statement != decision.statement:
                changes.append((CORRECTION, decision.statement, statement))
            if not changes and note:
                changes.append((REVIEW, "", ""))
            at = self.now_iso()
            for kind, old, new in changes:
                db["decision_history"].insert({"decision_id": decision_id, "at": at, "changed_by": by,
                                               "kind": kind, "old": old, "new": new, "note": note})  # fmt: skip
                if kind == STATUS:
                    db.execute("UPDATE decisions SET status = ? WHERE id = ?", (new, decision_id))
                elif kind == REVIEW_DATE:
                    db.execute("UPDATE decisions SET review_date = ? WHERE id = ?", (new or None, decision_id))
                elif kind == CORRECTION:
                    db.execute("UPDATE decisions SET statement = ? WHERE id = ?", (new, decision_id))
                    self._index_decision(db, decision_id)
        return self.decision(decision_id)

    def decision_history(self, decision_id: int) -> list[DecisionChange]:
        """The decision's dated changes, oldest first."""
        rows = self._rows("SELECT * FROM decision_history WHERE decision_id = ? ORDER BY id", (decision_id,))
        return [DecisionChange.model_validate(row) for row in rows]

    def original_statement(self, decision_id: int) -> str:
        """The statement as it was recorded on the day, whatever has been corrected since."""
        first = self._value(
            "SELECT old FROM decision_history WHERE decision_id = ? AND kind = ? ORDER BY id LIMIT 1",
            (decision_id, CORRECTION),
        )
        return first if first is not None else self.decision(decision_id).statement
