"""A newcomer joins the demo as a note-taker.

``facilitator demo`` keeps its workshops in demo.db so they never mix with real ones, while every
other command opens facilitator.db. So after the README's first command, ``facilitator capture 2``
in a second terminal used to say only that there is no such workshop. Now the sentence says the
demo has it and gives the command that opens it there; the demo says the same when it closes;
``list`` points at the demo's file; and nothing ever switches database silently.

Every command printed is the one that runs in that terminal: ``facilitator`` when the virtual
environment is active (most tests here, ``venv_active``), the script's full path when it is not.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import workshops as cli_workshops
from facilitator import paths
from facilitator.local import join_command as command_module
from facilitator.local.join_command import facilitator_words, join_command

SCRIPT = Path(sys.executable).parent / "facilitator"
# A terminal where the virtual environment is not active: `facilitator` alone is "command not found".
BARE_PATH = "/usr/bin:/bin"


@pytest.fixture
def venv_active(monkeypatch: pytest.MonkeyPatch) -> None:
    """As after ``source .venv/bin/activate``: this environment's scripts come first on PATH."""
    monkeypatch.setenv("PATH", f"{SCRIPT.parent}{os.pathsep}{os.environ.get('PATH', '')}")


pytestmark = pytest.mark.usefixtures("private_home", "venv_active")


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """What the app would have been opened with, instead of opening it."""
    calls: list[dict] = []
    monkeypatch.setattr(cli_workshops, "launch_app", lambda store, **options: calls.append(options))
    return calls


@pytest.fixture
def demo(facilitator, private_home: Path) -> Path:
    result = facilitator("demo", "--no-open")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"{private_home / 'demo.db'}\n"  # only the path: "$(facilitator demo --no-open)"
    return Path(result.stdout.strip())


def the_error(result) -> str:
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def suggested_command(sentence: str) -> list[str]:
    """The words between "type " and " to open it there", as a shell would split them."""
    command = sentence.split(" type ", 1)[1].rsplit(" to open it there", 1)[0]
    words = shlex.split(command)
    assert words[0] == "facilitator"
    return words[1:]


def test_capture_from_the_readme_table_says_the_demo_has_it_and_its_command_works(facilitator, demo, launched):
    sentence = the_error(facilitator("capture", "2"))
    assert "There is no workshop 2 in" in sentence and "but the demo has one" in sentence
    assert f"facilitator --db {demo} capture 2" in sentence
    assert launched == []  # no silent switch to the demo's file

    result = facilitator(*suggested_command(sentence))
    assert result.exit_code == 0, result.stderr
    assert launched == [{"start": "capture", "workshop_id": 2, "typist": None}]


def test_run_minutes_and_export_point_at_the_demo_too(facilitator, demo, launched):
    assert f"facilitator --db {demo} run 2 " in the_error(facilitator("run", "2"))
    assert f"facilitator --db {demo} minutes 1 " in the_error(facilitator("minutes", "1"))
    assert f"facilitator --db {demo} export 1 " in the_error(facilitator("export", "1"))

    minutes = facilitator(*suggested_command(the_error(facilitator("minutes", "1"))))
    assert minutes.exit_code == 0 and minutes.stdout.startswith("# ")


def test_the_readme_way_to_join_the_demo_opens_the_workshop_in_progress(facilitator, demo, launched):
    # facilitator --db "$(facilitator demo --no-open)" capture 2
    result = facilitator("--db", demo, "capture", "2", "--as", "Sam")
    assert result.exit_code == 0, result.stderr
    assert launched == [{"start": "capture", "workshop_id": 2, "typist": "Sam"}]
    listed = facilitator("--db", demo, "list")
    assert any(line.startswith("2 ") and "in progress" in line for line in listed.stdout.splitlines())


def test_a_workshop_the_demo_does_not_have_gets_the_usual_sentence(facilitator, demo, private_home):
    assert the_error(facilitator("capture", "7")) == (
        f"Error: {private_home / 'facilitator.db'}: there is no database here.")
    assert facilitator("new", "coproduction-workshop", "--title", "Real one").stdout == "1\n"
    assert the_error(facilitator("capture", "7")) == "Error: There is no workshop with id 7."


def test_a_real_workshop_with_the_same_id_wins_and_the_demo_is_not_mentioned(facilitator, demo, launched):
    facilitator("new", "coproduction-workshop", "--title", "Real one")
    facilitator("new", "coproduction-workshop", "--title", "Real two")
    assert facilitator("capture", "2").exit_code == 0
    assert launched == [{"start": "capture", "workshop_id": 2, "typist": None}]
    assert "demo" not in facilitator("minutes", "2").stdout.lower()


def test_a_database_chosen_with_db_never_mentions_the_demo(facilitator, demo, tmp_path):
    other = tmp_path / "other.db"
    facilitator("--db", other, "new", "coproduction-workshop", "--title", "Elsewhere")
    assert the_error(facilitator("--db", other, "capture", "2")) == "Error: There is no workshop with id 2."


def test_a_damaged_default_database_gets_its_own_sentence(facilitator, demo, private_home):
    (private_home / "facilitator.db").write_bytes(b"not a database at all" * 100)
    sentence = the_error(facilitator("capture", "2"))
    assert "not a facilitator database or it is damaged" in sentence and "demo" not in sentence


def test_list_of_an_empty_default_database_says_where_the_demo_is(facilitator, demo):
    result = facilitator("list")
    assert result.exit_code == 0
    assert f"The demo's workshops are in a file of their own: facilitator --db {demo} list" in result.stdout
    assert facilitator("list", "--json").stdout == "[]\n"  # scripts get exactly what is in the file


def test_list_without_a_demo_suggests_making_one(facilitator):
    assert "Try 'facilitator demo'" in facilitator("list").stdout


def test_the_demo_says_on_closing_how_note_takers_join(facilitator, private_home, launched):
    result = facilitator("demo")
    assert result.exit_code == 0, result.stderr
    assert launched == [{"start": "home"}]
    demo_path = private_home / "demo.db"
    assert f"facilitator --db {demo_path} capture 2" in result.stdout.splitlines()[-1]


def test_join_command_leaves_out_db_only_for_the_plain_default(monkeypatch, tmp_path):
    monkeypatch.delenv("FACILITATOR_HOME")
    assert join_command(paths.default_db_path(), 3) == "facilitator capture 3"
    assert join_command(paths.data_dir() / "demo.db", 3).startswith("facilitator --db ")
    spaced = tmp_path / "My workshops" / "team.db"
    assert shlex.split(join_command(spaced, 4, "run")) == ["facilitator", "--db", str(spaced), "run", "4"]
    monkeypatch.chdir(tmp_path)
    assert join_command(Path("here.db"), 1) == f"facilitator --db {shlex.quote(str(tmp_path / 'here.db'))} capture 1"
    assert join_command(None, 1) is None  # a database in memory cannot be joined


def test_with_facilitator_home_set_the_path_is_spelt_out(private_home):
    # Another terminal may not have the same FACILITATOR_HOME.
    assert join_command(paths.default_db_path(), 2) == f"facilitator --db {private_home / 'facilitator.db'} capture 2"


def test_a_fresh_terminal_gets_a_command_that_runs_there(private_home):
    # The venv is not active (the README's first command never activates it): a bare
    # "facilitator" would answer "command not found", so the script's full path is printed.
    env = {"FACILITATOR_HOME": str(private_home), "PATH": BARE_PATH}
    made = subprocess.run([SCRIPT, "demo", "--no-open"], check=False, capture_output=True, text=True, env=env, timeout=60)
    assert made.returncode == 0, made.stderr
    joined = subprocess.run([SCRIPT, "minutes", "1"], check=False, capture_output=True, text=True, env=env, timeout=60)
    assert joined.returncode == 1 and joined.stdout == ""
    assert f"type {SCRIPT} --db {made.stdout.strip()} minutes 1 to open it there" in joined.stderr
    assert "Traceback" not in joined.stderr
    # And typed in that same terminal, it works.
    suggested = shlex.split(joined.stderr.split(" type ", 1)[1].rsplit(" to open it there", 1)[0])
    ran = subprocess.run(suggested, check=False, capture_output=True, text=True, env=env, timeout=60)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("# ")


def test_the_demo_says_the_scripts_full_path_when_facilitator_is_not_on_path(facilitator, private_home, launched,
                                                                             monkeypatch):
    monkeypatch.setenv("PATH", BARE_PATH)
    result = facilitator("demo")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"  {SCRIPT} --db {private_home / 'demo.db'} capture 2"
    assert f"Try '{SCRIPT} demo'" in facilitator("--db", private_home / "empty.db", "list").stdout


def test_the_command_is_facilitator_only_when_that_name_finds_this_program(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", BARE_PATH)
    assert facilitator_words() == [str(SCRIPT)]  # the script beside this Python, in full
    monkeypatch.setenv("PATH", str(SCRIPT.parent))
    assert facilitator_words() == ["facilitator"]

    # Another facilitator first on PATH (an older pipx install): ours is named in full.
    other = tmp_path / "elsewhere" / "facilitator"
    other.parent.mkdir()
    other.write_text("#!/bin/sh\n")
    other.chmod(0o755)
    monkeypatch.setenv("PATH", f"{other.parent}{os.pathsep}{SCRIPT.parent}")
    assert facilitator_words() == [str(SCRIPT)]

    # Started as that other script: it is the program running, so its name is enough.
    monkeypatch.setattr(sys, "argv", [str(other), "demo"])
    assert facilitator_words() == ["facilitator"]
    monkeypatch.setenv("PATH", BARE_PATH)
    assert facilitator_words() == [str(other)]

    # No script anywhere (python -m facilitator from a folder): this Python, in full.
    monkeypatch.setattr(sys, "argv", [str(tmp_path / "facilitator" / "__main__.py")])
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python3"))
    assert facilitator_words() == [str(tmp_path / "python3"), "-m", "facilitator"]
    assert command_module.typed("capture", "2") == f"{tmp_path / 'python3'} -m facilitator capture 2"
