"""The ideas stage: one box to type an idea, who said it, Enter saves, the idea appears at once.

Silent mode (``settings["silent"]``): until the facilitator reveals them, the room sees only how
many ideas each person has given. Round mode (``settings["round"]``): everyone in turn, with a
right to pass (F4 notes that the person in "Said by" passes; see ``ideas_round``). Beside the
ideas: who has arrived and given nothing yet nor passed (facilitator-only, hidden while
presenting), and the balance of ideas by perspective (never singling anyone out: ``domain.small_groups``).

Speed: saving an idea appends one line to an ``OptionList`` (which measures only new lines), so
the time from Enter to the idea on screen does not grow with the number of ideas already shown.
A reload (another terminal saved something) fetches the stage's ideas once and touches only the
lines that are new or changed.
"""

from __future__ import annotations

from collections import Counter

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain.errors import FacilitatorError
from facilitator.domain import attribution as who
from facilitator.domain.models import Idea, Participant
from facilitator.ui import text
from facilitator.ui.idea_draft import RESTORED, KeepsIdeaDraft
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.stages.ideas_balance import balance_text, counts_text, perspective_balance
from facilitator.ui.stages.ideas_round import PassTurn, not_heard_text
from facilitator.ui.widgets.idea_entry import (
    STILL_IN_BOX,
    TYPE_FIRST,
    IdeaEntry,
    adding_ideas,
    nothing_in,
    saved_sentence,
)
from facilitator.ui.widgets.speaker_picker import Speaker, SpeakerPicker
from facilitator.ui.widgets.status_line import StatusLine

BUSY = "Still saving the last idea; press Enter again in a moment. Your text is kept."


def idea_line(number: int, idea: Idea, people: dict[int, Participant]) -> Content:
    """``12. the idea — who said it``, the speaker shown as they chose (named, perspective, anonymous)."""
    label = who.speaker(idea.said_by, idea.anonymous, people)
    return text.join([(f"{number}. ", "bold"), text.plain(idea.text), (f"  \u2014 {label}", "italic")])


def _labels(people: dict[int, Participant]) -> dict[int, tuple]:
    return {pid: (p.name, p.attribution, p.perspectives, p.forgotten) for pid, p in people.items()}


class IdeasPanel(KeepsIdeaDraft, PassTurn, SavesWithoutFreezing, StagePanel):
    DEFAULT_CSS = """
    IdeasPanel { padding: 0 1; }
    IdeasPanel #ideas-prompt { text-style: bold; }
    IdeasPanel #ideas-round { color: $text-muted; display: none; }
    IdeasPanel.-round #ideas-round { display: block; }
    IdeasPanel #ideas-capture { height: auto; }
    IdeasPanel #idea-input { width: 1fr; }
    IdeasPanel #idea-speaker { width: 34; }
    IdeasPanel #ideas-message { padding: 0; }
    IdeasPanel #idea-input.-saving { border: tall $warning; }
    IdeasPanel #ideas-body { height: 1fr; }
    IdeasPanel #ideas-main { width: 1fr; }
    IdeasPanel #ideas-summary { text-style: bold; }
    IdeasPanel #ideas-list { height: 1fr; border: none; padding: 0; }
    IdeasPanel #ideas-counts { height: 1fr; }
    IdeasPanel #ideas-side { width: 30; padding-left: 2; height: 1fr; }
    IdeasPanel #not-heard, IdeasPanel #balance { height: auto; margin-bottom: 1; }
    IdeasPanel.-hidden-ideas #ideas-list { display: none; }
    IdeasPanel.-shown-ideas #ideas-counts { display: none; }
    """

    still_saving_sentence = BUSY

    BINDINGS = [
        Binding("escape", "leave_box", "Leave the box", show=False),
        Binding("i", "type_idea", "Type an idea"),
        # An F key, so it works with the cursor in either box (letters there are typing). The
        # action is ``PassTurn.action_pass_turn``.
        Binding("f4", "pass_turn", "Pass", tooltip="The person in “Said by” passes; again: they take it back"),
    ]
    # The palette's names (``ui/commands.py``): the words a person would type.
    COMMAND_NAMES = {"type_idea": "Type an idea", "pass_turn": "Pass: the person in \u201cSaid by\u201d passes"}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._ideas: dict[int, Idea] = {}  # what the list shows, by id, in order
        self._people: dict[int, Participant] = {}
        self._present: list[int] = []
        self._counts: Counter = Counter()  # ideas per said_by (None: anonymous or not given)
        self._passes: set[int] = set()  # who passed in this stage
        self._balance: Counter = Counter()  # ideas per perspective
        self._stage = None

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="ideas-prompt")
        yield Static(id="ideas-round")
        yield IdeaEntry("Type an idea, then Enter to save", id="ideas-capture")
        yield StatusLine(id="ideas-message")
        with Horizontal(id="ideas-body"):
            with Vertical(id="ideas-main"):
                yield Static(id="ideas-summary")
                ideas_list = OptionList(id="ideas-list")
                yield ideas_list
                with VerticalScroll(id="ideas-counts", can_focus=False):
                    yield Static(id="counts-text")
            with VerticalScroll(id="ideas-side", can_focus=False):
                yield Static(id="not-heard")
                yield Static(id="balance")

    def on_built(self) -> None:
        self.reload()
        self.query_one("#idea-input", Input).focus()
        if self.restore_draft():
            self._message(RESTORED)

    def on_unmount(self) -> None:  # the writer is closed by ``SavesWithoutFreezing.on_unmount``
        self.keep_draft_now()

    def draft_place(self) -> tuple[str, int]:
        return "run", self.stage_id

    @property
    def idea_input(self) -> Input:
        return self.query_one("#idea-input", Input)

    @property
    def shown_idea_ids(self) -> list[int]:
        """Ids of the ideas in the list, in order (for tests and benchmarks)."""
        return list(self._ideas)

    # -- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        self._stage = stage = self.stage
        people = {person.id: person for person in self.store.participants(self.workshop_id)}
        # Only a change in how someone is named means redrawing every line (arrivals do not).
        people_changed = _labels(people) != _labels(self._people)
        self._people = people
        self._present = self.store.present_ids(self.workshop_id)
        self._counts = Counter(self.store.idea_counts_by_person(self.stage_id))
        self._passes = self.store.passes(self.stage_id)
        self.query_one("#ideas-prompt", Static).update(text.plain(stage.settings.get("prompt") or stage.title))
        self.query_one("#ideas-round", Static).update(
            "In turn round the room, with a right to pass." if stage.settings.get("round") else ""
        )
        self.set_class(bool(stage.settings.get("round")), "-round")  # no round: no empty line
        self.query_one(SpeakerPicker).set_people(list(people.values()))
        self.query_one(SpeakerPicker).allow_anonymous = bool(stage.settings.get("allow_anonymous", True))
        self._sync_list(self.store.ideas(stage_id=self.stage_id), rebuild=people_changed)
        self._balance = perspective_balance(self._ideas.values(), self._people)
        self._show_summary()

    def _sync_list(self, ideas: list[Idea], *, rebuild: bool) -> None:
        """Bring the list in line with ``ideas``, touching only what changed."""
        option_list = self.query_one("#ideas-list", OptionList)
        fresh = {idea.id: idea for idea in ideas}
        known = [idea_id for idea_id in self._ideas if idea_id in fresh]
        if rebuild or len(known) != len(self._ideas) or list(fresh)[: len(known)] != known:
            # Something was withdrawn (or the names changed): renumber everything once.
            highlighted, scroll_y = option_list.highlighted, option_list.scroll_y
            option_list.clear_options()
            option_list.add_options(
                Option(idea_line(n, idea, self._people), id=f"idea-{idea.id}") for n, idea in enumerate(ideas, 1)
            )
            self._ideas = fresh
            if highlighted is not None and ideas:
                option_list.highlighted = min(highlighted, len(ideas) - 1)
            option_list.scroll_to(y=scroll_y, animate=False)
            return
        for number, idea_id in enumerate(known, 1):
            if fresh[idea_id] != self._ideas[idea_id]:
                option_list.replace_option_prompt(f"idea-{idea_id}", idea_line(number, fresh[idea_id], self._people))
                self._ideas[idea_id] = fresh[idea_id]
        new = [idea for idea in ideas if idea.id not in self._ideas]
        if new:
            self._append(new)

    def _append(self, ideas: list[Idea], *, follow: bool = False) -> None:
        """Add lines at the end; scroll to them if asked, or if the list was already at its end."""
        option_list = self.query_one("#ideas-list", OptionList)
        at_end = follow or option_list.scroll_y >= option_list.max_scroll_y
        start = len(self._ideas) + 1
        option_list.add_options(
            Option(idea_line(n, idea, self._people), id=f"idea-{idea.id}") for n, idea in enumerate(ideas, start)
        )
        for idea in ideas:
            self._ideas[idea.id] = idea
        if at_end:
            option_list.scroll_end(animate=False, immediate=False)

    @property
    def can_reveal(self) -> bool:
        stage = self.stage
        return bool(stage.settings.get("silent")) and not stage.revealed

    @property
    def hidden(self) -> bool:
        """True while a silent stage's ideas are hidden from the room."""
        return bool(self._stage.settings.get("silent")) and not self._stage.revealed

    def _show_summary(self) -> None:
        stage = self._stage
        hidden = self.hidden
        self.set_class(hidden, "-hidden-ideas")
        self.set_class(not hidden, "-shown-ideas")
        total = len(self._ideas)
        count = f"{total} idea" if total == 1 else f"{total} ideas"
        if hidden:
            summary = f"{count} so far. Silent mode: the ideas stay hidden until you reveal them (Ctrl+R)."
            self.query_one("#counts-text", Static).update(counts_text(self._counts, self._people,
                                                                      presenting=self.presenting))
        elif stage.settings.get("silent"):
            summary = f"{count}, revealed."
        else:
            summary = f"{count} so far."
        self.query_one("#ideas-summary", Static).update(summary)
        self.query_one("#not-heard", Static).update(
            not_heard_text(self._people, self._present, self._counts, self._passes, presenting=self.presenting)
        )
        here = [self._people[i] for i in self._present if i in self._people]
        self.query_one("#balance", Static).update(balance_text(self._balance, here))

    # -- saving -----------------------------------------------------------------------------

    def on_idea_entry_submitted(self, message: IdeaEntry.Submitted) -> None:
        message.stop()
        self.save_idea()

    def save_idea(self) -> bool:
        """Save what is in the box; True if it was saved at once.

        Nobody else writing: saved at once, as before. Another program holding the database:
        the save goes to the background (``SavesWithoutFreezing``), so the screen keeps ticking
        and says it is waiting. The text stays in the box until the idea has been committed, and
        stays there with the reason if it could not be.
        """
        entry = self.query_one(IdeaEntry)
        words, speaker = entry.box.value, entry.picker.speaker
        if self.refuse_while_saving():  # never overtake a save the room is waiting for
            return False
        if nothing_in(words):  # the same words as the note-taker's screen; nothing is "in the box"
            self._message(TYPE_FIRST, error=True)
            entry.box.focus()
            return False

        def failed(error: FacilitatorError) -> None:
            self._message(f"{error} {STILL_IN_BOX}", error=True)

        change = adding_ideas(self.stage_id, words, speaker, typed_by="facilitator")
        if self.save(change, done=lambda ideas: self._ideas_saved(ideas, words, speaker), failed=failed):
            return True
        if self.saving_in_background:
            entry.show_saving(True)
            self._message("Saving\u2026")
        else:  # refused: the message line says why
            entry.box.focus()
        return False

    def _ideas_saved(self, ideas: list[Idea], words: str, speaker: Speaker | None) -> None:
        for idea in ideas:
            self._counts[idea.said_by] += 1
        self._balance.update(perspective_balance(ideas, self._people))
        new = [idea for idea in ideas if idea.id not in self._ideas]
        if new:
            self._append(new, follow=True)  # whoever typed it sees it arrive
        self.query_one(IdeaEntry).take_saved(words, speaker)
        self.draft_saved()
        saved = f"Saved idea {len(self._ideas)}" if len(ideas) == 1 else saved_sentence(len(ideas))
        self._message(saved + (" (hidden until revealed)." if self.hidden else "."), saved=True)
        self._show_summary()
        self.post_message(self.Changed())

    def show_still_saving(self, sentence: str) -> None:
        self._message(sentence, error=True)

    def show_saving_state(self, seconds: float | None) -> None:
        if seconds is None:
            self.query_one(IdeaEntry).show_saving(False)  # ``done`` or the error says what happened
        else:
            self.status.waiting(seconds)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#ideas-message", StatusLine)

    def _message(self, sentence: str, *, error: bool = False, saved: bool = False) -> None:
        if error:
            self.status.error(sentence)
        elif saved:
            self.status.saved(sentence)
        else:
            self.status.info(sentence)

    # -- keys -------------------------------------------------------------------------------

    def action_reveal(self) -> None:
        stage = self.stage
        if not stage.settings.get("silent"):
            self.notify("The ideas in this stage are shown as they come; there is nothing to reveal.")
            return
        if stage.revealed:
            self.notify("The ideas are already revealed.")
            return
        if self.refuse_while_saving():
            return

        def revealed(stage) -> None:
            self._stage = stage
            self._message("")
            self._show_summary()
            self.query_one("#ideas-list", OptionList).scroll_home(animate=False)
            self.post_message(self.Changed())

        def failed(error: FacilitatorError) -> None:
            self._message("")
            self.notify(str(error), severity="error", markup=False)

        stage_id = self.stage_id
        self.save(lambda store: store.set_revealed(stage_id, True), done=revealed, failed=failed)

    def action_leave_box(self) -> None:
        """Escape leaves the typing box, for the list of ideas (the run screen's keys work anyway)."""
        if self.hidden:
            # Nothing else to focus while ideas are hidden: the counts take the focus (and can
            # be scrolled), so the panel's own keys (i, escape) still reach it.
            counts = self.query_one("#ideas-counts", VerticalScroll)
            counts.can_focus = True
            counts.focus()
        else:
            self.query_one("#ideas-list", OptionList).focus()

    def action_type_idea(self) -> None:
        self.idea_input.focus()
