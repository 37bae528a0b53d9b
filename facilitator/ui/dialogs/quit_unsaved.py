"""Ctrl+Q with unsaved work: the question the quit asks first.

A screen whose work is kept nowhere else until it is saved (the agenda editor) defines
``unsaved_on_quit() -> (question, detail) | None``. Forms that keep their typing on this computer
(``form_dialog.py``) need not: it is offered again next time. "No" has the focus and Escape is
"No", so a quit pressed out of habit loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import App

from facilitator.ui import run_sessions
from facilitator.ui.dialogs.confirm import ConfirmDialog

if TYPE_CHECKING:
    from facilitator.storage.store import Store


class QuitDialog(ConfirmDialog):
    """Asked by Ctrl+Q; y quits losing the work, n or Escape goes back to it."""

    def __init__(self, question: str, detail: str) -> None:
        super().__init__(question, yes="Quit, losing them", no="Keep editing", detail=detail)


def unsaved_question(screens: Iterable[object]) -> tuple[str, str] | None:
    """The question for the topmost screen with unsaved work, or None when nothing would be lost."""
    for screen in reversed(list(screens)):
        ask = getattr(screen, "unsaved_on_quit", None)
        unsaved = ask() if callable(ask) else None
        if unsaved is not None:
            return unsaved
    return None


def quit_asking_first(app: App, store: Store | None) -> None:
    """Quit cleanly (noted for the run screens this process opened, ``run_sessions``), after
    asking when a screen has unsaved work; a second Ctrl+Q while it asks does nothing more."""
    if isinstance(app.screen, QuitDialog):
        return

    def quit_now(lose: bool | None = True) -> None:
        if not lose:
            return
        if store is not None:
            run_sessions.note_clean_quit(store)
        app.exit()

    if (unsaved := unsaved_question(app.screen_stack)) is not None:
        app.push_screen(QuitDialog(*unsaved), quit_now)
        return
    quit_now()
