"""``SavingDialog``: a modal form that saves through the store and closes once saved.

While another program holds the database the form stays open with everything typed in it, says
it is waiting, and closes by itself when the change commits; Escape cannot drop a change that is
already on its way. Escape in a form with typing in it asks before throwing the typing away
("Keep typing" is the default answer, so a second Escape keeps it); forms that keep a draft
instead (``FormDialog``) close at once. A refusal (a rule, a full disk) is shown in the form's ``.dialog-error``
line, or as a notification in forms without one, and the typing stays.
"""

from __future__ import annotations

from textual import events, on
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import Button, Input, Static

from facilitator.ui.dialogs.confirm import ConfirmDialog
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.text import plain
from facilitator.ui.widgets.status_line import WAITING

STILL_SAVING_FORM = "Still saving; this closes by itself as soon as it is saved."
KEPT = "What you typed is kept; this closes by itself once it is saved."


class SavingDialog(SavesWithoutFreezing, ModalScreen[ScreenResultType]):
    _said_waiting = False
    # What each text box held once the dialog was drawn: typing is whatever differs from it.
    _typing_started_from: dict[int, str] | None = None

    @on(events.Mount)
    def _remember_what_was_there(self) -> None:
        def remember() -> None:
            self._typing_started_from = {id(box): box.value for box in self.query(Input)}

        self.call_after_refresh(remember)  # after the dialog's own on_mount filled its boxes

    def typed_so_far(self) -> bool:
        """Has anyone typed in this dialog since it opened (so Escape would lose something)?"""
        if self._typing_started_from is None:
            return False
        return any(box.value != self._typing_started_from.get(id(box), "") for box in self.query(Input))

    def _message_line(self) -> Static | None:
        lines = self.query(".dialog-error").results(Static)
        return next(lines, None)

    def show_error(self, sentence: str) -> None:
        """The store's sentence, in the dialog and as a notification; the typing stays."""
        line = self._message_line()
        if line is not None:
            line.remove_class("-waiting")
            line.update(plain(sentence))
        self.app.notify(sentence, severity="error", markup=False)

    def show_save_error(self, sentence: str) -> None:
        self.show_error(sentence)

    def show_saving_state(self, seconds: float | None) -> None:
        line = self._message_line()
        if seconds is None:
            if line is not None:
                line.remove_class("-waiting")
                line.update("")
            self._said_waiting = False
            return
        sentence = f"{WAITING} ({int(seconds)} s) {KEPT}" if seconds >= 1 else f"{WAITING} {KEPT}"
        if line is not None:
            line.add_class("-waiting")
            line.update(plain(sentence))
        elif not self._said_waiting:
            self.app.notify(f"{WAITING} {KEPT}", severity="warning", markup=False)
        self._said_waiting = True

    def save_and_close(self, change) -> None:
        """Save ``change(store)`` and close with its result once it is committed."""
        self.save(change, done=self.dismiss)

    def action_cancel(self) -> None:
        if self.saving_in_background:
            self.app.notify(STILL_SAVING_FORM, severity="warning", markup=False)
            return
        if not self.typed_so_far():
            self.dismiss(None)
            return
        def answered(throw_away: bool | None) -> None:
            if throw_away:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(
            "Close without saving?", yes="Close, losing it", no="Keep typing",
            detail="What you typed here has not been saved."), answered)


class OneStepDialog(SavingDialog[ScreenResultType]):
    """A form saved in one step (a person, a recognition, invitation details): Enter in any box
    or the Save button saves (the dialog's ``action_save``); the Cancel button is Escape."""

    def action_save(self) -> None:
        raise NotImplementedError

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        self.action_cancel()
