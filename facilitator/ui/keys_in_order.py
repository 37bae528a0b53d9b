"""Keys that arrive together are handled one after another, each as if it had been typed alone.

A fast typist, a paste without bracketed-paste mode, a Braille display or a switch device can
send many keys at once. Textual hands each key to the widget that has the focus *when the key
arrives*, and most of a key's effect comes later: a key that the focused widget does not use
itself travels up through its containers' message queues, one queue at a time, and only when it
reaches the app are the bindings checked (Tab's "focus the next box", Enter's "submit"). By then
the app has already handed the keys behind it to the old focus. So in a burst "Title, Tab,
Purpose" all went into the title, "n" and a name typed at once went to the home screen (where
the name's letters are keys), and five ideas, each followed by Enter, were saved as one.

``KeysInOrder`` (mixed into the app, before ``App``) holds a key, or a paste, while an earlier
one is still being handled, and lets it go once the screen is at rest: every message pump of
the app and its screen is waiting for its next message with none queued (so the key has been
used, the focus has moved, a dialog has opened), and, while keys are held, no widget on the
screen is still saving in the background (``saving_in_background``, see ``ui/saving.py``; so an
idea is saved and out of the box before the next one is typed). Then the next key goes where it would have gone had it
been typed alone. A key typed on its own is never held (nothing is in flight), so typing by hand
feels exactly as before.

Nothing is ever dropped or reordered. A save that takes longer than ``MOST_WAIT_FOR_SAVE_SECONDS``
(it waits for another program's lock, and the screen says so) is no longer waited for: the rest
of the burst goes on, in order, as it would have before. ``MOST_WAIT_SECONDS`` only guards against
a handler that never finishes (then the rest of the burst goes on at once).
"""

from __future__ import annotations

import asyncio
from collections import deque
from time import monotonic

from textual import events
from textual.app import ScreenStackError
from textual.message_pump import MessagePump

# How long a held key waits for the screen to finish with the key before it: opening a dialog takes
# from a few milliseconds to a few hundred on a slow or busy machine; this only stops a key being
# held for ever by a handler that never finishes.
MOST_WAIT_SECONDS = 5.0
# How long it waits for a save in the background: a save takes milliseconds, unless another program
# holds the database (the screen then says it is waiting); the rest of the burst goes on meanwhile.
MOST_WAIT_FOR_SAVE_SECONDS = 2.0
LOOK_EVERY_SECONDS = 0.001
LOOK_AT_MOST_EVERY_SECONDS = 0.016


def _from_outside(event: events.Event) -> bool:
    """A key or paste as it comes from the terminal (not on its way back up from a widget)."""
    return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded


def at_rest(pump: MessagePump) -> bool:
    """True when ``pump`` has nothing queued and is not in the middle of handling a message.

    A pump that is handling a message may be paused on an ``await`` (mounting a dialog, say) with
    an empty queue, so the queue alone is not enough: a pump at rest is the one whose task waits
    on its queue's ``ready_event``. (Textual 8's ``_queue.Queue``; if that ever changes, this
    falls back to the queue being empty.)
    """
    queue = pump._message_queue
    if queue.qsize():
        return False
    task = pump._task
    if task is None or task.done():
        return True  # not running (not started yet, or closed): nothing will happen there
    waiters = getattr(getattr(queue, "ready_event", None), "_waiters", None)
    return waiters is None or bool(waiters)


class KeysInOrder:
    """Mixin for the ``App``: one key (or paste) at a time, each handled before the next."""

    _keys_held: deque | None = None
    _key_in_flight = False
    _key_let_through: events.Event | None = None
    _key_watch: asyncio.Task | None = None

    @property
    def keys_held(self) -> int:
        """How many keys (or pastes) have arrived and wait for their turn."""
        return len(self._keys_held) if self._keys_held else 0

    @property
    def keys_in_flight(self) -> bool:
        """True while keys that arrived together are still being handled, one after another."""
        return self._key_in_flight or bool(self._keys_held)

    async def on_event(self, event: events.Event) -> None:
        if not _from_outside(event):
            await super().on_event(event)  # type: ignore[misc]
            return
        if event is self._key_let_through:
            self._key_let_through = None  # its turn: still counted as in flight
        elif self._key_in_flight:
            if self._keys_held is None:
                self._keys_held = deque()
            self._keys_held.append(event)
            return
        self._key_in_flight = True
        await super().on_event(event)  # type: ignore[misc]
        if self._key_watch is None or self._key_watch.done():
            self._key_watch = asyncio.get_running_loop().create_task(self._let_keys_through())

    async def _let_keys_through(self) -> None:
        """Wait until the last key is handled, then post the next held one; stop when none is left."""
        wait_for_saves, patience = True, MOST_WAIT_SECONDS
        try:
            while True:
                settled, wait_for_saves = await self._screen_settled(wait_for_saves, patience)
                if not settled:  # something never rests: the rest of the burst waits no more than a moment
                    patience = LOOK_EVERY_SECONDS * 10
                if not self._keys_held:
                    self._key_in_flight = False
                    return
                self._key_let_through = self._keys_held.popleft()
                if not self.post_message(self._key_let_through):  # type: ignore[attr-defined]
                    self._key_let_through = None  # the app is closing
        except asyncio.CancelledError:
            self._key_in_flight = False
            raise
        except Exception as error:  # never leave keys stuck: the rest go on, in order
            self.log.error(f"keys in order: {error!r}")  # type: ignore[attr-defined]
            self._key_in_flight = False
            self._key_let_through = None
            held, self._keys_held = self._keys_held, None
            for event in held or ():
                self.post_message(event)  # type: ignore[attr-defined]

    async def _screen_settled(self, wait_for_saves: bool, patience: float) -> tuple[bool, bool]:
        """Wait until the screen is at rest (seen twice in a row, so nothing was just starting), or
        ``patience`` seconds have gone by.

        Returns whether it came to rest, and whether the next key should still wait for saves: not
        once one has taken longer than ``MOST_WAIT_FOR_SAVE_SECONDS`` (it is waiting for another
        program's lock)."""
        started = monotonic()
        calm = 0
        delay = LOOK_EVERY_SECONDS
        while calm < 2:
            if calm:
                await asyncio.sleep(0)
            else:  # a key takes a millisecond or so; a save longer: look less often as time goes by
                await asyncio.sleep(delay)
                delay = min(delay * 2, LOOK_AT_MOST_EVERY_SECONDS)
            handling, saving = self._busy()
            waited = monotonic() - started
            if saving and wait_for_saves and waited > MOST_WAIT_FOR_SAVE_SECONDS:
                wait_for_saves = False
            # A save is waited for only when keys are held (a burst): a key typed by hand after
            # Enter goes straight on while the save goes on, as it always has.
            calm = 0 if handling or (saving and wait_for_saves and self._keys_held) else calm + 1
            if waited > patience:
                return False, wait_for_saves
        return True, wait_for_saves

    def _busy(self) -> tuple[bool, bool]:
        """(a message pump is handling or holding a message, a widget is saving in the background)."""
        handling = not at_rest(self)  # type: ignore[arg-type]
        saving = False
        try:
            screen = self.screen  # type: ignore[attr-defined]
        except ScreenStackError:  # no screen yet, or the app is closing: nothing to wait for
            return handling, saving
        for node in screen.walk_children(with_self=True):
            handling = handling or not at_rest(node)
            saving = saving or bool(getattr(node, "saving_in_background", False))
            if handling and saving:
                break
        return handling, saving

    def on_unmount(self) -> None:
        """The app is closing: the keys still held go nowhere, as they would have anyway."""
        if self._key_watch is not None:
            self._key_watch.cancel()
            self._key_watch = None
        self._keys_held = None
        self._key_in_flight = False
