"""The ideas one note-taker typed, newest first: the words, who said them, and which stage.

``show(ideas, people, stages)`` is called on every reload (this terminal or another one saved
something). It keeps the highlighted idea and what is in view: when the ideas are the same it
redraws only the lines that changed; when new ones arrive at the top it rebuilds the (short) list
and moves the scroll position down with them.

The note-taker sees the name they recorded as the speaker (to check their own notes), not the
speaker's attribution preference: this list is on their own terminal, never projected.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from facilitator.domain.models import Idea, Participant, Stage
from facilitator.ui import text


def said_by_label(idea: Idea, people: dict[int, Participant]) -> str:
    """Who said it, as the note-taker recorded it."""
    if idea.anonymous:
        return "anonymous"
    if idea.said_by is None:
        return "not given"
    person = people.get(idea.said_by)
    return person.name if person is not None and person.name else "a participant"


def idea_line(idea: Idea, said_by: str, stage: Stage | None) -> Content:
    where = f"stage {stage.position}" if stage else "another stage"
    words = text.styled(idea.text, "strike dim") if idea.withdrawn else text.plain(idea.text)
    parts: list = [words, (" \u2014 said by ", "italic"), text.styled(said_by, "italic"), (f" \u00b7 {where}", "italic")]
    if idea.withdrawn:
        parts.append((" \u00b7 withdrawn (w brings it back)", "bold"))
    return text.join(parts)


class MyIdeasList(OptionList):
    DEFAULT_CSS = """
    MyIdeasList { height: 1fr; border: none; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ideas: dict[int, Idea] = {}  # what is shown, in order (newest first)
        self._shown: dict[int, tuple] = {}  # idea id -> what its line was made from

    @property
    def highlighted_idea(self) -> Idea | None:
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self.ideas.get(int(option.id.removeprefix("idea-")))

    def show(self, ideas: list[Idea], people: dict[int, Participant], stages: dict[int, Stage]) -> None:
        """Show ``ideas`` (newest first), touching only what changed."""
        made = {idea.id: (idea, said_by_label(idea, people), stages.get(idea.stage_id)) for idea in ideas}
        if list(made) == list(self.ideas):
            for idea_id, source in made.items():
                if source != self._shown[idea_id]:
                    self.replace_option_prompt(f"idea-{idea_id}", idea_line(*source))
            self._remember(made)
            return
        highlighted = self.highlighted_option
        keep = highlighted.id if highlighted is not None else None
        scroll_y = self.scroll_y
        above = self._new_above(list(made), keep)
        self.set_options(Option(idea_line(*source), id=f"idea-{idea_id}") for idea_id, source in made.items())
        self._remember(made)
        if keep is not None and keep in {f"idea-{idea_id}" for idea_id in made}:
            self.highlighted = self.get_option_index(keep)
        if scroll_y:
            # New ideas arrived at the top: move down with them, so what was in view stays in view.
            self.scroll_to(y=scroll_y + above, animate=False, immediate=True)

    def _remember(self, made: dict[int, tuple]) -> None:
        self._shown = made
        self.ideas = {idea_id: source[0] for idea_id, source in made.items()}

    def _new_above(self, idea_ids: list[int], keep: str | None) -> int:
        """How many ideas not shown before now come above the highlighted one."""
        if keep is None:
            return 0
        count = 0
        for idea_id in idea_ids:
            if f"idea-{idea_id}" == keep:
                break
            count += idea_id not in self.ideas
        return count
