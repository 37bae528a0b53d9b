"""Change the words of an idea the note-taker typed: dismisses with the new text, or None.

The dialog does not save: the note-taker's view saves in the background and, if that fails (the
disk is full, another program holds the file too long), opens this dialog again with the words
that were typed and the reason, so an edit is never lost.
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
from facilitator.domain.text import LONG_TEXT, clean_text
from facilitator.ui.text import join, plain


class EditIdeaDialog(ModalScreen[str | None]):
    DEFAULT_CLASSES = "dialog-screen"
    DEFAULT_CSS = """
    EditIdeaDialog #edit-idea { width: 90; }
    EditIdeaDialog #edit-idea-text { width: 1fr; }
    EditIdeaDialog #edit-idea-problem { color: $text-error; text-style: bold; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, text: str, *, said_by: str = "", problem: str = "") -> None:
        super().__init__()
        self.text = text
        self.said_by = said_by
        self.problem = problem  # why the last attempt to save it failed, if it did

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="edit-idea"):
            yield Static("Change this idea", classes="dialog-title")
            if self.said_by:
                yield Static(join(["Said by ", self.said_by, ". Only the words change here."]), classes="dialog-hint")
            box = Input(self.text, id="edit-idea-text", select_on_focus=False)
            box.border_title = "Idea"
            yield box
            yield Static(plain(self.problem), id="edit-idea-problem")
            yield Static("Enter saves. Escape leaves it as it was.", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#edit-idea-text", Input).focus()

    @on(Input.Submitted, "#edit-idea-text")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_save(self) -> None:
        value = self.query_one("#edit-idea-text", Input).value
        try:
            clean_text(value, "idea", max_length=LONG_TEXT, multiline=True)
        except FacilitatorError as error:
            self.query_one("#edit-idea-problem", Static).update(plain(str(error)))
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
