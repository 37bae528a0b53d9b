"""Saving the recognition sheet for finance from the app (home's R key, or "Save the recognition
sheet" in the palette): who is owed what for their time, one row per person per workshop.

``ask_and_write_sheet(screen, workshop_id)`` asks which series (the selected workshop's, or empty
for every workshop) and where to save it: the file's ending chooses the form (.csv a spreadsheet,
.docx Word, .md Markdown, .html a page), as the invitation pack's dialog does. Ctrl+L adds a
thank-you letter (Word) for each person, in a folder beside the sheet. It is offered in the minutes
folder beside the database (made the first time, private to you); every file is 0600.

Payments and expenses are private, like support needs: nothing opens while presenting. Before
saving, the dialog says how many rows the sheet has and, when a paid person's time has no hourly
rate to price it, says so in one sentence.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Checkbox, Input, Static

from facilitator import paths
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.recognition import missing_rate_sentences
from facilitator.ui.dialogs.saving_dialog import SavingDialog
from facilitator.ui.text import plain
from facilitator.ui.widgets.form_field import FormField

FORMS = {".csv": "csv", ".docx": "docx", ".md": "md", ".markdown": "md", ".txt": "md", ".html": "html",
         ".htm": "html"}  # fmt: skip
PRIVATE = "How people are paid is private: press f5 for the private view first."


class SheetRequest(NamedTuple):
    series: str | None  # None: every workshop
    path: Path
    letters: bool


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.casefold()).strip("-")[:60] or "all"


def default_path(folder: Path, series: str | None) -> Path:
    return folder / f"recognition-{_slug(series or 'all')}.csv"


def letters_folder(path: Path) -> Path:
    """Where the thank-you letters go: a folder beside the sheet, named after it."""
    return path.with_name(f"{path.stem}-letters")


def write_sheet(store, request: SheetRequest) -> tuple[int, int]:
    """Write the sheet (and the letters, if asked); (rows, letters written). One sentence if refused."""
    from facilitator.outputs.files import make_private_folder, write_atomically
    from facilitator.outputs.recognition import SHEETS, write_letters

    path = request.path
    form = FORMS.get(path.suffix.lower())
    if form is None:
        raise FacilitatorError(f"{path.name}: end the file name with .csv, .docx or .md to choose the form.")
    rows = store.recognition_rows(series=request.series)
    content = SHEETS[form](rows) if form == "csv" else SHEETS[form](rows, request.series)
    if path.parent == paths.minutes_dir(store.database.path):
        make_private_folder(path.parent)
    write_atomically(path, content, "recognition sheet")
    return len(rows), write_letters(rows, letters_folder(path)) if request.letters else 0


def ask_and_write_sheet(screen: Screen, workshop_id: int | None) -> None:
    app = screen.app
    if app.presenting:
        app.notify(PRIVATE, severity="warning", markup=False)
        return
    store = app.store
    series = store.workshop(workshop_id).series if workshop_id is not None else ""

    def write(request: SheetRequest | None) -> None:
        if request is None:
            return
        if app.presenting:
            app.notify(PRIVATE, severity="warning", markup=False)
            return
        try:
            count, letters = write_sheet(store, request)
        except FacilitatorError as error:
            app.notify(str(error), severity="error", markup=False)
            return
        said = f"Wrote the recognition sheet ({count} row{'' if count == 1 else 's'}) to {request.path}"
        if request.letters:
            said += f", and {letters} thank-you letter{'' if letters == 1 else 's'} to {letters_folder(request.path)}"
        app.notify(said + ".", markup=False)

    app.push_screen(SheetDialog(series or "", paths.minutes_dir(store.database.path)), write)


class SheetDialog(SavingDialog[SheetRequest | None]):
    """Which series, where to save the sheet, and whether to write the letters too."""

    DEFAULT_CLASSES = "dialog-screen"
    CSS_PATH = "sheet_dialog.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+l", "letters", "Letters"),
    ]

    def __init__(self, series: str, folder: Path) -> None:
        super().__init__()
        self.series = series
        self.folder = folder
        self.offered = default_path(folder, series)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="sheet-dialog"):
            yield Static("The recognition sheet for finance (private)", classes="dialog-title")
            yield FormField("Series", Input(self.series, placeholder="Empty: every workshop", id="sheet-series",
                                            compact=True))  # fmt: skip
            yield FormField("Save as", Input(str(self.offered), id="sheet-path", compact=True))
            yield Checkbox("Also a thank-you letter (Word) for each person, in a folder beside it", id="letters",
                           compact=True)  # fmt: skip
            yield Static(id="sheet-about")
            yield Static(classes="dialog-error")
            yield Static(Content(".csv: a spreadsheet \u00b7 .docx: Word \u00b7 .md: Markdown.\n"
                                 "Enter: save \u00b7 Ctrl+L: letters \u00b7 Escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._describe()
        self.query_one("#sheet-path", Input).focus()

    def _series(self) -> str | None:
        return self.query_one("#sheet-series", Input).value.strip() or None

    def _describe(self) -> None:
        """How many rows the sheet would have, and any paid time that no rate prices."""
        series = self._series()
        rows = self.app.store.recognition_rows(series=series)
        where = f"in {series}" if series else "in every workshop"
        if not rows:
            lines = [f"Nobody's time is recorded {where} yet (the roster's r key records it)."]
        else:
            people = len({row.participant_id for row in rows})
            person = "person" if people == 1 else "people"
            lines = [f"{len(rows)} row{'' if len(rows) == 1 else 's'}, {people} {person} {where}."]
        lines += missing_rate_sentences(rows, app=True)
        self.query_one("#sheet-about", Static).update(plain("\n".join(lines)))

    @on(Input.Changed, "#sheet-series")
    def _series_changed(self, event: Input.Changed) -> None:
        box = self.query_one("#sheet-path", Input)
        if box.value == str(self.offered):  # not changed by hand: follow the series
            self.offered = default_path(self.folder, self._series())
            box.value = str(self.offered)
        self._describe()

    def action_letters(self) -> None:
        box = self.query_one("#letters", Checkbox)
        box.value = not box.value

    @on(Input.Submitted)
    def _save(self, event: Input.Submitted) -> None:
        event.stop()
        typed = self.query_one("#sheet-path", Input).value.strip()
        if not typed:
            self.show_error("Give a file name ending .csv, .docx or .md.")
            return
        self.dismiss(SheetRequest(self._series(), Path(typed).expanduser(), self.query_one("#letters", Checkbox).value))
