"""What the decision register's filters offer: the series names and the workshops to choose from.

The filter keys read these on the UI thread, so they read only the columns they show. Building a
full ``Workshop`` model for each of 5,000 workshops took about 50 ms; these take 1 ms (series,
from the ``workshops_series`` index alone) and about 10 ms (workshops).
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.storage.base import StoreBase
from facilitator.storage.first_page import WORKSHOP_ORDER


@dataclass(frozen=True, slots=True)
class WorkshopChoice:
    """One workshop as the workshop filter lists it: enough to name it and to find it by typing."""

    id: int
    title: str
    date: str = ""
    series: str = ""

    def matches(self, words: list[str]) -> bool:
        """True when every word (already casefolded) is in the title, the date or the series."""
        text = f"{self.title} {self.date} {self.series}".casefold()
        return all(word in text for word in words)


class RegisterChoicesMixin(StoreBase):
    def register_series(self) -> list[str]:
        """The distinct series workshops belong to, alphabetical (blank ones left out)."""
        names = [row["series"] for row in self._rows("SELECT DISTINCT series FROM workshops WHERE series != ''")]
        return sorted(names, key=str.casefold)

    def workshop_choices(self) -> list[WorkshopChoice]:
        """Every workshop, in the home screen's order (in progress, planned, finished; newest first)."""
        rows = self._rows(f"SELECT id, title, date, series FROM workshops ORDER BY {WORKSHOP_ORDER}")
        return [WorkshopChoice(row["id"], row["title"], row["date"] or "", row["series"] or "") for row in rows]
