"""Agenda files with ladder, score and checkin stages: shipped ladders, an agenda's own ladder, a
user's ladder file, and one sentence for each mistake."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_agenda import error_for

from facilitator import paths
from facilitator.domain.agenda import parse_agenda_toml
from facilitator.domain.agenda_kinds import LadderStage, ScoreStage
from facilitator.domain.ladders import ladder_of

LADDER = 'name = "x"\n[[stages]]\nkind = "ladder"\ntitle = "Ladder"\nminutes = 10\n'
SCORE = 'name = "x"\n[[stages]]\nkind = "score"\ntitle = "Panel"\nminutes = 30\n'


def test_the_shipped_ladders_travel_whole_with_the_stage() -> None:
    stage = parse_agenda_toml(LADDER, "x.toml").stages[0]
    settings = stage.settings()
    assert settings["rungs"] == ["Coercion", "Educating", "Informing", "Consultation", "Engagement", "Co-design",
                                 "Co-production"]  # fmt: skip
    assert settings["attribution"] == ("Ladder of Co-production, Think Local Act Personal (TLAP) and the National "
                                       "Co-production Advisory Group (NCAG)")  # fmt: skip
    assert all(settings["rung_definitions"])
    # The settings are themselves a valid ladder stage: an editor can load them back.
    again = LadderStage.model_validate({"kind": "ladder", "title": "t", "minutes": 5, **settings})
    assert again.settings() == settings
    jigsaw = parse_agenda_toml(LADDER + 'ladder = "participation-jigsaw"\n', "x.toml").stages[0].settings()
    assert jigsaw["rungs"] == ["No engagement", "Being given information", "Offering feedback", "Being involved",
                               "Co-producing"]  # fmt: skip


def test_an_agenda_can_define_its_own_ladder() -> None:
    text = LADDER + 'ladder = "Our steps"\nrungs = ["Told", "Asked", "Leading"]\nrung_definitions = ["We are told"]\n'
    ladder = ladder_of(parse_agenda_toml(text, "x.toml").stages[0].settings())
    assert ladder.name == "Our steps" and ladder.rungs == ("Told", "Asked", "Leading")
    assert ladder.definitions == ("We are told", "", "")


def test_a_users_own_ladder_file_can_be_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path))
    folder = paths.user_agendas_dir() / "ladders"
    folder.mkdir(parents=True)
    (folder / "steps.toml").write_text('name = "Steps"\n[[rungs]]\nname = "Low"\n[[rungs]]\nname = "High"\n')
    assert parse_agenda_toml(LADDER + 'ladder = "steps"\n', "x.toml").stages[0].settings()["rungs"] == ["Low", "High"]


@pytest.mark.parametrize(("extra", "message"), [
    ('ladder = "nope"\n', 'stage 1 (ladder): ladder "nope" is not a known ladder (known: co-production, participation-jigsaw).'),
    ('rungs = ["One"]\n', "stage 1 (ladder): rungs needs at least 2 rungs, lowest first."),
    ('rung_definitions = ["x"]\n', "stage 1 (ladder): rung_definitions needs rungs of your own to define."),
])  # fmt: skip
def test_ladder_mistakes_are_one_sentence(tmp_path: Path, extra: str, message: str) -> None:
    assert error_for(tmp_path, LADDER + extra) == message


def test_a_score_stage_needs_criteria_and_candidates_and_a_weight_for_each(tmp_path: Path) -> None:
    assert error_for(tmp_path, SCORE + 'candidates = ["A"]\n') == "stage 1 (score): criteria is required."
    wrong = SCORE + 'criteria = ["a", "b"]\ncandidates = ["A"]\nweights = [1, 2, 3]\n'
    assert error_for(tmp_path, wrong) == (
        "stage 1 (score): weights has 3 items but there are 2 criteria; give one weight per criterion, or none."
    )
    assert error_for(tmp_path, SCORE + 'criteria = ["a"]\ncandidates = ["A"]\nweights = [11]\n') == (
        "stage 1 (score): weights item 1 must be at most 10."
    )
    stage = parse_agenda_toml(SCORE + 'criteria = ["a"]\ncandidates = ["A"]\n', "x.toml").stages[0]
    assert isinstance(stage, ScoreStage) and stage.settings()["names_in_minutes"] is True


def test_every_new_setting_has_a_description_for_a_form() -> None:
    from facilitator.domain.agenda_kinds import CheckinStage

    for model in (LadderStage, ScoreStage, CheckinStage):
        for name, field in model.model_fields.items():
            if name not in ("kind", "title", "minutes"):
                assert field.description, f"{model.__name__}.{name} has no description"
