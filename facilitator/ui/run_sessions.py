"""Which workshops' run screens this process has opened, so a clean quit can say it was one.

A stage timer runs on while the app is closed. When the run screen opens and finds it running,
it says how that came about: after a crash or a kill, "Resumed after an interruption" (on screen
and in the minutes); after Ctrl+Q, only that the timer kept running. For that, the quit is noted
in the store (``Store.log_app_closed``) for every workshop whose run screen this process opened.
A note-taker's terminal opens no run screen, so its quit says nothing about the facilitator's.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from facilitator.storage.store import Store

# Per store: the workshops whose run screen this process has opened.
_OPENED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def first_opening(store: Store, workshop_id: int) -> bool:
    """True the first time this process opens the workshop's run screen (then noted as opened):
    only then can the timer have "kept running while the app was closed"."""
    opened = _OPENED.setdefault(store, set())
    first = workshop_id not in opened
    opened.add(workshop_id)
    return first


def note_clean_quit(store: Store) -> None:
    """The app is quitting cleanly: note it for each workshop whose run screen this process opened.

    Only if the database is free this instant: a quit never waits for another program's lock or
    stops on an error (the next start then calls it an interruption, the safe side).
    """
    opened = sorted(_OPENED.get(store, ()))
    if not opened:
        return
    from facilitator.domain.errors import FacilitatorError
    from facilitator.ui.background_writer import LockHeld, write_now_if_free

    for workshop_id in opened:
        try:
            write_now_if_free(store, lambda store, workshop_id=workshop_id: store.log_app_closed(workshop_id))
        except (LockHeld, FacilitatorError):
            pass
