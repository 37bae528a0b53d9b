"""Breakdowns by perspective never single anyone out (domain.small_groups), in the minutes and exports."""

from __future__ import annotations

import json
import re

from cli_runner import invoke

from facilitator.domain.small_groups import (
    MERGED_NOTE,
    OTHER_GROUP,
    TOO_FEW_PEOPLE,
    TOO_FEW_PER_PERSPECTIVE,
    protect_small_groups,
)
from facilitator.outputs.minutes import render_markdown
from facilitator.storage.exchange import export_json, load_record

LIVED = "People with lived experience"


def test_a_perspective_of_one_or_two_people_is_merged_into_other_perspectives() -> None:
    population = [["Staff"]] * 3 + [["Carers"]] * 2 + [[LIVED]] + [["Commissioners"]]
    safe = protect_small_groups(population)
    assert safe.shown and safe.merged
    assert safe.rows((groups, 1) for groups in population) == [["Staff", "3"], [OTHER_GROUP, "4"]]


def test_a_table_is_withheld_when_other_perspectives_would_still_be_one_or_two_people() -> None:
    assert protect_small_groups([["Staff"]] * 3 + [["Carers"]] + [[LIVED]]).withheld == TOO_FEW_PER_PERSPECTIVE
    assert protect_small_groups([["Staff"]] * 2 + [["Carers"]] * 2 + [[LIVED]]).withheld == TOO_FEW_PER_PERSPECTIVE
    assert protect_small_groups([["Staff"]] * 4).withheld == TOO_FEW_PEOPLE


def test_someone_with_two_small_perspectives_counts_once_under_other() -> None:
    population = [[LIVED]] * 3 + [["Carers", "Staff"]] * 2 + [["Commissioners"]]
    rows = protect_small_groups(population).rows((groups, 1) for groups in population)
    assert rows == [[LIVED, "3"], [OTHER_GROUP, "3"]]


def five_people(store, *, sixth: bool = False):
    """Five people: four chose to be named (three staff, one carer); the fifth, the only person
    with lived experience, chose to be anonymous."""
    stages = [{"kind": "ideas", "title": "Ideas", "minutes": 10}]
    workshop = store.create_workshop(title="Safer wards", stages=stages, date="2025-03-14")
    people = [
        store.add_participant(workshop.id, name, [perspective], "named", arrived=True)
        for name, perspective in [("Aisha Khan", "staff"), ("Ben Carter", "staff"), ("Chloe Evans", "staff"),
                                  ("Dev Patel", "carer")]
    ]  # fmt: skip
    people.append(store.add_participant(workshop.id, "Erin Walsh", ["lived experience"], "anonymous", arrived=True))
    if sixth:
        people.append(store.add_participant(workshop.id, "Femi Ade", ["commissioner"], "named", arrived=True))
    stage = next(s for s in store.stages(workshop.id) if s.kind == "ideas")
    for person in people:
        store.add_idea(stage.id, f"An idea from {person.id}", said_by=person.id)
    return workshop, people


def perspective_tables(markdown: str) -> list[list[tuple[str, int]]]:
    """Every "| Perspective | ... |" table of the minutes, as (row, count) pairs."""
    tables, current = [], None
    for line in markdown.splitlines():
        if line.startswith("| Perspective |"):
            current = []
            tables.append(current)
        elif current is not None and line.startswith("| ") and not line.startswith("| ---"):
            label, count = re.match(r"\| (.*) \| (\d+) \|", line).groups()
            current.append((label, int(count)))
        elif not line.startswith("|"):
            current = None
    return tables


def test_a_five_person_workshops_minutes_single_nobody_out(store) -> None:
    workshop, _ = five_people(store)
    markdown = render_markdown(load_record(store, workshop.id))
    assert "5 people took part." in markdown
    assert "People who chose to be named: Aisha Khan, Ben Carter, Chloe Evans and Dev Patel." in markdown
    # Before: "People with lived experience | 1" beside four names said who the anonymous one was.
    assert "| People with lived experience" not in markdown
    assert "a person with lived experience" not in markdown
    assert "| Carers |" not in markdown
    assert perspective_tables(markdown) == []
    assert TOO_FEW_PER_PERSPECTIVE in markdown


def test_with_six_people_the_small_perspectives_are_counted_together(store) -> None:
    workshop, _ = five_people(store, sixth=True)
    markdown = render_markdown(load_record(store, workshop.id))
    tables = perspective_tables(markdown)
    assert tables and tables[0] == [("Staff", 3), (OTHER_GROUP, 3)]
    assert MERGED_NOTE in markdown and "| People with lived experience" not in markdown
    people_rows = [count for label, count in tables[0]]
    assert all(count >= 3 for count in people_rows)


def test_an_export_without_private_details_keeps_no_perspective_of_one_or_two_people(store) -> None:
    workshop, _ = five_people(store, sixth=True)
    shared = json.loads(export_json(store, workshop.id))
    by_name = {p["name"]: p["perspectives"] for p in shared["participants"]}
    assert by_name["Aisha Khan"] == ["staff"]  # one of three staff
    assert by_name["Dev Patel"] == ["other"]  # the only carer
    assert by_name["Femi Ade"] == ["other"]  # the only commissioner
    # The only person with lived experience (anonymous) is in the list as "other" too.
    assert sorted(map(tuple, by_name.values())).count(("other",)) == 3
    assert "lived experience" not in json.dumps(shared)
    whole = json.loads(export_json(store, workshop.id, include_private=True))
    assert {p["name"]: p["perspectives"] for p in whole["participants"]}["Erin Walsh"] == ["lived experience"]


def test_the_minutes_command_shows_no_perspective_of_one(store, db_path) -> None:
    workshop, _ = five_people(store)
    store.close()
    result = invoke("--db", db_path, "minutes", workshop.id)
    assert result.exit_code == 0, result.output
    assert "| People with lived experience" not in result.output
    assert "too few people share a perspective" in result.output
    shared = invoke("--db", db_path, "export", workshop.id)
    assert shared.exit_code == 0 and "lived experience" not in shared.output
