"""Follow-up: the actions still to do in every workshop (overdue first), and the decisions whose
review date is near or past.

An action is moved on with a key (in progress, done, dropped, open again); each change asks for
a note and is kept with its date, so the next review can say what happened. Enter on a decision
opens its whole record.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from facilitator.domain import attribution as who
from facilitator.domain.models import Action, ActionStatus
from facilitator.storage.follow_up import OutstandingAction
from facilitator.storage.register import REVIEW_SOON_DAYS, DecisionSummary
from facilitator.ui.messages import DatabaseChanged
from facilitator.ui.screens.register import show_date
from facilitator.ui.text import cell, join, one_line

# More than this many outstanding actions: the rest are counted, not listed.
MOST_ACTIONS = 300
MOST_REVIEWS = 100
# "!" marks what is overdue: a plain character, so the columns stay aligned in every terminal.
OVERDUE = "! overdue "
DUE_WIDTH, STATUS_WIDTH, WHO_WIDTH, WORKSHOP_WIDTH = 21, 12, 20, 20
# Cell padding and the scrollbar; the last column (the action or decision) takes the rest.
FIXED_WIDTH = DUE_WIDTH + STATUS_WIDTH + WHO_WIDTH + WORKSHOP_WIDTH + 10 + 2


def action_cells(item: OutstandingAction, width: int) -> list[Text]:
    action = item.action
    due = show_date(action.due_date) if action.due_date else "no date"
    style = "bold" if item.overdue else ""
    owner = who.display_name(item.owner) if item.owner is not None else action.owner_text
    return [
        cell((OVERDUE if item.overdue else "") + due, style=style),
        cell(action.status.value, style=style),
        cell(owner or "-", limit=WHO_WIDTH, style=style),
        cell(item.workshop_title, limit=WORKSHOP_WIDTH, style=style),
        cell(action.what, limit=width, style=style),
    ]


def review_cells(item: DecisionSummary, today: str, width: int) -> list[Text]:
    review = item.decision.review_date or ""
    late = review < today
    return [
        cell((OVERDUE if late else "") + show_date(review), style="bold" if late else ""),
        cell(item.decision.status.value),
        cell(item.workshop_title, limit=WORKSHOP_WIDTH + WHO_WIDTH + 2),
        cell(item.decision.statement, limit=width),
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
        self.last_width = 40

    def compose(self) -> ComposeResult:
        yield Static(id="follow-actions-title", classes="section-title")
        yield DataTable(id="follow-actions", cursor_type="row")
        yield Static(id="follow-reviews-title", classes="section-title")
        yield DataTable(id="follow-reviews", cursor_type="row")
        yield Static(id="follow-message")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        last = max(20, self.app.size.width - FIXED_WIDTH)
        self.last_width = last
        actions = self.query_one("#follow-actions", DataTable)
        for label, width in (("Due", DUE_WIDTH), ("Status", STATUS_WIDTH), ("Who", WHO_WIDTH),
                             ("Workshop", WORKSHOP_WIDTH), ("Action", last)):  # fmt: skip
            actions.add_column(label, width=width, key=label)
        reviews = self.query_one("#follow-reviews", DataTable)
        for label, width in (("Review by", DUE_WIDTH), ("Status", STATUS_WIDTH),
                             ("Workshop", WHO_WIDTH + WORKSHOP_WIDTH + 2), ("Decision", last)):  # fmt: skip
            reviews.add_column(label, width=width, key=label)
        self.reload()
        actions.focus()

    def reload(self) -> None:
        store = self.app.store
        today = store.today()
        self.actions = store.outstanding_actions(overdue_only=self.overdue_only, limit=MOST_ACTIONS + 1)
        self.reviews = store.decisions_due_for_review(limit=MOST_REVIEWS + 1)
        self._fill("#follow-actions", [(a.action.id, action_cells(a, self.last_width)) for a in self.actions[:MOST_ACTIONS]])
        self._fill("#follow-reviews", [(d.decision.id, review_cells(d, today, self.last_width))
                                       for d in self.reviews[:MOST_REVIEWS]])
        shown = min(len(self.actions), MOST_ACTIONS)
        more = f" (the first {MOST_ACTIONS})" if len(self.actions) > MOST_ACTIONS else ""
        which = "Overdue actions" if self.overdue_only else "Actions still to do, overdue first"
        self.query_one("#follow-actions-title", Static).update(Content(f"{which}: {shown}{more}"))
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
