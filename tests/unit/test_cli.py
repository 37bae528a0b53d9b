"""The command line as a script or a person meets it: output, exit codes, files and errors.

Commands run through the real console entry point (``facilitator.cli.main``) under click's
CliRunner, so the error mapping (one line on stderr, exit code 1) is what is tested. A few run
``.venv/bin/facilitator`` in a subprocess, the way a fresh install would.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator.cli import workshops as cli_workshops
from facilitator.domain.models import Involvement

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(sys.executable).parent / "facilitator"

GOOD_AGENDA = """
name = "Short check-in"
[[stages]]
kind = "welcome"
title = "Hello"
minutes = 5
[[stages]]
kind = "ideas"
title = "What is on your mind?"
minutes = 10
prompt = "One thing on your mind"
[[stages]]
kind = "vote"
title = "Dots"
minutes = 5
"""

BAD_AGENDA = """
name = "Broken"
[[stages]]
kind = "vote"
title = "Dots first"
minutes = 5
"""


# The keys of ``list --json``: a contract with scripts.
LIST_KEYS = ("id", "uid", "title", "date", "place", "involvement", "series", "status", "agenda_name")


pytestmark = pytest.mark.usefixtures("private_home")


@pytest.fixture
def demo_db(tmp_path: Path, facilitator) -> Path:
    path = tmp_path / "demo.db"
    result = facilitator("--db", path, "demo", "--no-open")
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Record what the app would have been opened with, instead of opening it."""
    calls: list[dict] = []
    monkeypatch.setattr(cli_workshops, "launch_app", lambda store, **options: calls.append(options))
    return calls


def listed(facilitator, db: Path) -> list[dict]:
    result = facilitator("--db", db, "list", "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def assert_one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in lines[0]


# -- demo and list -----------------------------------------------------------------------------


def test_demo_no_open_seeds_the_default_demo_file_and_prints_its_path(facilitator, private_home, launched):
    result = facilitator("demo", "--no-open")
    assert result.exit_code == 0, result.stderr
    path = private_home / "demo.db"
    assert result.stdout.strip() == str(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not (private_home / "facilitator.db").exists()  # the user's real database is left alone
    assert launched == []
    titles = [w["title"] for w in listed(facilitator, path)]
    assert len(titles) == 2


def test_demo_opens_the_app_on_the_home_screen(facilitator, tmp_path, launched):
    result = facilitator("--db", tmp_path / "d.db", "demo")
    assert result.exit_code == 0, result.stderr
    assert launched == [{"start": "home"}]


def test_list_json_shows_both_demo_workshops_with_stable_keys(facilitator, demo_db):
    workshops = listed(facilitator, demo_db)
    assert [tuple(w) for w in workshops] == [LIST_KEYS] * 2
    by_status = {w["status"]: w for w in workshops}
    assert set(by_status) == {"finished", "in progress"}
    assert by_status["finished"]["series"] == by_status["in progress"]["series"] != ""
    assert all(isinstance(w["id"], int) for w in workshops)


def test_plain_list_is_an_aligned_table(facilitator, demo_db):
    result = facilitator("--db", demo_db, "list")
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split()[:3] == ["ID", "DATE", "STATUS"]
    assert len(rows) == 2
    title_column = header.index("TITLE")
    assert all(len(row) > title_column and row[title_column - 2 : title_column] == "  " for row in rows)


def test_list_without_a_database_says_so_and_creates_nothing(facilitator, tmp_path):
    missing = tmp_path / "none.db"
    result = facilitator("--db", missing, "list")
    assert result.exit_code == 0
    assert "No workshops yet" in result.stdout
    assert json.loads(facilitator("--db", missing, "list", "--json").stdout) == []
    assert not missing.exists()


def test_facilitator_db_environment_variable_picks_the_database(facilitator, demo_db, tmp_path):
    result = facilitator("list", "--json", env={"FACILITATOR_DB": str(demo_db)})
    assert len(json.loads(result.stdout)) == 2
    fresh = tmp_path / "fresh.db"
    made = facilitator("new", "coproduction-workshop", "--title", "By env", env={"FACILITATOR_DB": str(fresh)})
    assert made.exit_code == 0, made.stderr
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600
    assert [w["title"] for w in listed(facilitator, fresh)] == ["By env"]


# -- new ---------------------------------------------------------------------------------------


def test_new_from_a_shipped_agenda_prints_the_id(facilitator, tmp_path):
    db = tmp_path / "w.db"
    result = facilitator(
        "--db", db, "new", "coproduction-workshop", "--title", "Crisis café planning", "--date", "2025-05-01",
        "--place", "Library", "--series", "Café group", "--involvement", "involvement", "--purpose", "Plan it",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    workshop_id = int(result.stdout.strip())
    [workshop] = listed(facilitator, db)
    assert workshop["id"] == workshop_id
    assert workshop["title"] == "Crisis café planning"
    assert (workshop["date"], workshop["place"], workshop["series"]) == ("2025-05-01", "Library", "Café group")
    assert workshop["involvement"] == "involvement"
    assert workshop["agenda_name"] == "Co-production workshop"
    assert workshop["status"] == "planned"


def test_new_from_an_agenda_file_uses_its_stages(facilitator, tmp_path):
    agenda = tmp_path / "check-in.toml"
    agenda.write_text(GOOD_AGENDA)
    db = tmp_path / "w.db"
    result = facilitator("--db", db, "new", agenda, "--title", "Monday check-in")
    assert result.exit_code == 0, result.stderr
    from facilitator.storage.store import open_store

    store = open_store(db)
    try:
        stages = store.stages(int(result.stdout))
    finally:
        store.close()
    assert [(s.kind, s.title, s.planned_minutes) for s in stages] == [
        ("welcome", "Hello", 5), ("ideas", "What is on your mind?", 10), ("vote", "Dots", 5),
    ]  # fmt: skip
    assert stages[2].settings["secret"] is True


def test_the_involvement_choices_are_the_models_own():
    assert cli_workshops.INVOLVEMENT == tuple(member.value for member in Involvement)


# -- minutes, export and import ----------------------------------------------------------------


def test_minutes_print_markdown_and_html(facilitator, demo_db):
    finished = next(w for w in listed(facilitator, demo_db) if w["status"] == "finished")
    markdown = facilitator("--db", demo_db, "minutes", finished["id"])
    assert markdown.exit_code == 0, markdown.stderr
    assert markdown.stdout.startswith("# ")
    assert finished["title"] in markdown.stdout
    page = facilitator("--db", demo_db, "minutes", finished["id"], "--format", "html")
    assert page.exit_code == 0
    assert page.stdout.lstrip().lower().startswith("<!doctype html")


def test_minutes_to_a_file_match_what_is_printed(facilitator, demo_db, tmp_path):
    printed = facilitator("--db", demo_db, "minutes", "1").stdout
    out = tmp_path / "minutes.md"
    result = facilitator("--db", demo_db, "minutes", "1", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8") == printed
    assert str(out) in result.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_a_failed_write_leaves_the_old_file_whole(facilitator, demo_db, tmp_path, monkeypatch):
    out = tmp_path / "minutes.md"
    out.write_text("the old minutes")

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    result = facilitator("--db", demo_db, "minutes", "1", "-o", out)
    assert_one_line_error(result, "minutes.md", "no space left on device")
    assert out.read_text() == "the old minutes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db", "minutes.md"]


def test_export_then_import_elsewhere_gives_identical_minutes(facilitator, demo_db, tmp_path):
    exported = tmp_path / "w1.json"
    assert facilitator("--db", demo_db, "export", "1", "-o", exported).exit_code == 0
    assert json.loads(exported.read_text())["workshop"]["uid"]
    other = tmp_path / "other.db"

    first = facilitator("--db", other, "import", exported)
    assert first.exit_code == 0, first.stderr
    new_id, title = first.stdout.rstrip("\n").split("\t")
    assert title == listed(facilitator, demo_db)[-1]["title"]

    again = facilitator("--db", other, "import", exported)
    assert_one_line_error(again, "--as-new")
    assert len(listed(facilitator, other)) == 1  # nothing half-imported

    copy = facilitator("--db", other, "import", exported, "--as-new")
    assert copy.exit_code == 0, copy.stderr
    copy_id = copy.stdout.split("\t")[0]
    assert copy_id != new_id

    original = facilitator("--db", demo_db, "minutes", "1").stdout
    assert facilitator("--db", other, "minutes", new_id).stdout == original
    assert facilitator("--db", other, "minutes", copy_id).stdout == original


def test_export_keeps_private_details_only_when_asked(facilitator, demo_db):
    # Workshop 1: workshop 2's secret vote is not revealed yet, so it is not exported (test_cli_export.py).
    result = facilitator("--db", demo_db, "export", "1")
    assert result.exit_code == 0
    shared = json.loads(result.stdout)
    assert shared["format"] == "facilitator-workshop"
    assert "Maya Okafor" in result.stdout  # chose to be named
    assert "Kwame Asante" not in result.stdout  # chose to stay anonymous
    assert all(person["support_needs"] == "" for person in shared["participants"])

    private = facilitator("--db", demo_db, "export", "1", "--include-private")
    assert "Kwame Asante" in private.stdout
    assert any(person["support_needs"] for person in json.loads(private.stdout)["participants"])


# -- agendas and locate ------------------------------------------------------------------------


def test_agendas_lists_the_shipped_agendas_and_the_user_folder(facilitator, private_home):
    result = facilitator("agendas")
    assert result.exit_code == 0
    for name in ("coproduction-workshop", "service-review", "you-said-we-did-review"):
        assert name in result.stdout
    assert str(private_home / "agendas") in result.stdout


def test_agendas_shows_the_users_own_and_a_broken_one_without_failing(facilitator, private_home):
    folder = private_home / "agendas"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(GOOD_AGENDA)
    (folder / "broken.toml").write_text(BAD_AGENDA)
    result = facilitator("agendas")
    assert result.exit_code == 0
    mine = next(line for line in result.stdout.splitlines() if line.startswith("mine "))
    assert "yours" in mine and "Short check-in" in mine
    broken = next(line for line in result.stdout.splitlines() if line.startswith("broken "))
    assert "cannot be used" in broken and "vote must come after" in broken


def test_agendas_check_reports_each_file(facilitator, tmp_path):
    good, bad = tmp_path / "good.toml", tmp_path / "bad.toml"
    good.write_text(GOOD_AGENDA)
    bad.write_text(BAD_AGENDA)
    ok = facilitator("agendas", "check", good)
    assert ok.exit_code == 0
    assert ok.stdout == f"ok: {good}\n"

    mixed = facilitator("agendas", "check", good, bad, tmp_path / "missing.toml")
    assert mixed.exit_code == 1
    assert mixed.stdout == f"ok: {good}\n"
    problems = mixed.stderr.splitlines()
    assert len(problems) == 2
    assert problems[0].startswith(f"{bad}: stage 1 (vote)")
    assert "missing.toml" in problems[1]
    assert "Traceback" not in mixed.output


def test_locate_names_the_database_agendas_backups_and_minutes(facilitator, private_home, tmp_path):
    result = facilitator("locate")
    assert result.exit_code == 0
    assert str(private_home / "facilitator.db") in result.stdout
    assert str(private_home / "agendas") in result.stdout
    assert str(private_home / "backups") in result.stdout
    # The app saves the minutes beside the database unless told otherwise.
    assert f"minutes:   {private_home / 'minutes'}  (not created yet)" in result.stdout.splitlines()
    chosen = facilitator("--db", tmp_path / "x.db", "locate")
    assert str(tmp_path / "x.db") in chosen.stdout
    assert f"minutes:   {tmp_path / 'minutes'}  (not created yet)" in chosen.stdout.splitlines()
    assert not (tmp_path / "x.db").exists()


# -- opening the app -------------------------------------------------------------------------


def test_run_and_capture_open_the_app_on_the_workshop(facilitator, demo_db, launched):
    assert facilitator("--db", demo_db, "run", "2").exit_code == 0
    assert facilitator("--db", demo_db, "capture", "2", "--as", "Priya").exit_code == 0
    assert facilitator("--db", demo_db, "capture", "1").exit_code == 0
    assert facilitator("--db", demo_db, "capture", "1", "--as", "\x1b[31mLee\x1b[0m").exit_code == 0
    assert launched == [
        {"start": "run", "workshop_id": 2},
        {"start": "capture", "workshop_id": 2, "typist": "Priya"},
        {"start": "capture", "workshop_id": 1, "typist": None},
        {"start": "capture", "workshop_id": 1, "typist": "Lee"},  # escapes stripped at the door
    ]


def test_no_command_opens_the_home_screen_through_the_ui_package(facilitator, demo_db, tmp_path, monkeypatch):
    app = pytest.importorskip("facilitator.ui.app")
    calls = []
    monkeypatch.setattr(app, "launch", lambda store, **options: calls.append(options))
    monkeypatch.setattr(app, "run", lambda ui: calls.append({"start": ui.start, "first page": True}))
    result = facilitator("--db", demo_db)
    assert result.exit_code == 0, result.stderr
    # A current file: home drawn from its first page, the store opened once it is on screen.
    assert calls == [{"start": "home", "first page": True}]
    # A new file: created (privately) and opened the ordinary way first.
    result = facilitator("--db", tmp_path / "new.db")
    assert result.exit_code == 0, result.stderr
    assert calls[1:] == [{"start": "home"}]
    assert stat.S_IMODE((tmp_path / "new.db").stat().st_mode) == 0o600


def test_a_missing_workshop_is_a_sentence_and_the_app_stays_closed(facilitator, demo_db, launched):
    for command in ("run", "capture", "minutes", "export"):
        assert_one_line_error(facilitator("--db", demo_db, command, "7"), "There is no workshop with id 7.")
    assert launched == []


# -- errors ------------------------------------------------------------------------------------

ERROR_CASES = {
    "unknown option": (["list", "--colour"], "--colour"),
    "unknown global option": (["--bogus"], "--bogus"),
    "unknown command": (["lsit"], "lsit"),
    "missing argument": (["minutes"], "ID"),
    "not a number": (["minutes", "seven"], "seven"),
    "bad choice": (["minutes", "1", "--format", "pdf"], "pdf"),
    "missing title": (["new", "coproduction-workshop"], "--title"),
    "unknown agenda": (["new", "no-such-agenda", "--title", "x"], "no-such-agenda"),
    "missing agenda file": (["new", "nowhere/agenda.toml", "--title", "x"], "nowhere/agenda.toml"),
    "bad date": (["new", "coproduction-workshop", "--title", "x", "--date", "12/31/2025"], "day first"),
    "empty title": (["new", "coproduction-workshop", "--title", "   "], "title"),
    "bad involvement": (["new", "coproduction-workshop", "--title", "x", "--involvement", "token"], "token"),
    "missing workshop": (["minutes", "99"], "There is no workshop with id 99."),
    "output folder missing": (["minutes", "1", "-o", "{tmp}/no/such/folder/m.md"], "does not exist"),
    "output is a folder": (["export", "1", "-o", "{tmp}"], "folder"),
    "import file missing": (["import", "{tmp}/missing.json"], "missing.json"),
    "import not json": (["import", "{tmp}/demo.db"], "demo.db"),
    "check nothing": (["agendas", "check"], "FILE"),
    "database is a folder": (["--db", "{tmp}", "list"], "folder"),
}


@pytest.mark.parametrize("case", sorted(ERROR_CASES))
def test_every_error_is_one_line_on_stderr_with_exit_code_1(case, facilitator, demo_db, tmp_path, launched):
    args, needle = ERROR_CASES[case]
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    if "--db" not in args:
        args = ["--db", str(demo_db), *args]
    result = facilitator(*args)
    assert_one_line_error(result, needle)
    assert result.stdout == ""


def test_an_error_message_cannot_steer_the_terminal(facilitator, tmp_path):
    result = facilitator("--db", tmp_path / "w.db", "new", "\x1b]0;owned\x07evil.toml", "--title", "x")
    assert_one_line_error(result, "evil.toml")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


# -- as installed ------------------------------------------------------------------------------

NON_UI_COMMANDS = """
import sys
from facilitator.cli import main
db = sys.argv[1]
for args in (["--help"], ["--db", db, "demo", "--no-open"], ["--db", db, "list", "--json"], ["--db", db, "list"],
             ["--db", db, "minutes", "1"], ["--db", db, "minutes", "1", "--format", "html"],
             ["--db", db, "export", "1"], ["agendas"], ["locate"], ["minutes", "--help"],
             ["--db", db, "new", "coproduction-workshop", "--title", "t"], ["--db", db, "run", "99"]):
    main(args)
loaded = sorted(name for name in sys.modules if name == "textual" or name.startswith("textual."))
print("textual modules:", loaded, file=sys.stderr)
sys.exit(1 if loaded else 0)
"""


def test_help_and_every_non_ui_command_leave_textual_unloaded(tmp_path, private_home):
    result = subprocess.run(
        [sys.executable, "-c", NON_UI_COMMANDS, str(tmp_path / "t.db")],
        capture_output=True, text=True, cwd=ROOT, env={**os.environ, "FACILITATOR_HOME": str(private_home)},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.skipif(not SCRIPT.exists(), reason="the facilitator script is not installed in this environment")
def test_the_installed_script_seeds_lists_and_fails_cleanly(tmp_path, private_home):
    env = {**os.environ, "FACILITATOR_HOME": str(private_home)}
    env.pop("FACILITATOR_DB", None)

    def script(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=120)

    seeded = script("demo", "--no-open")
    assert seeded.returncode == 0, seeded.stderr
    path = Path(seeded.stdout.strip())
    assert path == private_home / "demo.db"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(json.loads(script("--db", str(path), "list", "--json").stdout)) == 2

    failed = script("--db", str(path), "minutes", "41")
    assert failed.returncode == 1
    assert failed.stderr == "Error: There is no workshop with id 41.\n"
    unknown = script("--frobnicate")
    assert unknown.returncode == 1
    assert unknown.stderr.count("\n") == 1 and "Traceback" not in unknown.stderr
    assert script("--help").returncode == 0
