"""Recognition at the store: one choice per person per workshop, private, keyed on the person."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from facilitator.domain.errors import InvalidText, NotFound
from facilitator.storage.exchange import export_json, import_record, load_record, parse_record
from facilitator.storage.store import Store, memory_store

START = datetime(2027, 1, 31, 10, 0, tzinfo=UTC).timestamp()
STAGES = [{"kind": "welcome", "title": "Welcome", "minutes": 30}, {"kind": "ideas", "title": "Ideas",
          "minutes": 90, "settings": {"prompt": "What matters?"}}]  # fmt: skip


@pytest.fixture
def store() -> Iterator[Store]:
    store = memory_store(clock=lambda: START)
    yield store
    store.close()


def workshop(store: Store, title: str = "Crisis care", series: str = "Crisis", date: str = "2027-01-31", **details):
    return store.create_workshop(title=title, stages=STAGES, series=series, date=date, details=details or None)


def test_a_workshop_keeps_its_invitation_details_and_edit_changes_only_what_is_given(store):
    made = workshop(store, start_time="10am", step_free="yes", contact_name="Sam")
    assert (made.start_time, made.step_free, made.contact_name) == ("10:00", "yes", "Sam")
    store.set_workshop_details(made.id, start_time="9:30", hearing_loop="In the main room", hourly_rate_pence=1600)
    changed = store.workshop(made.id)
    assert (changed.start_time, changed.step_free, changed.hearing_loop) == ("09:30", "yes", "In the main room")
    assert changed.hourly_rate_pence == 1600


def test_a_bad_detail_changes_nothing(store):
    made = workshop(store, start_time="10:00")
    with pytest.raises(InvalidText, match="start time"):
        store.set_workshop_details(made.id, contact_name="Sam", start_time="25:00")
    assert store.workshop(made.id).contact_name == ""


def test_recording_again_replaces_the_choice(store):
    person = store.add_participant(workshop(store).id, "Jo")
    store.record_recognition(person.id, "paid", travel_pence=450)
    store.record_recognition(person.id, "declined", care_pence=1200)
    given = store.recognition_for(person.id)
    assert (given.kind, given.travel_pence, given.care_pence) == ("declined", 0, 1200)
    assert store._value("SELECT count(*) FROM recognition") == 1


def test_a_donation_needs_its_cause(store):
    person = store.add_participant(workshop(store).id, "Jo")
    with pytest.raises(InvalidText, match="cause"):
        store.record_recognition(person.id, "donated")
    assert store.recognition_for(person.id) is None


def test_the_sheet_uses_the_workshop_rate_over_the_series_and_rounds_as_the_series_says(store):
    first, second = workshop(store), workshop(store, "Second", date="2027-02-07")
    store.set_series_settings("Crisis", hourly_rate_pence=1500, rounding_minutes=60, currency="£")
    store.set_workshop_details(second.id, hourly_rate_pence=2000)
    for made in (first, second):
        person = store.add_participant(made.id, "Jo")
        store.record_recognition(person.id, "paid", travel_pence=300)
    rows = store.recognition_rows(series="Crisis")
    # Whole session 120 minutes (not marked): 2 hours at £15, then at the workshop's £20.
    assert [(r.workshop, r.owed.minutes, r.owed.amount, r.owed.total) for r in rows] == [
        ("Crisis care", 120, 3000, 3300), ("Second", 120, 4000, 4300)]
    assert [r.workshop for r in store.recognition_rows(since="2027-02-01")] == ["Second"]
    assert [r.workshop for r in store.recognition_rows(until="31/01/2027")] == ["Crisis care"]
    assert store.recognition_rows(series="Another") == []


def test_time_in_the_room_comes_from_arrived_and_left(store):
    made = workshop(store)
    clock = [START]
    store.clock = lambda: clock[0]
    person = store.add_participant(made.id, "Jo", arrived=True)
    clock[0] += 61 * 60
    store.mark_left(person.id)
    store.record_recognition(person.id, "paid")
    store.set_series_settings("Crisis", hourly_rate_pence=1000)
    (row,) = store.recognition_rows()
    assert (row.owed.minutes, row.owed.amount, row.note) == (90, 1500, "")


def test_removing_a_person_removes_their_recognition_and_forgetting_leaves_no_name(store):
    made = workshop(store)
    gone, forgotten = store.add_participant(made.id, "Gone"), store.add_participant(made.id, "Jo Bennett")
    for person in (gone, forgotten):
        store.record_recognition(person.id, "paid", travel_pence=100)
    store.remove_participant(gone.id)
    store.forget_participant(forgotten.id)
    (row,) = store.recognition_rows()
    assert row.shown_name == "(name removed)"
    dump = "\n".join(str(r) for r in store._rows("SELECT * FROM recognition"))
    assert "Jo Bennett" not in dump and "Gone" not in dump


def test_recognition_never_leaves_in_an_export_without_include_private(store):
    made = workshop(store)
    person = store.add_participant(made.id, "Jo", attribution="named")
    store.record_recognition(person.id, "donated", donated_to="Mind", travel_pence=450)
    assert json.loads(export_json(store, made.id))["recognition"] == []
    assert "Mind" not in export_json(store, made.id)
    assert load_record(store, made.id).recognition == []
    private = export_json(store, made.id, include_private=True)
    assert json.loads(private)["recognition"][0]["donated_to"] == "Mind"
    # And it comes back with the person it belongs to, in another database.
    other = memory_store(clock=lambda: START)
    moved = import_record(other, parse_record(private, "moved.json"))
    (row,) = other.recognition_rows()
    assert (row.workshop_id, row.name, row.recognition.travel_pence) == (moved.id, "Jo", 450)
    assert moved.start_time is None and other.workshop(moved.id).title == "Crisis care"


def test_an_export_keeps_the_invitation_details(store):
    made = workshop(store, start_time="10:00", access_notes="Ramp at the side door", contact_details="07700 900123")
    other = memory_store(clock=lambda: START)
    moved = import_record(other, parse_record(export_json(store, made.id), "moved.json"))
    assert (moved.start_time, moved.access_notes, moved.contact_details) == (
        "10:00", "Ramp at the side door", "07700 900123")


def test_people_are_found_by_name_or_number_in_their_workshop(store):
    made = workshop(store)
    jo = store.add_participant(made.id, "Jo Bennett")
    assert store.find_participant(made.id, "jo bennett").id == jo.id
    assert store.find_participant(made.id, str(jo.id)).id == jo.id
    with pytest.raises(NotFound, match="nobody called Sam"):
        store.find_participant(made.id, "Sam")


def test_series_settings_keep_what_was_not_changed(store):
    store.set_series_settings("Crisis", hourly_rate_pence=1500, rounding_minutes=15)
    settings = store.set_series_settings("Crisis", currency="€")
    assert (settings.hourly_rate_pence, settings.rounding_minutes, settings.currency) == (1500, 15, "€")
    with pytest.raises(InvalidText, match="rounding"):
        store.set_series_settings("Crisis", rounding_minutes=500)


def test_paid_time_with_no_rate_is_counted_as_nothing_and_the_row_says_why(store):
    from facilitator.domain.recognition import missing_rate_sentences

    crisis, alone = workshop(store), workshop(store, "On its own", series="")
    paid = store.add_participant(crisis.id, "Jo")
    store.record_recognition(paid.id, "paid")
    store.record_recognition(store.add_participant(crisis.id, "Ali").id, "declined")
    store.record_recognition(store.add_participant(crisis.id, "Sam").id, "voucher", amount_pence=2500)
    store.record_recognition(store.add_participant(alone.id, "Kim").id, "donated", donated_to="Mind")
    rows = {r.name: r for r in store.recognition_rows()}
    assert rows["Jo"].owed.amount == 0 and "no hourly rate is set" in rows["Jo"].note
    # Declining, or a fixed amount, needs no rate: nothing is said about one.
    assert "rate" not in rows["Ali"].note and "rate" not in rows["Sam"].note
    assert missing_rate_sentences(rows.values()) == [
        "No hourly rate is set for Crisis: time is counted as 0.00. Set one with facilitator series-rate.",
        (f"No hourly rate is set for On its own: time is counted as 0.00. Set one with facilitator edit {alone.id} "
         "--rate AMOUNT."),
    ]
    store.set_series_settings("Crisis", hourly_rate_pence=1500)
    store.set_workshop_details(alone.id, hourly_rate_pence=1000)
    assert missing_rate_sentences(store.recognition_rows()) == []
    assert "rate" not in next(r for r in store.recognition_rows() if r.name == "Jo").note
