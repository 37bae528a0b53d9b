"""How a person appears next to what they said, following the preference they chose.

Three preferences (``Attribution``): *named* shows the person's name; *perspective* shows only
what they bring ("a carer"), never the name; *anonymous* shows "a participant". Someone who asked
to be forgotten is always "a participant", and an idea captured as anonymous is "anonymous".
The note-taker who typed an idea is never shown as the person who said it.

The preference governs what the room and the minutes see. The facilitator's own, private views
(the follow-up list, the run screen when not presenting, ``facilitator actions``) need to know
who owns an action in order to chase it: there ``name_for_facilitator`` gives the real name,
marked as private ("Ben Carter (private: shown as a carer)").

These helpers return plain text. Whoever displays it (the minutes, the UI) keeps it literal.
They accept both the stored ``Participant`` and the exported ``ParticipantPart``: both have
``name``, ``perspectives``, ``attribution`` and ``forgotten``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from facilitator.domain.models import Attribution, Perspective

A_PARTICIPANT = "a participant"
ANONYMOUS = "anonymous"

# "A carer said ...": how one person is described by a perspective.
PERSPECTIVE_PHRASES: dict[Perspective, str] = {
    Perspective.LIVED_EXPERIENCE: "a person with lived experience",
    Perspective.CARER: "a carer",
    Perspective.STAFF: "a member of staff",
    Perspective.COMMISSIONER: "a commissioner",
    Perspective.OTHER: A_PARTICIPANT,
}

# Row labels for counts by perspective ("Carers: 3").
PERSPECTIVE_GROUPS: dict[Perspective, str] = {
    Perspective.LIVED_EXPERIENCE: "People with lived experience",
    Perspective.CARER: "Carers",
    Perspective.STAFF: "Staff",
    Perspective.COMMISSIONER: "Commissioners",
    Perspective.OTHER: "Other perspectives",
}
NO_PERSPECTIVE_GROUP = "No perspective recorded"
NOT_ATTRIBUTED_GROUP = "Anonymous or not recorded"

_ORDER = {perspective: index for index, perspective in enumerate(Perspective)}


class Person(Protocol):
    name: str
    perspectives: Sequence[Perspective]
    attribution: Attribution
    forgotten: bool


def join_plainly(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def ordered_perspectives(perspectives: Iterable[Perspective | str]) -> list[Perspective]:
    """Known perspectives, each once, in the order of ``Perspective``; unknown values are ignored."""
    found: set[Perspective] = set()
    for value in perspectives:
        try:
            found.add(Perspective(value))
        except ValueError:
            continue
    return sorted(found, key=_ORDER.__getitem__)


def perspective_phrase(perspectives: Iterable[Perspective | str]) -> str:
    """"a carer", "a carer and a member of staff"; "a participant" for other or none."""
    known = [p for p in ordered_perspectives(perspectives) if p is not Perspective.OTHER]
    if not known:
        return A_PARTICIPANT
    return join_plainly([PERSPECTIVE_PHRASES[p] for p in known])


def display_name(participant: Person | None, perspectives_fallback: bool = True) -> str:
    """How this person is shown next to what they said, following their attribution preference.

    ``perspectives_fallback``: people who chose "perspective only" (and named people with no name
    on record) are described by their perspective when True; when False they are simply
    "a participant", for places where even a perspective would single someone out.
    """
    if participant is None or participant.forgotten:
        return A_PARTICIPANT
    preference = participant.attribution
    if preference == Attribution.NAMED and participant.name.strip():
        return participant.name.strip()
    if preference in (Attribution.NAMED, Attribution.PERSPECTIVE) and perspectives_fallback:
        return perspective_phrase(participant.perspectives)
    return A_PARTICIPANT


def private_name(participant: Person | None) -> str | None:
    """The name of someone the room sees otherwise (they chose "perspective only" or anonymity),
    for the facilitator's eyes only; None when the room sees the name too, or there is no name
    (nobody, or forgotten: their name is gone)."""
    if participant is None or participant.forgotten or not participant.name.strip():
        return None
    name = participant.name.strip()
    return None if display_name(participant) == name else name


def name_for_facilitator(participant: Person | None) -> str:
    """How the facilitator's private view names a person: the name, marked when the room sees
    something else ("Ben Carter (private: shown as a carer)"); otherwise as ``display_name``."""
    name = private_name(participant)
    shown = display_name(participant)
    return shown if name is None else f"{name} (private: shown as {shown})"


def is_named(participant: Person | None) -> bool:
    """True when this person chose to be named, has a name, and has not been forgotten."""
    return (
        participant is not None
        and not participant.forgotten
        and participant.attribution == Attribution.NAMED
        and bool(participant.name.strip())
    )


def speaker(said_by: int | None, anonymous: bool, people: Mapping[int, Person]) -> str:
    """Who said an idea. Anonymous ideas are "anonymous"; unknown speakers "a participant".

    The note-taker who typed it is deliberately not an argument: they are never the speaker.
    """
    if anonymous:
        return ANONYMOUS
    if said_by is None:
        return A_PARTICIPANT
    return display_name(people.get(said_by))


def breakdown_groups(participant: Person | None) -> list[str]:
    """The perspective rows a person's contribution counts under in a breakdown table.

    Someone who chose to be anonymous, or was forgotten, counts under "Anonymous or not recorded"
    so a breakdown never undoes their choice.
    """
    if participant is None or participant.forgotten or participant.attribution == Attribution.ANONYMOUS:
        return [NOT_ATTRIBUTED_GROUP]
    known = ordered_perspectives(participant.perspectives)
    if not known:
        return [NO_PERSPECTIVE_GROUP]
    return [PERSPECTIVE_GROUPS[p] for p in known]


def attendance_groups(participant: Person) -> list[str]:
    """The perspective rows a person counts under in "who came" (everyone who came is counted)."""
    known = ordered_perspectives(participant.perspectives)
    if not known:
        return [NO_PERSPECTIVE_GROUP]
    return [PERSPECTIVE_GROUPS[p] for p in known]


# Row order for breakdown tables: every perspective, then the catch-all rows.
BREAKDOWN_ROWS: tuple[str, ...] = (
    *PERSPECTIVE_GROUPS.values(),
    NO_PERSPECTIVE_GROUP,
    NOT_ATTRIBUTED_GROUP,
)


def breakdown_rows(counts: Mapping[str, int]) -> list[list[str]]:
    """Rows for a table of counts by perspective: every perspective (even at 0), then the others."""
    perspective_rows = set(PERSPECTIVE_GROUPS.values())
    return [
        [group, str(counts.get(group, 0))]
        for group in BREAKDOWN_ROWS
        if group in perspective_rows or counts.get(group, 0)
    ]
