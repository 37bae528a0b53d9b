"""The home screen: the workshops in the file, opening one, starting one, the demo, live updates."""

from __future__ import annotations

from screen_check import add_workshop, screen_text, toast_texts
from textual.widgets import Input, Select

from facilitator.domain.agenda import find_agenda, load_agenda_file
from facilitator.domain.models import WorkshopStatus
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.dialogs.confirm import ConfirmDialog
from facilitator.ui.dialogs.new_workshop import NewWorkshopDialog
from facilitator.ui.screens.home import PAGE, HomeScreen
from facilitator.ui.screens.keys_help import KeysHelpScreen
from facilitator.ui.screens.roster import RosterScreen
from facilitator.ui.screens.run import RunScreen


def home(app: FacilitatorApp) -> HomeScreen:
    screen = app.screen
    assert isinstance(screen, HomeScreen), f"expected the home screen, not {screen!r}"
    return screen


async def test_lists_workshops_in_progress_first_then_newest_with_status_in_words(store: Store) -> None:
    old = add_workshop(store, "Spring review", date="2024-04-02", involvement="involvement")
    store.finish_workshop(old.id)
    add_workshop(store, "Planning the garden", date="2025-05-01", place="Library")
    running = add_workshop(store, "Crisis line night shift", date="2025-03-14", series="Crisis care")
    store.start_stage(store.stages(running.id)[0].id)

    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        lines = [line for line in text.splitlines() if "2024" in line or "2025" in line]
        assert "Crisis line night shift" in lines[0] and "\u25b6 in progress" in lines[0]
        assert "Planning the garden" in lines[1] and "\u25cb planned" in lines[1]
        assert "Spring review" in lines[2] and "\u2713 finished" in lines[2]
        assert "2 Apr 2024" in lines[2] and "involvement" in lines[2]
        assert "3 workshops" in text
        # The details of the selected (first) workshop are under the list.
        assert "Series: Crisis care" in text


async def test_enter_opens_the_selected_workshop_on_the_run_screen(store: Store) -> None:
    add_workshop(store, "First")
    second = add_workshop(store, "Second", date="2025-01-01")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.screen.workshop_id == second.id
        await pilot.press("escape")  # leaving the run screen comes back home, where we were
        await pilot.pause()
        if isinstance(app.screen, RunScreen):
            app.pop_screen()
            await pilot.pause()
        assert home(app).table.selected_id == second.id


async def test_an_empty_file_says_what_to_do(store: Store) -> None:
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "No workshops yet" in text
        assert "Press n to start one" in text
        await pilot.press("enter")  # nothing to open: a warning, not a crash
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_new_workshop_from_a_shipped_agenda_by_keys(store: Store) -> None:
    agenda = load_agenda_file(find_agenda("service-review"))
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewWorkshopDialog)
        dialog.query_one("#agenda", Select).value = "service-review"
        dialog.query_one("#purpose", Input).value = "Hear what people think of the crisis line"
        dialog.query_one("#place", Input).value = "Community hall"
        dialog.query_one("#series", Input).value = "Crisis care"
        dialog.query_one("#involvement", Select).value = "user-led"
        dialog.query_one("#title", Input).focus()
        await pilot.pause()
        dialog.query_one("#title", Input).value = "Crisis line review"
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, HomeScreen)
        [workshop] = store.list_workshops()
        assert workshop.title == "Crisis line review"
        assert workshop.purpose == "Hear what people think of the crisis line"
        assert (workshop.place, workshop.series) == ("Community hall", "Crisis care")
        assert workshop.involvement == "user-led"
        assert workshop.agenda_name == "service-review"
        assert workshop.date == store.today()
        assert [s.title for s in store.stages(workshop.id)] == [s.title for s in agenda.stages]
        assert home(app).table.selected_id == workshop.id
        assert "Crisis line review" in screen_text(app)


async def test_new_workshop_without_a_title_stays_open_and_says_why(store: Store) -> None:
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#place", Input).value = "Library"
        await pilot.press("enter")  # the title box has the focus, and is empty
        await pilot.pause()
        assert isinstance(app.screen, NewWorkshopDialog)
        assert app.screen.query_one("#place", Input).value == "Library"
        assert "The workshop title cannot be empty." in toast_texts(app)
        assert store.count_workshops() == 0
        await pilot.press("escape")  # "Library" was typed: it asks before throwing it away
        await pilot.pause()
        assert "Close without saving?" in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert store.count_workshops() == 0


async def test_filter_by_title_and_clear_it(store: Store) -> None:
    for title in ("Garden planning", "Crisis line review", "Garden follow-up"):
        add_workshop(store, title)
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        box = app.screen.query_one("#filter", Input)
        assert box.has_focus
        box.value = "garden"
        await pilot.pause()
        text = screen_text(app)
        assert "Garden planning" in text and "Garden follow-up" in text
        assert "Crisis line review" not in text
        await pilot.press("enter")  # back to the list, filter kept
        await pilot.pause()
        assert home(app).table.has_focus and home(app).table.row_count == 2
        await pilot.press("escape")
        await pilot.pause()
        assert home(app).table.row_count == 3
        assert not box.display


async def test_a_long_list_loads_one_page_then_more_as_the_cursor_moves_down(store: Store) -> None:
    for number in range(PAGE + 50):
        add_workshop(store, f"Workshop {number:03}", date="2024-01-01")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        table = home(app).table
        assert table.row_count == PAGE
        assert f"{PAGE + 50} workshops, first {PAGE} shown" in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        assert table.row_count == PAGE + 50
        assert len(set(table.shown_ids())) == PAGE + 50
        await pilot.press("end")
        await pilot.pause()
        assert "Workshop 000" in screen_text(app)  # the oldest (lowest id) comes last


async def test_the_list_follows_changes_made_in_another_terminal(store: Store, reopen) -> None:
    add_workshop(store, "Older", date="2024-01-01")
    kept = add_workshop(store, "Selected one", date="2024-06-01")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home(app).table.select_id(kept.id)
        other = reopen()
        add_workshop(other, "Added elsewhere", date="2025-02-02")
        await pilot.pause(0.6)
        await pilot.pause(0.6)
        assert "Added elsewhere" in screen_text(app)
        assert home(app).table.selected_id == kept.id  # the selection stayed on the same workshop


async def test_d_adds_the_demo_and_selects_the_workshop_in_progress(store: Store) -> None:
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        selected = store.workshop(home(app).table.selected_id)
        assert selected.status == WorkshopStatus.IN_PROGRESS
        count = store.count_workshops()
        assert count >= 2
        await pilot.press("home", "d")  # already there: selected again, nothing added
        await pilot.pause()
        assert home(app).table.selected_id == selected.id
        assert store.count_workshops() == count


async def test_p_opens_the_people_of_the_selected_workshop(store: Store) -> None:
    workshop = add_workshop(store, "With people")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        assert app.screen.workshop_id == workshop.id
        store.finish_workshop(workshop.id)  # this connection: no poll notices it
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "\u2713 finished" in screen_text(app)  # home reloads when it is shown again


async def test_question_mark_lists_every_key_of_the_screen(store: Store) -> None:
    add_workshop(store, "Anything")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, KeysHelpScreen)
        text = screen_text(app)
        for key, does in [("n", "New"), ("p", "People"), ("d", "Demo"), ("/", "Find"), ("f5", "Presentation mode"),
                          ("^t, f2", "Next theme"), ("?, f1", "Keys"), ("^q", "Quit")]:
            assert any(key in line and does in line for line in text.splitlines()), (key, does)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_every_key_of_the_screen_is_also_a_command(store: Store) -> None:
    add_workshop(store, "Anything")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Open", "New", "People", "Demo", "Find", "Capture", "Theme: light, for bright rooms",
                      "Presentation mode on", "Keys and help", "Quit"):
            assert title in titles


async def test_new_workshop_offers_the_stages_waiting_to_be_carried_and_adds_them_when_ticked(store: Store) -> None:
    one_off = store.create_workshop(title="Bus pass talk", date="2025-03-14", stages=[
        {"kind": "welcome", "title": "Welcome", "minutes": 10},
        {"kind": "ideas", "title": "Ideas about the bus", "minutes": 30},
    ])  # fmt: skip
    store.carry_stage(store.stages(one_off.id)[1].id)  # moved to "the next workshop" while it ran
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewWorkshopDialog)
        assert "Add 1 stage waiting to be carried: Ideas about the bus" in screen_text(app)
        box = dialog.query_one("#carry")
        box.focus()
        await pilot.press("space")  # one key ticks it
        dialog.query_one("#title", Input).value = "Bus pass, part two"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert any("added at the end: \u201cIdeas about the bus\u201d" in text for text in toast_texts(app))
    made = next(w for w in store.list_workshops() if w.title == "Bus pass, part two")
    assert store.stages(made.id)[-1].title == "Ideas about the bus"
    assert store.stage(store.stages(one_off.id)[1].id).plan_state == "carried"
