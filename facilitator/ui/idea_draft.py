"""An idea typed but not saved outlives the app: quit, or crash, in the middle of a sentence and
the words (and who said them) are back in the box next time.

What is saved in the database is already safe; this covers the words still in the box, which a
note-taker typing fast would otherwise lose to a stray Ctrl+Q or a flat laptop battery. They are
kept on this computer only (``terminal_memory``), at most half a second behind the typing.
"""

from __future__ import annotations

from pathlib import Path

from textual.timer import Timer
from textual.widgets import Input

from facilitator.local import terminal_memory
from facilitator.local.terminal_memory import Draft
from facilitator.ui.widgets.idea_entry import IdeaEntry
from facilitator.ui.widgets.speaker_picker import ANONYMOUS, SpeakerPicker

RESTORED = "The idea you were typing when the app closed is back in the box: press Enter to save it."
# How far the kept copy may lag behind the typing; one small file write per interval at most.
KEEP_EVERY_SECONDS = 0.5
ANONYMOUS_MARK = "anonymous"
PERSON_MARK = "person:"


class KeepsIdeaDraft:
    """Mixin for a widget with an ``IdeaEntry`` (the idea box and its ``SpeakerPicker``).

    The host provides ``store``, ``idea_input`` and ``draft_place()`` (``(view, id)``, or None when
    there is nowhere to type), calls ``draft_saved()`` after a save, ``keep_draft_now()`` when it
    goes away, and ``restore_draft()`` once built. A change to the box or the speaker is noted
    here, from the entry's ``Edited`` message.
    """

    _draft_timer: Timer | None = None
    # What the box held at the last change: the widgets may be gone by the time the host unmounts.
    _draft_latest: Draft | None = None

    def draft_place(self) -> tuple[str, int] | None:
        raise NotImplementedError

    def _draft_database(self) -> Path | None:
        return getattr(self.store.database, "path", None)

    def _draft_on_screen(self) -> Draft:
        speaker = self.query_one(SpeakerPicker).speaker
        if speaker is None:
            said_by = ""
        elif speaker.anonymous:
            said_by = ANONYMOUS_MARK
        else:
            said_by = f"{PERSON_MARK}{speaker.participant_id}"
        return Draft(self.idea_input.value, said_by)

    def on_idea_entry_edited(self, message: IdeaEntry.Edited) -> None:
        message.stop()
        self.note_draft_changed()

    def note_draft_changed(self) -> None:
        self._draft_latest = self._draft_on_screen()
        if self._draft_timer is None:
            self._draft_timer = self.set_timer(KEEP_EVERY_SECONDS, self.keep_draft_now)

    def keep_draft_now(self) -> None:
        """Write what the box held at the last change (an empty box forgets the kept copy)."""
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None
        place = self.draft_place()
        if place is not None and self._draft_latest is not None:
            terminal_memory.remember_draft(self._draft_database(), *place, self._draft_latest)

    def draft_saved(self) -> None:
        """The idea went into the database: keep what is left in the box (usually nothing) at once,
        so a crash straight after cannot bring back words that were already saved."""
        self.note_draft_changed()
        self.keep_draft_now()

    def restore_draft(self) -> bool:
        """Put a kept idea back in an empty box (and its speaker, if still here); True if it did."""
        place = self.draft_place()
        if place is None or self.idea_input.value:
            return False
        draft = terminal_memory.recall_draft(self._draft_database(), *place)
        if draft is None:
            return False
        box: Input = self.idea_input
        box.value = draft.text
        box.cursor_position = len(draft.text)
        picker = self.query_one(SpeakerPicker)
        if draft.said_by == ANONYMOUS_MARK and picker.allow_anonymous:
            picker.pick(ANONYMOUS)
        elif draft.said_by.startswith(PERSON_MARK) and draft.said_by[len(PERSON_MARK):].isdigit():
            picker.pick_person(int(draft.said_by[len(PERSON_MARK):]))
        return True
