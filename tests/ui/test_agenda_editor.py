"""Making an agenda from home without a text editor, at 80x24: start from a shipped agenda, add a
break and move it, change a stage's minutes, save, and find the agenda offered for a new workshop."""

from __future__ import annotations

import os

from screen_check import screen_text, toast_texts
from textual.widgets import Input, Select, TextArea

from facilitator import paths
from facilitator.domain.agenda import find_agenda, load_agenda_file
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.commands import screen_commands
from facilitator.ui.dialogs.choose_kind import ChooseKindDialog
from facilitator.ui.dialogs.confirm import ConfirmDialog
from facilitator.ui.dialogs.new_workshop import NewWorkshopDialog
from facilitator.ui.dialogs.settings_form import SettingsForm
from facilitator.ui.dialogs.start_agenda import StartAgendaDialog
from facilitator.ui.screens.agenda_editor import AgendaEditorScreen
from facilitator.ui.screens.home import HomeScreen

SCREENSHOTS = os.environ.get("FACILITATOR_SCREENSHOTS")  # a folder: save what the editor looks like


def editor(app: FacilitatorApp) -> AgendaEditorScreen:
    assert isinstance(app.screen, AgendaEditorScreen), f"expected the agenda editor, not {app.screen!r}"
    return app.screen


async def test_make_an_agenda_from_a_shipped_one_and_start_a_workshop_from_it(store: Store) -> None:
    shipped = load_agenda_file(find_agenda("service-review"))
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        start = app.screen
        assert isinstance(start, StartAgendaDialog)
        start.query_one("#start-from", Select).value = "service-review"
        start.query_one("#agenda-name", Input).focus()
        start.query_one("#agenda-name", Input).value = "Crisis line review"
        await pilot.pause()
        assert "Saved as crisis-line-review.toml" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()

        screen = editor(app)
        assert [s["title"] for s in screen.stages] == [s.title for s in shipped.stages]
        text = screen_text(app)
        assert "Agenda: Crisis line review" in text
        assert f"{len(shipped.stages)} stages" in text and "no problems" in text

        # Add a break after the second stage: choose the kind, keep the form's defaults.
        await pilot.press("down", "a")
        await pilot.pause()
        assert isinstance(app.screen, ChooseKindDialog)
        kinds = app.screen.query_one("#kinds")
        kinds.highlighted = next(i for i, option in enumerate(kinds.options) if option.id == "break")
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, SettingsForm)
        form.query_one("#setting-title", Input).value = "Tea and biscuits"
        form.query_one("#setting-text", TextArea).text = "Back in ten minutes.\nTake longer if you need to."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert editor(app).stages[2]["kind"] == "break" and screen.cursor == 2

        # Move it up one: it is now the second stage, and the cursor went with it.
        await pilot.press("shift+up")
        await pilot.pause()
        assert [s["kind"] for s in screen.stages[:3]] == ["welcome", "break", "ideas"]
        assert screen.cursor == 1

        # Change the minutes of the stage under the cursor (the break) in its form.
        await pilot.press("enter")
        await pilot.pause()
        minutes = app.screen.query_one("#setting-minutes", Input)
        assert minutes.value == "10"
        minutes.value = "abc"
        await pilot.press("ctrl+s")  # a word is refused with the check's sentence, naming the stage
        await pilot.pause()
        assert isinstance(app.screen, SettingsForm)
        assert 'Stage 2 \u201cTea and biscuits\u201d (break): minutes must be a whole number' in screen_text(app)
        await pilot.press("escape")  # a stray Escape in a changed form asks; Escape again keeps editing
        await pilot.pause()
        assert "Close without keeping your changes?" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsForm)
        app.screen.query_one("#setting-minutes", Input).value = "20"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.stages[1]["minutes"] == 20
        app.clear_notifications()
        await pilot.pause()
        total = shipped.total_minutes + 20
        assert f"{len(shipped.stages) + 1} stages, {total // 60} h {total % 60} min in all" in screen_text(app)
        if SCREENSHOTS:
            app.save_screenshot("agenda_editor_80x24.svg", SCREENSHOTS)

        # A stray Escape with unsaved changes asks, and "n" (or a second Escape) keeps editing.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Close without saving?" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert editor(app) is screen

        # The agenda's own details, in a form built the same way: Enter moves through the fields.
        await pilot.press("i")
        await pilot.pause()
        details = app.screen
        assert isinstance(details, SettingsForm)
        assert details.query_one("#setting-name", Input).value == "Crisis line review"
        assert details.query_one("#setting-involvement", Select).value == "involvement"
        details.query_one("#setting-description", TextArea).text = "What the crisis line does at night."
        details.query_one("#setting-involvement", Select).value = "co-production"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert editor(app).details["involvement"] == "co-production"

        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = paths.user_agendas_dir() / "crisis-line-review.toml"
        agenda = load_agenda_file(saved)  # as `facilitator agendas check` loads it
        assert agenda.name == "Crisis line review"
        assert (agenda.description, agenda.involvement.value) == ("What the crisis line does at night.", "co-production")
        assert [(s.kind, s.title, s.minutes) for s in agenda.stages[:2]] == [
            ("welcome", shipped.stages[0].title, shipped.stages[0].minutes), ("break", "Tea and biscuits", 20)]
        assert agenda.stages[1].text == "Back in ten minutes.\nTake longer if you need to."
        assert any("Saved as crisis-line-review.toml" in toast for toast in toast_texts(app))

        # Saved: Escape closes at once; the new workshop dialog offers the new agenda first.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewWorkshopDialog)
        assert dialog.query_one("#agenda", Select).value == "crisis-line-review"
        assert "Tea and biscuits" in screen_text(app)


async def test_saving_asks_before_replacing_your_own_agenda_and_a_problem_stops_it(store: Store) -> None:
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        for _ in range(2):
            await pilot.press("a")
            await pilot.pause()
            app.screen.query_one("#start-from", Select).value = "coproduction-workshop"
            app.screen.query_one("#agenda-name", Input).value = "Mine"
            await pilot.press("ctrl+s")
            await pilot.pause()
            editor(app)
            await pilot.press("ctrl+s")
            await pilot.pause()
            if isinstance(app.screen, ConfirmDialog):  # the second time: the file is there already
                assert "Replace your agenda mine.toml?" in screen_text(app)
                await pilot.press("y")
                await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        assert (paths.user_agendas_dir() / "mine.toml").is_file()

        # Remove every ideas stage (asked each time): the vote comes first, so it cannot be saved.
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#start-from", Select).value = "coproduction-workshop"
        app.screen.query_one("#agenda-name", Input).value = "Vote first"
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = editor(app)
        for _ in range(2):
            screen.table.move_cursor(row=1)
            await pilot.press("delete")
            await pilot.pause()
            assert "Remove stage 2" in screen_text(app)
            await pilot.press("y")
            await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        text = screen_text(app)
        assert "1 problem to fix before saving" in text
        assert "Stage 4 \u201cDot vote\u201d (vote): a vote must come after" in text
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not (paths.user_agendas_dir() / "vote-first.toml").exists()
        assert screen.cursor == 3  # on the stage the problem is about


async def test_agenda_text_is_shown_literally_and_the_editor_is_in_the_palette(store: Store, assert_shows_literally) -> None:
    folder = paths.user_agendas_dir()
    folder.mkdir(parents=True)
    hostile = "[ @click=app.quit]x [/b]"
    (folder / "odd.toml").write_text(
        f'name = "Odd {hostile}"\n\n[[stages]]\nkind = "welcome"\ntitle = "Hi {hostile}"\nminutes = 5\n', "utf-8")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [command.title for command in screen_commands(app.screen)]
        assert "Make an agenda" in titles
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#start-from", Select).value = "odd"
        app.screen.query_one("#agenda-name", Input).value = f"Copy {hostile}"
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = editor(app)
        await assert_shows_literally(pilot, f"Hi {hostile}")
        await assert_shows_literally(pilot, f"Copy {hostile}")
        titles = [command.title for command in screen_commands(screen)]
        assert {"Add stage", "Remove the stage", "Move the stage up", "Save the agenda"} <= set(titles)


async def test_ctrl_q_with_unsaved_agenda_changes_asks_first_and_n_keeps_them(store: Store) -> None:
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#start-from", Select).value = "coproduction-workshop"
        app.screen.query_one("#agenda-name", Input).value = "Quitting"
        await pilot.press("ctrl+s")
        await pilot.pause()
        editor(app)
        await pilot.press("ctrl+q")  # nothing changed yet: it quits at once, without a question
        await pilot.pause()
        assert app._exit
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#start-from", Select).value = "coproduction-workshop"
        app.screen.query_one("#agenda-name", Input).value = "Quitting"
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = editor(app)
        moved = screen.stages[1]["title"]
        await pilot.press("down", "shift+down")  # an unsaved change: the second stage moved down
        await pilot.pause()
        assert screen.stages[2]["title"] == moved
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Quit without saving the agenda?" in screen_text(app)
        await pilot.press("ctrl+q")  # pressed again: still asking, not quitting
        await pilot.press("n")
        await pilot.pause()
        assert not app._exit
        assert editor(app) is screen and screen.stages[2]["title"] == moved
        await pilot.press("ctrl+q", "y")  # y quits, losing the change
        await pilot.pause()
        assert app._exit
    assert not (paths.user_agendas_dir() / "quitting.toml").exists()
