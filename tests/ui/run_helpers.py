"""Helpers for the run screen tests: a workshop from the shipped co-production agenda, and the app."""

from __future__ import annotations

from textual.pilot import Pilot

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.domain.models import Participant, Stage, Workshop
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.screens.run import RunScreen

# Named, so that the names are what the room sees next to their ideas.
NAMES = ["Aisha Khan", "Ben Carter", "Chloe Evans", "Dev Patel", "Erin Walsh"]
PERSPECTIVES = [["lived experience"], ["carer"], ["staff"], ["commissioner"], ["lived experience", "carer"]]


def coproduction_workshop(store: Store, *, names: list[str] = NAMES, arrived: bool = True,
                          title: str = "Safer wards workshop") -> tuple[Workshop, list[Participant]]:
    """A new workshop from the shipped co-production agenda, with people added (and arrived)."""
    agenda = load_agenda_file(find_agenda("coproduction-workshop"))
    workshop = store.create_workshop(title=title, stages=stages_from_agenda(agenda), date="2025-03-14",
                                     place="Community hall")
    people = [
        store.add_participant(workshop.id, name, PERSPECTIVES[n % len(PERSPECTIVES)], "named", arrived=arrived)
        for n, name in enumerate(names)
    ]
    return workshop, people


def stage_titled(store: Store, workshop_id: int, title: str) -> Stage:
    return next(stage for stage in store.stages(workshop_id) if stage.title == title)


# The shipped agenda's first ideas stage: a round, everyone in turn, with a right to pass.
ROUND = "What matters to you"


def open_round(store: Store, **options) -> tuple[Workshop, list[Participant], Stage]:
    """A new co-production workshop (Aisha, Ben, Chloe, Dev, Erin; all here) at its first ideas round."""
    workshop, people = coproduction_workshop(store, **options)
    stage = stage_titled(store, workshop.id, ROUND)
    store.start_stage(stage.id)
    return workshop, people, stage


async def type_in_said_by(pilot: Pilot, screen, letters: str) -> None:
    """Type the start of a name into "Said by", key by key, as a person does (not chosen with Tab)."""
    query = screen.query_one("#speaker-query")
    query.focus()
    query.value = ""
    await pilot.press(*letters)


def run_app(store: Store, workshop_id: int) -> FacilitatorApp:
    return FacilitatorApp(store, start="run", workshop_id=workshop_id)


async def run_screen(pilot: Pilot) -> RunScreen:
    """The run screen once it is showing (the app opens home first, then the run screen on top)."""
    for _ in range(20):
        await pilot.pause()
        if isinstance(pilot.app.screen, RunScreen):
            return pilot.app.screen
    raise AssertionError(f"the run screen did not open; showing {pilot.app.screen!r}")


async def private_view(pilot: Pilot) -> None:
    """Press f5 for the facilitator's private view: the run screen always opens presenting."""
    assert pilot.app.presenting, "the run screen opens presenting"
    await pilot.press("f5")
    await pilot.pause()
    assert not pilot.app.presenting


async def go_to_stage(pilot: Pilot, store: Store, workshop_id: int, position: int) -> None:
    """Press F8 until the stage at ``position`` is current."""
    for _ in range(12):
        current = store.current_stage(workshop_id)
        if current is not None and current.position == position:
            await pilot.pause()
            return
        await pilot.press("f8")  # from wherever the cursor is
        await pilot.pause()
    raise AssertionError(f"could not reach stage {position}")
