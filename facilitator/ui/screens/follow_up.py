"""Follow-up: the actions still to do in every workshop (overdue first), and the decisions whose
review date is near or past.

An action is moved on with a key (in progress, done, dropped, open again); each change asks for
a note and is kept with its date, so the next review can say what happened. Enter on a decision
opens its whole record.

Owners appear as they chose while presenting (``app.presenting``). Otherwise this is the
facilitator's private view, made for chasing actions: an owner who chose "perspective only" or
anonymity is named, marked "(private)", and the list's title says what the mark means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Resize, ScreenResume
from textual.screen import Screen
from textual.widgets import DataTable, Static

from facilitator.domain import attribution as who
from facilitator.domain.models import Action, ActionStatus
from facilitator.storage.follow_up import OutstandingAction
from facilitator.storage.register import REVIEW_SOON_DAYS, DecisionSummary
from facilitator.ui.messages import DatabaseChanged
from facilitator.ui.text import cell, join, one_line, shorten, show_date
from facilitator.ui.widgets.keys_footer import WholeKeysFooter

# More than this many outstanding actions: the rest are counted, not listed.
MOST_ACTIONS = 300
MOST_REVIEWS = 100
# "!" marks what is overdue: a plain character, so the columns stay aligned in every terminal.
OVERDUE, SHORT_OVERDUE = "! overdue ", "! "
DUE_WIDTH, SHORT_DUE_WIDTH, STATUS_WIDTH, WHO_WIDTH, WORKSHOP_WIDTH = 21, 13, 12, 20, 20
NARROWEST_WORKSHOP = 12  # then the workshop column goes: the decision's record names it
MIN_LAST_WIDTH = 30
SCROLLBAR = 2
PRIVATE_MARK = " (private)"
PRIVATE_NOTE = " \u00b7 (private): not for the room"


@dataclass(frozen=True)
class Columns:
    """Column widths for a screen ``width`` wide: the action (or decision) comes first.

    At 80 columns the full widths left the action off the right edge, so the one thing the
    list is for could not be read: there the due date loses the word "overdue" (the "!"
    stays), and the workshop column narrows, then goes (0), to leave the action the rest.
    """

    due: int = DUE_WIDTH
    who: int = WHO_WIDTH
    workshop: int = WORKSHOP_WIDTH
    last: int = 40

    @classmethod
    def fit(cls, width: int) -> Columns:
        def left(due: int, workshop: int) -> int:
            """What the last column gets: each column has a cell of padding either side."""
            shown = [due, STATUS_WIDTH, WHO_WIDTH] + ([workshop] if workshop else [])
            return width - sum(shown) - 2 * (len(shown) + 1) - SCROLLBAR

        due = DUE_WIDTH if left(DUE_WIDTH, WORKSHOP_WIDTH) >= MIN_LAST_WIDTH else SHORT_DUE_WIDTH
        workshop = WORKSHOP_WIDTH - max(0, min(WORKSHOP_WIDTH - NARROWEST_WORKSHOP,
                                               MIN_LAST_WIDTH - left(due, WORKSHOP_WIDTH)))
        if left(due, workshop) < MIN_LAST_WIDTH:
            workshop = 0
        return cls(due, WHO_WIDTH, workshop, max(20, left(due, workshop)))

    @property
    def overdue(self) -> str:
        return OVERDUE if self.due == DUE_WIDTH else SHORT_OVERDUE


def owner_text(item: OutstandingAction, width: int, *, private_view: bool = False) -> str:
    """The owner as the room sees them; in the private view, the name of one who chose otherwise,
    marked "(private)" in ``width`` cells (the name is cut, never the mark)."""
    if item.owner is None:
        return item.action.owner_text
    name = who.private_name(item.owner) if private_view else None
    if name is None:
        return who.display_name(item.owner)
    return shorten(name, width - len(PRIVATE_MARK)) + PRIVATE_MARK


def action_cells(item: OutstandingAction, columns: Columns, *, private_view: bool = False) -> list[Text]:
    action = item.action
    due = show_date(action.due_date) if action.due_date else "no date"
    style = "bold" if item.overdue else ""
    owner = owner_text(item, columns.who, private_view=private_view)
    cells = [
        cell((columns.overdue if item.overdue else "") + due, style=style),
        cell(action.status.value, style=style),
        cell(owner or "-", limit=columns.who, style=style),
        cell(item.workshop_title, limit=columns.workshop, style=style),
        cell(action.what, limit=columns.last, style=style),
    ]
    return cells if columns.workshop else cells[:3] + cells[4:]


def review_cells(item: DecisionSummary, today: str, columns: Columns) -> list[Text]:
    review = item.decision.review_date or ""
    late = review < today
    return [
        cell((columns.overdue if late else "") + show_date(review), style="bold" if late else ""),
        cell(item.decision.status.value),
        cell(item.workshop_title, limit=columns.who + (columns.workshop + 2 if columns.workshop else 0)),
        cell(item.decision.statement, limit=columns.last),
    ]


class FollowUpScreen(Screen):
    DEFAULT_CSS = """
    FollowUpScreen .section-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    FollowUpScreen #follow-actions { height: 2fr; }
    FollowUpScreen #follow-reviews { height: 1fr; }
    FollowUpScreen #follow-message { height: auto; padding: 0 1; color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("i", "set_status('in progress')", "In progress"),
        Binding("d", "set_status('done')", "Done"),
        Binding("x", "set_status('dropped')", "Dropped"),
        Binding("o", "set_status('open')", "Open again"),
        Binding("v", "toggle_overdue", "Overdue only"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.overdue_only = False
        self.actions: list[OutstandingAction] = []
        self.reviews: list[DecisionSummary] = []
        self.columns: Columns | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="follow-actions-title", classes="section-title")
        yield DataTable(id="follow-actions", cursor_type="row")
        yield Static(id="follow-reviews-title", classes="section-title")
        yield DataTable(id="follow-reviews", cursor_type="row")
        yield Static(id="follow-message")
        yield WholeKeysFooter(compact=True)

    def on_mount(self) -> None:
        self._fit(self.app.size.width)
        self.query_one("#follow-actions", DataTable).focus()
        if hasattr(type(self.app), "presenting"):
            self.watch(self.app, "presenting", lambda _presenting: self.reload(), init=False)

    @property
    def private_view(self) -> bool:
        """Not presenting: owners who chose otherwise are named, for the facilitator to chase."""
        return not getattr(self.app, "presenting", False)

    def on_resize(self, event: Resize) -> None:
        self._fit(event.size.width)

    def _fit(self, width: int) -> None:
        """Columns for this width (again only when they change), then the rows."""
        columns = Columns.fit(width)
        if columns == self.columns:
            return
        self.columns = columns
        actions = self.query_one("#follow-actions", DataTable)
        actions.clear(columns=True)
        for label, size in (("Due", columns.due), ("Status", STATUS_WIDTH), ("Who", columns.who),
                            ("Workshop", columns.workshop), ("Action", columns.last)):  # fmt: skip
            if size:
                actions.add_column(label, width=size, key=label)
        reviews = self.query_one("#follow-reviews", DataTable)
        reviews.clear(columns=True)
        for label, size in (("Review by", columns.due), ("Status", STATUS_WIDTH),
                            ("Workshop", columns.who + (columns.workshop + 2 if columns.workshop else 0)),
                            ("Decision", columns.last)):  # fmt: skip
            reviews.add_column(label, width=size, key=label)
        self.reload()

    def reload(self) -> None:
        store = self.app.store
        today = store.today()
        self.actions = store.outstanding_actions(overdue_only=self.overdue_only, limit=MOST_ACTIONS + 1)
        self.reviews = store.decisions_due_for_review(limit=MOST_REVIEWS + 1)
        columns = self.columns or Columns.fit(self.app.size.width)
        private = self.private_view
        self._fill("#follow-actions", [(a.action.id, action_cells(a, columns, private_view=private))
                                       for a in self.actions[:MOST_ACTIONS]])
        self._fill("#follow-reviews", [(d.decision.id, review_cells(d, today, columns))
                                       for d in self.reviews[:MOST_REVIEWS]])
        shown = min(len(self.actions), MOST_ACTIONS)
        more = f" (the first {MOST_ACTIONS})" if len(self.actions) > MOST_ACTIONS else ""
        which = "Overdue actions" if self.overdue_only else "Actions still to do, overdue first"
        marked = private and any(who.private_name(a.owner) for a in self.actions[:MOST_ACTIONS])
        note = PRIVATE_NOTE if marked else ""
        self.query_one("#follow-actions-title", Static).update(Content(f"{which}: {shown}{more}{note}"))
        count = min(len(self.reviews), MOST_REVIEWS)
        self.query_one("#follow-reviews-title", Static).update(
            Content(f"Decisions to review (review date within {REVIEW_SOON_DAYS} days, or past): {count}"))
        if not self.actions and not self.reviews:
            self._say(Content("Nothing is waiting: no open actions and no decisions due for review."))

    def _fill(self, selector: str, rows: list[tuple[int, list[Text]]]) -> None:
        table = self.query_one(selector, DataTable)
        row = table.cursor_row
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=str(key))
        if rows:
            table.move_cursor(row=min(max(row, 0), len(rows) - 1))

    def _say(self, message: Content) -> None:
        self.query_one("#follow-message", Static).update(message)

    def _selected_action(self) -> Action | None:
        table = self.query_one("#follow-actions", DataTable)
        if not table.row_count:
            return None
        return self.actions[min(table.cursor_row, len(self.actions) - 1)].action

    # -- actions -----------------------------------------------------------------------------------

    def action_set_status(self, status: str) -> None:
        from facilitator.ui.dialogs.action_dialog import ActionStatusDialog

        action = self._selected_action()
        if action is None:
            self.app.notify("There is no action to move on.", severity="warning")
            return
        self.app.push_screen(ActionStatusDialog(self.app.store, action, ActionStatus(status)), self._saved)

    def _saved(self, action: Action | None) -> None:
        if action is None:
            return
        self.reload()
        self._say(join(["Saved: ", one_line(action.what, 60), f" is now {action.status.value}."]))
        announce = getattr(self.app, "announce_change", None)
        if announce is not None:
            announce()

    def action_toggle_overdue(self) -> None:
        self.overdue_only = not self.overdue_only
        self.reload()

    def action_back(self) -> None:
        self.dismiss()

    @on(DataTable.RowSelected, "#follow-reviews")
    def _open_decision(self, event: DataTable.RowSelected) -> None:
        from facilitator.ui.screens.decision_detail import DecisionDetailScreen

        self.app.push_screen(DecisionDetailScreen(int(event.row_key.value)))

    @on(DataTable.RowSelected, "#follow-actions")
    def _open_action_decision(self, event: DataTable.RowSelected) -> None:
        from facilitator.ui.screens.decision_detail import DecisionDetailScreen

        action = self._selected_action()
        if action is not None and action.decision_id is not None:
            self.app.push_screen(DecisionDetailScreen(action.decision_id))

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self.reload()

    def on_screen_resume(self, event: ScreenResume) -> None:
        self.reload()
