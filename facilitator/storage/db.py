"""Opening the one SQLite file, and the only way to write to it.

Every connection gets WAL, ``foreign_keys=ON`` and a busy timeout. Every write goes through
``write_transaction``: a short ``BEGIN IMMEDIATE`` transaction, retried while another process
holds the write lock. Measured here, deferred transactions under four concurrent writers lose
most writes to "database is locked" even with a busy timeout; ``BEGIN IMMEDIATE`` loses none,
because the lock is taken before anything is read.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator.domain.errors import ReadOnlyDatabase, StorageError

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 5_000
# How long a writer keeps retrying before it gives up with a sentence (seconds).
WRITE_PATIENCE_SECONDS = 60.0


class Database:
    """A sqlite3 connection plus what this app needs around it, and sqlite-utils for writing.

    The sqlite-utils wrapper (``db``) is made on first use: reading needs only the connection,
    and importing sqlite-utils costs a noticeable part of the app's start (about 60 ms here),
    before the home screen, which only reads, can be drawn.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None, read_only: bool,
                 **wrapper_options: Any) -> None:
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self._wrapper_options = wrapper_options
        self._db: sqlite_utils.Database | None = None
        # Set once ``check_intact`` has passed: the first write of every open checks the file first.
        self.intact_checked = False
        # Called with the number of seconds spent waiting, while a write waits for a lock held
        # elsewhere, so the UI can say "waiting for another program".
        self.on_wait: Callable[[float], None] | None = None

    @property
    def db(self) -> sqlite_utils.Database:
        """The connection wrapped by sqlite-utils (tables, inserts, migrations)."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn, execute_plugins=False, **self._wrapper_options)
        return self._db

    def prepare_writing(self) -> None:
        """Make the sqlite-utils wrapper now (the app calls this once it has drawn its first screen)."""
        self.db  # noqa: B018  (the property does the work)

    def data_version(self) -> int:
        """Changes when another connection commits: a cheap way to notice other terminals."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def close(self) -> None:
        self.conn.close()

    def check_intact(self) -> None:
        """Raise ``StorageError`` if the file is damaged (SQLite's ``quick_check``: reads every page once).

        For opening the app on a file: better one sentence before anything is shown than a damaged
        page found half-way through a workshop.
        """
        try:
            result = self.conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        except sqlite3.Error as error:
            raise translate_error(error, self.path) from None
        if result != "ok":
            raise damaged(self.path)
        self.intact_checked = True

    def checkpoint(self) -> bool:
        """Copy the WAL into the database file and empty the WAL; True if it could be done now.

        Best effort and brief: if another terminal is reading, it happens at a later checkpoint.
        """
        if self.read_only or self.path is None or self.conn.in_transaction:
            return False
        self.conn.execute("PRAGMA busy_timeout = 250")
        try:
            busy = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        except sqlite3.OperationalError:
            return False
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return not busy

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite_utils.Database]:
        """One short ``BEGIN IMMEDIATE`` transaction; commits on success, rolls back on error."""
        if self.read_only:
            raise ReadOnlyDatabase(
                f"{self.path}: this database can only be read here, so nothing can be saved."
            )
        db = self.db  # before the lock: the first write may import sqlite-utils
        if not self.intact_checked:
            # Writing into a damaged file can spread the damage: check it once per open, first.
            self.check_intact()
        self._begin_immediate()
        try:
            yield db
        except sqlite3.Error as error:
            # A constraint or I/O failure inside the transaction: undo it all and say so in a
            # sentence, rather than let a raw sqlite3 error reach the person.
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise translate_error(error, self.path) from error
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.Error as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise translate_error(error, self.path) from None

    def _begin_immediate(self) -> None:
        started = time.monotonic()
        delay = 0.005
        while True:
            try:
                self.conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise translate_error(error, self.path) from None
                waited = time.monotonic() - started
                if waited > WRITE_PATIENCE_SECONDS:
                    raise StorageError(
                        f"{self.path}: another program has held the database for over "
                        f"{int(WRITE_PATIENCE_SECONDS)} seconds, so this change was not saved."
                    ) from None
                if self.on_wait is not None:
                    self.on_wait(waited)
                time.sleep(delay)
                delay = min(delay * 2, 0.25)


def _is_busy(error: sqlite3.Error) -> bool:
    text = str(error).lower()
    return "locked" in text or "busy" in text


NOT_A_DATABASE = "this file is not a facilitator database or it is damaged."


def damaged(path: Path | None) -> StorageError:
    """The sentence for a damaged file, with what to do: list the backups, put one back."""
    if path is None:
        return StorageError(NOT_A_DATABASE[0].upper() + NOT_A_DATABASE[1:])
    from facilitator.local.join_command import command_line

    return StorageError(
        f"{path}: {NOT_A_DATABASE} Nothing was changed. To see your backups type "
        f"{command_line(path, 'backups')}; to put one back (the damaged file is kept beside it), "
        f"{command_line(path, 'restore', 'BACKUP')}."
    )


def translate_error(error: sqlite3.Error, path: Path | None) -> StorageError:
    """Turn an sqlite3 error into one sentence a person can act on."""
    text = str(error).lower()
    where = f"{path}: " if path else ""
    if "full" in text:
        return StorageError(f"{where}the disk is full, so this change was not saved.")
    if "readonly" in text or "read-only" in text:
        return ReadOnlyDatabase(f"{where}this database can only be read here, so nothing can be saved.")
    if "malformed" in text or "corrupt" in text:
        return damaged(path)
    if "not a database" in text:
        return StorageError(f"{where}{NOT_A_DATABASE}")
    if _is_busy(error):
        return StorageError(f"{where}the database is busy in another program; try again in a moment.")
    if "foreign key" in text:
        return StorageError(f"{where}the change refers to something that is not in this database, so it was not saved.")
    if "constraint" in text:
        return StorageError(f"{where}the change breaks a rule of the workshop record, so it was not saved.")
    if "unable to open" in text:
        return StorageError(f"{where}the database file cannot be opened.")
    return StorageError(f"{where}the database reported a problem: {error}.")


def connect(path: Path | str, *, create: bool = True, read_only: bool = False) -> Database:
    """Open (and if needed create, mode 0600) the database at ``path``, with the app's pragmas.

    ``read_only=True`` opens it for reading only, as happens anyway when the file or its folder
    cannot be written. Raises ``StorageError`` with a sentence when the file cannot be used.
    """
    path = Path(path)
    if path.is_dir():
        raise StorageError(f"{path}: this is a folder, not a database file.")
    exists = path.exists()
    if not exists:
        if not create:
            raise StorageError(f"{path}: there is no database here.")
        _create_private_file(path)
    read_only = read_only or not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)
    try:
        if read_only:
            conn = _open_read_only(path)
        else:
            _make_leftovers_writable(path)
            conn = sqlite3.connect(str(path), check_same_thread=False)
        # We manage transactions ourselves: no implicit BEGIN from the sqlite3 module.
        conn.isolation_level = None
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # Deleted or overwritten text (a forgotten person's name) is zeroed, not left in free pages.
        conn.execute("PRAGMA secure_delete = ON")
        # Fail fast on a file that is not a database before changing anything.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        if not read_only:
            _set_wal(conn)
            conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as error:
        raise translate_error(error, path) from None
    return Database(conn, path, read_only, recursive_triggers=False)


def _open_read_only(path: Path) -> sqlite3.Connection:
    """Open for reading only.

    A WAL database needs its ``-shm`` file; in a folder we cannot write to, SQLite cannot create
    it and refuses even to read. Nobody can be writing the file there either (they could not
    create the ``-wal`` file), so it is then safe to read it as an unchanging file.
    """
    uri = path.resolve().as_uri()  # percent-encodes "?", "#" and "%" in folder names
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as error:
        conn.close()
        text = str(error).lower()
        folder_locked = not os.access(path.parent, os.W_OK)
        if not folder_locked or not ("readonly" in text or "read-only" in text or "unable to open" in text):
            raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, check_same_thread=False)


def _make_leftovers_writable(path: Path) -> None:
    """Let the owner write again after the file was opened while it was read-only.

    Reading a read-only WAL database leaves ``-wal`` and ``-shm`` files with its read-only mode;
    SQLite would then refuse every later write, even once the database file is writable again.
    """
    for suffix in ("-wal", "-shm"):
        leftover = path.with_name(path.name + suffix)
        try:
            if leftover.exists() and not os.access(leftover, os.W_OK) and leftover.stat().st_uid == os.geteuid():
                os.chmod(leftover, 0o600)
        except OSError:
            pass  # not ours to fix; SQLite will say what is wrong


def _set_wal(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    if str(mode).lower() == "wal":
        return
    # Switching to WAL writes the file's header. A file we have never changed (a backup copy, a
    # file from elsewhere) is checked first, so a damaged one is left exactly as it was.
    if conn.execute("PRAGMA quick_check(1)").fetchone()[0] != "ok":
        raise sqlite3.DatabaseError("database disk image is malformed")
    deadline = time.monotonic() + WRITE_PATIENCE_SECONDS
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as error:
            if not _is_busy(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _create_private_file(path: Path) -> None:
    """Create an empty file readable only by its owner: it may hold health information."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
        os.chmod(path, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise StorageError(f"{path}: the database file cannot be created ({error.strerror}).") from None


def memory() -> Database:
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.isolation_level = None
    conn.execute("PRAGMA foreign_keys = ON")
    return Database(conn, None, False)
