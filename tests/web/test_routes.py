"""The phones' pages, route by route, as a participant uses them (Starlette's TestClient): the
join code, claimed names, silent rounds, budget and cap, secrecy before the reveal, CSRF, caps and
limits, and a stage that moves on under someone's typing."""

from __future__ import annotations

import re

import pytest
from phone_client import SECRET, Phone, phone_app

from facilitator.domain.models import StageKind


@pytest.fixture
def room(store, clock, db_path, workshop_factory):
    """A workshop at its ideas stage with four people here, and a way to make phones for it."""
    built = workshop_factory(people=4, ideas=0)
    store.start_stage(built.ideas_stage.id)
    app = phone_app(db_path, built.workshop.id, clock)
    phones: list[Phone] = []

    def phone(address: str = "10.0.0.5") -> Phone:
        made = Phone(app, address).__enter__()
        phones.append(made)
        return made

    room = type("Room", (), {})()
    room.built, room.app, room.phone, room.code = built, app, phone, store.join_code(built.workshop.id)
    yield room
    for made in phones:
        made.__exit__(None, None, None)


def joined(room, person_index: int = 0, address: str = "10.0.0.5") -> Phone:
    phone = room.phone(address)
    phone.join(room.code)
    phone.claim(room.built.people[person_index].id)
    return phone


# -- joining --------------------------------------------------------------------------------------


def test_a_wrong_code_gets_a_sentence_and_the_right_one_leads_to_the_names(room) -> None:
    phone = room.phone()
    response = phone.join("ABCDEF" if room.code != "ABCDEF" else "GHJKMN")
    assert response.status_code == 400
    assert phone.error() == "That join code is not right. Check the code on the screen and try again."
    response = phone.join(f"{room.code[:3].lower()} {room.code[3:]}")
    assert response.url.path == "/who"
    names = re.findall(r'<label for="person-\d+">(.*?)</label>', phone.page)
    assert names == sorted(p.name for p in room.built.people)


def test_joining_twice_from_one_phone_counts_it_once(room, store) -> None:
    phone = room.phone()
    phone.join(room.code)
    phone.client.post("/join", data={"csrf": phone.csrf, "code": room.code})
    assert len(store.devices(room.built.workshop.id)) == 1


def test_the_qr_link_fills_in_the_code(room) -> None:
    phone = room.phone()
    phone.get(f"/?code={room.code}")
    assert f'value="{room.code}"' in phone.page


def test_repeated_wrong_codes_from_one_address_are_slowed_down(room) -> None:
    guesser = room.phone("10.0.0.66")
    for _ in range(5):
        assert guesser.join("ZZZZZZ").status_code == 400
    refused = guesser.join(room.code)  # even the right code must wait now
    assert refused.status_code == 429
    assert re.search(r"Too many wrong codes from this device\. Wait \d+ seconds", guesser.error())
    # Someone else in the room is not held up by it.
    assert room.phone("10.0.0.7").join(room.code).url.path == "/who"


def test_a_form_without_its_token_is_refused_and_changes_nothing(room, store) -> None:
    phone = room.phone()
    phone.get("/")
    response = phone.client.post("/join", data={"code": room.code})
    assert response.status_code == 403 and "out of date" in response.text
    response = phone.client.post("/join", data={"code": room.code, "csrf": "forged-token-from-elsewhere"})
    assert response.status_code == 403
    assert store.devices(room.built.workshop.id) == []


def test_a_name_taken_by_one_phone_is_not_offered_to_another(room) -> None:
    first = joined(room, 0)
    assert first.client.get("/now").url.path == "/now"
    second = room.phone("10.0.0.8")
    second.join(room.code)
    offered = re.findall(r'<label for="person-\d+">(.*?)</label>', second.page)
    assert room.built.people[0].name not in offered and len(offered) == 3
    second.claim(room.built.people[0].id)  # an old page, or a guess
    assert "has already joined from another phone" in second.error()


def test_joining_as_someone_new_with_their_own_choice_of_how_to_appear(room, store) -> None:
    phone = room.phone()
    phone.join(room.code)
    phone.join_as_new("", ("carer", "lived experience"), "anonymous")
    assert phone.client.get("/now").url.path == "/now"
    guest = [p for p in store.participants(room.built.workshop.id) if p.name == "Guest 1"][0]
    assert guest.is_present and guest.attribution.value == "anonymous"
    assert "you appear as a participant" in phone.client.get("/now").text


def test_a_new_code_logs_every_phone_out_and_a_freed_name_goes_back_to_the_list(room, store) -> None:
    phone = joined(room, 1)
    store.release_person(room.built.people[1].id)
    assert phone.client.get("/now").url.path == "/who"
    phone.claim(room.built.people[1].id)
    store.change_join_code(room.built.workshop.id)
    assert phone.client.get("/now").url.path == "/"


def test_a_full_workshop_says_so(store, clock, db_path, workshop_factory) -> None:
    built = workshop_factory(people=1, ideas=0)
    store.start_stage(built.ideas_stage.id)
    app = phone_app(db_path, built.workshop.id, clock, max_devices=1)
    code = store.join_code(built.workshop.id)
    with Phone(app) as first, Phone(app, "10.0.0.9") as second:
        first.join(code)
        assert second.join(code).status_code == 429
        assert "already has 1 phones joined" in second.error()


# -- ideas ------------------------------------------------------------------------------------------


def test_an_idea_from_a_phone_is_saved_as_said_by_them_typed_on_their_own_device(room, store) -> None:
    phone = joined(room, 0)
    phone.send_idea("A quiet room with soft lights")
    assert "Your idea was sent." in phone.page
    idea = store.ideas(stage_id=room.built.ideas_stage.id)[-1]
    assert (idea.text, idea.said_by, idea.typed_by) == (
        "A quiet room with soft lights", room.built.people[0].id, "their own device"
    )
    assert "A quiet room with soft lights" in phone.page


def test_an_anonymous_idea_keeps_no_person_but_the_phone_can_still_take_it_back(room, store) -> None:
    phone = joined(room, 0)
    phone.send_idea("Nobody should know this was me", anonymous=True)
    idea = store.ideas(stage_id=room.built.ideas_stage.id)[-1]
    assert idea.anonymous and idea.said_by is None
    assert "you, without your name" in phone.page
    other = joined(room, 1, "10.0.0.9")
    response = other.post(f"/ideas/{idea.id}/withdraw")
    assert response.status_code == 404 and not store.idea(idea.id).withdrawn
    phone.post(f"/ideas/{idea.id}/withdraw")
    assert store.idea(idea.id).withdrawn and "Your idea was taken back." in phone.page


def test_a_silent_round_shows_a_phone_its_own_ideas_only_until_the_reveal(store, clock, db_path) -> None:
    workshop = store.create_workshop(title="Quiet", date="2025-03-14", stages=[
        {"kind": "ideas", "title": "Silent ideas", "minutes": 10, "settings": {"silent": True, "prompt": "What helps?"}},
    ])  # fmt: skip
    people = [store.add_participant(workshop.id, name, ["carer"], "named", arrived=True) for name in ("Ann", "Bo")]
    stage = store.stages(workshop.id)[0]
    store.start_stage(stage.id)
    app = phone_app(db_path, workshop.id, clock)
    code = store.join_code(workshop.id)
    with Phone(app) as ann, Phone(app, "10.0.0.9") as bo:
        for phone, person in ((ann, people[0]), (bo, people[1])):
            phone.join(code)
            phone.claim(person.id)
        ann.send_idea("Ann's private thought")
        bo.send_idea("Bo's private thought")
        assert "Ann's private thought" not in bo.client.get("/now").text.replace("&#39;", "'")
        assert "Ideas sent so far by everyone: 2." in bo.page
        store.set_revealed(stage.id)
        page = bo.client.get("/now").text.replace("&#39;", "'")
        assert "Ann's private thought" in page and "From Ann" in page


def test_a_stage_that_moved_on_refuses_the_idea_and_keeps_the_text_in_the_box(room, store) -> None:
    phone = joined(room, 0)
    stage_field = phone.stage_id()
    vote = room.built.vote
    store.start_stage(vote.id)
    response = phone.send_idea("Typed while the facilitator moved on", stage=stage_field)
    assert response.status_code == 409
    assert phone.error() == ("The facilitator has moved on to \u201cVote 1\u201d, so your idea was not sent. "
                             "Here is what you typed, to keep.")
    assert ">Typed while the facilitator moved on</textarea>" in phone.page
    assert store.ideas(stage_id=room.built.ideas_stage.id) == []


def test_sending_too_fast_is_slowed_and_the_text_is_kept(room, store) -> None:
    phone = joined(room, 0)
    room.app.state.site.send_limit.burst = 3
    room.app.state.site.send_limit._buckets.clear()
    for number in range(3):
        assert phone.send_idea(f"Idea {number}").status_code == 200
    response = phone.send_idea("One too many")
    assert response.status_code == 429 and "Wait a few seconds" in phone.error()
    assert ">One too many</textarea>" in phone.page
    assert len(store.ideas(stage_id=room.built.ideas_stage.id)) == 3


# -- the vote ---------------------------------------------------------------------------------------


@pytest.fixture
def vote_room(store, clock, db_path, workshop_factory):
    built = workshop_factory(people=3, ideas=4)  # 3 dots each, at most 2 on one (see conftest)
    store.start_stage(built.vote.id)
    app = phone_app(db_path, built.workshop.id, clock)
    code = store.join_code(built.workshop.id)
    phones = []
    for index, person in enumerate(built.people):
        phone = Phone(app, f"10.0.1.{index}").__enter__()
        phone.join(code)
        phone.claim(person.id)
        phones.append(phone)
    yield built, phones
    for phone in phones:
        phone.__exit__(None, None, None)


def test_dots_from_a_phone_follow_the_budget_and_the_cap_checked_by_the_store(vote_room, store) -> None:
    built, (ann, *_) = vote_room
    first, second = built.ideas[0], built.ideas[1]
    assert "You have 3 of 3 dots left. At most 2 on one item." in " ".join(re.sub("<[^>]+>", "", ann.page).split())
    ann.dot("idea", first.id)
    ann.dot("idea", first.id)
    ann.dot("idea", first.id)
    assert ann.error() == 'Aisha Khan already has 2 dots on "Idea 1"; the most on one item is 2.'
    ann.dot("idea", second.id)
    ann.dot("idea", built.ideas[2].id, "add")
    assert ann.error() == "Aisha Khan has used all 3 dots."
    assert store.dots_of(built.vote.id, built.people[0].id) == {("idea", first.id): 2, ("idea", second.id): 1}
    ann.dot("idea", first.id, "remove")
    assert store.dots_of(built.vote.id, built.people[0].id)[("idea", first.id)] == 1
    assert "You have 1 of 3 dots left." in " ".join(re.sub("<[^>]+>", "", ann.page).split())


def test_nothing_of_the_tally_reaches_a_phone_before_the_reveal(vote_room, store) -> None:
    built, (ann, bo, cal) = vote_room
    favourite = built.ideas[3]
    ann.dot("idea", favourite.id)
    ann.dot("idea", favourite.id)
    bo.dot("idea", favourite.id)
    page = cal.client.get("/now").text
    state = cal.client.get("/state").text
    # Cal sees only Cal's own dots: zero everywhere, and no totals, ranks or "tied".
    assert re.findall(r"Your dots: <strong>(\d+)</strong>", page) == ["0"] * 4
    assert "dots</strong>" not in page and "tied" not in page and "The results" not in page
    assert "dot" not in state.lower().replace("\"key\"", "")
    store.set_revealed(built.vote.id)
    revealed = cal.client.get("/now").text
    assert "The results" in revealed and "3 dots" in revealed
    assert "add" not in re.findall(r'name="change" value="(\w+)"', revealed)


def test_a_dot_after_the_reveal_is_refused_with_the_stores_sentence(vote_room, store) -> None:
    built, (ann, *_) = vote_room
    stage_field = ann.stage_id()
    store.set_revealed(built.vote.id)
    ann.post("/dots", stage=stage_field, choice=f"idea:{built.ideas[0].id}", change="add")
    assert ann.error() == "The votes have been revealed, so no more dots can be given."
    assert store.dots_used(built.vote.id) == {}


# -- check-out, other stages, the end ---------------------------------------------------------------


def test_a_check_out_is_saved_with_no_person_once_and_a_missing_score_keeps_the_others(store, clock, db_path) -> None:
    workshop = store.create_workshop(title="End", date="2025-03-14",
                                     stages=[{"kind": "evaluate", "title": "Check-out", "minutes": 5}])  # fmt: skip
    person = store.add_participant(workshop.id, "Ann", ["carer"], arrived=True)
    store.start_stage(store.stages(workshop.id)[0].id)
    with Phone(phone_app(db_path, workshop.id, clock)) as phone:
        phone.join(store.join_code(workshop.id))
        phone.claim(person.id)
        response = phone.check_out({0: 5, 1: 4, 2: 3, 3: 4})
        assert response.status_code == 400 and phone.error() == "Choose a score for Personalisation."
        assert 'id="score-0-5" name="score-0" value="5" checked' in phone.page
        phone.check_out({0: 5, 1: 4, 2: 3, 3: 4, 4: 2})
        assert "Your check-out is saved." in phone.page
        assert sorted(s.score for s in store.values_scores(workshop.id)) == [2, 3, 4, 4, 5]
        assert 'action="/checkout"' not in phone.client.get("/now").text


def test_other_stages_say_what_is_happening_and_the_time_left(room, store, clock) -> None:
    phone = joined(room, 0)
    decide = next(s for s in room.built.stages if s.kind is StageKind.DECIDE)
    store.start_stage(decide.id)
    clock.advance(61)
    page = phone.client.get("/now").text
    assert "<h1>Decisions</h1>" in page and "making decisions together" in page
    assert "8 minutes left" in page
    assert phone.client.get("/state").json()["time"] == "8 minutes left"
    store.finish_workshop(room.built.workshop.id)
    assert "The workshop has finished" in phone.client.get("/now").text


def test_the_state_key_changes_when_the_stage_moves(room, store) -> None:
    phone = joined(room, 0)
    before = phone.client.get("/state").json()["key"]
    assert f'data-key="{before}"' in phone.client.get("/now").text
    store.start_stage(room.built.vote.id)
    assert phone.client.get("/state").json()["key"] != before


# -- safety -----------------------------------------------------------------------------------------


def test_every_page_carries_the_security_headers(room) -> None:
    phone = room.phone()
    for path in ("/", "/static/site.css", "/nowhere"):
        headers = phone.client.get(path).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
    cookie = room.phone("10.0.0.44").client.get("/").headers.get("set-cookie", "")
    assert "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()


def test_an_oversized_body_is_refused_before_it_is_read(room, store) -> None:
    phone = joined(room, 0)
    response = phone.post("/ideas", stage=phone.stage_id(), idea="x" * 200_000)
    assert response.status_code == 413
    assert store.ideas(stage_id=room.built.ideas_stage.id) == []


def test_nothing_of_the_facilitators_is_reachable(room) -> None:
    paths = sorted(getattr(route, "path", "") for route in room.app.routes)
    assert paths == ["/", "/checkin-word", "/checkout", "/dots", "/favicon.ico", "/ideas", "/ideas/{idea_id:int}/withdraw",
                     "/join", "/ladder", "/leave", "/now", "/scores", "/state", "/static", "/who", "/who/name",
                     "/who/new"]  # fmt: skip
    phone = joined(room, 0)
    for path in ("/minutes", "/reveal", "/roster", "/stage/next", "/workshops", "/export"):
        assert phone.client.get(path).status_code == 404


def test_a_phone_keeps_its_place_when_the_server_is_restarted(room, store, clock, db_path) -> None:
    phone = joined(room, 2)
    cookies = dict(phone.client.cookies)
    with Phone(phone_app(db_path, room.built.workshop.id, clock)) as after_restart:
        after_restart.client.cookies.update(cookies)
        response = after_restart.client.get("/now")
        assert response.url.path == "/now" and f"You joined as {room.built.people[2].name}" in response.text
    assert SECRET  # the same secret: it is kept on this computer between runs (local/web_secret.py)


def test_leaving_frees_the_name(room, store) -> None:
    phone = joined(room, 0)
    phone.post("/leave")
    assert phone.client.get("/now").url.path == "/"
    assert room.built.people[0].id in {p.id for p in store.names_to_claim(room.built.workshop.id)}
