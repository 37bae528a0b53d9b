"""Home drawn from the first page, the Store opened just after: what a person sees and can do is unchanged.

``facilitator`` on a ready file draws home from rows read with plain sqlite3 and opens the Store
once the screen is up (``ui.app.home_from_first_page``). The screen must be the same as when the
Store is opened first; a key pressed before the Store is open must still work; a change made in
another terminal meanwhile must show; and a file that cannot be opened after all must close the
app with its sentence, not a traceback.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from screen_check import add_workshop, screen_text

from facilitator.domain.errors import StorageError
from facilitator.storage.store import Store, open_store
from facilitator.ui.app import FacilitatorApp, home_from_first_page
from facilitator.ui.screens.home import PAGE, HomeScreen
from facilitator.ui.screens.run import RunScreen


def quick_app(db_path: Path, opened: list[Store]) -> FacilitatorApp:
    def open_now() -> Store:
        store = open_store(db_path)
        opened.append(store)
        return store

    app = home_from_first_page(db_path, open_now)
    assert app is not None, "a current file should be drawn from its first page"
    return app


@pytest.fixture
def opened() -> list[Store]:
    stores: list[Store] = []
    yield stores
    for store in stores:
        store.close()


@pytest.fixture
def store_opened_only_by_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """The home screen does not open the Store after its first frame: only input does."""
    monkeypatch.setattr(HomeScreen, "_open_store_once_drawn", lambda self, refreshes=0: None)


def fill(store: Store) -> None:
    old = add_workshop(store, "Spring review", date="2024-04-02", involvement="involvement")
    store.finish_workshop(old.id)
    add_workshop(store, "Planning the garden", date="2025-05-01", place="Library")
    running = add_workshop(store, "Crisis line night shift", date="2025-03-14", series="Crisis care")
    store.start_stage(store.stages(running.id)[0].id)


@pytest.mark.parametrize("size", [(80, 24), (120, 30)])
async def test_home_from_the_first_page_looks_exactly_like_home_from_the_store(
    store: Store, db_path: Path, opened: list[Store], size: tuple[int, int]
) -> None:
    fill(store)
    for number in range(PAGE + 5):  # more than a page: the counts say how many are shown
        add_workshop(store, f"Workshop {number}", date=f"2019-01-{1 + number % 28:02d}")
    app = FacilitatorApp(store)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        from_store = screen_text(app)
    quick = quick_app(db_path, opened)
    async with quick.run_test(size=size) as pilot:
        await pilot.pause()
        assert quick.store_is_open  # opened once the first frame was drawn
        assert screen_text(quick) == from_store
    assert "Crisis line night shift" in from_store and f"{PAGE + 8} workshops, first {PAGE} shown" in from_store


async def test_a_key_pressed_before_the_store_is_open_still_does_its_work(
    store: Store, db_path: Path, opened: list[Store], store_opened_only_by_a_key: None
) -> None:
    fill(store)
    second = store.list_workshops()[1]
    app = quick_app(db_path, opened)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert not app.store_is_open
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.store_is_open
        assert isinstance(app.screen, RunScreen) and app.screen.workshop_id == second.id


async def test_a_workshop_added_elsewhere_before_the_store_opened_shows(
    store: Store, db_path: Path, opened: list[Store], store_opened_only_by_a_key: None
) -> None:
    fill(store)
    app = quick_app(db_path, opened)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        add_workshop(store, "Added in another terminal", date="2026-01-01")
        assert "Added in another terminal" not in screen_text(app)
        app.finish_opening()
        await pilot.pause()
        assert "Added in another terminal" in screen_text(app)
        assert "4 workshops" in screen_text(app)


async def test_live_updates_from_another_terminal_still_arrive(store: Store, db_path: Path, opened: list[Store]) -> None:
    fill(store)
    app = quick_app(db_path, opened)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        add_workshop(store, "Added in another terminal", date="2026-01-01")
        for _ in range(20):  # the poll runs every half second
            await pilot.pause(0.1)
            if "Added in another terminal" in screen_text(app):
                break
        assert "Added in another terminal" in screen_text(app)


async def test_a_file_that_cannot_be_opened_after_all_closes_the_app_with_its_sentence(
    store: Store, db_path: Path, store_opened_only_by_a_key: None
) -> None:
    fill(store)
    problem = StorageError(f"{db_path}: this database was made by a newer version of facilitator.")

    def open_fails() -> Store:
        raise problem

    app = home_from_first_page(db_path, open_fails)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")  # the key does not reach the screen: the app closes instead
        await pilot.pause()
    assert app.open_error is problem and app.return_code == 1  # ui.app.run raises it for the CLI


def test_the_first_frame_does_not_wait_for_pydantic_or_the_storage_modules(store: Store, db_path: Path) -> None:
    fill(store)
    script = f"""
import sys
from facilitator.ui.app import home_from_first_page
app = home_from_first_page({str(db_path)!r}, lambda: None)
print(app is not None, "pydantic" in sys.modules, "facilitator.storage.store" in sys.modules)
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["True", "False", "False"]
