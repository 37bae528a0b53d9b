"""``facilitator forget``, ``retention``, ``series-roster`` and ``new`` in a series, as a person types them."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from cli_runner import EntryPoint, invoke
from click.testing import CliRunner

pytestmark = pytest.mark.usefixtures("private_home")


def typed(*args: object, answer: str):
    """``facilitator ARGS`` with ``answer`` typed at its question."""
    return CliRunner().invoke(EntryPoint(), [str(a) for a in args], input=answer, prog_name="facilitator")


def names_in(path: Path, name: str) -> list[str]:
    """Every table.column holding the whole name, any case, read straight from the file."""
    conn = sqlite3.connect(path)
    conn.text_factory = lambda raw: raw.decode("utf-8", "replace")
    pattern = re.compile(r"\s+".join(name.split()) + r"(?![a-z])", re.IGNORECASE)
    try:
        found = set()
        for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            for column in [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]:
                for (value,) in conn.execute(f'SELECT CAST("{column}" AS TEXT) FROM "{table}"'):
                    if value and pattern.search(value):
                        found.add(f"{table}.{column}")
        return sorted(found)
    finally:
        conn.close()


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    assert invoke("--db", path, "demo", "--no-open").exit_code == 0
    return path


def test_forget_lists_what_will_change_and_asks_first(demo_db: Path) -> None:
    result = typed("--db", demo_db, "forget", "Helen Marsh", answer="n\n")
    assert result.exit_code == 0, result.output
    assert "Forgetting \u201cHelen Marsh\u201d will change" in result.output
    assert "- decided by, decision 5: \u201cHelen Marsh (commissioner), with the group's advice\u201d becomes" in result.output
    assert "a former participant (commissioner)" in result.output
    assert "Nothing was changed." in result.output
    assert "decisions.decided_by" in names_in(demo_db, "Helen Marsh")


def test_forget_with_yes_leaves_the_name_nowhere_and_lists_older_backups(demo_db: Path) -> None:
    from facilitator.local import terminal_memory, typist_memory

    # This computer remembers her as a note-taker, and an idea half-typed that names her.
    typist_memory.remember(demo_db, "Helen Marsh")
    terminal_memory.remember_draft(demo_db, "capture", 2, terminal_memory.Draft("Ask Helen Marsh", "Helen Marsh"))
    made = invoke("--db", demo_db, "backup")
    assert made.exit_code == 0, made.output
    backup = Path(made.output.strip())

    result = typed("--db", demo_db, "forget", "helen marsh", answer="y\n")
    assert result.exit_code == 0, result.output
    assert "A person was forgotten at their request" in result.output
    assert "still hold the names" in result.output and str(backup) in result.output
    assert names_in(demo_db, "Helen Marsh") == []
    assert names_in(backup, "Helen Marsh")  # why it is listed
    assert typist_memory.recall(demo_db) is None
    assert terminal_memory.recall_draft(demo_db, "capture", 2) == terminal_memory.Draft(
        "Ask a former participant", "a former participant")
    notes = invoke("--db", demo_db, "erasures")
    assert notes.exit_code == 0 and "A person was forgotten at their request" in notes.output
    assert "Helen" not in notes.output
    # The decision she made stays, and the minutes make sense without her name.
    minutes = invoke("--db", demo_db, "minutes", 1)
    assert "a former participant (commissioner), with the group's advice" in minutes.output
    assert "Helen Marsh" not in minutes.output


def test_forget_with_no_answer_changes_nothing_and_says_how(demo_db: Path) -> None:
    result = invoke("--db", demo_db, "forget", "Helen Marsh")  # no terminal to answer from
    assert result.exit_code == 1
    assert result.stderr == "Error: Nothing was changed: answer y to the question, or add --yes.\n"
    assert "decisions.decided_by" in names_in(demo_db, "Helen Marsh")


def test_forget_someone_unknown_is_one_sentence(demo_db: Path) -> None:
    result = invoke("--db", demo_db, "forget", "Nobody Here", "--yes")
    assert result.exit_code == 1
    assert result.stderr == "Error: Nobody called \u201cNobody Here\u201d is on any roster, and the name is in no text.\n"
    result = invoke("--db", demo_db, "forget", "999", "--yes")
    assert result.exit_code == 1 and result.stderr == "Error: There is no participant with id 999.\n"


def test_retention_lists_then_applies(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    assert invoke("--db", db, "new", "coproduction-workshop", "--title", "Long ago", "--date", "01/06/2019").exit_code == 0
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO participants (workshop_id, name, support_needs) VALUES (1, 'Ann Lee', 'Hearing loop')")
    conn.close()

    listed = invoke("--db", db, "retention", "--older-than", "3y")
    assert listed.exit_code == 0, listed.output
    assert "Long ago" in listed.output and "Run again with --apply" in listed.output
    assert names_in(db, "Ann Lee")

    applied = invoke("--db", db, "retention", "--older-than", "3y", "--apply")
    assert applied.exit_code == 0, applied.output
    assert "Retention: 1 person in 1 workshop" in applied.output
    assert names_in(db, "Ann Lee") == [] and names_in(db, "Hearing loop") == []

    wrong = invoke("--db", db, "retention", "--older-than", "three years")
    assert wrong.exit_code == 1 and "is not an age" in wrong.stderr and len(wrong.stderr.splitlines()) == 1


def test_a_series_roster_is_kept_and_listed_in_each_new_workshop(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    added = invoke("--db", db, "series-roster", "Monthly group", "--add", "Bea Moss", "--perspective", "carer",
                   "--shown-as", "named", "--needs", "Step-free access")  # fmt: skip
    assert added.exit_code == 1 and "there is no database here" in added.stderr  # nothing is created by accident
    assert invoke("--db", db, "new", "coproduction-workshop", "--title", "March", "--series", "Monthly group").exit_code == 0
    added = invoke("--db", db, "series-roster", "Monthly group", "--add", "Bea Moss", "--perspective", "carer",
                   "--shown-as", "named", "--needs", "Step-free access")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert "Added Bea Moss" in added.output and "Step-free" not in added.output and "recorded" in added.output
    assert invoke("--db", db, "series-roster", "Monthly group", "--add", "Cal Reed").exit_code == 0

    made = invoke("--db", db, "new", "coproduction-workshop", "--title", "April", "--series", "Monthly group")
    assert made.exit_code == 0 and made.stdout == "2\n"  # scripts still read the id alone
    assert "2 people from the series' standing roster are listed, not yet marked as here." in made.stderr
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT name, arrived_at FROM participants WHERE workshop_id = 2 ORDER BY name").fetchall()
    conn.close()
    assert rows == [("Bea Moss", None), ("Cal Reed", None)]

    removed = invoke("--db", db, "series-roster", "Monthly group", "--remove", "cal reed")
    assert removed.exit_code == 0 and "Took Cal Reed off" in removed.output and "Cal Reed" not in removed.output.split(
        "\n", 1)[1]  # fmt: skip
    missing = invoke("--db", db, "series-roster", "Monthly group", "--remove", "Cal Reed")
    assert missing.exit_code == 1
    assert missing.stderr == "Error: \u201cCal Reed\u201d is not on the standing roster of the series \u201cMonthly group\u201d.\n"
