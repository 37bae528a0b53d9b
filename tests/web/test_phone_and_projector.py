"""Both sides at once: a phone (the web app on the same file) and the facilitator's projected run
screen (Pilot). What a phone sends reaches the run screen through its own poll of the file, and
the facilitator's stage move reaches the phone's next poll of /state."""

from __future__ import annotations

import time

import pytest
from phone_client import WEB_HOSTILE, Phone, phone_app
from run_helpers import ROUND, coproduction_workshop, run_app, run_screen, stage_titled
from screen_check import screen_text

from facilitator.domain.text import strip_controls
from facilitator.ui.stages.ideas import IdeasPanel

# The run screen polls the file every 0.5 s; one second is the promise, two allow a loaded CI.
PROMISE_SECONDS = 1.0
PATIENCE_SECONDS = 2.0


@pytest.fixture(autouse=True)
def data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "home"))


def round_with_a_phone(store, db_path):
    """The shipped agenda's first ideas round under way, its run screen (not yet started), and a
    phone that has typed the join code."""
    workshop, people = coproduction_workshop(store)
    stage = stage_titled(store, workshop.id, ROUND)
    store.start_stage(stage.id)
    phone = Phone(phone_app(db_path, workshop.id)).__enter__()
    phone.join(store.join_code(workshop.id))
    return workshop, people, stage, run_app(store, workshop.id), phone


async def test_a_phones_idea_reaches_the_projector_and_a_stage_move_reaches_the_phone(store, db_path) -> None:
    workshop, people, stage, app, phone = round_with_a_phone(store, db_path)
    with phone:
        phone.claim(people[2].id)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await run_screen(pilot)
            panel = screen.query_one(IdeasPanel)
            phone.send_idea("Somewhere to sit with a cup of tea")
            sent = time.monotonic()
            idea = store.ideas(stage_id=stage.id)[-1]
            while idea.id not in panel.shown_idea_ids and time.monotonic() - sent < PATIENCE_SECONDS:
                await pilot.pause(0.02)
            took = time.monotonic() - sent
            assert idea.id in panel.shown_idea_ids, f"not on the run screen after {took:.2f} s"
            assert "Somewhere to sit with a cup of tea" in screen_text(app)
            print(f"phone to projector: {took:.2f} s (promise {PROMISE_SECONDS} s)")

            before = phone.client.get("/state").json()["key"]
            await pilot.press("f8")  # next stage, from anywhere on the run screen
            await pilot.pause()
            moved = time.monotonic()
            assert phone.client.get("/state").json()["key"] != before
            assert time.monotonic() - moved < PROMISE_SECONDS
            page = phone.client.get("/now").text
            next_stage = store.current_stage(workshop.id)
            assert next_stage.id != stage.id and f"<h1>{next_stage.title}</h1>" in page


async def test_hostile_text_from_a_phone_is_shown_literally_on_the_run_screen(store, db_path) -> None:
    workshop, people, stage, app, phone = round_with_a_phone(store, db_path)
    with phone:
        phone.join_as_new("[/b]<script>", ("carer",), "named")
        for hostile in WEB_HOSTILE:
            phone.send_idea(hostile)
    async with app.run_test(size=(200, 60)) as pilot:
        await run_screen(pilot)
        panel = app.screen.query_one(IdeasPanel)
        await pilot.pause()
        assert len(panel.shown_idea_ids) == len(WEB_HOSTILE)
        text = " ".join(screen_text(app).split())
        for hostile in WEB_HOSTILE[:-1]:
            shown = " ".join(strip_controls(hostile).split())
            assert shown[:60] in text, f"{shown!r} is not shown literally"
        assert "x" * 40 in text and "[/b]<script>" in text  # the long one, cut; the name, literal
        assert app.is_running
