"""Owners who chose "perspective only" or anonymity can still be chased.

Their choice governs what the room and the minutes see ("a carer"). The facilitator's private
view, the follow-up list and the actions stage when not presenting, names them, marked as private;
presenting (F5) shows them as they chose again.
"""

from __future__ import annotations

from panel_harness import HOSTILE, HOSTILE_SHOWN, PanelTestApp, build_room
from screen_check import screen_text, until

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.screens.follow_up import FollowUpScreen
from facilitator.ui.stages.actions import ActionsPanel
from facilitator.ui.text import shorten


def owners(store: Store, workshop_id: int) -> None:
    """Ben chose "perspective only" (a carer), Erin anonymity, Aisha to be named."""
    ben = store.add_participant(workshop_id, "Ben Carter", ["carer"], "perspective", arrived=True)
    erin = store.add_participant(workshop_id, "Erin Walsh", ["staff"], "anonymous", arrived=True)
    aisha = store.add_participant(workshop_id, "Aisha Khan", ["lived experience"], "named", arrived=True)
    store.add_action(workshop_id, "Phone the carers' group", owner_participant_id=ben.id, due_date="2025-04-01")
    store.add_action(workshop_id, "Book the hall", owner_participant_id=erin.id, due_date="2025-04-02")
    store.add_action(workshop_id, "Print the leaflets", owner_participant_id=aisha.id, due_date="2025-04-03")


def row(app, words: str) -> str:
    return next(line for line in screen_text(app).splitlines() if words in line)


async def test_the_follow_up_list_names_them_privately_and_presenting_shows_them_as_chosen(store: Store) -> None:
    room = build_room(store, names=[])
    owners(store, room.workshop.id)
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("F")
        assert await until(pilot, lambda: isinstance(app.screen, FollowUpScreen))
        await pilot.pause()
        assert not app.presenting
        assert "Ben Carter (private)" in row(app, "1 Apr 2025")  # at 80 columns the mark still shows
        assert "Erin Walsh (private)" in row(app, "2 Apr 2025")
        assert "Aisha Khan" in row(app, "3 Apr 2025") and "private" not in row(app, "3 Apr 2025")
        assert "(private): not for the room" in row(app, "Actions still to do")

        await pilot.press("f5")  # presenting: as they chose, as the room and the minutes see them
        await pilot.pause()
        text = screen_text(app)
        assert "Ben Carter" not in text and "Erin Walsh" not in text and "private" not in text
        assert "a carer" in row(app, "1 Apr 2025") and "a participant" in row(app, "2 Apr 2025")
        assert "Aisha Khan" in row(app, "3 Apr 2025")


async def test_the_actions_stage_names_them_only_in_the_private_view(store: Store) -> None:
    room = build_room(store, names=[])
    owners(store, room.workshop.id)
    app = PanelTestApp(store, ActionsPanel, room.workshop.id, room.stages["actions"].id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "owner: Ben Carter (private: shown as a carer)" in text
        assert "owner: Erin Walsh (private: shown as a participant)" in text
        assert "owner: Aisha Khan \u00b7" in text
        app.panel.set_presenting(True)
        await pilot.pause()
        text = screen_text(app)
        assert "Ben Carter" not in text and "Erin Walsh" not in text and "private" not in text
        assert "owner: a carer \u00b7" in text and "owner: a participant \u00b7" in text


async def test_hostile_names_of_private_owners_are_shown_literally(store: Store) -> None:
    room = build_room(store, names=[])
    for n, (evil, shown) in enumerate(zip(HOSTILE, HOSTILE_SHOWN)):
        owner = store.add_participant(room.workshop.id, f"{evil} {n}", ["carer"], "perspective", arrived=True)
        store.add_action(room.workshop.id, f"Action {n}", owner_participant_id=owner.id, due_date=f"2025-04-0{n + 1}")
    app = PanelTestApp(store, ActionsPanel, room.workshop.id, room.stages["actions"].id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        for n, shown in enumerate(HOSTILE_SHOWN):
            assert f"owner: {shown} {n} (private: shown as a carer)" in text
    app = FacilitatorApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("F")
        assert await until(pilot, lambda: isinstance(app.screen, FollowUpScreen))
        await pilot.pause()
        for n, shown in enumerate(HOSTILE_SHOWN):  # the name is cut to keep the mark: never the mark
            assert f"{shorten(f'{shown} {n}', 10)} (private)" in row(app, f"{n + 1} Apr 2025")
