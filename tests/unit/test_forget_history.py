"""Forgetting a person reaches the free text the follow-up and decision-history work added: who
changed a followed-up item and what changed, who changed a decision and its old and new words and
note, and the title of the earlier workshop a carried item was raised at. At the store, and as a
person types ``facilitator forget``."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_runner import EntryPoint
from click.testing import CliRunner
from test_forget_everywhere import mentions

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.domain.privacy import FORMER_PARTICIPANT
from facilitator.storage.store import open_store

pytestmark = pytest.mark.usefixtures("private_home")
NAME = "Helen Marsh"
# Every place the follow-up and decision-history work writes free text.
NEW_PLACES = [("follow_up_history", "changed_by"), ("follow_up_history", "change"),
              ("decision_history", "changed_by"), ("decision_history", "old"), ("decision_history", "new"),
              ("decision_history", "note"), ("feedback_items", "source_workshop_title")]  # fmt: skip


def named_in_the_history(path: Path) -> None:
    """Two workshops of a series; Helen Marsh's name typed into each of the new places."""
    store = open_store(path)
    stages = stages_from_agenda(load_agenda_file(find_agenda("coproduction-workshop")))
    first = store.create_workshop(title="Tea with Helen Marsh", stages=stages, date="2025-01-10", series="Café")
    store.add_participant(first.id, NAME, ["staff"], "named", arrived=True)
    decision = store.add_decision(first.id, "Ask Helen Marsh to chair", status="deferred")
    store.amend_decision(decision.id, statement="Ask Helen Marsh to chair from May", note="Helen Marsh agreed",
                         by=NAME)  # fmt: skip
    action = store.add_action(first.id, "Book the room", owner_text="the manager")
    store.add_feedback(first.id, "You said the room was cold", done="")
    second = store.create_workshop(title="Second tea", stages=stages, date="2025-02-10", series="Café")
    store.update_action(action.id, "in progress", "helen marsh is phoning the landlord", by="helen marsh")
    carried = [item for item in store.feedback_items(second.id) if item.said == "You said the room was cold"]
    assert carried and carried[0].source_workshop_title == "Tea with Helen Marsh"
    store.update_feedback(carried[0].id, said=carried[0].said, status="done", done="Heating fixed", by=NAME)
    store.close()


def test_forget_reaches_every_field_the_history_work_added(tmp_path):
    path = tmp_path / "history.db"
    named_in_the_history(path)
    before = mentions(path, NAME)
    assert [place for place in NEW_PLACES if place not in before] == []
    store = open_store(path)
    plan = store.forget_plan(NAME)
    said = "\n".join(plan.lines())
    for words in ("who changed it, decision history entry", "what it was before, decision history entry",
                  "what it became, decision history entry", "why or review note, decision history entry",
                  "who changed it, follow-up history entry", "what changed, follow-up history entry",
                  "raised at (the earlier workshop's title), item"):  # fmt: skip
        assert words in said
    store.forget_everywhere(NAME)
    assert mentions(path, NAME) == []
    [correction] = store._rows("SELECT old, new, note, changed_by FROM decision_history")
    assert correction == {"old": f"Ask {FORMER_PARTICIPANT} to chair", "new": f"Ask {FORMER_PARTICIPANT} to chair from May",
                          "note": f"{FORMER_PARTICIPANT} agreed", "changed_by": FORMER_PARTICIPANT}  # fmt: skip
    assert store._rows("SELECT DISTINCT changed_by FROM follow_up_history WHERE changed_by <> ''") == [
        {"changed_by": FORMER_PARTICIPANT}]
    store.close()


def test_retention_reaches_follow_up_changes_made_from_the_command_line(tmp_path):
    # A change made outside any workshop is tied to no workshop itself, only to its action's.
    path = tmp_path / "history.db"
    named_in_the_history(path)
    store = open_store(path)
    assert store._value("SELECT count(*) FROM follow_up_history WHERE workshop_id IS NULL AND changed_by <> ''")
    store.apply_retention("1y")  # both workshops are more than a year old by now
    assert [place for place in NEW_PLACES if place in mentions(path, NAME)] == []
    store.close()


def test_the_forget_command_leaves_the_name_in_no_history(tmp_path):
    path = tmp_path / "history.db"
    named_in_the_history(path)
    result = CliRunner().invoke(EntryPoint(), ["--db", str(path), "forget", NAME], input="y\n", prog_name="facilitator")
    assert result.exit_code == 0, result.output
    assert "- who changed it, decision history entry 1: \u201cHelen Marsh\u201d becomes \u201ca former participant\u201d" in (
        result.output)
    assert "A person was forgotten at their request" in result.output
    assert mentions(path, NAME) == []
