"""What the command line prints and writes: tables, JSON, error lines and atomic output files.

Kept apart from ``cli.py`` so the commands stay thin. Nothing here imports textual, storage or
pydantic-heavy modules at import time: ``facilitator --help`` has to stay quick.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from facilitator.domain.text import strip_controls
from facilitator.outputs.files import OutputError, write_atomically  # noqa: F401  (re-exported for the commands)

# The keys of ``facilitator list --json``, in order. Scripts rely on them: add, never rename.
WORKSHOP_KEYS = ("id", "uid", "title", "date", "place", "involvement", "series", "status", "agenda_name")


def one_line(message: str) -> str:
    """A message as one clean line: no control characters or escapes, single spaces, a full stop."""
    text = " ".join(strip_controls(str(message), multiline=True).split())
    if text and text[-1] not in ".!?":
        text += "."
    return text


def shown(value: Any) -> str:
    """User text for a table cell: one line, with nothing that could steer the terminal."""
    return " ".join(strip_controls(str(value or ""), multiline=True).split())


# -- workshops -------------------------------------------------------------------------------------


def workshop_summary(workshop: Any) -> dict[str, Any]:
    """One workshop for ``list --json``: plain values under stable keys."""
    values = workshop.model_dump(mode="json")
    return {key: values.get(key) for key in WORKSHOP_KEYS}


def table(headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """An aligned plain-text table; the last column is left unpadded so lines do not trail."""
    cells = [[shown(cell) for cell in row] for row in rows]
    widths = [_width(heading) for heading in headings]
    for row in cells:
        widths = [max(width, _width(cell)) for width, cell in zip(widths, row)]
    lines = []
    for row in [list(headings), *cells]:
        padded = [cell + " " * (width - _width(cell)) for cell, width in zip(row[:-1], widths)]
        lines.append("  ".join([*padded, row[-1]]).rstrip())
    return "\n".join(lines)


def _width(text: str) -> int:
    """Terminal columns: wide (East Asian) characters take two, combining marks none."""
    return sum(
        0 if unicodedata.combining(char) else 2 if unicodedata.east_asian_width(char) in "WF" else 1
        for char in text
    )


def workshops_table(workshops: Sequence[Any]) -> str:
    rows = [(w.id, w.date, w.status, w.series, w.title) for w in workshops]
    if not any(w.series for w in workshops):
        rows = [(w.id, w.date, w.status, w.title) for w in workshops]
        return table(("ID", "DATE", "STATUS", "TITLE"), rows)
    return table(("ID", "DATE", "STATUS", "SERIES", "TITLE"), rows)


# -- agendas ---------------------------------------------------------------------------------------


def agendas_table(entries: Sequence[tuple[str, Path, Any]], shipped_dir: Path) -> str:
    """Shipped and user agendas by name; a broken file shows its problem instead of its details."""
    rows = []
    for name, path, agenda in entries:
        where = "shipped" if _inside(path, shipped_dir) else "yours"
        if isinstance(agenda, Exception):
            rows.append((name, "-", "-", where, f"cannot be used: {agenda}"))
        else:
            rows.append((name, len(agenda.stages), agenda.total_minutes, where, agenda.name))
    return table(("NAME", "STAGES", "MINUTES", "FROM", "TITLE"), rows)


def _inside(path: Path, folder: Path) -> bool:
    try:
        return Path(path).resolve().parent == Path(folder).resolve()
    except OSError:
        return False

