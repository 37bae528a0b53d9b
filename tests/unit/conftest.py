"""Fixtures for the command-line tests (see ``cli_runner``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import invoke


@pytest.fixture
def private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder of the test's own, and no FACILITATOR_DB: the real ones are never touched.
    CLI test modules use it for every test (``pytestmark = pytest.mark.usefixtures(...)``)."""
    home = tmp_path / "home"
    monkeypatch.setenv("FACILITATOR_HOME", str(home))
    monkeypatch.delenv("FACILITATOR_DB", raising=False)
    return home


@pytest.fixture
def facilitator():
    """``facilitator(*args, env=None)``: run the command line in-process."""
    return invoke
