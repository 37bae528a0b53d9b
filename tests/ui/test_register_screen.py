"""The decision register, the decision's whole record and follow-up, driven with Pilot."""

from __future__ import annotations

import pytest
from textual.app import App
from textual.reactive import reactive
from textual.widgets import DataTable, Input, Static

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.storage.store import open_store
from facilitator.ui.screens.decision_detail import DecisionDetailScreen
from facilitator.ui.screens.follow_up import FollowUpScreen
from facilitator.ui.screens.register import PAGE, RegisterScreen

EPOCH = 1_741_946_400.0  # 2025-03-14 10:00 UTC
HOSTILE = ["[/b]", "[ @click=app.quit]x", "[link='http://x']y", "x\\"]


class HostApp(App):
    """Holds ``store`` as the real app does, and opens one screen."""
    presenting = reactive(False)  # as the real app has it


    def __init__(self, store, screen) -> None:
        super().__init__()
        self.store = store
        self.first_screen = screen

    def on_mount(self) -> None:
        self.push_screen(self.first_screen)


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "register-ui.db", clock=lambda: EPOCH)
    yield opened
    opened.close()


def new_workshop(store, title, date, series="Crisis café"):
    stages = stages_from_agenda(load_agenda_file(find_agenda("coproduction-workshop")))
    return store.create_workshop(title=title, stages=stages, date=date, series=series)


@pytest.fixture
def decisions(store):
    first = new_workshop(store, "Designing the sanctuary", "2025-01-10")
    aisha = store.add_participant(first.id, "Aisha Khan", ["lived experience"], "named", "Needs a hearing loop",
                                  arrived=True)
    store.add_participant(first.id, "Ben Carter", ["carer"], "perspective", arrived=True)
    hours = store.add_decision(first.id, "Open 6pm to 1am every day",
                               rationale="Most crises happen late in the evening, when other services are shut.")
    store.add_decision(first.id, "Serve hot drinks and toast", rationale="Food helps people settle.")
    action = store.add_action(first.id, "Recruit night volunteers", owner_participant_id=aisha.id,
                              due_date="2025-02-01", decision_id=hours.id)
    store.update_action(action.id, "in progress", "Four volunteers trained")
    second = new_workshop(store, "Three-month review", "2025-03-14")
    later = store.add_decision(second.id, "Open 6pm to 2am at weekends", supersedes_id=hours.id)
    return {"hours": hours, "later": later, "action": action}


async def settle(pilot, screen: RegisterScreen) -> None:
    """Wait for the debounce and the search worker to finish and the rows to be shown."""
    await pilot.pause(0.3)
    while any(worker.is_running for worker in screen.workers):
        await pilot.pause(0.01)
    await pilot.pause()


def shown_statements(screen: RegisterScreen) -> list[str]:
    return [item.decision.statement for item in screen.found.items]


async def test_typing_narrows_the_results_and_enter_opens_the_whole_record(store, decisions):
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, screen)
        assert shown_statements(screen) == ["Open 6pm to 2am at weekends", "Serve hot drinks and toast"]
        search = screen.query_one("#register-search", Input)
        search.value = "late even"  # words from the rationale of a decision that was replaced
        await settle(pilot, screen)
        assert shown_statements(screen) == []
        await pilot.press("a")  # the search box has the focus: "a" is typed, not a filter key
        await settle(pilot, screen)
        assert search.value == "late evena"
        await pilot.press("escape")  # clears the search
        await settle(pilot, screen)
        assert len(screen.found.items) == 2
        await pilot.press("down", "a")  # to the results, then include replaced decisions
        await settle(pilot, screen)
        assert len(screen.found.items) == 3
        search.value = "crises"
        await settle(pilot, screen)
        assert shown_statements(screen) == ["Open 6pm to 1am every day"]
        await pilot.press("enter")
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DecisionDetailScreen)
        text = "\n".join(str(s.render()) for s in detail.query(Static))
        assert "Most crises happen late in the evening" in text
        assert "2 people: Aisha Khan; a carer" in text
        assert "Recruit night volunteers" in text and "Four volunteers trained" in text
        assert "Open 6pm to 2am at weekends" in text  # what replaced it
        assert "hearing loop" not in text
        await pilot.press("n")  # open the decision that replaced it
        await pilot.pause()
        assert app.screen.decision_id == decisions["later"].id


async def test_results_are_paged_not_one_huge_table(store):
    workshop = new_workshop(store, "Big review", "2025-01-10")
    for number in range(PAGE + 5):
        store.add_decision(workshop.id, f"Sanctuary decision {number}")
    screen = RegisterScreen()
    async with HostApp(store, screen).run_test(size=(120, 40)) as pilot:
        await settle(pilot, screen)
        table = screen.query_one("#register-results", DataTable)
        assert table.row_count == PAGE
        assert screen.found.has_more
        await pilot.press("pagedown")
        await settle(pilot, screen)
        assert table.row_count == 5
        assert "of 55" in str(screen.query_one("#register-page", Static).render())
        await pilot.press("pageup")
        await settle(pilot, screen)
        assert table.row_count == PAGE


@pytest.mark.parametrize("query", ['"', "C++", "AND", "-x", "*", "NEAR(", "x" * 10_000], ids=lambda q: q[:8])
async def test_any_search_text_is_fine_on_screen(store, decisions, query):
    screen = RegisterScreen()
    async with HostApp(store, screen).run_test(size=(100, 30)) as pilot:
        await settle(pilot, screen)
        screen.query_one("#register-search", Input).value = query
        await settle(pilot, screen)
        assert isinstance(screen.found.items, list)


@pytest.mark.parametrize("hostile", HOSTILE)
async def test_user_text_is_never_markup(store, hostile):
    workshop = new_workshop(store, hostile, "2025-01-10", series=hostile)
    person = store.add_participant(workshop.id, hostile, ["carer"], "named", arrived=True)
    decision = store.add_decision(workshop.id, hostile, rationale=hostile, dissent=[(person.id, hostile)])
    store.add_action(workshop.id, hostile, owner_text=hostile, decision_id=decision.id)
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, screen)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DecisionDetailScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert hostile in text
        app.push_screen(FollowUpScreen())
        await pilot.pause()
        assert app.is_running


async def test_follow_up_moves_an_action_on_with_a_dated_note(store, decisions):
    app = HostApp(store, FollowUpScreen())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.screen.actions[0].action.what == "Recruit night volunteers"
        assert app.screen.actions[0].overdue
        await pilot.press("d")
        await pilot.pause()
        app.screen.query_one("#note", Input).value = "Eight volunteers on the rota"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, FollowUpScreen)
        assert app.screen.actions == []
    updates = store.action_updates(decisions["action"].id)
    assert [(u.status, u.note) for u in updates][-1] == ("done", "Eight volunteers on the rota")


async def test_r_writes_the_series_report_where_the_person_says(store, decisions, tmp_path):
    screen = RegisterScreen()
    app = HostApp(store, screen)
    target = tmp_path / "report.html"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, screen)
        await pilot.press("down", "r")
        await pilot.pause()
        path_box = app.screen.query_one("#report-path", Input)
        # Offered beside the database, like the minutes, not in the home folder.
        assert path_box.value == str(tmp_path / "minutes" / "you-said-we-did-crisis-café.html")
        path_box.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
    page = target.read_text()
    assert page.startswith("<!doctype html>")
    assert "You said, we did: Crisis café" in page
    assert "Designing the sanctuary" in page and "Three-month review" in page
    assert "hearing loop" not in page


async def test_r_writes_the_report_in_word_or_easy_read_as_the_file_name_says(store, decisions, tmp_path):
    import docx

    first = decisions["hours"].workshop_id
    store.add_feedback(first, "You said the café closes too early", status="done", done="Open until 1am now")
    for name in ("report.docx", "report-easy-read.docx", "report-easy-read.html"):
        screen = RegisterScreen()
        app = HostApp(store, screen)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, screen)
            await pilot.press("down", "r")
            await pilot.pause()
            app.screen.query_one("#report-path", Input).value = str(tmp_path / name)
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is screen
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    word = [p.text for p in docx.Document(str(tmp_path / "report.docx")).paragraphs]
    assert word[0] == "You said, we did: Crisis café" and "What we did" in word
    easy = docx.Document(str(tmp_path / "report-easy-read.docx"))
    assert "You told us" in [p.text for p in easy.paragraphs] and easy.styles["Normal"].font.size.pt >= 16
    assert "\u201cYou said the café closes too early\u201d" in [p.text for p in easy.paragraphs]
    assert "You told us" in (tmp_path / "report-easy-read.html").read_text(encoding="utf-8")
