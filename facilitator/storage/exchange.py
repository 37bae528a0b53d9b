"""Export and import: one workshop's whole record as a JSON document, and back again.

``load_record`` reads everything of one workshop into a ``WorkshopRecord`` (the same document the
minutes are rendered from); ``export_json`` writes it. ``import_file`` / ``import_record`` write a
record into a database in one ``BEGIN IMMEDIATE`` transaction, giving every row a new id: a bad
file or a refusal changes nothing.

Who voted for what in a secret vote is never exported: those dots carry no person and no time, and
are listed by what they were given to rather than in the order they were given (the order alone
could tell an observer whose dots were whose).
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from facilitator.domain.errors import ImportFileError, NotFound, RuleBroken
from facilitator.domain.files import read_text_file
from facilitator.domain.models import Attribution, DecisionStatus, StageKind, Workshop
from facilitator.domain.record import (
    ActionPart,
    ActionUpdatePart,
    DecisionPart,
    DissentPart,
    DotPart,
    FeedbackPart,
    IdeaPart,
    ParticipantPart,
    StageEventPart,
    StagePart,
    ThemePart,
    ValuesScorePart,
    WorkshopPart,
    WorkshopRecord,
)
from facilitator.domain.record_check import check_record, fail
from facilitator.domain.record_json import parse_record

__all__ = ["export_json", "import_file", "import_record", "load_record", "parse_record"]

# An export of the largest workshops is a few megabytes; refuse to read anything absurd into memory.
MAX_FILE_BYTES = 256 * 1024 * 1024


# Record fields that are not columns of the part's own table (gathered from other tables).
_NOT_COLUMNS = {"events", "idea_ids", "theme_ids", "dissent", "updates", "supersedes_uid", "superseded_by_uid",
                "source_workshop_uid"}  # fmt: skip


def _columns(model, table: str) -> str:
    return ", ".join(f"{table}.{name}" for name in model.model_fields if name not in _NOT_COLUMNS)


def is_secret(settings: dict[str, Any]) -> bool:
    # Secret unless the agenda said plainly that it is not: the safe default for a vote.
    return settings.get("secret", True) is not False


# --- Export ---------------------------------------------------------------------------------------


def load_record(store, workshop_id: int) -> WorkshopRecord:
    """Everything of one workshop, every list in a fixed order, as one versioned record."""

    def rows(model, table: str, sql: str, extra: str = "") -> list[dict[str, Any]]:
        # Plain dicts, validated once at the end: a large workshop has thousands of dots.
        return store._rows(f"SELECT {_columns(model, table)}{extra} {sql}", (workshop_id,))

    found = rows(WorkshopPart, "w", "FROM workshops w WHERE w.id = ?")
    if not found:
        raise NotFound(f"There is no workshop with id {workshop_id}.")
    participants = rows(ParticipantPart, "p", "FROM participants p WHERE p.workshop_id = ? ORDER BY p.id")
    for person in participants:
        person["perspectives"] = json.loads(person["perspectives"] or "[]")

    events: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for event in rows(StageEventPart, "e", "FROM stage_events e JOIN stages s ON s.id = e.stage_id "
                      "WHERE s.workshop_id = ? ORDER BY e.id", extra=", e.stage_id AS owner"):  # fmt: skip
        events[event.pop("owner")].append(event)
    stages = rows(StagePart, "s", "FROM stages s WHERE s.workshop_id = ? ORDER BY s.id")
    for stage in stages:
        stage["settings"], stage["results"] = json.loads(stage["settings"] or "{}"), json.loads(stage["results"] or "{}")
        stage["events"] = events[stage["id"]]
    secret = {stage["id"] for stage in stages if is_secret(stage["settings"])}

    dots = rows(DotPart, "v", "FROM votes v JOIN stages s ON s.id = v.stage_id WHERE s.workshop_id = ? "
                "ORDER BY v.stage_id, v.id")  # fmt: skip
    for dot in dots:
        if dot["stage_id"] in secret:
            dot.update(participant_id=None, entered_by="", created_at="")
    # Within a secret vote, by what the dots were given to; otherwise in the order they were given.
    dots.sort(key=lambda d: (d["stage_id"], d["candidate_kind"], d["candidate_id"]) if d["stage_id"] in secret
              else (d["stage_id"],))  # fmt: skip

    links: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for link in store._rows(
        "SELECT l.decision_id, l.idea_id, l.theme_id FROM decision_links l JOIN decisions d ON d.id = l.decision_id "
        "WHERE d.workshop_id = ? ORDER BY l.id",
        (workshop_id,),
    ):
        if link["idea_id"] is not None:
            links[link["decision_id"]][0].append(link["idea_id"])
        if link["theme_id"] is not None:
            links[link["decision_id"]][1].append(link["theme_id"])
    dissent: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in rows(DissentPart, "x", "FROM dissents x JOIN decisions d ON d.id = x.decision_id "
                     "WHERE d.workshop_id = ? ORDER BY x.id", extra=", x.decision_id AS owner"):  # fmt: skip
        dissent[item.pop("owner")].append(item)
    decisions = rows(
        DecisionPart, "d",
        "FROM decisions d LEFT JOIN decisions old ON old.id = d.supersedes_id "
        "LEFT JOIN decisions new ON new.id = d.superseded_by_id WHERE d.workshop_id = ? ORDER BY d.id",
        extra=", old.uid AS supersedes_uid, new.uid AS superseded_by_uid",
    )  # fmt: skip
    for decision in decisions:
        decision["present"] = json.loads(decision["present"] or "[]")
        decision["idea_ids"], decision["theme_ids"] = links[decision["id"]]
        decision["dissent"] = dissent[decision["id"]]

    updates: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for update in rows(ActionUpdatePart, "u", "FROM action_updates u JOIN actions a ON a.id = u.action_id "
                       "WHERE a.workshop_id = ? ORDER BY u.id", extra=", u.action_id AS owner"):  # fmt: skip
        updates[update.pop("owner")].append(update)
    actions = rows(ActionPart, "a", "FROM actions a WHERE a.workshop_id = ? ORDER BY a.id")
    for action in actions:
        action["updates"] = updates[action["id"]]

    return WorkshopRecord.model_validate(
        {
            "workshop": found[0],
            "participants": participants,
            "stages": stages,
            "themes": rows(ThemePart, "t", "FROM themes t WHERE t.workshop_id = ? ORDER BY t.id"),
            "ideas": rows(IdeaPart, "i", "FROM ideas i WHERE i.workshop_id = ? ORDER BY i.id"),
            "dots": dots,
            "decisions": decisions,
            "actions": actions,
            "feedback": rows(
                FeedbackPart, "f",
                "FROM feedback_items f LEFT JOIN workshops w ON w.id = f.source_workshop_id "
                "WHERE f.workshop_id = ? ORDER BY f.id",
                extra=", w.uid AS source_workshop_uid",
            ),  # fmt: skip
            # The check-out is anonymous: listed by value and score, never in the order people gave them.
            "values_scores": rows(
                ValuesScorePart, "v",
                "FROM values_scores v WHERE v.workshop_id = ? ORDER BY coalesce(v.stage_id, 0), v.value, v.score, v.id",
            ),  # fmt: skip
        }
    )


def export_json(store, workshop_id: int, *, include_private: bool = False) -> str:
    """The workshop as JSON text: the same record always gives the same bytes.

    By default the file follows each person's attribution preference, as the minutes do: only
    people who chose to be named keep their names, and nobody's support needs leave the machine.
    ``include_private`` keeps everything, for moving a workshop to another computer.
    """
    record = load_record(store, workshop_id)
    if not include_private:
        refuse_unrevealed_secret_votes(record, workshop_id)
        record = withhold_private_details(record)
    return record.model_dump_json(indent=2) + "\n"


def refuse_unrevealed_secret_votes(record: WorkshopRecord, workshop_id: int) -> None:
    """Refuse to share dots nobody in the room has seen yet: a secret vote's totals wait for its reveal.

    A secret vote with no dots yet has nothing to give away, so a planned workshop can still be shared.
    A move to another computer (``include_private``) carries them, as it carries everything else.
    """
    with_dots = {dot.stage_id for dot in record.dots}
    for stage in record.stages:
        if (stage.kind == StageKind.VOTE and is_secret(stage.settings) and not stage.revealed
                and stage.id in with_dots):  # fmt: skip
            raise RuleBroken(
                f"Workshop {workshop_id} has a secret vote that is not revealed yet "
                f"(stage {stage.position} \u201c{stage.title}\u201d); reveal it first, or use "
                "--include-private to move the whole workshop to another computer."
            )


def withhold_private_details(record: WorkshopRecord) -> WorkshopRecord:
    """Replace the names of people who did not choose to be named, and drop support needs."""
    people = []
    for number, person in enumerate(record.participants, start=1):
        named = person.attribution == Attribution.NAMED and not person.forgotten
        people.append(
            person.model_copy(
                update={
                    "name": person.name if named else ("" if person.forgotten else f"Participant {number}"),
                    "support_needs": "",
                }
            )
        )
    return record.model_copy(update={"participants": people})


# --- Import ---------------------------------------------------------------------------------------


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
            )  # fmt: skip
            for a in record.actions
        }
        self.insert_many(
            "action_updates", [{"action_id": actions[a.id], **_row(u)} for a in record.actions for u in a.updates]
        )
        for item in record.feedback:
            source_id = None
            if item.source_workshop_uid is not None:
                source_id = store._value("SELECT id FROM workshops WHERE uid = ?", (item.source_workshop_uid,))
            values = _row(
                item, "source_workshop_uid", stage_id=_get(stages, item.stage_id), source_workshop_id=source_id
            )
            self.insert("feedback_items", {**own, **values})
        self.insert_many(
            "values_scores", [{**own, **_row(s, stage_id=_get(stages, s.stage_id))} for s in record.values_scores]
        )
        return store.workshop(workshop_id)

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
                d, "supersedes_uid", "superseded_by_uid", "idea_ids", "theme_ids", "dissent",
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
