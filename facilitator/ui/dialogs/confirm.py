"""A yes-or-no question, answered with y / n (or Escape for no).

``self.app.push_screen(ConfirmDialog("Remove Aisha from the roster?"), callback)`` calls
``callback(True)`` or ``callback(False)``; ``await self.app.push_screen_wait(...)`` works in a
worker. The question is shown literally: a ``str`` is treated as user text (names are often in
it), so only pass ``Content`` when you built its styling yourself with ``ui/text.py``.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from facilitator.ui.text import plain


class ConfirmDialog(ModalScreen[bool]):
    CSS_PATH = "confirm.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No", key_display="n"),
    ]

    def __init__(self, question: str | Content, *, yes: str = "Yes", no: str = "No",
                 detail: str | Content = "") -> None:
        super().__init__()
        self.question = question if isinstance(question, Content) else plain(question)
        self.detail = detail if isinstance(detail, Content) else plain(detail)
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="confirm"):
            yield Static(self.question, classes="dialog-title", id="question")
            if self.detail:
                yield Static(self.detail, id="detail")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(f"{self.yes_label} (y)"), id="yes")
                yield Button(Content(f"{self.no_label} (n)"), id="no", variant="primary")

    def on_mount(self) -> None:
        # "No" has the focus, so an Enter pressed out of habit never does the irreversible thing.
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
