"""Keys that arrive together (a fast typist, a paste, a Braille display, a switch device) do what
they would do typed one by one: each Enter submits what was typed before it, each Tab moves on
before the next key, and a multi-line paste into the idea box is one idea per line, said so, and
never cut to its first line.

``press_together`` posts every key before the app handles any (as a terminal's driver delivers a
burst); without ``KeysInOrder`` these tests fail.
"""

from __future__ import annotations

import screen_check
from key_bursts import paste, press_together
from run_helpers import open_round, run_app, run_screen, stage_titled
from screen_check import flat
from textual.pilot import Pilot

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.screens.capture import CaptureScreen
from facilitator.ui.screens.home import HomeScreen
from facilitator.ui.widgets.idea_entry import LINE_BREAK, ideas_in, nothing_in

FIVE = [f"Burst idea number {n}" for n in range(1, 6)]
THREE_LINES = "A quiet room\nFree parking for carers\nMeetings after 5pm"
THREE = THREE_LINES.split("\n")


def typed_with_enter(ideas: list[str]) -> list[str]:
    keys: list[str] = []
    for words in ideas:
        keys += [*words, "enter"]
    return keys


def capture_app(store: Store, workshop_id: int) -> FacilitatorApp:
    return FacilitatorApp(store, start="capture", workshop_id=workshop_id, typist="Sam")


async def capture_screen(pilot: Pilot) -> CaptureScreen:
    for _ in range(20):
        await pilot.pause()
        if isinstance(pilot.app.screen, CaptureScreen):
            return pilot.app.screen
    raise AssertionError(f"the capture screen did not open; showing {pilot.app.screen!r}")


# -- Tab and Enter in a burst ---------------------------------------------------------------------


async def test_a_new_workshop_typed_in_one_burst_puts_each_field_in_its_box(store: Store) -> None:
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # "n" opens the form; "p" in "Purpose" would open People if it reached the home screen.
        await press_together(pilot, "n", *"Title A", "tab", *"Purpose B", "tab", *"Place C", "enter")
        assert isinstance(app.screen, HomeScreen), flat(app)
        [workshop] = store.list_workshops()
        assert (workshop.title, workshop.purpose, workshop.place) == ("Title A", "Purpose B", "Place C")
        assert app.keys_held == 0


async def test_five_ideas_each_with_enter_in_one_burst_are_five_ideas(store: Store) -> None:
    workshop, _, stage = open_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        await press_together(pilot, *typed_with_enter(FIVE))
        assert [idea.text for idea in store.ideas(stage_id=stage.id)] == FIVE
        assert screen.query_one("#idea-input").value == ""
        assert "5. Burst idea number 5" in flat(app)


async def test_five_ideas_in_one_burst_on_the_note_takers_screen_are_five_ideas(store: Store) -> None:
    """The note-taker's screen saves each idea in the background: the next key waits for it."""
    workshop, people, stage = open_round(store)
    app = capture_app(store, workshop.id)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await capture_screen(pilot)
        # The second idea said by Ben: Tab to "Said by", the start of his name, Enter takes it and saves.
        keys = [*FIVE[0], "enter", *FIVE[1], "tab", *"Ben", "enter", *typed_with_enter(FIVE[2:])]
        await press_together(pilot, *keys)
        await screen_check.until(pilot, lambda: len(store.ideas(stage_id=stage.id)) == 5, seconds=5)
        ideas = store.ideas(stage_id=stage.id)
        assert [idea.text for idea in ideas] == FIVE
        assert [idea.said_by for idea in ideas] == [None, people[1].id, None, None, None]
        assert all(idea.typed_by == "Sam" for idea in ideas)
        assert screen.idea_input.value == ""


# -- a bracketed paste of several lines -----------------------------------------------------------


async def test_a_paste_of_three_lines_into_the_idea_box_is_three_ideas_said_so(store: Store) -> None:
    workshop, _, stage = open_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        assert app.focused is screen.query_one("#idea-input")
        await paste(pilot, "a\nb\nc")
        assert [idea.text for idea in store.ideas(stage_id=stage.id)] == ["a", "b", "c"]
        assert screen.query_one("#idea-input").value == ""
        assert "3 ideas added, one per line." in flat(app)
        assert "3. c" in flat(app)


async def test_a_paste_joins_what_is_in_the_box_and_blank_lines_are_no_ideas(store: Store) -> None:
    workshop, _, stage = open_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_screen(pilot)
        await pilot.press(*"More ")
        await paste(pilot, "benches\n\n  Shade in summer  \r\n")
        assert [idea.text for idea in store.ideas(stage_id=stage.id)] == ["More benches", "Shade in summer"]
        assert "2 ideas added, one per line." in flat(app)


async def test_a_paste_of_one_line_goes_in_the_box_to_be_saved_with_enter(store: Store) -> None:
    workshop, _, stage = open_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        await paste(pilot, "\nA lift that works\n")  # a copied line, with its line break
        assert screen.query_one("#idea-input").value == "A lift that works"
        assert store.ideas(stage_id=stage.id) == []
        await pilot.press("enter")
        assert [idea.text for idea in store.ideas(stage_id=stage.id)] == ["A lift that works"]


async def test_a_paste_of_three_lines_on_the_note_takers_screen_is_three_ideas(store: Store) -> None:
    workshop, _, stage = open_round(store)
    app = capture_app(store, workshop.id)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await capture_screen(pilot)
        await paste(pilot, THREE_LINES)
        await screen_check.until(pilot, lambda: len(store.ideas(stage_id=stage.id)) == 3, seconds=5)
        ideas = store.ideas(stage_id=stage.id)
        assert [idea.text for idea in ideas] == THREE
        assert all(idea.typed_by == "Sam" for idea in ideas)
        assert screen.idea_input.value == ""
        assert "3 ideas added, one per line" in flat(app)


async def test_a_paste_that_cannot_be_saved_yet_stays_whole_in_the_box(store: Store, reopen) -> None:
    """Refused (the facilitator has just moved on): every line waits in the box for Enter."""
    workshop, _, _stage = open_round(store)
    following = stage_titled(store, workshop.id, "Ideas, written quietly")
    app = capture_app(store, workshop.id)
    release_poll = screen_check.hold_the_poll(app)
    async with app.run_test(size=(110, 36)) as pilot:
        screen = await capture_screen(pilot)
        reopen().start_stage(following.id)  # another terminal, before this one has noticed
        await paste(pilot, THREE_LINES)
        assert store.ideas(workshop_id=workshop.id) == []
        assert "has moved on to 3. Ideas, written quietly" in flat(app)
        assert screen.idea_input.value == LINE_BREAK.join(THREE)
        assert ideas_in(screen.idea_input.value) == THREE
        release_poll()
        await pilot.press("enter")
        await screen_check.until(pilot, lambda: len(store.ideas(workshop_id=workshop.id)) == 3, seconds=5)
        assert [idea.text for idea in store.ideas(stage_id=following.id)] == THREE


def test_the_ideas_in_the_box() -> None:
    assert ideas_in("One idea") == ["One idea"]
    assert ideas_in("  spaced  ") == ["  spaced  "]  # one idea: the store tidies it, as before
    assert ideas_in(f"a{LINE_BREAK}{LINE_BREAK}b ") == ["a", "b"]
    assert ideas_in("a\u23ceb, typed") == ["a\u23ceb, typed"]  # only the paste's own mark splits
    assert nothing_in(f"  {LINE_BREAK} ") and nothing_in(" ") and not nothing_in(f"a{LINE_BREAK}")
