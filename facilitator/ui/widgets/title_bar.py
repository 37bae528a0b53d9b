"""The top line of a screen: what it shows on the left, where to find every key on the right.

A footer on an 80-column projector cannot list every key; this line always says how to see them.
``mode_words`` is how a title line says whether the room may see the screen (the run screen's
starts with it), in full, because the footer has room only for f5's short "Present" or "Stop presenting".
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

KEYS_HINT = "? all keys \u00b7 ^p commands"
PRESENTING = "Presenting"
PRIVATE_VIEW = "Private view: not for the projector"


def mode_words(presenting: bool) -> Content:
    """"Presenting", or the private view said plainly and in reverse so that it stands out."""
    return Content(PRESENTING) if presenting else Content(PRIVATE_VIEW).stylize("reverse")


class TitleBar(Horizontal):
    DEFAULT_CSS = """
    TitleBar {
        height: 1;
        background: $panel;
        padding: 0 1;
    }
    TitleBar > #title-text {
        width: 1fr;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    TitleBar > #title-keys {
        width: auto;
        color: $text-muted;
        padding-left: 2;
    }
    """

    def __init__(self, title: Content | str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = title if isinstance(title, Content) else Content(title)

    def compose(self) -> ComposeResult:
        yield Static(self._title, id="title-text")
        yield Static(Content(KEYS_HINT), id="title-keys")

    def update(self, title: Content) -> None:
        """Change the title; pass ``Content`` from ``ui/text.py`` when it holds user text."""
        self.query_one("#title-text", Static).update(title)
