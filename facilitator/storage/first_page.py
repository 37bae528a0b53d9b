"""The home screen's list of workshops, read with plain sqlite3: no pydantic, no sqlite-utils.

Opening the app used to import the whole Store (pydantic, the models, every storage module:
about 150-200 ms here) before the first screen could be drawn, although that screen only lists
workshops. ``read_first_page`` reads that list straight from the file, read-only, so the app can
draw it first and open the Store right after (``FacilitatorApp``, ``cli.home_app``).

It only does so when the file is plainly ready: it exists, it and its folder can be written, it
is in WAL mode, its schema is exactly the current one and SQLite's quick check finds it intact.
Anything else (no file yet, read-only, an older or newer schema, not a database, damaged) returns
None, and the caller takes the ordinary path through ``open_store``, which creates, migrates,
refuses or reports the file with its own sentences. Nothing here ever writes.

The Store reads the same rows with the same functions (``Store.workshop_rows``), so the list is
the same whichever way it was read.
"""

from __future__ import annotations

import functools
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

# The home screen's order: in progress, then planned, then finished; newest first within each.
# The one definition: ``list_workshops`` and the register's workshop choices use it too.
WORKSHOP_ORDER = "CASE status WHEN 'in progress' THEN 0 WHEN 'planned' THEN 1 ELSE 2 END, date DESC, id DESC"
_COLUMNS = "id, title, date, status, involvement, place, series, agenda_name, purpose"


@dataclass(frozen=True, slots=True)
class WorkshopRow:
    """What the home screen shows of a workshop: text as stored (already cleaned on the way in).

    ``status`` and ``involvement`` are the stored words, the values of ``WorkshopStatus`` and
    ``Involvement`` ("in progress", "co-production").
    """

    id: int
    title: str
    date: str
    status: str
    involvement: str
    place: str
    series: str
    agenda_name: str
    purpose: str


@dataclass(frozen=True, slots=True)
class FirstPage:
    """The first ``len(rows)`` workshops in the home screen's order, and how many there are in all."""

    rows: list[WorkshopRow]
    total: int


def workshop_rows(conn: sqlite3.Connection, *, limit: int | None = None, offset: int = 0) -> list[WorkshopRow]:
    """Workshops in the home screen's order; raises ``sqlite3.Error`` (callers translate it)."""
    sql = f"SELECT {_COLUMNS} FROM workshops ORDER BY {WORKSHOP_ORDER}"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return [WorkshopRow(*values) for values in conn.execute(sql)]


def count_workshops(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT count(*) FROM workshops").fetchone()[0]


def read_first_page(path: Path | str, limit: int) -> FirstPage | None:
    """The first ``limit`` workshops of the file at ``path``, or None when it is not plainly ready.

    None means: open it the ordinary way (``open_store``), which deals with every other case.
    """
    path = Path(path)
    try:
        if not path.is_file() or not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
            return None  # created, or opened read-only, by open_store with its checks
        uri = path.resolve().as_uri()  # percent-encodes "?", "#" and "%" in folder names
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True)
    except (OSError, sqlite3.Error):
        return None
    try:
        # Not in WAL mode yet: open_store switches it, after checking the file is intact.
        if str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal":
            return None
        if not schema_is_current(conn):
            return None
        # What the launch path checks before any screen is shown (Database.check_intact).
        if conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
            return None
        # One read transaction, so the count and the rows agree.
        conn.execute("BEGIN")
        return FirstPage(rows=workshop_rows(conn, limit=limit), total=count_workshops(conn))
    except sqlite3.Error:
        return None
    finally:
        conn.close()


# A step of migrations.py, as written there: ``def m001_workshop_record(db...)``.
# A step defined in migrations.py, or one from a module of its own registered there in one line.
_STEP = re.compile(r"^(?:def |migrations\(\)\()(m\d{3}_\w+)\b", re.MULTILINE)


@functools.cache
def step_names() -> frozenset[str]:
    """The names of the steps in migrations.py, read from its text rather than by importing it.

    Importing it imports sqlite-utils, a noticeable part of the app's start (about 60 ms here)
    that opening an up-to-date file does not need. tests/unit/test_store_open.py checks that
    these are exactly the steps sqlite-utils registers (``migrations.KNOWN``). If the text cannot
    be read, the set is empty, and every file takes the full path.
    """
    try:
        text = Path(__file__).with_name("migrations.py").read_text("utf-8")
    except OSError:
        return frozenset()
    return frozenset(_STEP.findall(text))


def schema_is_current(conn: sqlite3.Connection) -> bool:
    """True when exactly the steps of migrations.py have been applied, read with plain sqlite3.

    Anything else (a new file, a step missing, a step from a newer version, an error reading)
    is False, and ``migrations.apply`` then migrates, refuses or reports it with its sentences.
    """
    try:
        rows = conn.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'facilitator'").fetchall()
    except sqlite3.Error:
        return False
    steps = step_names()
    return bool(steps) and {name for (name,) in rows} == steps
