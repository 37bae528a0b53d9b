"""The agenda down the side of the run screen: every stage with its planned and actual times.

The current stage is marked "▶ now" and finished ones "✓ done": a symbol and a word, so nothing
depends on colour. Items are updated in place on every reload (no rebuild, so no flicker).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from facilitator.domain.models import Stage, TimerStatus
from facilitator.ui import text


def clock_time(iso: str | None) -> str:
    """``"10:05"`` from a stored ISO timestamp (the local time it was recorded in); "" if none."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).strftime("%H:%M")
    except ValueError:
        return ""


def stage_state(stage: Stage, current_id: int | None) -> str:
    """``"now"``, ``"done"`` or ``"to come"`` (what the marker says in words)."""
    if stage.id == current_id:
        return "now"
    if stage.ended_at or stage.timer_status is TimerStatus.DONE and stage.started_at:
        return "done"
    return "to come"


_MARKERS = {"now": "\u25b6", "done": "\u2713", "to come": " "}


def describe_stage(stage: Stage, current_id: int | None) -> Content:
    """Marker, position and title; then the state in words, planned minutes and actual times."""
    state = stage_state(stage, current_id)
    start, end = clock_time(stage.started_at), clock_time(stage.ended_at)
    details = [f"{stage.planned_minutes} min"]
    if start:
        details.append(f"{start}\u2013{end}")
    if state != "to come":
        details.insert(0, state)
    return text.join(
        [
            (f"{_MARKERS[state]} {stage.position}. ", "bold"),
            text.one_line(stage.title),
            "\n",
            (" \u00b7 ".join(details), "dim") if state == "to come" else " \u00b7 ".join(details),
        ]
    )


class AgendaItem(Static):
    DEFAULT_CSS = """
    AgendaItem { padding: 0; }
    AgendaItem.-now { background: $accent 30%; text-style: bold; }
    AgendaItem.-done { color: $text-muted; }
    """

    def __init__(self, stage: Stage, current_id: int | None) -> None:
        super().__init__(describe_stage(stage, current_id), id=f"agenda-stage-{stage.id}")
        self.stage_id = stage.id
        self._shown = (stage, current_id)
        self._set_state(stage_state(stage, current_id))

    def show(self, stage: Stage, current_id: int | None) -> None:
        if self._shown == (stage, current_id):
            return
        self._shown = (stage, current_id)
        self.update(describe_stage(stage, current_id))
        self._set_state(stage_state(stage, current_id))

    def _set_state(self, state: str) -> None:
        self.set_class(state == "now", "-now")
        self.set_class(state == "done", "-done")


class AgendaSidebar(VerticalScroll, can_focus=False):
    """``show(stages, current_id)`` updates the list in place."""

    DEFAULT_CSS = """
    AgendaSidebar {
        width: 32;
        height: 1fr;
        padding: 0 1;
        border-right: solid $panel;
        scrollbar-size-vertical: 1;
    }
    AgendaSidebar #agenda-heading { text-style: bold; margin-bottom: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stage_ids: list[int] = []
        self._current_id: int | None = None

    def compose(self) -> ComposeResult:
        yield Static("Agenda", id="agenda-heading")

    def show(self, stages: Sequence[Stage], current_id: int | None) -> None:
        ids = [stage.id for stage in stages]
        if ids != self._stage_ids:
            # The agenda itself changed (rare): rebuild it once.
            self.remove_children(AgendaItem)
            self.mount_all(AgendaItem(stage, current_id) for stage in stages)
            self._stage_ids = ids
        else:
            for item, stage in zip(self.query(AgendaItem), stages):
                item.show(stage, current_id)
        if current_id != self._current_id:
            self._current_id = current_id
            self.call_after_refresh(self._scroll_to_current)

    def _scroll_to_current(self) -> None:
        if self._current_id is None:
            return
        for item in self.query(AgendaItem):
            if item.stage_id == self._current_id:
                self.scroll_to_widget(item, animate=False)
                break
