"""What every part of the store shares: the connection, the clock and row conversion."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from pydantic import BaseModel

from facilitator.domain.errors import NotFound
from facilitator.storage.db import Database, translate_error

ModelT = TypeVar("ModelT", bound=BaseModel)

# Columns stored as JSON text.
_JSON_COLUMNS = {"perspectives", "present", "settings", "results"}
_BOOL_COLUMNS = {"anonymous", "withdrawn", "revealed", "forgotten"}


def row_to(model: type[ModelT], row: dict[str, Any], **extra: Any) -> ModelT:
    data = dict(row)
    for key in _JSON_COLUMNS & data.keys():
        data[key] = json.loads(data[key]) if data[key] else ({} if key in ("settings", "results") else [])
    for key in _BOOL_COLUMNS & data.keys():
        data[key] = bool(data[key])
    data.update(extra)
    return model.model_validate(data)


class StoreBase:
    def __init__(self, database: Database, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self.clock = clock

    @property
    def db(self):
        """sqlite-utils around the connection, made on first use (see ``Database.db``)."""
        return self.database.db

    # -- time -------------------------------------------------------------------------------

    def now(self) -> float:
        return self.clock()

    def now_iso(self) -> str:
        """Local time with its offset, to the second: what minutes show as times of day."""
        return datetime.fromtimestamp(self.clock()).astimezone().isoformat(timespec="seconds")

    def today(self) -> str:
        return datetime.fromtimestamp(self.clock()).date().isoformat()

    # -- reading ----------------------------------------------------------------------------

    def _rows(self, sql: str, params: tuple | list | dict = ()) -> list[dict[str, Any]]:
        try:
            cursor = self.database.conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, values)) for values in cursor.fetchall()]
        except sqlite3.Error as error:
            # A damaged page shows up on the read that reaches it: a sentence, not a traceback.
            raise translate_error(error, self.database.path) from None

    def _row(self, sql: str, params: tuple | list | dict = ()) -> dict[str, Any] | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _value(self, sql: str, params: tuple | list | dict = ()) -> Any:
        try:
            row = self.database.conn.execute(sql, params).fetchone()
        except sqlite3.Error as error:
            raise translate_error(error, self.database.path) from None
        return row[0] if row else None

    def _get(self, table: str, model: type[ModelT], record_id: int, what: str) -> ModelT:
        row = self._row(f"SELECT * FROM {table} WHERE id = ?", (record_id,))
        if row is None:
            raise NotFound(f"There is no {what} with id {record_id}.")
        return row_to(model, row)

    def write(self):
        return self.database.write()

    def data_version(self) -> int:
        return self.database.data_version()
