"""A check-out scored against an agenda's own values, not the Five Values: agenda to minutes and back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from facilitator.domain.agenda import parse_agenda_toml, stages_from_agenda
from facilitator.domain.errors import ImportFileError, RuleBroken
from facilitator.outputs.minutes import render_html, render_markdown
from facilitator.domain.models import FIVE_VALUES
from facilitator.storage.exchange import export_json, import_file, load_record, parse_record
from facilitator.storage.store import Store, memory_store, open_store

VALUES = ["Feeling safe", "Being heard", "Hope"]
AGENDA = f"""
name = "Peer support review"
[[stages]]
kind = "ideas"
title = "Ideas"
minutes = 10
prompt = "What helps?"
[[stages]]
kind = "evaluate"
title = "How did today feel?"
minutes = 5
values = {json.dumps(VALUES)}
"""


def custom_workshop(store: Store):
    stages = stages_from_agenda(parse_agenda_toml(AGENDA, "peer.toml"))
    workshop = store.create_workshop(title="Peer support", stages=stages, date="2025-05-01")
    return workshop, store.stages(workshop.id)[1]


@pytest.fixture
def store():
    store = memory_store(clock=lambda: 1_746_000_000.0)
    yield store
    store.close()


def test_the_store_takes_scores_for_exactly_the_stage_s_own_values(store: Store) -> None:
    workshop, checkout = custom_workshop(store)
    store.add_values_scores(workshop.id, dict(zip(VALUES, (4, 5, 3))), stage_id=checkout.id)
    with pytest.raises(RuleBroken) as refused:
        store.add_values_scores(workshop.id, {"Hope": 4, "Empathy": 5}, stage_id=checkout.id)
    assert str(refused.value) == (
        "\u201cEmpathy\u201d is not one of this check-out's values (Feeling safe, Being heard, Hope)."
    )
    assert [(s.value, s.score) for s in store.values_scores(workshop.id)] == list(zip(VALUES, (4, 5, 3)))


def test_the_five_values_are_still_the_default_and_still_checked(store: Store) -> None:
    workshop = store.create_workshop(title="W", stages=[{"kind": "evaluate", "title": "Out", "minutes": 5}])
    checkout = store.stages(workshop.id)[0]
    store.add_values_scores(workshop.id, dict.fromkeys(FIVE_VALUES, 3), stage_id=checkout.id)
    with pytest.raises(RuleBroken, match="^\u201cHope\u201d is not one of the Five Values.$"):
        store.add_values_scores(workshop.id, {"Hope": 3}, stage_id=checkout.id)
    with pytest.raises(RuleBroken, match="Five Values"):
        store.add_values_scores(workshop.id, {"Hope": 3})  # no stage: the Five Values
    assert len(store.values_scores(workshop.id)) == 5


def test_scores_go_only_to_a_check_out_stage_of_the_same_workshop(store: Store) -> None:
    workshop, checkout = custom_workshop(store)
    other, _ = custom_workshop(store)
    ideas = store.stages(workshop.id)[0]
    with pytest.raises(RuleBroken, match="^Stage 1 \\(\u201cIdeas\u201d\\) is not a check-out"):
        store.add_values_scores(workshop.id, {"Hope": 3}, stage_id=ideas.id)
    with pytest.raises(RuleBroken, match=f"is not part of workshop {other.id}"):
        store.add_values_scores(other.id, {"Hope": 3}, stage_id=checkout.id)
    assert store.values_scores(workshop.id) == store.values_scores(other.id) == []


@pytest.mark.parametrize(
    ("values", "problem"),
    [([], "cannot be empty"), (["Hope", "hope"], 'item 2 ("hope") repeats item 1; list each value once'),
     ([f"V{n}" for n in range(11)], "can have at most 10 items"), ("Hope", "must be a list of text")],
)  # fmt: skip
def test_a_workshop_cannot_be_made_with_unusable_values(store: Store, values, problem: str) -> None:
    stages = [{"kind": "evaluate", "title": "Out", "minutes": 5, "settings": {"values": values}}]
    with pytest.raises(RuleBroken) as refused:
        store.create_workshop(title="W", stages=stages)
    assert str(refused.value) == f"The values of stage 1 {problem}."
    assert store.count_workshops() == 0


def scored(store: Store):
    workshop, checkout = custom_workshop(store)
    for row in ((4, 5, 3), (2, 5, 4), (5, 4, 4)):
        store.add_values_scores(workshop.id, dict(zip(VALUES, row)), stage_id=checkout.id)
    return workshop


def test_the_minutes_show_the_chosen_values_in_the_agenda_s_order(store: Store) -> None:
    workshop = scored(store)
    minutes = render_markdown(load_record(store, workshop.id))
    section = minutes[minutes.index("## Check-out\n"):]
    assert "Five Values" not in minutes
    assert "The values were chosen for this workshop: Feeling safe, Being heard, Hope." in section
    rows = [line for line in section.splitlines() if line.startswith("| ") and line.split()[1] not in ("Value", "---")]
    assert rows == ["| Feeling safe | 3.7 | 3 |", "| Being heard | 4.7 | 3 |", "| Hope | 3.7 | 3 |"]
    assert "<h2>Check-out</h2>" in render_html(load_record(store, workshop.id))


def test_no_scores_yet_says_so_without_calling_it_the_five_values(store: Store) -> None:
    workshop, _ = custom_workshop(store)
    minutes = render_markdown(load_record(store, workshop.id))
    assert "## Check-out\n\nNo check-out was taken.\n" in minutes


def test_export_and_import_carry_the_values_and_give_identical_minutes(store: Store, tmp_path: Path) -> None:
    workshop = scored(store)
    path = tmp_path / "peer.json"
    path.write_text(export_json(store, workshop.id))
    assert json.loads(path.read_text())["stages"][1]["settings"]["values"] == VALUES
    target = open_store(tmp_path / "other.db")
    try:
        copy = import_file(target, path)
        assert target.stages(copy.id)[1].settings["values"] == VALUES
        assert render_markdown(load_record(target, copy.id)) == render_markdown(load_record(store, workshop.id))
        # The imported check-out still takes only its own values.
        with pytest.raises(RuleBroken, match="Empathy"):
            target.add_values_scores(copy.id, {"Empathy": 3}, stage_id=target.stages(copy.id)[1].id)
    finally:
        target.close()


def _import_changed(store: Store, tmp_path: Path, change) -> str:
    data = json.loads(export_json(store, store.list_workshops()[0].id))
    change(data)
    path = tmp_path / "changed.json"
    path.write_text(json.dumps(data))
    target = open_store(tmp_path / "target.db")
    try:
        with pytest.raises(ImportFileError) as refused:
            import_file(target, path)
        assert target.count_workshops() == 0
    finally:
        target.close()
    return str(refused.value).removeprefix(f"{path}: ")


def test_an_import_refuses_a_score_for_a_value_its_stage_does_not_list(store: Store, tmp_path: Path) -> None:
    def five_value_in_custom_stage(data):
        data["values_scores"][0]["value"] = "Empathy"

    stage_id = store.stages(scored(store).id)[1].id
    assert _import_changed(store, tmp_path, five_value_in_custom_stage) == (
        f'values_scores[0].value: "Empathy" is not one of the values of stage {stage_id} '
        "(Feeling safe, Being heard, Hope)."
    )


def test_an_import_refuses_unusable_values(store: Store, tmp_path: Path) -> None:
    scored(store)

    def repeated(data):
        data["stages"][1]["settings"]["values"] = ["Hope", "HOPE"]

    assert _import_changed(store, tmp_path, repeated) == (
        'stages[1].settings.values: item 2 ("HOPE") repeats item 1; list each value once.'
    )


def test_parse_record_keeps_custom_values_literal(store: Store) -> None:
    record = parse_record(export_json(store, scored(store).id), "x.json")
    assert record.stages[1].settings["values"] == VALUES
