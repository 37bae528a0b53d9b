"""Choose who said something by typing the start of their name, or "anonymous".

A self-contained widget, used by the facilitator's ideas stage and the note-taker's capture view.

    picker = SpeakerPicker(store.participants(workshop_id), allow_anonymous=True)
    picker.speaker          # Speaker | None: who is chosen now (None: not given)
    picker.clear()          # back to empty, e.g. after the idea was saved
    picker.set_people(...)  # the roster changed; what is typed and chosen is kept
    picker.focus_query()    # put the cursor in the name box

Keys in the name box: type the start of a name (or of any word in it); Up/Down move through the
matches; Tab takes the highlighted match and moves on; Enter takes it and posts
``SpeakerPicker.Picked(submit=True)`` so the host can save at once; Escape hides the matches.
Clicking a match works too. The host listens for ``SpeakerPicker.Picked``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from facilitator.domain.models import Participant
from facilitator.ui import text

ANONYMOUS_WORD = "anonymous"


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who said it: a participant, or anonymous (no participant kept, by design)."""

    participant_id: int | None
    anonymous: bool
    name: str  # what the picker shows: the person's name, or "Anonymous"


ANONYMOUS = Speaker(participant_id=None, anonymous=True, name="Anonymous")


def match_people(people: Iterable[Participant], query: str, *, allow_anonymous: bool = True) -> list[Speaker]:
    """People whose name (or a word of it) starts with ``query``, ignoring case.

    Names that start with the query come first, then names with a later word that does; people
    who are here come before those who are not. Forgotten people have no name and never match.
    "Anonymous" comes last when allowed and the query could be the start of that word.
    """
    wanted = query.strip().casefold()
    ranked: list[tuple[int, int, int, Speaker]] = []
    for order, person in enumerate(people):
        if person.forgotten or not person.name:
            continue
        name = person.name.casefold()
        if not wanted or name.startswith(wanted):
            rank = 0
        elif any(word.startswith(wanted) for word in name.split()[1:]):
            rank = 1
        else:
            continue
        speaker = Speaker(participant_id=person.id, anonymous=False, name=person.name)
        ranked.append((rank, 0 if person.is_present else 1, order, speaker))
    found = [speaker for *_, speaker in sorted(ranked, key=lambda item: item[:3])]
    if allow_anonymous and ANONYMOUS_WORD.startswith(wanted):
        found.append(ANONYMOUS)
    return found


class SpeakerPicker(Vertical):
    """A name box with a list of matching people under it (shown while the box has the cursor)."""

    DEFAULT_CSS = """
    SpeakerPicker { height: auto; width: 1fr; }
    SpeakerPicker > #speaker-query { width: 1fr; }
    SpeakerPicker > #speaker-matches {
        display: none;
        height: auto;
        max-height: 6;
        border: none;
        padding: 0 1;
        background: $boost;
    }
    SpeakerPicker.-open > #speaker-matches { display: block; }
    """

    BINDINGS = [
        Binding("down", "move(1)", "Next match", show=False),
        Binding("up", "move(-1)", "Previous match", show=False),
        Binding("tab", "take_and_move_on", "Take the match", show=False),
        Binding("escape", "close", "Hide matches", show=False),
    ]

    class Picked(Message):
        """A speaker was chosen, or the choice was cleared (``speaker`` is None).

        ``submit`` is True when Enter was pressed: the host may save what it was capturing.
        """

        def __init__(self, picker: SpeakerPicker, speaker: Speaker | None, submit: bool) -> None:
            super().__init__()
            self.picker = picker
            self.speaker = speaker
            self.submit = submit

        @property
        def control(self) -> SpeakerPicker:
            return self.picker

    def __init__(
        self,
        people: Sequence[Participant] = (),
        *,
        allow_anonymous: bool = True,
        placeholder: str = "Who said it? Type the start of a name",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._people: list[Participant] = list(people)
        self._allow_anonymous = allow_anonymous
        self._placeholder = placeholder
        self._speaker: Speaker | None = None
        self._matches: list[Speaker] = []

    def compose(self) -> ComposeResult:
        query = Input(placeholder=self._placeholder, id="speaker-query")
        query.border_title = "Said by"
        yield query
        matches = OptionList(id="speaker-matches")
        matches.can_focus = False  # the cursor stays in the name box
        yield matches

    def on_mount(self) -> None:
        self._show_choice()

    # -- public API -------------------------------------------------------------------------

    @property
    def speaker(self) -> Speaker | None:
        """Who is chosen now; None when nobody is (the idea is then saved without a name)."""
        return self._speaker

    @property
    def allow_anonymous(self) -> bool:
        return self._allow_anonymous

    @allow_anonymous.setter
    def allow_anonymous(self, allowed: bool) -> None:
        self._allow_anonymous = allowed
        if not allowed and self._speaker == ANONYMOUS:
            self.pick(None)
        self._refresh_matches()

    @property
    def query_text(self) -> str:
        return self.query_one("#speaker-query", Input).value

    def set_people(self, people: Sequence[Participant]) -> None:
        """Use a new roster; what is typed stays, and a chosen person who is still there stays."""
        people = list(people)
        if people == self._people:
            return
        self._people = people
        chosen = self._speaker
        if chosen is not None and not chosen.anonymous:
            still = next((p for p in people if p.id == chosen.participant_id and p.name), None)
            self._speaker = Speaker(still.id, False, still.name) if still else None
            self._show_choice()
        self._refresh_matches()

    def pick(self, speaker: Speaker | None, *, submit: bool = False) -> None:
        """Choose ``speaker`` (None clears) and tell the host."""
        self._speaker = speaker
        query = self.query_one("#speaker-query", Input)
        wanted = speaker.name if speaker else ""
        if query.value != wanted:
            with query.prevent(Input.Changed):
                query.value = wanted
            query.cursor_position = len(wanted)
        self._show_choice()
        self.set_class(False, "-open")
        self.post_message(self.Picked(self, speaker, submit))

    def pick_person(self, participant_id: int) -> bool:
        """Choose the person with this id if they are still on the roster (named); True if chosen."""
        person = next((p for p in self._people if p.id == participant_id and p.name and not p.forgotten), None)
        if person is not None:
            self.pick(Speaker(person.id, False, person.name))
        return person is not None

    def clear(self) -> None:
        """Back to empty (nobody chosen, nothing typed), without posting a message."""
        self._speaker = None
        query = self.query_one("#speaker-query", Input)
        with query.prevent(Input.Changed):
            query.value = ""
        self._show_choice()
        self._refresh_matches()

    def focus_query(self) -> None:
        self.query_one("#speaker-query", Input).focus()

    # -- behaviour --------------------------------------------------------------------------

    def _show_choice(self) -> None:
        query = self.query_one("#speaker-query", Input)
        if self._speaker is None:
            query.border_subtitle = "not given" if not query.value else "press Tab or Enter to choose"
        elif self._speaker.anonymous:
            query.border_subtitle = "\u2713 anonymous"
        else:
            query.border_subtitle = text.join([("\u2713 ", "bold"), text.one_line(self._speaker.name, 30)])

    def _refresh_matches(self) -> None:
        self._matches = match_people(self._people, self.query_text, allow_anonymous=self._allow_anonymous)
        option_list = self.query_one("#speaker-matches", OptionList)
        option_list.clear_options()
        option_list.add_options(
            Option(text.one_line(speaker.name, 40) if not speaker.anonymous else text.styled("Anonymous (no name kept)", "italic"))
            for speaker in self._matches
        )
        if self._matches:
            option_list.highlighted = 0
        focused = self.query_one("#speaker-query", Input).has_focus
        self.set_class(focused and self._speaker is None and bool(self._matches), "-open")

    @on(Input.Changed, "#speaker-query")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._speaker is not None and event.value != self._speaker.name:
            self._speaker = None
            self.post_message(self.Picked(self, None, False))
        self._refresh_matches()
        self._show_choice()

    @on(Input.Submitted, "#speaker-query")
    def _entered(self, event: Input.Submitted) -> None:
        event.stop()
        if self._speaker is not None or not event.value.strip():
            self.pick(self._speaker, submit=True)
            return
        highlighted = self._highlighted()
        if highlighted is None:
            self.notify(f"No one here has a name starting with \u201c{event.value.strip()}\u201d.",
                        severity="warning", markup=False)
            return
        self.pick(highlighted, submit=True)

    @on(OptionList.OptionSelected, "#speaker-matches")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self._matches):
            self.pick(self._matches[event.option_index])
            self.focus_query()

    def on_descendant_focus(self) -> None:
        self._refresh_matches()

    def on_descendant_blur(self) -> None:
        self.set_class(False, "-open")

    def _highlighted(self) -> Speaker | None:
        index = self.query_one("#speaker-matches", OptionList).highlighted
        if index is None or not 0 <= index < len(self._matches):
            return None
        return self._matches[index]

    def action_move(self, step: int) -> None:
        option_list = self.query_one("#speaker-matches", OptionList)
        if not self._matches:
            raise SkipAction()
        self.set_class(True, "-open")
        current = option_list.highlighted if option_list.highlighted is not None else -step
        option_list.highlighted = max(0, min(len(self._matches) - 1, current + step))

    def action_take_and_move_on(self) -> None:
        if self._speaker is None and self.query_text.strip():
            highlighted = self._highlighted()
            if highlighted is not None:
                self.pick(highlighted)
        self.screen.focus_next()

    def action_close(self) -> None:
        if not self.has_class("-open"):
            raise SkipAction()  # nothing to hide: Escape means whatever the host says it means
        self.set_class(False, "-open")
