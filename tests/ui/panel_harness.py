"""A tiny app that mounts one stage panel, and a workshop with every later stage kind in it.

The stage panel tests use this before (and besides) the run screen, so a panel can be tested on
its own: the app holds ``store`` like ``FacilitatorApp`` does, and reloads the panel whenever it
posts ``StagePanel.Changed`` (as the run screen does).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.binding import Binding

import facilitator.ui
from facilitator.domain.models import Participant, Stage, Workshop
from facilitator.storage.store import Store
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.themes import DEFAULT_THEME, THEMES

HOSTILE = [
    "[/b]",
    "[TODO] x",
    "[ @click=app.quit]x",
    "[link='http://x']y",
    "x\\",
    "\x1b[31mred\x1b[0m",
]
# What each hostile string looks like once it has entered the domain (escapes stripped).
HOSTILE_SHOWN = ["[/b]", "[TODO] x", "[ @click=app.quit]x", "[link='http://x']y", "x\\", "red"]

NAMES = ["Aisha Khan", "Ben Carter", "Chloe Evans", "Dev Patel", "Erin Walsh"]


class PanelTestApp(App):
    """Mounts ``panel_type(store, workshop_id, stage_id, presenting=...)`` and nothing else."""

    # The real app's shared styles (dialogs, titles), so what the tests see is what a person sees.
    CSS_PATH = str(Path(facilitator.ui.__file__).parent / "app.tcss")
    # The run screen's reveal key, which asks the panel (``RunScreen``'s Ctrl+R).
    BINDINGS = [Binding("ctrl+r", "reveal", "Reveal", priority=True)]

    def __init__(self, store: Store, panel_type: type[StagePanel], workshop_id: int, stage_id: int,
                 *, presenting: bool = False, typist: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.typist = typist
        self.panel_type = panel_type
        self.workshop_id = workshop_id
        self.stage_id = stage_id
        self.presenting = presenting
        self.changes = 0
        self.animation_level = "none"
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DEFAULT_THEME

    def compose(self) -> ComposeResult:
        yield self.panel_type(self.store, self.workshop_id, self.stage_id, presenting=self.presenting)

    @property
    def panel(self) -> StagePanel:
        return self.query_one(StagePanel)

    def action_reveal(self) -> None:
        self.panel.action_reveal()

    def on_stage_panel_changed(self, message: StagePanel.Changed) -> None:
        self.changes += 1
        self.panel.reload()


@dataclass
class Room:
    workshop: Workshop
    people: list[Participant]
    stages: dict[str, Stage]


def build_room(store: Store, *, names: list[str] = NAMES, ideas: list[str] | None = None,
               themes: dict[str, list[int]] | None = None, vote: dict[str, Any] | None = None,
               series: str = "", title: str = "Safer wards workshop") -> Room:
    """A workshop: ideas, vote, decide, actions, feedback, evaluate; everyone arrived.

    ``themes`` maps a theme name to the indexes of the ideas moved into it.
    """
    settings = {"dots_per_person": 3, "max_per_candidate": 2, "secret": True,
                "prompt": "Which themes should we work on first?"}
    settings.update(vote or {})
    workshop = store.create_workshop(
        title=title, date="2025-03-14", place="Community hall", series=series,
        stages=[
            {"kind": "ideas", "title": "Ideas", "minutes": 10, "settings": {"prompt": "What would help?"}},
            {"kind": "vote", "title": "Dot vote", "minutes": 10, "settings": settings},
            {"kind": "decide", "title": "Decisions", "minutes": 10, "settings": {"prompt": "What do we agree?"}},
            {"kind": "actions", "title": "Actions", "minutes": 10, "settings": {"prompt": "Who will do what?"}},
            {"kind": "feedback", "title": "You said, we did", "minutes": 10, "settings": {}},
            {"kind": "evaluate", "title": "Check-out", "minutes": 10, "settings": {}},
        ],
    )
    people = [store.add_participant(workshop.id, name, ["carer"], "named", arrived=True) for name in names]
    stages = {stage.kind.value: stage for stage in store.stages(workshop.id)}
    texts = ideas if ideas is not None else ["Quiet room", "Peer support", "Evening appointments", "Better food"]
    made = [store.add_idea(stages["ideas"].id, text) for text in texts]
    for name, indexes in (themes or {}).items():
        theme = store.add_theme(workshop.id, name)
        for index in indexes:
            store.move_idea(made[index].id, theme.id)
    store.start_stage(stages["vote"].id)
    stages = {stage.kind.value: stage for stage in store.stages(workshop.id)}
    return Room(workshop=workshop, people=people, stages=stages)


def screen_text(app: App) -> str:
    """Everything on the screen now, as plain text (what a person in the room can read)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())
