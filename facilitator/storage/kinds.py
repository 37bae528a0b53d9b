"""The ladder, score and checkin stages at the store: private answers, revealed together.

Where a person placed on the ladder and which marks a panel member gave are secret until the
facilitator reveals the stage: before that the public methods give a person only their own answer,
and the room only how many have answered. ``set_revealed`` stores what the record keeps in
``stages.results`` (counts per rung, marks with no names, moderations); checkin counts are stored
with every answer, since only counts are ever shown. Every rule is checked inside the write.
"""

from __future__ import annotations

import json

from facilitator.domain import checkin as checkins
from facilitator.domain import ladders, scoring
from facilitator.domain.errors import NotFound, RuleBroken
from facilitator.domain.models import Stage, StageKind, Workshop
from facilitator.domain.text import clean_optional, clean_text
from facilitator.storage.base import StoreBase, row_to

SECRET_UNTIL_REVEALED = "Where people placed stays hidden until the facilitator reveals it."
MARKS_SECRET = "The panel's scores stay hidden until the facilitator reveals them."


class KindsMixin(StoreBase):
    def _stage_of_kind(self, stage_id: int, kind: StageKind, words: str) -> Stage:
        stage = self.stage(stage_id)
        if stage.kind != kind:
            raise RuleBroken(f"\u201c{stage.title}\u201d is not {words}.")
        return stage

    def _in_workshop(self, stage: Stage, participant_id: int) -> None:
        person = self.participant(participant_id)
        if person.workshop_id != stage.workshop_id:
            raise NotFound(f"There is no participant with id {participant_id} in this workshop.")

    def _store_results(self, db, stage_id: int) -> None:
        """Called inside ``set_revealed``'s write (and after each checkin or moderation)."""
        stage = self.stage(stage_id)
        if stage.kind == StageKind.LADDER:
            results = self._ladder_distribution(stage).as_results()
        elif stage.kind == StageKind.SCORE:
            results = self._summary(stage).as_results()
        elif stage.kind == StageKind.CHECKIN:
            results = self._checkin_results(stage)
        else:
            return
        db.execute("UPDATE stages SET results = ? WHERE id = ?", (json.dumps(results, sort_keys=True), stage_id))

    def workshops_in_series(self, series: str) -> list[Workshop]:
        """Every workshop of the series called ``series``, in date order (for the ladder report)."""
        rows = self._rows("SELECT * FROM workshops WHERE series = ? ORDER BY date, id", (series.strip(),))
        return [row_to(Workshop, row) for row in rows]

    # -- the ladder -------------------------------------------------------------------------------

    def place_on_ladder(
        self, stage_id: int, participant_id: int, now_rung: int, want_rung: int, *, entered_by: str = ""
    ) -> None:
        """Save (or change) where this person placed "now" and "want"; rungs count from 1, the lowest."""
        entered_by = clean_optional(entered_by, "name of whoever entered the placement", max_length=100)
        with self.write() as db:
            stage = self._stage_of_kind(stage_id, StageKind.LADDER, "a ladder stage")
            if stage.revealed:
                raise RuleBroken("The ladder has been revealed, so places can no longer be changed.")
            self._in_workshop(stage, participant_id)
            count = len(ladders.ladder_of(stage.settings).rungs)
            for rung in (now_rung, want_rung):
                if isinstance(rung, bool) or not isinstance(rung, int) or not 1 <= rung <= count:
                    raise RuleBroken(f"Choose a rung from 1 (the lowest) to {count}.")
            db.execute(
                "INSERT INTO ladder_placements (stage_id, participant_id, now_rung, want_rung, entered_by, placed_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (stage_id, participant_id) DO UPDATE SET "
                "now_rung = excluded.now_rung, want_rung = excluded.want_rung, entered_by = excluded.entered_by, "
                "placed_at = excluded.placed_at",
                (stage_id, participant_id, now_rung, want_rung, entered_by, self.now_iso()),
            )

    def ladder_placement(self, stage_id: int, participant_id: int) -> tuple[int, int] | None:
        """One person's own placement (now, want): fine to show to them, never to the room."""
        row = self._row(
            "SELECT now_rung, want_rung FROM ladder_placements WHERE stage_id = ? AND participant_id = ?",
            (stage_id, participant_id),
        )
        return (row["now_rung"], row["want_rung"]) if row else None

    def ladder_placed(self, stage_id: int) -> set[int]:
        """Who has placed: how far the stage has got, never where anyone placed."""
        rows = self._rows("SELECT participant_id FROM ladder_placements WHERE stage_id = ?", (stage_id,))
        return {row["participant_id"] for row in rows}

    def ladder_result(self, stage_id: int) -> ladders.Distribution:
        """The two distributions. Refused until revealed; withheld (no counts) under 3 placements."""
        stage = self._stage_of_kind(stage_id, StageKind.LADDER, "a ladder stage")
        if not stage.revealed:
            raise RuleBroken(SECRET_UNTIL_REVEALED)
        return self._ladder_distribution(stage)

    def _ladder_distribution(self, stage: Stage) -> ladders.Distribution:
        rows = self._rows("SELECT now_rung, want_rung FROM ladder_placements WHERE stage_id = ?", (stage.id,))
        count = len(ladders.ladder_of(stage.settings).rungs)
        kept = None if rows else ladders.from_results(stage.results, count)
        if kept is not None:  # an imported record: the counts it kept, with no names
            return kept
        placed = [(row["now_rung"], row["want_rung"]) for row in rows if max(row["now_rung"], row["want_rung"]) <= count]
        return ladders.distribution(count, placed)

    # -- the scoring panel ------------------------------------------------------------------------

    def give_marks(
        self, stage_id: int, participant_id: int, marks: dict[tuple[int, int], int], *, entered_by: str = ""
    ) -> None:
        """Save (or change) this panel member's marks, {(candidate, criterion): 0-5}, all or none."""
        entered_by = clean_optional(entered_by, "name of whoever entered the scores", max_length=100)
        with self.write() as db:
            stage = self._stage_of_kind(stage_id, StageKind.SCORE, "a scoring stage")
            if stage.revealed:
                raise RuleBroken("The scores have been revealed, so they can no longer be changed.")
            self._in_workshop(stage, participant_id)
            setup = scoring.setup_of(stage.settings)
            rows = []
            for (candidate, criterion), score in marks.items():
                if not (0 <= candidate < len(setup.candidates) and 0 <= criterion < len(setup.criteria)):
                    raise NotFound("There is no such candidate or criterion in this stage.")
                if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= scoring.MAX_SCORE:
                    raise RuleBroken(f"A score is a whole number from 0 to {scoring.MAX_SCORE}.")
                rows.append((stage_id, participant_id, candidate, criterion, score, entered_by))
            db.conn.executemany(
                "INSERT INTO score_marks (stage_id, participant_id, candidate, criterion, score, entered_by) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (stage_id, participant_id, candidate, criterion) "
                "DO UPDATE SET score = excluded.score, entered_by = excluded.entered_by",
                rows,
            )

    def marks_of(self, stage_id: int, participant_id: int) -> dict[tuple[int, int], int]:
        """One panel member's own marks: fine to show to them while they score."""
        rows = self._rows(
            "SELECT candidate, criterion, score FROM score_marks WHERE stage_id = ? AND participant_id = ?",
            (stage_id, participant_id),
        )
        return {(row["candidate"], row["criterion"]): row["score"] for row in rows}

    def marks_given(self, stage_id: int) -> dict[int, int]:
        """How many marks each panel member has given: who has finished, never what they gave."""
        rows = self._rows(
            "SELECT participant_id, count(*) AS n FROM score_marks WHERE stage_id = ? GROUP BY participant_id",
            (stage_id,),
        )
        return {row["participant_id"]: row["n"] for row in rows}

    def score_summary(self, stage_id: int) -> scoring.Summary:
        """Marks, spreads, moderations and weighted totals. Refused until revealed."""
        stage = self._stage_of_kind(stage_id, StageKind.SCORE, "a scoring stage")
        if not stage.revealed:
            raise RuleBroken(MARKS_SECRET)
        return self._summary(stage)

    def _summary(self, stage: Stage) -> scoring.Summary:
        marks = self.database.conn.execute(
            "SELECT participant_id, candidate, criterion, score FROM score_marks WHERE stage_id = ?", (stage.id,)
        ).fetchall()
        moderations = self.database.conn.execute(
            "SELECT candidate, criterion, score, reason FROM score_moderations WHERE stage_id = ?", (stage.id,)
        ).fetchall()
        setup = scoring.setup_of(stage.settings)
        kept = None if marks else scoring.from_results(setup, stage.results)
        if kept is None:
            return scoring.summarise(setup, marks, moderations)
        # An imported record: its marks (with no names) are only in the results; moderations since add to them.
        for candidate, criterion, score, reason in moderations:
            if (candidate, criterion) in kept.cells:
                kept.cells[(candidate, criterion)].moderated, kept.cells[(candidate, criterion)].reason = score, reason
        return kept

    def moderate(self, stage_id: int, candidate: int, criterion: int, score: int, reason: str) -> None:
        """Record the panel's moderated score for one candidate on one criterion, with its reason."""
        reason = clean_text(reason, "reason for the moderated score", max_length=1000)
        with self.write() as db:
            stage = self._stage_of_kind(stage_id, StageKind.SCORE, "a scoring stage")
            if not stage.revealed:
                raise RuleBroken("Reveal the scores before moderating them.")
            setup = scoring.setup_of(stage.settings)
            if not (0 <= candidate < len(setup.candidates) and 0 <= criterion < len(setup.criteria)):
                raise NotFound("There is no such candidate or criterion in this stage.")
            if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= scoring.MAX_SCORE:
                raise RuleBroken(f"A moderated score is a whole number from 0 to {scoring.MAX_SCORE}.")
            db.execute(
                "INSERT INTO score_moderations (stage_id, candidate, criterion, score, reason, at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (stage_id, candidate, criterion) DO UPDATE SET "
                "score = excluded.score, reason = excluded.reason, at = excluded.at",
                (stage_id, candidate, criterion, score, reason, self.now_iso()),
            )
            self._store_results(db, stage_id)

    # -- check-in and check-out in words -----------------------------------------------------------

    def check_in(self, stage_id: int, participant_id: int, answer: str, moment: str = checkins.ARRIVING) -> None:
        """Save (or change) this person's word or colour for arriving or leaving."""
        answer = clean_text(answer, "word", max_length=checkins.WORD_TEXT)
        if moment not in (checkins.ARRIVING, checkins.LEAVING):
            raise RuleBroken("A check-in is for arriving or leaving.")
        with self.write() as db:
            stage = self._stage_of_kind(stage_id, StageKind.CHECKIN, "a check-in stage")
            if moment == checkins.LEAVING and not stage.settings.get("leaving"):
                raise RuleBroken("This check-in does not ask how people are leaving.")
            self._in_workshop(stage, participant_id)
            db.execute(
                "INSERT INTO checkins (stage_id, participant_id, moment, answer) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (stage_id, participant_id, moment) DO UPDATE SET answer = excluded.answer",
                (stage_id, participant_id, moment, answer),
            )
            self._store_results(db, stage_id)

    def checkin_answer(self, stage_id: int, participant_id: int, moment: str = checkins.ARRIVING) -> str | None:
        """One person's own answer: for them, never the room."""
        return self._value(
            "SELECT answer FROM checkins WHERE stage_id = ? AND participant_id = ? AND moment = ?",
            (stage_id, participant_id, moment),
        )

    def checkin_counts(self, stage_id: int) -> dict:
        """Counts per answer for arriving and leaving (withheld under 3 answers): never who."""
        return self._checkin_results(self._stage_of_kind(stage_id, StageKind.CHECKIN, "a check-in stage"))

    def checked_in(self, stage_id: int, moment: str = checkins.ARRIVING) -> set[int]:
        rows = self._rows("SELECT participant_id FROM checkins WHERE stage_id = ? AND moment = ?", (stage_id, moment))
        return {row["participant_id"] for row in rows}

    def leaving_low(self, stage_id: int) -> list[int]:
        """Who left low (red, or a low word): for the facilitator's own screen only."""
        stage = self._stage_of_kind(stage_id, StageKind.CHECKIN, "a check-in stage")
        low_words = checkins.low_words_of(stage.settings)
        rows = self._rows(
            "SELECT participant_id, answer FROM checkins WHERE stage_id = ? AND moment = 'leaving'", (stage_id,)
        )
        return sorted(row["participant_id"] for row in rows if checkins.is_low(row["answer"], low_words))

    def _checkin_results(self, stage: Stage) -> dict:
        rows = self._rows("SELECT moment, answer FROM checkins WHERE stage_id = ?", (stage.id,))
        if not rows and stage.results:  # an imported record: the counts it kept
            return stage.results
        moments = [checkins.ARRIVING] + ([checkins.LEAVING] if stage.settings.get("leaving") else [])
        by_moment = {moment: [row["answer"] for row in rows if row["moment"] == moment] for moment in moments}
        return checkins.results_of(by_moment)
