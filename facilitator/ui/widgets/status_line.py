"""One line that says what happened to the last change: saved, waiting, or why it was not saved.

The words carry the meaning (colour only underlines it), so it reads the same in every theme and
on a washed-out projector. Sentences can quote user text (an idea, a name), so they are always
shown literally.

    status = StatusLine()
    status.saved("Saved: ...")        # after a commit
    status.waiting(3.2)               # while another program holds the database
    status.error(str(error))          # the store's one-sentence error
    status.info("...")                # anything else
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from facilitator.ui import text

WAITING = "Waiting for another program to finish saving\u2026"
READ_ONLY = "Read-only: changes cannot be saved."
SAVED = "Saved."


def waiting_sentence(seconds: float) -> str:
    if seconds < 1:
        return WAITING
    return f"{WAITING} ({int(seconds)} s so far; nothing is lost, it will save as soon as it can)"


class StatusLine(Static):
    DEFAULT_CSS = """
    StatusLine {
        height: auto;
        min-height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    StatusLine.-saved { color: $text-success; }
    StatusLine.-waiting { color: $text-warning; text-style: bold; }
    StatusLine.-error { color: $text-error; text-style: bold; }
    """

    KINDS = ("-saved", "-waiting", "-error")

    def __init__(self, sentence: str = "", *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(text.plain(sentence), id=id, classes=classes)
        self.kind = ""
        self.sentence = sentence

    def _show(self, sentence: str | Content, kind: str = "") -> None:
        self.sentence = sentence.plain if isinstance(sentence, Content) else sentence
        self.kind = kind
        for name in self.KINDS:
            self.set_class(name == kind, name)
        self.update(sentence if isinstance(sentence, Content) else text.plain(sentence))

    def info(self, sentence: str | Content) -> None:
        self._show(sentence)

    def saved(self, sentence: str | Content = SAVED) -> None:
        self._show(sentence, "-saved")

    def waiting(self, seconds: float) -> None:
        self._show(waiting_sentence(seconds), "-waiting")

    def error(self, sentence: str | Content) -> None:
        self._show(sentence, "-error")

    def read_only(self) -> None:
        self._show(READ_ONLY, "-error")
