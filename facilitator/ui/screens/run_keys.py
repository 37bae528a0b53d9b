"""The run screen's keys (``RunScreen.BINDINGS``): the stage timer, moving from stage to stage,
the reveal, and the ways off the screen (who is here, the phones, ending the workshop, its
minutes, home); and the palette's commands that have no key (recording a decision, adding an
action or a "you said, we did" item, from any stage).

Every key works wherever the cursor is: none can be typed into a box. ``active_bindings`` puts the
stage keys first, so a narrow footer still shows them, and leaves out the keys that a box with the
cursor would type. ``check_action`` leaves out of the footer, the keys help (F1) and the palette
the keys that mean nothing now. Every change is saved through the screen's ``_write`` (at once,
or in the background while another program holds the database); the screen reloads once it is
committed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.actions import SkipAction
from textual.binding import ActiveBinding
from textual.keys import key_to_character

from facilitator.domain import replan
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import Stage, StageKind, TimerStatus

EXTRA_SECONDS = 5 * 60
# Keys that act on the stage that is on now.
NEEDS_A_STAGE = {"pause_resume", "add_time", "previous_stage", "replan"}
# The footer shows these first, in this order (then the rest as Textual orders them: the focused
# widget's, the stage's, the screen's, the app's): an 80-column footer cuts from the end.
FOOTER_FIRST = ("next_stage", "previous_stage", "pause_resume", "add_time", "reveal", "show_keys", "replan")
# Keys that type a character Textual does not know them by (``key_to_character`` gives None).
TYPED = {"plus": "+", "minus": "-"}


def finish_lines(finish: replan.Finish | None, *, overrun: bool = False) -> tuple[str, str]:
    """The finish times for beside the timer, and the gentle prompt when behind the plan (or
    when the stage that is on has run over, even if earlier stages left time in hand)."""
    if finish is None:
        return "", ""
    if finish.needs_replan:
        prompt = f"{replan.behind_words(finish.behind_seconds)}: F10 re-plans the rest."
    else:
        prompt = "This stage is over time: F10 re-plans the rest." if overrun else ""
    return replan.finish_words(finish), prompt


def typed_character(key: str) -> str | None:
    """The character a key types into a box, if any."""
    return TYPED.get(key) or key_to_character(key)


class RunScreenKeys:
    """Uses the screen's ``store``, ``workshop_id``, ``panel``, ``_stages``, ``_current``,
    ``_finished``, ``_overrun_logged``, ``_reload`` and ``_write``."""

    # The palette's names (``ui/commands.py``): the words a person would type. A pair gives the
    # help line too; the actions without a key in ``BINDINGS`` are commands only.
    COMMAND_NAMES: ClassVar[dict[str, str | tuple[str, str]]] = {
        "next_stage": "Next stage",
        "previous_stage": "Back to the previous stage",
        "pause_resume": "Pause the timer, or carry on",
        "add_time": "Add 5 minutes to the timer (more time)",
        "replan": "Re-plan the rest: shorten, skip, move or add stages, accept a later finish",
        "reveal": "Reveal the hidden ideas, votes or summary",
        "people": "People: who is here (roster, arrivals)",
        "end_workshop": "End the workshop (then the minutes)",
        "show_minutes": "Minutes: see and save them",
        "join_panel": "Phones: the room takes part from their own phones",
        "home": "Home: the list of workshops",
        "start_first": "Start the first stage",
        "record_decision": ("Record a decision", "What was decided, why, and who was here"),
        "add_action": ("Add an action", "Who will do what, and by when"),
        "add_feedback": ("Add a \u201cyou said, we did\u201d item", "What people said and what was done about it"),
    }

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

    # -- which keys show, in which order --------------------------------------------------------

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's active keys, with the stage keys first and no key a box would type."""
        bindings = super().active_bindings
        focused = self.focused
        if focused is not None:
            # Textual leaves out the letters the box with the cursor takes, but not "+" or "-".
            bindings = {key: active for key, active in bindings.items()
                        if active.binding.priority or not focused.check_consume_key(key, typed_character(key))}
        first = {action: place for place, action in enumerate(FOOTER_FIRST)}

        def place(item: tuple[str, ActiveBinding]) -> int:
            # The stage keys and the keys help; then the stage's own keys (its panel, the box or
            # list with the cursor); then the rest of the screen's and the app's.
            active = item[1]
            if active.node is self or active.node is self.app:
                return first.get(active.binding.action, len(first) + 1)
            return len(first)

        return dict(sorted(bindings.items(), key=place))  # a stable sort: the rest keep their order

    def command_nodes(self) -> list:
        """Whose keys the palette offers wherever the cursor is: the stage's panel."""
        return [self.panel] if self.panel is not None else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys that mean nothing now are left out of the footer, the keys help (F1) and the
        # palette, which list only what works: Enter starts the first stage only before it, and
        # the timer and stage keys need a stage that is on (none before the start, none once
        # finished); the reveal needs something hidden in this stage.
        if action == "start_first":
            return not self._finished and self._current is None
        if action in NEEDS_A_STAGE:
            return self._current is not None and not self._finished
        if action == "reveal":
            return not self._finished and self.panel is not None and self.panel.can_reveal
        if action == "next_stage":
            return not self._finished
        if action in ("end_workshop", "show_minutes"):  # ctrl+e: what it does once finished
            return self._finished == (action == "show_minutes")
        if action == "join_panel":  # a finished workshop takes no more phones
            return not self._finished
        return True

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

    def action_replan(self) -> None:
        if self._require_stage() is None:
            return
        from facilitator.ui.dialogs.replan import ReplanDialog

        def done(said: str | None) -> None:
            if said:
                self.notify(said, markup=False, timeout=6)
            self._changed()

        self.app.push_screen(ReplanDialog(self.workshop_id), done)

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
                "The dots stay hidden. You can come back to this stage with F3 and reveal them later.",
                lambda: self._start(following),
            )
            return
        self._start(following)

    def action_previous_stage(self) -> None:
        stage = self._require_stage()
        if stage is None:
            return
        # Stages skipped or moved to another workshop while re-planning are passed over.
        earlier = [s for s in self._stages if s.position < stage.position and not s.plan_state]
        if not earlier:
            self.notify("This is the first stage.")
            return
        back = earlier[-1]
        self._start(back, f"Back to stage {back.position}; its timer is paused. Press F6 to carry on.")

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

    # -- commands without a key: they work in any stage --------------------------------------

    def action_record_decision(self) -> None:
        """A decision, from any stage (after a vote's reveal, say); the decide stage's own way when on."""
        from facilitator.ui.dialogs.decision_dialog import DecisionDialog

        self._open_form("new_decision", lambda: DecisionDialog(self.store, self.workshop_id, stage_id=self._stage_id()),
                        lambda decision: f"Decision recorded: {decision.statement}")

    def action_add_action(self) -> None:
        from facilitator.ui.dialogs.action_dialog import ActionDialog

        self._open_form("new_action", lambda: ActionDialog(self.store, self.workshop_id),
                        lambda action: f"Action saved: {action.what}")

    def action_add_feedback(self) -> None:
        from facilitator.ui.dialogs.feedback_dialog import FeedbackDialog

        self._open_form("new_item", lambda: FeedbackDialog(self.store, self.workshop_id, stage_id=self._stage_id()),
                        lambda item: f"Saved: {item.said}")

    def _stage_id(self) -> int | None:
        return self._current.id if self._current is not None and not self._finished else None

    def _open_form(self, panel_action: str, dialog, saved) -> None:
        """The stage's own key for it when the stage has one (its list shows the new line and
        says so); else the form ``dialog()``, and ``saved(result)`` says what was saved."""
        own = getattr(self.panel, f"action_{panel_action}", None)
        if own is not None:
            own()
            return

        def done(result) -> None:
            if result is not None:
                self.notify(saved(result), markup=False, timeout=4)
                self._changed()

        self.app.push_screen(dialog(), done)

    def _confirm(self, question: str, detail: str, then) -> None:
        from facilitator.ui.dialogs.confirm import ConfirmDialog

        self.app.push_screen(ConfirmDialog(question, detail=detail), lambda yes: then() if yes else None)
