"""Participants' text is data on every page: markup, script, javascript: links, template syntax,
terminal escapes, right-to-left overrides and 10,000 characters are shown as text, never obeyed."""

from __future__ import annotations

import html
import re

import pytest
from phone_client import WEB_HOSTILE, Phone, phone_app

from facilitator.domain.text import strip_controls


def assert_inert(page: str) -> None:
    """No element, attribute or link came from a participant's text."""
    assert "<script>alert" not in page
    assert "<img" not in page and "onerror=" not in page.replace("onerror=alert(1)&gt;", "")
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", page, re.I)
    # {{ 7*7 }} was not evaluated; the random CSRF token and long numbers could hold a "49" by chance
    without_tokens = re.sub(r'name="csrf" value="[^"]*"', "", page.replace("x" * 50, ""))
    assert "49" not in re.sub(r"\d{3,}", "", without_tokens)
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

