"""The run screen's keys (``RunScreen.BINDINGS``): the stage timer, moving from stage to stage,
and the ways off the screen (who is here, ending the workshop, its minutes, home).

Every change is saved through the screen's ``_write`` (at once, or in the background while
another program holds the database); the screen reloads once it is committed. ``check_action``
leaves out of the footer and the keys help (F1) the keys that mean nothing now.
"""

from __future__ import annotations

from textual.actions import SkipAction
from textual.widgets import Input, TextArea

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import Stage, StageKind, TimerStatus

EXTRA_SECONDS = 5 * 60
# Keys that act on the stage that is on now.
NEEDS_A_STAGE = {"pause_resume", "add_time", "previous_stage", "reveal"}


class RunScreenKeys:
    """Uses the screen's ``store``, ``workshop_id``, ``panel``, ``_stages``, ``_current``,
    ``_finished``, ``_overrun_logged``, ``_reload`` and ``_write``."""

    def _changed(self) -> None:
        self._reload(panel=False)
        self.app.announce_change()

    def _require_stage(self) -> Stage | None:
        if self._finished:
            self.notify("This workshop has finished.", severity="warning")
            return None
        if self._current is None:
            self.notify("No stage has started yet: press Enter to start the first stage.", severity="warning")
        return self._current

    def _typing(self) -> bool:
        return isinstance(self.focused, (Input, TextArea))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "while_typing":  # an F key's twin, shown in the footer while typing
            if not self._typing():
                return False
            action = str(parameters[0])
        elif action in ("add_time", "home") and self._typing():
            return False  # "+" types a plus sign in a box; the footer must not promise otherwise
        # Keys that mean nothing now are left out of the footer and the keys help (F1), which
        # list only what works: Enter starts the first stage only before it, and the timer and
        # stage keys need a stage that is on (none before the start, none once finished).
        if action == "start_first":
            return not self._finished and self._current is None
        if action in NEEDS_A_STAGE:
            return self._current is not None and not self._finished
        if action == "next_stage":
            return not self._finished
        if action in ("end_workshop", "show_minutes"):  # ctrl+e: what it does once finished
            return self._finished == (action == "show_minutes")
        if action in ("join_panel", "join_panel_while_typing"):  # a finished workshop takes no more phones
            return not self._finished and self._typing() == (action == "join_panel_while_typing")
        return True

    def action_while_typing(self, action: str) -> None:
        getattr(self, f"action_{action}")()

    def action_pause_resume(self) -> None:
        stage = self._require_stage()
        if stage is None:
            return
        stage = self.store.stage(stage.id)
        if stage.timer_status is TimerStatus.RUNNING:
            self._write(lambda store: store.pause_timer(stage.id), "Timer paused.", then=self._changed)
        else:
            self._write(lambda store: store.resume_timer(stage.id), "Timer running again.", then=self._changed)

    def action_add_time(self) -> None:
        stage = self._require_stage()
        if stage is None:
            return

        def added() -> None:
            self._overrun_logged.discard(stage.id)
            self._changed()

        self._write(lambda store: store.extend_timer(stage.id, EXTRA_SECONDS), "Added 5 minutes to this stage.",
                    then=added)

    def action_start_first(self) -> None:
        if self._finished or self._current is not None:
            raise SkipAction()
        self.action_next_stage()

    def action_next_stage(self) -> None:
        if self._finished:
            self.notify("This workshop has finished.", severity="warning")
            return
        current = self.store.stage(self._current.id) if self._current else None
        following = self.store.next_stage(self.workshop_id)
        if following is None:
            self.notify("This is the last stage. Press ctrl+e to end the workshop.")
            return
        if current is not None and current.kind is StageKind.VOTE and not current.revealed:
            self._confirm(
                "Move on without revealing the votes?",
                "The dots stay hidden. You can come back to this stage with [ and reveal them later.",
                lambda: self._start(following),
            )
            return
        self._start(following)

    def action_previous_stage(self) -> None:
        stage = self._require_stage()
        if stage is None:
            return
        earlier = [s for s in self._stages if s.position < stage.position]
        if not earlier:
            self.notify("This is the first stage.")
            return
        back = earlier[-1]
        self._start(back, f"Back to stage {back.position}; its timer is paused. Press space to carry on.")

    def _start(self, stage: Stage, done: str = "") -> None:
        self._write(lambda store: store.start_stage(stage.id), done, then=self._changed)

    def action_reveal(self) -> None:
        panel = self.panel
        reveal = getattr(panel, "action_reveal", None)
        if panel is None or reveal is None:
            self.notify("There is nothing to reveal in this stage.")
            return
        reveal()

    def action_join_panel(self) -> None:
        from facilitator.ui.dialogs.join_panel import JoinPanel

        self.app.push_screen(JoinPanel(self.workshop_id))

    def action_join_panel_while_typing(self) -> None:
        self.action_join_panel()

    def action_people(self) -> None:
        from facilitator.ui.screens.roster import RosterScreen

        self.app.push_screen(RosterScreen(self.workshop_id))

    def action_end_workshop(self) -> None:
        if self._finished:
            self.action_show_minutes()
            return
        self._confirm(
            "End the workshop now?",
            "The current stage stops, the workshop is marked finished, and the minutes are made.",
            self._finish,
        )

    def _finish(self) -> None:
        self._write(lambda store: store.finish_workshop(self.workshop_id), then=self._finished_workshop)

    def _finished_workshop(self) -> None:
        from facilitator import paths
        from facilitator.storage.backup import automatic_backup

        self._changed()
        try:
            automatic_backup(self.store.database, paths.backups_dir(), label=f"workshop-{self.workshop_id}")
        except (FacilitatorError, OSError) as error:
            self.notify(f"The workshop is closed, but no backup was made: {error}", severity="warning", markup=False)
        self.action_show_minutes()

    def action_home(self) -> None:
        """Back to the list of workshops; the workshop (and its timer) carries on in the store."""
        from facilitator.ui.screens.home import HomeScreen

        stack = self.app.screen_stack
        below = stack[-2] if len(stack) > 1 else None
        if isinstance(below, HomeScreen):
            self.app.pop_screen()
        else:  # opened first (or over something else): put the list of workshops in its place
            self.app.switch_screen(HomeScreen())

    def action_show_minutes(self) -> None:
        from facilitator.ui.dialogs.close_workshop import CloseWorkshopDialog

        self.app.push_screen(CloseWorkshopDialog(self.workshop_id))

    def _confirm(self, question: str, detail: str, then) -> None:
        from facilitator.ui.dialogs.confirm import ConfirmDialog

        self.app.push_screen(ConfirmDialog(question, detail=detail), lambda yes: then() if yes else None)
