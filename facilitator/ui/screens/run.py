"""The facilitator's run screen: the agenda down the side, the big timer, the current stage.

This is the screen projected in the room. Every change goes to the store first and the screen
shows it after the write committed. When another program holds the database, the change waits in
the background (``BackgroundWriter``) while the timer keeps ticking and a line says it is
waiting. The timer reads the time through ``store.now()`` so tests (and snapshots) can freeze
it. Keys are in ``BINDINGS`` (so they appear in the footer, the command palette and the ``?``
help); the stage keys are F keys and Ctrl combinations, so they work even while the cursor is in a
box. What the keys do is in ``run_keys.py`` (``RunScreenKeys``), with the palette's commands
that have no key; this module reads the workshop and hosts the stage's panel.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Static

from facilitator.domain.models import Stage, TimerStatus, WorkshopStatus
from facilitator.domain.timer import TimerState, WarningLevel
from facilitator.domain.timer import left as timer_left
from facilitator.ui import run_sessions, text
from facilitator.ui.messages import DatabaseChanged
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.screens.run_keys import RunScreenKeys, finish_lines
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.stages.registry import make_panel
from facilitator.ui.widgets.agenda_sidebar import AgendaSidebar
from facilitator.ui.widgets.keys_footer import ChangedKeysFooter
from facilitator.ui.widgets.stage_timer import StageTimer
from facilitator.ui.widgets.status_line import StatusLine
from facilitator.ui.widgets.title_bar import mode_words

INTERRUPTED_NOTE = "Resumed after an interruption: the timer kept running while the app was closed."

# Narrower than this, the agenda folds to its stage numbers and the stage takes the room
# (a zoomed-in projector is often 80 columns).
AGENDA_NUMBERS_BELOW = 100
# After a clean quit (Ctrl+Q) with the timer running: no interruption, but the time still went on.
RESTARTED_NOTE = "The timer kept running while the app was closed."


class RunScreen(RunScreenKeys, SavesWithoutFreezing, Screen):
    CSS_PATH = "run.tcss"
    # The room sees this screen: it opens presenting, and the app times the private view out.
    PROJECTED: ClassVar[bool] = True
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    # One set of keys, and each works wherever the cursor is: none of them can be typed into a
    # box (F keys and Ctrl combinations), so the stage's boxes never need leaving first. The
    # footer puts the stage keys and the keys help first (``RunScreenKeys.active_bindings``),
    # so an 80-column footer still shows them; the stage's own letters are for its lists.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f8", "next_stage", "Next", priority=True, tooltip="End this stage and start the next one"),
        Binding("f3", "previous_stage", "Back", priority=True,
                tooltip="Go back to the previous stage (its timer paused)"),
        Binding("f6", "pause_resume", "Pause", priority=True, tooltip="Pause the stage timer, or carry on"),
        Binding("f7", "add_time", "+5 min", priority=True, tooltip="Add 5 minutes to this stage (logged)"),
        Binding("f10,ctrl+g", "replan", "Re-plan", priority=True, key_display="f10",
                tooltip="Catch up (F10 or Ctrl+G): shorten, skip, move or add stages, or accept the later finish"),
        Binding("ctrl+r", "reveal", "Reveal", priority=True,
                tooltip="Reveal what this stage keeps hidden: its ideas, its votes or its check-out summary"),
        Binding("ctrl+o", "people", "People", priority=True,
                tooltip="Who is here: add people, mark arrived and left"),
        Binding("ctrl+e", "end_workshop", "End", priority=True,
                tooltip="End the workshop, then see and save the minutes"),
        Binding("ctrl+e", "show_minutes", "Minutes", priority=True, tooltip="See and save the minutes"),
        # Projected on purpose: the address, the join code and the QR code for the room's phones.
        Binding("f9", "join_panel", "Phones", priority=True,
                tooltip="Let the room take part from their own phones: the address, join code and QR code"),
        # A letter: shown (and working) only while the cursor is not in a box.
        Binding("h", "home", "Home", tooltip="Back to the list of workshops (the timer keeps running)"),
        Binding("enter", "start_first", "Start", show=False, tooltip="Start the first stage"),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self._stages: list[Stage] = []
        self._current: Stage | None = None
        self._planned_seconds: float | None = None
        self._finished = False
        self._overrun_logged: set[int] = set()
        self._area_shows: tuple[int | None, bool] | None = None  # (stage id, finished) shown now
        self._keys_for: tuple | None = None  # what the keys that work were last worked out for
        self._panel: StagePanel | None = None
        self._title = ("", "", "")  # (workshop title, stage and status, the same said shortly)

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="run-title", classes="screen-title")
        with Horizontal(id="run-body"):
            yield AgendaSidebar(id="agenda")
            with Vertical(id="run-main"):
                yield StageTimer(id="timer")
                yield Container(id="stage-area")
                yield StatusLine(id="run-status")
        yield ChangedKeysFooter()

    @property
    def store(self):
        return self.app.store

    @property
    def presenting(self) -> bool:
        return bool(getattr(self.app, "presenting", False))

    @property
    def panel(self) -> StagePanel | None:
        """The panel of the current stage (not one that is on its way out)."""
        return self._panel

    @property
    def current_stage(self) -> Stage | None:
        return self._current

    @property
    def status(self) -> StatusLine:
        """Says when a change is waiting for another program; hidden otherwise."""
        return self.query_one("#run-status", StatusLine)

    def on_mount(self) -> None:
        self._fold_agenda(self.app.size.width)
        if hasattr(type(self.app), "presenting"):
            self.app.presenting = True  # always, whatever was shown before: the private view is a key away
        self._reload(panel=False)
        self._note_interruption()
        self.set_interval(1.0, self.refresh_timer)
        if hasattr(type(self.app), "presenting"):
            self.watch(self.app, "presenting", self._presenting_changed, init=False)

    def _note_interruption(self) -> None:
        """A timer found running when the screen first opens kept running while the app was down:
        after a crash or a kill that was an interruption (said, and logged for the minutes); after a
        clean quit (``run_sessions.note_clean_quit``) it is just so."""
        first_time = run_sessions.first_opening(self.store, self.workshop_id)
        stage = self._current
        if not first_time or self._finished or stage is None or stage.timer_status is not TimerStatus.RUNNING:
            return
        if self.store.closed_cleanly(stage.id):
            self.query_one(StageTimer).show_note(RESTARTED_NOTE)
            self._write(lambda store: store.log_app_restarted(stage.id))
            return
        self.query_one(StageTimer).show_note(INTERRUPTED_NOTE)
        self.notify(INTERRUPTED_NOTE, timeout=10)
        self._write(lambda store: store.log_resumed_after_interruption(stage.id))

    # -- reading ----------------------------------------------------------------------------

    def _reload(self, *, panel: bool = True) -> None:
        """Read the workshop again; swap the stage panel only when the current stage changed."""
        workshop = self.store.workshop(self.workshop_id)
        self._finished = workshop.status is WorkshopStatus.FINISHED
        self._stages = self.store.stages(self.workshop_id)
        self._current = next((s for s in self._stages if s.id == workshop.current_stage_id), None)
        if self._finished:
            self._current = None
        if self._current is not None:
            short = f"stage {self._current.position} of {len(self._stages)}"
            status = f"running, {short}"
        else:
            status = short = "finished" if self._finished else "not started"
        self._title = (workshop.title, f"  \u00b7  workshop {status}", f"  \u00b7  {short}")
        self._show_title()
        # A finished workshop has no stage on now: its last stage shows as done, like the others.
        self.query_one(AgendaSidebar).show(self._stages, None if self._finished else workshop.current_stage_id)
        current = self._current
        if current is not None:
            extra = sum(event.seconds for event in self.store.stage_events(current.id) if event.event == "extend")
            self._planned_seconds = current.planned_minutes * 60.0 + extra
            heading = f"Stage {current.position} of {len(self._stages)}: {current.title}"
        else:
            self._planned_seconds = None
            heading = "The workshop has finished." if self._finished else "The workshop has not started yet."
        self.query_one(StageTimer).show_heading(heading)
        shows = (current.id if current else None, self._finished)
        if shows != self._area_shows:
            if self._area_shows is not None:
                self.query_one(StageTimer).show_note("")  # notes are about the stage that was showing
            self._area_shows = shows
            self._show_panel(current)
        elif panel and self.panel is not None and self.panel.built:
            self.panel.reload()
        self._keys_follow()
        self.refresh_timer()

    def _keys_follow(self) -> None:
        """The keys that work (``check_action``) follow the stage shown and whether it has been
        revealed: the footer, the keys help and the palette are told when either changes."""
        keys_for = (self._area_shows, self._current.revealed if self._current is not None else None)
        if keys_for != self._keys_for:
            self._keys_for = keys_for
            self.refresh_bindings()

    def _show_panel(self, stage: Stage | None) -> None:
        area = self.query_one("#stage-area", Container)
        focused = self.focused
        if focused is not None and area in focused.ancestors:
            # Let go of the old panel's box before it goes: a dialog opened next (the minutes,
            # when the workshop ends) would hand the focus back to it when it closes, and every
            # key, even ctrl+q, would then go to a box that is no longer on the screen.
            self.set_focus(None)
        area.remove_children()
        self._panel = None
        if stage is not None:
            self._panel = make_panel(self.store, stage, presenting=self.presenting)
            area.mount(self._panel)
        elif self._finished:
            area.mount(Static("This workshop has finished. Press ctrl+e to see and save the minutes.",
                              classes="empty-message"))
        else:
            area.mount(Static("Press Enter (or F8) to start the first stage.", classes="empty-message"))

    def _show_title(self) -> None:
        """Presenting or the private view, in words (never cut), then the workshop's title, cut with
        an ellipsis so that the stage and status always fit (said shortly when room is short)."""
        title, status, short = self._title
        mode = mode_words(self.presenting)
        room = self.size.width - 2 - len(mode) - 5  # a cell of padding each side; "  ·  " after the mode
        if room - len(status) < 12:
            status = short
        self.query_one("#run-title", Static).update(
            text.join([mode, "  \u00b7  ", text.one_line(title, max(room - len(status), 8)), status]))

    def on_resize(self) -> None:
        self._show_title()
        self._fold_agenda(self.size.width)

    def _fold_agenda(self, width: int) -> None:
        self.query_one(AgendaSidebar).fold(width < AGENDA_NUMBERS_BELOW)

    def refresh_timer(self) -> None:
        """Once a second: redraw the countdown; log an overrun the first time it is seen."""
        stage = self._current
        timer = self.query_one(StageTimer)
        finish = None if self._finished else self.store.finish(self.workshop_id)
        overrun = stage is not None and timer_left(TimerState.from_stage(stage), self.store.now()) < 0
        timer.show_finish(*finish_lines(finish, overrun=overrun))
        reading = timer.show(stage, self.store.now(), self._planned_seconds, finished=self._finished)
        if (
            stage is not None
            and reading is not None
            and reading.level is WarningLevel.OVERRUN
            and stage.timer_status in (TimerStatus.RUNNING, TimerStatus.PAUSED)
            and stage.id not in self._overrun_logged
            and not self.saving_in_background  # logged on a later tick, not refused with a message
        ):
            self._overrun_logged.add(stage.id)
            self._write(lambda store: store.log_overrun_once(stage.id))

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self._reload()

    def on_screen_resume(self) -> None:
        if self.focused is not None and not self.focused.is_attached:
            self.set_focus(None)  # a box that left the screen while a dialog was open
        if self.is_mounted and self._stages:
            self._reload()

    @on(StagePanel.Changed)
    def _panel_changed(self, message: StagePanel.Changed) -> None:
        # A panel saved something (an idea, a reveal): only the stage row itself may have changed.
        if self._current is not None:
            self._current = self.store.stage(self._current.id)
        self._keys_follow()

    def _presenting_changed(self, presenting: bool) -> None:
        self._show_title()
        if self.panel is not None:
            self.panel.set_presenting(presenting)

    # -- writing ----------------------------------------------------------------------------

    def _write(self, change, done: str = "", then=None) -> bool:
        """Run ``change(store)``; say what happened (``done``) and call ``then()`` once committed.

        Nobody else writing: at once, and True. Another program holding the database: in the
        background (False now; ``then`` runs when it commits) while the screen keeps working.
        A change is never queued behind one still waiting: it is refused with a sentence.
        """

        def committed(_result=None) -> None:
            if done:
                self.notify(done, markup=False, timeout=4)
            if then is not None:
                then()

        return self.save(change, done=committed)

    def show_saving_state(self, seconds: float | None) -> None:
        if seconds is None:
            self.status.info("")  # hides the line
        else:
            self.status.waiting(seconds)
