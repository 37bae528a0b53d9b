"""What the register's series and workshop filters offer, read lean from the store."""

from __future__ import annotations

import pytest

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.storage.register_choices import WorkshopChoice
from facilitator.storage.store import open_store


@pytest.fixture
def store(tmp_path):
    opened = open_store(tmp_path / "choices.db", clock=lambda: 1_741_946_400.0)
    yield opened
    opened.close()


def new_workshop(store, title, date, series=""):
    stages = stages_from_agenda(load_agenda_file(find_agenda("coproduction-workshop")))
    return store.create_workshop(title=title, stages=stages, date=date, series=series)


def test_series_are_distinct_alphabetical_whatever_the_case_and_blank_is_left_out(store):
    for title, date, series in [("A", "2025-01-01", "crisis café"), ("B", "2025-02-01", "Peer support"),
                                ("C", "2025-03-01", "crisis café"), ("D", "2025-04-01", ""),
                                ("E", "2025-05-01", "Carers")]:  # fmt: skip
        new_workshop(store, title, date, series)
    assert store.register_series() == ["Carers", "crisis café", "Peer support"]


def test_workshop_choices_are_in_the_home_screens_order(store):
    finished = new_workshop(store, "Finished, newest date", "2025-06-01")
    store.finish_workshop(finished.id)
    older = new_workshop(store, "Planned, older", "2024-01-01", "Crisis café")
    newer = new_workshop(store, "Planned, newer", "2024-05-01")
    choices = store.workshop_choices()
    # Planned before finished, newest first within each: as the home screen lists them.
    assert [c.title for c in choices] == ["Planned, newer", "Planned, older", "Finished, newest date"]
    assert [c.id for c in choices] == [w.id for w in store.list_workshops()]
    assert WorkshopChoice(older.id, "Planned, older", "2024-01-01", "Crisis café") in choices
    assert newer.id == choices[0].id


def test_a_choice_matches_when_every_word_is_in_its_title_date_or_series():
    choice = WorkshopChoice(1, "Three-month review", "2025-03-14", "Crisis Café")
    assert choice.matches(["review", "café"])
    assert choice.matches(["2025-03"])
    assert choice.matches([])
    assert not choice.matches(["review", "peer"])
