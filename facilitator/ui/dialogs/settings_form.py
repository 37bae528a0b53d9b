"""A form built from the agenda schema: one stage's settings, or the agenda's name and details.

Each field comes from a ``FieldSpec`` (``domain/agenda_form.py``), so a new kind of stage or a new
setting needs no change here: text and numbers in a box, yes/no and choices in a drop-down list,
long text and lists (one item per line) in a text area. It behaves as the app's other forms:

- Enter moves to the next field (in a text area Enter starts a new line and Tab moves on);
  from the last field, or with Ctrl+S anywhere, it checks the settings with the schema's own
  rules and closes with them, or names the first problem and puts the cursor on its field;
- Escape closes at once when nothing changed, and otherwise asks first ("Close without
  keeping your changes?", "Keep editing" the default), so typing is never lost to a stray key;
- Ctrl+N puts the settings back as they were when the form opened.

Nothing is saved to a file from here: the agenda editor keeps the result until it is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, TextArea

from facilitator.domain.agenda_form import FieldSpec, Problem, as_text, from_text
from facilitator.ui.dialogs.confirm import ConfirmDialog
from facilitator.ui.text import join, one_line, plain
from facilitator.ui.widgets.field_select import FieldSelect
from facilitator.ui.widgets.form_field import FormField

HINT = ("Enter: next field (in a box of several lines, Enter: new line, Tab: next field)\n"
        "Ctrl+S: keep these settings \u00b7 Escape: close \u00b7 Ctrl+N: back to as it was")  # fmt: skip
YES_NO = [("yes", True), ("no", False)]


def field_id(name: str) -> str:
    return f"setting-{name}"


class SettingsForm(ModalScreen[dict[str, Any] | None]):
    CSS_PATH = "settings_form.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "keep", "Keep", priority=True),
        Binding("escape", "close", "Close"),
        Binding("ctrl+n", "as_it_was", "Back to as it was"),
    ]

    def __init__(self, title: Content, specs: list[FieldSpec], values: dict[str, Any],
                 check: Callable[[dict[str, Any]], list[Problem]], *, about: str = "") -> None:
        """``check(values)`` returns the problems with the settings (none: the form closes)."""
        super().__init__()
        self.title_text = title
        self.specs = specs
        self.start = dict(values)
        self.check = check
        self.about = about
        self._opened: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="settings-form"):
            yield Static(self.title_text, classes="dialog-title")
            if self.about:
                yield Static(plain(self.about), id="settings-about")
            with VerticalScroll(id="settings-fields"):
                for spec in self.specs:
                    yield from self._field(spec)
            yield Static(classes="dialog-error", id="settings-error")
            yield Static(HINT, classes="dialog-hint")

    def _field(self, spec: FieldSpec) -> ComposeResult:
        value, wid = self.start.get(spec.name), field_id(spec.name)
        widget: Widget
        tall = spec.how in ("long", "lines")
        if spec.how == "flag":
            widget = FieldSelect(YES_NO, value=bool(value), allow_blank=False, id=wid, compact=True)
        elif spec.how == "choice":
            options = [(plain(choice), choice) for choice in spec.choices]
            chosen = value if value in spec.choices else Select.NULL
            widget = FieldSelect(options, value=chosen, allow_blank=not spec.required, id=wid, compact=True)
        elif tall:
            widget = TextArea(as_text(spec, value), id=wid, classes="setting-lines", compact=True,
                              highlight_cursor_line=False)
        elif spec.how == "kept":
            widget = Label(one_line(f"{value!r} (kept as it is; change it in the file)", 60), id=wid)
        else:
            widget = Input(as_text(spec, value), id=wid, compact=True, placeholder=self._placeholder(spec))
        yield FormField(spec.label, widget, tall=tall)
        if spec.help:
            yield Static(join([spec.help + (" One per line." if spec.how == "lines" else "")]), classes="setting-help")

    @staticmethod
    def _placeholder(spec: FieldSpec) -> str:
        if spec.how == "whole_or_word":
            return f"a whole number, or {spec.default}" if isinstance(spec.default, str) else "a whole number"
        if spec.how == "whole":
            return "a whole number" if spec.default is None else f"a whole number ({spec.default} if left empty)"
        return "" if spec.required else "(optional)"

    def on_mount(self) -> None:
        self._opened = self.values()
        fields = self._fields()
        if fields:
            fields[0].focus()

    # -- values ---------------------------------------------------------------------------------

    def _fields(self) -> list[Widget]:
        return [self.query_one(f"#{field_id(spec.name)}") for spec in self.specs if spec.how != "kept"]

    def values(self) -> dict[str, Any]:
        found = dict(self.start)
        for spec in self.specs:
            if spec.how == "kept":
                continue
            widget = self.query_one(f"#{field_id(spec.name)}")
            if isinstance(widget, Select):
                found[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, (Input, TextArea)):
                value = from_text(spec, widget.value if isinstance(widget, Input) else widget.text)
                if value is None or (value == "" and spec.how == "whole_or_word"):
                    found.pop(spec.name, None)  # left empty: the schema's default, or "is required"
                else:
                    found[spec.name] = value
        return found

    def changed(self) -> bool:
        return self._opened is not None and self.values() != self._opened

    # -- keys -----------------------------------------------------------------------------------

    @on(Input.Submitted)
    def _next_after_box(self, event: Input.Submitted) -> None:
        event.stop()
        self._next(event.input)

    def on_field_select_submitted(self, event: FieldSelect.Submitted) -> None:
        event.stop()
        self._next(event.select)

    def _next(self, after: Widget) -> None:
        fields = self._fields()
        if after not in fields or after is fields[-1]:
            self.action_keep()
        else:
            fields[fields.index(after) + 1].focus()

    def action_keep(self) -> None:
        values = self.values()
        problems = self.check(values)
        if problems:
            problem = problems[0]
            self.query_one("#settings-error", Static).update(plain(problem.sentence))
            if problem.field is not None:
                for widget in self.query(f"#{field_id(problem.field)}"):
                    widget.focus()
            return
        self.dismiss(values)

    def action_close(self) -> None:
        if not self.changed():
            self.dismiss(None)
            return

        def answered(lose: bool | None) -> None:
            if lose:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog(
            "Close without keeping your changes?", yes="Close, losing them", no="Keep editing",
            detail="What you changed in this form has not been kept."), answered)

    def action_as_it_was(self) -> None:
        for spec in self.specs:
            if spec.how == "kept":
                continue
            widget, value = self.query_one(f"#{field_id(spec.name)}"), self.start.get(spec.name)
            if isinstance(widget, Select):
                widget.value = (bool(value) if spec.how == "flag" else value) if value is not None else Select.NULL
            elif isinstance(widget, Input):
                widget.value = as_text(spec, value)
            elif isinstance(widget, TextArea):
                widget.text = as_text(spec, value)
        self.query_one("#settings-error", Static).update("")
        fields = self._fields()
        if fields:
            fields[0].focus()
