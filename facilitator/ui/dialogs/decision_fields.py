"""Small pieces shared by the decide, actions and feedback dialogs and panels.

Kept here (rather than in each dialog) so that finding a person by the start of their name works
the same everywhere: the vote's person chooser, an action's owner, a dissenting voice.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.content import Content

from facilitator.domain.models import Participant
from facilitator.domain.text import strip_controls
from facilitator.ui.text import one_line

SOMEONE = "a participant"


def display_name(person: Participant) -> str:
    """The name to show; a forgotten person is "a participant"."""
    return person.name or SOMEONE


def _typed(typed: str) -> str:
    """What was typed, compared the way names are stored (no control characters), without case."""
    return " ".join(strip_controls(typed).split()).casefold()


def starts_with(people: Iterable[Participant], typed: str) -> list[Participant]:
    """People whose name, or any word of it, starts with what was typed (case does not matter).

    Whole-name matches come first, so typing "Sam" finds "Sam" before "Samira" and "Ali Sam".
    """
    typed = _typed(typed)
    if not typed:
        return [person for person in people if person.name]
    first: list[Participant] = []
    later: list[Participant] = []
    for person in people:
        name = person.name.casefold()
        if not name:
            continue
        if name.startswith(typed):
            first.append(person)
        elif any(word.startswith(typed) for word in name.split()[1:]):
            later.append(person)
    exact = [person for person in first if person.name.casefold() == typed]
    return exact + [person for person in first if person not in exact] + later


def pick_person(people: Sequence[Participant], typed: str) -> Participant | None:
    """The one person meant by ``typed``: an exact name, or the only name that starts with it."""
    matches = starts_with(people, typed)
    if not typed.strip() or not matches:
        return None
    if matches[0].name.casefold() == _typed(typed):
        return matches[0]
    return matches[0] if len(matches) == 1 else None


def people_list(people: Iterable[Participant]) -> Content:
    """Names joined with commas, for a one-line list such as "Not voted yet: ..."."""
    return Content(", ").join(one_line(display_name(person)) for person in people)


def refill(option_list, options: Sequence) -> None:
    """Replace an ``OptionList``'s options, keeping the highlighted one (by id) and the scroll.

    Does nothing when the options are the same, so a reload after every change costs no redraw.
    """
    old = [(option.id, option.prompt) for option in option_list.options]
    new = [(option.id, option.prompt) for option in options]
    if old == new:
        return
    highlighted = option_list.highlighted_option
    keep_id = highlighted.id if highlighted is not None else None
    keep_index = option_list.highlighted
    scroll_y = option_list.scroll_y
    option_list.set_options(options)
    if not options:
        return
    ids = [option.id for option in options]
    if keep_id in ids:
        option_list.highlighted = ids.index(keep_id)
    elif keep_index is not None:
        option_list.highlighted = min(keep_index, len(options) - 1)
    option_list.scroll_to(y=scroll_y, animate=False, immediate=True)
