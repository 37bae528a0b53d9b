"""Small dialogs for the decision register's filters: a workshop to look in, and a range of dates.

``WorkshopChoiceDialog`` lists "All workshops" and then the workshops (newest first, as the home
screen lists them); typing narrows the list to workshops whose title, date or series hold every
word typed, and Enter picks one. It shows at most ``MOST_SHOWN`` workshops at a time: an option
list takes about 0.25 ms a row to lay out, so 5,000 workshops kept the dialog from opening for
over a second. ``DateRangeDialog`` asks for a first and last workshop date, written as any form
does (day first, 31/01/2027, or a word such as today; see ``domain.dates``); a blank box leaves
that end open, and a date it cannot read gets one plain sentence while the dialog stays open.
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
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain import dates
from facilitator.domain.errors import InvalidText
from facilitator.storage.register_choices import WorkshopChoice
from facilitator.ui.text import join, one_line

# The workshop choice lists this many at most; typing finds the others.
MOST_SHOWN = 100

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


@dataclass(frozen=True)
class WorkshopPick:
    """The workshop chosen in the dialog; ``workshop_id`` None means every workshop."""

    workshop_id: int | None = None
    title: str = ""


class WorkshopChoiceDialog(ModalScreen[WorkshopPick | None]):
    """Pick one workshop whose decisions the register shows, or all of them (Escape: no change).

    The list keeps the focus, so Up, Down, Home, End, PageUp, PageDown and Enter work on it as
    in any list; letters, digits, spaces and punctuation narrow it, Backspace takes one back.
    """

    DEFAULT_CLASSES = "dialog-screen"
    DEFAULT_CSS = DIALOG_CSS.format(name="WorkshopChoiceDialog")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, choices: list[WorkshopChoice], current: int | None) -> None:
        super().__init__()
        self.choices = choices
        self.current = current
        self.typed = ""
        self.workshops: list[WorkshopChoice] = []  # the ones listed now, in order after "All workshops"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="workshop-choice"):
            yield Static(Content("Show decisions from which workshop?"), classes="dialog-title")
            yield Static(id="workshop-typed")
            yield OptionList(id="workshop-options")
            yield Static(id="workshop-count", classes="dialog-hint")
            yield Static(Content("Type: find \u00b7 Up/Down: move \u00b7 Enter: choose \u00b7 Escape: cancel"),
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self._narrow()
        options = self.query_one("#workshop-options", OptionList)
        ids = [w.id for w in self.workshops]
        options.highlighted = ids.index(self.current) + 1 if self.current in ids else 0
        options.focus()

    def _narrow(self) -> None:
        """List the workshops that match what was typed (the newest ``MOST_SHOWN`` of them)."""
        words = self.typed.casefold().split()
        matching = [w for w in self.choices if w.matches(words)] if words else self.choices
        shown = matching[:MOST_SHOWN]
        if not words and self.current is not None and self.current not in {w.id for w in shown}:
            # The workshop chosen now stays in the list, so opening the dialog never loses it.
            shown += [w for w in matching if w.id == self.current]
        self.workshops = shown
        options = [Option(Content("All workshops"), id="all")]
        for workshop in shown:
            label = [one_line(workshop.title, 48)]
            if workshop.date:
                label += [(f"  {workshop.date}", "dim")]
            options.append(Option(join(label), id=str(workshop.id)))
        option_list = self.query_one("#workshop-options", OptionList)
        option_list.set_options(options)
        # With words typed, Enter picks the first workshop found rather than all of them.
        option_list.highlighted = 1 if words and shown else 0
        typed = self.query_one("#workshop-typed", Static)
        if self.typed:
            typed.update(join([("Find: ", "bold"), one_line(self.typed, 60), ("\u258f", "")]))
        else:
            typed.update(Content.styled("Type part of a title, a date or a series to find a workshop.", "dim"))
        self.query_one("#workshop-count", Static).update(Content(self._count_line(len(matching))))

    def _count_line(self, matching: int) -> str:
        total = len(self.choices)
        if not self.typed.split():
            if matching > MOST_SHOWN:
                return f"The newest {MOST_SHOWN} of {total:,} workshops are listed: type to find the others."
            return ""
        if not matching:
            return "No workshop matches that: Backspace to change it."
        if matching > MOST_SHOWN:
            return f"The newest {MOST_SHOWN} of {matching:,} matching workshops are listed: type more to narrow."
        return f"{matching:,} of {total:,} workshops match." if matching > 1 or total > 1 else ""

    def on_key(self, event: Key) -> None:
        if event.key == "backspace":
            if self.typed:
                self.typed = self.typed[:-1]
                self._narrow()
        elif event.character and event.is_printable:
            self.typed += event.character
            self._narrow()
        else:
            return
        event.stop()
        event.prevent_default()

    @on(OptionList.OptionSelected, "#workshop-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id == "all":
            self.dismiss(WorkshopPick())
            return
        workshop = next(w for w in self.workshops if str(w.id) == event.option_id)
        self.dismiss(WorkshopPick(workshop.id, workshop.title))

    def action_cancel(self) -> None:
        """Escape takes back what was typed first, as in the register's search box; then cancels."""
        if self.typed:
            self.typed = ""
            self._narrow()
        else:
            self.dismiss(None)


def read_date(typed: str, which: str, today: str) -> str | None:
    """A typed date as YYYY-MM-DD, or None when blank; raises ``InvalidText`` with a sentence."""
    day = dates.read_date(typed, date.fromisoformat(today), f"{which} date")
    return day.isoformat() if day is not None else None


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
            yield Static(Content("From (day/month/year)"))
            yield Input(self.since or "", placeholder="blank: from the first", id="date-from")
            yield Static(Content("To (day/month/year)"))
            yield Input(self.until or "", placeholder="blank: to the last", id="date-to")
            yield Static(id="date-error", classes="dialog-error")
            yield Static(Content("Tab: next box \u00b7 Enter: show \u00b7 Escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#date-from", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        error = self.query_one("#date-error", Static)
        today = self.app.store.today()
        try:
            since = read_date(self.query_one("#date-from", Input).value, "from", today)
            until = read_date(self.query_one("#date-to", Input).value, "to", today)
        except InvalidText as problem:
            error.update(Content(str(problem)))
            return
        if since and until and since > until:
            error.update(Content("The from date must not be after the to date."))
            return
        self.dismiss((since, until))

    def action_cancel(self) -> None:
        self.dismiss(None)
