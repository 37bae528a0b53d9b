"""The Store: one method per use case, each write one short ``BEGIN IMMEDIATE`` transaction."""

from __future__ import annotations

import functools
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from facilitator.storage import db as dbmod
from facilitator.storage.decisions import DecisionsMixin
from facilitator.storage.ideas import IdeasMixin
from facilitator.storage.register import RegisterMixin
from facilitator.storage.votes import VotesMixin
from facilitator.storage.workshops import WorkshopsMixin


class Store(WorkshopsMixin, IdeasMixin, VotesMixin, DecisionsMixin, RegisterMixin):
    """Everything the app, the CLI and the tests do to a workshop's record."""

    def close(self) -> None:
        self.database.close()


def open_store(
    path: Path | str, *, clock: Callable[[], float] = time.time, create: bool = True, read_only: bool = False
) -> Store:
    """Open the database at ``path`` (creating it, mode 0600), bringing its schema up to date.

    ``read_only=True`` opens it for reading only: every write then raises ``ReadOnlyDatabase``.
    """
    database = dbmod.connect(path, create=create, read_only=read_only)
    try:
        if not schema_is_current(database):
            from facilitator.storage import migrations  # sqlite-utils: only when there is work

            migrations.apply(database)
    except sqlite3.Error as error:  # e.g. a damaged page under the migrations table
        database.close()
        raise dbmod.translate_error(error, database.path) from None
    except BaseException:
        database.close()
        raise
    return Store(database, clock=clock)


# A step of migrations.py, as written there: ``def m001_workshop_record(db...)``.
_STEP = re.compile(r"^def (m\d{3}_\w+)\(", re.MULTILINE)


@functools.cache
def _step_names() -> frozenset[str]:
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


def schema_is_current(database: dbmod.Database) -> bool:
    """True when exactly the steps of migrations.py have been applied, read with plain sqlite3.

    Anything else (a new file, a step missing, a step from a newer version, an error reading)
    is False, and ``migrations.apply`` then migrates, refuses or reports it with its sentences.
    """
    try:
        rows = database.conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'facilitator'"
        ).fetchall()
    except sqlite3.Error:
        return False
    steps = _step_names()
    return bool(steps) and {name for (name,) in rows} == steps


def memory_store(clock: Callable[[], float] = time.time) -> Store:
    from facilitator.storage import migrations

    database = dbmod.memory()
    migrations.apply(database)
    return Store(database, clock=clock)
