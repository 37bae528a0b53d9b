"""Participants' text is data on every page: markup, script, javascript: links, template syntax,
terminal escapes, right-to-left overrides and 10,000 characters are shown as text, never obeyed."""

from __future__ import annotations

import html
import re

import pytest
from phone_client import Phone, phone_app

from facilitator.domain.text import strip_controls

WEB_HOSTILE = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.cookie)",
    "{{ 7*7 }} {% if true %}injected{% endif %}",
    "[ @click=app.quit]x [/b]",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 after",
    "\u202egnp.exe right to left",
    "long " + "x" * 9_995,
]


def assert_inert(page: str) -> None:
    """No element, attribute or link came from a participant's text."""
    assert "<script>alert" not in page
    assert "<img" not in page and "onerror=" not in page.replace("onerror=alert(1)&gt;", "")
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", page, re.I)
    assert "49" not in re.sub(r"\d{3,}", "", page.replace("x" * 50, ""))  # {{ 7*7 }} was not evaluated
    assert "\x1b" not in page and "\u202e" not in page


@pytest.mark.parametrize("hostile", WEB_HOSTILE, ids=range(len(WEB_HOSTILE)))
def test_hostile_text_is_shown_literally_on_every_page(store, clock, db_path, hostile: str) -> None:
    workshop = store.create_workshop(title=f"T {hostile[:150]}", date="2025-03-14", stages=[
        {"kind": "ideas", "title": f"Ideas {hostile[:100]}", "minutes": 10,
         "settings": {"prompt": f"Prompt {hostile[:100]}"}},
        {"kind": "vote", "title": "Vote", "minutes": 10, "settings": {"dots_per_person": 2, "secret": True}},
        {"kind": "feedback", "title": "You said, we did", "minutes": 10},
    ])  # fmt: skip
    named = store.add_participant(workshop.id, f"N {hostile[:90]}", ["carer"], "named", arrived=True)
    stages = store.stages(workshop.id)
    store.start_stage(stages[0].id)
    code = store.join_code(workshop.id)
    app = phone_app(db_path, workshop.id, clock)
    expected = strip_controls(hostile, multiline=True)

    def shows(page: str, text: str) -> bool:
        return text in html.unescape(page)

    with Phone(app) as phone, Phone(app, "10.0.0.9") as other:
        phone.get("/")
        assert_inert(phone.page)
        phone.post("/join", code=code)
        assert shows(phone.page, strip_controls(f"N {hostile[:90]}"))
        assert_inert(phone.page)
        phone.claim(named.id)
        phone.send_idea(hostile)
        assert_inert(phone.page)
        assert shows(phone.page, expected)
        other.join(code)
        other.join_as_new(hostile, (), "named")  # over 100 characters: refused, with the text kept
        assert_inert(other.page)
        if len(hostile) > 100:
            assert other.error() == f"The name is {len(strip_controls(hostile)):,} characters long; the most allowed is 100."
        else:
            assert other.client.get("/now").url.path == "/now"
        assert_inert(other.page)
        store.start_stage(stages[1].id)
        phone.get("/now")
        assert_inert(phone.page)
        assert "Add a dot" in phone.page
        store.set_revealed(stages[1].id)
        phone.get("/now")
        assert_inert(phone.page)
        store.add_feedback(workshop.id, said=hostile, done=hostile[:500], status="done", stage_id=stages[2].id)
        store.start_stage(stages[2].id)
        phone.get("/now")
        assert_inert(phone.page)
        assert shows(phone.page, expected)


async def test_hostile_text_from_a_phone_is_shown_literally_on_the_run_screen(store, db_path, tmp_path,
                                                                              monkeypatch) -> None:  # fmt: skip
    from run_helpers import ROUND, coproduction_workshop, run_app, run_screen, stage_titled
    from screen_check import screen_text

    from facilitator.ui.stages.ideas import IdeasPanel

    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))
    workshop, people = coproduction_workshop(store)
    stage = stage_titled(store, workshop.id, ROUND)
    store.start_stage(stage.id)
    app = run_app(store, workshop.id)
    with Phone(phone_app(db_path, workshop.id)) as phone:
        phone.join(store.join_code(workshop.id))
        phone.join_as_new("[/b]<script>", ("carer",), "named")
        for hostile in WEB_HOSTILE:
            phone.send_idea(hostile)
    async with app.run_test(size=(200, 60)) as pilot:
        await run_screen(pilot)
        panel = app.screen.query_one(IdeasPanel)
        await pilot.pause()
        assert len(panel.shown_idea_ids) == len(WEB_HOSTILE)
        text = " ".join(screen_text(app).split())
        for hostile in WEB_HOSTILE[:-1]:
            shown = " ".join(strip_controls(hostile).split())
            assert shown[:60] in text, f"{shown!r} is not shown literally"
        assert "x" * 40 in text and "[/b]<script>" in text  # the long one, cut; the name, literal
        assert app.is_running
