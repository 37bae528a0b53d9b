"""Forgetting a person everywhere, and the retention limit: names go, the record stays.

``forget_plan`` finds a person (by name, or by a participant's id) in every workshop, in every
series roster and in every piece of free text the app writes (``text_scrub``); the caller shows
it; ``forget_everywhere`` then makes the change in one transaction: roster rows keep no name and
no support needs (shown as "a participant"), free text says "a former participant", decisions
and ideas stay. A dated note in ``erasures`` records that an erasure happened, never whom.

``retention_plan`` / ``apply_retention`` do the same for everyone in workshops older than a
limit ("3y"), and clear support needs left in finished workshops by people who are not on their
series' standing roster (``clear_support_needs`` does that as a workshop finishes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from facilitator.domain.errors import NotFound, RuleBroken
from facilitator.domain.privacy import FORMER_PARTICIPANT, older_than
from facilitator.domain.text import clean_text
from facilitator.storage.base import StoreBase
from facilitator.storage.text_scrub import TextChange, apply_changes, find_changes, optimise_search

_FORGET = "UPDATE participants SET name = '', support_needs = '', forgotten = 1, attribution = 'anonymous' WHERE id = ?"
# Support needs that outlive a finished workshop: only for people on the series' standing roster.
_LEFT_OVER_NEEDS = (
    "SELECT p.id, p.workshop_id FROM participants p JOIN workshops w ON w.id = p.workshop_id "
    "WHERE w.status = 'finished' AND p.support_needs <> '' {and_workshop} AND NOT EXISTS "
    "(SELECT 1 FROM series_people s WHERE s.id = p.series_person_id AND s.series = w.series)"
)


@dataclass(frozen=True)
class FoundPerson:
    participant_id: int
    workshop_id: int
    workshop_title: str
    workshop_date: str


@dataclass(frozen=True)
class ForgetPlan:
    """Everything that forgetting ``name`` will change."""

    name: str
    people: list[FoundPerson] = field(default_factory=list)
    roster_entries: list[tuple[int, str]] = field(default_factory=list)  # (series_people id, series)
    changes: list[TextChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.people or self.roster_entries or self.changes)

    @property
    def text_changes(self) -> list[TextChange]:
        """The changes to text people wrote or see (not the search index's copies of it)."""
        return [change for change in self.changes if not change.in_search]

    def lines(self) -> list[str]:
        """What will change, one line each, in plain words."""
        lines = [
            f"Workshop {p.workshop_id} \u201c{p.workshop_title}\u201d ({p.workshop_date}): on its roster; "
            "the name and support needs go, what they said stays as \u201ca participant\u201d."
            for p in self.people
        ]
        lines += [f"Series \u201c{series}\u201d: taken off its standing roster." for _, series in self.roster_entries]
        lines += [
            f"{change.where()}: \u201c{_excerpt(change.before)}\u201d becomes \u201c{_excerpt(change.after)}\u201d"
            for change in self.text_changes
        ]
        return lines


@dataclass(frozen=True)
class RetentionPlan:
    """People in workshops dated before ``cutoff``, and support needs left in finished workshops."""

    cutoff: str
    workshops: list[tuple[int, str, str, int]] = field(default_factory=list)  # id, title, date, people
    people: list[tuple[int, str]] = field(default_factory=list)  # (participant id, name)
    text_places: int = 0
    support_needs: list[tuple[int, int]] = field(default_factory=list)  # (participant id, workshop id)

    @property
    def empty(self) -> bool:
        return not (self.people or self.support_needs)


def _excerpt(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def _same_name(one: str, other: str) -> bool:
    return " ".join(one.split()).casefold() == " ".join(other.split()).casefold()


class PrivacyMixin(StoreBase):
    # -- forgetting one person -------------------------------------------------------------------

    def _name_to_forget(self, name_or_id: str) -> str:
        text = str(name_or_id).strip()
        if text.isdigit():
            row = self._row("SELECT name, forgotten FROM participants WHERE id = ?", (int(text),))
            if row is None:
                raise NotFound(f"There is no participant with id {text}.")
            if row["forgotten"] or not row["name"].strip():
                raise RuleBroken(f"Participant {text} has already been forgotten.")
            return row["name"].strip()
        return clean_text(text, "name", max_length=100)

    def forget_plan(self, name_or_id: str) -> ForgetPlan:
        """What forgetting this person would change (nothing is changed)."""
        name = self._name_to_forget(name_or_id)
        people = [
            FoundPerson(row["id"], row["workshop_id"], row["title"], row["date"])
            for row in self._rows(
                "SELECT p.id, p.workshop_id, p.name, w.title, w.date FROM participants p "
                "JOIN workshops w ON w.id = p.workshop_id WHERE p.forgotten = 0 AND p.name <> '' ORDER BY w.date, p.id"
            )
            if _same_name(row["name"], name)
        ]
        roster = [(row["id"], row["series"]) for row in self._rows("SELECT id, series, name FROM series_people ORDER BY id")
                  if _same_name(row["name"], name)]  # fmt: skip
        changes = find_changes(self.database.conn, name, FORMER_PARTICIPANT)
        return ForgetPlan(name=name, people=people, roster_entries=roster, changes=changes)

    def forget_everywhere(self, name_or_id: str) -> tuple[ForgetPlan, str]:
        """Forget this person in every workshop, roster and piece of text, in one transaction.

        Returns what changed (found again inside the transaction, so a change made meanwhile by
        another terminal is included) and the dated note recorded about it.
        """
        with self.write():
            plan = self.forget_plan(name_or_id)
            if plan.empty:
                raise NotFound(f"Nobody called \u201c{plan.name}\u201d is on any roster, and the name is in no text.")
            conn = self.database.conn
            for person in plan.people:
                conn.execute(_FORGET, (person.participant_id,))
                # A phone that had taken this name chooses again (it keeps no name of its own).
                conn.execute("UPDATE devices SET participant_id = NULL WHERE participant_id = ?", (person.participant_id,))
            for entry_id, _ in plan.roster_entries:
                conn.execute("DELETE FROM series_people WHERE id = ?", (entry_id,))
            apply_changes(conn, plan.changes)
            workshops = len({p.workshop_id for p in plan.people})
            note = (
                f"A person was forgotten at their request: taken off the roster of {_count(workshops, 'workshop')} "
                f"and {_count(len(plan.roster_entries), 'series roster')}, and their name replaced with "
                f"\u201c{FORMER_PARTICIPANT}\u201d in {_count(len(plan.text_changes), 'other place')}."
            )
            self._note_erasure("forget", note)
        # Until a checkpoint the old pages, name and all, are still in the WAL.
        self.database.checkpoint()
        return plan, note

    def _note_erasure(self, kind: str, note: str) -> None:
        self.database.conn.execute(
            "INSERT INTO erasures (at, kind, note) VALUES (?, ?, ?)", (self.now_iso(), kind, note)
        )

    def erasures(self) -> list[dict[str, str]]:
        """The dated notes of every erasure, oldest first (never a name)."""
        return self._rows("SELECT at, kind, note FROM erasures ORDER BY at, id")

    # -- retention ---------------------------------------------------------------------------------

    def retention_plan(self, limit: str) -> RetentionPlan:
        """Who would be pseudonymised for ``limit`` ("3y"), and which support needs would go."""
        cutoff = older_than(limit, datetime.fromtimestamp(self.now()).date()).isoformat()
        rows = self._rows(
            "SELECT w.id, w.title, w.date, p.id AS pid, p.name FROM workshops w JOIN participants p "
            "ON p.workshop_id = w.id WHERE w.date < ? AND p.forgotten = 0 ORDER BY w.date, w.id, p.id",
            (cutoff,),
        )
        workshops: dict[int, list] = {}
        for row in rows:
            workshops.setdefault(row["id"], [row["id"], row["title"], row["date"], 0])[3] += 1
        people = [(row["pid"], row["name"]) for row in rows]
        places: set[tuple] = set()
        for name in {" ".join(n.split()) for _, n in people if n.strip()}:
            for change in find_changes(self.database.conn, name, FORMER_PARTICIPANT, scope=list(workshops)):
                if not change.in_search:
                    places.add((change.table, change.column, change.key))
        old = {pid for pid, _ in people}
        needs = [(row["id"], row["workshop_id"]) for row in self._rows(_LEFT_OVER_NEEDS.format(and_workshop=""))
                 if row["id"] not in old]  # fmt: skip
        return RetentionPlan(cutoff=cutoff, workshops=[tuple(w) for w in workshops.values()], people=people,
                             text_places=len(places), support_needs=needs)  # fmt: skip

    def apply_retention(self, limit: str) -> RetentionPlan:
        """Pseudonymise everyone in workshops older than ``limit``, in one transaction; returns what was done."""
        with self.write():
            plan = self.retention_plan(limit)
            if plan.empty:
                return plan
            conn = self.database.conn
            scope = [w[0] for w in plan.workshops]
            for name in {" ".join(n.split()) for _, n in plan.people if n.strip()}:
                apply_changes(conn, find_changes(conn, name, FORMER_PARTICIPANT, scope=scope))
            for participant_id, _ in plan.people:
                conn.execute(_FORGET, (participant_id,))
            for participant_id, _ in plan.support_needs:
                conn.execute("UPDATE participants SET support_needs = '' WHERE id = ?", (participant_id,))
            optimise_search(conn)
            self._note_erasure("retention", (
                f"Retention: {_count(len(plan.people), 'person', 'people')} in {_count(len(plan.workshops), 'workshop')} "
                f"dated before {plan.cutoff} were made anonymous; support needs were cleared for "
                f"{_count(len(plan.support_needs), 'person', 'people')} in finished workshops."
            ))  # fmt: skip
        self.database.checkpoint()
        return plan

    def clear_support_needs(self, db, workshop_id: int) -> None:
        """As a workshop finishes: support needs go, except for people on the series' standing roster."""
        for row in self._rows(_LEFT_OVER_NEEDS.format(and_workshop="AND w.id = ?"), (workshop_id,)):
            db.execute("UPDATE participants SET support_needs = '' WHERE id = ?", (row["id"],))


def backups_made_before(folder: Path, moment: float) -> list[Path]:
    """Backups in ``folder`` written before ``moment`` (epoch seconds), oldest first: after an
    erasure, the copies that still hold what was erased."""
    if not folder.is_dir():
        return []
    found = [(path.stat().st_mtime, path) for path in folder.glob("*.db") if path.is_file()]
    return [path for made, path in sorted(found) if made < moment]


def _count(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else (many or one + 's')}"
