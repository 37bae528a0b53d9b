"""A workshop with a check-in, a ladder and a scoring panel, for the store, app and phone tests."""

from __future__ import annotations

from dataclasses import dataclass

from facilitator.domain.agenda import parse_agenda_toml, stages_from_agenda
from facilitator.domain.models import Participant, Stage, Workshop
from facilitator.storage.store import Store

AGENDA = """
name = "Kinds"
[[stages]]
kind = "checkin"
title = "Arriving"
minutes = 5
leaving = true

[[stages]]
kind = "ladder"
title = "Where are we on the ladder?"
minutes = 15

[[stages]]
kind = "score"
title = "Tender panel"
minutes = 30
criteria = ["Lived experience", "Value for money", "Safety"]
weights = [2, 1, 1]
candidates = ["Bright Futures", "Carers First"]
"""

NAMES = ["Aisha Khan", "Ben Carter", "Chloe Evans", "Dev Patel", "Erin Walsh"]


@dataclass
class KindsWorkshop:
    workshop: Workshop
    checkin: Stage
    ladder: Stage
    score: Stage
    people: list[Participant]


def kinds_workshop(store: Store, *, people: int = 4, agenda: str = AGENDA, date: str | None = None) -> KindsWorkshop:
    stages = stages_from_agenda(parse_agenda_toml(agenda, "kinds.toml"))
    workshop = store.create_workshop(title="Kinds workshop", stages=stages, series="Health check", date=date)
    made = [store.add_participant(workshop.id, name, ["carer"], "named", arrived=True) for name in NAMES[:people]]
    checkin, ladder, score = store.stages(workshop.id)[:3]
    return KindsWorkshop(workshop, checkin, ladder, score, made)
