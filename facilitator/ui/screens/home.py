"""Home: the workshops in this file, in progress first, then planned, then past (newest first).

Stays quick with thousands of workshops: the table holds one page (``PAGE`` rows) and the next
page is added when the cursor comes near the end, so opening the app never waits for rows
nobody can see yet.
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
from textual.widgets import DataTable, Input, Static

from facilitator.domain.errors import FacilitatorError
from facilitator.storage.first_page import FirstPage, WorkshopRow
from facilitator.ui.messages import DatabaseChanged
from facilitator.ui.screens.home_places import HomePlaces
from facilitator.ui.text import cell, join, one_line, show_date
from facilitator.ui.widgets.keys_footer import KeysFooter
from facilitator.ui.widgets.record_table import RecordTable
from facilitator.ui.widgets.title_bar import TitleBar

PAGE = 60
# Load the next page when the cursor is this close to the last row shown.
PAGE_AHEAD = 10
# Drawn from a first page read before the Store was opened: the most refreshes to wait for the
# footer's keys before the app opens the Store anyway.
OPEN_STORE_AFTER_REFRESHES = 5

# A symbol and a word for each status (the values of ``WorkshopStatus``), so colour is never
# the only signal. (The screen reads plain rows, not models: it is drawn before pydantic loads.)
STATUS_LABELS = {
    "in progress": ("\u25b6 in progress", "bold"),
    "planned": ("\u25cb planned", ""),
    "finished": ("\u2713 finished", ""),
}
DATE_WIDTH, INVOLVEMENT_WIDTH, STATUS_WIDTH = 11, 13, 13
# Cell padding (1 each side of 4 columns), the vertical scrollbar and a spare column.
FIXED_WIDTH = DATE_WIDTH + INVOLVEMENT_WIDTH + STATUS_WIDTH + 8 + 3
MIN_TITLE_WIDTH = 16
# Wider than this and the eye loses the row between the title and its status.
MAX_TITLE_WIDTH = 90




def workshop_cells(workshop: WorkshopRow, title_width: int) -> list[Text]:
    label, style = STATUS_LABELS.get(workshop.status, (workshop.status, ""))
    return [
        cell(show_date(workshop.date), style=style),
        cell(workshop.title, limit=title_width, style=style),
        cell(workshop.involvement, style=style),
        cell(label, style=style),
    ]


class WorkshopTable(RecordTable):
    # Shown in the footer: the table has the focus, so its Enter is the one that counts.
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Open")]


class HomeScreen(HomePlaces, Screen):
    # No CSS_PATH: home's rules are in app.tcss (a screen's own CSS, pushed first, would make
    # Textual parse every stylesheet once more before the first frame).
    # The list has the focus from the start. (Textual would focus the first focusable widget, the
    # hidden filter box, and on_mount then moved it: one more rebuild of the footer's keys.)
    AUTO_FOCUS = "#workshops"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open", show=False),
        Binding("n", "new", "New"),
        Binding("p", "people", "People"),
        Binding("a", "make_agenda", "Agendas"),
        Binding("c", "capture", "Capture", show=False),
        Binding("d", "demo", "Demo", show=False),
        Binding("D", "decisions", "Decisions"),
        Binding("F", "follow_up", "Follow-up"),
        Binding("i", "pack", "Invitation", tooltip="Save the invitation pack for the selected workshop"),
        Binding("e", "edit_details", "Details", show=False,
                tooltip="Change the start time, access, contact and hourly rate for the invitation pack"),
        Binding("R", "recognition_sheet", "Time sheet", show=False,
                tooltip="Save who is owed what for their time, for finance (private)"),
        Binding("s", "search_everything", "Search all", tooltip="Find anything said before, in every workshop"),
        Binding("slash", "filter", "Find"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    COMMAND_NAMES: ClassVar[dict[str, str | tuple[str, str]]] = {
        "make_agenda": ("Make an agenda", "Start from an agenda you have; add, remove, move and change its stages"),
        "edit_details": "Edit the invitation details",
        "recognition_sheet": "Save the recognition sheet",
    }

    def __init__(self, first_page: FirstPage | None = None) -> None:
        """``first_page``: the list as read before the app opened its Store (``storage.first_page``);
        shown as it is, and the app opens the Store once it is on screen."""
        super().__init__()
        self.first_page = first_page
        self.filter_text = ""
        self.total = 0
        self.wanted_rows = PAGE
        self.title_width = 0
        self.workshops: dict[int, WorkshopRow] = {}
        # Set by on_mount: the ScreenResume that follows the first mount need not load again.
        self.just_loaded = False
        # The agenda last saved in the agenda editor: the one a new workshop is offered first.
        self.agenda_made: str | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar("Workshops", id="home-title")
        yield Input(placeholder="Filter by title (Enter: back to the list, Escape: clear)", id="filter")
        yield WorkshopTable(id="workshops")
        yield Static(id="empty", classes="empty-message")
        yield Static(id="details")
        yield KeysFooter(compact=True)

    def on_mount(self) -> None:
        self.query_one("#filter", Input).display = False
        if self.first_page is None:
            self.reload()
        else:
            self.total = self.first_page.total
            self._show(self.first_page.rows)
            self.first_page = None
            self.call_after_refresh(self._open_store_once_drawn)
        self.just_loaded = True
        self.query_one(RecordTable).focus()

    def _open_store_once_drawn(self, refreshes: int = 0) -> None:
        """Have the app open its Store once this screen is drawn whole, footer keys included.

        The footer's keys come a refresh or two after the list (Textual builds them once the
        focus is known); opening the Store (about 150 ms of imports) waits for them, so the first
        frame a person sees is complete. A key pressed sooner opens it at once (``app.on_event``).
        """
        if self.query_one(KeysFooter).keys_shown or refreshes >= OPEN_STORE_AFTER_REFRESHES:
            self.call_after_refresh(self.app.finish_opening)
        else:
            self.call_after_refresh(self._open_store_once_drawn, refreshes + 1)

    @property
    def table(self) -> RecordTable:
        return self.query_one("#workshops", RecordTable)

    # -- loading -------------------------------------------------------------------------------

    def _fetch(self, limit: int, offset: int = 0) -> list[WorkshopRow]:
        store = self.app.store
        if not self.filter_text:
            self.total = store.count_workshops()
            return store.workshop_rows(limit=limit, offset=offset)
        needle = self.filter_text.casefold()
        # Filtering reads every title once; fine for thousands, and only while a filter is typed.
        matches = [w for w in store.workshop_rows() if needle in w.title.casefold()]
        self.total = len(matches)
        return matches[offset : offset + limit]

    def reload(self) -> None:
        """Re-read the workshops shown, keeping the selection and the scroll position."""
        self._show(self._fetch(max(self.wanted_rows, self.table.row_count)))

    def _show(self, workshops: list[WorkshopRow]) -> None:
        """Show these rows in place of the ones shown, keeping the selection and the scroll position."""
        self.workshops = {w.id: w for w in workshops}
        self._fit_columns(self.app.size.width)
        self.table.replace_rows([(w.id, workshop_cells(w, self.title_width)) for w in workshops])
        self._show_counts()

    def load_more(self) -> None:
        shown = self.table.row_count
        if shown >= self.total:
            return
        workshops = self._fetch(PAGE, offset=shown)
        self.wanted_rows = shown + PAGE
        self.workshops.update((w.id, w) for w in workshops)
        if self._fit_columns(self.app.size.width):
            self.reload()  # a longer title came in: the columns were rebuilt
            return
        self.table.append_rows([(w.id, workshop_cells(w, self.title_width)) for w in workshops])
        self._show_counts()

    def _fit_columns(self, width: int) -> bool:
        """Size the title column to the longest title loaded, within the screen; True if changed."""
        longest = max((len(w.title) for w in self.workshops.values()), default=0)
        room = min(MAX_TITLE_WIDTH, max(MIN_TITLE_WIDTH, width - FIXED_WIDTH))
        title_width = max(MIN_TITLE_WIDTH, min(longest, room))
        if title_width == self.title_width:
            return False
        self.title_width = title_width
        self.table.set_columns(
            [("Date", DATE_WIDTH), ("Title", title_width), ("Involvement", INVOLVEMENT_WIDTH),
             ("Status", STATUS_WIDTH)]
        )
        return True

    def _show_counts(self) -> None:
        shown, total = self.table.row_count, self.total
        what = f"{total:,} workshop{'s' if total != 1 else ''}"
        if self.filter_text:
            what += " with that in the title"
        if shown < total:
            what += f", first {shown:,} shown (more load as you move down)"
        self.query_one("#home-title", TitleBar).update(Content(f"Workshops \u00b7 {what}"))
        empty = self.query_one("#empty", Static)
        empty.display = shown == 0
        self.table.display = shown > 0
        if shown == 0 and self.filter_text:
            empty.update(Content("No workshop titles contain that text. Escape clears the filter."))
        elif shown == 0:
            empty.update(Content(
                "No workshops yet.\n\nPress n to start one from an agenda,\nor d to add the demo workshops."
            ))
        self._show_details()

    def _show_details(self) -> None:
        details = self.query_one("#details", Static)
        workshop = self.workshops.get(self.table.selected_id or -1)
        if workshop is None:
            details.update("")
            return
        parts: list = []
        for label, value in (("Place", workshop.place), ("Series", workshop.series),
                             ("Agenda", workshop.agenda_name)):
            if value:
                parts += [(f"{label}: ", "bold"), one_line(value, 60), "   "]
        if workshop.purpose:
            parts += ["\n", ("Purpose: ", "bold"), one_line(workshop.purpose, 2 * self.app.size.width)]
        details.update(join(parts) if parts else Content("No place, series or purpose recorded."))

    # -- events --------------------------------------------------------------------------------

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self.reload()

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Back from another screen: what it changed (or another terminal did) shows here.
        if self.just_loaded:
            self.just_loaded = False
            return
        self.reload()

    @on(Resize)
    def _resized(self, event: Resize) -> None:
        # The rows held are redrawn to the new width: nothing new needs reading (and the Store
        # may not be open yet, just after the start).
        if self._fit_columns(event.size.width):
            self._show(list(self.workshops.values()))

    @on(DataTable.RowHighlighted, "#workshops")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_details()
        if event.cursor_row >= self.table.row_count - PAGE_AHEAD:
            self.load_more()

    @on(DataTable.RowSelected, "#workshops")
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.filter_text = event.value.strip()
        self.wanted_rows = PAGE
        self.reload()

    @on(Input.Submitted, "#filter")
    def _filter_done(self, event: Input.Submitted) -> None:
        self.table.focus()

    # -- actions -------------------------------------------------------------------------------

    def _selected_workshop(self) -> int | None:
        workshop_id = self.table.selected_id
        if workshop_id is None:
            self.notify("There is no workshop to choose yet: press n to start one.", severity="warning")
        return workshop_id

    def action_open(self) -> None:
        workshop_id = self._selected_workshop()
        if workshop_id is not None:
            self.app.open_workshop("run", workshop_id)

    def action_capture(self) -> None:
        workshop_id = self._selected_workshop()
        if workshop_id is not None:
            self.app.open_workshop("capture", workshop_id)

    def action_new(self) -> None:
        from facilitator.ui.dialogs.new_workshop import NewWorkshopDialog

        self.app.push_screen(NewWorkshopDialog(agenda=self.agenda_made), self._created)

    def _created(self, workshop_id: int | None) -> None:
        if workshop_id is None:
            return
        self.select_workshop(workshop_id)
        # A workshop in a series starts with its standing roster listed (storage/series_roster.py).
        listed = len(self.app.store.participants(workshop_id))
        if listed:
            people = f"{listed} {'person' if listed == 1 else 'people'}"
            self.notify(f"Workshop created, listing {people} from the series' standing roster (not yet marked "
                        "as here). Press p to see them, or Enter to run it.")  # fmt: skip
        else:
            self.notify("Workshop created. Press p to add people, or Enter to run it.")

    def select_workshop(self, workshop_id: int) -> None:
        """Show and select a workshop, clearing a filter that would hide it."""
        if self.filter_text:
            self.action_clear_filter()
        self.reload()
        while not self.table.select_id(workshop_id) and self.table.row_count < self.total:
            self.load_more()

    def action_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if not box.display:
            return
        box.display = False
        if box.value:
            box.value = ""  # Input.Changed reloads the list
        self.filter_text = ""
        self.table.focus()

    def action_demo(self) -> None:
        from facilitator.ui.dialogs.confirm import ConfirmDialog

        try:
            from facilitator import demo
        except ModuleNotFoundError as error:
            if error.name != "facilitator.demo":
                raise
            self.notify("The demo is not part of this version yet.", severity="warning")
            return

        def add_demo(yes: bool | None = True) -> None:
            if not yes:
                return
            try:
                _finished_id, in_progress_id = demo.seed_demo(self.app.store)
            except FacilitatorError as error:
                self.app.report_error(error)
                return
            self.app.announce_change()
            self.select_workshop(in_progress_id)
            self.notify("The demo workshop in progress is selected: Enter opens it.")

        # Already in this file: just select it (seeding again adds nothing).
        if self.app.store.workshop_by_uid(getattr(demo, "IN_PROGRESS_UID", "")) is not None:
            add_demo()
            return
        self.app.push_screen(
            ConfirmDialog(
                "Add the demo workshops to this file?",
                yes="Add",
                detail="One finished workshop and one in progress, with made-up people, to try things out.",
            ),
            add_demo,
        )
