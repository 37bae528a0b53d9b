"""Ideas, and the themes they are grouped into."""

from __future__ import annotations

from facilitator.domain.errors import NotFound, RuleBroken
from facilitator.domain.models import Idea, StageKind, Theme
from facilitator.domain.text import LONG_TEXT, clean_optional, clean_text
from facilitator.storage.base import StoreBase, row_to


class IdeasMixin(StoreBase):
    def add_idea(
        self,
        stage_id: int,
        text: str,
        *,
        said_by: int | None = None,
        anonymous: bool = False,
        typed_by: str = "",
    ) -> Idea:
        """Save an idea. Anonymous ideas keep no reference to the person, by design."""
        [idea] = self.add_ideas(stage_id, [text], said_by=said_by, anonymous=anonymous, typed_by=typed_by)
        return idea

    def add_ideas(
        self,
        stage_id: int,
        texts: list[str],
        *,
        said_by: int | None = None,
        anonymous: bool = False,
        typed_by: str = "",
    ) -> list[Idea]:
        """Save several ideas (a paste of several lines), in order, all or none."""
        texts = [clean_text(text, "idea", max_length=LONG_TEXT, multiline=True) for text in texts]
        typed_by = clean_optional(typed_by, "note-taker's name", max_length=100)
        with self.write() as db:
            stage = self.stage(stage_id)
            if anonymous:
                if not stage.settings.get("allow_anonymous", True):
                    raise RuleBroken(f"The stage \u201c{stage.title}\u201d does not take anonymous ideas.")
                said_by = None
            elif said_by is not None:
                owner = self._value("SELECT workshop_id FROM participants WHERE id = ?", (said_by,))
                if owner != stage.workshop_id:
                    raise NotFound(f"There is no participant with id {said_by} in this workshop.")
            idea_ids = [
                db["ideas"].insert(
                    {
                        "workshop_id": stage.workshop_id,
                        "stage_id": stage_id,
                        "text": text,
                        "said_by": said_by,
                        "anonymous": int(anonymous),
                        "typed_by": typed_by,
                        "created_at": self.now_iso(),
                    }
                ).last_pk
                for text in texts
            ]
        return [self.idea(idea_id) for idea_id in idea_ids]

    def idea(self, idea_id: int) -> Idea:
        return self._get("ideas", Idea, idea_id, "idea")

    def edit_idea(self, idea_id: int, text: str) -> Idea:
        text = clean_text(text, "idea", max_length=LONG_TEXT, multiline=True)
        with self.write() as db:
            self.idea(idea_id)
            db.execute("UPDATE ideas SET text = ? WHERE id = ?", (text, idea_id))
        return self.idea(idea_id)

    def set_idea_speaker(self, idea_id: int, said_by: int | None, anonymous: bool) -> Idea:
        with self.write() as db:
            idea = self.idea(idea_id)
            if said_by is not None and not anonymous:
                owner = self._value("SELECT workshop_id FROM participants WHERE id = ?", (said_by,))
                if owner != idea.workshop_id:
                    raise NotFound(f"There is no participant with id {said_by} in this workshop.")
            db.execute(
                "UPDATE ideas SET said_by = ?, anonymous = ? WHERE id = ?",
                (None if anonymous else said_by, int(anonymous), idea_id),
            )
        return self.idea(idea_id)

    def withdraw_idea(self, idea_id: int, withdrawn: bool = True) -> Idea:
        """Withdrawn ideas are kept (nothing is lost) but left out of votes and minutes."""
        with self.write() as db:
            self.idea(idea_id)
            db.execute("UPDATE ideas SET withdrawn = ? WHERE id = ?", (int(withdrawn), idea_id))
        return self.idea(idea_id)

    def ideas(
        self,
        *,
        workshop_id: int | None = None,
        stage_id: int | None = None,
        typed_by: str | None = None,
        include_withdrawn: bool = False,
        after_id: int = 0,
        newest_first: bool = False,
        limit: int | None = None,
    ) -> list[Idea]:
        """Ideas in the order they were saved (``newest_first``: the reverse), at most ``limit``."""
        clauses, params = ["id > ?"], [after_id]
        if workshop_id is not None:
            clauses.append("workshop_id = ?")
            params.append(workshop_id)
        if stage_id is not None:
            clauses.append("stage_id = ?")
            params.append(stage_id)
        if typed_by is not None:
            clauses.append("typed_by = ?")
            params.append(typed_by)
        if not include_withdrawn:
            clauses.append("withdrawn = 0")
        order = "id DESC" if newest_first else "id"
        cut = f" LIMIT {int(limit)}" if limit is not None else ""
        rows = self._rows(f"SELECT * FROM ideas WHERE {' AND '.join(clauses)} ORDER BY {order}{cut}", params)
        return [row_to(Idea, row) for row in rows]

    def idea_counts_by_person(self, stage_id: int) -> dict[int | None, int]:
        """How many ideas each person has given in a stage (None: anonymous or unattributed)."""
        rows = self._rows(
            "SELECT said_by, count(*) AS n FROM ideas WHERE stage_id = ? AND withdrawn = 0 GROUP BY said_by",
            (stage_id,),
        )
        return {row["said_by"]: row["n"] for row in rows}

    # -- the right to pass in a round --------------------------------------------------------
    # Passes only tell the facilitator not to keep coming back to someone. They are private to
    # the live workshop: never put in the minutes, the record or the exports, so nobody can
    # scrutinise later who passed. Removing a person (or the stage) removes their passes too.

    def record_pass(self, stage_id: int, participant_id: int) -> None:
        """Note that a person passes in this ideas stage (already noted: nothing changes)."""
        with self.write() as db:
            self._check_pass(stage_id, participant_id)
            db.execute(
                "INSERT OR IGNORE INTO passes (stage_id, participant_id, passed_at) VALUES (?, ?, ?)",
                (stage_id, participant_id, self.now_iso()),
            )

    def withdraw_pass(self, stage_id: int, participant_id: int) -> None:
        """A person changed their mind: they are waiting to be heard again (no pass: nothing changes)."""
        with self.write() as db:
            self._check_pass(stage_id, participant_id)
            db.execute("DELETE FROM passes WHERE stage_id = ? AND participant_id = ?", (stage_id, participant_id))

    def passes(self, stage_id: int) -> set[int]:
        """Ids of the people who passed in this stage."""
        rows = self._rows("SELECT participant_id FROM passes WHERE stage_id = ?", (stage_id,))
        return {row["participant_id"] for row in rows}

    def _check_pass(self, stage_id: int, participant_id: int) -> None:
        stage = self.stage(stage_id)
        if stage.kind is not StageKind.IDEAS:
            raise RuleBroken(f"\u201c{stage.title}\u201d is not an ideas stage, so nobody can pass in it.")
        owner = self._value("SELECT workshop_id FROM participants WHERE id = ?", (participant_id,))
        if owner != stage.workshop_id:
            raise NotFound(f"There is no participant with id {participant_id} in this workshop.")

    # -- themes -------------------------------------------------------------------------------

    def add_theme(self, workshop_id: int, name: str, stage_id: int | None = None) -> Theme:
        name = clean_text(name, "theme name")
        with self.write() as db:
            position = self._value(
                "SELECT coalesce(max(position), 0) + 1 FROM themes WHERE workshop_id = ?", (workshop_id,)
            )
            theme_id = db["themes"].insert(
                {"workshop_id": workshop_id, "stage_id": stage_id, "name": name, "position": position}
            ).last_pk
        return self.theme(theme_id)

    def theme(self, theme_id: int) -> Theme:
        return self._get("themes", Theme, theme_id, "theme")

    def themes(self, workshop_id: int) -> list[Theme]:
        rows = self._rows("SELECT * FROM themes WHERE workshop_id = ? ORDER BY position, id", (workshop_id,))
        return [row_to(Theme, row) for row in rows]

    def rename_theme(self, theme_id: int, name: str) -> Theme:
        name = clean_text(name, "theme name")
        with self.write() as db:
            self.theme(theme_id)
            db.execute("UPDATE themes SET name = ? WHERE id = ?", (name, theme_id))
        return self.theme(theme_id)

    def move_idea(self, idea_id: int, theme_id: int | None) -> Idea:
        with self.write() as db:
            idea = self.idea(idea_id)
            if theme_id is not None and self.theme(theme_id).workshop_id != idea.workshop_id:
                raise NotFound(f"There is no theme with id {theme_id} in this workshop.")
            db.execute("UPDATE ideas SET theme_id = ? WHERE id = ?", (theme_id, idea_id))
        return self.idea(idea_id)

    def merge_themes(self, keep_id: int, merge_id: int) -> Theme:
        """Move every idea of ``merge_id`` into ``keep_id`` and remove the emptied theme."""
        if keep_id == merge_id:
            raise RuleBroken("A theme cannot be merged into itself.")
        with self.write() as db:
            keep, merge = self.theme(keep_id), self.theme(merge_id)
            if keep.workshop_id != merge.workshop_id:
                raise RuleBroken("Only themes of the same workshop can be merged.")
            if self._value("SELECT count(*) FROM votes WHERE candidate_kind = 'theme' AND candidate_id = ?", (merge_id,)):
                raise RuleBroken(f"\u201c{merge.name}\u201d already has dots, so it cannot be merged.")
            db.execute("UPDATE ideas SET theme_id = ? WHERE theme_id = ?", (keep_id, merge_id))
            db.execute("UPDATE decision_links SET theme_id = ? WHERE theme_id = ?", (keep_id, merge_id))
            db.execute("DELETE FROM themes WHERE id = ?", (merge_id,))
        return self.theme(keep_id)

    def delete_theme(self, theme_id: int) -> None:
        """Remove a theme; its ideas go back to ungrouped (nothing is lost)."""
        with self.write() as db:
            theme = self.theme(theme_id)
            if self._value("SELECT count(*) FROM votes WHERE candidate_kind = 'theme' AND candidate_id = ?", (theme_id,)):
                raise RuleBroken(f"\u201c{theme.name}\u201d already has dots, so it cannot be removed.")
            db.execute("UPDATE ideas SET theme_id = NULL WHERE theme_id = ?", (theme_id,))
            db.execute("DELETE FROM decision_links WHERE theme_id = ?", (theme_id,))
            db.execute("DELETE FROM themes WHERE id = ?", (theme_id,))

    def idea_stage_ids_before(self, stage_id: int) -> list[int]:
        stage = self.stage(stage_id)
        rows = self._rows(
            "SELECT id FROM stages WHERE workshop_id = ? AND position < ? AND kind = ? ORDER BY position",
            (stage.workshop_id, stage.position, StageKind.IDEAS.value),
        )
        return [row["id"] for row in rows]
