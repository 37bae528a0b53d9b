"""The decision register: every decision across workshops, found by typing a word.

The search box narrows the list as a person types. Each change waits ``DEBOUNCE_SECONDS`` for the
next key, then a thread worker runs the query and returns the rows; the rows are put on screen
by the main thread when the worker reports success (a worker never touches a widget). Only one
page of ``PAGE`` decisions is in the table at a time: a DataTable takes about 0.24 s per 1,000
rows, and a register can hold 100,000 decisions.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Resize, ScreenResume
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static
from textual.worker import Worker, WorkerState

from facilitator.domain.decision_changes import since_the_day as changes_since
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import DecisionStatus
from facilitator.storage.register import REVIEW_SOON_DAYS, DecisionSummary
from facilitator.ui.messages import DatabaseChanged
from facilitator.ui.screens.register_filter_keys import RegisterFilterKeys
from facilitator.ui.screens.register_search import PAGE, Found, Search, count_found, find_page
from facilitator.ui.text import cell, join, one_line, show_date
from facilitator.ui.widgets.keys_footer import WholeKeysFooter

DEBOUNCE_SECONDS = 0.15
# A symbol and a word for each status, so colour is never the only signal.
STATUS_LABELS = {
    DecisionStatus.AGREED: ("\u2713 agreed", ""),
    DecisionStatus.DEFERRED: ("\u2026 deferred", ""),
    DecisionStatus.REJECTED: ("\u2717 rejected", "dim"),
    DecisionStatus.SUPERSEDED: ("\u21bb replaced", "dim"),
}
DATE_WIDTH, STATUS_WIDTH, REVIEW_WIDTH, WORKSHOP_WIDTH = 11, 12, 13, 24
# Cell padding (one each side of five columns) and the scrollbar; the decision gets the rest.
FIXED_WIDTH = DATE_WIDTH + STATUS_WIDTH + REVIEW_WIDTH + WORKSHOP_WIDTH + 10 + 2
MIN_DECISION_WIDTH = 20
# On a narrow screen (80 columns) the workshop column gives way to this, and the status to the
# width of its longest label, so the decision itself is in view and not off the right edge.
NARROWEST_WORKSHOP, NARROWEST_STATUS, WANTED_DECISION_WIDTH = 10, 10, 30


def since_the_day(item: DecisionSummary) -> str:
    """"changed 3 Mar 2026" (its status, review date or wording), "reviewed 5 May 2026", both, or ""."""
    return changes_since(item.changed_at, item.reviewed_at, show_date)


def review_soon(review_date: str | None, today: str) -> bool:
    if not review_date:
        return False
    soon = (date.fromisoformat(today) + timedelta(days=REVIEW_SOON_DAYS)).isoformat()
    return review_date <= soon


class ResultsTable(DataTable):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Open")]


class RegisterScreen(RegisterFilterKeys, Screen):
    CSS_PATH = "register.tcss"
    # No focus is chosen for us (on_mount focuses the search box): back from a filter dialog with
    # no rows left, auto focus would put the search box in the way of the next filter key.
    AUTO_FOCUS = ""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("down", "focus_results", "Results", show=False),
        Binding("s", "next_status", "Status"),
        Binding("a", "toggle_all", "Replaced too"),
        Binding("d", "toggle_review_due", "Review due"),
        Binding("e", "next_series", "Series"),
        Binding("w", "choose_workshop", "Workshop"),
        Binding("t", "choose_dates", "Dates"),
        Binding("pagedown", "page(1)", "Next page", priority=True),
        Binding("pageup", "page(-1)", "Previous page", priority=True),
        Binding("f", "follow_up", "Follow-up"),
        Binding("r", "report", "Report"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.search = Search()
        self.found = Found(Search())
        self.total: int | None = None
        # Set once the first page is on screen (benchmarks and tests wait for it).
        self.shown_page_loaded = False
        self._debounce: Timer | None = None
        self.decision_width = 0
        self.workshop_width = WORKSHOP_WIDTH
        self._box_had_text = False
        self._shown_before = False

    def compose(self) -> ComposeResult:
        yield Static(Content("Decision register"), id="register-title", classes="screen-title")
        yield Input(placeholder="Search decisions, their reasons and ideas: type to narrow", id="register-search")
        yield Static(id="register-filters", classes="status-line")
        yield ResultsTable(id="register-results", cursor_type="row")
        yield Static(id="register-empty", classes="empty-message")
        yield Static(id="register-why")
        yield Static(id="register-page", classes="status-line")
        yield WholeKeysFooter(compact=True)

    def on_mount(self) -> None:
        self._fit_columns(self.app.size.width)
        self.query_one("#register-empty", Static).display = False
        self.query_one("#register-search", Input).focus()
        self._refilter()  # the first page and the filter line, before the first paint

    @property
    def table(self) -> ResultsTable:
        return self.query_one("#register-results", ResultsTable)

    def _fit_columns(self, width: int) -> None:
        """The decision column takes what the others leave, so no row scrolls sideways."""
        lack = max(0, WANTED_DECISION_WIDTH - (width - FIXED_WIDTH))
        workshop_width = WORKSHOP_WIDTH - min(WORKSHOP_WIDTH - NARROWEST_WORKSHOP, lack)
        status_width = STATUS_WIDTH if workshop_width == WORKSHOP_WIDTH else NARROWEST_STATUS
        rest = width - (FIXED_WIDTH - WORKSHOP_WIDTH - STATUS_WIDTH + workshop_width + status_width)
        decision_width = max(MIN_DECISION_WIDTH, rest)
        if (decision_width, workshop_width) == (self.decision_width, self.workshop_width):
            return
        self.decision_width, self.workshop_width = decision_width, workshop_width
        table = self.table
        table.clear(columns=True)
        for label, column_width in (("Date", DATE_WIDTH), ("Status", status_width), ("Review", REVIEW_WIDTH),
                                    ("Workshop", workshop_width), ("Decision", decision_width)):  # fmt: skip
            table.add_column(label, width=column_width, key=label)
        if self.shown_page_loaded:
            self._show(self.found)

    @on(Resize)
    def _resized(self, event: Resize) -> None:
        self._fit_columns(event.size.width)

    # -- searching -----------------------------------------------------------------------------

    @on(Input.Changed, "#register-search")
    def _typed(self, event: Input.Changed) -> None:
        # What Escape does depends on whether anything is typed: redraw the hint only when that
        # changes, not on every key.
        if bool(event.value) != self._box_had_text:
            self._box_had_text = bool(event.value)
            self._show_filters()
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._search_typed)

    def _search_typed(self) -> None:
        self._debounce = None
        query = self.query_one("#register-search", Input).value
        if query != self.search.query:
            self.search = replace(self.search, query=query, page=0)
            self.run_search()

    def run_search(self) -> None:
        """Look for ``self.search`` in a worker; the newest request wins (``exclusive``)."""
        self.total = None
        self._load_page(self.app.store, self.search)
        self._count(self.app.store, self.search)

    @work(thread=True, exclusive=True, group="register-page", exit_on_error=False)
    def _load_page(self, store, search: Search) -> Found:
        return find_page(store, search)

    @work(thread=True, exclusive=True, group="register-count", exit_on_error=False)
    def _count(self, store, search: Search) -> tuple[Search, int]:
        return count_found(store, search)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        worker = event.worker
        if event.state == WorkerState.ERROR:
            error = worker.error
            if isinstance(error, FacilitatorError):
                self.app.notify(str(error), severity="error", markup=False)
                return
            raise error
        if event.state != WorkerState.SUCCESS:
            return
        if worker.group == "register-page" and worker.result.search == self.search:
            self._show(worker.result)
        elif worker.group == "register-count" and worker.result[0] == self.search:
            self.total = worker.result[1]
            self._show_page_line()

    def _show(self, found: Found) -> None:
        """Put one page on screen (main thread), keeping the cursor on the same decision if it is there."""
        table = self.table
        keep = self.selected.decision.id if self.selected else None
        self.found = found
        today = self.app.store.today()
        table.clear()
        for item in found.items:
            # A decision changed or reviewed since the day takes two lines: the second says when.
            table.add_row(*self._cells(item, today), key=str(item.decision.id), height=2 if since_the_day(item) else 1)
        ids = [item.decision.id for item in found.items]
        if keep in ids:
            table.move_cursor(row=ids.index(keep))
        empty = self.query_one("#register-empty", Static)
        empty.display = not found.items
        if not found.items and self.focused is table:
            # Hiding the focused table would put the focus in the search box, where the next
            # filter key (s, e, t...) would be typed: leave the keys with the screen instead.
            self.set_focus(None)
        table.display = bool(found.items)
        if not found.items:
            empty.update(self._empty_message())
        self._show_why()
        self._show_page_line()
        self.shown_page_loaded = True

    def _cells(self, item: DecisionSummary, today: str) -> list[Text]:
        decision = item.decision
        label, style = STATUS_LABELS.get(decision.status, (decision.status.value, ""))
        review = show_date(decision.review_date)
        if review and review_soon(decision.review_date, today) and decision.status != DecisionStatus.SUPERSEDED:
            review = "! " + review  # due for review soon, or overdue (a plain mark: columns stay aligned)
        return [
            cell(show_date(item.workshop_date), style=style),
            cell(label, style=style),
            cell(review or "-", style=style),
            cell(item.workshop_title, limit=self.workshop_width, style=style),
            self._decision_cell(item, style),
        ]

    def _decision_cell(self, item: DecisionSummary, style: str) -> Text:
        statement = cell(item.decision.statement, limit=self.decision_width, style=style)
        since = since_the_day(item)
        if not since:
            return statement
        when = cell(f"({since})", limit=self.decision_width, style=f"{style} italic".strip())
        return Text.assemble(statement, "\n", when, no_wrap=True, end="")

    def _empty_message(self) -> Content:
        if self.search.page:
            return Content("No more decisions. Press PageUp to go back.")
        if not self.search.narrowed and not self.search.show_all:
            return Content("No decisions have been recorded yet.\n\nDecisions are made in a workshop's decide stage.")
        hint = "" if self.search.show_all else " Press a to include decisions that were replaced."
        return join(["No decisions match that.", hint, "\nTry fewer letters, or change the filters (s, e, w, t, d)."])

    def _show_page_line(self) -> None:
        shown = len(self.found.items)
        first = self.search.page * PAGE + 1
        if shown:
            where = f"Decisions {first:,}\u2013{first + shown - 1:,}"
        else:
            where = "No decisions"
        if self.total is not None:
            where += f" of {self.total:,}"
        keys = []
        if self.found.has_more:
            keys.append("PageDown: next page")
        if self.search.page:
            keys.append("PageUp: previous page")
        if shown:
            keys.append("Enter: open")
        self.query_one("#register-page", Static).update(Content(" \u00b7 ".join([where, *keys])))

    def _show_why(self) -> None:
        why = self.query_one("#register-why", Static)
        item = self.selected
        if item is None:
            why.update("")
            return
        parts: list = [("Why: ", "bold"), one_line(item.decision.rationale or "no reason was recorded", 300)]
        if item.workshop_series:
            parts += ["\n", ("Series: ", "bold"), one_line(item.workshop_series, 80)]
        if since_the_day(item):
            parts += ["\n", ("Since the day: ", "bold"), since_the_day(item), " (Enter: its history)"]
        why.update(join(parts))

    @property
    def selected(self) -> DecisionSummary | None:
        table = self.table
        if not self.found.items or not table.row_count:
            return None
        row = min(max(table.cursor_row, 0), len(self.found.items) - 1)
        return self.found.items[row]

    @on(DataTable.RowHighlighted, "#register-results")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_why()

    @on(DataTable.RowSelected, "#register-results")
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.open_selected()

    @on(Input.Submitted, "#register-search")
    def _submitted(self, event: Input.Submitted) -> None:
        self.action_focus_results()

    # -- actions -----------------------------------------------------------------------------------

    def open_selected(self) -> None:
        from facilitator.ui.screens.decision_detail import DecisionDetailScreen

        item = self.selected
        if item is not None:
            self.app.push_screen(DecisionDetailScreen(item.decision.id))

    def action_back(self) -> None:
        search_box = self.query_one("#register-search", Input)
        if search_box.value:
            search_box.value = ""
            search_box.focus()
        else:
            self.dismiss()

    def action_focus_search(self) -> None:
        self.query_one("#register-search", Input).focus()

    def action_focus_results(self) -> None:
        if self.table.row_count:
            self.table.focus()

    def action_page(self, step: int) -> None:
        if step > 0 and not self.found.has_more or step < 0 and not self.search.page:
            return
        self.search = replace(self.search, page=self.search.page + step)
        self.run_search()

    def action_follow_up(self) -> None:
        from facilitator.ui.screens.follow_up import FollowUpScreen

        self.app.push_screen(FollowUpScreen())

    def action_report(self) -> None:
        item = self.selected
        if item is None:
            self.app.notify("Choose a decision first: the report covers its workshop's series.", severity="warning")
            return
        from facilitator.ui.dialogs.report_dialog import ask_and_write_report

        ask_and_write_report(self, item.decision.workshop_id)

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self.run_search()

    def on_screen_resume(self, event: ScreenResume) -> None:
        # Back from a decision or follow-up, where actions may have moved on: look again.
        if self._shown_before:
            self.run_search()
        self._shown_before = True
