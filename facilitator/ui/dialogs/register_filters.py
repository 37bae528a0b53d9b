"""Small dialogs for the decision register's filters: a workshop to look in, and a range of dates.

``WorkshopChoiceDialog`` lists "All workshops" and then every workshop (newest first, as the home
screen lists them); Enter picks one. ``DateRangeDialog`` asks for a first and last workshop date;
a blank box leaves that end open, and a date that is not YYYY-MM-DD gets one plain sentence while
the dialog stays open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain.models import Workshop
from facilitator.ui.text import join, one_line

DIALOG_CSS = """
{name} {{ align: center middle; background: $background 60%; }}
{name} > .dialog {{
    width: 72; max-width: 100%; height: auto; max-height: 90%;
    border: thick $border; background: $surface; padding: 0 1;
}}
{name} OptionList {{ height: auto; max-height: 16; margin: 1 0; }}
{name} Input {{ margin: 0 0 1 0; }}
{name} .dialog-error {{ color: $text-error; height: auto; }}
"""


def series_names(workshops: list[Workshop]) -> list[str]:
    """The distinct series the workshops belong to, in alphabetical order (blank ones left out)."""
    return sorted({w.series for w in workshops if w.series}, key=str.casefold)


@dataclass(frozen=True)
class WorkshopPick:
    """The workshop chosen in the dialog; ``workshop_id`` None means every workshop."""

    workshop_id: int | None = None
    title: str = ""


class WorkshopChoiceDialog(ModalScreen[WorkshopPick | None]):
    """Pick one workshop whose decisions the register shows, or all of them (Escape: no change)."""

    DEFAULT_CLASSES = "dialog-screen"
    DEFAULT_CSS = DIALOG_CSS.format(name="WorkshopChoiceDialog")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, workshops: list[Workshop], current: int | None) -> None:
        super().__init__()
        self.workshops = workshops
        self.current = current

    def compose(self) -> ComposeResult:
        options = [Option(Content("All workshops"), id="all")]
        for workshop in self.workshops:
            label = [one_line(workshop.title, 48)]
            if workshop.date:
                label += [(f"  {workshop.date}", "dim")]
            options.append(Option(join(label), id=str(workshop.id)))
        with Vertical(classes="dialog", id="workshop-choice"):
            yield Static(Content("Show decisions from which workshop?"), classes="dialog-title")
            yield OptionList(*options, id="workshop-options")
            yield Static(Content("Up/Down: move \u00b7 Enter: choose \u00b7 Escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        options = self.query_one("#workshop-options", OptionList)
        ids = [w.id for w in self.workshops]
        options.highlighted = ids.index(self.current) + 1 if self.current in ids else 0
        options.focus()

    @on(OptionList.OptionSelected, "#workshop-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id == "all":
            self.dismiss(WorkshopPick())
            return
        workshop = next(w for w in self.workshops if str(w.id) == event.option_id)
        self.dismiss(WorkshopPick(workshop.id, workshop.title))

    def action_cancel(self) -> None:
        self.dismiss(None)


def read_date(typed: str, which: str) -> str | None:
    """A typed date as YYYY-MM-DD, or None when blank; raises ValueError with a sentence for a person."""
    typed = typed.strip()
    if not typed:
        return None
    try:
        return date.fromisoformat(typed).isoformat()
    except ValueError:
        raise ValueError(f"The {which} date must be written as YYYY-MM-DD, for example 2025-03-14.") from None


class DateRangeDialog(ModalScreen[tuple[str | None, str | None] | None]):
    """The first and last workshop dates to show; blank means open at that end (Escape: no change)."""

    DEFAULT_CLASSES = "dialog-screen"
    DEFAULT_CSS = DIALOG_CSS.format(name="DateRangeDialog")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, since: str | None, until: str | None) -> None:
        super().__init__()
        self.since = since
        self.until = until

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="date-range"):
            yield Static(Content("Show decisions from workshops between two dates"), classes="dialog-title")
            yield Static(Content("From (YYYY-MM-DD)"))
            yield Input(self.since or "", placeholder="blank: from the first", id="date-from")
            yield Static(Content("To (YYYY-MM-DD)"))
            yield Input(self.until or "", placeholder="blank: to the last", id="date-to")
            yield Static(id="date-error", classes="dialog-error")
            yield Static(Content("Tab: next box \u00b7 Enter: show \u00b7 Escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#date-from", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        error = self.query_one("#date-error", Static)
        try:
            since = read_date(self.query_one("#date-from", Input).value, "from")
            until = read_date(self.query_one("#date-to", Input).value, "to")
        except ValueError as problem:
            error.update(Content(str(problem)))
            return
        if since and until and since > until:
            error.update(Content("The from date must not be after the to date."))
            return
        self.dismiss((since, until))

    def action_cancel(self) -> None:
        self.dismiss(None)
