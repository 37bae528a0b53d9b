"""Checking a workshop record before it is imported: its text, its references, its votes.

Everything here happens before the database is touched, so a bad record changes nothing. Every
problem becomes one ``ImportFileError`` sentence naming the file and the place, for example
``export.json: idea 12 refers to stage 99, which is not in the file.``

Text is cleaned with the same rules and limits the store uses when a person types it, so an
import cannot carry escape sequences or over-long text past the door. And no vote in a record may
give anyone more than the vote's equal budget, or more than its cap on one item.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from facilitator.domain import voting
from facilitator.domain.agenda_kinds import kind_settings_problem
from facilitator.domain.checkout import checkout_values, values_problem
from facilitator.domain.errors import ImportFileError, RuleBroken
from facilitator.domain.models import FIVE_VALUES, FeedbackStatus, StageKind
from facilitator.domain.record import WorkshopRecord
from facilitator.domain.text import LONG_TEXT, SHORT_TEXT, clean_text, strip_controls

NAME_TEXT = 100  # people's names and note-takers' names, as in storage
MID_TEXT = 2000  # decisions, actions, support needs, as in storage
UID_TEXT = 64
SQLITE_MAX_INT = 2**63 - 1
# Unicode "Cc": C0 controls, DEL and C1 controls. Escape sequences start with one of these.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")

# (max length, multiline, required) for each text field, by list; as storage cleans them.
_TEXT_RULES: dict[str, dict[str, tuple[int, bool, bool]]] = {
    "workshop": {"uid": (UID_TEXT, False, True), "title": (SHORT_TEXT, False, True),
                 "purpose": (LONG_TEXT, True, False), "place": (SHORT_TEXT, False, False),
                 "series": (SHORT_TEXT, False, False), "agenda_name": (SHORT_TEXT, False, False),
                 **{f: (SHORT_TEXT, False, False) for f in ("step_free", "hearing_loop", "quiet_room", "bus_stop",
                    "contact_name", "contact_details")}, "access_notes": (LONG_TEXT, True, False),
                 "time_recognised": (LONG_TEXT, True, False)},
    "participants": {"name": (NAME_TEXT, False, True), "support_needs": (MID_TEXT, True, False)},
    "stages": {"title": (SHORT_TEXT, False, True)},
    "events": {"event": (SHORT_TEXT, False, True), "note": (LONG_TEXT, True, False)},
    "themes": {"name": (SHORT_TEXT, False, True)},
    "ideas": {"text": (LONG_TEXT, True, True), "typed_by": (NAME_TEXT, False, False)},
    "dots": {"entered_by": (NAME_TEXT, False, False)},
    "decisions": {"uid": (UID_TEXT, False, True), "statement": (MID_TEXT, True, True),
                  "rationale": (LONG_TEXT, True, False), "decided_by": (SHORT_TEXT, False, False),
                  "supersedes_uid": (UID_TEXT, False, False), "superseded_by_uid": (UID_TEXT, False, False)},
    "dissent": {"text": (LONG_TEXT, True, True)},
    "actions": {"what": (MID_TEXT, True, True), "owner_text": (SHORT_TEXT, False, False)},
    "updates": {"note": (LONG_TEXT, True, False)},
    "history": {"changed_by": (NAME_TEXT, False, False), "old": (MID_TEXT, True, False),
                "new": (MID_TEXT, True, False), "note": (LONG_TEXT, True, False)},
    "feedback": {"said": (LONG_TEXT, True, True), "done": (LONG_TEXT, True, False),
                 "reason": (LONG_TEXT, True, False), "source_workshop_uid": (UID_TEXT, False, False),
                 "source_workshop_title": (SHORT_TEXT, False, False)},
    "values_scores": {"value": (SHORT_TEXT, False, True)},
    "recognition": {"donated_to": (SHORT_TEXT, False, False), "other_note": (SHORT_TEXT, False, False)},
}  # fmt: skip
# Times of day (ISO date and time) and dates (ISO date): (field, required).
_TIMES: dict[str, tuple[tuple[str, bool], ...]] = {
    "workshop": (("created_at", True), ("ended_at", False)),
    "participants": (("arrived_at", False), ("left_at", False)),
    "stages": (("started_at", False), ("ended_at", False)),
    "events": (("at", True),),
    "ideas": (("created_at", True),),
    "dots": (("created_at", False),),
    "decisions": (("created_at", True),),
    "actions": (("created_at", True),),
    "updates": (("at", True),),
    "history": (("at", True),),
}
_DATES: dict[str, tuple[tuple[str, bool], ...]] = {
    "workshop": (("date", True),),
    "decisions": (("review_date", False),),
    "actions": (("due_date", False),),
    "feedback": (("source_workshop_date", False),),
}
_LISTS = ("participants", "stages", "themes", "ideas", "dots", "decisions", "actions", "feedback",
          "values_scores", "recognition")  # fmt: skip
_CHILDREN = {"stages": ("events",), "decisions": ("dissent", "history"), "actions": ("updates",)}
# Text that is a link (a uid) rather than words: empty means no link.
_NULLABLE_TEXT = {"supersedes_uid", "superseded_by_uid", "source_workshop_uid"}
_NOUNS = {"participants": "participant", "stages": "stage", "themes": "theme", "ideas": "idea",
          "decisions": "decision", "actions": "action", "feedback": "feedback item"}  # fmt: skip


def fail(source: str | None, text: str) -> ImportFileError:
    """One sentence, naming the file when there is one."""
    text = text.rstrip(".") + "."
    return ImportFileError(f"{source}: {text}" if source else text[:1].upper() + text[1:])


def describe(value: object) -> str:
    """How a wrong value reads in a message: short, one line, no control characters."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = strip_controls(value)
        return '"' + (shown if len(shown) <= 40 else shown[:39] + "…") + '"'
    if isinstance(value, (int, float)):
        return str(value)
    return {dict: "an object", list: "a list"}.get(type(value), f"a {type(value).__name__}")


# --- Checking a record: text, numbers, references and equal dots ----------------------------------


def check_record(record: WorkshopRecord, source: str | None = None) -> WorkshopRecord:
    """Return ``record`` with every text cleaned, or raise ``ImportFileError`` for the first problem.

    Checks every reference between parts of the record, unique ids, and that no vote in it gives
    anyone more dots than the vote's equal budget or more than its cap on one item.
    """
    data = record.model_dump()
    checker = _Checker(source)
    checker.clean(data)
    checker.check_references(data)
    checker.check_dots(data)
    return WorkshopRecord.model_validate(data)


class _Checker:
    def __init__(self, source: str | None) -> None:
        self.source = source

    def fail(self, text: str) -> ImportFileError:
        return fail(self.source, text)

    # -- cleaning ---------------------------------------------------------------------------

    def clean(self, data: dict[str, Any]) -> None:
        self._clean_part(data["workshop"], "workshop", "workshop")
        for kind in _LISTS:
            for index, part in enumerate(data[kind]):
                where = f"{kind}[{index}]"
                self._clean_part(part, kind, where)
                for child in _CHILDREN.get(kind, ()):
                    for number, item in enumerate(part[child]):
                        self._clean_part(item, child, f"{where}.{child}[{number}]")
        for index, stage in enumerate(data["stages"]):
            stage["settings"] = self._clean_settings(stage["settings"], f"stages[{index}].settings")
            stage["results"] = self._clean_settings(stage.get("results") or {}, f"stages[{index}].results")
        for person in data["participants"]:
            person["perspectives"] = list(dict.fromkeys(person["perspectives"]))
            if person["forgotten"]:
                # Someone asked to be forgotten: their name and needs never travel, whatever the file says.
                person["name"], person["support_needs"] = "", ""

    def _clean_part(self, part: dict[str, Any], kind: str, where: str) -> None:
        for field, (limit, multiline, required) in _TEXT_RULES.get(kind, {}).items():
            value = part[field]
            if value is None:
                continue  # only the optional links (a uid) may be null; pydantic saw to that
            cleaned = _clean(value, multiline)
            if required and not cleaned and not part.get("forgotten"):
                raise self.fail(f"{where}.{field}: cannot be empty")
            if len(cleaned) > limit:
                raise self.fail(
                    f"{where}.{field}: is {len(cleaned):,} characters long; the most allowed is {limit:,}"
                )
            part[field] = None if not cleaned and field in _NULLABLE_TEXT else cleaned
        for field, required in _TIMES.get(kind, ()):
            part[field] = self._when(part[field], f"{where}.{field}", required, datetime.fromisoformat,
                                     "a date and time like 2025-03-01T10:30:00+00:00")  # fmt: skip
        for field, required in _DATES.get(kind, ()):
            part[field] = self._when(part[field], f"{where}.{field}", required, date.fromisoformat,
                                     "a date written as YYYY-MM-DD")  # fmt: skip
        for field in ("position", "planned_minutes", "vote_budget"):
            if isinstance(part.get(field), int) and abs(part[field]) > SQLITE_MAX_INT:
                raise self.fail(f"{where}.{field}: {part[field]} is too large")
        for field in ("timer_left_seconds", "timer_changed_at", "seconds"):
            if isinstance(part.get(field), float) and not math.isfinite(part[field]):
                raise self.fail(f"{where}.{field}: must be a finite number")

    def _when(self, value: str | None, where: str, required: bool, parse, expected: str) -> str | None:
        if value is None and not required:
            return None
        cleaned = _clean(value or "", False)
        if not cleaned:
            if required:
                raise self.fail(f"{where}: cannot be empty")
            # A secret vote's dots have "" for their time (a text field); other optional times are null.
            return "" if where.startswith("dots[") else None
        try:
            parse(cleaned)
        except ValueError:
            raise self.fail(f"{where}: {describe(cleaned)} is not {expected}") from None
        return cleaned

    def _clean_settings(self, value: Any, where: str) -> Any:
        """Stage settings hold agenda text (prompts, values): clean every string in them."""
        if isinstance(value, str):
            cleaned = _clean(value, True)
            if len(cleaned) > LONG_TEXT:
                raise self.fail(f"{where}: is {len(cleaned):,} characters long; the most allowed is {LONG_TEXT:,}")
            return cleaned
        if isinstance(value, list):
            return [self._clean_settings(item, f"{where}[{i}]") for i, item in enumerate(value)]
        if isinstance(value, dict):
            return {
                strip_controls(str(k)): self._clean_settings(v, f"{where}.{strip_controls(str(k))}")
                for k, v in value.items()
            }
        if isinstance(value, float) and not math.isfinite(value):
            raise self.fail(f"{where}: must be a finite number")
        return value

    # -- references -------------------------------------------------------------------------

    def check_references(self, data: dict[str, Any]) -> None:
        ids: dict[str, set[int]] = {}
        for kind, noun in _NOUNS.items():
            seen: set[int] = set()
            for part in data[kind]:
                if part["id"] in seen:
                    raise self.fail(f"there are two {kind.replace('feedback', 'feedback items')} with id {part['id']}")
                seen.add(part["id"])
            ids[kind] = seen
        positions: dict[int, int] = {}
        for stage in data["stages"]:
            if stage["position"] in positions:
                raise self.fail(
                    f"stages {positions[stage['position']]} and {stage['id']} both have position {stage['position']}"
                )
            positions[stage["position"]] = stage["id"]

        def need(value: int | None, kind: str, who: str) -> None:
            if value is not None and value not in ids[kind]:
                raise self.fail(f"{who} refers to {_NOUNS[kind]} {value}, which is not in the file")

        current = data["workshop"]["current_stage_id"]
        if current is not None and current not in ids["stages"]:
            raise self.fail(f"the workshop's current stage is stage {current}, which is not in the file")
        for theme in data["themes"]:
            need(theme["stage_id"], "stages", f"theme {theme['id']}")
        for idea in data["ideas"]:
            who = f"idea {idea['id']}"
            need(idea["stage_id"], "stages", who)
            need(idea["said_by"], "participants", who)
            need(idea["theme_id"], "themes", who)
            if idea["anonymous"] and idea["said_by"] is not None:
                raise self.fail(
                    f"{who} is anonymous but names participant {idea['said_by']}; "
                    "an anonymous idea keeps no reference to the person"
                )
        for index, dot in enumerate(data["dots"]):
            who = f"dots[{index}]"
            need(dot["stage_id"], "stages", who)
            need(dot["participant_id"], "participants", who)
            need(dot["candidate_id"], "themes" if dot["candidate_kind"] == "theme" else "ideas", who)
        uids: dict[str, int] = {}
        for decision in data["decisions"]:
            who = f"decision {decision['id']}"
            if decision["uid"] in uids:
                raise self.fail(f"decisions {uids[decision['uid']]} and {decision['id']} have the same uid")
            uids[decision["uid"]] = decision["id"]
            if decision["uid"] in (decision["supersedes_uid"], decision["superseded_by_uid"]):
                raise self.fail(f"{who} cannot supersede itself")
            need(decision["stage_id"], "stages", who)
            for idea_id in decision["idea_ids"]:
                need(idea_id, "ideas", who)
            for theme_id in decision["theme_ids"]:
                need(theme_id, "themes", who)
            for person in decision["present"]:
                need(person, "participants", f"the list of who was present for {who}")
            for dissent in decision["dissent"]:
                need(dissent["participant_id"], "participants", f"the dissent on {who}")
        for action in data["actions"]:
            need(action["decision_id"], "decisions", f"action {action['id']}")
            need(action["owner_participant_id"], "participants", f"action {action['id']}")
        for item in data["feedback"]:
            need(item["stage_id"], "stages", f"feedback item {item['id']}")
            if item["status"] == FeedbackStatus.NOT_POSSIBLE and not item["reason"]:
                raise self.fail(
                    f'feedback item {item["id"]} is "not possible" but gives no reason; a reason is required'
                )
        for index, score in enumerate(data["values_scores"]):
            need(score["stage_id"], "stages", f"values_scores[{index}]")
        self.check_values_scores(data)

    def check_values_scores(self, data: dict[str, Any]) -> None:
        """Each score is for one of its stage's values, as the store would have required."""
        values: dict[int, tuple[str, ...]] = {}
        for index, stage in enumerate(data["stages"]):
            if problem := kind_settings_problem(stage["kind"], stage["settings"]):
                raise self.fail(f"stages[{index}].settings: {problem}")
            if stage["kind"] == StageKind.EVALUATE:
                if "values" in stage["settings"]:
                    problem = values_problem(stage["settings"]["values"])
                    if problem:
                        raise self.fail(f"stages[{index}].settings.values: {problem}")
                values[stage["id"]] = checkout_values(stage["settings"])
        for index, score in enumerate(data["values_scores"]):
            # A score without a stage, or in a stage that is not a check-out (files from before the
            # store checked), was scored against the Five Values.
            allowed = values.get(score["stage_id"], FIVE_VALUES)
            if score["value"] not in allowed:
                which = "the Five Values" if allowed == FIVE_VALUES else f"the values of stage {score['stage_id']}"
                raise self.fail(
                    f"values_scores[{index}].value: {describe(score['value'])} is not one of {which} "
                    f"({', '.join(allowed)})"
                )

    # -- equal dots ---------------------------------------------------------------------------

    def check_dots(self, data: dict[str, Any]) -> None:
        stages = {stage["id"]: stage for stage in data["stages"]}
        for index, stage in enumerate(data["stages"]):
            if stage["kind"] == StageKind.VOTE:
                self._vote_settings(stage, f"stages[{index}]")
        by_stage: dict[int, list[dict[str, Any]]] = {}
        for index, dot in enumerate(data["dots"]):
            stage = stages[dot["stage_id"]]
            if stage["kind"] != StageKind.VOTE:
                title = f"\u201c{stage['title']}\u201d"
                raise self.fail(f"dots[{index}] is in stage {stage['id']} ({title}), which is not a vote")
            by_stage.setdefault(stage["id"], []).append(dot)
        people = len(data["participants"])
        for stage_id, dots in by_stage.items():
            stage = stages[stage_id]
            name = f"stage {stage_id} (\u201c{stage['title']}\u201d)"
            budget = stage["vote_budget"]
            if budget is None:
                try:
                    budget = voting.resolve_budget(
                        stage["settings"].get("dots_per_person", voting.AUTO), _candidate_count(data, stage)
                    )
                except RuleBroken as error:
                    raise self.fail(f"{name}: {str(error)[:1].lower()}{str(error)[1:]}") from None
            cap = stage["settings"].get("max_per_candidate", voting.DEFAULT_CAP)
            per_person: dict[int, int] = {}
            per_choice: dict[tuple, int] = {}
            per_candidate: dict[tuple, int] = {}
            for dot in dots:
                person, candidate = dot["participant_id"], (dot["candidate_kind"], dot["candidate_id"])
                per_candidate[candidate] = per_candidate.get(candidate, 0) + 1
                if person is None:
                    continue
                per_person[person] = per_person.get(person, 0) + 1
                per_choice[(person, *candidate)] = per_choice.get((person, *candidate), 0) + 1
                if per_person[person] > budget:
                    raise self.fail(f"participant {person} has more dots in {name} than the {budget} each person has")
                if per_choice[(person, *candidate)] > cap:
                    raise self.fail(
                        f"participant {person} has more than {_dots(cap)} on {candidate[0]} {candidate[1]} in {name}, "
                        "the most allowed on one item"
                    )
            # Dots from a secret vote carry no person: the totals still cannot pass what everyone could give.
            if len(dots) > budget * people:
                raise self.fail(
                    f"{name} has {len(dots)} dots, more than its {people} participants could give with {budget} each"
                )
            for (kind, candidate_id), count in per_candidate.items():
                if count > cap * people:
                    raise self.fail(
                        f"{kind} {candidate_id} has {count} dots in {name}, more than {people} participants "
                        f"could give with at most {cap} each"
                    )

    def _vote_settings(self, stage: dict[str, Any], where: str) -> None:
        settings, where = stage["settings"], f"{where}.settings"
        if "secret" in settings and not isinstance(settings["secret"], bool):
            raise self.fail(f"{where}.secret: must be true or false, not {describe(settings['secret'])}")
        cap = settings.get("max_per_candidate", voting.DEFAULT_CAP)
        if isinstance(cap, bool) or not isinstance(cap, int) or cap < 1:
            raise self.fail(f"{where}.max_per_candidate: must be a whole number of at least 1, not {describe(cap)}")
        dots = settings.get("dots_per_person", voting.AUTO)
        if dots != voting.AUTO and (isinstance(dots, bool) or not isinstance(dots, int) or dots < 1):
            raise self.fail(
                f'{where}.dots_per_person: must be "auto" or a whole number of at least 1, not {describe(dots)}'
            )
        if stage["vote_budget"] is not None and stage["vote_budget"] < 1:
            raise self.fail(f"{where[: -len('.settings')]}.vote_budget: must be at least 1, not {stage['vote_budget']}")


def _clean(value: str, multiline: bool) -> str:
    """``clean_text`` without its limits (checked by the caller), quick for text with nothing to strip:
    text with no control character (escapes start with one) only needs trimming, and a large export
    has tens of thousands of such fields."""
    if _CONTROL.search(value) is None:
        return value.strip()
    return clean_text(value, "text", max_length=len(value), multiline=multiline, required=False)


def _dots(count: int) -> str:
    return f"{count} dot" if count == 1 else f"{count} dots"


def _candidate_count(data: dict[str, Any], stage: dict[str, Any]) -> int:
    """How many things a vote offered, as storage counts them: used only when no budget was fixed."""
    earlier = {s["id"] for s in data["stages"] if s["position"] < stage["position"]}
    ideas = [i for i in data["ideas"] if i["stage_id"] in earlier and not i["withdrawn"]]
    themed = {i["theme_id"] for i in ideas if i["theme_id"] is not None}
    return len(themed) + sum(1 for i in ideas if i["theme_id"] is None)
