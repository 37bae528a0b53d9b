"""``facilitator export`` and a secret vote that is not revealed yet: refused, one sentence, nothing written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runner import invoke

from facilitator.storage.store import open_store


pytestmark = pytest.mark.usefixtures("private_home")
run = invoke


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    assert run("--db", path, "demo", "--no-open").exit_code == 0
    return path


def test_export_of_a_workshop_with_an_unrevealed_secret_vote_is_refused(demo_db, tmp_path) -> None:
    out = tmp_path / "w2.json"
    result = run("--db", demo_db, "export", "2", "-o", out)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        'Error: Workshop 2 has a secret vote that is not revealed yet (stage 7 \u201cDot vote\u201d); '
        "reveal it first, or use --include-private to move the whole workshop to another computer.\n"
    )
    assert not out.exists()


def test_an_existing_file_is_left_alone_when_export_is_refused(demo_db, tmp_path) -> None:
    out = tmp_path / "w2.json"
    out.write_text("last week's export")
    assert run("--db", demo_db, "export", "2", "-o", out).exit_code == 1
    assert out.read_text() == "last week's export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == ["demo.db", "w2.json"]


def test_include_private_still_moves_the_whole_workshop(demo_db, tmp_path) -> None:
    result = run("--db", demo_db, "export", "2", "--include-private")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["dots"]


def test_after_the_reveal_the_workshop_can_be_exported(demo_db) -> None:
    store = open_store(demo_db)
    try:
        vote = store.current_stage(2)
        store.set_revealed(vote.id)
    finally:
        store.close()
    result = run("--db", demo_db, "export", "2")
    assert result.exit_code == 0, result.stderr
    assert "Kwame Asante" not in result.stdout  # still follows attribution preferences
    assert json.loads(result.stdout)["dots"]
