"""Follow-up that stays in step: a carried item is the same item as the action or item it came from
(with a dated history), a series' next workshop has somewhere to put what is open, the report leaves
no action out, and export/import keeps where an item came from."""

from __future__ import annotations

import json

import pytest
from cli_runner import invoke

from facilitator.demo import seed_demo
from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.outputs.minutes import render_markdown
from facilitator.storage.exchange import export_json, import_record, load_record, parse_record
from facilitator.storage.store import open_store


def workshop(store, title, day, series="Crisis café", agenda="coproduction-workshop"):
    stages = stages_from_agenda(load_agenda_file(find_agenda(agenda)))
    return store.create_workshop(title=title, stages=stages, date=day, series=series)


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "follow.db")
    yield opened
    opened.close()


# -- 1. a carried item is the same item ------------------------------------------------------------


def test_answering_a_carried_action_moves_the_action_on_with_a_dated_history(store):
    first = workshop(store, "Design day one", "2025-01-10")
    taxi = store.add_action(first.id, "Find out about taxi vouchers")
    second = workshop(store, "Design day two", "2025-03-14")
    [item] = store.feedback_items(second.id)
    assert (item.source_action_id, item.source_workshop_uid) == (taxi.id, first.uid)

    store.update_feedback(item.id, said=item.said, done="Vouchers agreed after 11pm", status="done", by="Sam")

    assert store.action(taxi.id).status == "done"
    assert store.outstanding_actions() == []  # chased nowhere any more
    assert store.action_updates(taxi.id)[-1].note == "Vouchers agreed after 11pm"
    [entry] = store.item_history(action_id=taxi.id)
    assert (entry.changed_by, entry.workshop_title, entry.workshop_date) == ("Sam", "Design day two", "2025-03-14")
    assert entry.change == "status planned \u2192 done; we did: \u201cVouchers agreed after 11pm\u201d"
    assert store.item_history(feedback_id=item.id) == [entry]


def test_moving_the_action_on_answers_the_carried_item_too(store):
    first = workshop(store, "Design day one", "2025-01-10")
    staff = store.add_action(first.id, "Find Saturday staff")
    second = workshop(store, "Design day two", "2025-03-14")
    store.update_action(staff.id, "dropped", "No budget this year")
    [item] = store.feedback_items(second.id)
    assert (item.status, item.reason) == ("not possible", "No budget this year")
    assert store.item_history(feedback_id=item.id)[0].workshop_title == ""  # changed outside a workshop


def test_an_item_carried_twice_is_one_item_in_every_workshop(store):
    first = workshop(store, "One", "2025-01-10", agenda="you-said-we-did-review")
    original = store.add_feedback(first.id, "The phone is never answered", status="planned")
    second = workshop(store, "Two", "2025-02-10", agenda="you-said-we-did-review")
    third = workshop(store, "Three", "2025-03-10", agenda="you-said-we-did-review")
    [carried] = store.feedback_items(third.id)
    store.update_feedback(carried.id, said=carried.said, done="A second line was added", status="done")
    assert store.feedback_item(original.id).status == "done"
    assert [i.status for i in store.feedback_items(second.id)] == ["done"]
    assert store.item_history(feedback_id=original.id)[0].workshop_title == "Three"


def test_the_demo_taxi_action_shows_once_as_done(store):
    first_id, _ = seed_demo(store)
    taxi = [a for a in store.actions(first_id) if "taxi" in a.what]
    assert [a.status for a in taxi] == ["done"]
    assert not [a for a in store.outstanding_actions() if "taxi" in a.action.what]
    minutes = render_markdown(load_record(store, first_id))
    assert minutes.lower().count("taxi vouchers for visitors") == 1


def test_actions_command_shows_one_row_per_real_action(tmp_path):
    db = tmp_path / "demo.db"
    assert invoke("--db", db, "demo", "--no-open").exit_code == 0
    found = json.loads(invoke("--db", db, "actions", "--json").output)
    assert len({a["id"] for a in found}) == len(found)
    assert not [a for a in found if "taxi" in a["what"]]


# -- 2. somewhere to carry what is open -----------------------------------------------------------


def test_new_in_a_series_says_what_was_carried_and_where(tmp_path):
    db = tmp_path / "new.db"
    invoke("--db", db, "new", "coproduction-workshop", "--title", "Day one", "--series", "Café", "--date", "10/01/2025")
    store = open_store(db)
    store.add_action(1, "Find Saturday staff")
    store.close()
    result = invoke("--db", db, "new", "coproduction-workshop", "--title", "Day two", "--series", "Café")
    assert result.exit_code == 0
    assert result.stdout.strip() == "2"  # scripts still read the id alone
    assert ("1 item still open from \u201cDay one\u201d (2025-01-10) carried over: a new stage 2, "
            "\u201cYou said, we did: since last time\u201d, was added for them.") in result.stderr


# -- 3. the report leaves no action out -----------------------------------------------------------


def test_report_lists_actions_not_linked_to_a_decision(tmp_path):
    db = tmp_path / "report.db"
    store = open_store(db)
    day = workshop(store, "Design day", "2025-01-10", series="")
    decision = store.add_decision(day.id, "Open on Saturdays")
    store.add_action(day.id, "Find Saturday staff", decision_id=decision.id)
    loose = store.add_action(day.id, "Send large print minutes", owner_text="Priya")
    store.update_action(loose.id, "done", "Posted to everyone who asked")
    store.add_feedback(day.id, "Chairs are hard", status="done", done="New chairs")
    store.close()
    text = invoke("--db", db, "report", "1").output
    assert "Find Saturday staff" in text
    assert "Send large print minutes." in text and "Posted to everyone who asked" in text
    assert "Chairs are hard" in text


def test_the_series_report_has_every_action_and_item_once(store):
    from facilitator.outputs.report import render_report_markdown

    first = workshop(store, "Design day one", "2025-01-10")
    store.add_action(first.id, "Find out about taxi vouchers")
    store.add_feedback(first.id, "The phone is never answered", status="planned")
    second = workshop(store, "Design day two", "2025-03-14")
    store.add_action(second.id, "Print the leaflet")
    for item in store.feedback_items(second.id):
        store.update_feedback(item.id, said=item.said, done="Sorted", status="done")
    records, title = store.report_records(second.id, whole_series=True)
    text = render_report_markdown(records, title=title)
    assert text.count("Find out about taxi vouchers") == 2  # its reply, and the action itself
    assert "- Find out about taxi vouchers. Status: Done. Latest news (" in text
    assert "- Print the leaflet. Status: Not started." in text
    assert text.count("The phone is never answered") == 1  # one item, answered once
    assert "### At Design day two (14 March 2025)" in text


# -- 4. export and import keep where an item came from ---------------------------------------------


def test_import_links_a_carried_item_to_its_action_when_that_workshop_is_there(tmp_path, store):
    first = workshop(store, "Design day one", "2025-01-10")
    store.add_action(first.id, "Write the leaflet")
    taxi = store.add_action(first.id, "Find out about taxi vouchers")
    second = workshop(store, "Design day two", "2025-03-14")
    target = open_store(tmp_path / "target.db")
    import_record(target, parse_record(export_json(store, first.id, include_private=True), "one.json"))
    moved = import_record(target, parse_record(export_json(store, second.id, include_private=True), "two.json"))
    [item] = [i for i in target.feedback_items(moved.id) if "taxi" in i.said]
    assert target.action(item.source_action_id).what == taxi.what
    target.update_feedback(item.id, said=item.said, done="Agreed", status="done")
    assert target.action(item.source_action_id).status == "done"
    target.close()


@pytest.mark.parametrize("which", [0, 1])
def test_every_demo_workshop_round_trips_with_identical_minutes(tmp_path, which):
    db, fresh, out = tmp_path / "demo.db", tmp_path / "fresh.db", tmp_path / "w.json"
    assert invoke("--db", db, "demo", "--no-open").exit_code == 0
    workshop_id = which + 1
    assert invoke("--db", db, "export", workshop_id, "--include-private", "-o", out).exit_code == 0
    imported = invoke("--db", fresh, "import", out)
    assert imported.exit_code == 0, imported.output
    new_id = imported.output.split("\t")[0]
    before = invoke("--db", db, "minutes", workshop_id).output
    after = invoke("--db", fresh, "minutes", new_id).output
    assert after == before
    if which == 1:
        assert "(raised at an earlier workshop)" in after


def test_items_carried_by_an_earlier_version_are_linked_when_the_file_is_opened(tmp_path):
    from facilitator.storage import db as dbmod
    from facilitator.storage import migrations

    path = tmp_path / "old.db"
    database = dbmod.connect(path)
    before = migrations.KNOWN[: migrations.KNOWN.index("m035_linked_follow_up")]
    migrations.migrations.apply(database.db, stop_before=migrations.KNOWN[len(before):])
    run = database.conn.execute
    run("INSERT INTO workshops (id, uid, title, date, created_at) VALUES (1, 'u1', 'One', '2025-01-10', 'x')")
    run("INSERT INTO workshops (id, uid, title, date, created_at) VALUES (2, 'u2', 'Two', '2025-03-10', 'x')")
    run("INSERT INTO decisions (id, uid, workshop_id, statement, created_at) VALUES (1, 'd1', 1, 'Open late', 'x')")
    run("INSERT INTO actions (id, workshop_id, decision_id, what, created_at) VALUES (1, 1, 1, 'Find staff', 'x')")
    run("INSERT INTO feedback_items (workshop_id, said) VALUES (1, 'The phone is never answered')")
    # As earlier versions carried them: copies of the text, with only the workshop they came from.
    run("INSERT INTO feedback_items (workshop_id, said, source_workshop_id, status, done) VALUES (2, ?, 1, 'done', ?)",
        ("Open late\nAction: Find staff", "Two people hired"))  # answered, while its action stayed open
    run("INSERT INTO feedback_items (workshop_id, said, source_workshop_id) VALUES (2, 'The phone is never answered', 1)")
    database.conn.commit()
    database.close()

    store = open_store(path)
    action_item, feedback_item = store.feedback_items(2)
    assert (action_item.source_action_id, action_item.source_workshop_title) == (1, "One")
    assert feedback_item.source_item_id == store.feedback_items(1)[0].id
    # The later answer was the news: the action is done, once, with that note.
    assert store.action(1).status == "done"
    assert [u.note for u in store.action_updates(1)] == ["Two people hired"]
    assert store.outstanding_actions() == []
    store.update_feedback(feedback_item.id, said=feedback_item.said, done="A second line", status="done")
    assert store.feedback_items(1)[0].status == "done"
    store.close()


def test_importing_the_earlier_workshop_afterwards_links_the_carried_item_to_its_action(tmp_path, store):
    first = workshop(store, "Design day one", "2025-01-10")
    taxi = store.add_action(first.id, "Find out about taxi vouchers")
    second = workshop(store, "Design day two", "2025-03-14")
    target = open_store(tmp_path / "target.db")
    later = import_record(target, parse_record(export_json(store, second.id, include_private=True), "two.json"))
    [item] = target.feedback_items(later.id)
    assert (item.source_workshop_id, item.source_action_id, item.source_workshop_title) == (None, None, "Design day one")
    earlier = import_record(target, parse_record(export_json(store, first.id, include_private=True), "one.json"))
    [item] = target.feedback_items(later.id)
    assert item.source_workshop_id == earlier.id
    assert target.action(item.source_action_id).what == taxi.what
    target.close()
