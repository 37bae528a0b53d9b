"""Tick boxes and radio buttons whose state shows as a symbol, not only as a colour.

Textual draws a ticked and an unticked box with the same "X" (and a chosen and an unchosen radio
button with the same dot) in different colours; on a washed-out projector, or for someone who
cannot tell the colours apart, they look the same. Here a ticked box shows ✓ and an empty one a
blank; a chosen radio button shows ● and the others a blank.

Both leave Enter alone (Space ticks and chooses), so Enter reaches the form and saves it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from textual.binding import Binding, BindingType
from textual.strip import Strip
from textual.widgets import RadioButton, RadioSet, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICK, CHOSEN, EMPTY = "\u2713", "\u25cf", " "


class TickList(SelectionList[str], inherit_bindings=False):
    """A ``SelectionList`` that draws ✓ in ticked boxes and leaves empty ones blank."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Tick or untick", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
    ]

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        try:
            option = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return strip
        segments = list(strip)
        if len(segments) < 2:
            return strip
        # The box is drawn as three segments: left side, inside, right side.
        inner = segments[1]
        segments[1] = Segment(TICK if option.value in self._selected else EMPTY, inner.style, inner.control)
        return Strip(segments, strip.cell_length)


class ChoiceButton(RadioButton):
    """A ``RadioButton`` that shows ● when chosen and a blank when not."""

    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return CHOSEN if self.value else EMPTY


class ChoiceSet(RadioSet, inherit_bindings=False):
    """A ``RadioSet`` whose cursor starts on the chosen button, not always on the first one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "next_button", "Next choice", show=False),
        Binding("space", "toggle_button", "Choose", show=False),
        Binding("up,left", "previous_button", "Previous choice", show=False),
    ]

    def on_mount(self) -> None:
        # RadioSet puts its cursor (``_selected``) on the first button in its own mount handler,
        # which runs after this one; when editing, the cursor belongs on the current choice, or
        # the first Space would change it.
        self.call_later(self._cursor_to_choice)

    def _cursor_to_choice(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index
