"""CSV files for spreadsheets (finance sheets, decisions, actions, attendance).

UTF-8 with a byte-order mark, so Excel opens names like "Zoë" and "Łukasz" correctly (LibreOffice
and Python's csv module with ``encoding="utf-8-sig"`` read it too), a header row, and CRLF line
ends as RFC 4180 says.

CSV injection: a spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula, and a tab or carriage return at the start can smuggle one in. The person opening a
finance sheet is the one attacked, so every text cell that starts with one of these gets a
leading apostrophe (shown as text, the apostrophe hidden by spreadsheets). Numbers the app
itself computed (an amount, hours) are written as numbers, never prefixed.
No storage, no textual.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    """One cell's text: numbers as they are, text that a spreadsheet would run made inert."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float, Decimal)):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """The sheet as text, with the byte-order mark first (write it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(header) for header in headers])
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return "\ufeff" + buffer.getvalue()
