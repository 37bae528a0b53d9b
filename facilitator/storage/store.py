"""The Store: one method per use case, each write one short ``BEGIN IMMEDIATE`` transaction."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from facilitator.storage import db as dbmod
from facilitator.storage import first_page
from facilitator.storage.decisions import DecisionsMixin
from facilitator.storage.devices import DevicesMixin
from facilitator.storage.ideas import IdeasMixin
from facilitator.storage.kinds import KindsMixin
from facilitator.storage.people import PeopleMixin
from facilitator.storage.privacy import PrivacyMixin
from facilitator.storage.recognition import RecognitionMixin
from facilitator.storage.register import RegisterMixin
from facilitator.storage.replan import ReplanMixin
from facilitator.storage.search import SearchMixin
from facilitator.storage.series_roster import SeriesRosterMixin
from facilitator.storage.stages import StagesMixin
from facilitator.storage.vote_ties import VoteTiesMixin
from facilitator.storage.votes import VotesMixin
from facilitator.storage.workshops import WorkshopsMixin


class Store(
    WorkshopsMixin, PeopleMixin, StagesMixin, IdeasMixin, VotesMixin, DecisionsMixin, RegisterMixin, DevicesMixin,
    RecognitionMixin,
    SearchMixin,
    PrivacyMixin, SeriesRosterMixin,
    ReplanMixin, VoteTiesMixin,
    KindsMixin,
):
    """Everything the app, the CLI and the tests do to a workshop's record."""

    def close(self) -> None:
        self.database.close()

    def workshop_rows(self, *, limit: int | None = None, offset: int = 0) -> list[first_page.WorkshopRow]:
        """The home screen's list: workshops as plain rows (no models), in progress first, then
        planned, then finished, newest first; the same rows ``first_page`` reads before the app opens."""
        try:
            return first_page.workshop_rows(self.database.conn, limit=limit, offset=offset)
        except sqlite3.Error as error:
            raise dbmod.translate_error(error, self.database.path) from None


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


def schema_is_current(database: dbmod.Database) -> bool:
    """True when exactly the steps of migrations.py have been applied (see ``first_page.schema_is_current``)."""
    return first_page.schema_is_current(database.conn)


def memory_store(clock: Callable[[], float] = time.time) -> Store:
    from facilitator.storage import migrations

    database = dbmod.memory()
    migrations.apply(database)
    return Store(database, clock=clock)
