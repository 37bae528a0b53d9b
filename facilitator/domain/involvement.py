"""The four kinds of involvement, in the guidance's plain words.

The guidance's first point is that people should be told honestly which kind of involvement they
are taking part in: collaboration, involvement, co-production or user-led work. The welcome text,
the invitation pack and the minutes all say it from here, so no agenda can contradict the
workshop's own kind.
"""

from __future__ import annotations

import re

from facilitator.domain.models import Involvement

KIND_NAMES: dict[Involvement, str] = {
    Involvement.COLLABORATION: "Collaboration",
    Involvement.INVOLVEMENT: "Involvement",
    Involvement.CO_PRODUCTION: "Co-production",
    Involvement.USER_LED: "User-led",
}

# Short sentences, from the guidance ("Co-production, Collaboration, and Involvement: The Meanings
# and Differences"). Kept under 25 words each so they read aloud and suit an invitation.
PLAIN_DEFINITIONS: dict[Involvement, str] = {
    Involvement.COLLABORATION: (
        "Collaboration means services and the people who fund them working together, so nobody "
        "works alone and work is not done twice. Lived experience may be represented by a service."
    ),
    Involvement.INVOLVEMENT: (
        "Involvement means people with lived experience and carers having their say and making a "
        "difference, for example in consultations, feedback, surveys or panels."
    ),
    Involvement.CO_PRODUCTION: (
        "Co-production means people with lived experience, carers, staff and the people who fund "
        "services working together as equals from the very start, and deciding together."
    ),
    Involvement.USER_LED: (
        "User-led means the work is led by people with lived experience and carers themselves, "
        "with services and the people who fund them supporting it."
    ),
}


def kind_name(kind: Involvement | str) -> str:
    return KIND_NAMES[Involvement(kind)]


def plain_definition(kind: Involvement | str) -> str:
    return PLAIN_DEFINITIONS[Involvement(kind)]


def today_is(kind: Involvement | str) -> str:
    """The welcome's first line: "Today is co-production." and what that means."""
    kind = Involvement(kind)
    return f"Today is {KIND_NAMES[kind].lower()}. {PLAIN_DEFINITIONS[kind]}"


def welcome_text(kind: Involvement | str, agenda_text: str = "") -> str:
    """What the welcome stage shows: the workshop's own kind first, then the agenda's words.

    A sentence of the agenda's that states a kind itself (a workshop made before agendas were
    checked for it) is left out, so the room is never told two different things.
    """
    agenda_text = _without_a_kind(agenda_text.strip())
    first = today_is(kind)
    if agenda_text.startswith(("Welcome", "welcome")):
        # "Welcome, and thank you for coming." stays the first thing said.
        opening, _, rest = agenda_text.partition("\n\n")
        return "\n\n".join(part for part in (opening, first, rest) if part)
    return "\n\n".join(part for part in (first, agenda_text) if part)


# "Today is co-production", "This workshop is user-led": a welcome text that states a kind itself
# could contradict the workshop's own (an agenda is used for workshops of every kind).
_KINDS = "|".join(re.escape(kind.value) for kind in Involvement)
STATES_A_KIND = re.compile(
    rf"\b(?:today|this (?:workshop|session|meeting|group)|it)\s+is\s+(?:an?\s+)?(?:{_KINDS})\b", re.IGNORECASE
)


def names_a_kind(text: str) -> str | None:
    """The words in ``text`` that state a kind of involvement ("Today is co-production"), or None."""
    found = STATES_A_KIND.search(text)
    return found.group(0) if found else None


def _without_a_kind(text: str) -> str:
    """``text`` without the sentences that state a kind of involvement."""
    while found := STATES_A_KIND.search(text):
        start = max(text.rfind(". ", 0, found.start()) + 2, text.rfind("\n", 0, found.start()) + 1, 0)
        ends = [i for i in (text.find(". ", found.end()), text.find("\n", found.end())) if i != -1]
        end = min(ends) if ends else len(text)
        end = end + 2 if text.startswith(". ", end) else end
        text = (text[:start] + text[end:]).strip(" ")
    return "\n\n".join(p.strip() for p in text.split("\n\n") if p.strip())
