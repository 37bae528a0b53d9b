"""``facilitator decisions``, ``actions``, ``update-action`` and ``report`` through the real entry point."""

from __future__ import annotations

import json
import sys
from datetime import date, timedelta

import pytest
from cli_runner import invoke

from facilitator.cli import review as cli_review
from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.domain.models import ActionStatus, DecisionStatus
from facilitator.storage.store import open_store


def run(db, *args):
    return invoke("--db", db, *args)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "review.db"
    store = open_store(path)
    stages = stages_from_agenda(load_agenda_file(find_agenda("coproduction-workshop")))
    first = store.create_workshop(title="Crisis café design", stages=stages, date="2025-01-10", series="Café")
    second = store.create_workshop(title="Café review", stages=stages, date="2025-03-14", series="Café")
    person = store.add_participant(first.id, "Aisha Khan", ["lived experience"], "named", arrived=True)
    old = store.add_decision(first.id, "Open on Saturdays", rationale="Weekends are hardest for people.")
    store.add_decision(second.id, "Open on Saturdays and Sundays", supersedes_id=old.id, review_date="2025-09-01")
    store.add_decision(second.id, "Rewrite the leaflet", status="deferred")
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    store.add_action(first.id, "Find weekend volunteers", owner_participant_id=person.id, due_date=yesterday,
                     decision_id=old.id)
    store.add_action(first.id, "Ask for funding", owner_text="Service manager")
    store.add_feedback(first.id, "No parking", status="not possible", reason="The car park is not ours")
    store.close()
    return path


def test_status_choices_match_the_domain():
    assert cli_review.DECISION_STATUSES == tuple(s.value for s in DecisionStatus)
    assert cli_review.ACTION_STATUSES == tuple(s.value for s in ActionStatus)


def test_decisions_lists_current_ones_newest_first(db):
    result = run(db, "decisions")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["ID", "DATE", "STATUS", "REVIEW", "WORKSHOP", "DECISION"]
    assert "Rewrite the leaflet" in lines[1]
    assert "Open on Saturdays and Sundays" in lines[2]
    assert len(lines) == 3  # the replaced decision is left out


def test_decisions_search_json_has_stable_keys(db):
    result = run(db, "decisions", "--search", "weekend", "--all", "--json")
    assert result.exit_code == 0, result.output
    [found] = json.loads(result.stdout)
    assert tuple(found) == cli_review.DECISION_KEYS
    assert found["statement"] == "Open on Saturdays"
    assert found["status"] == "superseded"
    assert found["workshop_title"] == "Crisis café design"


@pytest.mark.parametrize("query", ['"', "C++", "AND", "-x", "*", "NEAR(", "x" * 10_000], ids=lambda q: q[:8])
def test_any_search_text_exits_cleanly(db, query):
    result = run(db, "decisions", "--search", query, "--json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


def test_decisions_filters(db):
    assert [d["statement"] for d in json.loads(run(db, "decisions", "--status", "deferred", "--json").stdout)] == [
        "Rewrite the leaflet"
    ]
    since = json.loads(run(db, "decisions", "--since", "2025-02-01", "--all", "--json").stdout)
    assert {d["workshop_title"] for d in since} == {"Café review"}
    assert run(db, "decisions", "--search", "nothing-like-this").stdout.splitlines()[0] == "No decisions match."


def test_bad_date_is_one_line_and_exit_1(db):
    result = run(db, "decisions", "--since", "last week")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "write the start date day first" in result.stderr and "Traceback" not in result.stderr


def test_update_action_takes_a_status_of_two_words_without_quotes(db):
    action_id = json.loads(run(db, "actions", "--json").stdout)[0]["id"]
    result = run(db, "update-action", action_id, "in", "progress", "--note", "Two volunteers so far")
    assert result.exit_code == 0, result.output
    assert f"Action {action_id} is now in progress" in result.stdout
    assert json.loads(run(db, "actions", "--json").stdout)[0]["status"] == "in progress"
    assert run(db, "update-action", action_id, "in progress").exit_code == 0  # quoted still works


def test_an_unknown_action_status_is_one_sentence_exit_1_and_changes_nothing(db):
    action_id = json.loads(run(db, "actions", "--json").stdout)[0]["id"]
    result = run(db, "update-action", action_id, "in", "pogress")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == ("Error: \u201cin pogress\u201d is not an action status: "
                             "use open, in progress, done or dropped.\n")
    assert json.loads(run(db, "actions", "--json").stdout)[0]["status"] == "open"


def test_actions_overdue_first_with_json(db):
    found = json.loads(run(db, "actions", "--json").stdout)
    assert [a["what"] for a in found] == ["Find weekend volunteers", "Ask for funding"]
    assert tuple(found[0]) == cli_review.ACTION_KEYS
    assert found[0]["overdue"] is True and found[0]["owner"] == "Aisha Khan"
    assert found[1]["owner"] == "Service manager"
    text = run(db, "actions", "--overdue").stdout
    assert "OVERDUE" in text and "Ask for funding" not in text


def test_actions_name_owners_who_chose_otherwise_for_the_facilitator_marked_private(db):
    # Owners who chose "perspective only" or anonymity: "a carer" cannot be chased. The facilitator
    # running `actions` sees the name, marked; the room and the minutes still see what they chose.
    store = open_store(db)
    ben = store.add_participant(1, "Ben Carter", ["carer"], "perspective", arrived=True)
    erin = store.add_participant(1, "Erin Walsh", ["staff"], "anonymous", arrived=True)
    gone = store.add_participant(1, "Femi Ade", ["carer"], "perspective", arrived=True)
    store.add_action(1, "Phone the carers' group", owner_participant_id=ben.id, due_date="2099-01-01")
    store.add_action(1, "Book the hall", owner_participant_id=erin.id, due_date="2099-01-02")
    store.add_action(1, "Send the leaflet", owner_participant_id=gone.id, due_date="2099-01-03")
    store.forget_participant(gone.id)
    store.close()

    lines = run(db, "actions").stdout.splitlines()
    row = {what: next(line for line in lines if what in line) for what in
           ("Phone the carers' group", "Book the hall", "Send the leaflet", "Find weekend volunteers")}
    assert "Ben Carter (private: shown as a carer)" in row["Phone the carers' group"]
    assert "Erin Walsh (private: shown as a participant)" in row["Book the hall"]
    assert "a carer" not in row["Send the leaflet"] and "a participant" in row["Send the leaflet"]  # forgotten
    assert "Aisha Khan" in row["Find weekend volunteers"] and "private" not in row["Find weekend volunteers"]
    assert lines[-1].startswith("Owners marked (private) chose to appear otherwise")

    found = {a["what"]: a for a in json.loads(run(db, "actions", "--json").stdout)}
    assert found["Phone the carers' group"]["owner"] == "a carer"  # what may be published
    assert found["Phone the carers' group"]["owner_private_name"] == "Ben Carter"
    assert found["Book the hall"]["owner_private_name"] == "Erin Walsh"
    assert found["Send the leaflet"]["owner_private_name"] is None
    assert found["Find weekend volunteers"]["owner_private_name"] is None  # named: nothing private
    # The minutes still show them as they chose.
    minutes = run(db, "minutes", "1").stdout
    assert "Ben Carter" not in minutes and "Erin Walsh" not in minutes


def test_update_action_then_it_is_no_longer_outstanding(db):
    action_id = json.loads(run(db, "actions", "--json").stdout)[0]["id"]
    result = run(db, "update-action", str(action_id), "done", "--note", "Six volunteers signed up")
    assert result.exit_code == 0, result.output
    assert "is now done" in result.output
    assert [a["what"] for a in json.loads(run(db, "actions", "--json").stdout)] == ["Ask for funding"]
    missing = run(db, "update-action", "999", "done")
    assert missing.exit_code == 1 and "no action with id 999" in missing.stderr


def test_report_for_the_series_as_markdown_and_to_an_html_file(db, tmp_path):
    result = run(db, "report", "2", "--series")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("# You said, we did: Café\n")
    assert "The car park is not ours" in result.output
    out = tmp_path / "report.html"
    written = run(db, "report", "1", "--format", "html", "-o", str(out))
    assert written.exit_code == 0, written.output
    assert out.read_text().startswith("<!doctype html>")
    assert "Crisis café design" in out.read_text()


def test_report_of_a_missing_workshop_is_one_line_and_exit_1(db):
    result = run(db, "report", "42")
    assert result.exit_code == 1
    assert result.stderr == "Error: There is no workshop with id 42.\n"


def test_review_commands_do_not_import_textual(db):
    import subprocess

    code = (
        "import sys; from facilitator.cli import main; "
        f"main(['--db', {str(db)!r}, 'decisions', '--json']); "
        "sys.exit(1 if 'textual' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0
