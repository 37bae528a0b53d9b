"""Agendas made in the app: the schema read as a form, the same checks as ``agendas check``, and
TOML written so that it loads back as the same agenda."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from facilitator import paths
from facilitator.domain.agenda import (
    Agenda,
    agenda_names,
    find_agenda,
    load_agenda_file,
    parse_agenda_toml,
    stages_from_agenda,
)
from facilitator.domain.agenda_form import (
    as_text,
    check_agenda,
    check_stage,
    from_text,
    new_stage,
    stage_data,
    stage_fields,
    stage_models,
)
from facilitator.domain.agenda_toml import agenda_toml, file_stem
from facilitator.domain.errors import AgendaError
from facilitator.outputs.agenda_file import AgendaFileExists, save_user_agenda

HOSTILE = ['He said "no" \\ then """ left', "[/b] [ @click=app.quit]x", "Café – ñ – 日本 – 🙂", "a\tb"]


@pytest.fixture(autouse=True)
def _own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def shipped(name: str) -> Agenda:
    return load_agenda_file(find_agenda(name))


@pytest.mark.parametrize("name", ["coproduction-workshop", "service-review", "you-said-we-did-review"])
def test_every_shipped_agenda_written_as_toml_loads_back_the_same(name: str) -> None:
    agenda = shipped(name)
    assert parse_agenda_toml(agenda_toml(agenda), "x.toml") == agenda


def test_an_agenda_built_from_a_shipped_one_round_trips_passes_the_check_and_is_offered() -> None:
    stages = stage_data(shipped("coproduction-workshop"))
    # Add a break at the end, then move it up two places; change a stage's minutes; hostile text.
    stages.append(new_stage("break"))
    stages[-3], stages[-2], stages[-1] = stages[-1], stages[-3], stages[-2]
    stages[1]["minutes"] = 25
    stages[0]["text"] = "\n".join(HOSTILE) + "\n\nLast line"
    stages[2]["prompt"] = HOSTILE[0]
    evaluate = next(stage for stage in stages if stage["kind"] == "evaluate")
    evaluate["values"] = from_text(stage_fields("evaluate")[-1], "Empathy\n\n  Being heard \n" + HOSTILE[2])
    details = {"name": "Crisis line " + HOSTILE[0], "description": "Two lines\nof description",
               "involvement": "involvement"}

    agenda, problems = check_agenda(details, stages)
    assert problems == [] and agenda is not None
    assert [stage.kind for stage in agenda.stages][-3:] == ["break", "actions", "evaluate"]
    assert agenda.stages[1].minutes == 25
    assert agenda.stages[-1].values == ("Empathy", "Being heard", HOSTILE[2])

    path = save_user_agenda(agenda, "crisis-line")
    assert path == paths.user_agendas_dir() / "crisis-line.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_agenda_file(path) == agenda  # the loader `agendas check` uses
    assert "crisis-line" in agenda_names()  # offered when making a new workshop
    assert stages_from_agenda(load_agenda_file(find_agenda("crisis-line")))[-3]["kind"] == "break"


def test_saving_never_takes_a_shipped_name_and_asks_before_replacing_your_own() -> None:
    agenda = shipped("service-review")
    with pytest.raises(AgendaError, match="comes with the app"):
        save_user_agenda(agenda, "service-review")
    assert not (paths.user_agendas_dir() / "service-review.toml").exists()

    save_user_agenda(agenda, "mine")
    changed = agenda.model_copy(update={"name": "Mine, changed"})
    with pytest.raises(AgendaFileExists, match="already have an agenda saved as mine.toml"):
        save_user_agenda(changed, "mine")
    assert load_agenda_file(paths.user_agendas_dir() / "mine.toml").name == agenda.name
    save_user_agenda(changed, "mine", overwrite=True)
    assert load_agenda_file(paths.user_agendas_dir() / "mine.toml").name == "Mine, changed"


@pytest.mark.parametrize("text", ["ends with a backslash \\", "two\nlines ending in spaces  ", 'quote at the end "',
                                  "three quotes \"\"\"\nand \\\"\"\" again\n", "\n\nblank lines first"])
def test_awkward_long_text_round_trips(text: str) -> None:
    agenda = Agenda.model_validate({"name": "Awkward", "stages": [{"kind": "welcome", "title": "Hi", "minutes": 5,
                                                                  "text": text}]})
    assert parse_agenda_toml(agenda_toml(agenda), "x.toml") == agenda


def test_the_check_says_every_problem_naming_the_stage_by_number_and_title() -> None:
    stages = stage_data(shipped("coproduction-workshop"))
    stages[1]["minutes"] = 0
    stages[5]["max_per_candidate"] = 0
    stages[2]["prompt"] = ""
    agenda, problems = check_agenda({"name": ""}, stages)
    assert agenda is None
    assert [problem.sentence for problem in problems] == [
        "Name cannot be empty.",
        "Stage 2 \u201cWhat matters to you\u201d (ideas): minutes must be at least 1.",
        "Stage 3 \u201cIdeas, written quietly\u201d (ideas): prompt cannot be empty.",
        "Stage 6 \u201cDot vote\u201d (vote): max_per_candidate must be at least 1.",
    ]
    assert [(p.stage, p.field) for p in problems] == [(None, "name"), (2, "minutes"), (3, "prompt"),
                                                      (6, "max_per_candidate")]


def test_a_vote_moved_before_every_ideas_stage_is_refused_as_agendas_check_would() -> None:
    stages = stage_data(shipped("coproduction-workshop"))
    vote = stages.pop(5)
    stages.insert(0, vote)
    _agenda, problems = check_agenda({"name": "Early vote"}, stages)
    [problem] = problems
    assert problem.sentence.startswith("Stage 1 \u201cDot vote\u201d (vote): a vote must come after at least one ideas")
    assert problem.stage == 1
    # The command line says the same about the same file.
    with pytest.raises(AgendaError, match=r"x.toml: stage 1 \(vote\): a vote must come after"):
        parse_agenda_toml(agenda_toml(shipped("coproduction-workshop")).replace(
            "[[stages]]", '[[stages]]\nkind = "vote"\ntitle = "V"\nminutes = 5\n\n[[stages]]', 1), "x.toml")


def test_one_stage_checked_alone_names_its_field() -> None:
    stage = {**new_stage("vote"), "dots_per_person": from_text(stage_fields("vote")[3], "two")}
    [problem] = check_stage(stage, 4)
    assert problem.sentence == 'Stage 4 \u201cVote\u201d (vote): dots_per_person must be a whole number or "auto", not text "two".'
    assert problem.field == "dots_per_person"
    assert check_stage({**stage, "dots_per_person": from_text(stage_fields("vote")[3], " 4 ")}, 4) == []


def test_every_kind_in_the_schema_has_a_form_and_a_new_stage_of_it_fills_its_defaults() -> None:
    for kind, model in stage_models().items():
        specs = stage_fields(kind)
        assert [spec.name for spec in specs][:2] == ["title", "minutes"]
        assert {spec.name for spec in specs} == set(model.model_fields) - {"kind"}
        assert all(spec.how != "kept" for spec in specs), kind  # every setting can be edited
        stage = new_stage(kind)
        assert stage["minutes"] == 10 and stage["title"]
        required = [spec.name for spec in specs if spec.required and spec.name not in ("title", "minutes")]
        assert not required or check_stage(stage, 1), kind  # a setting with no default must be filled in


def test_values_go_into_their_boxes_and_come_back() -> None:
    specs = {spec.name: spec for spec in stage_fields("vote") + stage_fields("evaluate")}
    assert as_text(specs["values"], ("Empathy", "Inclusion")) == "Empathy\nInclusion"
    assert from_text(specs["values"], "Empathy\n\n Inclusion \n") == ["Empathy", "Inclusion"]
    assert from_text(specs["dots_per_person"], "auto") == "auto"
    assert from_text(specs["dots_per_person"], "3") == 3
    assert from_text(specs["max_per_candidate"], "") is None
    assert from_text(specs["max_per_candidate"], "many") == "many"


def test_file_names_come_from_the_agenda_name() -> None:
    assert file_stem("Our Crisis-line review: Caf\u00e9 2025!") == "our-crisis-line-review-cafe-2025"
    assert file_stem("  ") == "my-agenda"
    assert file_stem("../../etc/passwd") == "etc-passwd"
