"""The welcome says the workshop's own kind of involvement; an agenda cannot contradict it."""

from __future__ import annotations

import pytest
from cli_runner import invoke

from facilitator.domain.agenda import find_agenda, load_agenda_file, parse_agenda_toml
from facilitator.domain.errors import AgendaError
from facilitator.domain.involvement import welcome_text

AGENDA = """
name = "Mine"
[[stages]]
kind = "welcome"
title = "Welcome"
minutes = 10
text = "Welcome.\\n\\n{sentence} Everyone is equal here."
"""


@pytest.mark.parametrize("kind", ["collaboration", "involvement", "co-production", "user-led"])
def test_every_shipped_welcome_says_the_workshops_own_kind(kind):
    for name in ("coproduction-workshop", "service-review", "you-said-we-did-review"):
        agenda = load_agenda_file(find_agenda(name))
        welcome = next(stage for stage in agenda.stages if stage.kind == "welcome")
        text = welcome_text(kind, welcome.text)
        assert text.startswith("Welcome")
        others = {"collaboration", "involvement", "co-production", "user-led"} - {kind}
        assert f"Today is {kind}." in text
        assert not [other for other in others if f"today is {other}" in text.casefold()]


def test_an_older_workshops_own_sentence_naming_a_kind_is_left_out():
    old = ("Welcome, and thank you for coming.\n\nToday is co-production: people working together as equals. "
           "There are no sides.\n\nOur ground rules:\n- Respect each other.")  # fmt: skip
    text = welcome_text("involvement", old)
    assert "co-production" not in text
    assert "There are no sides." in text and "- Respect each other." in text


@pytest.mark.parametrize("sentence", ["Today is co-production.", "This workshop is user-led.",
                                      "today is Collaboration:"])
def test_an_agenda_welcome_naming_a_kind_is_refused(sentence):
    with pytest.raises(AgendaError, match="leave the kind of involvement out"):
        parse_agenda_toml(AGENDA.format(sentence=sentence), "mine.toml")
    parse_agenda_toml(AGENDA.format(sentence="We work together."), "mine.toml")  # fine


def test_agendas_check_names_the_file_and_the_stage(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(AGENDA.format(sentence="Today is co-production."))
    result = invoke("agendas", "check", path)
    assert result.exit_code == 1
    assert "mine.toml: stage 1 (welcome): its text says \u201cToday is co-production\u201d" in result.output
