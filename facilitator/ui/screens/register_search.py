"""What the decision register looks for (``Search``) and one page of what it found (``Found``).

``find_page`` and ``count_found`` run in the register screen's thread workers: they read the
store and touch no widget. Only one page of ``PAGE`` decisions is on screen at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator.storage.register import DecisionSummary

PAGE = 50


@dataclass(frozen=True)
class Search:
    """What the person asked for: the words, the filters and the page."""

    query: str = ""
    status: str | None = None
    show_all: bool = False  # include decisions replaced by later ones
    review_due: bool = False
    series: str | None = None  # None: any series
    workshop_id: int | None = None  # None: every workshop
    workshop_title: str = ""  # said in the filter line; not part of the query
    since: str | None = None  # first and last workshop dates, YYYY-MM-DD; None: open at that end
    until: str | None = None
    page: int = 0

    def filters(self) -> dict:
        return {"status": self.status, "current_only": not self.show_all, "review_due": self.review_due,
                "series": self.series, "workshop_id": self.workshop_id, "since": self.since, "until": self.until}

    @property
    def narrowed(self) -> bool:
        return bool(self.query.strip() or self.status or self.review_due or self.series is not None
                    or self.workshop_id is not None or self.since or self.until)


@dataclass(frozen=True)
class Found:
    search: Search
    items: list[DecisionSummary] = field(default_factory=list)
    has_more: bool = False


def find_page(store, search: Search) -> Found:
    """One page of the register (runs in a worker thread: reads the store, touches no widget)."""
    rows = store.search_decisions(search.query, **search.filters(), limit=PAGE + 1, offset=search.page * PAGE)
    return Found(search, rows[:PAGE], len(rows) > PAGE)


def count_found(store, search: Search) -> tuple[Search, int]:
    return search, store.count_decisions(search.query, **search.filters())
