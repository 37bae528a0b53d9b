"""Agenda templates: a TOML file of timed stages, validated before any workshop uses it.

``load_agenda_file`` turns every problem (missing file, bad TOML, an unknown field, a number out of
range) into one ``AgendaError`` whose message is a single sentence naming the file, the stage and
the field, e.g. ``agendas/x.toml: stage 3 (vote): dots_per_person must be at least 1.``
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from facilitator import paths
from facilitator.domain.agenda_base import (  # noqa: F401 (names other modules import from here)
    MAX_MINUTES,
    PROMPT_TEXT,
    Flag,
    LongText,
    Minutes,
    Prompt,
    RequiredPrompt,
    ShortText,
    _cleaner,
    _describe,
    _Model,
    _PromptStage,
    _StageBase,
)
from facilitator.domain.agenda_kinds import CheckinStage, LadderStage, ScoreStage
from facilitator.domain.checkout import MAX_VALUES, VALUE_TEXT, same_value_key
from facilitator.domain.errors import AgendaError
from facilitator.domain.files import read_text_file
from facilitator.domain.involvement import names_a_kind
from facilitator.domain.models import FIVE_VALUES, Involvement, StageKind
from facilitator.domain.text import strip_controls

MAX_DOTS = 20
MAX_FILE_BYTES = 1_000_000


class _TextStage(_StageBase):
    text: LongText = ""  # shown to the room: ground rules, what happens next


class WelcomeStage(_TextStage):
    kind: Literal["welcome"]


class BreakStage(_TextStage):
    kind: Literal["break"]


class GroupStage(_PromptStage):
    kind: Literal["group"]


class DecideStage(_PromptStage):
    kind: Literal["decide"]


class ActionsStage(_PromptStage):
    kind: Literal["actions"]


class FeedbackStage(_PromptStage):
    kind: Literal["feedback"]  # "You said, we did": every piece of feedback gets a reply


ValueName = Annotated[str, _cleaner(VALUE_TEXT)]


class EvaluateStage(_PromptStage):
    """An anonymous check-out scored against ``values`` (the Five Values by default).

    Each value is scored on its own line and averaged by name in the minutes, so two values that
    differ only in capitals or spaces would split one value's scores: they are refused.
    """

    kind: Literal["evaluate"]
    values: Annotated[tuple[ValueName, ...], Field(min_length=1, max_length=MAX_VALUES)] = FIVE_VALUES

    @field_validator("values")
    @classmethod
    def _each_value_once(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        seen: dict[str, int] = {}
        for number, value in enumerate(values, start=1):
            key = same_value_key(value)
            if key in seen:
                raise ValueError(
                    f'item {number} ("{value}") repeats item {seen[key]}; list each value once'
                )
            seen[key] = number
        return values


class IdeasStage(_StageBase):
    """Everyone offers ideas. ``silent``: hidden until revealed. ``round``: each person in turn."""

    kind: Literal["ideas"]
    prompt: RequiredPrompt
    silent: Flag = False
    round: Flag = False
    allow_anonymous: Flag = True


def _dots(value: object) -> object:
    if value == "auto" and isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f'must be a whole number or "auto", not {_describe(value)}')
    if not 1 <= value <= MAX_DOTS:
        raise ValueError("must be at least 1" if value < 1 else f"must be at most {MAX_DOTS}")
    return value


class VoteStage(_StageBase):
    """Equal dot vote. ``dots_per_person="auto"`` means options ÷ 3, between 1 and 20."""

    kind: Literal["vote"]
    prompt: Prompt = ""
    dots_per_person: Annotated[Literal["auto"] | int, BeforeValidator(_dots)] = "auto"
    max_per_candidate: Annotated[int, Field(strict=True, ge=1)] = 3
    secret: Flag = True
    # How many the vote chooses ("top 3"): a tie across that line is offered a run-off.
    choose: Annotated[int, Field(strict=True, ge=1, le=50)] = 1

    @model_validator(mode="before")
    @classmethod
    def _default_cap_within_budget(cls, data: Any) -> Any:
        # The default cap of 3 shrinks to fit a smaller fixed budget; an explicit cap is checked.
        if isinstance(data, dict) and "max_per_candidate" not in data:
            dots = data.get("dots_per_person")
            if isinstance(dots, int) and not isinstance(dots, bool) and 1 <= dots < 3:
                data = {**data, "max_per_candidate": dots}
        return data

    @field_validator("max_per_candidate")
    @classmethod
    def _not_above_budget(cls, value: int, info: ValidationInfo) -> int:
        dots = info.data.get("dots_per_person")
        if isinstance(dots, int) and value > dots:
            raise ValueError(f"({value}) cannot be more than dots_per_person ({dots})")
        return value


_STAGE_MODELS: dict[str, type[_StageBase]] = {
    "welcome": WelcomeStage, "break": BreakStage, "ideas": IdeasStage, "group": GroupStage,
    "vote": VoteStage, "decide": DecideStage, "actions": ActionsStage,
    "feedback": FeedbackStage, "evaluate": EvaluateStage, "ladder": LadderStage, "score": ScoreStage,
    "checkin": CheckinStage,
}  # fmt: skip

AgendaStage = Annotated[
    Union[WelcomeStage, BreakStage, IdeasStage, GroupStage, VoteStage, DecideStage, ActionsStage,
          FeedbackStage, EvaluateStage, LadderStage, ScoreStage, CheckinStage],
    Field(discriminator="kind"),
]  # fmt: skip


class Agenda(_Model):
    name: ShortText
    description: LongText = ""
    involvement: Involvement = Involvement.CO_PRODUCTION
    stages: Annotated[list[AgendaStage], Field(min_length=1)]

    @model_validator(mode="after")
    def _votes_follow_ideas(self) -> Agenda:
        seen_ideas = False
        for number, stage in enumerate(self.stages, start=1):
            if stage.kind == "ideas":
                seen_ideas = True
            elif stage.kind == "vote" and not seen_ideas:
                raise ValueError(
                    f"stage {number} (vote): a vote must come after at least one ideas stage,"
                    " so there is something to vote on"
                )
        return self

    @model_validator(mode="after")
    def _welcome_names_no_kind(self) -> Agenda:
        # The welcome says which kind of involvement it is from each workshop's own record: an
        # agenda used for an "involvement" workshop must not tell the room it is co-production.
        for number, stage in enumerate(self.stages, start=1):
            if stage.kind == "welcome" and (said := names_a_kind(stage.text)):
                raise ValueError(
                    f"stage {number} (welcome): its text says \u201c{said}\u201d; leave the kind of involvement "
                    "out, as the welcome says it from each workshop's own kind"
                )
        return self

    @property
    def total_minutes(self) -> int:
        return sum(stage.minutes for stage in self.stages)


# --- Turning pydantic's errors into one sentence -------------------------------------------------

_KINDS = ", ".join(kind.value for kind in StageKind)
_TYPE_WORDS = {"int_type": "a whole number", "int_parsing": "a whole number",
               "int_from_float": "a whole number", "bool_type": "true or false",
               "bool_parsing": "true or false", "string_type": "text"}  # fmt: skip


def _fields_of(model: type[BaseModel]) -> str:
    return ", ".join(sorted(model.model_fields, key=lambda name: name != "kind"))


def _problem(error: dict[str, Any], field: str, model: type[BaseModel]) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if field == "stages" and kind in ("missing", "too_short"):
        return "an agenda needs at least one stage ([[stages]])"
    if kind == "missing":
        return f"{field} is required"
    if kind == "extra_forbidden":
        return f'unknown field "{strip_controls(field)}" (allowed: {_fields_of(model)})'
    if kind in _TYPE_WORDS:
        return f"{field} must be {_TYPE_WORDS[kind]}, not {_describe(value)}"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{field} must be at least {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{field} must be at most {ctx.get('le', ctx.get('lt'))}"
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"{field} must be one of {expected}, not {_describe(value)}"
    if kind in ("list_type", "tuple_type"):
        return f"{field} must be a list, not {_describe(value)}"
    if kind == "too_short":
        return f"{field} cannot be empty" if ctx.get("min_length") == 1 else f"{field} is too short"
    if kind == "too_long":
        return f"{field} can have at most {ctx.get('max_length')} items"
    if kind == "value_error":
        predicate = str(ctx.get("error", error["msg"]))
        return f"{field} {predicate}" if field else predicate
    message = " ".join(str(error["msg"]).split())
    return f"{field}: {message}" if field else message


def describe_validation_error(error: ValidationError, source: str) -> str:
    """One sentence for the first problem in ``error``, naming ``source``, the stage and field."""
    first = error.errors(include_url=False)[0]
    loc = list(first["loc"])
    where, model = "", Agenda
    if len(loc) >= 2 and loc[0] == "stages" and isinstance(loc[1], int):
        number = loc[1] + 1
        if first["type"] == "union_tag_invalid":
            tag = _describe(first.get("ctx", {}).get("tag", ""))
            return f"{source}: stage {number}: unknown kind {tag.removeprefix('text ')} (allowed: {_KINDS})."
        if first["type"] == "union_tag_not_found":
            return f"{source}: stage {number}: kind is required (one of {_KINDS})."
        if len(loc) == 2:
            return f"{source}: stage {number} must be a table ([[stages]]), not {_describe(first.get('input'))}."
        tag = str(loc[2])
        where, model, loc = f"stage {number} ({tag}): ", _STAGE_MODELS.get(tag, Agenda), loc[3:]
    field = " ".join(str(part) if isinstance(part, str) else f"item {part + 1}" for part in loc)
    if first["type"] == "extra_forbidden" and not where:
        return f'{source}: unknown top-level field "{strip_controls(field)}" (allowed: {_fields_of(Agenda)}).'
    return f"{source}: {where}{_problem(first, field, model)}."


# --- Loading and finding agenda files -------------------------------------------------------------

_TOML_POSITION = re.compile(r"^(?P<what>.*?)\s*\(at (?P<where>line \d+, column \d+|end of document)\)$")


def parse_agenda_toml(text: str, source: str) -> Agenda:
    """Validate agenda TOML ``text``; ``source`` names it in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = " ".join(str(error).split())
        match = _TOML_POSITION.match(message)
        if match:
            what = match["what"][:1].lower() + match["what"][1:]
            raise AgendaError(f"{source}: not valid TOML at {match['where']}: {what}.") from None
        raise AgendaError(f"{source}: not valid TOML: {message}.") from None
    try:
        return Agenda.model_validate(data)
    except ValidationError as error:
        raise AgendaError(describe_validation_error(error, source)) from None


def load_agenda_file(path: Path) -> Agenda:
    """Read and validate one agenda file, or raise ``AgendaError`` with one sentence."""
    text = read_text_file(
        path, error=AgendaError, kind="an agenda file", max_bytes=MAX_FILE_BYTES, missing="no such agenda file"
    )
    return parse_agenda_toml(text, str(path))


def _agenda_files() -> dict[str, Path]:
    """Shipped then user agendas by name (file stem); a user agenda overrides a shipped one."""
    found: dict[str, Path] = {}
    for folder in (paths.shipped_agendas_dir(), paths.user_agendas_dir()):
        try:
            found.update((file.stem, file) for file in sorted(folder.glob("*.toml")) if file.is_file())
        except OSError:
            continue
    return dict(sorted(found.items()))


def agenda_names() -> list[str]:
    return list(_agenda_files())


def find_agenda(name_or_path: str) -> Path:
    """Resolve a shipped or user agenda name (file stem) or a path to an agenda file."""
    files = _agenda_files()
    looks_like_path = "/" in name_or_path or "\\" in name_or_path or name_or_path.endswith(".toml")
    if not looks_like_path and name_or_path in files:
        return files[name_or_path]
    candidate = Path(name_or_path).expanduser()
    if candidate.is_file():
        return candidate
    available = ", ".join(files) if files else "none"
    shown = strip_controls(name_or_path)
    if looks_like_path:
        raise AgendaError(f"{shown}: no such agenda file (agendas available by name: {available}).")
    raise AgendaError(
        f'There is no agenda called "{shown}"; the available agendas are: {available}'
        " (or give the path to a .toml file)."
    )


def list_agendas() -> list[tuple[str, Path, Agenda | AgendaError]]:
    """Every shipped and user agenda, loaded; a broken one comes with its error instead."""
    result: list[tuple[str, Path, Agenda | AgendaError]] = []
    for name, path in _agenda_files().items():
        try:
            result.append((name, path, load_agenda_file(path)))
        except AgendaError as error:
            result.append((name, path, error))
    return result


def stages_from_agenda(agenda: Agenda) -> list[dict[str, Any]]:
    """The agenda's stages in the shape ``Store.create_workshop(stages=...)`` takes."""
    return [
        {"kind": stage.kind, "title": stage.title, "minutes": stage.minutes, "settings": stage.settings()}
        for stage in agenda.stages
    ]
