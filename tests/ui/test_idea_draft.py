"""An idea typed but not saved comes back after the app is quit or killed, with who said it; once
it is saved it does not come back a second time."""

from __future__ import annotations

from run_helpers import open_round, run_app, run_screen, stage_titled
from textual.widgets import Input

from facilitator.local import terminal_memory
from facilitator.storage.store import Store
from facilitator.ui.idea_draft import KEEP_EVERY_SECONDS, RESTORED
from facilitator.ui.widgets.speaker_picker import SpeakerPicker

WORDS = "Somewhere to sit that is not a plastic chair [b]please[/b]"


def message(screen) -> str:
    return screen.query_one("#ideas-message").render().plain


async def type_and_choose(pilot, screen, words: str, name_start: str) -> None:
    query = screen.query_one("#speaker-query", Input)
    query.focus()
    await pilot.press(*name_start, "tab")  # Tab takes the one match and moves on
    box = screen.query_one("#idea-input", Input)
    box.focus()
    box.value = words
    await pilot.pause()


async def test_quitting_mid_idea_gives_the_words_and_the_speaker_back(store: Store, reopen) -> None:
    workshop, people, stage = open_round(store)
    ben = people[1]
    async with run_app(store, workshop.id).run_test(size=(100, 30)) as pilot:
        screen = await run_screen(pilot)
        await type_and_choose(pilot, screen, WORDS, "ben")
        assert screen.query_one(SpeakerPicker).speaker.participant_id == ben.id
        await pilot.press("ctrl+q")  # the stray key: the app closes with the idea unsaved
    assert store.ideas(stage_id=stage.id) == []

    again = reopen()
    async with run_app(again, workshop.id).run_test(size=(100, 30)) as pilot:
        screen = await run_screen(pilot)
        await pilot.pause()
        box = screen.query_one("#idea-input", Input)
        assert box.value == WORDS
        assert box.has_focus
        assert screen.query_one(SpeakerPicker).speaker.participant_id == ben.id
        assert message(screen) == RESTORED
        await pilot.press("enter")
        await pilot.pause()
        saved = again.ideas(stage_id=stage.id)
        assert [(idea.text, idea.said_by) for idea in saved] == [(WORDS, ben.id)]
        assert box.value == ""
        await pilot.press("ctrl+q")

    async with run_app(reopen(), workshop.id).run_test(size=(100, 30)) as pilot:
        screen = await run_screen(pilot)
        await pilot.pause()
        assert screen.query_one("#idea-input", Input).value == ""  # saved once, not offered again
        assert message(screen) != RESTORED


async def test_the_words_are_kept_within_half_a_second_of_typing_so_a_kill_keeps_them(store: Store) -> None:
    workshop, _people, stage = open_round(store)
    async with run_app(store, workshop.id).run_test(size=(100, 30)) as pilot:
        screen = await run_screen(pilot)
        box = screen.query_one("#idea-input", Input)
        box.focus()
        box.value = "A kettle we can use ourselves"
        await pilot.pause(KEEP_EVERY_SECONDS + 0.3)
        # What a kill -9 now would leave behind: the file, as it is while the app still runs.
        kept = terminal_memory.recall_draft(store.database.path, "run", stage.id)
        assert kept is not None and kept.text == "A kettle we can use ourselves"
        box.value = ""
        await pilot.pause(KEEP_EVERY_SECONDS + 0.3)
        assert terminal_memory.recall_draft(store.database.path, "run", stage.id) is None


async def test_a_note_takers_unsaved_idea_comes_back_even_if_the_facilitator_moved_on(store: Store, reopen) -> None:
    from facilitator.ui.app import FacilitatorApp
    from facilitator.ui.screens.capture import CaptureScreen

    workshop, people, stage = open_round(store)
    aisha = people[0]

    def capture_app(opened: Store) -> FacilitatorApp:
        return FacilitatorApp(opened, start="capture", workshop_id=workshop.id, typist="Sam")

    async def capture_screen(pilot) -> CaptureScreen:
        for _ in range(20):
            await pilot.pause()
            if isinstance(pilot.app.screen, CaptureScreen):
                return pilot.app.screen
        raise AssertionError("the capture screen did not open")

    async with capture_app(store).run_test(size=(110, 36)) as pilot:
        screen = await capture_screen(pilot)
        await type_and_choose(pilot, screen, "Staff who have been there themselves", "ais")
        await pilot.press("ctrl+q")
    # Meanwhile the facilitator moves on to the next ideas stage: the box follows, and so do the words.
    following = stage_titled(store, workshop.id, "Ideas, written quietly")
    store.start_stage(following.id)

    again = reopen()
    async with capture_app(again).run_test(size=(110, 36)) as pilot:
        screen = await capture_screen(pilot)
        await pilot.pause()
        assert screen.idea_input.value == "Staff who have been there themselves"
        assert screen.query_one(SpeakerPicker).speaker.participant_id == aisha.id
        assert screen.query_one("#capture-status").render().plain == RESTORED
        await pilot.press("enter")
        for _ in range(20):
            await pilot.pause()
            if again.ideas(stage_id=following.id):
                break
        saved = again.ideas(stage_id=following.id)
        assert [(idea.text, idea.said_by, idea.typed_by) for idea in saved] == [
            ("Staff who have been there themselves", aisha.id, "Sam")]
    assert terminal_memory.recall_draft(again.database.path, "capture", workshop.id) is None
