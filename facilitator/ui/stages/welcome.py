"""Welcome and break stages: the stage's text, large and readable for the whole room.

A terminal cannot make letters bigger, so "large" means: a bold heading, a column no wider than
a comfortable line (about 70 characters) in the middle of the screen, and space between
paragraphs. Long text scrolls with the arrow keys or Page Down.

The welcome says first which kind of involvement the workshop honestly is (collaboration,
involvement, co-production or user-led), from the workshop's own record (``domain/involvement.py``),
then the agenda's text; an agenda's welcome text may not name a kind itself (``domain/agenda.py``).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from facilitator.domain.involvement import welcome_text
from facilitator.domain.models import StageKind
from facilitator.ui import text
from facilitator.ui.stages.base import StagePanel


class WelcomePanel(StagePanel):
    DEFAULT_CSS = """
    WelcomePanel { align-horizontal: center; }
    WelcomePanel > #welcome-scroll {
        width: 100%;
        max-width: 76;
        height: 1fr;
        padding: 1 2;
        scrollbar-size-vertical: 1;
    }
    WelcomePanel #welcome-title {
        text-style: bold;
        text-align: center;
        width: 100%;
        margin-bottom: 1;
        color: $accent;
    }
    WelcomePanel #welcome-text { width: 100%; text-style: bold; }
    WelcomePanel.-break #welcome-text { text-align: center; }
    """

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="welcome-scroll"):
            yield Static(id="welcome-title")
            yield Static(id="welcome-text")

    def reload(self) -> None:
        stage = self.stage
        self.set_class(stage.kind == StageKind.BREAK, "-break")
        body = str(stage.settings.get("text") or stage.settings.get("prompt") or "").strip()
        if stage.kind == StageKind.WELCOME:
            # Said from the workshop's own kind of involvement, never the agenda's wording.
            body = welcome_text(self.workshop.involvement, body)
        self.query_one("#welcome-title", Static).update(text.plain(stage.title))
        self.query_one("#welcome-text", Static).update(text.plain(body))
