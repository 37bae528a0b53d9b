"""One labelled line of a form: the label on the left, the input on the right.

The label of the field that has the focus is shown in the cursor colours (yellow on black in the
high-contrast theme), so where typing goes is obvious from across a room, without relying on a
thin border. (``:focus-within`` in a descendant selector is not restyled when focus moves, so the
field sets a class itself.)
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import DescendantBlur, DescendantFocus
from textual.widget import Widget
from textual.widgets import Label


class FormField(Horizontal):
    DEFAULT_CSS = """
    FormField {
        height: 1;
        margin-bottom: 1;
        &.tall { height: auto; }
        & > .field-label {
            width: 15;
            padding: 0 1;
            text-style: bold;
        }
        &.-focused > .field-label {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > Input, & > Select, & > SelectionList, & > RadioSet {
            width: 1fr;
            height: auto;
            background: $panel;
        }
    }
    """

    def __init__(self, label: str, field: Widget, *, tall: bool = False) -> None:
        super().__init__(classes="tall" if tall else None)
        self.label = label
        self.field = field

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label")
        yield self.field

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        self.add_class("-focused")

    def on_descendant_blur(self, event: DescendantBlur) -> None:
        self.remove_class("-focused")
