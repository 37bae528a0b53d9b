"""A DataTable of records (workshops, people) that reloads without losing the person's place.

Views reload whenever the database changes, often because someone else typed something in another
terminal. A plain ``clear()`` + ``add_row`` would jump the cursor back to the top and scroll away
from what the facilitator was looking at, so ``replace_rows`` keeps the selected record (by key)
and the scroll position, and leaves the table alone when nothing it shows has changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist

Row = tuple[int, Sequence[Text]]


class RecordTable(DataTable):
    """Rows keyed by record id; cells are ``rich.text.Text`` made by ``ui.text.cell``."""

    # A list of records: Home and End go to the first and last row (not the left and right edge).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, id=id, classes=classes)
        self._shown: list[Row] = []
        # (selected id, cursor row, scroll y) saved while the columns are rebuilt.
        self._place: tuple[int | None, int, float] | None = None
        # The row the cursor goes back to once the rows just replaced are laid out; select_id
        # changes it, so choosing a record right after a reload (a person just added) sticks.
        self._pending_row: int | None = None

    @property
    def selected_id(self) -> int | None:
        """The record id of the row under the cursor, or None when the table is empty."""
        if not self.row_count:
            return None
        try:
            key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except RowDoesNotExist:
            return None
        return int(key.value) if key.value is not None else None

    def select_id(self, record_id: int) -> bool:
        """Move the cursor to the record; False when it is not in the table."""
        try:
            index = self.get_row_index(str(record_id))
        except RowDoesNotExist:
            return False
        if self._pending_row is not None:
            self._pending_row = index
        self.move_cursor(row=index)
        return True

    def shown_ids(self) -> list[int]:
        return [record_id for record_id, _ in self._shown]

    def set_columns(self, columns: list[tuple[str, int | None]]) -> None:
        """(Re)build the columns: (label, fixed width or None to fit); call ``replace_rows`` next."""
        if self._place is None:
            self._place = (self.selected_id, self.cursor_row, self.scroll_y)
        self.clear(columns=True)
        self._shown = []
        for label, width in columns:
            self.add_column(label, width=width, key=label)

    def replace_rows(self, rows: list[Row]) -> None:
        """Show ``rows`` in this order, keeping the selected record and the scroll position."""
        if rows == self._shown and self._place is None:
            return
        if self._shown and [key for key, _ in rows] == [key for key, _ in self._shown]:
            self._update_changed_cells(rows)
            return
        selected, index, scroll_y = self._place or (self.selected_id, self.cursor_row, self.scroll_y)
        self._place = None
        self.clear()
        for record_id, cells in rows:
            self.add_row(*cells, key=str(record_id))
        self._shown = list(rows)
        if not rows:
            return
        keys = [key for key, _ in rows]
        new_index = keys.index(selected) if selected in keys else min(index, len(rows) - 1)
        # Row geometry is recomputed on the next refresh: restore the scroll position after it.
        self._pending_row = new_index
        self.call_after_refresh(self._restore_place, scroll_y)

    def append_rows(self, rows: list[Row]) -> None:
        """Add rows at the end (the next page), skipping any record already shown."""
        present = set(self.shown_ids())
        for record_id, cells in rows:
            if record_id in present:
                continue
            self.add_row(*cells, key=str(record_id))
            self._shown.append((record_id, cells))
            present.add(record_id)

    def _update_changed_cells(self, rows: list[Row]) -> None:
        column_keys = list(self.columns)
        for (record_id, cells), (_, old_cells) in zip(rows, self._shown):
            for column_key, cell, old in zip(column_keys, cells, old_cells):
                if cell != old:
                    self.update_cell(str(record_id), column_key, cell)
        self._shown = list(rows)

    def _restore_place(self, scroll_y: float) -> None:
        index, self._pending_row = self._pending_row, None
        if index is None:
            return
        self.scroll_to(y=scroll_y, animate=False, immediate=True)
        self.move_cursor(row=index, scroll=True)
