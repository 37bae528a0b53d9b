"""Making an agenda, the first step: which agenda to start from, and what to call the new one.

Closes with ``StartingPoint`` (the agenda started from, its name, the new name), or ``None``.
Every agenda that loads is offered: the ones that come with the app and the user's own. The
line under the name says which file it will be saved as; a name that would be an agenda that
comes with the app is refused here, before any work is done on it. Enter moves on and starts from
the last field; Escape with a name typed asks before closing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Select, Static

from facilitator import paths
from facilitator.domain.agenda import Agenda, list_agendas
from facilitator.domain.agenda_toml import file_stem
from facilitator.domain.errors import AgendaError
from facilitator.outputs.agenda_file import shipped_names, user_agenda_path
from facilitator.ui.dialogs.confirm import ConfirmDialog
from facilitator.ui.text import join, one_line, plain
from facilitator.ui.widgets.field_select import FieldSelect
from facilitator.ui.widgets.form_field import FormField


@dataclass(frozen=True)
class StartingPoint:
    source: str  # the agenda started from (its file name without .toml)
    agenda: Agenda
    name: str  # what the new agenda is called


def minutes_in_words(minutes: int) -> str:
    hours, left = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours} h {left} min" if left else f"{hours} h"


class StartAgendaDialog(ModalScreen[StartingPoint | None]):
    CSS_PATH = "settings_form.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "start", "Start", priority=True),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.agendas: dict[str, Agenda] = {}
        self.shipped = shipped_names()
        for name, _path, loaded in list_agendas():
            if not isinstance(loaded, AgendaError):
                self.agendas[name] = loaded

    def compose(self) -> ComposeResult:
        first = next(iter(self.agendas), None)
        with Vertical(classes="dialog", id="start-agenda"):
            yield Static("Make an agenda", classes="dialog-title")
            yield Static(plain(f"Your agendas are saved in {paths.user_agendas_dir()}."), id="settings-about")
            yield FormField("Start from", FieldSelect(
                [(self._label(name, agenda), name) for name, agenda in self.agendas.items()],
                value=first if first else Select.NULL, allow_blank=first is None, id="start-from", compact=True))
            yield FormField("Name", Input(placeholder="What your agenda is called", id="agenda-name", compact=True))
            yield Static(id="saved-as", classes="setting-help")
            yield Static(classes="dialog-error", id="settings-error")
            yield Static("Enter: next field (the last one starts) \u00b7 Ctrl+S: start \u00b7 Escape: close",
                         classes="dialog-hint")

    def _label(self, name: str, agenda: Agenda) -> Content:
        """The agenda's own name (user text: never markup), whose it is, and how long it takes."""
        whose = "comes with the app" if name in self.shipped else "yours"
        return one_line(f"{agenda.name} ({whose}, {minutes_in_words(agenda.total_minutes)})", 70)

    def on_mount(self) -> None:
        self._show_file()
        self.query_one("#start-from", FieldSelect).focus()

    def _stem(self) -> str:
        return file_stem(self.query_one("#agenda-name", Input).value)

    @on(Input.Changed, "#agenda-name")
    def _show_file(self) -> None:
        stem, line = self._stem(), self.query_one("#saved-as", Static)
        if not self.query_one("#agenda-name", Input).value.strip():
            line.update("")
        elif stem in self.shipped:
            line.update(join([(f"{stem}.toml", "bold"), " is an agenda that comes with the app: choose another name."]))
        elif user_agenda_path(stem).exists():
            line.update(join(["Saved as ", (f"{stem}.toml", "bold"),
                              ", which you already have: saving will ask before replacing it."]))
        else:
            line.update(join(["Saved as ", (f"{stem}.toml", "bold"), " in your agendas folder."]))
        self.query_one("#settings-error", Static).update("")

    def on_field_select_submitted(self, event: FieldSelect.Submitted) -> None:
        event.stop()
        self.query_one("#agenda-name", Input).focus()

    @on(Input.Submitted, "#agenda-name")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def _problem(self, sentence: str, field: str) -> None:
        self.query_one("#settings-error", Static).update(plain(sentence))
        self.query_one(f"#{field}").focus()

    def action_start(self) -> None:
        source = self.query_one("#start-from", FieldSelect).value
        name = " ".join(self.query_one("#agenda-name", Input).value.split())
        if not isinstance(source, str) or source not in self.agendas:
            self._problem("Choose an agenda to start from.", "start-from")
        elif not name:
            self._problem("Give your agenda a name.", "agenda-name")
        elif self._stem() in self.shipped:
            self._problem(f"{self._stem()} is an agenda that comes with the app; give yours another name.",
                          "agenda-name")
        else:
            self.dismiss(StartingPoint(source, self.agendas[source], name))

    def action_close(self) -> None:
        if not self.query_one("#agenda-name", Input).value.strip():
            self.dismiss(None)
            return

        def answered(lose: bool | None) -> None:
            if lose:
                self.dismiss(None)

        self.app.push_screen(ConfirmDialog("Close without making the agenda?", yes="Close", no="Keep typing"),
                             answered)
