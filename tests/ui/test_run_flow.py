"""The run screen's ways in and out: minutes saved as HTML from a finished workshop, and by
default in the minutes folder beside the database, moving on from an unrevealed vote, and the
roster and back.

The whole workshop from the keyboard (start, ideas silent then revealed, themes, the vote, the
end and the minutes saved) is one journey, walked in ``test_whole_workshop.py`` at 80x24."""

from __future__ import annotations

from pathlib import Path

from panel_harness import screen_text
from run_helpers import coproduction_workshop, private_view, run_app, run_screen, stage_titled
from textual.widgets import Input

from facilitator.domain.models import StageKind
from facilitator.storage.store import Store, open_store
from facilitator.ui.dialogs.close_workshop import CloseWorkshopDialog


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
        await pilot.press("f8")
        await pilot.pause()
        assert "Move on without revealing the votes?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert store.current_stage(workshop.id).id == vote.id

        app.screen.query_one("#vote-name").focus()  # F8 moves on from anywhere, a box too
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
        await private_view(pilot)
        assert "nobody is marked as here" in screen.query_one("#not-heard").render().plain
        await pilot.press("ctrl+o")  # from the idea box, where the cursor is
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        store.mark_arrived(people[0].id)  # as the roster would
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert "\u2022 Aisha Khan" in screen_text(app)


async def test_the_minutes_go_to_the_minutes_folder_beside_the_database_and_the_path_fits_80_columns(
    tmp_path: Path, clock,
) -> None:
    # A database some folders deep: the folder does not fit on one line at 80 columns.
    deep = tmp_path / "shared drive" / "mental health team" / "co-production workshops 2025"
    deep.mkdir(parents=True)
    store = open_store(deep / "workshops.db", clock=clock)
    workshop, _ = coproduction_workshop(store)
    store.finish_workshop(workshop.id)
    folder = deep / "minutes"
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, CloseWorkshopDialog)
        path_box = dialog.query_one("#minutes-path", Input)
        assert path_box.value == "minutes-2025-03-14-safer-wards-workshop.md"  # the name; the folder below
        [where] = [line.strip(" \u2588") for line in screen_text(app).splitlines() if "In the folder" in line]
        # On one line, cut at its start: the end of the folder's path is what shows.
        assert where.startswith("In the folder \u2026") and where.endswith("co-production workshops 2025/minutes")
        assert len(where) <= 76
        await pilot.press("enter")
        await pilot.pause()
        saved = folder / "minutes-2025-03-14-safer-wards-workshop.md"
        assert saved.read_text(encoding="utf-8").startswith("# Minutes")
        assert folder.stat().st_mode & 0o777 == 0o700  # made for them, private
        # Where they went, in full: wrapped over lines, not cut.
        shown = "".join(line.strip(" \u2588") for line in screen_text(app).splitlines())
        assert f"Saved the minutes (Markdown) to {saved}".replace(" ", "") in shown.replace(" ", "")
    store.close()
