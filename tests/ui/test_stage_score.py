"""The scoring panel on the run screen at 80x24: a panel member's sheet saved whole, nothing of
it on the projected screen, the reveal with the spread flagged, and a moderated score with why."""

from __future__ import annotations

import os

from kinds_workshop import kinds_workshop
from panel_harness import screen_text
from run_helpers import run_app, run_screen

from facilitator.storage.store import Store

SHOTS = os.environ.get("FACILITATOR_SHOTS")


async def test_scoring_a_sheet_revealing_and_moderating(store: Store) -> None:
    built = kinds_workshop(store)
    stage = built.score.id
    store.start_stage(stage)
    app = run_app(store, built.workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.press("f5")  # the private view
        await pilot.press("w", "enter")  # Aisha Khan scores
        await pilot.pause()
        await pilot.press("5", "4", "enter")
        await pilot.pause()
        assert "Score every row before saving: Bright Futures \u00b7 Safety (x1) has no score" in screen_text(app)
        assert store.marks_of(stage, built.people[0].id) == {}  # nothing half-saved
        await pilot.press("3", "2", "2", "2", "enter")
        await pilot.pause()
        assert "Scores saved. Next panel member, please." in screen_text(app)
        assert store.marks_of(stage, built.people[0].id)[(0, 0)] == 5
        for person, lived in zip(built.people[1:], [1, 4, 4]):
            store.give_marks(stage, person.id, {(a, c): (lived if (a, c) == (0, 0) else 3)
                                                for a in range(2) for c in range(3)})  # fmt: skip
        await pilot.press("ctrl+r", "y")
        await pilot.pause()
        text = screen_text(app)
        assert "marks 1 4 4 5 \u00b7 average 3.5 \u00b7 \u26a0 spread 4: talk" in text
        if SHOTS:
            app.save_screenshot(filename="score_revealed.svg", path=SHOTS)
        await pilot.press("m")  # on the first criterion of the first candidate
        await pilot.pause()
        app.screen.query_one("#score").value = "4"
        app.screen.query_one("#reason").value = "The 1 was about another part of the bid."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "moderated to 4" in screen_text(app)
        row = app.screen.query_one("#score-results").get_option_at_index(1).prompt
        assert str(row).endswith("moderated to 4: The 1 was about another part of the bid.")
    summary = store.score_summary(stage)
    assert summary.cell(0, 0).moderated == 4 and summary.cell(0, 0).reason == "The 1 was about another part of the bid."


async def test_the_footer_follows_the_reveal_from_who_to_moderate(store: Store) -> None:
    # The run screen's footer is rebuilt only when its keys change (keys_footer.ChangedKeysFooter):
    # the reveal changes them, so it must still be rebuilt then.
    built = kinds_workshop(store)
    store.start_stage(built.score.id)
    for person in built.people:
        store.give_marks(built.score.id, person.id, {(a, c): 3 for a in range(2) for c in range(3)})
    app = run_app(store, built.workshop.id)
    async with app.run_test(size=(160, 30)) as pilot:
        await run_screen(pilot)
        await pilot.press("f5")  # the private view
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "w Who" in footer and "Moderate" not in footer
        await pilot.press("ctrl+r", "y")
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert "m Moderate" in footer and "w Who" not in footer
