"""Import: an export file (``exchange.py`` writes them) back into a database, as a new workshop.

``import_file`` / ``import_record`` write a record in one ``BEGIN IMMEDIATE`` transaction, giving
every row a new id: a bad file or a refusal changes nothing. A "You said, we did" item carried from
an earlier workshop keeps where it came from, and is linked to it again when that workshop is here.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from facilitator.domain.errors import ImportFileError
from facilitator.domain.files import read_text_file
from facilitator.domain.models import DecisionStatus, Workshop
from facilitator.domain.record import WorkshopRecord
from facilitator.domain.record_check import check_record, fail
from facilitator.domain.record_json import parse_record
from facilitator.storage.recognition import insert_recognition
from facilitator.storage.vote_ties import remap_runoffs

# An export of the largest workshops is a few megabytes; refuse to read anything absurd into memory.
MAX_FILE_BYTES = 256 * 1024 * 1024


def import_file(store, path: Path | str, *, as_new: bool = False) -> Workshop:
    """Read, check and import an export file; one sentence naming the file for any problem."""
    source = str(path)
    text = read_text_file(path, error=ImportFileError, kind="an export file", max_bytes=MAX_FILE_BYTES)
    return import_record(store, parse_record(text, source), as_new=as_new, source=source)


def import_record(store, record: WorkshopRecord, *, as_new: bool = False, source: str | None = None) -> Workshop:
    """Write ``record`` as a new workshop, in one transaction; returns it.

    Refused if the workshop is already in the database, unless ``as_new``, which imports a copy
    with new uids for the workshop and its decisions. ``source`` names the file in messages.
    """
    record = check_record(record, source)  # cheap, and safe whoever built the record
    # One transaction: any refusal or failure part-way leaves the database exactly as it was.
    with store.write() as db:
        return _Importer(store, db, record, as_new, source).run()


class _Importer:
    def __init__(self, store, db, record: WorkshopRecord, as_new: bool, source: str | None) -> None:
        self.store, self.record, self.as_new, self.source = store, record, as_new, source
        self.db, self.conn = db, db.conn

    def insert(self, table: str, values: dict[str, Any]) -> int:
        columns = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
        return self.conn.execute(sql, tuple(values.values())).lastrowid

    def insert_many(self, table: str, rows: list[dict[str, Any]]) -> None:
        if rows:
            columns = ", ".join(rows[0])
            marks = ", ".join("?" for _ in rows[0])
            sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"
            self.conn.executemany(sql, [tuple(row.values()) for row in rows])

    def run(self) -> Workshop:
        record, store = self.record, self.store
        found = store._row("SELECT title FROM workshops WHERE uid = ?", (record.workshop.uid,))
        if found is not None and not self.as_new:
            raise fail(
                self.source,
                f"this workshop is already in the database (\u201c{found['title']}\u201d); "
                "use --as-new to import a copy",
            )
        if not self.as_new:
            self._refuse_known_decision_uids()
        workshop = record.workshop.model_dump(mode="json", exclude={"current_stage_id"})
        if self.as_new:
            workshop["uid"] = uuid.uuid4().hex
        workshop_id = self.insert("workshops", workshop)
        own = {"workshop_id": workshop_id}

        people = {
            p.id: self.insert("participants", {**own, **_row(p, perspectives=json.dumps(p.perspectives))})
            for p in record.participants
        }
        insert_recognition(self.conn, record, people, lambda text: fail(self.source, text))  # private: recognition.py
        stages: dict[int, int] = {}
        for stage in record.stages:
            stages[stage.id] = self.insert("stages", {**own, **_row(stage, "events")})
            self.insert_many("stage_events", [{"stage_id": stages[stage.id], **_row(e)} for e in stage.events])
        if record.workshop.current_stage_id is not None:
            self.conn.execute(
                "UPDATE workshops SET current_stage_id = ? WHERE id = ?",
                (stages[record.workshop.current_stage_id], workshop_id),
            )
        themes = {
            t.id: self.insert("themes", {**own, **_row(t, stage_id=_get(stages, t.stage_id))}) for t in record.themes
        }
        ideas = {
            i.id: self.insert("ideas", {**own, **_row(i, stage_id=stages[i.stage_id], said_by=_get(people, i.said_by),
                                                      theme_id=_get(themes, i.theme_id))})
            for i in record.ideas
        }  # fmt: skip
        remap_runoffs(self.conn, record.stages, stages, ideas, themes)  # a run-off's links, by the new ids
        self.insert_many(
            "votes",
            [
                _row(
                    d,
                    stage_id=stages[d.stage_id],
                    participant_id=_get(people, d.participant_id),
                    candidate_id=(themes if d.candidate_kind == "theme" else ideas)[d.candidate_id],
                )
                for d in record.dots
            ],
        )
        decisions = self._decisions(own, stages, people, ideas, themes)
        actions = {
            a.id: self.insert(
                "actions",
                {**own, **_row(a, "updates", decision_id=_get(decisions, a.decision_id),
                               owner_participant_id=_get(people, a.owner_participant_id))},
            )
            for a in record.actions
        }
        self.insert_many(
            "action_updates", [{"action_id": actions[a.id], **_row(u)} for a in record.actions for u in a.updates]
        )
        for item in record.feedback:
            self.insert("feedback_items", {**own, **self._feedback(item, stages)})
        self._link_items_carried_from(workshop_id, workshop["uid"])
        self.insert_many(
            "values_scores", [{**own, **_row(s, stage_id=_get(stages, s.stage_id))} for s in record.values_scores]
        )
        return store.workshop(workshop_id)

    def _feedback(self, item, stages: dict[int, int]) -> dict[str, Any]:
        """A "You said, we did" item's columns, linked again to where it came from when that is here."""
        values = _row(item, "source_action_number", "source_item_number", stage_id=_get(stages, item.stage_id),
                      source_workshop_title=item.source_workshop_title,
                      source_workshop_date=item.source_workshop_date or "")  # fmt: skip
        source_id = None
        if item.source_workshop_uid is not None:
            source_id = self.store._value("SELECT id FROM workshops WHERE uid = ?", (item.source_workshop_uid,))
        values.update(source_workshop_id=source_id, source_action_id=None, source_item_id=None)
        if source_id is not None:
            for number, table, column in ((item.source_action_number, "actions", "source_action_id"),
                                          (item.source_item_number, "feedback_items", "source_item_id")):  # fmt: skip
                if number is not None:
                    values[column] = self.store._value(
                        f"SELECT id FROM {table} WHERE workshop_id = ? ORDER BY id LIMIT 1 OFFSET ?",
                        (source_id, number - 1),
                    )
        return values

    def _link_items_carried_from(self, workshop_id: int, uid: str) -> None:
        """Items elsewhere in this database carried from this workshop, imported before it, are linked
        again: to the workshop, and to the action or item each is a copy of (found by its words)."""
        waiting = [row[0] for row in self.conn.execute(
            "SELECT id FROM feedback_items WHERE source_workshop_uid = ? AND source_workshop_id IS NULL", (uid,))]  # fmt: skip
        for item_id in waiting:
            self.conn.execute("UPDATE feedback_items SET source_workshop_id = ? WHERE id = ?", (workshop_id, item_id))
            self.conn.execute(
                "UPDATE feedback_items SET source_action_id = (SELECT a.id FROM actions a LEFT JOIN decisions d "
                "ON d.id = a.decision_id WHERE a.workshop_id = ? AND (a.what = feedback_items.said OR "
                "d.statement || char(10) || 'Action: ' || a.what = feedback_items.said) ORDER BY a.id LIMIT 1) "
                "WHERE id = ?",
                (workshop_id, item_id),
            )
            self.conn.execute(
                "UPDATE feedback_items SET source_item_id = (SELECT o.id FROM feedback_items o WHERE o.workshop_id = ? "
                "AND o.said = feedback_items.said ORDER BY o.id LIMIT 1) WHERE id = ? AND source_action_id IS NULL",
                (workshop_id, item_id),
            )

    def _refuse_known_decision_uids(self) -> None:
        for decision in self.record.decisions:
            found = self.store._row(
                "SELECT w.title FROM decisions d JOIN workshops w ON w.id = d.workshop_id WHERE d.uid = ?",
                (decision.uid,),
            )
            if found is not None:
                raise fail(
                    self.source,
                    f"decision {decision.id} is already in the database (in \u201c{found['title']}\u201d); "
                    "use --as-new to import a copy",
                )

    def _decisions(self, own, stages, people, ideas, themes) -> dict[int, int]:
        record, store = self.record, self.store
        wanted = {u for d in record.decisions for u in (d.supersedes_uid, d.superseded_by_uid) if u is not None}
        # Decisions elsewhere in this database that the record's decisions supersede or were superseded by.
        elsewhere = {
            r["uid"]: r["id"]
            for uid in sorted(wanted)
            for r in store._rows("SELECT id, uid FROM decisions WHERE uid = ?", (uid,))
        }
        made: dict[int, int] = {}
        for d in record.decisions:
            values = _row(
                d, "supersedes_uid", "superseded_by_uid", "idea_ids", "theme_ids", "dissent", "history",
                stage_id=_get(stages, d.stage_id), present=json.dumps([people[p] for p in d.present]),
            )  # fmt: skip
            if self.as_new:
                values["uid"] = uuid.uuid4().hex
            made[d.id] = self.insert("decisions", {**own, **values})
            self.insert_many(
                "decision_links",
                [{"decision_id": made[d.id], "idea_id": ideas[i], "theme_id": None} for i in d.idea_ids]
                + [{"decision_id": made[d.id], "idea_id": None, "theme_id": themes[t]} for t in d.theme_ids],
            )
            self.insert_many(
                "dissents",
                [{"decision_id": made[d.id], "participant_id": _get(people, x.participant_id), "text": x.text}
                 for x in d.dissent],
            )  # fmt: skip
            self.insert_many("decision_history", [{"decision_id": made[d.id], **_row(h)} for h in d.history])
        inside = {d.uid: made[d.id] for d in record.decisions}
        for d in record.decisions:
            new_id = made[d.id]
            for uid, mine, theirs, status in (
                (d.supersedes_uid, "supersedes_id", "superseded_by_id", DecisionStatus.SUPERSEDED.value),
                (d.superseded_by_uid, "superseded_by_id", "supersedes_id", None),
            ):
                if uid is None:
                    continue
                # A link to a decision in neither the file nor this database is dropped; the status stays.
                other = inside.get(uid, elsewhere.get(uid))
                if other is None:
                    continue
                self.conn.execute(f"UPDATE decisions SET {mine} = ? WHERE id = ?", (other, new_id))
                if uid not in inside:
                    # Complete the other side of a link into another workshop, unless it already points elsewhere.
                    change_status = ", status = ?" if status else ""
                    self.conn.execute(
                        f"UPDATE decisions SET {theirs} = ?{change_status} WHERE id = ? AND {theirs} IS NULL",
                        (new_id, *([status] if status else []), other),
                    )
        for new_id in made.values():
            store._index_decision(self.db, new_id)
        return made


def _get(mapping: dict[int, int], key: int | None) -> int | None:
    return None if key is None else mapping[key]


def _row(part, *leave_out: str, **replace: Any) -> dict[str, Any]:
    """A part's fields as column values (enums as text, flags as 0/1, tables as JSON), minus its id."""
    values = part.model_dump(mode="json", exclude={"id", *leave_out, *replace})
    for key, value in values.items():
        if isinstance(value, (bool, dict)):  # flags as 0/1; a stage's settings and results as JSON
            values[key] = int(value) if isinstance(value, bool) else json.dumps(value, sort_keys=True)
    values.update(replace)
    return values
