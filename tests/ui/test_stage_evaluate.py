"""The evaluate stage panel: the Five Values check-out, anonymous, with a summary on request."""

from __future__ import annotations

from panel_harness import PanelTestApp, build_room, screen_text
from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled

from facilitator.domain.models import FIVE_VALUES
from facilitator.storage.store import Store
from facilitator.ui.stages.evaluate import MOVE_HINT, SCORE_HINT, EvaluatePanel


def evaluate_app(store: Store, room) -> PanelTestApp:
    return PanelTestApp(store, EvaluatePanel, room.workshop.id, room.stages["evaluate"].id)


async def test_each_person_scores_five_values_stored_with_no_trace_of_who(store: Store) -> None:
    room = build_room(store)
    stage_id = room.stages["evaluate"].id
    app = evaluate_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("4", "5", "3", "4", "2")  # each score moves on to the next value
        await pilot.pause()
        lines = screen_text(app).splitlines()
        empathy = next(line for line in lines if "Empathy" in line)
        assert "[4]" in empathy and "4 of 5" in empathy
        assert "[2]" in next(line for line in lines if "Personalisation" in line)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Thank you \u2014 1 response so far." in text
        assert "not yet" in text and "4 of 5" not in text  # cleared for the next person
        await pilot.press("2", "3", "3", "4", "4", "enter")
        await pilot.pause()
        assert "Thank you \u2014 2 responses so far." in screen_text(app)
    columns = [row["name"] for row in store.db.query("PRAGMA table_info(values_scores)")]
    assert columns == ["id", "workshop_id", "stage_id", "value", "score"]
    rows = list(store.db.query("SELECT value, score, stage_id FROM values_scores ORDER BY id"))
    expected = list(zip(FIVE_VALUES * 2, [4, 5, 3, 4, 2, 2, 3, 3, 4, 4], strict=True))
    assert [(r["value"], r["score"]) for r in rows] == expected
    assert {r["stage_id"] for r in rows} == {stage_id}


async def test_enter_before_every_value_is_scored_says_which_is_missing(store: Store) -> None:
    room = build_room(store)
    app = evaluate_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("5", "5", "enter")
        await pilot.pause()
        assert "Score every value before saving: Honesty has no score yet." in screen_text(app)
    assert store.values_scores(room.workshop.id) == []


async def test_the_summary_is_hidden_until_v_and_shows_averages(store: Store) -> None:
    room = build_room(store)
    stage_id = room.stages["evaluate"].id
    for scores in ([4, 5, 3, 4, 2], [2, 3, 3, 4, 5]):
        store.add_values_scores(room.workshop.id, dict(zip(FIVE_VALUES, scores, strict=True)), stage_id=stage_id)
    app = evaluate_app(store, room)
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(app)
        assert "2 responses so far." in text and "of 5  (" not in text
        await pilot.press("v")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert store.stage(stage_id).revealed  # kept, so every terminal and a restart agree
    empathy = next(line for line in lines if "Empathy" in line and "\u2588" in line)
    assert "3.0 of 5  (2 responses)" in empathy
    personalisation = next(line for line in lines if "Personalisation" in line and "\u2588" in line)
    assert "3.5 of 5  (2 responses)" in personalisation


async def test_a_digit_moves_on_and_says_so_and_down_straight_after_it_does_not_skip_a_value(store: Store) -> None:
    # "4, Down, 5" used to score Empathy 4, skip Inclusion and score Honesty 5; the frame that
    # might have said so was cut at 80 columns ("... Enter: save a…").
    workshop, _ = coproduction_workshop(store)
    checkout = stage_titled(store, workshop.id, "Five Values check-out")
    store.start_stage(checkout.id)
    async with run_app(store, workshop.id).run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        text = screen_text(pilot.app)
        assert f"{SCORE_HINT} \u2500" in text and f"\u2500 {MOVE_HINT}" in text  # whole, in the frame
        await pilot.press("4", "down", "5", "up", "up", "down", "3")
        await pilot.pause()
        lines = screen_text(pilot.app).splitlines()
    scores = {value: next(line for line in lines if value in line) for value in FIVE_VALUES[:3]}
    assert "4 of 5" in scores["Empathy"] and "3 of 5" in scores["Inclusion"]
    assert "not yet" in scores["Honesty"]
