"""The phones' pages in a real browser (Chromium, a 360×740 phone), served for real (uvicorn).

A person joins with the code, says who they are, sends an idea, gives and takes back dots, sees
the results after the reveal and checks out, with scripts on and with scripts off; after each
step the database holds what they did. With scripts on the page also follows the facilitator's
stage by itself, and never throws away what someone is typing. Every page visited with scripts
on is checked by axe-core and for its layout at 320 px and 200% zoom (``phone_checks``).
"""

from __future__ import annotations

import re
import time

import pytest
from phone_checks import check_page
from playwright.sync_api import expect

from facilitator.domain.checkout import checkout_values
from facilitator.web.views import TYPED_ON_A_PHONE

IDEAS = "What matters to you"
QUIET_IDEAS = "Ideas, written quietly"
BREAK = "Break"
VOTE = "Dot vote"
CHECKOUT = "Five Values check-out"
SEE_NOW = "See what\u2019s happening now"


def heading(page):
    return page.get_by_role("heading", level=1)


def follow(page, scripts: bool) -> None:
    """After the facilitator has moved on: with scripts the page follows by itself (the caller
    waits for it); without, the person presses the link that is always on the page."""
    if not scripts:
        page.get_by_role("link", name=SEE_NOW).click()


def join_with_code(page, live, scripts: bool) -> None:
    page.goto("/")
    expect(heading(page)).to_have_text("Join the workshop")
    if scripts:
        check_page(page, "join")
        page.get_by_label("Join code").fill("ZZZZZZ" if live.code != "ZZZZZZ" else "YYYYYY")
        page.get_by_role("button", name="Join", exact=True).click()
        expect(page.locator("#code-error")).to_have_text(
            "Problem: That join code is not right. Check the code on the screen and try again."
        )
        expect(page.get_by_label("Join code")).to_have_attribute("aria-invalid", "true")
        check_page(page, "join, with a wrong code")
    # Typed as a person might: small letters and a space in the middle.
    page.get_by_label("Join code").fill(f"{live.code[:3].lower()} {live.code[3:].lower()}")
    page.get_by_role("button", name="Join", exact=True).click()
    expect(heading(page)).to_have_text("Who are you?")


def score(page, value: str, number: int):
    """The circle a person presses to give ``value`` the score ``number`` (its label)."""
    return page.get_by_role("group", name=value).locator("label").filter(has_text=re.compile(rf"^{number}\b"))


def the_device(live, seen_before: set[int]):
    devices = [device for device in live.store.devices(live.workshop.id) if device.id not in seen_before]
    assert len(devices) == 1, devices
    return devices[0]


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts-on", "scripts-off"])
def test_a_phone_joins_sends_an_idea_votes_and_checks_out(live, phone, scripts):
    name = f"Aisha {'Khan' if scripts else 'Patel'}"
    person = live.person(name)
    vote = live.stages[VOTE]
    checkout = live.stages[CHECKOUT]
    live.store.set_revealed(vote.id, False)
    live.move_to(IDEAS)
    devices_before = {device.id for device in live.store.devices(live.workshop.id)}
    page = phone(scripts=scripts)

    # Join with the code, then choose a name from the list.
    join_with_code(page, live, scripts)
    assert the_device(live, devices_before).participant_id is None
    if scripts:
        check_page(page, "who are you")
        page.get_by_role("button", name="That is me").click()  # no name chosen yet
        expect(page.locator("#who-error")).to_have_text(
            "Problem: Choose your name from the list, or join as someone new."
        )
        check_page(page, "who are you, with nothing chosen")
    page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name="That is me").click()
    expect(heading(page)).to_have_text(IDEAS)
    assert the_device(live, devices_before).participant_id == person.id

    # An idea, said by this person and typed on their own device.
    text = f"Someone to call at night who knows me ({name})"
    page.get_by_label("Your idea").fill(text)
    page.get_by_role("button", name="Send idea").click()
    expect(page.get_by_role("status").filter(has_text="Your idea was sent.")).to_be_visible()
    expect(page.locator("ul.ideas").first).to_contain_text(text)
    [idea] = [idea for idea in live.store.ideas(stage_id=live.stages[IDEAS].id) if idea.text == text]
    assert (idea.said_by, idea.typed_by, idea.anonymous) == (person.id, TYPED_ON_A_PHONE, False)
    if scripts:
        check_page(page, "ideas")

    # The vote: add two dots, take one back; the budget sentence follows.
    live.move_to(VOTE)
    follow(page, scripts)
    expect(heading(page)).to_have_text(VOTE)
    budget = live.store.vote_budget(vote.id)
    budget_line = page.locator("#budget")
    expect(budget_line).to_have_text(f"You have {budget} of {budget} dots left. At most 3 on one item.")
    mine = page.locator("ul.choices > li").filter(has_text=text)
    mine.get_by_role("button", name="Add a dot").click()
    expect(budget_line).to_have_text(f"You have {budget - 1} of {budget} dots left. At most 3 on one item.")
    mine.get_by_role("button", name="Add a dot").click()
    expect(budget_line).to_contain_text(f"You have {budget - 2} of {budget}")
    expect(mine.locator(".mine")).to_contain_text("Your dots: 2")
    assert live.store.dots_of(vote.id, person.id) == {("idea", idea.id): 2}
    mine.get_by_role("button", name="Take one back").click()
    expect(budget_line).to_contain_text(f"You have {budget - 1} of {budget}")
    expect(mine.locator(".mine")).to_contain_text("Your dots: 1")
    assert live.store.dots_of(vote.id, person.id) == {("idea", idea.id): 1}
    entered_by = live.store.db.execute(
        "SELECT DISTINCT entered_by FROM votes WHERE stage_id = ? AND participant_id = ?", (vote.id, person.id)
    ).fetchall()
    assert entered_by == [(TYPED_ON_A_PHONE,)]
    if scripts:
        check_page(page, "vote")

    # The facilitator reveals the vote: everyone's totals, this person's own dots beside them.
    live.store.set_revealed(vote.id, True)
    follow(page, scripts)
    expect(page.get_by_role("heading", name="The results")).to_be_visible()
    expect(page.locator("ol.results > li").filter(has_text=text)).to_contain_text("(your dots: 1)")
    if scripts:
        check_page(page, "vote results")

    # Check-out against the Five Values: one left out is named; then all, kept with no name.
    live.move_to(CHECKOUT)
    follow(page, scripts)
    expect(heading(page)).to_have_text(CHECKOUT)
    values = checkout_values(checkout.settings)
    assert len(values) == 5
    if scripts:
        check_page(page, "check-out")
    for number, value in enumerate(values[:-1]):
        score(page, value, number % 5 + 1).click()
    page.get_by_role("button", name="Send my check-out").click()
    expect(page.locator("#checkout-error")).to_have_text(f"Problem: Choose a score for {values[-1]}.")
    assert not live.store.has_sent_checkout(checkout.id, person.id)
    for number, value in enumerate(values[:-1]):  # what was chosen is still chosen
        radio = page.get_by_role("group", name=value).get_by_role("radio", name=re.compile(rf"^{number % 5 + 1}\b"))
        expect(radio).to_be_checked()
    if scripts:
        check_page(page, "check-out, with a value left out")
    scores_before = len(live.store.values_scores(live.workshop.id))
    score(page, values[-1], 5).click()
    page.get_by_role("button", name="Send my check-out").click()
    expect(page.get_by_role("status")).to_contain_text("Your check-out is saved.")
    assert live.store.has_sent_checkout(checkout.id, person.id)
    scores = live.store.values_scores(live.workshop.id)[scores_before:]
    assert {(score.value, score.score) for score in scores} == {
        (value, number % 5 + 1) for number, value in enumerate(values[:-1])
    } | {(values[-1], 5)}
    columns = {row[1] for row in live.store.db.execute("PRAGMA table_info(values_scores)").fetchall()}
    assert not columns & {"participant_id", "said_by", "person_id", "device_id"}, columns

    if scripts:
        page.goto("/no-such-page")
        expect(heading(page)).to_have_text("Not found")
        check_page(page, "message (not found)")


def test_the_page_follows_the_stage_and_keeps_what_is_being_typed(live, phone):
    live.move_to(IDEAS)
    devices_before = {device.id for device in live.store.devices(live.workshop.id)}
    page = phone(scripts=True)
    join_with_code(page, live, scripts=False)

    # Someone not on the list joins as new, choosing how they appear.
    page.get_by_label("Your first name").fill("Sam")
    page.get_by_label("I am a carer").check()
    page.get_by_label("By my name").check()
    page.get_by_role("button", name="Join as someone new").click()
    expect(heading(page)).to_have_text(IDEAS)
    device = the_device(live, devices_before)
    sam = live.store.participant(device.participant_id)
    assert (sam.name, [p.value for p in sam.perspectives], sam.attribution.value, sam.is_present) == (
        "Sam", ["carer"], "named", True)  # fmt: skip
    expect(page.get_by_text("To the room you appear as Sam")).to_be_visible()

    # The facilitator moves on: the page changes by itself, within about a second.
    started = time.monotonic()
    live.move_to(QUIET_IDEAS)
    expect(heading(page)).to_have_text(QUIET_IDEAS, timeout=3_000)
    waited = time.monotonic() - started
    assert waited < 2.0, f"the page took {waited:.1f} s to follow the stage"
    expect(page.get_by_text("This is a quiet round")).to_be_visible()
    check_page(page, "ideas, quiet round")

    # Half-way through typing, the facilitator moves on again: nothing typed is thrown away.
    typed = "A quiet room to wait in, away from the main ward"
    page.get_by_label("Your idea").fill(typed)
    live.move_to(BREAK)
    moved = page.locator("#moved")
    expect(moved).to_be_visible(timeout=3_000)
    expect(moved).to_contain_text("The workshop has moved on.")
    expect(heading(page)).to_have_text(QUIET_IDEAS)
    expect(page.get_by_label("Your idea")).to_have_value(typed)
    check_page(page, "ideas, with the moved-on note")
    # Sending it now: not saved, and said so, with the words still there to copy.
    page.get_by_role("button", name="Send idea").click()
    expect(heading(page)).to_have_text(BREAK)
    expect(page.get_by_text(re.compile("your idea was not sent"))).to_be_visible()
    expect(page.get_by_label(re.compile("Your idea"))).to_have_value(typed)
    assert not [idea for idea in live.store.ideas(workshop_id=live.workshop.id) if idea.text == typed]
    check_page(page, "break, with the idea that was not sent")
