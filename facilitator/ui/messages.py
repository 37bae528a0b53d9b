"""Messages that travel up (or are broadcast) in the app."""

from __future__ import annotations

from textual.message import Message


class DatabaseChanged(Message):
    """Another terminal (or this one) committed a change: views reload what they show.

    Sent to the active screen by the app's poll of ``PRAGMA data_version`` (about 8 µs a call)
    and after our own writes, so every open view shows a change within a second.
    """
