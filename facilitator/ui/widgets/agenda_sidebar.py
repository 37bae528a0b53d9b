"""The agenda down the side of the run screen: every stage with its planned and actual times.

The current stage is marked "▶ now" and finished ones "✓ done": a symbol and a word, so nothing
depends on colour. Items are updated in place on every reload (no rebuild, so no flicker).

On a narrow screen (a zoomed-in projector at 80 columns) the agenda folds to its stage numbers,
"▶ 7", "✓ 6", one a line (``numbers_only``), and leaves the room to the stage; the stage's title
is in the line above the timer ("Stage 7 of 10: Dot vote"), so nothing is lost.
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
    if stage.plan_state:  # re-planned while the workshop ran
        return "skipped" if stage.plan_state == "skipped" else "moved on"
    if stage.ended_at or stage.timer_status is TimerStatus.DONE and stage.started_at:
        return "done"
    return "to come"


_MARKERS = {"now": "\u25b6", "done": "\u2713", "to come": " ", "skipped": "\u2013", "moved on": "\u2192"}


def describe_stage(stage: Stage, current_id: int | None, *, numbers_only: bool = False) -> Content:
    """Marker, position and title; then the state in words, planned minutes and actual times.

    ``numbers_only``: the marker and the position alone (``"▶ 7"``), for a folded agenda.
    """
    state = stage_state(stage, current_id)
    if numbers_only:
        return Content(f"{_MARKERS[state]}{stage.position:>3}")
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

    def __init__(self, stage: Stage, current_id: int | None, *, numbers_only: bool = False) -> None:
        # No id: a stage added while the workshop runs rebuilds the list while the old items are
        # still on their way out.
        super().__init__(describe_stage(stage, current_id, numbers_only=numbers_only))
        self.stage_id = stage.id
        self._shown = (stage, current_id, numbers_only)
        self._set_state(stage_state(stage, current_id))

    def show(self, stage: Stage, current_id: int | None, *, numbers_only: bool = False) -> None:
        if self._shown == (stage, current_id, numbers_only):
            return
        self._shown = (stage, current_id, numbers_only)
        self.update(describe_stage(stage, current_id, numbers_only=numbers_only))
        self._set_state(stage_state(stage, current_id))

    def _set_state(self, state: str) -> None:
        self.set_class(state == "now", "-now")
        self.set_class(state in ("done", "skipped", "moved on"), "-done")


class AgendaSidebar(VerticalScroll, can_focus=False):
    """``show(stages, current_id)`` updates the list in place; ``fold(True)`` shows numbers only.

    Folded, it is six cells wide (its width is in ``run.tcss``): a cell of padding, "▶ 12" and
    its border. Its scroll bar is hidden then, so a long agenda still fits the numbers; it scrolls
    to the current stage by itself.
    """

    DEFAULT_CSS = """
    AgendaSidebar {
        width: 32;
        height: 1fr;
        padding: 0 1;
        border-right: solid $panel;
        scrollbar-size-vertical: 1;
    }
    AgendaSidebar #agenda-heading { text-style: bold; margin-bottom: 1; }
    AgendaSidebar.-numbers { padding: 0 0 0 1; scrollbar-size-vertical: 0; }
    AgendaSidebar.-numbers #agenda-heading { display: none; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._stages: list[Stage] = []
        self._stage_ids: list[int] = []
        self._current_id: int | None = None
        self._numbers_only = False

    @property
    def numbers_only(self) -> bool:
        return self._numbers_only

    def fold(self, numbers_only: bool) -> None:
        """Show only the stages' numbers (a narrow screen), or everything again."""
        if numbers_only == self._numbers_only:
            return
        self._numbers_only = numbers_only
        self.set_class(numbers_only, "-numbers")
        for item, stage in zip(self.query(AgendaItem), self._stages):
            item.show(stage, self._current_id, numbers_only=numbers_only)
        self.call_after_refresh(self._scroll_to_current)

    def compose(self) -> ComposeResult:
        yield Static("Agenda", id="agenda-heading")

    def show(self, stages: Sequence[Stage], current_id: int | None) -> None:
        self._stages = list(stages)
        ids = [stage.id for stage in stages]
        numbers_only = self._numbers_only
        if ids != self._stage_ids:
            # The agenda itself changed (rare): rebuild it once.
            self.remove_children(AgendaItem)
            self.mount_all(AgendaItem(stage, current_id, numbers_only=numbers_only) for stage in stages)
            self._stage_ids = ids
        else:
            for item, stage in zip(self.query(AgendaItem), stages):
                item.show(stage, current_id, numbers_only=numbers_only)
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
