"""The right to pass from the note-taker's screen: F4 notes that the person in "Said by" passes
(F4 again takes it back), with the same words as the facilitator's ideas panel, and the
facilitator's "Not heard from yet" follows it live."""

from __future__ import annotations

import pytest
from run_helpers import open_round, private_view, run_app, run_screen, type_in_said_by
from screen_check import screen_text

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp, screen_commands
from facilitator.ui.screens.capture import CaptureScreen
from facilitator.ui.screens.keys_help import describe_keys
from facilitator.ui.widgets.speaker_picker import SpeakerPicker

SIZE = (110, 36)
PASS_ROW = ("f4", "The person in \u201cSaid by\u201d passes; again: they take it back")


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))


def capture_app(store: Store, workshop_id: int) -> FacilitatorApp:
    return FacilitatorApp(store, start="capture", workshop_id=workshop_id, typist="Sam")


async def capture_screen(pilot) -> CaptureScreen:
    for _ in range(20):
        await pilot.pause()
        if isinstance(pilot.app.screen, CaptureScreen):
            return pilot.app.screen
    raise AssertionError(f"the capture screen did not open; showing {pilot.app.screen!r}")


async def settle(pilot) -> None:
    """Let a background save finish and its result reach the screen."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def message(screen: CaptureScreen) -> str:
    return screen.status.render().plain


async def test_f4_notes_a_pass_and_f4_again_takes_it_back(store: Store) -> None:
    workshop, people, stage = open_round(store)
    ben = people[1]
    app = capture_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        await type_in_said_by(pilot, screen, "ben")  # the start of the name, not chosen with Tab
        await pilot.press("f4")
        await settle(pilot)
        assert store.passes(stage.id) == {ben.id}
        assert message(screen) == "Ben Carter passes; F4 again takes it back."
        assert screen.query_one(SpeakerPicker).query_text == ""  # ready for the next person

        await type_in_said_by(pilot, screen, "ben")
        await pilot.press("tab")  # chosen properly this time
        screen.idea_input.focus()  # F4 works from the idea box too
        await pilot.press("f4")
        await settle(pilot)
        assert store.passes(stage.id) == set()
        assert message(screen) == "Ben Carter takes back their pass: they are waiting to be heard again."
        assert store.ideas(stage_id=stage.id) == []  # a pass is not an idea


async def test_a_pass_the_facilitator_noted_is_taken_back_here(store: Store, reopen) -> None:
    workshop, people, stage = open_round(store)
    chloe = people[2]
    store.add_idea(stage.id, "Somewhere quiet to wait", said_by=chloe.id)
    facilitator = reopen()
    app = capture_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        facilitator.record_pass(stage.id, chloe.id)  # noted on the facilitator's screen meanwhile
        await type_in_said_by(pilot, screen, "chl")
        await pilot.press("f4")
        await settle(pilot)
        assert facilitator.passes(stage.id) == set()
        assert message(screen) == "Chloe Evans takes back their pass. They have given an idea, so they count as heard."


async def test_the_facilitators_not_heard_from_yet_follows_a_pass_noted_here(store: Store, reopen) -> None:
    workshop, _, _ = open_round(store)
    run = run_app(reopen(), workshop.id)  # the facilitator's terminal
    notes = capture_app(store, workshop.id)  # a note-taker's terminal
    async with run.run_test(size=(120, 40)) as facilitator_pilot, notes.run_test(size=SIZE) as pilot:
        facilitator_screen = await run_screen(facilitator_pilot)
        await private_view(facilitator_pilot)
        assert "Not heard from yet (5)" in screen_text(run)

        screen = await capture_screen(pilot)
        await type_in_said_by(pilot, screen, "dev")
        await pilot.press("f4")
        await settle(pilot)

        await facilitator_pilot.pause(1.2)  # the facilitator's app notices within one poll
        side = facilitator_screen.query_one("#not-heard").render().plain
        waiting, passed = side.split("Passed (1)")
        assert "Not heard from yet (4)" in waiting and "\u2022 Dev Patel" not in waiting
        assert "\u2022 Dev Patel" in passed


async def test_f4_without_one_clear_person_notes_nothing_and_says_why(store: Store) -> None:
    workshop, _, stage = open_round(store)
    app = capture_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        await pilot.press("f4")  # cursor in the idea box, nobody in Said by
        await settle(pilot)
        assert message(screen) == "To note a pass, type the person's name in \u201cSaid by\u201d, then press F4."

        await type_in_said_by(pilot, screen, "e")  # Erin Walsh and Chloe Evans
        await pilot.press("f4")
        await settle(pilot)
        assert message(screen) == "Several people's names start with \u201ce\u201d: press Tab to choose one, then F4."

        await type_in_said_by(pilot, screen, "anon")
        await pilot.press("tab")
        await pilot.press("f4")
        await settle(pilot)
        assert message(screen).startswith("Only a named person can pass")
        assert store.passes(stage.id) == set()


async def test_no_pass_while_the_facilitator_is_on_a_stage_without_ideas(store: Store, reopen) -> None:
    workshop, _, stage = open_round(store)
    app = capture_app(store, workshop.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await capture_screen(pilot)
        facilitator = reopen()
        later = next(s for s in facilitator.stages(workshop.id) if s.position > stage.position and s.kind != "ideas")
        facilitator.start_stage(later.id)  # moved on before the screen noticed
        await type_in_said_by(pilot, screen, "aisha")
        await pilot.press("f4")
        await settle(pilot)
        said = message(screen)
        assert "ideas can't be taken right now" in said and said.endswith("No pass was noted.")
        assert facilitator.passes(stage.id) == set() and facilitator.passes(later.id) == set()
        assert screen.query_one(SpeakerPicker).query_text == "aisha"  # kept for when it applies


async def test_the_pass_key_is_in_the_footer_the_keys_help_and_the_palette(store: Store) -> None:
    workshop, _, _ = open_round(store)
    app = capture_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await capture_screen(pilot)
        assert "f4 Pass" in screen_text(app).splitlines()[-1]
        assert PASS_ROW in [(key, does) for key, does, _ in describe_keys(screen)]
        assert any(command.title == "Pass" and command.help == f"{PASS_ROW[1]} (f4)" for command in screen_commands(screen))
