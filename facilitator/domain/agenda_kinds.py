"""The agenda stages for the guidance's other methods: ``ladder``, ``score`` and ``checkin``.

Their settings are ordinary pydantic fields with descriptions, so a form can be built from them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from facilitator.domain.agenda_base import Flag, Prompt, ShortText, _cleaner, _PromptStage
from facilitator.domain.checkin import LOW_WORDS
from facilitator.domain.ladders import DEFAULT_LADDER, MAX_RUNGS, ladder_of, load_ladder


class LadderStage(_PromptStage):
    """Each person privately places where we are now and where we want to be on a ladder; the two
    distributions are revealed together. Name a shipped ladder, or spell out your own rungs."""

    kind: Literal["ladder"]
    prompt: Prompt = Field("Where are we now on the ladder, and where do we want to be?",
                           description="The question shown to the room and on phones.")
    ladder: ShortText = Field(DEFAULT_LADDER, description=(
        "A shipped ladder: co-production (TLAP/NCAG, 7 rungs) or participation-jigsaw (5 pieces); "
        "with your own rungs below, the name of your ladder."))
    rungs: Annotated[tuple[ShortText, ...], Field(max_length=MAX_RUNGS, description=(
        "Your own ladder's rungs, lowest first (leave empty to use a shipped ladder)."))] = ()
    rung_definitions: Annotated[tuple[Prompt, ...], Field(max_length=MAX_RUNGS, description=(
        "A plain definition for each of your own rungs, in the same order (optional)."))] = ()
    attribution: Prompt = Field("", description="Who made your own ladder, shown with it.")

    @model_validator(mode="after")
    def _a_ladder_to_stand_on(self) -> LadderStage:
        if self.rungs:
            if len(self.rungs) < 2:
                raise ValueError("rungs needs at least 2 rungs, lowest first")
            if len(self.rung_definitions) > len(self.rungs):
                raise ValueError("rung_definitions has more items than rungs")
        else:
            if self.rung_definitions:
                raise ValueError("rung_definitions needs rungs of your own to define")
            try:
                load_ladder(self.ladder)
            except ValueError as error:
                raise ValueError(f"ladder {error}") from None
        return self

    def settings(self) -> dict[str, Any]:
        # The whole ladder travels with the stage, so the record reads the same if a file changes.
        ladder = ladder_of(super().settings())
        return {"prompt": self.prompt, **ladder.settings()}


class ScoreStage(_PromptStage):
    """A scoring panel (tenders, interviews): each member scores each candidate 0-5 on each
    criterion, privately; revealed together, with the spread on each criterion shown so the panel
    can talk it through and record a moderated score with a reason."""

    kind: Literal["score"]
    prompt: Prompt = Field("Score each candidate from 0 to 5 on each criterion. Scores stay hidden until revealed.",
                           description="What the panel is asked.")
    criteria: Annotated[tuple[ShortText, ...], Field(min_length=1, max_length=12, description=(
        "What each candidate is scored on, one line each."))]
    weights: Annotated[tuple[Annotated[int, Field(strict=True, ge=1, le=10)], ...], Field(max_length=12, description=(
        "How much each criterion counts, 1-10, in the same order (leave empty: all count the same)."))] = ()
    candidates: Annotated[tuple[ShortText, ...], Field(min_length=1, max_length=30, description=(
        "Who or what is scored: bids, applicants, options."))]
    names_in_minutes: Flag = Field(True, description=(
        'false: the minutes say "Candidate A", "Candidate B" instead of the names.'))
    discuss_spread: Annotated[int, Field(strict=True, ge=1, le=5, description=(
        "Marks this far apart (highest minus lowest) are flagged for the panel to talk through."))] = 2

    @model_validator(mode="after")
    def _a_weight_for_each_criterion(self) -> ScoreStage:
        if self.weights and len(self.weights) != len(self.criteria):
            raise ValueError(
                f"weights has {len(self.weights)} items but there are {len(self.criteria)} criteria;"
                " give one weight per criterion, or none"
            )
        return self


class CheckinStage(_PromptStage):
    """How people are arriving, in a word or a colour (green, amber, red), private and shown only
    as counts; optionally how they are leaving, with a quiet prompt for the facilitator's own
    screen when someone leaves low."""

    kind: Literal["checkin"]
    prompt: Prompt = Field("How are you arriving today? One word, or a colour: green, amber or red.",
                           description="The arriving question.")
    leaving: Flag = Field(False, description='true: also ask "How are you leaving?" at the end of the stage.')
    leaving_prompt: Prompt = Field("How are you leaving? One word, or a colour: green, amber or red.",
                                   description="The leaving question.")
    low_words: Annotated[tuple[Annotated[str, _cleaner(40)], ...], Field(max_length=40, description=(
        "Words that mean someone is leaving low (red always does); the facilitator is prompted privately."))] = LOW_WORDS


_KIND_MODELS = {"ladder": LadderStage, "score": ScoreStage, "checkin": CheckinStage}


def kind_settings_problem(kind: str, settings: dict[str, Any]) -> str | None:
    """What is wrong with a ladder, score or checkin stage's settings (from an imported file), or None."""
    from pydantic import ValidationError

    model = _KIND_MODELS.get(kind)
    if model is None:
        return None
    try:
        model.model_validate({**settings, "kind": kind, "title": "stage", "minutes": 1})
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = " ".join(str(part) for part in first["loc"])
        return f"{where}: {first['msg']}" if where else str(first["msg"])
    return None
