"""What a terminal remembers between runs: the theme and an idea half-typed (never presentation
mode: the run screen always opens presenting, see ``tests/ui/test_terminal_memory_app.py``)."""

from __future__ import annotations

import json
import stat

import pytest

from facilitator.local import terminal_memory
from facilitator.local.terminal_memory import Draft
from tests.fault_helpers import made_read_only


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))


def test_nothing_is_remembered_at_first(tmp_path):
    assert terminal_memory.recall_theme() is None
    assert terminal_memory.recall_draft(tmp_path / "a.db", "run", 3) is None
    assert not terminal_memory.memory_file().exists()


def test_the_theme_comes_back_and_the_file_is_private(tmp_path):
    assert terminal_memory.remember_theme("facilitator-light")
    assert terminal_memory.recall_theme() == "facilitator-light"
    assert stat.S_IMODE(terminal_memory.memory_file().stat().st_mode) == 0o600


def test_a_draft_is_kept_per_database_view_and_stage_and_forgotten_when_blank(tmp_path):
    db = tmp_path / "a.db"
    assert terminal_memory.remember_draft(db, "run", 3, Draft("A room with soft [b]lights[/b]", "Ais"))
    assert terminal_memory.remember_draft(db, "capture", 3, Draft("Somewhere to sit", ""))
    assert terminal_memory.recall_draft(db, "run", 3) == Draft("A room with soft [b]lights[/b]", "Ais")
    assert terminal_memory.recall_draft(db, "capture", 3) == Draft("Somewhere to sit", "")
    assert terminal_memory.recall_draft(db, "run", 4) is None
    assert terminal_memory.recall_draft(tmp_path / "b.db", "run", 3) is None
    assert terminal_memory.remember_draft(db, "run", 3, Draft("   "))
    assert terminal_memory.recall_draft(db, "run", 3) is None
    assert terminal_memory.recall_draft(db, "capture", 3) == Draft("Somewhere to sit", "")
    assert terminal_memory.remember_draft(db, "capture", 3, None)
    assert terminal_memory.recall_draft(db, "capture", 3) is None


def test_a_very_long_draft_is_cut_to_a_bounded_size(tmp_path):
    db = tmp_path / "a.db"
    assert terminal_memory.remember_draft(db, "run", 1, Draft("x" * 100_000))
    kept = terminal_memory.recall_draft(db, "run", 1)
    assert kept is not None and len(kept.text) == terminal_memory.MOST_DRAFT_CHARACTERS


def test_a_damaged_or_unwritable_memory_is_never_in_the_way(tmp_path):
    db = tmp_path / "a.db"
    memory = terminal_memory.memory_file()
    memory.parent.mkdir(parents=True)
    memory.write_text('{"theme": 7, "databases": [1, 2]}')
    assert terminal_memory.recall_theme() is None
    assert terminal_memory.recall_draft(db, "run", 1) is None
    memory.write_text("{not json")
    assert terminal_memory.recall_draft(db, "run", 1) is None
    assert terminal_memory.remember_draft(db, "run", 1, Draft("kept"))
    with made_read_only(memory.parent):
        assert terminal_memory.remember_draft(db, "run", 1, Draft("changed")) is False  # said, not raised
        assert terminal_memory.remember_theme("facilitator-light") is False
    assert terminal_memory.recall_draft(db, "run", 1) == Draft("kept")
    assert sorted(path.name for path in memory.parent.iterdir()) == [terminal_memory.FILE_NAME]


def test_a_form_s_typing_is_kept_per_database_and_form_and_forgotten_on_none(tmp_path):
    db = tmp_path / "a.db"
    fields = {"statement": "Open the quiet room [b]late[/b]", "method": "consensus", "supersedes": 4, "x": None}
    assert terminal_memory.recall_form(db, "decision:1:3:") is None
    assert terminal_memory.remember_form(db, "decision:1:3:", fields)
    assert terminal_memory.remember_form(db, "action:1:", {"what": "x" * 100_000})
    assert terminal_memory.recall_form(db, "decision:1:3:") == fields
    assert len(terminal_memory.recall_form(db, "action:1:")["what"]) == terminal_memory.MOST_DRAFT_CHARACTERS
    assert terminal_memory.recall_form(tmp_path / "b.db", "decision:1:3:") is None
    assert terminal_memory.remember_form(db, "decision:1:3:", None)
    assert terminal_memory.recall_form(db, "decision:1:3:") is None
    assert terminal_memory.recall_form(db, "action:1:") is not None
    assert stat.S_IMODE(terminal_memory.memory_file().stat().st_mode) == 0o600


def test_a_damaged_form_memory_is_no_form_at_all(tmp_path):
    db = tmp_path / "a.db"
    memory = terminal_memory.memory_file()
    memory.parent.mkdir(parents=True)
    forms = {"a": [1], "b": {"what": [1], "why": 2.5}, "c": 3}
    memory.write_text(json.dumps({"databases": {str(db.resolve()): {"forms": forms}}}))
    assert terminal_memory.recall_form(db, "a") is None
    assert terminal_memory.recall_form(db, "b") is None
    assert terminal_memory.recall_form(db, "c") is None
    assert terminal_memory.remember_form(db, "a", {"what": "kept"})
    assert terminal_memory.recall_form(db, "a") == {"what": "kept"}
