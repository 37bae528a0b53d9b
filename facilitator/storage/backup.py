"""Consistent copies of the database, taken with SQLite's online backup API.

The backup API copies pages under SQLite's own locking, so it is safe while other terminals are
writing: the copy is one consistent snapshot. The copy is written beside its destination first
and renamed into place, so a half-made backup never looks like a finished one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
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


# -- finding the backups, and putting one back -------------------------------------------------------


@dataclass(frozen=True)
class BackupInfo:
    """One backup file as ``facilitator backups`` lists it."""

    path: Path
    modified: float  # seconds since the epoch
    size: int  # bytes
    workshops: int | None  # None when the file cannot be read as a database
    intact: bool  # passes SQLite's full integrity_check


def inspect_backup(path: Path) -> BackupInfo:
    """Open ``path`` read-only (never changing it) and say how many workshops it holds and whether it is whole."""
    stat = path.stat()
    workshops: int | None = None
    intact = False
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return BackupInfo(path, stat.st_mtime, stat.st_size, None, False)
    try:
        intact = conn.execute("PRAGMA integrity_check(1)").fetchone()[0] == "ok"
        workshops = conn.execute("SELECT count(*) FROM workshops").fetchone()[0]
    except sqlite3.Error:
        pass
    finally:
        conn.close()
    return BackupInfo(path, stat.st_mtime, stat.st_size, workshops, intact)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``folder``, newest first."""
    if not folder.is_dir():
        return []
    found = [inspect_backup(path) for path in folder.glob("*.db") if path.is_file()]
    return sorted(found, key=lambda info: (info.modified, info.path.name), reverse=True)


def restore(database_path: Path, backup: Path, *, stamp: str | None = None) -> Path | None:
    """Put ``backup`` back as the database at ``database_path``; return where the old file now is.

    The old file (damaged, usually) is never deleted: it gets a second name beside it (a hard
    link, with its ``-wal`` if any) before anything else, and the backup's copy then replaces the
    database's name in one ``rename``. At every moment there is a database under
    ``database_path``: the old one until the rename, the restored one after. A failure at any
    step leaves the old file where it was, with its log, and takes its second names away again.
    Close every terminal that has the database open first.
    """
    database_path = Path(database_path)
    backup = Path(backup)
    info = inspect_backup(backup)
    if not info.intact or info.workshops is None:
        raise StorageError(f"{backup}: this backup is damaged or not a facilitator database, so it was not put back.")
    incoming = database_path.with_name(f".{database_path.name}.restoring")
    aside = _free_name(database_path, stamp or datetime.now().strftime("%Y%m%d-%H%M%S"))
    log = database_path.with_name(database_path.name + "-wal")
    named: list[Path] = []  # second names made so far, to take away again if a later step fails
    try:
        incoming.unlink(missing_ok=True)
        fd = os.open(incoming, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with open(fd, "wb") as target, open(backup, "rb") as source:
            shutil.copyfileobj(source, target, 1024 * 1024)
            target.flush()
            os.fsync(target.fileno())
        if database_path.exists():
            _second_name(database_path, aside)
            named.append(aside)
            if log.exists():
                _second_name(log, aside.with_name(aside.name + "-wal"))
                named.append(aside.with_name(aside.name + "-wal"))
            # The old file's log must not be read into the restored one.
            database_path.with_name(database_path.name + "-shm").unlink(missing_ok=True)
            log.unlink(missing_ok=True)
        os.replace(incoming, database_path)
    except OSError as error:
        incoming.unlink(missing_ok=True)
        if len(named) == 2 and not log.exists():
            _second_name(named[1], log)  # the old file gets its log back
        for path in named:
            path.unlink(missing_ok=True)  # only a second name: the file itself is still at its place
        raise StorageError(
            f"{database_path}: the backup could not be put back ({error.strerror or error}); "
            "the database is as it was."
        ) from None
    return named[0] if named else None


def _free_name(database_path: Path, stamp: str) -> Path:
    """``facilitator-damaged-<stamp>.db`` beside the database, with a number if that is taken."""
    for number in range(1, 1000):
        extra = "" if number == 1 else f"-{number}"
        candidate = database_path.with_name(f"{database_path.stem}-damaged-{stamp}{extra}{database_path.suffix}")
        if not candidate.exists() and not candidate.with_name(candidate.name + "-wal").exists():
            return candidate
    raise StorageError(f"{database_path.parent}: too many damaged copies are kept here; move some away first.")


def _second_name(path: Path, other: Path) -> None:
    """Give ``path`` the name ``other`` too (a hard link; a copy where links are not possible)."""
    try:
        os.link(path, other)
    except OSError:
        shutil.copy2(path, other)
        os.chmod(other, 0o600)
