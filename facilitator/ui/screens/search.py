"""Search everything said before: "has anyone raised this before?", from the home screen.

Ideas, themes, decisions, actions, their updates and "You said, we did" items in every workshop,
best match first (``Store.search_everything``), each with its workshop's title and date. People
appear only as the minutes show them, so the screen can be projected. As in the register, each
change of the box waits ``DEBOUNCE_SECONDS`` for the next key, a thread worker runs the search,
and the main thread puts the rows on screen. Enter on a decision opens its whole record.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static
from textual.worker import Worker, WorkerState

from facilitator.domain.errors import FacilitatorError
from facilitator.storage.search import SearchHit
from facilitator.ui.text import cell, join, one_line, show_date
from facilitator.ui.widgets.keys_footer import WholeKeysFooter

DEBOUNCE_SECONDS = 0.15
MOST_HITS = 100
DATE_WIDTH, WORKSHOP_WIDTH, KIND_WIDTH, WHO_WIDTH = 11, 22, 8, 18
NARROW_WORKSHOP, NARROW_WHO = 10, 12
# The "What" column's word for each kind of hit (the detail line below says it in full).
KIND_LABELS = {"action update": "update", "you said, we did": "reply"}
MIN_SAID_WIDTH = 24
SCROLLBAR = 2


class HitsTable(DataTable):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select_cursor", "Open")]


class SearchScreen(Screen):
    CSS_PATH = "search.tcss"
    AUTO_FOCUS = "#search-box"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("slash", "focus_search", "Search", key_display="/"),
        Binding("down", "focus_results", "Results", show=False),
    ]
    COMMAND_NAMES: ClassVar[dict[str, str | tuple[str, str]]] = {
        "focus_search": ("Search again", "Put the cursor in the search box"),
    }

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query
        self.hits: list[SearchHit] = []
        self.searched: str | None = None  # the query whose hits are on screen
        self._debounce: Timer | None = None
        self.widths = (WORKSHOP_WIDTH, WHO_WIDTH, 40)

    def compose(self) -> ComposeResult:
        yield Static(Content("Search everything said before, in every workshop"), id="search-title")
        yield Input(value=self.query_text, id="search-box",
                    placeholder="Type words: ideas, themes, decisions, actions and replies")  # fmt: skip
        yield HitsTable(id="search-results", cursor_type="row")
        yield Static(id="search-empty")
        yield Static(id="search-detail")
        yield WholeKeysFooter(compact=True)

    def on_mount(self) -> None:
        self._fit_columns(self.app.size.width)
        self._show([], "")
        if self.query_text:
            self._find(self.app.store, self.query_text)

    @property
    def table(self) -> HitsTable:
        return self.query_one("#search-results", HitsTable)

    def _fit_columns(self, width: int) -> None:
        """What was said takes what the other columns leave; on a narrow screen they give way."""
        workshop, who = WORKSHOP_WIDTH, WHO_WIDTH
        fixed = DATE_WIDTH + KIND_WIDTH + 2 * 5 + SCROLLBAR
        if width - fixed - workshop - who < MIN_SAID_WIDTH:
            workshop, who = NARROW_WORKSHOP, NARROW_WHO
        said = max(MIN_SAID_WIDTH, width - fixed - workshop - who)
        if (workshop, who, said) == self.widths and self.table.columns:
            return
        self.widths = (workshop, who, said)
        self.table.clear(columns=True)
        for label, column_width in (("Date", DATE_WIDTH), ("Workshop", workshop), ("What", KIND_WIDTH),
                                    ("Who", who), ("Said", said)):  # fmt: skip
            self.table.add_column(label, width=column_width, key=label)
        if self.hits:
            self._show(self.hits, self.searched or "")

    @on(Resize)
    def _resized(self, event: Resize) -> None:
        self._fit_columns(event.size.width)

    # -- searching ---------------------------------------------------------------------------------

    @on(Input.Changed, "#search-box")
    def _typed(self, event: Input.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self._search_typed)

    def _search_typed(self) -> None:
        self._debounce = None
        query = self.query_one("#search-box", Input).value
        if query != self.query_text:
            self.query_text = query
            self._find(self.app.store, query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _find(self, store, query: str) -> tuple[str, list[SearchHit]]:
        return query, store.search_everything(query, limit=MOST_HITS, as_typed=True)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "search":
            return
        if event.state == WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, FacilitatorError):
                self.app.notify(str(error), severity="error", markup=False)
                return
            raise error
        if event.state == WorkerState.SUCCESS:
            query, hits = event.worker.result
            if query == self.query_text:
                self._show(hits, query)

    def _show(self, hits: list[SearchHit], query: str) -> None:
        self.hits, self.searched = hits, query
        table = self.table
        table.clear()
        workshop, who, said = self.widths
        for hit in hits:
            table.add_row(cell(show_date(hit.workshop_date)), cell(hit.workshop_title, limit=workshop),
                          cell(KIND_LABELS.get(hit.kind, hit.kind), limit=KIND_WIDTH), cell(hit.who or "-", limit=who),
                          cell(hit.text, limit=said))  # fmt: skip
        empty = self.query_one("#search-empty", Static)
        table.display = bool(hits)
        empty.display = not hits
        if not query.strip():
            empty.update(Content("Has anyone raised this before? Type a few words.\n\nIdeas, themes, "
                                 "decisions, actions, their updates and \u201cYou said, we did\u201d "
                                 "replies from every workshop are searched."))  # fmt: skip
        elif not hits:
            empty.update(join(["Nothing said in any workshop matches \u201c", one_line(query, 60),
                               "\u201d.\nTry fewer or shorter words."]))  # fmt: skip
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#search-detail", Static)
        hit = self.selected
        detail.display = hit is not None
        if hit is None:
            detail.update("")
            return
        # Four lines at most: the hit (two), what it belongs to (one), where and when (one).
        width = max(20, self.size.width - 2)
        kind = "You said" if hit.kind == "you said, we did" else hit.kind.capitalize()
        status = f" ({hit.status})" if hit.status else ""
        parts: list = [(f"{kind}: ", "bold"), one_line(hit.text, 2 * width - len(kind) - len(status) - 4), status]
        if hit.context:
            label = {"action update": "For: ", "you said, we did": "We did: ", "decision": "Why: "}.get(hit.kind, "")
            parts += ["\n", (label, "bold"), one_line(hit.context, width - len(label))]
        where = f", {show_date(hit.workshop_date)}" + (" \u00b7 Enter: its record" if hit.kind == "decision" else "")
        parts += ["\n", ("At: ", "bold"), one_line(hit.workshop_title, width - 4 - len(where)), where]
        detail.update(join(parts))

    @property
    def selected(self) -> SearchHit | None:
        if not self.hits or not self.table.row_count:
            return None
        return self.hits[min(max(self.table.cursor_row, 0), len(self.hits) - 1)]

    @on(DataTable.RowHighlighted, "#search-results")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    @on(DataTable.RowSelected, "#search-results")
    def _selected(self, event: DataTable.RowSelected) -> None:
        hit = self.selected
        if hit is None:
            return
        if hit.kind != "decision":
            self.app.notify(f"This {hit.kind} is in the minutes of that workshop; only decisions have a "
                            "record of their own.", markup=False)  # fmt: skip
            return
        from facilitator.ui.screens.decision_detail import DecisionDetailScreen

        self.app.push_screen(DecisionDetailScreen(hit.id))

    @on(Input.Submitted, "#search-box")
    def _submitted(self, event: Input.Submitted) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._search_typed()
        self.action_focus_results()

    # -- keys --------------------------------------------------------------------------------------

    def action_back(self) -> None:
        box = self.query_one("#search-box", Input)
        if box.value:
            box.value = ""
            box.focus()
        else:
            self.dismiss()

    def action_focus_search(self) -> None:
        self.query_one("#search-box", Input).focus()

    def action_focus_results(self) -> None:
        if self.table.row_count:
            self.table.focus()

