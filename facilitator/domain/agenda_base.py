"""What every agenda stage is made of: cleaned text fields, minutes, and the base stage models.

Shared by ``agenda.py`` (the agenda and the first kinds of stage) and ``agenda_kinds.py`` (the
ladder, score and checkin stages). Field problems are worded as predicates ("must be ...") so the
loader can put the file, the stage and the field in front of them.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo

from facilitator.domain.errors import InvalidText
from facilitator.domain.models import StageKind
from facilitator.domain.text import LONG_TEXT, SHORT_TEXT, clean_text, strip_controls

PROMPT_TEXT = 500
MAX_MINUTES = 480


def _describe(value: object) -> str:
    """How a wrong value reads in a message: short, one line, no control characters."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = strip_controls(value)
        shown = shown if len(shown) <= 30 else shown[:29] + "…"
        return f'text "{shown}"'
    if isinstance(value, (int, float)):
        return str(value)
    return {dict: "a table", list: "a list"}.get(type(value), f"a {type(value).__name__}")


def _cleaner(max_length: int, *, multiline: bool = False, required: bool = True):
    """A before-validator that runs ``clean_text`` and reports problems as the field's predicate."""

    def clean(value: object, info: ValidationInfo) -> str:
        field = info.field_name or "text"
        if value is not None and not isinstance(value, str):
            raise ValueError(f"must be text, not {_describe(value)}")
        try:
            return clean_text(value, field, max_length=max_length, multiline=multiline, required=required)
        except InvalidText as error:
            message = str(error).rstrip(".")
            prefix = f"The {field} "
            raise ValueError(message.removeprefix(prefix)) from None

    return BeforeValidator(clean)


ShortText = Annotated[str, _cleaner(SHORT_TEXT)]
LongText = Annotated[str, _cleaner(LONG_TEXT, multiline=True, required=False)]
Prompt = Annotated[str, _cleaner(PROMPT_TEXT, required=False)]
RequiredPrompt = Annotated[str, _cleaner(PROMPT_TEXT)]
Minutes = Annotated[int, Field(strict=True, ge=1, le=MAX_MINUTES)]
Flag = Annotated[bool, Field(strict=True)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _StageBase(_Model):
    title: ShortText
    minutes: Minutes

    @property
    def stage_kind(self) -> StageKind:
        return StageKind(self.kind)  # type: ignore[attr-defined]

    def settings(self) -> dict[str, Any]:
        """The kind-specific settings (every field but kind, title and minutes), JSON-able."""
        return self.model_dump(mode="json", exclude={"kind", "title", "minutes"})


class _PromptStage(_StageBase):
    prompt: Prompt = ""
