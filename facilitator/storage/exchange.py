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
from collections import defaultdict
from typing import Any

from facilitator.domain.attribution import A_PARTICIPANT
from facilitator.domain.errors import NotFound, RuleBroken
from facilitator.domain.models import Attribution, StageKind
from facilitator.domain.record import (
    ActionPart,
    ActionUpdatePart,
    DecisionChangePart,
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
from facilitator.domain.record_json import parse_record
from facilitator.domain.small_groups import merge_small_perspectives
from facilitator.storage.recognition import with_recognition

__all__ = ["MAX_FILE_BYTES", "export_json", "import_file", "import_record", "load_record", "parse_record"]

# Record fields that are not columns of the part's own table (gathered from other tables).
_NOT_COLUMNS = {"events", "idea_ids", "theme_ids", "dissent", "history", "updates", "supersedes_uid", "superseded_by_uid",
                "source_workshop_uid", "source_workshop_title", "source_workshop_date", "source_action_number",
                "source_item_number"}  # fmt: skip
# Where a carried item came from: the workshop as it is here, else as it was when carried; and which
# of that workshop's actions or items it is, counted from 1.
_ORIGIN = (
    ", coalesce(w.uid, f.source_workshop_uid) AS source_workshop_uid, "
    "coalesce(w.title, f.source_workshop_title) AS source_workshop_title, "
    "coalesce(w.date, nullif(f.source_workshop_date, '')) AS source_workshop_date, "
    "nullif((SELECT count(*) FROM actions a JOIN actions o ON o.workshop_id = a.workshop_id AND o.id <= a.id "
    "WHERE a.id = f.source_action_id), 0) AS source_action_number, "
    "nullif((SELECT count(*) FROM feedback_items i JOIN feedback_items o ON o.workshop_id = i.workshop_id "
    "AND o.id <= i.id WHERE i.id = f.source_item_id), 0) AS source_item_number"
)


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
    history: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for change in rows(DecisionChangePart, "h", "FROM decision_history h JOIN decisions d ON d.id = h.decision_id "
                       "WHERE d.workshop_id = ? ORDER BY h.id", extra=", h.decision_id AS owner"):  # fmt: skip
        history[change.pop("owner")].append(change)
    for decision in decisions:
        decision["history"] = history[decision["id"]]
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
                extra=_ORIGIN,
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
    record = with_recognition(store, record) if include_private else withhold_private_details(record)
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
    """Replace the names of people who did not choose to be named, and drop support needs.

    Someone who chose to be anonymous leaves nothing that points back at them: their ideas, dots,
    dissent and actions carry no person, so no perspective, and no time; their place in the list
    has no name and no times of their own (they are listed last, under new numbers, so not even
    the order of arrival is left). Its perspective stays, linked to nothing, so that the counts of
    who came (which the minutes give by perspective) are the same as in the minutes at home.
    """
    hidden = {p.id for p in record.participants if p.attribution == Attribution.ANONYMOUS and not p.forgotten}
    start = record.workshop.created_at
    last = max((p.id for p in record.participants), default=0)
    renumber = {pid: last + n for n, pid in enumerate(sorted(hidden), start=1)}
    people = []
    for number, person in enumerate(record.participants, start=1):
        named = person.attribution == Attribution.NAMED and not person.forgotten
        change: dict[str, Any] = {
            "name": person.name if named else ("" if person.forgotten else f"Participant {number}"),
            "support_needs": "",
        }
        if person.id in hidden:
            change.update(id=renumber[person.id], name="A participant", left_at=None,
                          arrived_at=start if person.arrived_at is not None else None)  # fmt: skip
        people.append(person.model_copy(update=change))
    people.sort(key=lambda p: (p.id in renumber.values(), p.id))
    people = merge_small_perspectives(people)  # a perspective of one or two would single them out
    # Who changed a decision after the day is for this computer's record, not for sharing.
    decisions = [d.model_copy(update={"history": [h.model_copy(update={"changed_by": ""}) for h in d.history]})
                 for d in record.decisions]  # fmt: skip
    if not hidden:
        return record.model_copy(update={"participants": people, "decisions": decisions})

    def mine(participant_id: int | None) -> bool:
        return participant_id is not None and participant_id in hidden

    ideas = [i.model_copy(update={"said_by": None, "created_at": start}) if mine(i.said_by) else i
             for i in record.ideas]  # fmt: skip
    dots = [d.model_copy(update={"participant_id": None, "entered_by": "", "created_at": ""})
            if mine(d.participant_id) else d for d in record.dots]  # fmt: skip
    decisions = [
        d.model_copy(update={
            "present": [renumber.get(p, p) for p in d.present],
            "dissent": [x.model_copy(update={"participant_id": None}) if mine(x.participant_id) else x
                        for x in d.dissent],
        })
        for d in decisions
    ]  # fmt: skip
    actions = [a.model_copy(update={"owner_participant_id": None, "owner_text": A_PARTICIPANT})
               if mine(a.owner_participant_id) else a for a in record.actions]  # fmt: skip
    return record.model_copy(
        update={"participants": people, "ideas": ideas, "dots": dots, "decisions": decisions, "actions": actions}
    )


# The import half lives in its own module; these names stay importable from here.
from facilitator.storage.exchange_import import MAX_FILE_BYTES, import_file, import_record
