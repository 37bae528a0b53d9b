"""A drop-down list in a form whose hint says "Enter: next field".

Textual's ``Select`` opens its list on Enter. In a form that promises Enter moves on, a person
typing the next answer after Enter found their words going into the open list (which searches
as you type) and lost, and the next Enter picked a choice they never meant. Here Enter keeps the
choice and moves to the next field (or saves, from the last field); Space or the arrows open
the list.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import Select

HINT = "Enter: next field \u00b7 Space: open a list \u00b7 Ctrl+S: save \u00b7 Escape: cancel"


class FieldSelect(Select, inherit_bindings=False):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,down,up", "show_overlay", "Open the list", show=False),
        Binding("enter", "next_field", "Next field", show=False),
    ]

    def __init__(self, *args, last: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The last field of its form: Enter saves, as Enter in the form's last text box does.
        self.last = last

    async def action_next_field(self) -> None:
        if self.last:
            await self.screen.run_action("save")
        else:
            self.screen.focus_next()
