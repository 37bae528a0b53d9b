"""Every key that works on the screen underneath, with what it does (opened with ``?`` or F1).

Built from the screen's active bindings when it opens, so it always matches what the keys do
right now: the screen's own keys, the focused widget's, and the keys that work everywhere.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

# Where a key comes from, in the order shown.
GROUPS = ("This screen", "Where the cursor is", "Everywhere")
# Keys every Textual screen has: listed with the keys that work everywhere, after the screen's own.
GENERIC_ACTIONS = {"app.focus_next", "app.focus_previous", "screen.copy_text"}
KEY, DOES, WHERE = "Key", "Does", "Where"
MIN_DOES_WIDTH = 20
GENERIC_WORDS = {
    "app.focus_next": "Next field",
    "app.focus_previous": "Previous field",
    "command_palette": "Commands: search every action by name",
}


def describe_keys(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, description, group) for each active binding of ``screen`` that has a description.

    Keys that do the same thing in the same place are shown on one row ("^c, super+c").
    """
    rows: dict[tuple[str, str], list[str]] = {}
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        description = GENERIC_WORDS.get(binding.action) or binding.tooltip or binding.description
        if not description:
            continue
        if node is screen.app or binding.action in GENERIC_ACTIONS:
            group = GROUPS[2]
        elif node is screen:
            group = GROUPS[0]
        else:
            group = GROUPS[1]
        if not active.enabled:
            description += " (not available now)"
        keys = rows.setdefault((group, description), [])
        # Each key of a multi-key binding on its own ("?" and "f1"), not the footer's short form.
        key = screen.app.get_key_display(replace(binding, key_display=None))
        if key not in keys:
            keys.append(key)
    ordered = sorted(rows.items(), key=lambda item: GROUPS.index(item[0][0]))
    return [(", ".join(keys), description, group) for (group, description), keys in ordered]


class KeysTable(DataTable):
    """Key, what it does, where: the middle column takes the width the others leave, and wraps.

    Fixed-width columns at 80 columns (a zoomed-in projector) pushed "Where" off the side of
    the dialog; here the table is filled again for its width whenever that changes, so no row
    ever runs past the edge and nothing needs scrolling sideways.
    """

    def __init__(self, rows: list[tuple[str, str, str]], *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id)
        self.rows_shown = rows
        self._filled_for = 0

    def on_resize(self) -> None:
        self.fill(self.size.width)

    def fill(self, width: int) -> None:
        if width <= 0 or width == self._filled_for:
            return
        self._filled_for = width
        key_width = max([cell_len(key) for key, _, _ in self.rows_shown] + [cell_len(KEY)])
        where_width = max([cell_len(group) for _, _, group in self.rows_shown] + [cell_len(WHERE)])
        # Each column has a cell of padding either side; a vertical scrollbar may take its room.
        padding = 2 * self.cell_padding * 3 + self.styles.scrollbar_size_vertical
        does_width = max(MIN_DOES_WIDTH, width - key_width - where_width - padding)
        row = self.cursor_row
        self.clear(columns=True)
        self.add_column(KEY, width=key_width)
        self.add_column(DOES, width=does_width)
        self.add_column(WHERE, width=where_width)
        for key, description, group in self.rows_shown:
            # Our own binding texts, but kept as Text so nothing is ever parsed as markup.
            self.add_row(Text(key, style="bold"), Text(description), Text(group), height=None)
        if self.row_count:
            self.move_cursor(row=min(max(row, 0), self.row_count - 1))


class KeysHelpScreen(ModalScreen[None]):
    CSS_PATH = "keys_help.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        # A dialog hides the app's own keys, so "?" (which opened it) is repeated here.
        Binding("escape,question_mark,f1,q", "close", "Close"),
    ]

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.rows = describe_keys(screen)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="keys-help"):
            yield Static("Keys on this screen", classes="dialog-title")
            yield KeysTable(self.rows, id="keys")
            yield Static("Escape or ? closes. Ctrl+P lists the same as commands.", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#keys", KeysTable).focus()

    def action_close(self) -> None:
        self.dismiss()
