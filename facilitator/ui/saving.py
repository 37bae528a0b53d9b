"""``SavesWithoutFreezing``: one way for a screen, dialog or panel to save a change.

    self.save(lambda store: store.add_action(...), done=self._saved)

Nobody else writing (the usual case): the change commits at once on this thread and ``done``
runs in the same frame. Another program holding the database: the change goes to a
``BackgroundWriter`` on its own connection, the screen keeps taking keys, and
``show_saving_state`` says it is waiting; ``done`` runs once it commits. A second change while
one is still waiting is refused with a sentence rather than queued out of sight. A refusal from
the store (a rule, a full disk) goes to ``show_save_error`` as its one sentence.

A dialog stays open, with what was typed, until its change is saved: that is what makes
"nothing typed is lost" true while another terminal holds the file.

``save_in_background`` skips the attempt on this thread and always hands the change to the
writer, on its own connection: the note-taker's screen saves every change that way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from facilitator.domain.errors import FacilitatorError
from facilitator.storage.store import Store
from facilitator.ui.background_writer import BackgroundWriter, LockHeld, write_now_if_free

STILL_SAVING = "Still saving the last change; try again in a moment."


class SavesWithoutFreezing:
    """Mixin for a Textual ``Widget`` (a screen, a dialog or a panel) that saves changes."""

    _background_writer: BackgroundWriter | None = None
    # Said when a second change comes while one is still waiting; a panel can say which key.
    still_saving_sentence = STILL_SAVING

    # -- what a subclass may override ---------------------------------------------------------

    def saving_store(self) -> Store:
        # Panels and dialogs are handed their store (attributes down); screens use the app's.
        return getattr(self, "store", None) or self.app.store  # type: ignore[attr-defined]

    def show_save_error(self, sentence: str) -> None:
        self.app.notify(sentence, severity="error", markup=False)  # type: ignore[attr-defined]

    def show_saving_state(self, seconds: float | None) -> None:
        """``seconds`` waited so far for another program's lock, or None once the wait is over."""

    def show_still_saving(self, sentence: str) -> None:
        """Say why a change was refused: an earlier one is still waiting to be saved."""
        self.app.notify(sentence, severity="warning", markup=False)  # type: ignore[attr-defined]

    # -- saving -------------------------------------------------------------------------------

    @property
    def writer(self) -> BackgroundWriter:
        """The writer that saves in the background; made on first use, closed on unmount."""
        if self._background_writer is None:
            self._background_writer = BackgroundWriter(self.saving_store(), owner=self)  # type: ignore[arg-type]
        return self._background_writer

    @property
    def saving_in_background(self) -> bool:
        return self._background_writer is not None and self._background_writer.busy

    def refuse_while_saving(self, sentence: str = "") -> bool:
        """True (and the person is told: ``sentence``, or ``still_saving_sentence``) while an
        earlier change is still waiting to be saved."""
        if self.saving_in_background:
            self.show_still_saving(sentence or self.still_saving_sentence)
            return True
        return False

    def save(
        self,
        change: Callable[[Store], Any],
        *,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[FacilitatorError], None] | None = None,
    ) -> bool:
        """Save ``change(store)``. True when it committed now; False when it was refused, or is
        waiting in the background (then ``done`` runs later, when it commits)."""
        if self.refuse_while_saving():
            return False
        try:
            result = write_now_if_free(self.saving_store(), change)
        except LockHeld:
            self.writer.submit(change, done=done, failed=self._failure_handler(failed))
            return False
        except FacilitatorError as error:
            self._failure_handler(failed)(error)
            return False
        if done is not None:
            done(result)
        return True

    def save_in_background(
        self,
        change: Callable[[Store], Any],
        *,
        done: Callable[[Any], None] | None = None,
        failed: Callable[[FacilitatorError], None] | None = None,
    ) -> bool:
        """Hand ``change(store)`` to the background writer straight away; ``done`` runs once it
        commits. True when it started; False when refused (an earlier change is still waiting)."""
        if self.refuse_while_saving():
            return False
        return self.writer.submit(change, done=done, failed=self._failure_handler(failed))

    def _failure_handler(
        self, failed: Callable[[FacilitatorError], None] | None
    ) -> Callable[[FacilitatorError], None]:
        return failed or (lambda error: self.show_save_error(str(error)))

    # -- the writer's messages (Textual calls these by name, for every class in the MRO) --------

    def on_background_writer_waiting(self, message: BackgroundWriter.Waiting) -> None:
        message.stop()  # the owner's container has a writer of its own; this one is not for it
        if self.saving_in_background:
            self.show_saving_state(message.seconds)

    def on_background_writer_finished(self, message: BackgroundWriter.Finished) -> None:
        message.stop()
        writer = self._background_writer
        if writer is None or message.job.writer is not writer:
            return  # a panel inside this screen let its own writer's message through: not ours
        self.show_saving_state(None)
        writer.deliver(message.job)

    def on_unmount(self) -> None:
        if self._background_writer is not None:
            self._background_writer.close()
