"""Which kind of stage to add: every kind the agenda schema knows, each with what it is for.

Closes with the kind's name, or ``None`` (Escape: nothing has been typed, so nothing is lost).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain.agenda_form import about_kind, stage_models
from facilitator.ui.text import join


class ChooseKindDialog(ModalScreen[str | None]):
    CSS_PATH = "settings_form.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="choose-kind"):
            yield Static("Add a stage: which kind?", classes="dialog-title")
            yield OptionList(
                *[Option(join([(kind, "bold"), " \u2013 ", about_kind(kind)]), id=kind) for kind in stage_models()],
                id="kinds",
            )
            yield Static("Enter: add this kind \u00b7 Escape: close", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
