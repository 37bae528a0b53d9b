"""Saving without freezing the screen while another terminal holds the database.

A write is a ``BEGIN IMMEDIATE`` transaction that waits (and retries, for up to a minute) while
another process holds the write lock. Done on the UI thread, that wait would freeze the screen:
no cursor, no "waiting" message, and the app's 0.5 s poll stuck behind it. So a screen hands its
writes to a ``BackgroundWriter``:

- each write runs in a Textual thread worker, one at a time, on the writer's **own connection**
  to the same file. The app's connection stays on the UI thread for reading, so the two threads
  never share a connection (a connection waiting for a lock would block the other thread too);
- while it waits, the writer posts ``BackgroundWriter.Waiting(seconds)`` to its owner;
- when it is done it posts ``BackgroundWriter.Finished(job)``; the owner calls
  ``writer.deliver(job)`` on the UI thread, which runs the job's ``done`` or ``failed`` callback.
  The worker never touches a widget.

    writer = BackgroundWriter(app.store, owner=screen)
    writer.submit(lambda store: store.add_idea(...), done=show_idea, failed=show_error)

``submit`` returns False while an earlier write is still going: the owner keeps what was typed
and says so, so a change is never queued behind another one the person cannot see.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.widget import Widget

from facilitator.domain.errors import FacilitatorError
from facilitator.storage.db import translate_error
from facilitator.storage.store import Store, open_store

# How long one attempt to take the write lock blocks inside SQLite before the retry loop in
# ``Database.write`` gets control back (and can report that it is waiting).
LOCK_ATTEMPT_MS = 100
# Say "waiting" only after this long, so a moment's contention does not flash a message.
SAY_WAITING_AFTER = 0.3


@dataclass
class WriteJob:
    change: Callable[[Store], Any]
    done: Callable[[Any], None] | None = None
    failed: Callable[[FacilitatorError], None] | None = None
    result: Any = None
    error: FacilitatorError | None = None
    waited: float = 0.0  # seconds spent waiting for another program's lock
    writer: BackgroundWriter | None = None  # which writer ran it: a screen delivers only its own


class BackgroundWriter:
    class Waiting(Message):
        """A write has been waiting ``seconds`` for another program to finish saving."""

        def __init__(self, seconds: float) -> None:
            super().__init__()
            self.seconds = seconds

    class Finished(Message):
        """A write committed or failed; pass ``job`` to ``BackgroundWriter.deliver``."""

        def __init__(self, job: WriteJob) -> None:
            super().__init__()
            self.job = job

    def __init__(self, store: Store, owner: Widget) -> None:
        self.main = store
        self.owner = owner
        self.busy = False  # read and set on the UI thread only
        self._store: Store | None = None
        self._lock = threading.Lock()  # held by the worker while it uses the writer's connection
        self._closing = False
        self._job: WriteJob | None = None

    # -- the connection (worker thread, under the lock) --------------------------------------

    @property
    def store(self) -> Store:
        """The writer's own store on the same file (opened on first use)."""
        if self._store is None:
            self._store = self._open()
        return self._store

    def _open(self) -> Store:
        database = self.main.database
        if database.path is None:
            store = self.main  # an in-memory store (tests): there is no second connection to make
        else:
            store = open_store(database.path, clock=self.main.clock, create=False, read_only=database.read_only)
            store.database.conn.execute(f"PRAGMA busy_timeout = {LOCK_ATTEMPT_MS}")
        store.database.on_wait = self._waiting
        return store

    def _waiting(self, seconds: float) -> None:
        job = self._job
        if job is not None:
            job.waited = seconds
        if seconds >= SAY_WAITING_AFTER:
            self.owner.post_message(self.Waiting(seconds))  # post_message is thread-safe

    # -- writing ------------------------------------------------------------------------------

    def submit(
        self,
        change: Callable[[Store], Any],
        *,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[FacilitatorError], None] | None = None,
    ) -> bool:
        """Run ``change(store)`` in the background; False (nothing started) if a write is going."""
        if self.busy or self._closing:
            return False
        self.busy = True
        job = WriteJob(change, done, failed, writer=self)
        self.owner.run_worker(lambda: self._run(job), thread=True, group="background-writes",
                              name="save", exit_on_error=True)
        return True

    def _run(self, job: WriteJob) -> None:
        """In the worker thread: do the write, then tell the owner. Touches no widget."""
        with self._lock:
            self._job = job
            try:
                job.result = job.change(self.store)
            except FacilitatorError as error:
                job.error = error
            except sqlite3.Error as error:  # a read outside the transaction, e.g. a damaged page
                job.error = translate_error(error, self.main.database.path)
            finally:
                self._job = None
                if self._closing:
                    self._close_connection()
        self.owner.post_message(self.Finished(job))

    def deliver(self, job: WriteJob) -> None:
        """On the UI thread: the write is over; run its callback."""
        self.busy = False
        if job.error is not None:
            if job.failed is not None:
                job.failed(job.error)
        elif job.done is not None:
            job.done(job.result)

    # -- closing ------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the writer's connection now, or as soon as the write in progress is over."""
        self._closing = True
        if self._lock.acquire(blocking=False):
            try:
                self._close_connection()
            finally:
                self._lock.release()

    def _close_connection(self) -> None:
        store, self._store = self._store, None
        if store is None:
            return
        store.database.on_wait = None
        if store is not self.main:
            store.close()


class LockHeld(Exception):
    """Another program holds the write lock right now: hand the change to a ``BackgroundWriter``."""


def write_now_if_free(store: Store, change: Callable[[Store], Any]) -> Any:
    """Run ``change(store)`` at once on this thread, unless another program holds the write lock.

    The common case (nobody else writing) stays as quick as a plain write, with the result on
    screen in the same frame; only when the lock is taken does it raise ``LockHeld`` straight
    away, without waiting, so the caller can hand the change to its ``BackgroundWriter``.
    """
    database = store.database
    if database.path is None:  # an in-memory store: no other program can hold it
        return change(store)

    def busy(seconds: float) -> None:
        raise LockHeld()

    previous_wait = database.on_wait
    timeout = database.conn.execute("PRAGMA busy_timeout").fetchone()[0]
    database.on_wait = busy
    database.conn.execute("PRAGMA busy_timeout = 0")
    try:
        return change(store)
    finally:
        database.conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
        database.on_wait = previous_wait
