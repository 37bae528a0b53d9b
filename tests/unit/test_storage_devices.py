"""Phones at the store: the join code, the cap on devices, one phone per name, the check-out sent
once with no person, and none of it in the exports."""

from __future__ import annotations

import sqlite3
import threading

import pytest

from facilitator.domain import join_code
from facilitator.domain.errors import InvalidText, NotFound, RuleBroken, WorkshopFull, WrongJoinCode
from facilitator.storage.exchange import export_json


def test_a_join_code_is_six_unmistakable_characters_and_stays_until_changed(store, workshop_factory) -> None:
    workshop = workshop_factory().workshop
    code = store.join_code(workshop.id)
    assert len(code) == 6 and set(code) <= set(join_code.ALPHABET)
    assert not set(code) & set("0O1Il")
    assert store.join_code(workshop.id) == code
    assert join_code.normalise(f" {code[:3].lower()}-{code[3:]} ") == code


def test_a_wrong_code_adds_no_device_and_a_full_workshop_says_so(store, workshop_factory) -> None:
    workshop = workshop_factory().workshop
    code = store.join_code(workshop.id)
    wrong = "".join("A" if ch != "A" else "B" for ch in code)
    with pytest.raises(WrongJoinCode, match="not right"):
        store.join_device(workshop.id, wrong, "t0")
    assert store.devices(workshop.id) == []
    store.join_device(workshop.id, code.lower(), "t1", max_devices=2)
    store.join_device(workshop.id, f"{code[:3]} {code[3:]}", "t2", max_devices=2)
    with pytest.raises(WorkshopFull, match="already has 2 phones"):
        store.join_device(workshop.id, code, "t3", max_devices=2)
    assert len(store.devices(workshop.id)) == 2


def test_a_new_code_logs_every_phone_out(store, workshop_factory) -> None:
    built = workshop_factory()
    code = store.join_code(built.workshop.id)
    device = store.join_device(built.workshop.id, code, "token")
    store.claim_person(device.id, built.people[0].id)
    new = store.change_join_code(built.workshop.id)
    assert new != code or len(store.devices(built.workshop.id)) == 0
    assert store.device_for_token(built.workshop.id, "token") is None
    with pytest.raises(WrongJoinCode):
        store.join_device(built.workshop.id, code if code != new else "ZZZZZZ", "again")
    # The person is free to join again from a phone.
    assert built.people[0].id in {p.id for p in store.names_to_claim(built.workshop.id)}


def test_the_cookie_token_is_not_kept_only_its_hash(store, workshop_factory, db_path) -> None:
    workshop = workshop_factory().workshop
    store.join_device(workshop.id, store.join_code(workshop.id), "secret-token-value")
    assert b"secret-token-value" not in db_path.read_bytes() + db_path.with_name(db_path.name + "-wal").read_bytes()


def test_a_name_is_taken_by_one_phone_only(store, workshop_factory) -> None:
    built = workshop_factory(people=3)
    code = store.join_code(built.workshop.id)
    first = store.join_device(built.workshop.id, code, "a")
    second = store.join_device(built.workshop.id, code, "b")
    aisha = built.people[0]
    store.claim_person(first.id, aisha.id)
    assert aisha.id not in {p.id for p in store.names_to_claim(built.workshop.id)}
    with pytest.raises(RuleBroken, match="already joined from another phone"):
        store.claim_person(second.id, aisha.id)
    assert store.device_for_token(built.workshop.id, "b").participant_id is None


def test_two_phones_claiming_one_name_at_the_same_moment_get_one_each_way(store, reopen, workshop_factory) -> None:
    built = workshop_factory(people=2)
    code = store.join_code(built.workshop.id)
    devices = [store.join_device(built.workshop.id, code, f"t{n}") for n in range(6)]
    stores = [reopen() for _ in devices]
    outcomes: list[str] = []

    def claim(own_store, device) -> None:
        try:
            own_store.claim_person(device.id, built.people[0].id)
            outcomes.append("claimed")
        except RuleBroken:
            outcomes.append("refused")

    threads = [threading.Thread(target=claim, args=pair) for pair in zip(stores, devices)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["claimed"] + ["refused"] * 5
    assert len([d for d in store.devices(built.workshop.id) if d.participant_id == built.people[0].id]) == 1


def test_only_people_marked_here_can_be_claimed(store, workshop_factory) -> None:
    built = workshop_factory(people=3, arrived=False)
    code = store.join_code(built.workshop.id)
    device = store.join_device(built.workshop.id, code, "t")
    assert store.names_to_claim(built.workshop.id) == []
    with pytest.raises(RuleBroken, match="not marked as here"):
        store.claim_person(device.id, built.people[0].id)
    store.mark_arrived(built.people[1].id)
    store.mark_arrived(built.people[2].id)
    store.mark_left(built.people[2].id)
    assert [p.id for p in store.names_to_claim(built.workshop.id)] == [built.people[1].id]
    other = workshop_factory(people=1)
    with pytest.raises(NotFound):
        store.claim_person(device.id, other.people[0].id)


def test_joining_as_someone_new_adds_them_here_tied_to_the_phone(store, workshop_factory) -> None:
    built = workshop_factory(people=1)
    code = store.join_code(built.workshop.id)
    first = store.join_device(built.workshop.id, code, "a")
    second = store.join_device(built.workshop.id, code, "b")
    guest = store.join_as_new(first.id, "", ["carer"], "anonymous")
    assert guest.name == "Guest 1" and guest.is_present and guest.attribution.value == "anonymous"
    named = store.join_as_new(second.id, "  Sam  ", ["staff", "lived experience"], "named")
    assert named.name == "Sam" and set(named.perspectives) == {"staff", "lived experience"}
    assert store.device_for_token(built.workshop.id, "b").participant_id == named.id
    with pytest.raises(RuleBroken, match="already joined as someone"):
        store.join_as_new(second.id, "Again", [], "named")
    with pytest.raises(InvalidText, match="perspective must be one of"):
        store.join_as_new(store.join_device(built.workshop.id, code, "c").id, "X", ["nonsense"], "named")


def test_the_facilitator_frees_a_name_and_the_phone_chooses_again(store, workshop_factory) -> None:
    built = workshop_factory(people=2)
    device = store.join_device(built.workshop.id, store.join_code(built.workshop.id), "t")
    store.claim_person(device.id, built.people[0].id)
    assert store.people_on_devices(built.workshop.id) == {built.people[0].id}
    assert store.release_person(built.people[0].id) is True
    assert store.device_for_token(built.workshop.id, "t").participant_id is None
    assert store.release_person(built.people[0].id) is False


def test_a_check_out_from_a_phone_keeps_no_person_and_is_sent_once(store, workshop_factory) -> None:
    built = workshop_factory(people=2)
    evaluate = store.create_workshop(
        title="Check-out", stages=[{"kind": "evaluate", "title": "Check-out", "minutes": 5}], date="2025-03-14"
    )
    person = store.add_participant(evaluate.id, "Ann", ["carer"], arrived=True)
    stage = store.stages(evaluate.id)[0]
    scores = {"Empathy": 5, "Inclusion": 4, "Honesty": 3, "Working Together": 4, "Personalisation": 2}
    with pytest.raises(RuleBroken, match="Choose a score for Personalisation"):
        store.send_checkout(stage.id, person.id, {k: v for k, v in scores.items() if k != "Personalisation"})
    assert store.values_scores(evaluate.id) == []
    store.send_checkout(stage.id, person.id, scores)
    stored = store.values_scores(evaluate.id)
    assert sorted((s.value, s.score) for s in stored) == sorted(scores.items())
    columns = [row[1] for row in store.database.conn.execute("PRAGMA table_info(values_scores)")]
    assert not any("participant" in column for column in columns)
    with pytest.raises(RuleBroken, match="already sent"):
        store.send_checkout(stage.id, person.id, scores)
    assert len(store.values_scores(evaluate.id)) == 5
    with pytest.raises(RuleBroken, match="check-out is over"):
        store.send_checkout(built.ideas_stage.id, built.people[0].id, scores)


def test_phones_and_codes_never_reach_an_export(store, workshop_factory) -> None:
    built = workshop_factory(people=2)
    code = store.join_code(built.workshop.id)
    device = store.join_device(built.workshop.id, code, "t")
    store.claim_person(device.id, built.people[0].id)
    store.record_web_server(built.workshop.id, "http://127.0.0.1:8765/", local_only=True, pid=1)
    text = export_json(store, built.workshop.id, include_private=True)
    assert code not in text and "8765" not in text and "token" not in text.lower()


def test_the_running_server_is_recorded_and_forgotten_by_its_own_process(store, workshop_factory) -> None:
    workshop = workshop_factory().workshop
    store.record_web_server(workshop.id, "http://192.0.2.5:8765/", local_only=False, pid=111)
    server = store.web_server(workshop.id)
    assert server.address == "http://192.0.2.5:8765/" and server.pid == 111 and not server.local_only
    store.forget_web_server(workshop.id, pid=222)  # another server's stop leaves this one alone
    assert store.web_server(workshop.id) is not None
    store.forget_web_server(workshop.id, pid=111)
    assert store.web_server(workshop.id) is None


def test_who_checked_out_cannot_be_lined_up_with_the_scores(store) -> None:
    """The scores keep no person; the list of who sent theirs must not keep the order they came
    in either, or its nth name would match the nth block of scores."""
    workshop = store.create_workshop(
        title="Check-out", stages=[{"kind": "evaluate", "title": "Check-out", "minutes": 5}], date="2025-03-14"
    )
    stage = store.stages(workshop.id)[0]
    people = [store.add_participant(workshop.id, name, ["carer"], arrived=True) for name in ("Ann", "Bob", "Cy")]
    values = ("Empathy", "Inclusion", "Honesty", "Working Together", "Personalisation")
    for person, score in ((people[2], 3), (people[0], 1), (people[1], 5)):  # sent in this order
        store.send_checkout(stage.id, person.id, dict.fromkeys(values, score))
    conn = store.database.conn
    listed = [row[0] for row in conn.execute("SELECT participant_id FROM checkouts_sent")]
    assert listed == sorted(listed)  # the key's order, not Cy, Ann, Bob
    with pytest.raises(sqlite3.OperationalError):
        conn.execute("SELECT rowid FROM checkouts_sent")
