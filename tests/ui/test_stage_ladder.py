"""The ladder stage on the run screen at 80x24: placing privately for a chosen person, the
projected screen showing no name and no rung, and the reveal of both distributions together."""

from __future__ import annotations

import os

from kinds_workshop import kinds_workshop
from panel_harness import screen_text
from run_helpers import run_app, run_screen

from facilitator.storage.store import Store

SHOTS = os.environ.get("FACILITATOR_SHOTS")


async def test_placing_for_a_person_then_revealing_both_distributions(store: Store) -> None:
    built = kinds_workshop(store)
    store.start_stage(built.ladder.id)
    app = run_app(store, built.workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.pause()
        presenting = screen_text(app)
        assert "0 of 4 people have placed." in presenting and "only you see this" not in presenting
        await pilot.press("f5")  # the private view: names, and who has placed
        await pilot.pause()
        assert "0 of 4 people have placed." in screen_text(app)
        await pilot.press("w", "enter")  # the first name: Aisha Khan
        await pilot.pause()
        assert "Aisha Khan is placing." in screen_text(app)
        await pilot.press("down", "down", "down", "n")  # 4 Consultation
        await pilot.pause()
        assert "\u25c0 now" in screen_text(app)
        await pilot.press("up", "up", "up", "b")  # 7 Co-production
        await pilot.pause()
        assert "Saved for Aisha Khan. Next person, please." in screen_text(app)
        assert store.ladder_placement(built.ladder.id, built.people[0].id) == (4, 7)
        for person in built.people[1:3]:
            store.place_on_ladder(built.ladder.id, person.id, 3, 6)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert "3 people have placed." in screen_text(app)
        await pilot.press("y")
        await pilot.pause()
        text = screen_text(app)
        assert "Consultation" in text and "Want to be" in text
        consultation = next(line for line in text.splitlines() if "Consultation" in line)
        assert " 1 \u2588" in consultation  # one person now on Consultation, as a number and a bar
        if SHOTS:
            app.save_screenshot(filename="ladder_revealed.svg", path=SHOTS)



async def test_placing_in_front_of_the_room_by_rung_number(store: Store) -> None:
    built = kinds_workshop(store)
    store.start_stage(built.ladder.id)
    app = run_app(store, built.workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)  # presenting, as the run screen always opens
        await pilot.press("w", "down", "enter")  # Ben Carter
        await pilot.pause()
        text = screen_text(app)
        assert "Someone is placing in private" in text and "Ben Carter is placing" not in text
        await pilot.press("3")
        await pilot.pause()
        assert "Rung chosen:" in screen_text(app) and "Rung 3" not in screen_text(app)
        await pilot.press("n", "6", "b")
        await pilot.pause()
        text = screen_text(app)
        assert "Saved. Next person, please." in text and "\u25c0" not in text  # no name, no marks
    assert store.ladder_placement(built.ladder.id, built.people[1].id) == (3, 6)
