"""Writing the "You said, we did" report for a workshop's series from the app.

``ask_and_write_report(screen, workshop_id)`` asks where to save it (a .html file prints in large
type; .docx is a Word file; .md is Markdown; a name ending ``easy-read.html`` or ``easy-read.docx``
gives the easy read version), then writes it atomically; problems are shown as one sentence. It is
offered in the minutes folder beside the database, like the minutes (made the first time).
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
from textual.widgets import Input, Static

from facilitator import paths
from facilitator.domain.errors import FacilitatorError
from facilitator.ui.text import join, one_line


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.casefold()).strip("-")[:60] or "report"


def ask_and_write_report(screen: Screen, workshop_id: int) -> None:
    """Ask where to save the report for the workshop's series (or the workshop), then write it."""
    store = screen.app.store
    workshop = store.workshop(workshop_id)
    name = workshop.series or workshop.title
    folder = paths.minutes_dir(store.database.path)
    default = folder / f"you-said-we-did-{_slug(name)}.html"

    def write(path: Path | None) -> None:
        if path is None:
            return
        from facilitator.outputs.files import make_private_folder, write_atomically

        try:
            records, title = store.report_records(workshop_id, whole_series=True)
            made = report_for(path, records, title, store.today())
            if path.parent == folder:
                make_private_folder(folder)
            write_atomically(path, made, "report")
        except FacilitatorError as error:
            screen.app.notify(str(error), severity="error", markup=False)
            return
        screen.app.notify(f"Wrote the \u201cYou said, we did\u201d report to {path}", markup=False)

    screen.app.push_screen(ReportPathDialog(name, default), write)


def report_for(path: Path, records: list, title: str, today: str) -> str | bytes:
    """The report the file name asks for: easy read (``...easy-read.html``/``.docx``), Word, Markdown or HTML."""
    from facilitator.outputs.easy_read import render_easy_read_docx, render_easy_read_html
    from facilitator.outputs.report import render_report_html, render_report_markdown
    from facilitator.outputs.word_markdown import markdown_docx

    suffix = path.suffix.lower()
    if path.stem.lower().endswith("easy-read"):
        return (render_easy_read_docx if suffix == ".docx" else render_easy_read_html)(records, title=title)
    if suffix == ".docx":
        return markdown_docx(render_report_markdown(records, title=title, today=today))
    if suffix in (".md", ".markdown", ".txt"):
        return render_report_markdown(records, title=title, today=today)
    return render_report_html(records, title=title, today=today)


class ReportPathDialog(ModalScreen[Path | None]):
    """Where to save the report: .html (large print, for printing) or .md."""

    DEFAULT_CLASSES = "dialog-screen"
    DEFAULT_CSS = """
    ReportPathDialog { align: center middle; background: $background 60%; }
    ReportPathDialog > #report-dialog {
        width: 90; max-width: 100%; height: auto; border: thick $border; background: $surface; padding: 0 1;
    }
    ReportPathDialog Input { margin: 1 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, name: str, default: Path) -> None:
        super().__init__()
        self.report_name = name
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="report-dialog"):
            yield Static(join(["\u201cYou said, we did\u201d report for ", one_line(self.report_name, 60)]),
                         classes="dialog-title")
            yield Input(str(self.default), id="report-path")
            yield Static(Content("A .html file prints in large type; .docx is Word; .md is Markdown. End the "
                                 "name with easy-read.html or easy-read.docx for the easy read version."),
                         classes="dialog-hint")
            yield Static(Content("Enter: save \u00b7 Escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#report-path", Input).focus()

    @on(Input.Submitted, "#report-path")
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        typed = event.value.strip()
        self.dismiss(Path(typed).expanduser() if typed else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
