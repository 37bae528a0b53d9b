"""The idea box beside "Said by": where an idea is typed, on the note-taker's screen
(``CaptureScreen``) and the facilitator's ideas panel (``IdeasPanel``) alike.

Enter means the same in both places. Enter in the idea box saves the idea; Enter on a name in
"Said by" (``SpeakerPicker``, picked by typing the start of a name, or "anonymous") takes that
name and saves the idea too, or, while the idea box is still empty, puts the cursor back in it.

The host does the saving and keeps the draft: it handles ``IdeaEntry.Submitted`` (save what is
in the box now) and ``IdeaEntry.Edited`` (the words or the speaker changed; ``KeepsIdeaDraft``
handles it), and calls ``take_saved`` once the idea is committed.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input

from facilitator.domain.models import Idea
from facilitator.storage.store import Store
from facilitator.ui.widgets.speaker_picker import Speaker, SpeakerPicker

TYPE_FIRST = "Type the idea first, then press Enter."
STILL_IN_BOX = "Your idea is still in the box."


def adding_idea(stage_id: int, words: str, speaker: Speaker | None, typed_by: str) -> Callable[[Store], Idea]:
    """The change that saves ``words`` as an idea: said by ``speaker`` (anonymous keeps nobody's
    id, and no speaker is "not given"), typed by ``typed_by``."""

    def change(store: Store) -> Idea:
        return store.add_idea(
            stage_id,
            words,
            said_by=speaker.participant_id if speaker else None,
            anonymous=bool(speaker and speaker.anonymous),
            typed_by=typed_by,
        )

    return change


class IdeaEntry(Horizontal):
    """The idea box (``#idea-input``) and who said it (``#idea-speaker``), side by side."""

    class Submitted(Message):
        """Save what is in the idea box now."""

    class Edited(Message):
        """What is typed in the idea box, or who said it, changed."""

    def __init__(self, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        box = Input(placeholder=self._placeholder, id="idea-input")
        box.border_title = "Idea"
        yield box
        yield SpeakerPicker(id="idea-speaker", placeholder="Type a name")

    @property
    def box(self) -> Input:
        return self.query_one("#idea-input", Input)

    @property
    def picker(self) -> SpeakerPicker:
        return self.query_one(SpeakerPicker)

    @on(Input.Submitted, "#idea-input")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted())

    @on(Input.Changed, "#idea-input")
    def _typed(self, event: Input.Changed) -> None:
        self.post_message(self.Edited())

    @on(SpeakerPicker.Picked)
    def _speaker_picked(self, event: SpeakerPicker.Picked) -> None:
        event.stop()
        self.post_message(self.Edited())
        if event.submit and self.box.value.strip():
            self.post_message(self.Submitted())
        elif event.submit:
            self.box.focus()

    def show_saving(self, saving: bool) -> None:
        """Mark the idea box while its idea is on its way to the database (it stays in the box)."""
        self.box.set_class(saving, "-saving")

    def take_saved(self, words: str, speaker: Speaker | None) -> None:
        """``words``, said by ``speaker``, are saved: take them out, and be ready for the next idea."""
        box, picker = self.box, self.picker
        # Keep anything typed while the save was going (a fast typist is already on the next one).
        if box.value.startswith(words):
            box.value = box.value[len(words):].lstrip()
        if picker.speaker == speaker:
            picker.clear()
        # The cursor goes back to the idea box, unless it has gone elsewhere meanwhile.
        focused = self.screen.focused
        if focused is None or focused is box or picker in focused.ancestors:
            box.focus()
