"""Who is here: the people in one workshop, added, edited and marked in and out from the keyboard.

Forgetting someone (f) works everywhere, and s keeps a person on the series' standing roster:
both in ``roster_people_keys.py``.

Support needs are for the facilitator only: when the app is in presentation mode
(``app.presenting``) they are not on the screen at all, not even dimmed. Perspectives are health
information too ("lived experience"), so while presenting they are shown next to a name only for
people who chose to be named; everyone else's perspectives stay off the projected screen.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Resize, ScreenResume
from textual.screen import Screen
from textual.widgets import DataTable, Static

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import Attribution, Participant
from facilitator.ui.messages import DatabaseChanged
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.screens.roster_people_keys import RosterPeopleKeys
from facilitator.ui.text import cell, join, one_line
from facilitator.ui.widgets.keys_footer import WholeKeysFooter
from facilitator.ui.widgets.record_table import RecordTable
from facilitator.ui.widgets.status_line import StatusLine
from facilitator.ui.widgets.title_bar import TitleBar

SHOWN_AS = {
    Attribution.NAMED: "named",
    Attribution.PERSPECTIVE: "perspective",
    Attribution.ANONYMOUS: "anonymous",
}
SHOWN_AS_WIDTH, HERE_WIDTH = 11, 20
ON_A_PHONE = ", phone"  # after "✓ here 10:05": this person joined from their own phone
NARROW = 100
MAX_NAME_WIDTH, MAX_PERSPECTIVES_WIDTH = 30, 34
FORGOTTEN = "(forgotten)"


def clock_time(iso: str) -> str:
    """"10:05" from an ISO timestamp."""
    return iso[11:16] if len(iso) >= 16 else iso


def here_label(person: Participant, on_phone: bool = False) -> tuple[str, str]:
    """A symbol and words (never colour alone), and a style."""
    phone = ON_A_PHONE if on_phone else ""
    if person.arrived_at is None:
        return f"\u00b7 not here yet{phone}", "dim"
    if person.left_at is not None:
        return f"\u2190 left {clock_time(person.left_at)}{phone}", "dim"
    return f"\u2713 here {clock_time(person.arrived_at)}{phone}", "bold"


def person_name(person: Participant) -> str:
    return person.name if not person.forgotten else FORGOTTEN


class PeopleTable(RecordTable):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Edit")]


class RosterScreen(RosterPeopleKeys, SavesWithoutFreezing, Screen):
    CSS_PATH = "roster.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit", show=False),
        Binding("space", "toggle_here", "Here/left"),
        Binding("x", "remove", "Remove"),
        Binding("f", "forget", "Forget", tooltip="Forget this person in every workshop and note"),
        Binding("r", "recognise", "Their time",
                tooltip="How this person's time is recognised: paid, voucher, declined or donated, and expenses"),
        Binding("s", "series_roster", "Series roster",
                tooltip="Put this person on the series' standing roster, or take them off it"),
        Binding("u", "free_name", "Free phone", tooltip="Free this name from the phone that took it; that phone chooses again"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.people: dict[int, Participant] = {}
        self.on_phones: set[int] = set()  # people who joined from their own phone
        self.widths: tuple[int, ...] = ()
        self.showing_needs: bool | None = None
        self.currency = "\u00a3"  # the series' currency symbol, for "Their time" under the list
        self.showing_attribution: bool | None = None
        # Set by on_mount: the ScreenResume that follows the first mount need not load again.
        self.just_loaded = False

    def compose(self) -> ComposeResult:
        yield TitleBar(id="roster-title")
        yield Static(classes="status-line", id="roster-summary")
        yield PeopleTable(id="people")
        yield Static(id="empty", classes="empty-message")
        yield Static(id="person-details")
        yield StatusLine(id="roster-status")  # shown only while a change waits for another program
        yield WholeKeysFooter(compact=True)

    @property
    def table(self) -> PeopleTable:
        return self.query_one("#people", PeopleTable)

    def on_mount(self) -> None:
        try:
            workshop = self.app.store.workshop(self.workshop_id)
        except FacilitatorError as error:
            self.app.report_error(error)
            self.app.pop_screen()
            return
        self.query_one("#roster-title", TitleBar).update(
            join([("Who is here \u00b7 ", "bold"), one_line(workshop.title, 120)])
        )
        self.currency = self.app.store.series_settings(workshop.series).currency
        self.watch(self.app, "presenting", self._presenting_changed, init=False)
        self._fit_columns(self.app.size.width)
        self.reload()
        self.just_loaded = True
        self.table.focus()

    # -- showing ---------------------------------------------------------------------------------

    def _fit_columns(self, width: int) -> None:
        needs = not self.app.presenting
        # Below this width "Shown as" is left to the line under the table, so names fit.
        shown_as = width >= NARROW
        columns = 2 + shown_as + 1 + needs  # name, perspectives, (shown as), here, (needs)
        rest = max(30, width - (SHOWN_AS_WIDTH if shown_as else 0) - HERE_WIDTH - 2 * columns - 3)
        # Names and perspectives are short; wide screens give the room to support needs.
        if needs:
            name_width = min(MAX_NAME_WIDTH, rest * 40 // 100)
            perspectives_width = min(MAX_PERSPECTIVES_WIDTH, rest * 25 // 100)
            widths = (name_width, perspectives_width, rest - name_width - perspectives_width)
        else:
            widths = (min(MAX_NAME_WIDTH, rest // 2), min(MAX_PERSPECTIVES_WIDTH, rest - rest // 2))
        if widths == self.widths and needs == self.showing_needs and shown_as == self.showing_attribution:
            return
        self.widths, self.showing_needs, self.showing_attribution = widths, needs, shown_as
        layout = [("Name", widths[0]), ("Perspectives", widths[1])]
        if shown_as:
            layout.append(("Shown as", SHOWN_AS_WIDTH))
        layout.append(("Here", HERE_WIDTH))
        if needs:
            layout.append(("Support needs", widths[2]))
        self.table.set_columns(layout)

    def _perspectives(self, person: Participant) -> str:
        if not self.showing_needs and person.attribution != Attribution.NAMED:
            return "(not shown)"
        return ", ".join(p.value for p in person.perspectives) or "\u2013"

    def _cells(self, person: Participant) -> list[Text]:
        here, here_style = here_label(person, person.id in self.on_phones)
        style = "dim" if person.forgotten else ""
        cells = [
            cell(person_name(person), limit=self.widths[0], style=style or "bold"),
            cell(self._perspectives(person), limit=self.widths[1], style=style),
        ]
        if self.showing_attribution:
            cells.append(cell(SHOWN_AS[person.attribution], style=style))
        cells.append(cell(here, style=here_style))
        if self.showing_needs:
            cells.append(cell(person.support_needs, limit=self.widths[2], style=style))
        return cells

    def reload(self) -> None:
        try:
            people = self.app.store.participants(self.workshop_id)
            self.on_phones = self.app.store.people_on_devices(self.workshop_id)
        except FacilitatorError as error:
            self.app.report_error(error)
            return
        self.people = {p.id: p for p in people}
        self.table.replace_rows([(p.id, self._cells(p)) for p in people])
        here = sum(1 for p in people if p.is_present)
        left = sum(1 for p in people if p.left_at is not None)
        waiting = sum(1 for p in people if p.arrived_at is None)
        summary = f"{len(people)} {'person' if len(people) == 1 else 'people'}: {here} here, {left} left, {waiting} not here yet"
        if self.on_phones:
            summary += f", {len(self.on_phones)} on their own phones"
        if not self.showing_needs:
            summary += "\nPresenting: support needs, and perspectives of people not named, are hidden."
        self.query_one("#roster-summary", Static).update(Content(summary))
        self.table.display = bool(people)
        empty = self.query_one("#empty", Static)
        empty.display = not people
        empty.update(Content("Nobody on the roster yet. Press a to add the first person."))
        self._show_details()

    def _show_details(self) -> None:
        details = self.query_one("#person-details", Static)
        person = self.people.get(self.table.selected_id or -1)
        if person is None:
            details.update("")
            return
        from facilitator.ui.dialogs.person import ATTRIBUTION_LABELS

        parts: list = [(person_name(person), "bold"), " \u00b7 ", self._perspectives(person), " \u00b7 ",
                       ATTRIBUTION_LABELS[person.attribution]]
        if person.id in self.on_phones:
            parts += [" \u00b7 joined from their own phone (u frees the name)"]
        if self.showing_needs:
            parts += ["\n", ("Support needs: ", "bold"), one_line(person.support_needs or "none recorded", 300)]
            parts += self._their_time(person)
        if self._series() and self.on_standing_roster(person.id):
            parts += ["\nOn the series' standing roster: new workshops list them (s: off)."]
        details.update(join(parts))
        self.refresh_bindings()

    def _their_time(self, person: Participant) -> list:
        """How their time is recognised (private, like support needs), or nothing when not recorded."""
        from facilitator.domain.recognition import describe, expenses_of, format_money

        given = self.app.store.recognition_for(person.id)
        if given is None:
            return []
        expenses = expenses_of(given)
        money = f", expenses {format_money(expenses, self.currency)}" if expenses else ""
        return [" \u00b7 ", ("Their time: ", "bold"), one_line(describe(given) + money, 120)]

    # -- events ----------------------------------------------------------------------------------

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self.reload()

    def on_screen_resume(self, event: ScreenResume) -> None:
        if self.just_loaded:
            self.just_loaded = False
            return
        self.reload()

    @on(Resize)
    def _resized(self, event: Resize) -> None:
        before = (self.widths, self.showing_attribution)
        self._fit_columns(event.size.width)
        if (self.widths, self.showing_attribution) != before:
            self.reload()

    def _presenting_changed(self, presenting: bool) -> None:
        self._fit_columns(self.app.size.width)
        self.reload()

    @on(DataTable.RowHighlighted, "#people")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_details()

    @on(DataTable.RowSelected, "#people")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    # -- actions ---------------------------------------------------------------------------------

    def _selected_person(self) -> Participant | None:
        person = self.people.get(self.table.selected_id or -1)
        if person is None:
            self.notify("Nobody is selected: press a to add someone.", severity="warning")
        return person

    def action_add(self) -> None:
        from facilitator.ui.dialogs.person import PersonDialog

        self.app.push_screen(PersonDialog(self.workshop_id), self._added)

    def _added(self, person_id: int | None) -> None:
        if person_id is None:
            return
        self.reload()
        self.table.select_id(person_id)
        person = self.people[person_id]
        where = "marked as here" if person.is_present else "not marked as here yet"
        self.notify(join([("Added ", ""), person.name, f" ({where}). Press a to add another."]).plain,
                    markup=False)

    def action_edit(self) -> None:
        from facilitator.ui.dialogs.person import PersonDialog

        person = self._selected_person()
        if person is None:
            return
        if person.forgotten:
            self.notify("This person was forgotten, so there is nothing of theirs left to edit.", severity="warning")
            return
        self.app.push_screen(PersonDialog(self.workshop_id, person), self._edited)

    def action_recognise(self) -> None:
        from facilitator.ui.dialogs.recognition_dialog import RecognitionDialog

        person = self._selected_person()
        if person is None:
            return
        if person.forgotten:
            self.notify("This person was forgotten; record their time before forgetting them.", severity="warning")
            return
        if self.app.presenting:  # payments and expenses are private, like support needs
            self.notify("How people are paid is private: press f5 for the private view first.", severity="warning")
            return
        self.app.push_screen(RecognitionDialog(person, self.app.store.recognition_for(person.id)), self._edited)

    def _edited(self, person_id: int | None) -> None:
        if person_id is not None:
            self.reload()

    def _write(self, change, then=None) -> None:
        """Save ``change(store)``; reload and run ``then()`` once it is committed (at once, or
        after another program lets go of the database: the screen keeps working meanwhile)."""

        def committed(_result) -> None:
            self.app.announce_change()
            self.reload()
            if then is not None:
                then()

        self.save(change, done=committed)

    def show_saving_state(self, seconds: float | None) -> None:
        status = self.query_one("#roster-status", StatusLine)
        if seconds is None:
            status.info("")
        else:
            status.waiting(seconds)

    def action_toggle_here(self) -> None:
        person = self._selected_person()
        if person is None:
            return
        person_id = person.id
        if person.is_present:
            self._write(lambda store: store.mark_left(person_id))
        else:
            self._write(lambda store: store.mark_arrived(person_id))

    def action_remove(self) -> None:
        from facilitator.ui.dialogs.confirm import ConfirmDialog

        person = self._selected_person()
        if person is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(lambda store: store.remove_participant(person.id),
                            then=lambda: self.notify("Removed from the roster."))

        question = f"Take {person_name(person)} off the roster?"
        self.app.push_screen(
            ConfirmDialog(question, yes="Remove", detail="Someone who has contributed cannot be removed: mark them as left, or forget them."),
            answered,
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "free_name":  # only for someone a phone has taken
            return (self.table.selected_id or -1) in self.on_phones
        if action == "series_roster":  # only in a workshop of a series
            return bool(self._series())
        return True

    def action_free_name(self) -> None:
        person = self._selected_person()
        if person is None or person.id not in self.on_phones:
            return
        self._write(lambda store: store.release_person(person.id), then=lambda: self.notify(
            join([person_name(person), "'s name is free: the phone that took it chooses again."]).plain, markup=False))

    def action_back(self) -> None:
        self.app.pop_screen()
