"""Decisions (with dissent and supersession), actions, "You said, we did" and check-out (Five Values) scores."""

from __future__ import annotations

import json
import uuid

from facilitator.domain.checkout import checkout_values
from facilitator.domain.errors import NotFound, RuleBroken
from facilitator.domain.models import (
    FIVE_VALUES,
    Action,
    ActionStatus,
    ActionUpdate,
    Decision,
    DecisionMethod,
    DecisionStatus,
    Dissent,
    FeedbackItem,
    FeedbackStatus,
    StageKind,
    ValuesScore,
    feedback_reason_problem,
)
from facilitator.domain.text import LONG_TEXT, clean_optional, clean_text
from facilitator.storage.base import row_to
from facilitator.storage.decision_history import DecisionHistoryMixin
from facilitator.storage.follow_up import FollowUpSyncMixin
from facilitator.storage.workshops import _clean_date, _enum


class DecisionsMixin(FollowUpSyncMixin, DecisionHistoryMixin):
    # -- decisions ----------------------------------------------------------------------------

    def add_decision(
        self,
        workshop_id: int,
        statement: str,
        *,
        rationale: str = "",
        method: str = DecisionMethod.CONSENSUS,
        decided_by: str = "",
        status: str = DecisionStatus.AGREED,
        review_date: str | None = None,
        stage_id: int | None = None,
        idea_ids: list[int] | tuple[int, ...] = (),
        theme_ids: list[int] | tuple[int, ...] = (),
        present: list[int] | None = None,
        supersedes_id: int | None = None,
        dissent: list[tuple[int | None, str]] = (),
    ) -> Decision:
        """Record a decision. Who was present is filled in from attendance unless given."""
        values = {
            "uid": uuid.uuid4().hex,
            "workshop_id": workshop_id,
            "stage_id": stage_id,
            "statement": clean_text(statement, "decision", max_length=2000, multiline=True),
            "rationale": clean_optional(rationale, "rationale", max_length=LONG_TEXT, multiline=True),
            "method": _enum(DecisionMethod, method, "decision method").value,
            "decided_by": clean_optional(decided_by, "who decides"),
            "status": _enum(DecisionStatus, status, "decision status").value,
            "review_date": _clean_date(review_date, "review date", self.today()),
            "created_at": self.now_iso(),
        }
        dissent = [(pid, clean_text(text, "dissent", max_length=LONG_TEXT, multiline=True)) for pid, text in dissent]
        with self.write() as db:
            self.workshop(workshop_id)
            values["present"] = json.dumps(present if present is not None else self.present_ids(workshop_id))
            decision_id = db["decisions"].insert(values).last_pk
            db["decision_links"].insert_all(
                [{"decision_id": decision_id, "idea_id": i, "theme_id": None} for i in idea_ids]
                + [{"decision_id": decision_id, "idea_id": None, "theme_id": t} for t in theme_ids]
            )
            db["dissents"].insert_all(
                {"decision_id": decision_id, "participant_id": pid, "text": text} for pid, text in dissent
            )
            if supersedes_id is not None:
                self._supersede(db, decision_id, supersedes_id)
            self._index_decision(db, decision_id)
        return self.decision(decision_id)

    def supersede(self, new_id: int, old_id: int) -> Decision:
        with self.write() as db:
            self._supersede(db, new_id, old_id)
        return self.decision(new_id)

    def _supersede(self, db, new_id: int, old_id: int) -> None:
        if new_id == old_id:
            raise RuleBroken("A decision cannot supersede itself.")
        new, old = self.decision(new_id), self.decision(old_id)
        if old.superseded_by_id not in (None, new_id):
            raise RuleBroken(f"Decision {old_id} has already been superseded by decision {old.superseded_by_id}.")
        # One link each way: replacing new's earlier link would leave that decision pointing at it.
        if new.supersedes_id not in (None, old_id):
            raise RuleBroken(f"Decision {new_id} already supersedes decision {new.supersedes_id}.")
        if old.supersedes_id == new_id:
            raise RuleBroken(f"Decision {old_id} supersedes decision {new_id}, so it cannot also be superseded by it.")
        db.execute("UPDATE decisions SET supersedes_id = ? WHERE id = ?", (old_id, new_id))
        db.execute(
            "UPDATE decisions SET superseded_by_id = ?, status = ? WHERE id = ?",
            (new_id, DecisionStatus.SUPERSEDED.value, old_id),
        )

    def set_decision_status(self, decision_id: int, status: str, *, note: str = "", by: str = "") -> Decision:
        """Move a decision on (deferred to agreed, say), kept as a dated entry in its history."""
        return self.amend_decision(decision_id, status=status, note=note, by=by)

    def _index_decision(self, db, decision_id: int) -> None:
        decision = self.decision(decision_id)
        texts = [
            row["text"]
            for row in self._rows(
                "SELECT i.text FROM decision_links l JOIN ideas i ON i.id = l.idea_id WHERE l.decision_id = ? "
                "UNION ALL SELECT i.text FROM decision_links l JOIN ideas i ON i.theme_id = l.theme_id "
                "WHERE l.decision_id = ? UNION ALL SELECT t.name FROM decision_links l "
                "JOIN themes t ON t.id = l.theme_id WHERE l.decision_id = ?",
                (decision_id, decision_id, decision_id),
            )
        ]
        db.execute("DELETE FROM decision_search WHERE rowid = ?", (decision_id,))
        db.execute(
            "INSERT INTO decision_search (rowid, statement, rationale, ideas) VALUES (?, ?, ?, ?)",
            (decision_id, decision.statement, decision.rationale, "\n".join(texts)),
        )

    def decision(self, decision_id: int) -> Decision:
        row = self._row("SELECT * FROM decisions WHERE id = ?", (decision_id,))
        if row is None:
            raise NotFound(f"There is no decision with id {decision_id}.")
        return self._decision_from(row)

    def _decision_from(self, row) -> Decision:
        links = self._rows("SELECT idea_id, theme_id FROM decision_links WHERE decision_id = ? ORDER BY id", (row["id"],))
        return row_to(
            Decision,
            row,
            idea_ids=tuple(link["idea_id"] for link in links if link["idea_id"] is not None),
            theme_ids=tuple(link["theme_id"] for link in links if link["theme_id"] is not None),
        )

    def decisions(self, workshop_id: int) -> list[Decision]:
        rows = self._rows("SELECT * FROM decisions WHERE workshop_id = ? ORDER BY id", (workshop_id,))
        return [self._decision_from(row) for row in rows]

    def dissents(self, decision_id: int) -> list[Dissent]:
        rows = self._rows("SELECT * FROM dissents WHERE decision_id = ? ORDER BY id", (decision_id,))
        return [row_to(Dissent, row) for row in rows]

    def add_dissent(self, decision_id: int, text: str, participant_id: int | None = None) -> Dissent:
        text = clean_text(text, "dissent", max_length=LONG_TEXT, multiline=True)
        with self.write() as db:
            self.decision(decision_id)
            dissent_id = db["dissents"].insert(
                {"decision_id": decision_id, "participant_id": participant_id, "text": text}
            ).last_pk
        return row_to(Dissent, self._row("SELECT * FROM dissents WHERE id = ?", (dissent_id,)))

    # -- actions ------------------------------------------------------------------------------

    def add_action(
        self,
        workshop_id: int,
        what: str,
        *,
        owner_participant_id: int | None = None,
        owner_text: str = "",
        due_date: str | None = None,
        decision_id: int | None = None,
    ) -> Action:
        values = {
            "workshop_id": workshop_id,
            "decision_id": decision_id,
            "what": clean_text(what, "action", max_length=2000, multiline=True),
            "owner_participant_id": owner_participant_id,
            "owner_text": clean_optional(owner_text, "owner"),
            "due_date": _clean_date(due_date, "due date", self.today()),
            "status": ActionStatus.OPEN.value,
            "created_at": self.now_iso(),
        }
        with self.write() as db:
            self.workshop(workshop_id)
            if decision_id is not None:
                self.decision(decision_id)
            action_id = db["actions"].insert(values).last_pk
        return self.action(action_id)

    def action(self, action_id: int) -> Action:
        return self._get("actions", Action, action_id, "action")

    def actions(self, workshop_id: int) -> list[Action]:
        rows = self._rows("SELECT * FROM actions WHERE workshop_id = ? ORDER BY id", (workshop_id,))
        return [row_to(Action, row) for row in rows]

    def update_action(
        self, action_id: int, status: str, note: str = "", *, by: str = "", workshop_id: int | None = None
    ) -> Action:
        """Change an action's status with a dated note, kept as its history.

        Every "You said, we did" item carried from it moves on with it (``follow_up.py``);
        ``workshop_id`` is the workshop where the change was made (None: outside any workshop).
        """
        status = _enum(ActionStatus, status, "action status").value
        note = clean_optional(note, "note", max_length=LONG_TEXT, multiline=True)
        by = clean_optional(by, "who changed it", max_length=100)
        with self.write() as db:
            old = self.action(action_id)
            db.execute("UPDATE actions SET status = ? WHERE id = ?", (status, action_id))
            db["action_updates"].insert({"action_id": action_id, "at": self.now_iso(), "status": status, "note": note})
            self._follow_action(db, action_id, old.status.value, status, note, by, workshop_id)
        return self.action(action_id)

    def action_updates(self, action_id: int) -> list[ActionUpdate]:
        rows = self._rows("SELECT * FROM action_updates WHERE action_id = ? ORDER BY id", (action_id,))
        return [row_to(ActionUpdate, row) for row in rows]

    # -- "You said, we did" -------------------------------------------------------------------

    def add_feedback(
        self,
        workshop_id: int,
        said: str,
        *,
        done: str = "",
        status: str = FeedbackStatus.PLANNED,
        reason: str = "",
        stage_id: int | None = None,
        source_workshop_id: int | None = None,
    ) -> FeedbackItem:
        values = self._feedback_values(said, done, status, reason)
        values.update(workshop_id=workshop_id, stage_id=stage_id, source_workshop_id=source_workshop_id)
        with self.write() as db:
            self.workshop(workshop_id)
            item_id = db["feedback_items"].insert(values).last_pk
        return self.feedback_item(item_id)

    def update_feedback(
        self, item_id: int, *, said: str, done: str, status: str, reason: str = "", by: str = ""
    ) -> FeedbackItem:
        """Change an item's reply. A carried item is the same item as the action or earlier item it
        came from: they all change with it, and the change is kept, dated, in their history."""
        values = self._feedback_values(said, done, status, reason)
        by = clean_optional(by, "who changed it", max_length=100)
        with self.write() as db:
            old = self.feedback_item(item_id).model_dump(mode="json")
            db["feedback_items"].update(item_id, values)
            self._follow_feedback(db, item_id, old, values, by)
        return self.feedback_item(item_id)

    def _feedback_values(self, said, done, status, reason) -> dict:
        status = _enum(FeedbackStatus, status, "status").value
        reason = clean_optional(reason, "reason", max_length=LONG_TEXT, multiline=True)
        problem = feedback_reason_problem(status, reason)
        if problem:
            raise RuleBroken(problem)
        return {
            "said": clean_text(said, "what was said", max_length=LONG_TEXT, multiline=True),
            "done": clean_optional(done, "what was done", max_length=LONG_TEXT, multiline=True),
            "status": status,
            "reason": reason,
        }

    def feedback_item(self, item_id: int) -> FeedbackItem:
        return self._get("feedback_items", FeedbackItem, item_id, "feedback item")

    def feedback_items(self, workshop_id: int) -> list[FeedbackItem]:
        rows = self._rows("SELECT * FROM feedback_items WHERE workshop_id = ? ORDER BY id", (workshop_id,))
        return [row_to(FeedbackItem, row) for row in rows]

    # -- Five Values (or the check-out's own values) ----------------------------------------

    def add_values_scores(self, workshop_id: int, scores: dict[str, int], stage_id: int | None = None) -> None:
        """One person's check-out: a score 1–5 per value, stored with no reference to them.

        With ``stage_id`` (an evaluate stage of this workshop) the values are that stage's own
        (its agenda's ``values``, else the Five Values); without it, the Five Values.
        """
        for value, score in scores.items():
            if isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
                raise RuleBroken(f"The score for {value} must be a whole number from 1 to 5.")
        with self.write() as db:
            self.workshop(workshop_id)
            allowed = FIVE_VALUES if stage_id is None else self._checkout_values(workshop_id, stage_id)
            for value in scores:
                if value not in allowed:
                    raise RuleBroken(_not_a_value(value, allowed))
            db["values_scores"].insert_all(
                {"workshop_id": workshop_id, "stage_id": stage_id, "value": v, "score": s} for v, s in scores.items()
            )

    def _checkout_values(self, workshop_id: int, stage_id: int) -> tuple[str, ...]:
        stage = self.stage(stage_id)
        if stage.workshop_id != workshop_id:
            raise RuleBroken(f"Stage {stage_id} is not part of workshop {workshop_id}, so it cannot take its scores.")
        if stage.kind != StageKind.EVALUATE:
            raise RuleBroken(
                f"Stage {stage.position} (\u201c{stage.title}\u201d) is not a check-out, so it cannot take scores."
            )
        return checkout_values(stage.settings)

    def values_scores(self, workshop_id: int) -> list[ValuesScore]:
        rows = self._rows("SELECT * FROM values_scores WHERE workshop_id = ? ORDER BY id", (workshop_id,))
        return [row_to(ValuesScore, row) for row in rows]


def _not_a_value(value: str, allowed: tuple[str, ...]) -> str:
    if allowed == FIVE_VALUES:
        return f"\u201c{value}\u201d is not one of the Five Values."
    return f"\u201c{value}\u201d is not one of this check-out's values ({', '.join(allowed)})."
