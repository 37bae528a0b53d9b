"""Who is here: adding, editing, marking in and out, removing and forgetting people, by keys."""

from __future__ import annotations

from screen_check import add_workshop, screen_text, toast_texts
from textual.widgets import Input

from facilitator.domain.models import Attribution, Perspective
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.dialogs.confirm import ConfirmDialog
from facilitator.ui.dialogs.person import PersonDialog
from facilitator.ui.screens.roster import RosterScreen


async def open_roster(pilot) -> RosterScreen:
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, RosterScreen)
    return pilot.app.screen


async def test_add_a_person_from_the_keyboard_then_another_with_one_key(store: Store) -> None:
    workshop = add_workshop(store, "Roster test")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_roster(pilot)
        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PersonDialog)
        dialog.query_one("#name", Input).value = "Aisha Khan"
        # Perspectives: Space ticks the highlighted one; down moves.
        await pilot.press("tab", "space", "down", "space")
        # Shown as: down to "perspective only" is the default; down again to anonymous.
        await pilot.press("tab", "down", "space")
        await pilot.press("tab")
        dialog.query_one("#support", Input).value = "Large print"
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, RosterScreen)
        [person] = store.participants(workshop.id)
        assert person.name == "Aisha Khan"
        assert person.perspectives == (Perspective.LIVED_EXPERIENCE, Perspective.CARER)
        assert person.attribution == Attribution.ANONYMOUS
        assert person.support_needs == "Large print"
        assert person.arrived_at is None  # the workshop has not started: planning ahead
        assert app.screen.table.selected_id == person.id

        await pilot.press("a")  # one key for the next person
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Ben Carter"
        await pilot.press("enter")
        await pilot.pause()
        assert [p.name for p in store.participants(workshop.id)] == ["Aisha Khan", "Ben Carter"]
        assert store.participants(workshop.id)[1].attribution == Attribution.PERSPECTIVE


async def test_people_added_while_the_workshop_runs_are_marked_as_here(store: Store) -> None:
    workshop = add_workshop(store, "Running")
    store.start_stage(store.stages(workshop.id)[0].id)
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_roster(pilot)
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#name", Input).value = "Late arrival"
        await pilot.press("enter")
        await pilot.pause()
        [person] = store.participants(workshop.id)
        assert person.is_present


async def test_edit_keeps_what_is_not_changed_and_escape_saves_nothing(store: Store) -> None:
    workshop = add_workshop(store, "Roster test")
    person = store.add_participant(workshop.id, "Aisha Khan", ["carer"], "named", "Step-free access")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_roster(pilot)
        await pilot.press("e")
        await pilot.pause()
        name = app.screen.query_one("#name", Input)
        assert name.value == "Aisha Khan"
        await pilot.press("end", *" Jr")
        await pilot.press("enter")
        await pilot.pause()
        edited = store.participant(person.id)
        assert edited.name == "Aisha Khan Jr"
        assert edited.perspectives == (Perspective.CARER,)
        assert edited.attribution == Attribution.NAMED
        assert edited.support_needs == "Step-free access"

        await pilot.press("enter")  # Enter on the list edits too
        await pilot.pause()
        assert isinstance(app.screen, PersonDialog)
        app.screen.query_one("#name", Input).value = "Someone else"
        await pilot.press("escape")
        await pilot.pause()
        assert store.participant(person.id).name == "Aisha Khan Jr"


async def test_space_marks_arrived_then_left_then_back(store: Store, clock) -> None:
    workshop = add_workshop(store, "Roster test")
    person = store.add_participant(workshop.id, "Aisha Khan")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_roster(pilot)
        assert "\u00b7 not here yet" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert store.participant(person.id).is_present
        assert "\u2713 here" in screen_text(app)
        clock.advance(3600)
        await pilot.press("space")
        await pilot.pause()
        left = store.participant(person.id)
        assert left.left_at is not None and not left.is_present
        assert "\u2190 left" in screen_text(app)
        await pilot.press("space")
        await pilot.pause()
        assert store.participant(person.id).is_present


async def test_remove_asks_first_and_refuses_someone_who_contributed(store: Store) -> None:
    workshop = add_workshop(store, "Roster test")
    quiet = store.add_participant(workshop.id, "Quiet One")
    talker = store.add_participant(workshop.id, "Talker")
    ideas_stage = store.stages(workshop.id)[1]
    store.add_idea(ideas_stage.id, "An idea", said_by=talker.id)
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        roster = await open_roster(pilot)
        roster.table.select_id(quiet.id)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # no: nothing happens
        await pilot.pause()
        assert len(store.participants(workshop.id)) == 2
        await pilot.press("x", "y")
        await pilot.pause()
        assert [p.name for p in store.participants(workshop.id)] == ["Talker"]

        await pilot.press("x", "y")
        await pilot.pause()
        assert [p.name for p in store.participants(workshop.id)] == ["Talker"]
        assert any("Talker has already contributed, so they cannot be removed" in text for text in toast_texts(app))


async def test_forget_removes_the_name_and_keeps_the_contribution(store: Store) -> None:
    workshop = add_workshop(store, "Roster test")
    person = store.add_participant(workshop.id, "Erin Walsh", ["carer"], "named", "Needs breaks")
    idea = store.add_idea(store.stages(workshop.id)[1].id, "Evening sessions", said_by=person.id)
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_roster(pilot)
        await pilot.press("f")
        await pilot.pause()
        assert "Forget Erin Walsh everywhere?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        forgotten = store.participant(person.id)
        assert forgotten.forgotten and forgotten.name == "" and forgotten.support_needs == ""
        assert store.idea(idea.id).text == "Evening sessions"
        text = screen_text(app)
        assert "(forgotten)" in text and "Erin Walsh" not in text and "Needs breaks" not in text


async def test_presentation_mode_hides_support_needs(store: Store) -> None:
    workshop = add_workshop(store, "Roster test")
    store.add_participant(workshop.id, "Aisha Khan", support_needs="Hearing loop please")
    app = FacilitatorApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_roster(pilot)
        assert "Hearing loop please" in screen_text(app)
        assert "Support needs" in screen_text(app)
        await pilot.press("f5")
        await pilot.pause()
        assert app.presenting
        text = screen_text(app)
        assert "Hearing loop please" not in text
        assert "Support needs" not in text.split("Presenting: support needs")[-1]
        assert "Aisha Khan" in text
        await pilot.press("f5")
        await pilot.pause()
        assert "Hearing loop please" in screen_text(app)


async def test_presentation_mode_shows_perspectives_only_beside_names_of_people_who_chose_named(
    store: Store,
) -> None:
    workshop = add_workshop(store, "Roster test")
    store.add_participant(workshop.id, "Named Person", ["commissioner"], "named")
    store.add_participant(workshop.id, "Private Person", ["lived experience"], "perspective")
    app = FacilitatorApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        await open_roster(pilot)
        assert "lived experience" in screen_text(app)
        await pilot.press("f5")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert any("Named Person" in line and "commissioner" in line for line in lines)
        assert any("Private Person" in line and "(not shown)" in line for line in lines)
        assert not any("lived experience" in line for line in lines)


async def test_the_roster_follows_changes_made_in_another_terminal(store: Store, reopen) -> None:
    workshop = add_workshop(store, "Roster test")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_roster(pilot)
        reopen().add_participant(workshop.id, "Added by a note-taker")
        await pilot.pause(0.6)
        await pilot.pause(0.6)
        assert "Added by a note-taker" in screen_text(app)


async def test_escape_in_a_form_with_typing_asks_first_and_a_second_escape_keeps_it(store: Store) -> None:
    # A name typed for someone in the room must not vanish with one stray Escape (issue 11).
    add_workshop(store, "Roster test")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_roster(pilot)
        await pilot.press("a", "escape")  # nothing typed yet: closes at once
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Kwame")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Close without saving?" in screen_text(app) and "Keep typing (n)" in screen_text(app)
        await pilot.press("escape")  # the second Escape answers "Keep typing"
        await pilot.pause()
        assert isinstance(app.screen, PersonDialog)
        assert app.screen.query_one("#name", Input).value == "Kwame"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        assert store.participants(store.list_workshops()[0].id) == []
