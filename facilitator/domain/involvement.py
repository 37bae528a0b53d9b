"""The four kinds of involvement, in the guidance's plain words.

The guidance's first point is that people should be told honestly which kind of involvement they
are taking part in: collaboration, involvement, co-production or user-led work. The welcome text,
the invitation pack and the minutes all say it from here, so no agenda can contradict the
workshop's own kind.
"""

from __future__ import annotations

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
