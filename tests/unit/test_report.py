""""You said, we did" report: what people said, what was done, in progress, or not possible and why."""

from __future__ import annotations

import pytest

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.outputs.report import render_report_html, render_report_markdown
from facilitator.storage.exchange import load_record
from facilitator.storage.store import open_store

EPOCH = 1_741_946_400.0  # 2025-03-14 10:00 UTC


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "report.db", clock=lambda: EPOCH)
    yield opened
    opened.close()


def new_workshop(store, title, date, name):
    stages = stages_from_agenda(load_agenda_file(find_agenda(name)))
    return store.create_workshop(title=title, stages=stages, date=date, series="Crisis café", place="Library")


@pytest.fixture
def series(store):
    first = new_workshop(store, "Designing the crisis café", "2025-01-10", "coproduction-workshop")
    aisha = store.add_participant(first.id, "Aisha Khan", ["lived experience"], "named", arrived=True)
    ben = store.add_participant(first.id, "Ben Carter", ["carer"], "perspective", "Needs a hearing loop", arrived=True)
    erin = store.add_participant(first.id, "Erin Walsh", ["staff"], "anonymous", arrived=True)
    stage = next(s for s in store.stages(first.id) if s.kind == "ideas")
    evenings = store.add_theme(first.id, "Evenings")
    for text, person in [("Open until 10pm", aisha), ("Weekend evenings too", ben), ("Late buses home", erin)]:
        store.move_idea(store.add_idea(stage.id, text, said_by=person.id).id, evenings.id)
    store.add_idea(stage.id, "Free tea <script>alert(1)</script> [b]x[/b]", anonymous=True)
    cafe = store.add_decision(first.id, "Open the café on Saturday evenings", rationale="Evenings are hardest.",
                              dissent=[(ben.id, "Not enough staff yet")])
    action = store.add_action(first.id, "Recruit evening volunteers", owner_participant_id=ben.id,
                              due_date="2025-02-28", decision_id=cafe.id)
    store.update_action(action.id, "in progress", "Three volunteers found")
    store.add_feedback(first.id, "The phone line is never answered", status="planned")
    store.add_feedback(first.id, "Free parking for visitors", status="not possible",
                       reason="The car park belongs to the hospital, not the service")
    store.add_feedback(first.id, "Chairs are uncomfortable", status="done", done="We bought new chairs")

    second = new_workshop(store, "Six-month review", "2025-03-14", "you-said-we-did-review")
    phone = next(i for i in store.feedback_items(second.id) if i.said == "The phone line is never answered")
    store.update_feedback(phone.id, said=phone.said, done="A second person answers the phone", status="done")
    store.add_decision(second.id, "Open on Sunday evenings too", supersedes_id=cafe.id)
    return [load_record(store, first.id), load_record(store, second.id)]


def test_what_was_done_in_progress_and_not_possible_with_the_reason(series):
    text = render_report_markdown(series, title="Crisis café")
    done = text.index("## What we did")
    going = text.index("## What is in progress")
    not_possible = text.index("## What was not possible, and why")
    assert "We bought new chairs" in text[done:going]
    # Raised at the first workshop, answered at the second: shown once, with the later answer.
    assert text.count("The phone line is never answered") == 1
    assert "A second person answers the phone" in text[done:going]
    assert "Recruit evening volunteers" in text[going:not_possible]
    assert "The car park belongs to the hospital, not the service" in text[not_possible:]


def test_people_appear_only_as_their_attribution_preference_allows(series):
    text = render_report_markdown(series, title="Crisis café")
    assert "Open until 10pm\u201d (Aisha Khan)" in text
    # Ben chose "perspective only", but he is the only carer of three people: "a carer" would be him.
    assert "Weekend evenings too\u201d (a participant)" in text
    assert "Late buses home\u201d (a participant)" in text
    assert "Ben Carter" not in text and "Erin Walsh" not in text and "a carer" not in text
    assert "Not enough staff yet (a participant)" in text


def test_support_needs_never_appear(series):
    assert "hearing loop" not in render_report_markdown(series, title="Crisis café")
    assert "hearing loop" not in render_report_html(series, title="Crisis café")


def test_themes_with_idea_counts_and_decisions_with_their_actions(series):
    text = render_report_markdown(series, title="Crisis café")
    assert "- **Evenings**: 3 ideas." in text
    assert "Open the café on Saturday evenings" in text
    assert "Superseded (replaced by a later decision): \u201cOpen on Sunday evenings too\u201d" in text
    assert "Status: In progress. Latest news (14 March 2025): Three volunteers found" in text
    assert "Who: a participant." in text  # the only carer: not "a carer"


def test_same_records_give_the_same_bytes_whatever_their_order(series):
    first = render_report_html(series, title="Crisis café")
    assert render_report_html(list(reversed(series)), title="Crisis café") == first
    assert render_report_markdown(series, title="Crisis café") == render_report_markdown(series, title="Crisis café")


def test_html_is_large_print_and_user_text_stays_text(series):
    page = render_report_html(series, title="Crisis <café>")
    assert "font-size: 18pt" in page
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    assert "<title>You said, we did: Crisis &lt;café&gt;</title>" in page


def test_one_workshop_with_nothing_recorded_says_so_plainly(store):
    empty = new_workshop(store, "Planning day", "2025-05-01", "coproduction-workshop")
    text = render_report_markdown([load_record(store, empty.id)], title="Planning day")
    assert "## The workshop\n" in text
    assert "No ideas were recorded." in text
    assert "No replies to feedback have been recorded yet." in text
    assert "No decisions were recorded." in text
