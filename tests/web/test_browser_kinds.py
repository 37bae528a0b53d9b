"""The check-in, ladder and scoring pages in a real browser (Debian's Chromium): axe finds
nothing, light and dark, and each page fits a phone at 320 px and at 200% zoom; placing on the
ladder and scoring are done by clicking, as a person would."""

from __future__ import annotations

import pytest
from kinds_workshop import kinds_workshop
from phone_checks import check_page
from web_workshop import SECRET, ServerThread

from facilitator.storage.store import open_store
from facilitator.web.app import create_app
from facilitator.web.server import LOOPBACK, bind

PHONE = {"width": 360, "height": 740}


@pytest.fixture
def served(tmp_path):
    path = tmp_path / "workshops.db"
    store = open_store(path)
    built = kinds_workshop(store)
    sock = bind(LOOPBACK, 0)
    with ServerThread(create_app(path, built.workshop.id, secret=SECRET), sock):
        yield store, built, f"http://127.0.0.1:{sock.getsockname()[1]}"
    store.close()


def test_the_new_pages_pass_axe_and_fit_and_work_by_clicking(browser, served) -> None:
    store, built, url = served
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(url + "/")
    page.fill("input[name=code]", store.join_code(built.workshop.id))
    page.click("button[type=submit]")
    page.check(f"input[value='{built.people[0].id}']")
    page.click("form[action='/who/name'] button[type=submit]")
    store.start_stage(built.checkin.id)
    page.goto(url + "/now")
    check_page(page, "check-in")
    page.check("#colour-arriving-amber")
    page.click("form:has(#colour-arriving-amber) button[type=submit]")
    assert store.checkin_answer(built.checkin.id, built.people[0].id) == "amber"
    store.start_stage(built.ladder.id)
    page.goto(url + "/now")
    check_page(page, "ladder")
    page.click("label[for=now-4]")
    page.click("label[for=want-7]")
    page.click("form[action='/ladder'] button[type=submit]")
    assert store.ladder_placement(built.ladder.id, built.people[0].id) == (4, 7)
    for person in built.people[1:]:
        store.place_on_ladder(built.ladder.id, person.id, 3, 6)
    store.set_revealed(built.ladder.id)
    page.goto(url + "/now")
    check_page(page, "revealed ladder")
    store.start_stage(built.score.id)
    page.goto(url + "/now")
    check_page(page, "scoring")
    for a in range(2):
        for c in range(3):
            page.click(f"label[for=score-{a}-{c}-{a + c + 1}]")
    page.click("form[action='/scores'] button[type=submit]")
    assert store.marks_of(built.score.id, built.people[0].id)[(1, 2)] == 4
    store.set_revealed(built.score.id)
    page.goto(url + "/now")
    check_page(page, "revealed scores")
    context.close()
