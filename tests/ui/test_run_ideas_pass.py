"""The right to pass in an ideas round, on the run screen: F4 notes that the person in "Said by"
passes, so they leave "Not heard from yet"; F4 again takes the pass back. Names show only on the
facilitator's own screen, never on the projected one."""

from __future__ import annotations

from panel_harness import screen_text
from run_helpers import open_round, private_view, run_app, run_screen, type_in_said_by
from textual.widgets import Input

from facilitator.storage.store import Store
from facilitator.ui.screens.keys_help import describe_keys
from facilitator.ui.widgets.speaker_picker import SpeakerPicker



def side(screen) -> str:
    return screen.query_one("#not-heard").render().plain


def message(screen) -> str:
    return screen.query_one("#ideas-message").render().plain


async def test_f4_notes_a_pass_and_f4_again_takes_it_back(store: Store) -> None:
    workshop, people, stage = open_round(store)
    ben = people[1]
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        await private_view(pilot)
        assert "Not heard from yet (5)" in side(screen)

        await type_in_said_by(pilot, screen, "ben")  # only the start of the name, not chosen with Tab
        await pilot.press("f4")
        await pilot.pause()
        assert store.passes(stage.id) == {ben.id}
        assert message(screen) == "Ben Carter passes; F4 again takes it back."
        listed = side(screen)
        assert "Not heard from yet (4)" in listed
        waiting, passed = listed.split("Passed (1)")
        assert "\u2022 Ben Carter" not in waiting and "\u2022 Ben Carter" in passed
        assert "\u2022 Aisha Khan" in waiting
        assert screen.query_one(SpeakerPicker).query_text == ""  # ready for the next person
        assert screen.query_one("#speaker-query", Input).has_focus
        assert "Passed (1)" in screen_text(app)

        await type_in_said_by(pilot, screen, "ben")
        await pilot.press("tab")  # chosen properly this time
        screen.query_one("#idea-input", Input).focus()  # F4 works from the idea box too
        await pilot.press("f4")
        await pilot.pause()
        assert store.passes(stage.id) == set()
        assert message(screen) == "Ben Carter takes back their pass: they are waiting to be heard again."
        assert "Not heard from yet (5)" in side(screen) and "Passed" not in side(screen)


async def test_f4_without_one_clear_person_notes_nothing_and_says_why(store: Store) -> None:
    workshop, _, stage = open_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        await pilot.press("f4")  # nobody typed
        await pilot.pause()
        assert message(screen) == "To note a pass, type the person's name in \u201cSaid by\u201d, then press F4."

        await type_in_said_by(pilot, screen, "e")  # Erin Walsh and Chloe Evans
        await pilot.press("f4")
        await pilot.pause()
        assert message(screen) == "Several people's names start with \u201ce\u201d: press Tab to choose one, then F4."

        await type_in_said_by(pilot, screen, "anon")
        await pilot.press("tab")
        await pilot.press("f4")
        await pilot.pause()
        assert message(screen).startswith("Only a named person can pass")

        await type_in_said_by(pilot, screen, "zed")
        await pilot.press("f4")
        await pilot.pause()
        assert message(screen) == "No one here has a name starting with \u201czed\u201d, so no pass was noted."
        assert store.passes(stage.id) == set()


async def test_giving_an_idea_or_passing_both_leave_the_list(store: Store) -> None:
    workshop, people, stage = open_round(store)
    for person in people[:3]:
        store.add_idea(stage.id, f"An idea from {person.name}", said_by=person.id)
    store.record_pass(stage.id, people[3].id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        await private_view(pilot)
        assert "Not heard from yet (1)" in side(screen) and "\u2022 Erin Walsh" in side(screen)

        screen.query_one("#idea-input", Input).value = "Evening appointments"
        await type_in_said_by(pilot, screen, "erin")
        await pilot.press("enter")  # Erin gives an idea: heard
        await pilot.pause()
        listed = side(screen)
        assert listed.startswith("Everyone here has given an idea or passed.")
        assert "Passed (1)" in listed and "\u2022 Dev Patel" in listed

        # Dev changes his mind and gives an idea: he is heard, and no longer listed as passed.
        store.add_idea(stage.id, "Peer support", said_by=people[3].id)
        screen.panel.reload()
        await pilot.pause()
        assert side(screen) == "Everyone here has given an idea.\n"


async def test_the_projected_screen_shows_no_names_and_no_count_of_passes(store: Store) -> None:
    workshop, people, stage = open_round(store)
    store.record_pass(stage.id, people[0].id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        assert "Passed" not in screen_text(app) and "Not heard" not in screen_text(app)  # it opens presenting
        await private_view(pilot)
        assert "Passed (1)" in screen_text(app)
        await pilot.press("f5")  # presenting again
        await pilot.pause()
        assert "Passed" not in screen_text(app) and "Not heard" not in screen_text(app)

        await type_in_said_by(pilot, screen, "chl")
        await pilot.press("f4")
        await pilot.pause()
        assert store.passes(stage.id) == {people[0].id, people[2].id}
        assert message(screen) == "Pass noted; F4 again takes it back."
        shown = screen_text(app)
        assert "Pass noted" in shown and "Passed" not in shown and "Chloe Evans passes" not in shown


async def test_a_pass_from_another_terminal_shows_within_a_second(store: Store, reopen) -> None:
    workshop, people, stage = open_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        await private_view(pilot)
        other = reopen()
        other.record_pass(stage.id, people[4].id)
        await pilot.pause(1.2)  # the app notices within one poll
        listed = side(screen)
        assert "Not heard from yet (4)" in listed and "Passed (1)" in listed
        assert listed.index("\u2022 Erin Walsh") > listed.index("Passed (1)")

        await type_in_said_by(pilot, screen, "erin")  # taken back here, where it was not noted
        await pilot.press("f4")
        await pilot.pause()
        assert other.passes(stage.id) == set()


async def test_the_pass_key_is_in_the_footer_and_the_keys_help(store: Store) -> None:
    workshop, _, _ = open_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        rows = describe_keys(screen)
        assert ("f4", "The person in \u201cSaid by\u201d passes; again: they take it back",
                "Where the cursor is") in rows
        assert "Pass" in screen_text(app).splitlines()[-1]
