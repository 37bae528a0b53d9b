"""The check-in stage on the run screen at 80x24: a word for a chosen person, counts only, and
the quiet prompt about someone leaving low on the facilitator's own screen, never when presenting."""

from __future__ import annotations

from kinds_workshop import kinds_workshop
from panel_harness import screen_text
from run_helpers import run_app, run_screen

from facilitator.storage.store import Store


async def test_arriving_words_are_counts_and_leaving_low_is_prompted_only_in_private(store: Store) -> None:
    built = kinds_workshop(store)
    stage = built.checkin.id
    store.start_stage(stage)
    app = run_app(store, built.workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.press("f5")  # the private view
        await pilot.press("w", "enter")  # Aisha Khan
        await pilot.pause()
        app.screen.query_one("#checkin-word").value = "Hopeful"
        await pilot.press("enter")
        await pilot.pause()
        assert "Thank you. Next person, please." in screen_text(app)
        assert store.checkin_answer(stage, built.people[0].id) == "Hopeful"
        assert "counts show from 3 answers" in screen_text(app)
        for person, word in zip(built.people[1:], ["hopeful", "green"]):
            store.check_in(stage, person.id, word)
        await pilot.press("ctrl+l")
        await pilot.pause()
        text = screen_text(app)
        assert "Arriving (3): hopeful 2, green 1" in text and "How are you leaving?" in text
        store.check_in(stage, built.people[1].id, "red", "leaving")
        await pilot.press("ctrl+l", "ctrl+l")  # reload, still asking about leaving
        await pilot.pause()
        assert "Ben Carter may be leaving low" in screen_text(app)
        await pilot.press("f5")  # presenting again: the prompt goes
        await pilot.pause()
        assert "leaving low" not in screen_text(app)
