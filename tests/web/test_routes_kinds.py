"""Placing on a ladder, scoring and checking in from a phone: each saved for that person only,
nothing of anyone's answer or the totals on any phone before the reveal."""

from __future__ import annotations

import re

import pytest
from kinds_workshop import kinds_workshop
from phone_client import Phone, phone_app


def words(page: str) -> str:
    return " ".join(re.sub("<[^>]+>", " ", page).split())


@pytest.fixture
def kinds_room(store, clock, db_path):
    built = kinds_workshop(store)
    app = phone_app(db_path, built.workshop.id, clock)
    code = store.join_code(built.workshop.id)
    phones = []
    for index, person in enumerate(built.people):
        phone = Phone(app, f"10.0.2.{index}").__enter__()
        phone.join(code)
        phone.claim(person.id)
        phones.append(phone)
    yield built, phones
    for phone in phones:
        phone.__exit__(None, None, None)


def test_placing_on_the_ladder_from_a_phone_and_nothing_of_it_on_other_phones(kinds_room, store) -> None:
    built, (ann, bo, cal, _dev) = kinds_room
    store.start_stage(built.ladder.id)
    ann.get("/now")
    assert "Where are we now?" in ann.page and "Coercion" in ann.page
    ann.post("/ladder", stage=str(built.ladder.id), now="4")
    assert ann.error() == "Choose a rung for where we want to be."
    ann.post("/ladder", stage=str(built.ladder.id), now="4", want="7")
    assert "Your places are saved." in ann.page and 'id="now-4" name="now" value="4" checked' in ann.page
    assert store.ladder_placement(built.ladder.id, built.people[0].id) == (4, 7)
    bo.post("/ladder", stage=str(built.ladder.id), now="9", want="7")
    assert bo.error() == "Choose a rung from 1 (the lowest) to 7."
    bo.post("/ladder", stage=str(built.ladder.id), now="3", want="6")
    page = cal.client.get("/now").text
    assert " checked" not in page and "Where everyone placed" not in page  # Cal sees none of Ann's or Bo's
    assert "ladder" not in cal.client.get("/state").text.lower()
    store.set_revealed(built.ladder.id)
    assert "Fewer than 3 people placed themselves" in cal.client.get("/now").text  # two placed: withheld
    ann.post("/ladder", stage=str(built.ladder.id), now="1", want="1")
    assert ann.error() == "The ladder has been revealed, so places can no longer be changed."


def test_scoring_from_a_phone_saves_the_whole_sheet_and_shows_no_totals_before_the_reveal(kinds_room, store) -> None:
    built, (ann, bo, *_) = kinds_room
    stage = built.score.id
    store.start_stage(stage)
    ann.get("/now")
    sheet = {f"score-{a}-{c}": str(a + c) for a in range(2) for c in range(3)}
    ann.post("/scores", stage=str(stage), **{k: v for k, v in sheet.items() if k != "score-1-2"})
    assert ann.error() == "Choose a score for Carers First: Safety."
    assert 'id="score-0-1-1" name="score-0-1" value="1" checked' in ann.page  # the rest kept
    assert store.marks_of(stage, built.people[0].id) == {}
    ann.post("/scores", stage=str(stage), **sheet)
    assert "Your scores are saved." in ann.page
    assert store.marks_of(stage, built.people[0].id)[(1, 2)] == 3
    page = bo.client.get("/now").text
    assert "marks" not in words(page) and " checked" not in page and "Weighted totals" not in page
    store.set_revealed(stage)
    revealed = words(bo.client.get("/now").text)
    assert "Lived experience (x2)" not in revealed and "Lived experience: marks 0 (spread 0)" in revealed


def test_checking_in_from_a_phone_with_a_word_or_a_colour(kinds_room, store) -> None:
    built, (ann, bo, *_) = kinds_room
    stage = built.checkin.id
    store.start_stage(stage)
    ann.get("/now")
    assert "How are you arriving today?" in ann.page and "How are you leaving?" in ann.page
    ann.post("/checkin-word", stage=str(stage), moment="arriving", word="Curious")
    assert "Thank you. Only counts are shown" in ann.page and "You said: Curious." in ann.page
    bo.get("/now")
    bo.post("/checkin-word", stage=str(stage), moment="leaving", colour="red")
    assert store.leaving_low(stage) == [built.people[1].id]
    assert "Curious" not in bo.page  # nobody else's word
    bo.post("/checkin-word", stage=str(stage), moment="arriving", word="")
    assert bo.error() == "The word cannot be empty."


def test_hostile_names_rungs_and_words_stay_text_on_the_phone(store, clock, db_path) -> None:
    from kinds_workshop import AGENDA
    from phone_client import WEB_HOSTILE

    evil = WEB_HOSTILE[1]  # '"><img src=x onerror=alert(1)>'
    agenda = AGENDA.replace('candidates = ["Bright Futures", "Carers First"]', f"candidates = [{evil!r}, 'Other']")
    agenda = agenda.replace('minutes = 15\n', f'minutes = 15\nladder = "Ours"\nrungs = [{evil!r}, "Top"]\n', 1)
    built = kinds_workshop(store, agenda=agenda)
    with Phone(phone_app(db_path, built.workshop.id, clock)) as phone:
        phone.join(store.join_code(built.workshop.id))
        phone.claim(built.people[0].id)
        for stage in (built.ladder, built.score):
            store.start_stage(stage.id)
            page = phone.get("/now").text
            assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
        store.start_stage(built.checkin.id)
        phone.get("/now")
        phone.post("/checkin-word", stage=str(built.checkin.id), word=evil[:40])
        assert "<img src=x" not in phone.page and "You said: &#34;&gt;&lt;img" in phone.page
