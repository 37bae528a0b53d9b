"""Keys that arrive together, as a terminal delivers them from a fast typist, a paste without
bracketed-paste mode, a Braille display or a switch device.

``pilot.press`` waits for the app to go idle after every key, so it never shows what happens when
keys arrive faster than the app handles them. ``press_together`` sends them all at once, with no
pause in between (named as ``pilot.press`` names them: ``*"words"``, ``"enter"``, ``"tab"``), then
waits for the app to finish with them.
"""

from __future__ import annotations

import unicodedata
from time import monotonic

from textual import events
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot


def key_event(key: str) -> events.Key:
    """The event a terminal's driver posts for ``key`` (as ``App._press_keys`` builds it)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    original = REPLACED_KEYS.get(key, key)
    try:
        character: str | None = unicodedata.lookup(_get_unicode_name_from_key(original))
    except KeyError:
        character = key if len(key) == 1 else None
    return events.Key(key, character)


async def press_together(pilot: Pilot, *keys: str) -> None:
    """Send ``keys`` to the app all at once, then wait until it has handled them."""
    app = pilot.app
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)  # no await between keys: they arrive together
    await settle(pilot)


async def paste(pilot: Pilot, words: str) -> None:
    """A bracketed paste of ``words`` (the terminal sends it as one event)."""
    event = events.Paste(words)
    event.set_sender(pilot.app)
    pilot.app._driver.send_message(event)
    await settle(pilot)


async def settle(pilot: Pilot, seconds: float = 20.0) -> None:
    """Wait until the app has let every key of the burst through (however slow the machine), and
    the saves they started are done."""
    app = pilot.app

    def in_flight() -> bool:
        return getattr(app, "keys_in_flight", False)  # (an app without ``KeysInOrder``: never)

    await pilot.pause()
    deadline = monotonic() + seconds
    while in_flight() and monotonic() < deadline:
        await pilot.pause(0.01)
    assert not in_flight(), f"{app.keys_held} keys still held after {seconds} s"
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
