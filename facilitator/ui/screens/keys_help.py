"""Every key that works on the screen underneath, with what it does (opened with ``?`` or F1).

Built from the screen's active bindings when it opens, so it always matches what the keys do
right now: the screen's own keys, the focused widget's, and the keys that work everywhere.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

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
            yield DataTable(cursor_type="row", id="keys")
            yield Static("Escape or ? closes. Ctrl+P lists the same as commands.", classes="dialog-hint")

    def on_mount(self) -> None:
        table = self.query_one("#keys", DataTable)
        table.add_columns("Key", "Does", "Where")
        for key, description, group in self.rows:
            # Our own binding texts, but kept as Text so nothing is ever parsed as markup.
            table.add_row(Text(key, style="bold"), Text(description), Text(group))
        table.focus()

    def action_close(self) -> None:
        self.dismiss()
