"""Agenda templates: the shipped ones load, and every mistake reads as one plain sentence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from facilitator import paths
from facilitator.domain.agenda import (
    Agenda,
    EvaluateStage,
    IdeasStage,
    VoteStage,
    WelcomeStage,
    find_agenda,
    list_agendas,
    load_agenda_file,
    parse_agenda_toml,
)
from facilitator.domain.errors import AgendaError
from facilitator.domain.models import FIVE_VALUES, Involvement, StageKind

SHIPPED = sorted(paths.shipped_agendas_dir().glob("*.toml"))

IDEAS = '[[stages]]\nkind = "ideas"\ntitle = "Ideas"\nminutes = 10\nprompt = "What matters?"\n'
GROUP = '[[stages]]\nkind = "group"\ntitle = "Themes"\nminutes = 10\n'


def vote(extra: str = "") -> str:
    return f'[[stages]]\nkind = "vote"\ntitle = "Vote"\nminutes = 10\n{extra}'


@pytest.fixture(autouse=True)
def _own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the person's real user agendas out of every test."""
    home = tmp_path / "home"
    monkeypatch.setenv("FACILITATOR_HOME", str(home))
    return home


def write(tmp_path: Path, text: str, name: str = "x.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(AgendaError) as caught:
        load_agenda_file(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: ")
    assert message.endswith(".")
    return message.removeprefix(f"{path}: ")


# --- The shipped agendas --------------------------------------------------------------------------


def test_the_three_required_agendas_ship() -> None:
    names = {path.stem for path in SHIPPED}
    assert {"coproduction-workshop", "you-said-we-did-review", "service-review"} <= names


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.stem)
def test_every_shipped_agenda_loads(path: Path) -> None:
    agenda = load_agenda_file(path)
    assert agenda.name
    assert 60 <= agenda.total_minutes <= 240
    welcome = agenda.stages[0]
    assert isinstance(welcome, WelcomeStage)
    for rule in ("respect", "equal", "pass", "stays here", "break", "jargon"):
        assert rule in welcome.text.lower(), f"{path.name}: the ground rules do not mention {rule!r}"
    assert agenda.stages[-1].stage_kind is StageKind.EVALUATE


def test_coproduction_workshop_follows_the_core_loop() -> None:
    agenda = load_agenda_file(find_agenda("coproduction-workshop"))
    kinds = [stage.kind for stage in agenda.stages if stage.kind != "break"]
    assert kinds == ["welcome", "ideas", "ideas", "group", "vote", "decide", "actions", "evaluate"]
    assert "break" in [stage.kind for stage in agenda.stages]
    round_, silent = agenda.stages[1], agenda.stages[2]
    assert isinstance(round_, IdeasStage) and round_.round and not round_.silent
    assert isinstance(silent, IdeasStage) and silent.silent
    dot_vote = next(stage for stage in agenda.stages if isinstance(stage, VoteStage))
    assert dot_vote.settings()["dots_per_person"] == "auto"
    assert dot_vote.settings()["max_per_candidate"] == 3
    assert dot_vote.settings()["secret"] is True
    assert 140 <= agenda.total_minutes <= 160
    assert agenda.involvement is Involvement.CO_PRODUCTION


def test_you_said_we_did_review_has_a_feedback_stage() -> None:
    agenda = load_agenda_file(find_agenda("you-said-we-did-review"))
    kinds = [stage.kind for stage in agenda.stages]
    for kind in ("welcome", "feedback", "ideas", "decide", "actions", "evaluate"):
        assert kind in kinds
    assert kinds.index("feedback") < kinds.index("ideas") < kinds.index("decide")


def test_list_agendas_loads_shipped_and_user_agendas(_own_home: Path) -> None:
    user_dir = paths.user_agendas_dir()
    user_dir.mkdir(parents=True)
    (user_dir / "service-review.toml").write_text(f'name = "Our own review"\n{GROUP}', encoding="utf-8")
    (user_dir / "broken.toml").write_text('name = "Broken"\n', encoding="utf-8")
    listed = {name: (path, result) for name, path, result in list_agendas()}
    assert {"coproduction-workshop", "you-said-we-did-review", "service-review", "broken"} <= set(listed)
    path, overridden = listed["service-review"]
    assert path == user_dir / "service-review.toml"
    assert isinstance(overridden, Agenda) and overridden.name == "Our own review"
    assert isinstance(listed["broken"][1], AgendaError)
    assert "at least one stage" in str(listed["broken"][1])
    assert isinstance(listed["coproduction-workshop"][1], Agenda)


# --- One sentence for each kind of mistake --------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.toml"
    with pytest.raises(AgendaError, match=r"nope\.toml: no such agenda file\.$"):
        load_agenda_file(path)


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(AgendaError, match="is a folder, not an agenda file"):
        load_agenda_file(tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, f'name = "x"\n{GROUP}')
    path.chmod(0)
    try:
        with pytest.raises(AgendaError, match=r"x\.toml: cannot be read \(permission denied\)\.$"):
            load_agenda_file(path)
    finally:
        path.chmod(0o600)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, f'name = "x"\n{GROUP}')

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(AgendaError) as caught:
        load_agenda_file(path)
    assert str(caught.value) == f"{path}: cannot be read (permission denied)."


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(b'name = "caf\xe9"\n')
    with pytest.raises(AgendaError, match="is not UTF-8 text"):
        load_agenda_file(path)


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    message = error_for(tmp_path, 'name = "x"\nthis is not toml\n')
    assert message.startswith("not valid TOML at line 2, column ")
    assert "expected '=' after a key" in message


def test_unterminated_string(tmp_path: Path) -> None:
    assert error_for(tmp_path, 'name = "x').startswith("not valid TOML at ")


def test_top_level_field_missing(tmp_path: Path) -> None:
    assert error_for(tmp_path, GROUP) == "name is required."


def test_top_level_field_unknown(tmp_path: Path) -> None:
    message = error_for(tmp_path, f'name = "x"\ncolour = "red"\n{GROUP}')
    assert message == (
        'unknown top-level field "colour" (allowed: name, description, involvement, stages).'
    )


def test_no_stages(tmp_path: Path) -> None:
    assert error_for(tmp_path, 'name = "x"\n') == "an agenda needs at least one stage ([[stages]])."
    assert error_for(tmp_path, 'name = "x"\nstages = []\n') == (
        "an agenda needs at least one stage ([[stages]])."
    )


def test_stages_of_the_wrong_shape(tmp_path: Path) -> None:
    assert error_for(tmp_path, 'name = "x"\nstages = [1]\n') == (
        "stage 1 must be a table ([[stages]]), not 1."
    )
    assert error_for(tmp_path, 'name = "x"\n[stages]\nkind = "group"\n') == (
        "stages must be a list, not a table."
    )


def test_involvement_not_allowed(tmp_path: Path) -> None:
    message = error_for(tmp_path, f'name = "x"\ninvolvement = "tokenism"\n{GROUP}')
    assert message == (
        "involvement must be one of collaboration, involvement, co-production or user-led,"
        ' not text "tokenism".'
    )


def test_stage_kind_unknown_lists_the_kinds(tmp_path: Path) -> None:
    text = f'name = "x"\n{GROUP}[[stages]]\nkind = "brainstorm"\ntitle = "t"\nminutes = 5\n'
    assert error_for(tmp_path, text) == (
        'stage 2: unknown kind "brainstorm" (allowed: welcome, break, ideas, group, vote, decide,'
        " actions, feedback, evaluate, ladder, score, checkin)."
    )


def test_stage_kind_missing(tmp_path: Path) -> None:
    message = error_for(tmp_path, 'name = "x"\n[[stages]]\ntitle = "t"\nminutes = 5\n')
    assert message.startswith("stage 1: kind is required (one of welcome, break, ideas")


def test_stage_field_unknown(tmp_path: Path) -> None:
    message = error_for(tmp_path, f'name = "x"\n{GROUP}{IDEAS}colour = "red"\n')
    assert message == (
        'stage 2 (ideas): unknown field "colour"'
        " (allowed: kind, title, minutes, prompt, silent, round, allow_anonymous)."
    )


def test_prompt_is_not_a_welcome_field(tmp_path: Path) -> None:
    text = 'name = "x"\n[[stages]]\nkind = "welcome"\ntitle = "Hi"\nminutes = 5\nprompt = "?"\n'
    assert error_for(tmp_path, text).startswith('stage 1 (welcome): unknown field "prompt"')


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"ten"', 'minutes must be a whole number, not text "ten".'),
        ("10.5", "minutes must be a whole number, not 10.5."),
        ("true", "minutes must be a whole number, not true."),
        ("0", "minutes must be at least 1."),
        ("481", "minutes must be at most 480."),
    ],
)
def test_minutes_wrong_type_or_out_of_range(tmp_path: Path, value: str, expected: str) -> None:
    text = f'name = "x"\n{IDEAS}[[stages]]\nkind = "decide"\ntitle = "Decide"\nminutes = {value}\n'
    assert error_for(tmp_path, text) == f"stage 2 (decide): {expected}"


def test_flag_wrong_type(tmp_path: Path) -> None:
    message = error_for(tmp_path, f'name = "x"\n{IDEAS}silent = "yes"\n')
    assert message == 'stage 1 (ideas): silent must be true or false, not text "yes".'


def test_title_wrong_type(tmp_path: Path) -> None:
    text = 'name = "x"\n[[stages]]\nkind = "group"\ntitle = 5\nminutes = 5\n'
    assert error_for(tmp_path, text) == "stage 1 (group): title must be text, not 5."


def test_required_stage_field_missing(tmp_path: Path) -> None:
    text = 'name = "x"\n[[stages]]\nkind = "ideas"\ntitle = "Ideas"\nminutes = 10\n'
    assert error_for(tmp_path, text) == "stage 1 (ideas): prompt is required."
    text = 'name = "x"\n[[stages]]\nkind = "group"\nminutes = 10\n'
    assert error_for(tmp_path, text) == "stage 1 (group): title is required."


def test_empty_text_is_refused(tmp_path: Path) -> None:
    text = 'name = "x"\n[[stages]]\nkind = "ideas"\ntitle = "Ideas"\nminutes = 10\nprompt = "  "\n'
    assert error_for(tmp_path, text) == "stage 1 (ideas): prompt cannot be empty."


def test_over_long_title(tmp_path: Path) -> None:
    text = f'name = "x"\n[[stages]]\nkind = "group"\ntitle = "{"a" * 201}"\nminutes = 5\n'
    assert error_for(tmp_path, text) == (
        "stage 1 (group): title is 201 characters long; the most allowed is 200."
    )


def test_dots_per_person_out_of_range(tmp_path: Path) -> None:
    text = f'name = "x"\n{IDEAS}{GROUP}{vote("dots_per_person = 0")}\n'
    assert error_for(tmp_path, text) == "stage 3 (vote): dots_per_person must be at least 1."
    text = f'name = "x"\n{IDEAS}{vote("dots_per_person = 21")}\n'
    assert error_for(tmp_path, text) == "stage 2 (vote): dots_per_person must be at most 20."


def test_dots_per_person_wrong_type(tmp_path: Path) -> None:
    text = 'name = "x"\n' + IDEAS + vote('dots_per_person = "lots"\n')
    assert error_for(tmp_path, text) == (
        'stage 2 (vote): dots_per_person must be a whole number or "auto", not text "lots".'
    )


def test_cap_above_budget(tmp_path: Path) -> None:
    text = 'name = "x"\n' + IDEAS + vote("dots_per_person = 2\nmax_per_candidate = 3\n")
    assert error_for(tmp_path, text) == (
        "stage 2 (vote): max_per_candidate (3) cannot be more than dots_per_person (2)."
    )


def test_cap_below_one(tmp_path: Path) -> None:
    text = f'name = "x"\n{IDEAS}{vote("max_per_candidate = 0")}\n'
    assert error_for(tmp_path, text) == "stage 2 (vote): max_per_candidate must be at least 1."


def test_default_cap_shrinks_to_a_small_budget() -> None:
    agenda = parse_agenda_toml(f'name = "x"\n{IDEAS}{vote("dots_per_person = 2")}', "x.toml")
    assert agenda.stages[1].settings()["max_per_candidate"] == 2


def test_vote_needs_an_ideas_stage_first(tmp_path: Path) -> None:
    text = f'name = "x"\n{GROUP}{vote()}{IDEAS}'
    assert error_for(tmp_path, text) == (
        "stage 2 (vote): a vote must come after at least one ideas stage,"
        " so there is something to vote on."
    )


def test_evaluate_values_problems(tmp_path: Path) -> None:
    base = 'name = "x"\n[[stages]]\nkind = "evaluate"\ntitle = "Check-out"\nminutes = 5\n'
    assert error_for(tmp_path, base + "values = []\n") == "stage 1 (evaluate): values cannot be empty."
    assert error_for(tmp_path, base + 'values = ["Kindness", 3]\n') == (
        "stage 1 (evaluate): values item 2 must be text, not 3."
    )


def test_only_the_first_problem_is_reported(tmp_path: Path) -> None:
    text = 'colour = 1\n[[stages]]\nkind = "ideas"\nminutes = 0\n'
    message = error_for(tmp_path, text)
    assert message.count(".") == 1


def test_hostile_text_in_an_error_is_cleaned(tmp_path: Path) -> None:
    message = error_for(tmp_path, f'name = "x"\n{IDEAS}silent = "\\u001b[31mred\\u0007"\n')
    assert "\x1b" not in message and "\x07" not in message
    assert message == 'stage 1 (ideas): silent must be true or false, not text "red".'


# --- Finding agendas ------------------------------------------------------------------------------


def test_find_agenda_by_name() -> None:
    path = find_agenda("coproduction-workshop")
    assert path == paths.shipped_agendas_dir() / "coproduction-workshop.toml"


def test_find_agenda_by_path(tmp_path: Path) -> None:
    path = write(tmp_path, f'name = "x"\n{GROUP}', "mine.toml")
    assert find_agenda(str(path)) == path


def test_find_user_agenda(_own_home: Path) -> None:
    user_dir = _own_home / "agendas"
    user_dir.mkdir(parents=True)
    mine = user_dir / "peer-support-planning.toml"
    mine.write_text(f'name = "Peer support planning"\n{GROUP}', encoding="utf-8")
    assert find_agenda("peer-support-planning") == mine
    # A user agenda with a shipped agenda's name takes its place.
    override = user_dir / "service-review.toml"
    override.write_text(f'name = "Our review"\n{GROUP}', encoding="utf-8")
    assert find_agenda("service-review") == override


def test_find_agenda_unknown_name_lists_the_names() -> None:
    with pytest.raises(AgendaError) as caught:
        find_agenda("brainstorm")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith('There is no agenda called "brainstorm"; the available agendas are: ')
    for name in ("coproduction-workshop", "service-review", "you-said-we-did-review"):
        assert name in message


def test_find_agenda_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "gone.toml"
    with pytest.raises(AgendaError, match=r"gone\.toml: no such agenda file \(agendas available by name: "):
        find_agenda(str(missing))


# --- Settings per kind and clean text -------------------------------------------------------------


def test_settings_per_kind() -> None:
    text = (
        'name = "x"\n'
        '[[stages]]\nkind = "welcome"\ntitle = "Hello"\nminutes = 5\ntext = "Ground rules"\n'
        '[[stages]]\nkind = "break"\ntitle = "Break"\nminutes = 10\n'
        f"{IDEAS}silent = true\nallow_anonymous = false\n"
        '[[stages]]\nkind = "group"\ntitle = "Themes"\nminutes = 10\nprompt = "Group them"\n'
        + vote("dots_per_person = 5\nmax_per_candidate = 1\nsecret = false\n")
        + '[[stages]]\nkind = "decide"\ntitle = "Decide"\nminutes = 10\n'
        '[[stages]]\nkind = "actions"\ntitle = "Actions"\nminutes = 10\n'
        '[[stages]]\nkind = "feedback"\ntitle = "You said, we did"\nminutes = 10\n'
        '[[stages]]\nkind = "evaluate"\ntitle = "Check-out"\nminutes = 5\n'
    )
    agenda = parse_agenda_toml(text, "x.toml")
    settings = {stage.kind: stage.settings() for stage in agenda.stages}
    assert settings == {
        "welcome": {"text": "Ground rules"},
        "break": {"text": ""},
        "ideas": {"prompt": "What matters?", "silent": True, "round": False, "allow_anonymous": False},
        "group": {"prompt": "Group them"},
        "vote": {"prompt": "", "dots_per_person": 5, "max_per_candidate": 1, "secret": False, "choose": 1},
        "decide": {"prompt": ""},
        "actions": {"prompt": ""},
        "feedback": {"prompt": ""},
        "evaluate": {"prompt": "", "values": list(FIVE_VALUES)},
    }
    assert [stage.stage_kind for stage in agenda.stages] == list(StageKind)[:9]  # ladder, score, checkin: below
    assert agenda.involvement is Involvement.CO_PRODUCTION


def test_vote_defaults() -> None:
    agenda = parse_agenda_toml(f'name = "x"\n{IDEAS}{vote()}', "x.toml")
    assert agenda.stages[1].settings() == {
        "prompt": "", "dots_per_person": "auto", "max_per_candidate": 3, "secret": True, "choose": 1,
    }  # fmt: skip


def test_evaluate_custom_values() -> None:
    text = 'name = "x"\n[[stages]]\nkind = "evaluate"\ntitle = "Out"\nminutes = 5\nvalues = ["Hope"]\n'
    stage = parse_agenda_toml(text, "x.toml").stages[0]
    assert isinstance(stage, EvaluateStage)
    assert stage.settings() == {"prompt": "", "values": ["Hope"]}


def test_control_characters_are_stripped_from_text() -> None:
    text = (
        'name = "Work\\u001b[2Jshop\\u0007"\n'
        'description = "Line one\\u0000\\nLine two"\n'
        '[[stages]]\nkind = "welcome"\ntitle = "\\u001b]0;pwned\\u0007Hello"\nminutes = 5\n'
        'text = """\nRule one\\u001b[31m\n\nRule two\\u0008\n"""\n'
        '[[stages]]\nkind = "ideas"\ntitle = "Ideas"\nminutes = 5\nprompt = "Why?\\u009b31m"\n'
    )
    agenda = parse_agenda_toml(text, "x.toml")
    assert agenda.name == "Workshop"
    assert agenda.description == "Line one\nLine two"
    welcome = agenda.stages[0]
    assert welcome.title == "Hello"
    assert welcome.settings() == {"text": "Rule one\n\nRule two"}
    assert agenda.stages[1].settings()["prompt"] == "Why?"


def test_markup_like_text_is_kept_as_data() -> None:
    text = f'name = "[b]Bold[/b] [ @click=app.quit]x"\n{GROUP}'
    assert parse_agenda_toml(text, "x.toml").name == "[b]Bold[/b] [ @click=app.quit]x"


def test_models_forbid_extra_fields() -> None:
    for model in (Agenda, WelcomeStage, IdeasStage, VoteStage, EvaluateStage):
        assert model.model_config.get("extra") == "forbid"


def test_custom_check_out_values_are_cleaned_listed_once_and_at_most_ten(tmp_path: Path) -> None:
    base = 'name = "x"\n[[stages]]\nkind = "evaluate"\ntitle = "Check-out"\nminutes = 5\n'
    assert error_for(tmp_path, base + 'values = ["Hope", "Being heard", "being  HEARD "]\n') == (
        'stage 1 (evaluate): values item 3 ("being  HEARD") repeats item 2; list each value once.'
    )
    eleven = ", ".join(f'"Value {n}"' for n in range(1, 12))
    assert error_for(tmp_path, base + f"values = [{eleven}]\n") == "stage 1 (evaluate): values can have at most 10 items."
    assert error_for(tmp_path, base + 'values = ["Hope", " "]\n') == "stage 1 (evaluate): values item 2 cannot be empty."
    assert error_for(tmp_path, base + f'values = ["{"x" * 61}"]\n') == (
        "stage 1 (evaluate): values item 1 is 61 characters long; the most allowed is 60."
    )
    ten = [f"Value {n}" for n in range(1, 11)]
    agenda = parse_agenda_toml(base + f"values = {ten!r}\n".replace("'", '"'), "x.toml")
    assert agenda.stages[0].settings()["values"] == ten
    hostile = parse_agenda_toml(base + 'values = ["\\u001b[31mHope\\u0007 ", "[b]Safety[/b]"]\n', "x.toml")
    assert hostile.stages[0].settings()["values"] == ["Hope", "[b]Safety[/b]"]
