"""Consistent copies of the database, taken with SQLite's online backup API.

The backup API copies pages under SQLite's own locking, so it is safe while other terminals are
writing: the copy is one consistent snapshot. The copy is written beside its destination first
and renamed into place, so a half-made backup never looks like a finished one.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from facilitator.domain.errors import StorageError
from facilitator.storage.db import Database, translate_error

KEEP_AUTOMATIC_BACKUPS = 10


def backup_to(database: Database, destination: Path | str) -> Path:
    """Copy the whole database to ``destination`` (mode 0600), atomically."""
    destination = Path(destination).expanduser()
    if destination.is_dir():
        raise StorageError(f"{destination}: this is a folder; give a file name for the backup.")
    if not destination.parent.is_dir():
        raise StorageError(f"{destination.parent}: this folder does not exist, so the backup was not made.")
    partial = destination.with_name(f".{destination.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        target = sqlite3.connect(str(partial))
        try:
            database.conn.backup(target, pages=256, sleep=0.005)
            # A backup is a single file: no WAL beside it.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        os.replace(partial, destination)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise translate_error(error, destination) from None
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"{destination}: the backup could not be written ({error.strerror}).") from None
    return destination


def automatic_backup(database: Database, folder: Path, *, label: str = "", keep: int = KEEP_AUTOMATIC_BACKUPS) -> Path:
    """Back up into ``folder`` with a timestamped name and keep only the newest ``keep``."""
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    suffix = f"-{label}" if label else ""
    path = backup_to(database, folder / f"facilitator-{stamp}{suffix}.db")
    backups = sorted(folder.glob("facilitator-*.db"))
    for old in backups[:-keep]:
        old.unlink(missing_ok=True)
    return path
