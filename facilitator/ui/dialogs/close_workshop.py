"""After the workshop ends: the minutes on screen, then saved where the facilitator chooses.

The preview is a read-only ``TextArea`` holding the Markdown source: it shows text literally, so
nothing in the minutes (names, ideas, a link someone typed) can become markup or a clickable
action. They are saved in the ``minutes/`` folder beside the database unless another folder is
typed (``facilitator locate`` shows it; it is made, private, the first time). The box holds the
file's name, the line under it the folder, cut at its start so that its end shows at 80 columns.
The file is written atomically (a temporary file renamed into place), private to its owner, and
the saved path is shown in full.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, RadioSet, Static, TextArea

from facilitator import paths
from facilitator.domain.errors import FacilitatorError
from facilitator.ui import text
from facilitator.ui.widgets.choices import ChoiceButton, ChoiceSet

FORMATS = {"md": "Markdown", "html": "HTML", "docx": "Word"}


def slug(title: str, limit: int = 40) -> str:
    """``"Safer wards: March!"`` -> ``"safer-wards-march"``; ``"workshop"`` if nothing is left."""
    words = re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-")
    return words[:limit].rstrip("-") or "workshop"


def default_name(date: str, title: str, extension: str = "md") -> str:
    return f"minutes-{date}-{slug(title)}.{extension}"


def with_extension(path: str, extension: str) -> str:
    """Swap a trailing .md/.markdown/.html/.htm/.docx for ``extension``; add it if there is none."""
    stem = re.sub(r"\.(md|markdown|html?|docx)$", "", path.strip(), flags=re.IGNORECASE)
    return f"{stem}.{extension}"


def format_of(path: str) -> str:
    if re.search(r"\.docx$", path.strip(), flags=re.IGNORECASE):
        return "docx"
    return "html" if re.search(r"\.html?$", path.strip(), flags=re.IGNORECASE) else "md"


class CloseWorkshopDialog(ModalScreen[Path | None]):
    """Preview the minutes and save them; dismisses with the saved path (or None)."""

    CSS_PATH = "close_workshop.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.markdown = ""
        self.saved_path: Path | None = None
        self._replace_ok: Path | None = None  # the existing file the facilitator agreed to replace
        self.folder = Path()  # where a file name without a folder goes (the minutes folder)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="close-workshop"):
            yield Static("The workshop has ended. These are the minutes.", classes="dialog-title")
            yield TextArea(id="minutes-preview", read_only=True, soft_wrap=True, show_line_numbers=False)
            with Horizontal(id="minutes-format-row"):
                yield Static("Save as:", id="minutes-format-label")
                # Choice buttons: the chosen one shows ●, not only another colour.
                with ChoiceSet(id="minutes-format"):
                    yield ChoiceButton("Markdown (.md)", value=True, id="format-md")
                    yield ChoiceButton("HTML (.html)", id="format-html")
                    yield ChoiceButton("Word (.docx)", id="format-docx")
            path_box = Input(id="minutes-path")
            path_box.border_title = "Save the minutes to"
            yield path_box
            yield Static(id="minutes-where")
            yield Static(id="minutes-result")
            yield Static("Enter or ctrl+s saves \u00b7 Escape closes", classes="dialog-hint")

    def on_mount(self) -> None:
        store = self.app.store
        workshop = store.workshop(self.workshop_id)
        self.folder = paths.minutes_dir(store.database.path)
        self.query_one("#minutes-path", Input).value = default_name(workshop.date, workshop.title)
        try:
            self.markdown = self._minutes_text("md")
        except FacilitatorError as error:
            self._say(f"The minutes could not be made: {error}", error=True)
        self.query_one("#minutes-preview", TextArea).load_text(self.markdown)
        self.query_one("#minutes-path", Input).focus()
        self.call_after_refresh(self._show_where)

    def _minutes_text(self, kind: str) -> str | bytes:
        """The minutes as Markdown or HTML text, or the bytes of a Word file (overdue actions marked)."""
        # Imported here: the minutes are only needed at the end of a workshop.
        from facilitator.outputs import minutes
        from facilitator.storage.exchange import load_record

        store = self.app.store
        record = load_record(store, self.workshop_id)
        if kind == "docx":
            from facilitator.outputs.word_markdown import markdown_docx

            return markdown_docx(minutes.render_markdown(record, today=store.today()))
        if kind == "html":
            return minutes.render_html(record, today=store.today())
        return minutes.render_markdown(record, today=store.today())

    def _say(self, sentence: str, *, error: bool = False) -> None:
        result = self.query_one("#minutes-result", Static)
        result.set_class(error, "-error")
        result.update(text.plain(sentence))

    # -- format and path --------------------------------------------------------------------

    def _target(self, typed: str) -> Path:
        """The file ``typed`` names: a bare name goes in the minutes folder; ~ and / as usual."""
        return (self.folder / Path(typed.strip()).expanduser()).absolute()

    def _show_where(self) -> None:
        """The folder the file goes in, on one line under the box that holds its name: cut at the
        start if it is too long (``…/facilitator/minutes``), as the end says the most."""
        line = self.query_one("#minutes-where", Static)
        typed = self.query_one("#minutes-path", Input).value
        if not typed.strip():
            line.update("")
            return
        label = "In the folder "
        room = (line.content_size.width or 70) - len(label)
        line.update(text.join([label, text.shorten_start(str(self._target(typed).parent), room)]))

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_where)

    @on(RadioSet.Changed, "#minutes-format")
    def _format_chosen(self, event: RadioSet.Changed) -> None:
        extension = event.pressed.id.removeprefix("format-")
        box = self.query_one("#minutes-path", Input)
        if format_of(box.value) != extension:
            box.value = with_extension(box.value, extension)

    @on(Input.Changed, "#minutes-path")
    def _path_typed(self, event: Input.Changed) -> None:
        self._replace_ok = None
        self._show_where()
        wanted = format_of(event.value)
        button = self.query_one(f"#format-{wanted}", ChoiceButton)
        if not button.value:
            button.value = True  # the radio buttons follow the file name typed

    @on(Input.Submitted, "#minutes-path")
    def _path_entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    # -- saving -----------------------------------------------------------------------------

    def action_save(self) -> None:
        from facilitator.outputs.files import make_private_folder, write_atomically

        typed = self.query_one("#minutes-path", Input).value.strip()
        if not typed:
            self._say("Type where to save the minutes, for example ~/minutes.md.", error=True)
            return
        path = self._target(typed)
        if path.exists() and not path.is_dir() and self._replace_ok != path:
            self._replace_ok = path
            self._say(f"{path} already exists: press Enter again to replace it.", error=True)
            return
        kind = format_of(typed)
        if path.parent == self.folder:
            try:
                make_private_folder(self.folder)  # the first minutes saved here
            except FacilitatorError as error:
                self._say(f"{error} Type another place to save the minutes.", error=True)
                return
        try:
            content = self.markdown if kind == "md" and self.markdown else self._minutes_text(kind)
            write_atomically(path, content, "minutes")
        except FacilitatorError as error:
            self._say(str(error), error=True)
            return
        self._replace_ok = None
        self.saved_path = path
        self._say(f"Saved the minutes ({FORMATS[kind]}) to {path}")
        self.notify(f"Saved the minutes to {path}", markup=False, timeout=8)

    def action_close(self) -> None:
        self.dismiss(self.saved_path)
