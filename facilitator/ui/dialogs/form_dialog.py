"""``FormDialog``: the decision, action and "You said, we did" forms, which all behave alike.

- **Enter moves to the next field**, in a text box or a drop-down list; in the last field it
  saves. Ctrl+S saves from anywhere. (Enter once saved from a text box that was not the last, so
  the form closed before its last field and the next key went to the screen behind it: a Space
  meant for the form paused the stage timer.)
- **Escape closes and keeps what was typed**, on this computer (``terminal_memory``), as the idea
  box keeps an unsaved idea: opening the same form again puts it back and says so. A quit or a
  crash keeps it too (written at most half a second behind the typing). Ctrl+N empties the form
  (and forgets what was kept); saving forgets it.
- **A mistake is named before saving** where the form can see it (an empty statement, a date it
  cannot read), with the field it is about focused; the sentence goes as soon as it is fixed.
- **A date box says the day it read** ("Friday 21 March 2025") and warns, without refusing,
  when that day is already past.

A form lays out its fields with ``row``, names its kept typing with ``draft_name``, lists what
is wrong in ``problems`` and saves in ``save_form``.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ScreenResultType
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static
from textual.widgets.select import InvalidSelectValueError

from facilitator.domain.dates import past_warning, read_date, said
from facilitator.domain.errors import InvalidText
from facilitator.domain.text import clean_text
from facilitator.local import terminal_memory
from facilitator.local.terminal_memory import FieldValue
from facilitator.ui.dialogs.saving_dialog import SavingDialog
from facilitator.ui.idea_draft import KEEP_EVERY_SECONDS  # the kept copy lags the typing as an idea's does
from facilitator.ui.text import plain
from facilitator.ui.widgets.field_select import FieldSelect

HINT = ("Enter: next field (the last one saves) \u00b7 Ctrl+S: save \u00b7 Space: open a list\n"
        "Escape: close, keeping what you typed \u00b7 Ctrl+N: empty the form")  # fmt: skip
# Under a date box while what is in it is not (yet) a date: the order to write it in.
NOT_READ_YET = "Day first (31/01/2027), or today, friday, in 2 weeks"
KEPT = "What you typed is kept: open this form again to carry on."
RESTORED = "What you typed here last time is back. Ctrl+N empties the form."

Problem = tuple[str, str]  # (the sentence, the id of the field it is about)


class FormDialog(SavingDialog[ScreenResultType]):
    CSS_PATH = "decision_fields.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Close"),
        Binding("ctrl+n", "empty_form", "Empty the form"),
    ]
    # The form's date boxes: id -> what the date is called in a sentence ("due date").
    DATES: ClassVar[dict[str, str]] = {}

    _initial: dict[str, FieldValue] | None = None
    _draft_timer: Timer | None = None
    # What the fields held at the last change, not yet written: the widgets may be gone by unmount.
    _draft_latest: dict[str, FieldValue] | None = None
    _saved = False
    # The sentence in the error line, while one is shown (it goes once it no longer applies).
    _error: str | None = None

    # -- what a form provides -------------------------------------------------------------------

    def draft_name(self) -> str | None:
        """Which form this is, for keeping its typing (e.g. "action:3"); None keeps nothing."""
        return None

    def problems(self) -> list[Problem]:
        """What is wrong before saving, in the order of the fields (the first is shown)."""
        return []

    def save_form(self) -> None:
        """Save (``save_and_close``); called once ``problems`` finds nothing."""
        raise NotImplementedError

    # -- building -------------------------------------------------------------------------------

    def row(self, label: str, field: Widget) -> ComposeResult:
        """One labelled field; a date box gets a line under it saying the day it read."""
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield field
        if field.id in self.DATES:
            note = Static(id=f"{field.id}-note", classes="field-note")
            note.display = False
            yield note

    def fields(self) -> list[Widget]:
        return list(self.query(".field-row > Input, .field-row > Select"))

    def values(self) -> dict[str, FieldValue]:
        found: dict[str, FieldValue] = {}
        for field in self.fields():
            value = field.value if isinstance(field, (Input, Select)) else None
            found[str(field.id)] = value if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        return found

    def put_values(self, values: dict[str, FieldValue]) -> None:
        for field in self.fields():
            if field.id not in values:
                continue
            value = values[field.id]
            if isinstance(field, Input) and isinstance(value, str):
                field.value = value
                field.cursor_position = len(value)
            elif isinstance(field, Select):
                try:
                    field.value = Select.NULL if value is None else value
                except InvalidSelectValueError:
                    pass  # a choice that is no longer offered (a decision since replaced): left as it is

    def on_mount(self) -> None:
        self._initial = self.values()
        for box_id in self.DATES:
            self._show_date(self.query_one(f"#{box_id}", Input))
        kept = terminal_memory.recall_form(self._database(), name) if (name := self.draft_name()) else None
        if kept and kept != self._initial:
            self.put_values(kept)
            self._say(RESTORED, "-note")

    def _database(self):
        return getattr(self.saving_store().database, "path", None)

    # -- keys -----------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.next_field(event.input)

    def on_field_select_submitted(self, event: FieldSelect.Submitted) -> None:
        event.stop()
        self.next_field(event.select)

    def next_field(self, after: Widget) -> None:
        """Enter: on to the field after ``after``; from the last field, save."""
        fields = [field for field in self.fields() if field.focusable]
        if after not in fields or after is fields[-1]:
            self.action_save()
        else:
            fields[fields.index(after) + 1].focus()

    def action_save(self) -> None:
        found = self.problems()
        if found:
            sentence, field_id = found[0]
            self.show_error(sentence)
            self.query_one(f"#{field_id}").focus()
            return
        self.save_form()

    def save_and_close(self, change) -> None:
        self.save(change, done=self.saved)

    def saved(self, result: ScreenResultType) -> None:
        """The change is in the database: what was typed need not be kept any longer."""
        self._forget_draft()
        self._saved = True
        self.dismiss(result)

    def action_cancel(self) -> None:
        if self.saving_in_background:
            super().action_cancel()  # cannot drop a change already on its way: says so
            return
        typed = self._initial is not None and self.values() != self._initial
        self._draft_latest = self.values() if typed else self._initial
        self.keep_draft_now()
        if typed and self.draft_name() is not None:
            self.app.notify(KEPT, markup=False)
        self.dismiss(None)

    def action_empty_form(self) -> None:
        """Ctrl+N: back to an empty form (as it opened), forgetting what was kept."""
        if self._initial is None:
            return
        self.put_values(self._initial)
        self._forget_draft()
        self._say("")
        fields = [field for field in self.fields() if field.focusable]
        if fields:
            fields[0].focus()

    # -- changes: the kept draft, the error line, dates -----------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in self.DATES:
            self._show_date(event.input)
        self._changed()

    def on_select_changed(self, event: Select.Changed) -> None:
        self._changed()

    def _changed(self) -> None:
        if self._initial is None or self._saved:
            return
        if self._error is not None and self._error not in [sentence for sentence, _ in self.problems()]:
            self._say("")  # fixed (or changed since the store refused it): the sentence goes
        if self.draft_name() is not None:
            self._draft_latest = self.values()
            if self._draft_timer is None:
                self._draft_timer = self.set_timer(KEEP_EVERY_SECONDS, self.keep_draft_now)

    def keep_draft_now(self) -> None:
        """Write what the fields held at the last change, if not yet written; the form as it
        opened (nothing typed, or emptied) forgets what was kept."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        latest, self._draft_latest = self._draft_latest, None
        name = self.draft_name()
        if latest is not None and name is not None and not self._saved:
            terminal_memory.remember_form(self._database(), name, None if latest == self._initial else latest)

    def _forget_draft(self) -> None:
        self._draft_latest = self._initial
        self.keep_draft_now()

    def on_unmount(self) -> None:
        # A quit with the form open: keep the last typing (the timer would have, half a second on).
        if self._draft_latest is not None:
            self.keep_draft_now()

    def _show_date(self, box: Input) -> None:
        note = self.query_one(f"#{box.id}-note", Static)
        day = self.date_in(box.id, quiet=True)
        note.display = bool(box.value.strip())
        if day is None:
            note.remove_class("-past")
            note.update(plain(NOT_READ_YET))
            return
        warning = past_warning(self.DATES[str(box.id)], day, self._today())
        note.set_class(warning is not None, "-past")
        note.update(plain(warning or f"Reads as {said(day)}."))

    def _today(self) -> date:
        return date.fromisoformat(self.saving_store().today())

    def date_in(self, box_id: str, *, quiet: bool = False) -> date | None:
        """The day in a date box; None when blank (or, ``quiet``, when it cannot be read)."""
        try:
            return read_date(self.query_one(f"#{box_id}", Input).value, self._today(), self.DATES[box_id])
        except InvalidText:
            if quiet:
                return None
            raise

    def date_value(self, box_id: str) -> str | None:
        """A date box's day as YYYY-MM-DD for the store; None when blank."""
        day = self.date_in(box_id)
        return day.isoformat() if day is not None else None

    # -- problems -------------------------------------------------------------------------------

    def date_problem(self, box_id: str) -> list[Problem]:
        try:
            self.date_in(box_id)
        except InvalidText as problem:
            return [(str(problem), box_id)]
        return []

    def required(self, box_id: str, field: str) -> list[Problem]:
        """The store's own sentence ("The decision cannot be empty.") for a box left empty."""
        value = self.query_one(f"#{box_id}", Input).value
        try:  # only whether it is empty: how long it may be is the store's to say
            clean_text(value, field, max_length=len(value), multiline=True)
        except InvalidText as problem:
            return [(str(problem), box_id)]
        return []

    # -- the message line -----------------------------------------------------------------------

    def show_error(self, sentence: str) -> None:
        super().show_error(sentence)
        line = self._message_line()
        if line is not None:
            line.remove_class("-note")
        self._error = sentence

    def show_saving_state(self, seconds: float | None) -> None:
        super().show_saving_state(seconds)
        self._error = None

    def _say(self, sentence: str, kind: str = "") -> None:
        """A sentence in the message line that is not an error ("-note"), or "" to clear it."""
        self._error = None
        line = self._message_line()
        if line is not None:
            line.set_classes(["dialog-error", *([kind] if kind else [])])
            line.update(plain(sentence))
