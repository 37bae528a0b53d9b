"""Fixtures for app tests; the helpers themselves live in ``screen_check.py``.

``store``, ``clock`` (fixed at 2025-03-14 10:00 UTC), ``db_path`` and ``reopen`` come from
``tests/conftest.py``. The hostile-strings helpers are offered here as fixtures too, so a test can
ask for ``assert_shows_literally`` and ``click_on_text`` without importing anything:

    async def test_my_widget(store, assert_shows_literally, click_on_text): ...
"""

from __future__ import annotations

import pytest
import screen_check


@pytest.fixture
def assert_shows_literally():
    """``await assert_shows_literally(pilot, value)``: the value is on screen, character for character."""
    return screen_check.assert_shows_literally


@pytest.fixture
def click_on_text():
    """``await click_on_text(pilot, value)``: click where the value is shown; the app must keep running."""
    return screen_check.click_on_text


@pytest.fixture
def screen_text():
    """``screen_text(app)``: everything on the screen, dialogs over their background, as plain text."""
    return screen_check.screen_text


@pytest.fixture(autouse=True)
def private_data_home(tmp_path, monkeypatch):
    """Closing a workshop makes a backup in the data folder: keep it out of the real one."""
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "facilitator-home"))
