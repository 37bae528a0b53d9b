"""One thread that owns the web app's Store, so the event loop never waits on SQLite.

A write waits for the lock when the facilitator's app or a note-taker is saving (up to a minute
before it gives up with a sentence). Done on the event loop, that wait would freeze every phone;
done here, only the requests behind it wait. One thread and one connection also means the Store
is never used from two threads at once.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from facilitator.storage.store import Store

T = TypeVar("T")


class StoreThread:
    def __init__(self, open_store: Callable[[], Store]) -> None:
        self._open_store = open_store
        self._store: Store | None = None
        self._thread: ThreadPoolExecutor | None = None

    @property
    def _executor(self) -> ThreadPoolExecutor:
        # Made on first use, and again after ``close``: tests open the same app more than once.
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="facilitator-web-store")
        return self._thread

    def _with_store(self, work: Callable[..., T], args: tuple, kwargs: dict) -> T:
        if self._store is None:
            self._store = self._open_store()
        return work(self._store, *args, **kwargs)

    async def run(self, work: Callable[..., T], *args, **kwargs) -> T:
        """``work(store, *args, **kwargs)`` on the store's thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(self._with_store, work, args, kwargs))

    def run_blocking(self, work: Callable[..., T], *args, **kwargs) -> T:
        """The same, from code that is not on the event loop (start-up and shut-down)."""
        return self._executor.submit(self._with_store, work, args, kwargs).result()

    def close(self) -> None:
        if self._thread is None:
            return

        def close_store() -> None:
            if self._store is not None:
                self._store.close()
                self._store = None

        self._thread.submit(close_store).result()
        self._thread.shutdown(wait=True)
        self._thread = None
