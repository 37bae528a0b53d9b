"""A whole workshop on the run screen, from the keyboard: start, ideas (silent, then revealed),
themes, on to the vote, end, and the minutes saved to a file that holds what happened."""

from __future__ import annotations

from pathlib import Path

from panel_harness import screen_text
from run_helpers import coproduction_workshop, go_to_stage, run_app, run_screen, stage_titled
from textual.widgets import Input, OptionList

from facilitator.domain.models import StageKind, WorkshopStatus
from facilitator.storage.store import Store
from facilitator.ui.dialogs.close_workshop import CloseWorkshopDialog
from facilitator.ui.stages.group import GroupPanel, ThemeChooser
from facilitator.ui.stages.ideas import IdeasPanel

SILENT_IDEAS = ["Evening drop-in sessions", "A quiet room on the ward", "Peer support workers"]


async def type_idea(pilot, idea: str, speaker: str = "") -> None:
    """Put the idea in the box; with a speaker, type the start of their name and press Enter."""
    screen = pilot.app.screen
    screen.query_one("#idea-input", Input).value = idea
    if speaker:
        screen.query_one("#speaker-query", Input).focus()
        await pilot.pause()
        screen.query_one("#speaker-query", Input).value = speaker
        await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_a_whole_workshop_from_the_keyboard(store: Store, tmp_path: Path) -> None:
    workshop, people = coproduction_workshop(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        assert "Press Enter (or ]) to start the first stage." in screen_text(app)

        await pilot.press("enter")
        await pilot.pause()
        assert store.current_stage(workshop.id).kind is StageKind.WELCOME
        assert "Our ground rules" in screen_text(app)

        # Stage 3 is the silent ideas stage.
        await go_to_stage(pilot, store, workshop.id, 3)
        panel = screen.panel
        assert isinstance(panel, IdeasPanel)
        await type_idea(pilot, SILENT_IDEAS[0], speaker="Ai")
        await type_idea(pilot, SILENT_IDEAS[1], speaker="ben")
        await type_idea(pilot, SILENT_IDEAS[2])
        silent = stage_titled(store, workshop.id, "Ideas, written quietly")
        assert [idea.text for idea in store.ideas(stage_id=silent.id)] == SILENT_IDEAS
        assert [idea.said_by for idea in store.ideas(stage_id=silent.id)] == [people[0].id, people[1].id, None]

        shown = screen_text(app)
        assert "Aisha Khan: 1" in shown and "Ben Carter: 1" in shown
        assert "Anonymous or not given: 1" in shown
        for idea in SILENT_IDEAS:
            assert idea not in shown, "a silent idea was on screen before the reveal"

        await pilot.press("escape", "r")
        await pilot.pause()
        assert store.stage(silent.id).revealed
        shown = screen_text(app)
        for idea in SILENT_IDEAS:
            assert idea in shown

        # Stage 5: group the ideas into themes with keys only.
        await go_to_stage(pilot, store, workshop.id, 5)
        assert isinstance(screen.panel, GroupPanel)
        group_list = screen.query_one("#group-list", OptionList)
        assert group_list.highlighted_option.id == f"idea-{store.ideas(stage_id=silent.id)[0].id}"
        await pilot.press("t")
        screen.query_one("#group-name", Input).value = "Somewhere calm"
        await pilot.press("enter")
        await pilot.pause()
        themes = store.themes(workshop.id)
        assert [theme.name for theme in themes] == ["Somewhere calm"]
        first, second, third = store.ideas(stage_id=silent.id)
        assert first.theme_id == themes[0].id

        # Move the next ungrouped idea in by choosing theme number 1.
        group_list.highlighted = group_list.get_option_index(f"idea-{second.id}")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ThemeChooser)
        await pilot.press("1")
        await pilot.pause()
        assert store.idea(second.id).theme_id == themes[0].id
        assert "Somewhere calm  (2 ideas)" in screen_text(app)

        # On to the vote (stage 6); whatever panel shows it, the workshop ends from here.
        await go_to_stage(pilot, store, workshop.id, 6)
        assert store.current_stage(workshop.id).kind is StageKind.VOTE

        await pilot.press("ctrl+e")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.workshop(workshop.id).status is WorkshopStatus.FINISHED
        assert isinstance(app.screen, CloseWorkshopDialog)
        target = tmp_path / "minutes.md"
        app.screen.query_one("#minutes-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert "Saved the minutes (Markdown) to" in screen_text(app)
        assert app.screen.saved_path == target

    minutes = target.read_text(encoding="utf-8")
    for idea in SILENT_IDEAS:
        assert idea in minutes
    assert "Somewhere calm" in minutes
    assert "Safer wards workshop" in minutes


async def test_minutes_can_be_saved_as_html(store: Store, tmp_path: Path) -> None:
    workshop, _ = coproduction_workshop(store)
    stage = store.stages(workshop.id)[1]
    store.start_stage(stage.id)
    store.add_idea(stage.id, "Longer visiting hours")
    store.finish_workshop(workshop.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_screen(pilot)
        assert "This workshop has finished" in screen_text(app)
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseWorkshopDialog)
        assert "Longer visiting hours" in dialog.query_one("#minutes-preview").text
        await pilot.click("#format-html")
        await pilot.pause()
        path_box = dialog.query_one("#minutes-path", Input)
        assert path_box.value.endswith(".html")
        path_box.value = str(tmp_path / "minutes.html")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = (tmp_path / "minutes.html").read_text(encoding="utf-8")
    assert saved.lstrip().lower().startswith("<!doctype html") and "Longer visiting hours" in saved


async def test_moving_on_from_an_unrevealed_vote_asks_first(store: Store) -> None:
    workshop, people = coproduction_workshop(store)
    ideas_stage = stage_titled(store, workshop.id, "What matters to you")
    store.start_stage(ideas_stage.id)
    store.add_idea(ideas_stage.id, "Transport to the hall", said_by=people[0].id)
    vote = next(stage for stage in store.stages(workshop.id) if stage.kind is StageKind.VOTE)
    store.start_stage(vote.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_screen(pilot)
        app.screen.set_focus(None)
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Move on without revealing the votes?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert store.current_stage(workshop.id).id == vote.id

        # The vote panel may have put the cursor in a box: F8 moves on from anywhere.
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.current_stage(workshop.id).kind is StageKind.DECIDE


async def test_people_opens_the_roster_and_coming_back_shows_who_arrived(store: Store) -> None:
    from facilitator.ui.screens.roster import RosterScreen

    workshop, people = coproduction_workshop(store, arrived=False)
    store.start_stage(stage_titled(store, workshop.id, "What matters to you").id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        assert "nobody is marked as here" in screen.query_one("#not-heard").render().plain
        screen.set_focus(None)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        store.mark_arrived(people[0].id)  # as the roster would
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert "\u2022 Aisha Khan" in screen_text(app)
