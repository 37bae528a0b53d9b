"""A drop-down list in a form whose hint says "Enter: next field".

Textual's ``Select`` opens its list on Enter. In a form that promises Enter moves on, a person
typing the next answer after Enter found their words going into the open list (which searches
as you type) and lost, and the next Enter picked a choice they never meant. Here Enter keeps the
choice and says so with ``Submitted`` (the form moves to the next field, or saves from the
last); Space or the arrows open the list.

The list opens in place, pushing the rows below it down, inside a frame. As an overlay it was
drawn over the next rows' boxes but beside their labels, so the screen read "Review date
agreed" and "Dissent deferred".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Select


class FieldSelect(Select, inherit_bindings=False):
    DEFAULT_CSS = """
    FieldSelect > SelectOverlay {
        overlay: none;
        constrain: none none;
        &.-textual-compact {
            border: round $accent !important;
        }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,down,up", "show_overlay", "Open the list", show=False),
        Binding("enter", "submit", "Next field", show=False),
    ]

    @dataclass
    class Submitted(Message):
        """Enter on the list while it is closed: the choice stands, on to the next field."""

        select: FieldSelect

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))

    def watch_expanded(self, expanded: bool) -> None:
        if expanded:  # the list is part of the form now: bring all of it into view
            self.call_after_refresh(self.query_one("SelectOverlay").scroll_visible, animate=False)
