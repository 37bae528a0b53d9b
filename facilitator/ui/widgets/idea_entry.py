"""The idea box beside "Said by": where an idea is typed, on the note-taker's screen
(``CaptureScreen``) and the facilitator's ideas panel (``IdeasPanel``) alike.

Enter means the same in both places. Enter in the idea box saves the idea; Enter on a name in
"Said by" (``SpeakerPicker``, picked by typing the start of a name, or "anonymous") takes that
name and saves the idea too, or, while the idea box is still empty, puts the cursor back in it.

The host does the saving and keeps the draft: it handles ``IdeaEntry.Submitted`` (save what is
in the box now) and ``IdeaEntry.Edited`` (the words or the speaker changed; ``KeepsIdeaDraft``
handles it), and calls ``take_saved`` once the idea is committed.

A paste of several lines is several ideas, one per line, as if each line had been typed and
Enter pressed after it: the lines go into the box, joined by ``LINE_BREAK`` (the box has one
line, so that is where a line ended), and the box is submitted at once. The host saves
``ideas_in(words)`` in one go (``adding_ideas``) and says how many. If it cannot save them now
(who is typing is not known yet, another save is still going, the stage has changed), the lines
stay in the box, marked, until Enter saves them: a paste is never cut to its first line.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input

from facilitator.domain.models import Idea
from facilitator.storage.store import Store
from facilitator.ui.widgets.speaker_picker import Speaker, SpeakerPicker

TYPE_FIRST = "Type the idea first, then press Enter."
STILL_IN_BOX = "Your idea is still in the box."
# Where a pasted line ended, in the one-line idea box; Enter saves each line as an idea.
LINE_BREAK = " \u23ce "


def ideas_in(words: str) -> list[str]:
    """The ideas in what the box holds: ``words`` itself, or one per pasted line (no blank ones)."""
    if LINE_BREAK not in words:
        return [words]
    return [line.strip() for line in words.split(LINE_BREAK) if line.strip()]


def nothing_in(words: str) -> bool:
    """True when the box holds no idea: only spaces (or only the marks of pasted lines)."""
    return not any(text.strip() for text in ideas_in(words))


def saved_sentence(count: int) -> str:
    """What the host says after saving a paste of ``count`` lines."""
    return f"{count} ideas added, one per line"


def adding_ideas(stage_id: int, words: str, speaker: Speaker | None, typed_by: str) -> Callable[[Store], list[Idea]]:
    """The change that saves what the box holds (``words``): one idea, or one per pasted line,
    all said by ``speaker`` (anonymous keeps nobody's id, and no speaker is "not given"), typed
    by ``typed_by``; all saved or none."""
    texts = ideas_in(words)

    def change(store: Store) -> list[Idea]:
        return store.add_ideas(
            stage_id,
            texts,
            said_by=speaker.participant_id if speaker else None,
            anonymous=bool(speaker and speaker.anonymous),
            typed_by=typed_by,
        )

    return change


class IdeaBox(Input):
    """The one-line idea box, where a paste of several lines is several ideas (see the module)."""

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # instead of ``Input``'s, which keeps the first line only
        event.stop()
        lines = [line for line in event.text.splitlines() if line.strip()]
        if not lines:
            return
        several = len(lines) > 1
        words = LINE_BREAK.join(line.strip() for line in lines) if several else lines[0]
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(words)
        else:
            self.replace(words, *selection)
        if several:  # each line ended with Enter: save them
            self.post_message(self.Submitted(self, self.value))


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
        box = IdeaBox(placeholder=self._placeholder, id="idea-input")
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
