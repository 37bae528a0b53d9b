"""Which panel shows which kind of stage.

Panels are named as "module:Class" and imported when first needed, so the run screen does not
load every stage's code up front, and a panel that has not been written yet falls back to a plain
one showing the stage's title and prompt. Only a missing *module* falls back: an error inside a
panel's own code is not hidden.
"""

from __future__ import annotations

import importlib

from textual.app import ComposeResult
from textual.widgets import Static

from facilitator.domain.models import Stage, StageKind
from facilitator.storage.store import Store
from facilitator.ui import text
from facilitator.ui.stages.base import StagePanel

PANELS: dict[StageKind, str] = {
    StageKind.WELCOME: "facilitator.ui.stages.welcome:WelcomePanel",
    StageKind.BREAK: "facilitator.ui.stages.welcome:WelcomePanel",
    StageKind.IDEAS: "facilitator.ui.stages.ideas:IdeasPanel",
    StageKind.GROUP: "facilitator.ui.stages.group:GroupPanel",
    StageKind.VOTE: "facilitator.ui.stages.vote:VotePanel",
    StageKind.DECIDE: "facilitator.ui.stages.decide:DecidePanel",
    StageKind.ACTIONS: "facilitator.ui.stages.actions:ActionsPanel",
    StageKind.FEEDBACK: "facilitator.ui.stages.feedback:FeedbackPanel",
    StageKind.EVALUATE: "facilitator.ui.stages.evaluate:EvaluatePanel",
    StageKind.LADDER: "facilitator.ui.stages.ladder:LadderPanel",
    StageKind.SCORE: "facilitator.ui.stages.score:ScorePanel",
    StageKind.CHECKIN: "facilitator.ui.stages.checkin:CheckinPanel",
}


class PlainStagePanel(StagePanel):
    """The stage's title and prompt: shown for a kind whose panel is not available."""

    DEFAULT_CSS = """
    PlainStagePanel { padding: 1 2; }
    PlainStagePanel #plain-title { text-style: bold; margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="plain-title")
        yield Static(id="plain-prompt")
        yield Static(id="plain-note")

    def reload(self) -> None:
        stage = self.stage
        self.query_one("#plain-title", Static).update(text.plain(stage.title))
        prompt = stage.settings.get("prompt") or stage.settings.get("text") or ""
        self.query_one("#plain-prompt", Static).update(text.plain(prompt))
        self.query_one("#plain-note", Static).update(
            f"This kind of stage ({stage.kind.value}) has no screen of its own yet."
        )


def panel_class(kind: StageKind | str) -> type[StagePanel]:
    """The panel class for a kind of stage; ``PlainStagePanel`` if its module is not there."""
    target = PANELS.get(StageKind(kind))
    if target is None:
        return PlainStagePanel
    module_name, _, class_name = target.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise  # the panel exists but something it imports is missing: a real bug
        return PlainStagePanel
    return getattr(module, class_name)


def make_panel(store: Store, stage: Stage, *, presenting: bool = False) -> StagePanel:
    panel = panel_class(stage.kind)(store, stage.workshop_id, stage.id, presenting=presenting)
    panel.id = f"stage-panel-{stage.id}"
    return panel
