"""Equal, secret dot-voting.

The budget and the per-candidate cap are checked inside the same ``BEGIN IMMEDIATE`` transaction
that writes the dot, so two terminals (or a script) voting for one person at once cannot exceed
either: the second writer waits for the lock and then sees the first one's dot.
"""

from __future__ import annotations

from facilitator.domain import voting
from facilitator.domain.errors import NotFound, RuleBroken
from facilitator.domain.models import Candidate, Stage, StageKind, TallyRow
from facilitator.domain.text import clean_optional
from facilitator.storage.base import StoreBase


class VotesMixin(StoreBase):
    def candidates(self, stage_id: int) -> list[Candidate]:
        """Themes with ideas in them, then ideas that were not grouped, from earlier stages."""
        stage = self.stage(stage_id)
        rows = self._rows(
            "SELECT i.id, i.text, i.theme_id FROM ideas i JOIN stages s ON s.id = i.stage_id "
            "WHERE i.workshop_id = ? AND s.position < ? AND i.withdrawn = 0 ORDER BY i.id",
            (stage.workshop_id, stage.position),
        )
        themed = {row["theme_id"] for row in rows if row["theme_id"] is not None}
        found = [
            Candidate(kind="theme", id=theme.id, label=theme.name)
            for theme in self.themes(stage.workshop_id)
            if theme.id in themed
        ]
        found += [Candidate(kind="idea", id=row["id"], label=row["text"]) for row in rows if row["theme_id"] is None]
        among = stage.settings.get("among")
        if among is not None:  # a run-off: only the tied candidates of the vote before it
            found = [candidate for candidate in found if f"{candidate.kind}:{candidate.id}" in among]
        return found

    def _candidate(self, stage: Stage, kind: str, candidate_id: int) -> Candidate | None:
        """The one candidate a dot is for, by the same rules as ``candidates`` but without loading
        them all: a dot then costs the same with 10 or 1,000 ideas, and the write lock is brief."""
        if kind == "idea":
            label = self._value(
                "SELECT i.text FROM ideas i JOIN stages s ON s.id = i.stage_id WHERE i.id = ? "
                "AND i.workshop_id = ? AND s.position < ? AND i.withdrawn = 0 AND i.theme_id IS NULL",
                (candidate_id, stage.workshop_id, stage.position),
            )
        elif kind == "theme":
            label = self._value(
                "SELECT t.name FROM themes t WHERE t.id = ? AND t.workshop_id = ? AND EXISTS ("
                "SELECT 1 FROM ideas i JOIN stages s ON s.id = i.stage_id WHERE i.theme_id = t.id "
                "AND s.position < ? AND i.withdrawn = 0)",
                (candidate_id, stage.workshop_id, stage.position),
            )
        else:
            label = None
        among = stage.settings.get("among")
        if among is not None and f"{kind}:{candidate_id}" not in among:
            label = None  # a run-off: not one of the tied candidates
        return None if label is None else Candidate(kind=kind, id=candidate_id, label=label)

    def vote_budget(self, stage_id: int) -> int:
        stage = self.stage(stage_id)
        if stage.vote_budget is not None:
            return stage.vote_budget
        return voting.resolve_budget(stage.settings.get("dots_per_person", "auto"), len(self.candidates(stage_id)))

    def _vote_stage(self, stage_id: int) -> Stage:
        stage = self.stage(stage_id)
        if stage.kind != StageKind.VOTE:
            raise RuleBroken(f"\u201c{stage.title}\u201d is not a voting stage.")
        return stage

    def cast_dot(
        self, stage_id: int, participant_id: int, candidate_kind: str, candidate_id: int, *, entered_by: str = ""
    ) -> int:
        """Give one dot; returns the dots this person has left. Raises ``RuleBroken`` past a limit."""
        entered_by = clean_optional(entered_by, "name of whoever entered the dot", max_length=100)
        with self.write() as db:
            stage = self._vote_stage(stage_id)
            if stage.revealed:
                raise RuleBroken("The votes have been revealed, so no more dots can be given.")
            if self._value("SELECT 1 FROM votes WHERE stage_id = ? AND participant_id IS NULL LIMIT 1", (stage_id,)):
                # Imported from a secret vote: whose dots they were is not known, so no budget
                # could be checked for anyone; the vote is closed to new dots.
                raise RuleBroken(
                    "This vote was imported without who gave which dots, so no more dots can be given in it."
                )
            person = self.participant(participant_id)
            if person.workshop_id != stage.workshop_id:
                raise NotFound(f"There is no participant with id {participant_id} in this workshop.")
            match = self._candidate(stage, candidate_kind, candidate_id)
            if match is None:
                raise NotFound(f"There is no {candidate_kind} with id {candidate_id} to vote for here.")
            budget = stage.vote_budget if stage.vote_budget is not None else self._freeze_budget(db, stage)
            used = self._value(
                "SELECT count(*) FROM votes WHERE stage_id = ? AND participant_id = ?", (stage_id, participant_id)
            )
            on_candidate = self._value(
                "SELECT count(*) FROM votes WHERE stage_id = ? AND participant_id = ? "
                "AND candidate_kind = ? AND candidate_id = ?",
                (stage_id, participant_id, candidate_kind, candidate_id),
            )
            voting.check_dot(
                budget=budget,
                cap=int(stage.settings.get("max_per_candidate", 3)),
                dots_used_by_person=used,
                dots_on_candidate_by_person=on_candidate,
                person_label=person.name or "This participant",
                candidate_label=match.label,
            )
            db["votes"].insert(
                {
                    "stage_id": stage_id,
                    "participant_id": participant_id,
                    "candidate_kind": candidate_kind,
                    "candidate_id": candidate_id,
                    "entered_by": entered_by,
                    "created_at": self.now_iso(),
                }
            )
        return budget - used - 1

    def remove_dot(self, stage_id: int, participant_id: int, candidate_kind: str, candidate_id: int) -> bool:
        """Take back one of this person's dots from a candidate; False if there was none."""
        with self.write() as db:
            if self._vote_stage(stage_id).revealed:
                raise RuleBroken("The votes have been revealed, so dots can no longer be moved.")
            dot = self._value(
                "SELECT max(id) FROM votes WHERE stage_id = ? AND participant_id = ? "
                "AND candidate_kind = ? AND candidate_id = ?",
                (stage_id, participant_id, candidate_kind, candidate_id),
            )
            if dot is None:
                return False
            db.execute("DELETE FROM votes WHERE id = ?", (dot,))
            return True

    def dots_of(self, stage_id: int, participant_id: int) -> dict[tuple[str, int], int]:
        """One person's own dots: fine to show to them while they vote."""
        rows = self._rows(
            "SELECT candidate_kind, candidate_id, count(*) AS n FROM votes "
            "WHERE stage_id = ? AND participant_id = ? GROUP BY candidate_kind, candidate_id",
            (stage_id, participant_id),
        )
        return {(row["candidate_kind"], row["candidate_id"]): row["n"] for row in rows}

    def dots_used(self, stage_id: int) -> dict[int, int]:
        """How many dots each person has used: who has finished, never what they chose."""
        rows = self._rows(
            "SELECT participant_id, count(*) AS n FROM votes WHERE stage_id = ? "
            "AND participant_id IS NOT NULL GROUP BY participant_id",
            (stage_id,),
        )
        return {row["participant_id"]: row["n"] for row in rows}

    def dot_totals(self, stage_id: int) -> dict[tuple[str, int], int]:
        rows = self._rows(
            "SELECT candidate_kind, candidate_id, count(*) AS n FROM votes WHERE stage_id = ? "
            "GROUP BY candidate_kind, candidate_id",
            (stage_id,),
        )
        return {(row["candidate_kind"], row["candidate_id"]): row["n"] for row in rows}

    def results(self, stage_id: int) -> list[TallyRow]:
        """The tally, ties marked. Refused for a secret vote that has not been revealed."""
        stage = self._vote_stage(stage_id)
        if stage.settings.get("secret", True) and not stage.revealed:
            raise RuleBroken("This vote is secret until the facilitator reveals it.")
        return self.tally(stage_id)

    def tally(self, stage_id: int) -> list[TallyRow]:
        """The tally without the secrecy check: for minutes and exports of revealed votes."""
        return voting.tally(self.candidates(stage_id), self.dot_totals(stage_id))
