"""Making an agenda without a text editor: its stages in a list, changed from the keyboard.

Opened from home (``a``) after ``StartAgendaDialog`` has chosen the agenda to start from and the
new name. The list shows each stage's kind, title, minutes and when it starts; the total time
is on the line under it. ``a`` adds a stage (a kind, then its settings), Enter or ``e`` edits the
stage under the cursor, Delete removes it (after asking), Shift+Up and Shift+Down move it, ``i``
changes the agenda's name, description and kind of involvement. The forms are built from the
agenda schema (``SettingsForm``), so new kinds and settings appear here by themselves.

After every change the agenda is checked with the rules of ``facilitator agendas check`` and each
problem is listed as one sentence naming the stage. Ctrl+S saves it to the user's agendas folder
(never over an agenda that comes with the app; asking before replacing a file of the user's own);
it is then offered when starting a workshop. Escape or Ctrl+Q with unsaved changes asks before
closing or quitting.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Static

from facilitator.domain.agenda_form import (
    Problem,
    agenda_fields,
    check_agenda,
    check_stage,
    new_stage,
    stage_data,
    stage_fields,
)
from facilitator.domain.agenda_toml import file_stem
from facilitator.domain.errors import FacilitatorError
from facilitator.outputs.agenda_file import save_user_agenda, shipped_names, user_agenda_path
from facilitator.ui.dialogs.choose_kind import ChooseKindDialog
from facilitator.ui.dialogs.confirm import ConfirmDialog
from facilitator.ui.dialogs.settings_form import SettingsForm
from facilitator.ui.dialogs.start_agenda import StartingPoint, minutes_in_words
from facilitator.ui.text import cell, join, one_line
from facilitator.ui.widgets.keys_footer import WholeKeysFooter
from facilitator.ui.widgets.title_bar import TitleBar

KIND_WIDTH, MINUTES_WIDTH, STARTS_WIDTH = 10, 7, 7
# Padding (1 each side of 5 columns), the scrollbar and a spare column.
FIXED_WIDTH = 3 + KIND_WIDTH + MINUTES_WIDTH + STARTS_WIDTH + 10 + 3
MOST_PROBLEMS_SHOWN = 4


class StageTable(DataTable):
    # Shown in the footer: the list has the focus, so its Enter is the one that counts.
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Edit")]


class AgendaEditorScreen(Screen[str | None]):
    """Dismisses with the saved agenda's name (file name without .toml), or None if never saved."""

    CSS_PATH = "agenda_editor.tcss"
    AUTO_FOCUS = "#stages"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add_stage", "Add stage"),
        Binding("e", "edit_stage", "Edit", show=False),
        Binding("delete,x", "remove_stage", "Remove", key_display="Del"),
        Binding("shift+up", "move_up", "Move up", key_display="\u21e7\u2191"),
        Binding("shift+down", "move_down", "Move down", key_display="\u21e7\u2193"),
        Binding("i", "details", "Name"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "close", "Close"),
    ]
    COMMAND_NAMES: ClassVar[dict[str, str | tuple[str, str]]] = {
        "details": ("Name and details of the agenda", "Its name, description and kind of involvement"),
        "edit_stage": "Edit the stage",
        "remove_stage": "Remove the stage",
        "move_up": "Move the stage up",
        "move_down": "Move the stage down",
        "save": "Save the agenda",
    }

    def __init__(self, start: StartingPoint) -> None:
        super().__init__()
        self.source = start.agenda.name
        self.details: dict[str, Any] = start.agenda.model_dump(mode="json", exclude={"stages"})
        self.details["name"] = start.name
        self.stages: list[dict[str, Any]] = stage_data(start.agenda)
        self.problems: list[Problem] = []
        self.saved_as: Path | None = None
        self.saved_stem: str | None = None
        self._unchanged = self._state()

    def compose(self) -> ComposeResult:
        yield TitleBar(id="editor-title")
        yield Static(id="editor-about")
        yield StageTable(cursor_type="row", zebra_stripes=False, id="stages")
        yield Static(id="editor-total")
        yield Static(id="editor-problems")
        yield WholeKeysFooter(compact=True)

    def on_mount(self) -> None:
        self.show()

    # -- what is shown --------------------------------------------------------------------------

    def _state(self) -> str:
        return json.dumps([self.details, self.stages], sort_keys=True)

    @property
    def table(self) -> StageTable:
        return self.query_one("#stages", StageTable)

    @property
    def cursor(self) -> int:
        return min(self.table.cursor_row, len(self.stages) - 1)

    def show(self, cursor: int | None = None) -> None:
        """Redraw the list (the cursor on stage ``cursor``, counted from 0) and check the agenda."""
        table, row = self.table, self.table.cursor_row if cursor is None else cursor
        title_width = max(16, self.app.size.width - FIXED_WIDTH)
        table.clear(columns=True)
        for label, width in (("#", 3), ("Kind", KIND_WIDTH), ("Title", title_width), ("Minutes", MINUTES_WIDTH),
                             ("Starts", STARTS_WIDTH)):
            table.add_column(label, width=width, key=label)
        starts = 0
        for number, stage in enumerate(self.stages, start=1):
            minutes = stage.get("minutes")
            table.add_row(cell(str(number)), cell(stage["kind"], KIND_WIDTH), cell(stage.get("title", ""), title_width),
                          cell(str(minutes)), cell(f"+{starts // 60}:{starts % 60:02d}"), key=str(number))
            starts += minutes if isinstance(minutes, int) and not isinstance(minutes, bool) else 0
        if self.stages:
            table.move_cursor(row=max(0, min(row, len(self.stages) - 1)))
        name = str(self.details.get("name", ""))
        self.query_one("#editor-title", TitleBar).update(join(["Agenda: ", (name, "bold")]))
        stem = file_stem(name)
        saved = "saved as" if self.saved_as is not None and self._state() == self._unchanged else "saves as"
        self.query_one("#editor-about", Static).update(join([
            "Started from ", (self.source, "bold"),
            f" \u00b7 involvement: {self.details.get('involvement')} \u00b7 {saved} ", (f"{stem}.toml", "bold"),
            " in your agendas folder"]))
        count = len(self.stages)
        self.query_one("#editor-total", Static).update(join([
            (f"{count} stage{'s' if count != 1 else ''}, {minutes_in_words(starts)} in all", "bold")]))
        self._check()

    def _check(self) -> None:
        _agenda, self.problems = check_agenda(self.details, self.stages)
        box = self.query_one("#editor-problems", Static)
        box.set_class(bool(self.problems), "-problems")
        if not self.problems:
            box.update("Checked with the rules of \u201cfacilitator agendas check\u201d: no problems.")
            return
        count = len(self.problems)
        lines: list = [(f"{count} problem{'s' if count != 1 else ''} to fix before saving:", "bold")]
        lines += [f"\n\u2022 {problem.sentence}" for problem in self.problems[:MOST_PROBLEMS_SHOWN]]
        if count > MOST_PROBLEMS_SHOWN:
            lines.append(f"\n\u2022 and {count - MOST_PROBLEMS_SHOWN} more")
        box.update(join(lines))

    @on(Resize)
    def _resized(self, event: Resize) -> None:
        self.show()

    # -- stages ---------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.stages) or action not in ("edit_stage", "remove_stage", "move_up", "move_down")

    def _form(self, stage: dict[str, Any], number: int, done) -> None:
        kind = stage["kind"]
        title = join([f"Stage {number}: {kind} \u00b7 ", one_line(stage.get("title", ""), 50)])
        self.app.push_screen(SettingsForm(title, stage_fields(kind), stage,
                                          lambda values: check_stage({**values, "kind": kind}, number)), done)

    @on(DataTable.RowSelected, "#stages")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit_stage()

    def action_edit_stage(self) -> None:
        if not self.stages:
            return
        index = self.cursor

        def edited(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.stages[index] = values
                self.show(index)

        self._form(self.stages[index], index + 1, edited)

    def action_add_stage(self) -> None:
        index = self.cursor + 1 if self.stages else 0

        def chosen(kind: str | None) -> None:
            if kind is not None:
                self._form(new_stage(kind), index + 1, added)

        def added(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.stages.insert(index, values)
                self.show(index)
                self.notify(f"Stage {index + 1} added. Shift+Up and Shift+Down move it.", markup=False)

        self.app.push_screen(ChooseKindDialog(), chosen)

    def action_remove_stage(self) -> None:
        if not self.stages:
            return
        index = self.cursor
        stage = self.stages[index]

        def answered(remove: bool | None) -> None:
            if remove:
                del self.stages[index]
                self.show(index)

        self.app.push_screen(ConfirmDialog(
            f"Remove stage {index + 1}, \u201c{stage.get('title', '')}\u201d ({stage['kind']})?", yes="Remove",
            no="Keep it", detail="Its settings go with it. Nothing is saved until you press Ctrl+S."), answered)

    def _move(self, step: int) -> None:
        if not self.stages:
            return
        index = self.cursor
        other = index + step
        if not 0 <= other < len(self.stages):
            self.notify("It is already the " + ("first" if step < 0 else "last") + " stage.", markup=False)
            return
        self.stages[index], self.stages[other] = self.stages[other], self.stages[index]
        self.show(other)

    def action_move_up(self) -> None:
        self._move(-1)

    def action_move_down(self) -> None:
        self._move(1)

    def action_details(self) -> None:
        names = {spec.name for spec in agenda_fields()}

        def check(values: dict[str, Any]) -> list[Problem]:
            return [p for p in check_agenda(values, self.stages)[1] if p.stage is None and p.field in names]

        def changed(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.details = values
                self.show()

        self.app.push_screen(SettingsForm(join(["The agenda's name and details"]), agenda_fields(), self.details,
                                          check), changed)

    # -- saving and closing ---------------------------------------------------------------------

    def action_save(self) -> None:
        agenda, problems = check_agenda(self.details, self.stages)
        if agenda is None:
            first = problems[0]
            if first.stage is not None:
                self.table.move_cursor(row=first.stage - 1)
            self.notify(f"Not saved yet: {first.sentence}", severity="error", markup=False)
            return
        stem = file_stem(agenda.name)
        if stem in shipped_names():
            self.notify(f"{stem} is an agenda that comes with the app: press i to give yours another name.",
                        severity="error", markup=False)
            return
        path = user_agenda_path(stem)
        if path.exists() and path != self.saved_as:
            def answered(replace: bool | None) -> None:
                if replace:
                    self._write(agenda, stem)

            self.app.push_screen(ConfirmDialog(
                f"Replace your agenda {path.name}?", yes="Replace", no="Keep it",
                detail="You already have an agenda saved under this name. Press i to give this one another name."),
                answered)
            return
        self._write(agenda, stem)

    def _write(self, agenda, stem: str) -> None:
        try:
            path = save_user_agenda(agenda, stem, overwrite=True)
        except FacilitatorError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.saved_as, self.saved_stem = path, stem
        self._unchanged = self._state()
        self.show()
        self.notify(f"Saved as {path.name} in your agendas folder. It is offered when you start a new workshop"
                    " (n on the home screen).", markup=False)

    def unsaved_on_quit(self) -> tuple[str, str] | None:
        """Ctrl+Q asks first while there are changes not saved (``dialogs/quit_unsaved.py``)."""
        if self._state() == self._unchanged:
            return None
        return ("Quit without saving the agenda?",
                "Your changes to this agenda have not been saved. Press n, then Ctrl+S to save them.")  # fmt: skip

    def action_close(self) -> None:
        if self._state() == self._unchanged:
            self.dismiss(self.saved_stem)
            return

        def answered(lose: bool | None) -> None:
            if lose:
                self.dismiss(self.saved_stem)

        self.app.push_screen(ConfirmDialog(
            "Close without saving?", yes="Close, losing them", no="Keep editing",
            detail="Your changes to this agenda have not been saved. Ctrl+S saves them."), answered)
