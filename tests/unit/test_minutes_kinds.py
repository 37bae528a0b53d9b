"""The minutes and the series report for ladder, scoring panel and check-in stages."""

from __future__ import annotations

import pytest
from cli_runner import invoke
from kinds_workshop import AGENDA, kinds_workshop

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.outputs.minutes import render_markdown
from facilitator.storage.exchange import load_record
from facilitator.storage.store import open_store


def _minutes(store, built) -> str:
    return render_markdown(load_record(store, built.workshop.id))


def test_the_minutes_show_both_ladder_distributions_with_numbers_and_bars(store) -> None:
    built = kinds_workshop(store)
    for person, (now, want) in zip(built.people, [(4, 7), (4, 7), (3, 6), (4, 7)]):
        store.place_on_ladder(built.ladder.id, person.id, now, want)
    assert "placed where we are now" not in _minutes(store, built)  # not before the reveal
    store.set_revealed(built.ladder.id)
    minutes = _minutes(store, built)
    assert "Think Local Act Personal (TLAP) and the National Co-production Advisory Group (NCAG)" in minutes
    assert "| Co-production | 0 | 3 ████████████ |" in minutes
    assert "| Consultation | 3 ████████████ | 0 |" in minutes
    assert "Most placed where we are now on Consultation (3); most want to be on Co-production (3)." in minutes


def test_a_small_ladder_is_withheld_in_the_minutes(store) -> None:
    built = kinds_workshop(store)
    store.place_on_ladder(built.ladder.id, built.people[0].id, 1, 7)
    store.set_revealed(built.ladder.id)
    minutes = _minutes(store, built)
    assert "Fewer than 3 people placed themselves" in minutes and "| Coercion |" not in minutes


def test_a_panel_can_keep_candidate_names_out_of_the_minutes(store) -> None:
    agenda = AGENDA.replace('candidates = ["Bright Futures", "Carers First"]',
                            'candidates = ["Bright Futures", "Carers First"]\nnames_in_minutes = false')  # fmt: skip
    built = kinds_workshop(store, agenda=agenda)
    for person in built.people:
        store.give_marks(built.score.id, person.id, {(a, c): 3 for a in range(2) for c in range(3)})
    assert "Scores not yet revealed." in _minutes(store, built)
    store.set_revealed(built.score.id)
    store.moderate(built.score.id, 1, 0, 4, "Carers First showed real lived experience")
    minutes = _minutes(store, built)
    assert "Bright Futures" not in minutes and "| Candidate A | Lived experience (x2) | 3, 3, 3, 3 |" in minutes
    assert "4: Carers First showed real lived experience" in minutes  # the reason is the panel's own words
    assert "| Candidate A | 12.0 of 20 |" in minutes and "| Candidate B | 14.0 of 20 |" in minutes


def test_check_in_counts_in_the_minutes_never_who(store) -> None:
    built = kinds_workshop(store)
    for person, word in zip(built.people, ["calm", "Calm", "red", "nervous"]):
        store.check_in(built.checkin.id, person.id, word)
    minutes = _minutes(store, built)
    assert "Arriving (4 answers, counts only): calm 2, nervous 1, red 1." in minutes
    assert "Leaving: nobody answered." in minutes


def test_the_ladder_report_shows_how_a_series_moved(db_path, clock) -> None:
    store = open_store(db_path, clock=clock)
    for date, nows in (("2025-01-10", [2, 2, 3]), ("2025-06-10", [4, 4, 5])):
        built = kinds_workshop(store, people=3, date=date)
        for person, now in zip(built.people, nows):
            store.place_on_ladder(built.ladder.id, person.id, now, 7)
        store.set_revealed(built.ladder.id)
    store.close()
    result = invoke("--db", db_path, "ladder-report", "--series", "Health check")
    assert result.exit_code == 0, result.output
    now_table = result.output.split("### Where we are now")[1].split("###")[0]
    rows = [line for line in now_table.splitlines() if "2025" in line]
    assert rows == [
        "| Friday 10 January 2025: Kinds workshop | 3 | Educating | 0 | 2 | 1 | 0 | 0 | 0 | 0 |",
        "| Tuesday 10 June 2025: Kinds workshop | 3 | Consultation | 0 | 0 | 0 | 2 | 1 | 0 | 0 |",
    ]
    missing = invoke("--db", db_path, "ladder-report", "--series", "Nope")
    assert missing.exit_code == 1 and missing.stderr == "Error: There is no workshop in a series called \u201cNope\u201d.\n"


@pytest.mark.parametrize(("agenda", "kind"), [("health-check", "ladder"), ("tender-panel", "score")])
def test_a_ladder_and_a_panel_run_from_the_shipped_agendas(store, agenda, kind) -> None:
    stages = stages_from_agenda(load_agenda_file(find_agenda(agenda)))
    workshop = store.create_workshop(title="From the shipped agenda", stages=stages)
    people = [store.add_participant(workshop.id, name, ["carer"], arrived=True) for name in ("Ann", "Bo", "Cal")]
    stage = next(s for s in store.stages(workshop.id) if s.kind == kind)
    store.start_stage(stage.id)
    for number, person in enumerate(people, start=1):
        if kind == "ladder":
            store.place_on_ladder(stage.id, person.id, number, 7)
        else:
            store.give_marks(stage.id, person.id, {(a, c): number for a in range(3) for c in range(5)})
    store.set_revealed(stage.id)
    minutes = render_markdown(load_record(store, workshop.id))
    if kind == "ladder":
        assert "| Co-production | 0 | 3 " in minutes
    else:
        assert "| Candidate A | 16.0 of 40 |" in minutes and "Candidate 1" not in minutes


def test_hostile_names_stay_text_in_the_minutes(store) -> None:
    from facilitator.outputs.minutes import render_html

    evil = "<script>alert(1)</script> | **bold** [x](javascript:alert(1))"
    agenda = AGENDA.replace('candidates = ["Bright Futures", "Carers First"]', f"candidates = [{evil!r}, 'Other']")
    built = kinds_workshop(store, agenda=agenda)
    for person in built.people:
        store.give_marks(built.score.id, person.id, {(a, c): 2 for a in range(2) for c in range(3)})
        store.check_in(built.checkin.id, person.id, evil[:40])
    store.set_revealed(built.score.id)
    store.moderate(built.score.id, 0, 0, 3, evil)
    page = render_html(load_record(store, built.workshop.id))
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert 'href="javascript' not in page and "<strong>bold</strong>" not in page
