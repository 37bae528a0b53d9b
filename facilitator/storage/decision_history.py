"""Decisions that can be corrected without losing what was recorded at the time.

A group reviewing its decisions moves a deferred one to agreed or rejected, sets or changes its
review date, records a review ("still right", "changed because ..."), or corrects a typo. Each is
a dated entry in ``decision_history`` with what it was before and after; the decision's own row
holds the current state, and its history keeps every earlier one (the first correction's "old"
is the statement as it was recorded on the day).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from facilitator.domain.attribution import is_named
from facilitator.domain.errors import RuleBroken
from facilitator.domain.models import Decision, DecisionStatus, Participant
from facilitator.domain.text import LONG_TEXT, clean_optional, clean_text
from facilitator.storage.base import StoreBase, row_to
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

    def decision_histories(self, decision_ids: list[int], *, names: str = "all") -> dict[int, list[DecisionChange]]:
        """The dated changes of many decisions at once (one query), oldest first, by decision id.

        ``names="as minutes"``: ``changed_by`` is kept only where the minutes would show a name,
        that is when it is the name of someone at the decision's workshop who chose to be named
        (and nobody there of that name chose otherwise); anyone else is "" (a name typed as who
        made a change may be of someone who chose not to be named, or of nobody in the record).
        """
        ids = sorted({int(i) for i in decision_ids})
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self._rows(
            "SELECT h.*, d.workshop_id AS _workshop_id FROM decision_history h JOIN decisions d "
            f"ON d.id = h.decision_id WHERE h.decision_id IN ({marks}) ORDER BY h.decision_id, h.id",
            ids,
        )
        shown: set[tuple[int, str]] | None = None
        if names == "as minutes":
            shown = self._named_in(sorted({row["_workshop_id"] for row in rows if row["changed_by"].strip()}))
        found: dict[int, list[DecisionChange]] = {}
        for row in rows:
            workshop_id = row.pop("_workshop_id")
            if shown is not None and (workshop_id, _key(row["changed_by"])) not in shown:
                row["changed_by"] = ""
            found.setdefault(row["decision_id"], []).append(DecisionChange.model_validate(row))
        return found

    def changed_since_the_day(self, decision_ids: list[int]) -> dict[int, dict[str, str | None]]:
        """For each of these decisions with a history: when it was last changed (its status,
        review date or wording) and last reviewed, as ``changed_at`` and ``reviewed_at`` (None
        when never). One query for a whole page of the register (the index on decision_id leads)."""
        if not decision_ids:
            return {}
        marks = ",".join("?" * len(decision_ids))
        rows = self._rows(
            f"SELECT decision_id, max(CASE WHEN kind != '{REVIEW}' THEN at END) AS changed_at, "
            f"max(CASE WHEN kind = '{REVIEW}' THEN at END) AS reviewed_at FROM decision_history "
            f"WHERE decision_id IN ({marks}) GROUP BY decision_id",
            list(decision_ids),
        )
        return {row.pop("decision_id"): row for row in rows}

    def _named_in(self, workshop_ids: list[int]) -> set[tuple[int, str]]:
        """(workshop id, name) of every name the minutes of those workshops show: people who chose
        to be named, unless someone else there of the same name chose otherwise."""
        if not workshop_ids:
            return set()
        marks = ",".join("?" * len(workshop_ids))
        named: set[tuple[int, str]] = set()
        hidden: set[tuple[int, str]] = set()
        for row in self._rows(f"SELECT * FROM participants WHERE workshop_id IN ({marks})", workshop_ids):
            person = row_to(Participant, row)
            if person.name.strip():
                (named if is_named(person) else hidden).add((person.workshop_id, _key(person.name)))
        return named - hidden

    def original_statement(self, decision_id: int) -> str:
        """The statement as it was recorded on the day, whatever has been corrected since."""
        first = self._value(
            "SELECT old FROM decision_history WHERE decision_id = ? AND kind = ? ORDER BY id LIMIT 1",
            (decision_id, CORRECTION),
        )
        return first if first is not None else self.decision(decision_id).statement


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()
