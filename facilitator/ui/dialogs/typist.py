"""Ask once who is typing, so each idea a note-taker saves records them as "typed by".

Dismisses with the cleaned name, or None when cancelled. The name box is prefilled with the name
remembered for this database (``typist_memory``), so a returning note-taker just presses Enter.
Who *typed* an idea is kept apart from who *said* it: the dialog says so, because note-takers
are often asked whether their name will appear beside other people's words (it will not).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.text import clean_text
from facilitator.ui.text import plain


class TypistDialog(ModalScreen[str | None]):
    DEFAULT_CLASSES = "dialog-screen"
    DEFAULT_CSS = """
    TypistDialog #typist { width: 64; }
    TypistDialog #typist-name { width: 1fr; }
    TypistDialog #typist-error { color: $text-error; text-style: bold; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str = "", *, leaving: bool = True) -> None:
        super().__init__()
        self.prefill = name
        # True when cancelling leaves the note-taker's view (nobody is known to be typing yet).
        self.leaving = leaving

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="typist"):
            yield Static("Who is typing?", classes="dialog-title")
            yield Static(
                "Your name is kept with each idea you type, as the note-taker. "
                "It is never shown as the person who said it.",
                classes="dialog-hint",
            )
            box = Input(self.prefill, placeholder="Your name", id="typist-name", select_on_focus=True)
            box.border_title = "Your name"
            yield box
            yield Static(id="typist-error")
            cancel = "Escape goes back." if self.leaving else "Escape keeps the current name."
            yield Static(f"Enter to start. {cancel}", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Start", id="start", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#typist-name", Input).focus()

    @on(Input.Submitted, "#typist-name")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    @on(Button.Pressed, "#start")
    def _start_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_start()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_start(self) -> None:
        try:
            name = clean_text(self.query_one("#typist-name", Input).value, "note-taker's name", max_length=100)
        except FacilitatorError as error:
            self.query_one("#typist-error", Static).update(plain(str(error)))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        self.dismiss(None)
