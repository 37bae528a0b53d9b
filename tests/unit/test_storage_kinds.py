"""The ladder, score and checkin stages at the store: secret until revealed on every public path,
small groups withheld, moderation with a reason, counts only for check-ins."""

from __future__ import annotations

import pytest
from kinds_workshop import kinds_workshop

from facilitator.domain import ladders, scoring
from facilitator.domain.errors import InvalidText, RuleBroken
from facilitator.storage.exchange import export_json, load_record


def _public_reads(store, stage_id: int) -> list:
    """Everything a screen or a phone may read about a stage without being a given person."""
    stage = store.stage(stage_id)
    return [stage.results, store.ladder_placed(stage_id) if stage.kind == "ladder" else store.marks_given(stage_id)]


def test_ladder_placements_are_secret_until_revealed_then_shown_as_two_distributions(store) -> None:
    built = kinds_workshop(store)
    stage = built.ladder.id
    for person, (now, want) in zip(built.people, [(2, 7), (4, 7), (4, 6), (3, 7)]):
        store.place_on_ladder(stage, person.id, now, want)
    store.place_on_ladder(stage, built.people[0].id, 4, 7)  # changed before the reveal: one placement
    with pytest.raises(RuleBroken, match="hidden until the facilitator reveals"):
        store.ladder_result(stage)
    assert store.stage(stage).results == {}
    assert store.ladder_placed(stage) == {p.id for p in built.people}  # who, never where
    assert store.ladder_placement(stage, built.people[1].id) == (4, 7)  # a person's own
    store.set_revealed(stage)
    result = store.ladder_result(stage)
    assert result.now == (0, 0, 1, 3, 0, 0, 0) and result.want == (0, 0, 0, 0, 0, 1, 3)
    assert store.stage(stage).results == {"placements": 4, "withheld": False,
                                          "now": [0, 0, 1, 3, 0, 0, 0], "want": [0, 0, 0, 0, 0, 1, 3]}  # fmt: skip
    with pytest.raises(RuleBroken, match="revealed"):
        store.place_on_ladder(stage, built.people[2].id, 1, 1)


def test_a_ladder_with_fewer_than_three_placements_is_withheld_even_in_the_record(store) -> None:
    built = kinds_workshop(store)
    store.place_on_ladder(built.ladder.id, built.people[0].id, 1, 7)
    store.place_on_ladder(built.ladder.id, built.people[1].id, 2, 7)
    store.set_revealed(built.ladder.id)
    result = store.ladder_result(built.ladder.id)
    assert result.withheld
    assert store.stage(built.ladder.id).results == {"placements": 2, "withheld": True}
    ladder = ladders.ladder_of(store.stage(built.ladder.id).settings)
    assert ladders.summary_sentence(ladder, result).startswith("Fewer than 3 people placed themselves")


def test_a_rung_off_the_ladder_is_refused_with_a_sentence(store) -> None:
    built = kinds_workshop(store)
    with pytest.raises(RuleBroken, match="from 1 \\(the lowest\\) to 7"):
        store.place_on_ladder(built.ladder.id, built.people[0].id, 0, 8)
    assert store.ladder_placed(built.ladder.id) == set()


def test_scores_are_secret_before_the_reveal_on_every_public_read(store) -> None:
    built = kinds_workshop(store)
    stage = built.score.id
    marks = {(a, c): 5 for a in range(2) for c in range(3)}
    store.give_marks(stage, built.people[0].id, marks)
    store.give_marks(stage, built.people[1].id, {(0, 0): 1})
    with pytest.raises(RuleBroken, match="hidden until the facilitator reveals"):
        store.score_summary(stage)
    assert _public_reads(store, stage) == [{}, {built.people[0].id: 6, built.people[1].id: 1}]
    assert store.marks_of(stage, built.people[1].id) == {(0, 0): 1}
    # Nothing of the marks leaves in an export before the reveal: the record keeps only results.
    assert '"marks"' not in export_json(store, built.workshop.id, include_private=True)
    with pytest.raises(RuleBroken, match="Reveal the scores before moderating"):
        store.moderate(stage, 0, 0, 3, "Talked it through")


def test_the_reveal_shows_spreads_and_a_moderated_score_with_its_reason_counts_in_the_total(store) -> None:
    built = kinds_workshop(store)
    stage = built.score.id
    for person, lived in zip(built.people, [1, 5, 4, 4]):
        store.give_marks(stage, person.id, {(0, 0): lived, (0, 1): 3, (0, 2): 3})
    store.set_revealed(stage)
    summary = store.score_summary(stage)
    cell = summary.cell(0, 0)
    assert cell.marks == [1, 4, 4, 5] and cell.spread == 4
    assert scoring.spread_words(cell) == "spread 4: talk this through"
    assert scoring.spread_words(summary.cell(0, 1)) == "spread 0"
    assert summary.total(0) == pytest.approx(3.5 * 2 + 3 + 3)
    assert summary.total(1) is None  # nobody scored Carers First
    with pytest.raises(InvalidText):
        store.moderate(stage, 0, 0, 4, "  ")
    store.moderate(stage, 0, 0, 4, "The 1 was for a different part of the bid.")
    summary = store.score_summary(stage)
    assert summary.total(0) == 4 * 2 + 3 + 3 and summary.to_discuss() == []
    cells = store.stage(stage).results["cells"]
    assert cells[0] == {"candidate": 0, "criterion": 0, "marks": [1, 4, 4, 5], "moderated": 4,
                        "reason": "The 1 was for a different part of the bid."}  # fmt: skip
    with pytest.raises(RuleBroken, match="revealed"):
        store.give_marks(stage, built.people[0].id, {(0, 0): 5})


def test_a_mark_outside_0_to_5_or_for_no_candidate_saves_none_of_the_sheet(store) -> None:
    built = kinds_workshop(store)
    with pytest.raises(RuleBroken, match="from 0 to 5"):
        store.give_marks(built.score.id, built.people[0].id, {(0, 0): 3, (0, 1): 6})
    assert store.marks_of(built.score.id, built.people[0].id) == {}


def test_check_ins_are_counted_by_word_and_withheld_for_fewer_than_three(store) -> None:
    built = kinds_workshop(store)
    stage = built.checkin.id
    store.check_in(stage, built.people[0].id, "Hopeful")
    store.check_in(stage, built.people[1].id, "hopeful ")
    assert store.checkin_counts(stage)["arriving"] == {"answers": 2, "withheld": True}
    store.check_in(stage, built.people[2].id, "green")
    assert store.checkin_counts(stage)["arriving"]["counts"] == [("hopeful", 2), ("green", 1)]
    assert store.checkin_answer(stage, built.people[0].id) == "Hopeful"


def test_leaving_low_is_known_only_by_who_for_the_facilitator(store) -> None:
    built = kinds_workshop(store)
    stage = built.checkin.id
    store.check_in(stage, built.people[0].id, "red", "leaving")
    store.check_in(stage, built.people[1].id, "Tired", "leaving")
    store.check_in(stage, built.people[2].id, "glad", "leaving")
    assert store.leaving_low(stage) == sorted([built.people[0].id, built.people[1].id])
    record = load_record(store, built.workshop.id)
    results = next(s.results for s in record.stages if s.id == stage)
    assert "participant" not in str(results) and results["leaving"]["answers"] == 3


def test_results_survive_export_and_import(store, reopen) -> None:
    from facilitator.storage.exchange import import_record

    built = kinds_workshop(store)
    for person, now in zip(built.people, [1, 2, 2]):
        store.place_on_ladder(built.ladder.id, person.id, now, 6)
    store.set_revealed(built.ladder.id)
    record = load_record(store, built.workshop.id)
    copy = import_record(store, record, as_new=True)
    ladder_copy = store.stages(copy.id)[1]
    assert ladder_copy.results == store.stage(built.ladder.id).results
    assert store.ladder_placed(ladder_copy.id) == set()  # who placed where never travels


def test_an_exported_file_with_results_imports_with_them(store, tmp_path) -> None:
    from facilitator.storage.exchange import import_file

    built = kinds_workshop(store)
    for person, word in zip(built.people, ["calm", "calm", "red", "tired"]):
        store.check_in(built.checkin.id, person.id, word)
    for person in built.people:
        store.give_marks(built.score.id, person.id, {(a, c): 2 for a in range(2) for c in range(3)})
    store.set_revealed(built.score.id)
    store.moderate(built.score.id, 1, 2, 3, "Agreed after talking")
    path = tmp_path / "workshop.json"
    path.write_text(export_json(store, built.workshop.id), encoding="utf-8")
    copy = import_file(store, path, as_new=True)
    checkin, _, score = store.stages(copy.id)
    assert checkin.results["arriving"]["counts"] == [["calm", 2], ["red", 1], ["tired", 1]]
    assert score.results == store.stage(built.score.id).results
    assert store.score_summary(score.id).cell(1, 2).reason == "Agreed after talking"


def test_an_imported_file_with_a_broken_ladder_is_refused_in_one_sentence(store, tmp_path) -> None:
    import json

    from facilitator.domain.errors import ImportFileError
    from facilitator.storage.exchange import import_file

    built = kinds_workshop(store)
    data = json.loads(export_json(store, built.workshop.id))
    data["stages"][1]["settings"]["rungs"] = ["Only one"]
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"stages\[1\].settings: .*at least 2 rungs"):
        import_file(store, path, as_new=True)
    assert len(store.workshop_rows()) == 1
