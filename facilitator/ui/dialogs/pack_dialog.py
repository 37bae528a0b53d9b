"""Saving the invitation pack for a workshop from the app (the home screen's i key).

``ask_and_write_pack(screen, workshop_id)`` asks where to save it: the file's ending chooses the
form (.docx Word in large print, .html a printable large-print page, .md Markdown), and a
checkbox chooses easy read. It is offered in the minutes folder beside the database (made the
first time, private to you); problems are shown as one sentence.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Checkbox, Input, Static

from facilitator import paths
from facilitator.domain.errors import FacilitatorError
from facilitator.ui.text import join, one_line

FORMS = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "md"}


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.casefold()).strip("-")[:60] or "workshop"


def write_pack(store, workshop_id: int, path: Path, *, easy_read: bool) -> None:
    """Write the pack for ``workshop_id`` to ``path`` (its ending chooses the form), 0600."""
    from facilitator.outputs.files import make_private_folder, write_atomically
    from facilitator.outputs.pack import RENDERERS

    form = FORMS.get(path.suffix.lower())
    if form is None:
        raise FacilitatorError(f"{path.name}: end the file name with .docx, .html or .md to choose the form.")
    workshop = store.workshop(workshop_id)
    series = store.series_settings(workshop.series) if workshop.series else None
    content = RENDERERS[form](workshop, store.stages(workshop_id), series, easy_read=easy_read)
    if path.parent == paths.minutes_dir(store.database.path):
        make_private_folder(path.parent)
    write_atomically(path, content, "invitation pack")


def ask_and_write_pack(screen: Screen, workshop_id: int) -> None:
    store = screen.app.store
    workshop = store.workshop(workshop_id)
    default = paths.minutes_dir(store.database.path) / f"invitation-{_slug(workshop.title)}.docx"

    def write(answer: tuple[Path, bool] | None) -> None:
        if answer is None:
            return
        path, easy_read = answer
        try:
            write_pack(store, workshop_id, path, easy_read=easy_read)
        except FacilitatorError as error:
            screen.app.notify(str(error), severity="error", markup=False)
            return
        screen.app.notify(f"Wrote the invitation pack to {path}", markup=False)

    screen.app.push_screen(PackDialog(workshop.title, default), write)


class PackDialog(ModalScreen[tuple[Path, bool] | None]):
    """Where to save the pack, and whether it is the easy read version."""

    DEFAULT_CLASSES = "dialog-screen"
    DEFAULT_CSS = """
    PackDialog { align: center middle; background: $background 60%; }
    PackDialog > #pack-dialog {
        width: 90; max-width: 100%; height: auto; border: thick $border; background: $surface; padding: 0 1;
    }
    PackDialog Input { margin: 1 0 0 0; }
    PackDialog Checkbox { margin: 0 0 1 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+r", "easy_read", "Easy read"),
    ]

    def __init__(self, title: str, default: Path) -> None:
        super().__init__()
        self.workshop_title = title
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="pack-dialog"):
            yield Static(join(["Invitation pack for ", one_line(self.workshop_title, 60)]), classes="dialog-title")
            yield Input(str(self.default), id="pack-path")
            yield Checkbox("Easy read (short sentences, larger type)", id="easy-read", compact=True)
            yield Static(Content(".docx: Word, large print \u00b7 .html: prints in large type \u00b7 .md: Markdown.\n"
                                 "Enter: save \u00b7 Ctrl+R: easy read \u00b7 Escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#pack-path", Input).focus()

    def action_easy_read(self) -> None:
        box = self.query_one("#easy-read", Checkbox)
        box.value = not box.value

    @on(Input.Submitted, "#pack-path")
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        easy = self.query_one("#easy-read", Checkbox).value
        self.dismiss((Path(typed).expanduser(), easy) if typed else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
