"""The agenda schema read as a form: which kinds of stage there are, and each one's fields.

The agenda editor builds its forms from here, never from a list of its own, so a new kind of
stage (or a new setting on a kind) appears in the editor as soon as it is in ``domain/agenda.py``:

- the kinds are the members of ``AgendaStage``, the discriminated union the loader checks against;
- each field's type decides how it is edited (``FieldSpec.how``): text, long text (several
  lines), a whole number, yes/no, a choice from an enum or ``Literal``, "a whole number or a
  word" (``dots_per_person = "auto"``), or a list written one item per line. A field of any other
  shape is kept exactly as it was (``"kept"``) and shown, not edited;
- the label is the field's name in words, and the help line is the field's ``description``.

``check_agenda`` applies the same rules as ``facilitator agendas check`` (the same pydantic
model) and says every problem, each as one sentence naming the stage by number and title.
"""

from __future__ import annotations

import enum
import re
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from facilitator.domain.agenda import Agenda, AgendaStage, LongText, describe_validation_error

# Help for the settings of the first kinds, which were written before fields had descriptions.
# A field's own ``description`` (as the newer kinds give) comes first.
HELP = {
    "title": "What the stage is called on the agenda and in the minutes.",
    "minutes": "How long the stage is planned to take.",
    "text": "Shown to the room during the stage.",
    "prompt": "The question or instruction shown to the room.",
    "silent": "Ideas stay hidden until the facilitator reveals them.",
    "round": "Each person in turn, with the right to pass.",
    "allow_anonymous": "People may give ideas without their name.",
    "dots_per_person": 'A whole number, or "auto": the number of options divided by 3.',
    "max_per_candidate": "The most dots one person may put on one option.",
    "secret": "Votes stay hidden until they are revealed all at once.",
    "values": "What the check-out scores, one per line (the Five Values unless changed).",
    "name": "What the agenda is called when starting a workshop.",
    "description": "What the agenda is for, in a sentence or two.",
    "involvement": "Which kind of involvement workshops from this agenda are.",
}
# What the first kinds are for, in plain words (the newer kinds say it in their docstrings).
KINDS_IN_WORDS = {
    "welcome": "Welcome and ground rules: text shown to the room.",
    "break": "A break, with text shown to the room.",
    "ideas": "Everyone offers ideas: silently, or in a round with the right to pass.",
    "group": "Group the ideas into themes.",
    "vote": "An equal dot vote, secret until revealed.",
    "decide": "Record decisions: what, why, who was here, any dissent.",
    "actions": "Record actions: who does what, by when.",
    "feedback": "\u201cYou said, we did\u201d: a reply to every piece of feedback.",
    "evaluate": "An anonymous check-out scored against the Five Values.",
}
NEW_STAGE_MINUTES = 10
_SOURCE = "agenda"
_STAGE_PREFIX = re.compile(rf"^{_SOURCE}: stage (?P<number>\d+)(?: \((?P<kind>[^)]*)\))?: (?P<rest>.*)$", re.DOTALL)


@dataclass(frozen=True)
class FieldSpec:
    """How one field is edited. ``how``: text, long, whole, flag, choice, whole_or_word, lines, kept."""

    name: str
    how: str
    label: str
    help: str
    required: bool
    default: Any = None
    choices: tuple[str, ...] = ()
    whole_items: bool = False  # lines: each item is a whole number


def stage_models() -> dict[str, type[BaseModel]]:
    """Every kind of stage, by its ``kind`` name, in the order the schema lists them."""
    union = get_args(AgendaStage)[0]
    models: dict[str, type[BaseModel]] = {}
    for model in get_args(union):
        (kind,) = get_args(model.model_fields["kind"].annotation)
        models[kind] = model
    return models


def about_kind(kind: str) -> str:
    """What a kind is for: in our words, else the first sentence of its docstring ("" if none)."""
    if kind in KINDS_IN_WORDS:
        return KINDS_IN_WORDS[kind]
    doc = (stage_models()[kind].__doc__ or "").replace("``", "")
    first = " ".join(doc.strip().split("\n\n")[0].split())
    return first.split(". ")[0].rstrip(".") + "." if first else ""


def stage_fields(kind: str) -> list[FieldSpec]:
    """The fields of one kind of stage, in the schema's order (title and minutes first)."""
    return model_fields(stage_models()[kind], skip=("kind",))


def agenda_fields() -> list[FieldSpec]:
    """The agenda's own fields (name, description, involvement); its stages are edited apart."""
    return model_fields(Agenda, skip=("stages",))


def model_fields(model: type[BaseModel], skip: tuple[str, ...] = ()) -> list[FieldSpec]:
    return [_spec(name, info) for name, info in model.model_fields.items() if name not in skip]


def _spec(name: str, info: FieldInfo) -> FieldSpec:
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    words = name.replace("_", " ")
    base: dict[str, Any] = {"name": name, "label": words[:1].upper() + words[1:], "default": default,
                            "help": info.description or HELP.get(name, ""), "required": info.is_required()}
    annotation = _bare(info.annotation)
    if annotation is bool:
        return FieldSpec(how="flag", **base)
    if annotation is int:
        return FieldSpec(how="whole", **base)
    if annotation is str:
        long = any(mark in info.metadata for mark in get_args(LongText)[1:])
        return FieldSpec(how="long" if long else "text", **base)
    choices = _choices(annotation)
    if choices:
        return FieldSpec(how="choice", choices=choices, **base)
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        members = [_bare(member) for member in get_args(annotation)]
        if int in members and all(member is int or _choices(member) for member in members):
            return FieldSpec(how="whole_or_word", **base)
    if origin in (tuple, list):
        items = [_bare(item) for item in get_args(annotation) if item is not Ellipsis]
        if len(items) == 1 and items[0] in (str, int):
            return FieldSpec(how="lines", whole_items=items[0] is int, **base)
    return FieldSpec(how="kept", **base)


def _bare(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _choices(annotation: Any) -> tuple[str, ...]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return tuple(str(member.value) for member in annotation)
    if get_origin(annotation) is Literal and all(isinstance(arg, str) for arg in get_args(annotation)):
        return tuple(get_args(annotation))
    return ()


# --- Values in a form and back --------------------------------------------------------------------


def as_text(spec: FieldSpec, value: Any) -> str:
    """A field's value as it is shown in its box (lists one item per line)."""
    if value is None:
        return ""
    if spec.how == "lines":
        return "\n".join(str(item) for item in value)
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _number_or_text(text: str) -> int | str:
    text = text.strip()
    return int(text) if re.fullmatch(r"[+-]?\d{1,9}", text) else text


def from_text(spec: FieldSpec, text: str) -> Any:
    """What a box holds as the field's value, for the schema to check (a word in a number box stays
    a word, so the check can say what is wrong with it)."""
    if spec.how == "whole":
        return _number_or_text(text) if text.strip() else None
    if spec.how == "whole_or_word":
        return _number_or_text(text)
    if spec.how == "lines":
        items = [line.strip() for line in text.splitlines() if line.strip()]
        return [_number_or_text(item) for item in items] if spec.whole_items else items
    return text


def new_stage(kind: str) -> dict[str, Any]:
    """A stage of ``kind`` as the editor adds it: the kind's defaults, titled by its kind."""
    stage: dict[str, Any] = {"kind": kind}
    for spec in stage_fields(kind):
        if spec.name == "title":
            stage["title"] = kind.replace("_", " ").capitalize()
        elif spec.name == "minutes":
            stage["minutes"] = NEW_STAGE_MINUTES
        elif not spec.required:
            stage[spec.name] = spec.default.value if isinstance(spec.default, enum.Enum) else spec.default
    return stage


def stage_data(agenda: Agenda) -> list[dict[str, Any]]:
    """The agenda's stages as plain values the editor changes (every field, kind first)."""
    return [stage.model_dump(mode="json") for stage in agenda.stages]


# --- Checking -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    sentence: str
    stage: int | None = None  # counted from 1
    field: str | None = None


def check_agenda(details: dict[str, Any], stages: list[dict[str, Any]]) -> tuple[Agenda | None, list[Problem]]:
    """The agenda, or every problem ``agendas check`` would find in it, each one sentence."""
    try:
        return Agenda.model_validate({**details, "stages": stages}), []
    except ValidationError as error:
        return None, [_problem(error, line, stages) for line in error.errors(include_url=False)]


def check_stage(stage: dict[str, Any], number: int) -> list[Problem]:
    """The problems in one stage on its own (what its form can show before it closes)."""
    model = stage_models()[stage["kind"]]
    try:
        model.model_validate(stage)
    except ValidationError as error:
        stages = [{"title": ""}] * (number - 1) + [stage]
        return [_problem(error, {**line, "loc": ("stages", number - 1, stage["kind"], *line["loc"])}, stages)
                for line in error.errors(include_url=False)]
    return []


def _problem(error: ValidationError, line: dict[str, Any], stages: list[dict[str, Any]]) -> Problem:
    single = {key: line[key] for key in ("type", "loc", "input", "ctx") if key in line}
    sentence = describe_validation_error(ValidationError.from_exception_data(error.title, [single]), _SOURCE)
    loc = line["loc"]
    field = str(loc[3]) if len(loc) > 3 and loc[0] == "stages" else (str(loc[0]) if len(loc) == 1 else None)
    match = _STAGE_PREFIX.match(sentence)
    if match is None:
        rest = sentence.removeprefix(f"{_SOURCE}: ")
        return Problem(rest[:1].upper() + rest[1:], field=field)
    number = int(match["number"])
    title = stages[number - 1].get("title") if 0 < number <= len(stages) else None
    named = f"Stage {number}" + (f" \u201c{title}\u201d" if isinstance(title, str) and title.strip() else "")
    if match["kind"]:
        named += f" ({match['kind']})"
    return Problem(f"{named}: {match['rest']}", stage=number, field=field)
