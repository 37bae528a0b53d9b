"""The decision register's filter keys and the line that says what is shown.

Each filter key (s status, a replaced too, d review due, e series, w workshop, t dates) narrows
the search and shows the first page again at once. The keys are letters, so while the search box
has the cursor they type into it instead: the filter line then says which keys work there, and
the footer and the keys help (F1) leave them out.
"""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import Input, Static

from facilitator.domain.models import DecisionStatus
from facilitator.storage.register import REVIEW_SOON_DAYS
from facilitator.ui.dialogs.register_filters import (
    DateRangeDialog,
    WorkshopChoiceDialog,
    WorkshopPick,
)
from facilitator.ui.screens.register_search import find_page
from facilitator.ui.text import join, one_line, show_date, styled

# The status filter, in the order the s key steps through it (None: any status).
STATUS_STEPS: tuple[str | None, ...] = (None, *(status.value for status in DecisionStatus))
# The filter keys are letters: while the search box has the cursor they type into it instead.
FILTER_KEYS = "s status \u00b7 a replaced too \u00b7 d review due \u00b7 e series \u00b7 w workshop \u00b7 t dates"
LETTER_ACTIONS = {"next_status", "toggle_all", "toggle_review_due", "next_series", "choose_workshop",
                  "choose_dates", "follow_up", "report", "focus_search"}


class RegisterFilterKeys:
    """Uses the register screen's ``search``, ``focused``, ``_show`` and ``_count``."""

    def _show_filters(self) -> None:
        search = self.search
        parts = ["Showing: ", ("all decisions" if search.show_all else "current decisions", "bold")]
        parts += [" \u00b7 status: ", (search.status or "any", "bold")]
        if search.series is not None:
            parts += [" \u00b7 series: ", styled(one_line(search.series, 40), "bold")]
        if search.workshop_id is not None:
            parts += [" \u00b7 workshop: ", styled(one_line(search.workshop_title, 40), "bold")]
        if search.since or search.until:
            dates = (f"from {show_date(search.since)} to {show_date(search.until)}" if search.since and search.until
                     else f"from {show_date(search.since)} on" if search.since else f"up to {show_date(search.until)}")
            parts += [" \u00b7 workshops ", (dates, "bold")]
        if search.review_due:
            parts += [" \u00b7 ", (f"review due within {REVIEW_SOON_DAYS} days or overdue", "bold")]
        parts += [f"   ({self._keys_hint()})"]
        self.query_one("#register-filters", Static).update(join(parts))

    def _keys_hint(self) -> str:
        """The keys that work where the cursor is: in the search box, letters are typed."""
        if not self.searching:
            return FILTER_KEYS
        escape = "Escape clears it" if self.query_one("#register-search", Input).value else "Escape: back"
        return f"Type to search \u00b7 Down: the list and the filter keys \u00b7 {escape}"

    @property
    def searching(self) -> bool:
        """True while the search box has the cursor."""
        focused = self.focused
        return focused is not None and focused.id == "register-search"

    def on_descendant_focus(self) -> None:
        self._show_filters()

    def on_descendant_blur(self) -> None:
        self._show_filters()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Typed letters go into the search box, so its filter keys are not offered (footer, F1).
        return not (action in LETTER_ACTIONS and self.searching)

    def _refilter(self, **changes) -> None:
        self.search = replace(self.search, page=0, **changes)
        self._show_filters()
        # The first page with no words is one index read (about 2 ms on 100,000 decisions): show
        # it before the first paint. Typed searches and the count go to workers.
        self._show(find_page(self.app.store, self.search))
        self._count(self.app.store, self.search)

    def action_next_status(self) -> None:
        index = STATUS_STEPS.index(self.search.status)
        self._refilter(status=STATUS_STEPS[(index + 1) % len(STATUS_STEPS)])

    def action_toggle_all(self) -> None:
        self._refilter(show_all=not self.search.show_all)

    def action_toggle_review_due(self) -> None:
        self._refilter(review_due=not self.search.review_due)

    def action_next_series(self) -> None:
        """Step through "any series" and each series in the file, in alphabetical order."""
        steps: list[str | None] = [None, *self.app.store.register_series()]
        index = steps.index(self.search.series) if self.search.series in steps else 0
        self._refilter(series=steps[(index + 1) % len(steps)])

    def action_choose_workshop(self) -> None:
        def chosen(pick: WorkshopPick | None) -> None:
            if pick is not None:
                self._refilter(workshop_id=pick.workshop_id, workshop_title=pick.title)

        dialog = WorkshopChoiceDialog(self.app.store.workshop_choices(), self.search.workshop_id)
        self.app.push_screen(dialog, chosen)

    def action_choose_dates(self) -> None:
        def chosen(dates: tuple[str | None, str | None] | None) -> None:
            if dates is not None:
                self._refilter(since=dates[0], until=dates[1])

        self.app.push_screen(DateRangeDialog(self.search.since, self.search.until), chosen)
