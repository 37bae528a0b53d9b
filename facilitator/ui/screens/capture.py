"""The note-taker's view (``facilitator capture ID``): type what someone said, Enter saves.

Built for speed on a note-taker's own terminal while the facilitator runs the projected screen:

- it asks once who is typing (remembered for next time, per database file); ``--as NAME`` skips
  the question. Each idea records who *said* it and who *typed* it, separately;
- the cursor starts in the idea box; who said it is chosen by typing the start of their name
  (``SpeakerPicker``), or "anonymous"; Enter saves, and the box is empty and ready straight away;
- it follows the facilitator's current stage live and says where ideas go. When the facilitator
  is on a stage that does not take ideas, it says so and keeps what was typed;
- below, the ideas this note-taker typed, newest first: ``e`` changes one, ``w`` withdraws it
  (or brings it back);
- F4 notes that the person in "Said by" passes (the right to pass), F4 again takes it back: the
  same key and words as the facilitator's ideas panel, whose "Not heard from yet" updates live.

Nothing typed is lost. Saves run in the background (``SavesWithoutFreezing.save_in_background``),
so while another program holds the database the screen keeps working and says it is waiting; the
idea stays in the box until it has been committed, and stays there with the reason if it could
not be.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import (
    Idea,
    Participant,
    Stage,
    StageKind,
    Workshop,
    WorkshopStatus,
)
from facilitator.domain.text import clean_text
from facilitator.local import typist_memory
from facilitator.ui import text
from facilitator.ui.idea_draft import RESTORED, KeepsIdeaDraft
from facilitator.ui.messages import DatabaseChanged
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.screens.capture_my_ideas import HEADING, CaptureMyIdeas
from facilitator.ui.screens.capture_pass import PASS_TOOLTIP, CapturePass
from facilitator.ui.widgets.idea_entry import (
    STILL_IN_BOX,
    TYPE_FIRST,
    IdeaEntry,
    adding_ideas,
    nothing_in,
    saved_sentence,
)
from facilitator.ui.widgets.keys_footer import WholeKeysFooter
from facilitator.ui.widgets.my_ideas import MyIdeasList, said_by_label
from facilitator.ui.widgets.speaker_picker import Speaker, SpeakerPicker
from facilitator.ui.widgets.status_line import READ_ONLY, StatusLine
from facilitator.ui.widgets.title_bar import TitleBar

BUSY = "Still saving the last change; press Enter again in a moment. Your text is kept."




def target_sentence(workshop: Workshop, stage: Stage | None) -> tuple[Content, bool]:
    """Where an idea saved now goes, and whether ideas can be taken at all."""
    if workshop.status is WorkshopStatus.FINISHED:
        return text.join(["The workshop has finished; ideas can't be taken any more."]), False
    if stage is None:
        return text.join(["The workshop has not started yet; ideas can't be taken right now."]), False
    if stage.kind is not StageKind.IDEAS:
        return text.join(["The facilitator is on ", text.stage_label(stage), "; ideas can't be taken right now."]), False
    return text.join([("Ideas go to: ", "bold"), text.stage_label(stage)]), True


class CaptureScreen(KeepsIdeaDraft, CapturePass, CaptureMyIdeas, SavesWithoutFreezing, Screen):
    CSS_PATH = "capture.tcss"
    still_saving_sentence = BUSY
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave_box", "Your ideas", show=False),
        Binding("i", "type_idea", "Type an idea"),
        Binding("e", "edit", "Edit"),
        Binding("w", "withdraw", "Withdraw"),
        Binding("f3", "change_typist", "Who is typing", priority=True),
        # An F key, so it works with the cursor in either box; as on the facilitator's ideas panel.
        Binding("f4", "pass_turn", "Pass", tooltip=PASS_TOOLTIP),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.typist: str | None = None
        self.workshop: Workshop | None = None
        self.stage: Stage | None = None  # the facilitator's current stage, as last read
        self.can_take = False
        self.target = Content("")  # the sentence saying where ideas go, as shown
        self._people: dict[int, Participant] = {}
        self._stages: dict[int, Stage] = {}
        self._unsaved_edits: dict[int, str] = {}  # idea id -> words whose save failed

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar("Taking notes", id="capture-title")
        yield Static(id="capture-target")
        yield IdeaEntry("Type what was said, then Enter to save", id="capture-row")
        yield StatusLine(id="capture-status")
        yield Static(HEADING, id="my-ideas-heading")
        yield MyIdeasList(id="my-ideas")
        yield WholeKeysFooter(compact=True)

    @property
    def store(self):
        return self.app.store

    @property
    def idea_input(self) -> Input:
        return self.query_one("#idea-input", Input)

    @property
    def picker(self) -> SpeakerPicker:
        return self.query_one(SpeakerPicker)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    @property
    def ideas_list(self) -> MyIdeasList:
        return self.query_one(MyIdeasList)

    @property
    def read_only(self) -> bool:
        return self.store.database.read_only

    def on_mount(self) -> None:
        self.idea_input.focus()
        self._reload()
        if self.read_only:
            self.status.read_only()
        elif self.restore_draft():
            self.status.info(RESTORED)
        given = getattr(self.app, "typist", None)
        if given:
            self._use_typist(given)
        else:
            self.ask_typist()

    def on_unmount(self) -> None:  # the writer is closed by ``SavesWithoutFreezing.on_unmount``
        self.keep_draft_now()

    def draft_place(self) -> tuple[str, int]:
        # One per workshop, not per stage: the box follows the facilitator from stage to stage.
        return "capture", self.workshop_id

    # -- who is typing -----------------------------------------------------------------------

    def ask_typist(self) -> None:
        from facilitator.ui.dialogs.typist import TypistDialog

        known = self.typist or typist_memory.recall(self.store.database.path) or ""
        self.app.push_screen(TypistDialog(known, leaving=self.typist is None), self._typist_chosen)

    def _typist_chosen(self, name: str | None) -> None:
        if name is None:
            if self.typist is None and self.app.screen is self:
                self.app.pop_screen()  # nobody to record as typing: back to the workshops
            return
        self._use_typist(name)

    def _use_typist(self, name: str) -> None:
        try:  # as it will be stored, so the list of "your ideas" finds them again
            name = clean_text(name, "note-taker's name", max_length=100)
        except FacilitatorError as error:
            self.status.error(str(error))
            self.ask_typist()
            return
        self.typist = name
        if not typist_memory.remember(self.store.database.path, name) and self.store.database.path is not None:
            self.notify("Your name could not be remembered for next time.", severity="warning", timeout=4)
        self._show_title()
        self._sync_my_ideas()
        self.idea_input.focus()

    def action_change_typist(self) -> None:
        self.ask_typist()

    # -- reading -----------------------------------------------------------------------------

    def _reload(self) -> None:
        """Read the workshop again and show only what changed (another terminal, or this one)."""
        if not self._refresh_stage():
            return
        try:
            self._stages = {stage.id: stage for stage in self.store.stages(self.workshop_id)}
            people = self.store.participants(self.workshop_id)
        except FacilitatorError as error:
            self.status.error(str(error))
            return
        self._people = {person.id: person for person in people}
        self._show_title()
        self.picker.set_people(people)
        if self.stage is not None and self.stage.kind is StageKind.IDEAS:
            self.picker.allow_anonymous = bool(self.stage.settings.get("allow_anonymous", True))
        self._sync_my_ideas()

    def _refresh_stage(self) -> bool:
        """Read where the facilitator is now and say where ideas go; False if it could not be read."""
        try:
            self.workshop = self.store.workshop(self.workshop_id)
            self.stage = self.store.current_stage(self.workshop_id)
        except FacilitatorError as error:
            self.status.error(str(error))
            return False
        self._show_target()
        return True

    def _show_title(self) -> None:
        if self.workshop is None:
            return
        parts: list = ["Taking notes \u00b7 ", text.one_line(self.workshop.title, 60)]
        if self.typist:
            parts += [" \u00b7 typing as ", text.one_line(self.typist, 30)]
        if self.read_only:
            parts.append(" \u00b7 read-only")
        self.query_one(TitleBar).update(text.join(parts))

    def _show_target(self) -> None:
        self.target, self.can_take = target_sentence(self.workshop, self.stage)
        target = self.query_one("#capture-target", Static)
        target.set_class(not self.can_take, "-closed")
        target.update(self.target)

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self._reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted and self.workshop is not None:
            self._reload()

    # -- saving an idea ----------------------------------------------------------------------

    def on_idea_entry_submitted(self, message: IdeaEntry.Submitted) -> None:
        message.stop()
        self.save_idea()

    def save_idea(self) -> bool:
        """Start saving what is in the box; True if the save started. The text stays until committed."""
        words = self.idea_input.value
        if self.typist is None:
            self.ask_typist()
            return False
        if self.read_only:
            self.status.error(f"{READ_ONLY} {STILL_IN_BOX}")
            return False
        if nothing_in(words):
            self.status.error(TYPE_FIRST)
            self.idea_input.focus()
            return False
        shown = self.stage.id if self.stage else None
        if not self._refresh_stage():  # the facilitator may have moved on since the screen last looked
            return False
        if not self.can_take:
            self.status.error(text.join([self.target, " Your idea is kept in the box."]))
            return False
        if self.stage.id != shown:
            self.status.error(text.join([
                "The facilitator has moved on to ", text.stage_label(self.stage),
                ". Check your idea still fits, then press Enter again.",
            ]))
            return False
        speaker = self.picker.speaker
        if not self.save_in_background(
            adding_ideas(self.stage.id, words, speaker, typed_by=self.typist),
            done=lambda ideas: self._ideas_saved(ideas, words, speaker),
            failed=lambda error: self.status.error(f"{error} {STILL_IN_BOX}"),
        ):
            return False  # an earlier change is still saving: ``show_still_saving`` said so
        self.query_one(IdeaEntry).show_saving(True)
        self.status.info("Saving\u2026")
        return True

    def _ideas_saved(self, ideas: list[Idea], words: str, speaker: Speaker | None) -> None:
        self.query_one(IdeaEntry).take_saved(words, speaker)
        self.draft_saved()
        self._sync_my_ideas()
        idea = ideas[0]
        stage = self._stages.get(idea.stage_id)
        where = f" (stage {stage.position})." if stage else "."
        if len(ideas) > 1:
            self.status.saved(text.join([
                "\u2713 ", saved_sentence(len(ideas)), ", said by ", said_by_label(idea, self._people), where,
            ]))
            return
        self.status.saved(text.join([
            "\u2713 Saved: \u201c", text.one_line(idea.text, 50), "\u201d, said by ",
            said_by_label(idea, self._people), where,
        ]))

    def show_still_saving(self, sentence: str) -> None:
        self.status.error(sentence)

    def show_saving_state(self, seconds: float | None) -> None:
        if seconds is None:
            self.query_one(IdeaEntry).show_saving(False)  # ``done`` or the error says what happened
        else:
            self.status.waiting(seconds)

    # -- keys --------------------------------------------------------------------------------

    def _typing(self) -> bool:
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "withdraw", "type_idea"):
            return not self._typing()  # single letters type into a box; the footer says so
        return True

    def action_leave_box(self) -> None:
        if self.focused is self.ideas_list:
            self.idea_input.focus()
        else:
            self.ideas_list.focus()
            if self.ideas_list.highlighted is None and self.my_ideas:
                self.ideas_list.highlighted = 0

    def action_type_idea(self) -> None:
        self.idea_input.focus()
