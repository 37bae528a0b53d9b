"""Equal dot-voting rules: budgets, the per-item cap, the tally, ranks and ties."""

from __future__ import annotations

import pytest

from facilitator.domain.errors import FacilitatorError, RuleBroken
from facilitator.domain.models import Candidate, TallyRow
from facilitator.domain.voting import (
    DEFAULT_CAP,
    check_dot,
    describe_tie,
    describe_ties,
    dots_left,
    ordinal,
    resolve_budget,
    tally,
    tie_groups,
    ties_at_top,
)


def candidates(*labels: str, kind: str = "theme") -> list[Candidate]:
    return [Candidate(kind=kind, id=index, label=label) for index, label in enumerate(labels, start=1)]


def counts(cands: list[Candidate], *dots: int) -> dict[tuple[str, int], int]:
    return {(c.kind, c.id): n for c, n in zip(cands, dots, strict=True)}


def summary(rows: list[TallyRow]) -> list[tuple[str, int, int, bool]]:
    return [(row.candidate.label, row.dots, row.rank, row.tied) for row in rows]


# --- budget --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("candidate_count", "expected"),
    [(0, 1), (1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 2), (8, 2), (9, 3), (10, 3), (11, 3), (12, 4), (59, 19),
     (60, 20), (61, 20), (100, 20), (1000, 20)],
)
def test_auto_budget_is_a_third_rounded_down_between_2_and_20_from_four_options(candidate_count: int, expected: int) -> None:
    assert resolve_budget("auto", candidate_count) == expected


@pytest.mark.parametrize("spelling", ["auto", "AUTO", " Auto "])
def test_auto_is_read_loosely(spelling: str) -> None:
    assert resolve_budget(spelling, 9) == 3


def test_auto_with_a_negative_count_still_gives_one_dot() -> None:
    assert resolve_budget("auto", -4) == 1


@pytest.mark.parametrize("fixed", [1, 2, 5, 20, 25, 100])
def test_fixed_budget_is_used_as_is_whatever_the_candidates(fixed: int) -> None:
    assert resolve_budget(fixed, 0) == fixed
    assert resolve_budget(fixed, 3) == fixed
    assert resolve_budget(fixed, 300) == fixed


@pytest.mark.parametrize("bad", [0, -1, -20])
def test_budget_below_one_is_refused(bad: int) -> None:
    with pytest.raises(RuleBroken, match=rf"at least 1, not {bad}\.$"):
        resolve_budget(bad, 9)


@pytest.mark.parametrize("bad", ["many", "", "5", "automatic"])
def test_budget_words_other_than_auto_are_refused(bad: str) -> None:
    with pytest.raises(RuleBroken, match='whole number or "auto"'):
        resolve_budget(bad, 9)


@pytest.mark.parametrize("bad", [True, False, 2.5, None, [3]])
def test_budget_of_the_wrong_type_is_refused(bad: object) -> None:
    with pytest.raises(RuleBroken, match='whole number or "auto"'):
        resolve_budget(bad, 9)  # type: ignore[arg-type]


def test_rule_broken_is_a_facilitator_error_so_the_cli_shows_it() -> None:
    with pytest.raises(FacilitatorError):
        resolve_budget(0, 1)


# --- one more dot --------------------------------------------------------------------------------


def dot(**overrides: object) -> None:
    arguments: dict[str, object] = {
        "budget": 5,
        "cap": 3,
        "dots_used_by_person": 0,
        "dots_on_candidate_by_person": 0,
        "person_label": "Sam",
        "candidate_label": "Quiet room",
    }
    arguments.update(overrides)
    check_dot(**arguments)  # type: ignore[arg-type]


def test_a_dot_within_budget_and_cap_is_allowed() -> None:
    assert dot() is None
    dot(dots_used_by_person=4, dots_on_candidate_by_person=2)  # the last dot, the last allowed on it


def test_budget_sentence() -> None:
    with pytest.raises(RuleBroken) as caught:
        dot(dots_used_by_person=5)
    assert str(caught.value) == "Sam has used all 5 dots."


def test_budget_sentence_with_one_dot_is_singular() -> None:
    with pytest.raises(RuleBroken) as caught:
        dot(budget=1, cap=1, dots_used_by_person=1)
    assert str(caught.value) == "Sam has used their 1 dot."


def test_more_than_the_budget_already_used_is_still_refused() -> None:
    with pytest.raises(RuleBroken, match="used all 5 dots"):
        dot(dots_used_by_person=7)


def test_cap_sentence() -> None:
    with pytest.raises(RuleBroken) as caught:
        dot(dots_used_by_person=3, dots_on_candidate_by_person=3)
    assert str(caught.value) == 'Sam already has 3 dots on "Quiet room"; the most on one item is 3.'


def test_cap_of_one_for_breadth() -> None:
    with pytest.raises(RuleBroken) as caught:
        dot(cap=1, dots_used_by_person=1, dots_on_candidate_by_person=1)
    assert str(caught.value) == 'Sam already has 1 dot on "Quiet room"; the most on one item is 1.'


def test_budget_is_reported_before_cap_when_both_are_reached() -> None:
    with pytest.raises(RuleBroken, match="has used all 3 dots"):
        dot(budget=3, dots_used_by_person=3, dots_on_candidate_by_person=3)


def test_cap_larger_than_budget_only_the_budget_bites() -> None:
    dot(budget=2, cap=10, dots_used_by_person=1, dots_on_candidate_by_person=1)
    with pytest.raises(RuleBroken, match="used all 2 dots"):
        dot(budget=2, cap=10, dots_used_by_person=2, dots_on_candidate_by_person=2)


@pytest.mark.parametrize(("field", "value"), [("budget", 0), ("cap", 0), ("cap", -1)])
def test_nonsense_budget_or_cap_refuses_every_dot(field: str, value: int) -> None:
    with pytest.raises(RuleBroken, match="at least 1"):
        dot(**{field: value})


def test_labels_are_used_as_given() -> None:
    with pytest.raises(RuleBroken) as caught:
        dot(person_label="A carer", candidate_label="[b]Bold[/b]", dots_on_candidate_by_person=3)
    assert str(caught.value) == 'A carer already has 3 dots on "[b]Bold[/b]"; the most on one item is 3.'


def test_default_cap_is_three() -> None:
    assert DEFAULT_CAP == 3


@pytest.mark.parametrize(("budget", "used", "expected"), [(5, 0, 5), (5, 3, 2), (5, 5, 0), (5, 9, 0), (1, 0, 1)])
def test_dots_left(budget: int, used: int, expected: int) -> None:
    assert dots_left(budget, used) == expected


# --- tally and ranks -----------------------------------------------------------------------------


def test_every_candidate_appears_most_dots_first() -> None:
    cands = candidates("A", "B", "C", "D")
    rows = tally(cands, counts(cands, 2, 9, 0, 5))
    assert summary(rows) == [("B", 9, 1, False), ("D", 5, 2, False), ("A", 2, 3, False), ("C", 0, 4, False)]
    assert all(isinstance(row, TallyRow) for row in rows)


def test_candidates_without_counts_have_zero_dots() -> None:
    cands = candidates("A", "B", "C")
    rows = tally(cands, {("theme", 2): 4})
    assert summary(rows) == [("B", 4, 1, False), ("A", 0, 2, False), ("C", 0, 2, False)]


def test_no_votes_at_all_is_one_shared_rank_and_no_ties() -> None:
    cands = candidates("A", "B", "C")
    assert summary(tally(cands, {})) == [("A", 0, 1, False), ("B", 0, 1, False), ("C", 0, 1, False)]
    assert describe_ties(tally(cands, {})) == []


def test_no_candidates_gives_no_rows() -> None:
    assert tally([], {("theme", 1): 3}) == []


def test_counts_for_other_things_are_ignored() -> None:
    cands = candidates("A")
    rows = tally(cands, {("theme", 1): 2, ("theme", 99): 50, ("idea", 1): 7})
    assert summary(rows) == [("A", 2, 1, False)]


def test_kind_is_part_of_the_key() -> None:
    theme = Candidate(kind="theme", id=1, label="Theme one")
    idea = Candidate(kind="idea", id=1, label="Idea one")
    rows = tally([theme, idea], {("theme", 1): 1, ("idea", 1): 4})
    assert summary(rows) == [("Idea one", 4, 1, False), ("Theme one", 1, 2, False)]


def test_duplicate_candidates_are_counted_once() -> None:
    a = Candidate(kind="theme", id=1, label="A")
    assert summary(tally([a, a], {("theme", 1): 3})) == [("A", 3, 1, False)]


def test_negative_counts_are_a_programming_error() -> None:
    cands = candidates("A")
    with pytest.raises(ValueError):
        tally(cands, {("theme", 1): -1})


def test_competition_ranking_with_a_two_way_tie_at_the_top() -> None:
    cands = candidates("A", "B", "C", "D")
    rows = tally(cands, counts(cands, 3, 7, 7, 1))
    assert summary(rows) == [("B", 7, 1, True), ("C", 7, 1, True), ("A", 3, 3, False), ("D", 1, 4, False)]


def test_ties_keep_the_original_candidate_order() -> None:
    cands = candidates("Zebra", "Apple", "Mango")
    rows = tally(cands, counts(cands, 4, 4, 4))
    assert [row.candidate.label for row in rows] == ["Zebra", "Apple", "Mango"]
    assert {row.rank for row in rows} == {1}


def test_three_way_tie_then_rank_four() -> None:
    cands = candidates("A", "B", "C", "D", "E")
    rows = tally(cands, counts(cands, 5, 5, 2, 5, 0))
    assert summary(rows) == [
        ("A", 5, 1, True),
        ("B", 5, 1, True),
        ("D", 5, 1, True),
        ("C", 2, 4, False),
        ("E", 0, 5, False),
    ]


def test_tie_further_down_and_zeros_are_not_ties() -> None:
    cands = candidates("A", "B", "C", "D", "E", "F")
    rows = tally(cands, counts(cands, 9, 4, 0, 4, 1, 0))
    assert summary(rows) == [
        ("A", 9, 1, False),
        ("B", 4, 2, True),
        ("D", 4, 2, True),
        ("E", 1, 4, False),
        ("C", 0, 5, False),
        ("F", 0, 5, False),
    ]


def test_two_separate_ties() -> None:
    cands = candidates("A", "B", "C", "D", "E")
    rows = tally(cands, counts(cands, 6, 2, 6, 2, 1))
    assert summary(rows) == [
        ("A", 6, 1, True),
        ("C", 6, 1, True),
        ("B", 2, 3, True),
        ("D", 2, 3, True),
        ("E", 1, 5, False),
    ]


# --- tie helpers ---------------------------------------------------------------------------------


def labels(groups: list[tuple[TallyRow, ...]]) -> list[list[str]]:
    return [[row.candidate.label for row in group] for group in groups]


def test_tie_groups_lists_every_tie_best_first() -> None:
    cands = candidates("A", "B", "C", "D", "E", "F", "G")
    rows = tally(cands, counts(cands, 1, 6, 1, 6, 3, 0, 0))
    assert labels(tie_groups(rows)) == [["B", "D"], ["A", "C"]]


def test_tie_groups_does_not_depend_on_row_order() -> None:
    cands = candidates("A", "B", "C", "D")
    rows = tally(cands, counts(cands, 1, 6, 1, 6))
    assert labels(tie_groups(list(reversed(rows)))) == [["D", "B"], ["C", "A"]]


def test_ties_at_top_two_way() -> None:
    cands = candidates("Quiet room", "Peer support", "Later hours")
    rows = tally(cands, counts(cands, 7, 7, 2))
    assert labels(ties_at_top(rows)) == [["Quiet room", "Peer support"]]


def test_ties_at_top_three_way() -> None:
    cands = candidates("A", "B", "C", "D")
    rows = tally(cands, counts(cands, 4, 4, 4, 3))
    assert labels(ties_at_top(rows)) == [["A", "B", "C"]]


def test_no_tie_at_top_when_the_tie_is_further_down() -> None:
    cands = candidates("A", "B", "C", "D")
    rows = tally(cands, counts(cands, 9, 4, 4, 1))
    assert ties_at_top(rows) == []
    assert labels(ties_at_top(rows, places=2)) == [["B", "C"]]
    assert labels(ties_at_top(rows, places=3)) == [["B", "C"]]


def test_ties_at_top_counts_by_rank_not_position() -> None:
    cands = candidates("A", "B", "C", "D", "E")
    rows = tally(cands, counts(cands, 9, 8, 5, 5, 5))  # ranks 1, 2, 3, 3, 3
    assert ties_at_top(rows, places=2) == []
    assert labels(ties_at_top(rows, places=3)) == [["C", "D", "E"]]


def test_ties_at_top_ignores_zeros_and_nonsense_places() -> None:
    cands = candidates("A", "B")
    rows = tally(cands, {})
    assert ties_at_top(rows, places=5) == []
    rows = tally(cands, counts(cands, 2, 2))
    assert ties_at_top(rows, places=0) == []


@pytest.mark.parametrize(
    ("number", "text"),
    [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (10, "10th"), (11, "11th"), (12, "12th"),
     (13, "13th"), (21, "21st"), (22, "22nd"), (23, "23rd"), (101, "101st"), (111, "111th"), (112, "112th")],
)
def test_ordinal(number: int, text: str) -> None:
    assert ordinal(number) == text


def test_describe_two_way_tie_at_top() -> None:
    cands = candidates("Quiet room", "Peer support", "Later hours")
    rows = tally(cands, counts(cands, 7, 7, 2))
    assert describe_ties(rows) == ['Tie for 1st place: "Quiet room" and "Peer support" (7 dots each).']


def test_describe_three_way_tie_and_one_dot_each() -> None:
    cands = candidates("A", "B", "C", "D")
    rows = tally(cands, counts(cands, 5, 1, 1, 1))
    assert describe_ties(rows) == ['Tie for 2nd place: "B", "C" and "D" (1 dot each).']


def test_describe_several_ties_and_limit_to_top_places() -> None:
    cands = candidates("A", "B", "C", "D", "E")
    rows = tally(cands, counts(cands, 6, 2, 6, 2, 0))
    assert describe_ties(rows) == [
        'Tie for 1st place: "A" and "C" (6 dots each).',
        'Tie for 3rd place: "B" and "D" (2 dots each).',
    ]
    assert describe_ties(rows, places=1) == ['Tie for 1st place: "A" and "C" (6 dots each).']


def test_describe_ties_when_there_are_none() -> None:
    cands = candidates("A", "B", "C")
    assert describe_ties(tally(cands, counts(cands, 3, 2, 1))) == []
    assert describe_ties(tally(cands, counts(cands, 3, 0, 0))) == []


def test_describe_tie_needs_rows() -> None:
    with pytest.raises(ValueError):
        describe_tie(())


def test_tally_does_not_import_textual_or_sqlite() -> None:
    import subprocess
    import sys

    code = (
        "import sys, facilitator.domain.voting, facilitator.domain.timer; "
        "bad = [m for m in ('textual', 'sqlite3', 'sqlite_utils') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
