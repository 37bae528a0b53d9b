"""A paste of several lines into an idea box is saved as several ideas, in order, all or none."""

from __future__ import annotations

import pytest

from facilitator.domain.errors import InvalidText


def test_several_ideas_are_saved_in_order_said_by_one_person(store, workshop_factory, reopen) -> None:
    built = workshop_factory(people=2, ideas=0)
    stage, aisha = built.ideas_stage, built.people[0]
    saved = store.add_ideas(stage.id, ["Sofas", "Lamps", "A kitchen"], said_by=aisha.id, typed_by="Sam")
    assert [idea.text for idea in saved] == ["Sofas", "Lamps", "A kitchen"]
    ideas = reopen().ideas(stage_id=stage.id)  # another terminal sees all three
    assert [(idea.text, idea.said_by, idea.typed_by) for idea in ideas] == [
        ("Sofas", aisha.id, "Sam"), ("Lamps", aisha.id, "Sam"), ("A kitchen", aisha.id, "Sam")]


def test_one_bad_line_saves_none_of_them(store, workshop_factory) -> None:
    built = workshop_factory(people=2, ideas=0)
    stage = built.ideas_stage
    with pytest.raises(InvalidText):
        store.add_ideas(stage.id, ["Sofas", "x" * 20_000, "Lamps"])
    assert store.ideas(stage_id=stage.id) == []
