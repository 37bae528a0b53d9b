"""The people in a workshop: the roster, arrivals and departures, and forgetting someone."""

from __future__ import annotations

import json
from typing import Any

from facilitator.domain.errors import RuleBroken
from facilitator.domain.models import Attribution, Participant, Perspective
from facilitator.domain.text import clean_optional, clean_text
from facilitator.storage.base import StoreBase, row_to
from facilitator.storage.workshops import _enum


class PeopleMixin(StoreBase):
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
            # Someone on the series' standing roster: the roster and later planned workshops follow.
            self.roster_follows(db, participant_id, values)
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
