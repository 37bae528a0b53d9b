"""Has anyone raised this before? From the home screen, a word finds an idea that no decision used,
with its workshop and date, people only as the minutes show them; a decision opens its record."""

from __future__ import annotations

from textual.widgets import Input, Static

from facilitator.demo import seed_demo
from facilitator.storage.store import open_store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.commands import screen_commands
from facilitator.ui.screens.decision_detail import DecisionDetailScreen
from facilitator.ui.screens.home import HomeScreen
from facilitator.ui.screens.search import SearchScreen

HOSTILE = '[/b][ @click=app.quit]NEAR("pets" * ' + "x" * 10_000


async def wait_for_search(pilot, screen: SearchScreen) -> None:
    await pilot.pause(0.3)
    while any(worker.is_running for worker in screen.workers):
        await pilot.pause(0.01)
    await pilot.pause()


def shown_text(screen) -> str:
    return "\n".join(str(widget.render()) for widget in screen.query(Static))


async def test_search_everything_from_home_finds_an_idea_and_opens_a_decision(tmp_path):
    store = open_store(tmp_path / "demo.db")
    seed_demo(store)
    stage = next(s for s in store.stages(1) if s.kind == "ideas")
    store.add_idea(stage.id, "[/b][ @click=app.quit]Zebras[/] \x1b[31mred")  # user text is data
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown_keys = [b.binding.description for b in app.screen.active_bindings.values() if b.binding.show]
        assert "Search all" in shown_keys  # in the footer, so in the palette too
        assert "Search all" in [command.title for command in screen_commands(app.screen)]
        await pilot.press("s")
        search = app.screen
        assert isinstance(search, SearchScreen)
        box = search.query_one("#search-box", Input)
        assert search.focused is box
        box.value = "pets"
        await wait_for_search(pilot, search)
        assert [(hit.kind, hit.who) for hit in search.hits] == [("idea", "anonymous")]
        rows = [[str(c) for c in search.table.get_row_at(i)] for i in range(search.table.row_count)]
        assert rows[0][1].startswith("Designing") and rows[0][0]  # the workshop and its date
        assert "Pets welcome?" in shown_text(search)  # the highlighted hit in full, with its workshop
        app.save_screenshot(str(tmp_path / "search.svg"))

        box.value = "zebras"
        await wait_for_search(pilot, search)
        assert "[/b][ @click=app.quit]Zebras[/]" in shown_text(search) and app.is_running

        box.value = HOSTILE  # markup, FTS syntax and 10,000 characters: only words
        await wait_for_search(pilot, search)
        assert app.is_running and app.screen is search

        box.value = "living room"
        await wait_for_search(pilot, search)
        kinds = [hit.kind for hit in search.hits]
        assert "decision" in kinds and "theme" in kinds
        names = " ".join(hit.who for hit in search.hits)
        assert "Kwame" not in names and "Sam Whitley" not in names
        await pilot.press("enter")  # from the box to the results
        while search.selected.kind != "decision":
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DecisionDetailScreen)
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    store.close()
