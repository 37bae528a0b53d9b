"""The roster's keys beyond one workshop: f forgets a person everywhere, s keeps them on the series' roster."""

from __future__ import annotations

import os

from screen_check import add_workshop, screen_text, toast_texts

from facilitator.domain.privacy import FORMER_PARTICIPANT
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.dialogs.confirm import ConfirmDialog
from facilitator.ui.screens.roster import RosterScreen

SERIES = "Monthly group"


async def open_roster(pilot) -> RosterScreen:
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RosterScreen)
    return pilot.app.screen


async def test_forget_from_the_roster_forgets_the_person_in_every_workshop_and_note(store: Store, tmp_path) -> None:
    march = add_workshop(store, "March", date="2025-03-01", series=SERIES)
    erin = store.add_participant(march.id, "Erin Walsh", ["carer"], "named", "Needs breaks")
    store.add_participant_to_series(erin.id)
    store.add_decision(march.id, "Meet in the evenings", decided_by="Erin Walsh, for the carers")
    april = add_workshop(store, "April", date="2025-04-01", series=SERIES)  # lists Erin from the roster
    [erin_in_april] = store.participants(april.id)
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        screen = await open_roster(pilot)  # April's: the newest
        assert screen.workshop_id == april.id
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Forget Erin Walsh everywhere?" in screen_text(app)
        detail = app.screen.query_one("#detail").render().plain
        assert "2 workshops' rosters, 1 series roster and 1 note that names them" in " ".join(detail.split())
        if os.environ.get("SAVE_SCREENSHOTS"):
            app.save_screenshot(str(tmp_path / "forget.svg"))
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        assert any("Forgotten everywhere" in text for text in toast_texts(app))
        assert "Erin Walsh" not in screen_text(app)

    for person in (erin, erin_in_april):
        gone = store.participant(person.id)
        assert gone.forgotten and gone.name == "" and gone.support_needs == ""
    assert store.decisions(march.id)[0].decided_by == f"{FORMER_PARTICIPANT}, for the carers"
    assert store.series_people(SERIES) == []
    assert [row["kind"] for row in store.erasures()] == ["forget"]


async def test_s_puts_a_person_on_the_series_standing_roster_and_takes_them_off(store: Store) -> None:
    march = add_workshop(store, "March", date="2025-03-01", series=SERIES)
    bea = store.add_participant(march.id, "Bea Moss", ["carer"], "named")
    app = FacilitatorApp(store)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await open_roster(pilot)
        assert "Series roster" in screen_text(app)  # in the footer
        await pilot.press("s")
        await pilot.pause()
        assert [p.name for p in store.series_people(SERIES)] == ["Bea Moss"]
        assert any("on the standing roster of \u201cMonthly group\u201d" in text for text in toast_texts(app))
        details = app.screen.query_one("#person-details").render().plain
        assert "On the series' standing roster: new workshops list them (s: off)" in details
        await pilot.press("s")
        await pilot.pause()
        assert store.series_people(SERIES) == []
        assert store.participant(bea.id).name == "Bea Moss"  # still in this workshop
    april = add_workshop(store, "April", date="2025-04-01", series=SERIES)
    assert store.participants(april.id) == []


async def test_a_workshop_outside_any_series_offers_no_series_roster(store: Store) -> None:
    alone = add_workshop(store, "Alone")
    store.add_participant(alone.id, "Bea Moss", ["carer"], "named")
    app = FacilitatorApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_roster(pilot)
        assert "Series roster" not in screen_text(app)
        await pilot.press("s")
        await pilot.pause()
        assert store.series_people("") == []


async def test_a_workshop_created_in_a_series_from_the_app_lists_its_standing_roster(store: Store) -> None:
    from textual.widgets import Input, Select

    from facilitator.ui.dialogs.new_workshop import NewWorkshopDialog

    store.add_series_person(SERIES, "Bea Moss", ["carer"], "named", "Step-free access")
    store.add_series_person(SERIES, "Dan Ode", ["lived experience"], "anonymous")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewWorkshopDialog)
        dialog.query_one("#agenda", Select).value = "service-review"
        dialog.query_one("#series", Input).value = SERIES
        dialog.query_one("#title", Input).focus()
        await pilot.pause()
        dialog.query_one("#title", Input).value = "May"
        await pilot.press("enter")
        await pilot.pause()
        assert any("listing 2 people from the series' standing roster" in text for text in toast_texts(app))
        [workshop] = store.list_workshops()
        await open_roster(pilot)
        shown = screen_text(app)
        assert "Bea Moss" in shown and "Dan Ode" in shown and "2 not here yet" in shown
    assert [(p.name, p.support_needs) for p in store.participants(workshop.id)] == [
        ("Bea Moss", "Step-free access"), ("Dan Ode", "")]
