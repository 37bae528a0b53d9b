"""Stages and their timers through the Store, with a fake clock, across a restart of the app."""

from __future__ import annotations

import pytest

from facilitator.domain import timer as timer_maths
from facilitator.domain.errors import RuleBroken
from facilitator.storage.stages import timer_state


def left(store, stage_id: int) -> float:
    return timer_maths.left(timer_state(store.stage(stage_id)), store.now())


def events(store, stage_id: int) -> list[tuple[str, float]]:
    return [(event.event, event.seconds) for event in store.stage_events(stage_id)]


@pytest.fixture
def built(workshop_factory):
    return workshop_factory(people=2, ideas=0)


def test_a_started_stage_counts_down_and_survives_a_restart(built, store, clock, reopen):
    welcome = built.stages[0]  # 5 minutes
    store.start_stage(welcome.id)
    clock.advance(90)
    assert left(store, welcome.id) == 210

    store.close()  # the app is closed (or killed) while the timer runs ...
    clock.advance(60)
    again = reopen()  # ... and the room went on meanwhile
    assert again.current_stage(built.workshop.id).id == welcome.id
    assert again.stage(welcome.id).timer_status == "running"
    assert left(again, welcome.id) == 150


def test_pause_resume_and_extend_are_saved(built, store, clock, reopen):
    welcome = built.stages[0]
    store.start_stage(welcome.id)
    clock.advance(100)
    store.pause_timer(welcome.id)
    clock.advance(500)  # a paused timer does not move
    other = reopen()
    assert other.stage(welcome.id).timer_status == "paused"
    assert left(other, welcome.id) == 200

    other.resume_timer(welcome.id)  # another terminal resumes it
    clock.advance(50)
    store.extend_timer(welcome.id, 120)
    assert left(other, welcome.id) == 270
    clock.advance(20)
    assert left(reopen(), welcome.id) == 250
    assert [name for name, _ in events(store, welcome.id)] == ["start", "pause", "resume", "extend"]
    assert events(store, welcome.id)[-1] == ("extend", 120)


def test_pausing_twice_changes_nothing(built, store, clock):
    welcome = built.stages[0]
    store.start_stage(welcome.id)
    clock.advance(10)
    store.pause_timer(welcome.id)
    clock.advance(10)
    store.pause_timer(welcome.id)
    assert left(store, welcome.id) == 290
    assert [name for name, _ in events(store, welcome.id)] == ["start", "pause"]


def test_a_timer_that_has_not_started_cannot_be_paused_or_extended(built, store):
    welcome = built.stages[0]
    with pytest.raises(RuleBroken, match="is not running"):
        store.pause_timer(welcome.id)
    store.start_stage(welcome.id)
    with pytest.raises(RuleBroken, match="only be added"):
        store.extend_timer(welcome.id, 0)
    assert store.stage(welcome.id).timer_left_seconds == 300


def test_starting_the_next_stage_ends_the_previous_one(built, store, clock):
    welcome, ideas = built.stages[0], built.stages[1]
    store.start_stage(welcome.id)
    clock.advance(240)  # one minute early
    store.start_stage(ideas.id)
    ended = store.stage(welcome.id)
    assert ended.timer_status == "done" and ended.ended_at is not None
    assert ended.timer_left_seconds == 60
    assert [name for name, _ in events(store, welcome.id)] == ["start", "end"]
    assert store.current_stage(built.workshop.id).id == ideas.id
    assert store.stage(ideas.id).timer_status == "running"
    assert store.workshop(built.workshop.id).status == "in progress"


def test_a_stage_that_ends_late_has_its_overrun_logged(built, store, clock):
    welcome, ideas = built.stages[0], built.stages[1]
    store.start_stage(welcome.id)
    clock.advance(7 * 60)  # planned 5 minutes
    store.start_stage(ideas.id)
    assert ("overrun", 120) in events(store, welcome.id)
    assert store.stage(welcome.id).timer_left_seconds == -120


def test_a_late_stage_is_logged_once_while_it_runs(built, store, clock):
    welcome = built.stages[0]
    store.start_stage(welcome.id)
    clock.advance(200)
    assert store.log_overrun_once(welcome.id) is False
    clock.advance(200)
    assert store.log_overrun_once(welcome.id) is True
    assert store.log_overrun_once(welcome.id) is False
    assert [name for name, _ in events(store, welcome.id)].count("overran") == 1


def test_finishing_the_workshop_ends_the_current_stage(built, store, clock):
    welcome = built.stages[0]
    store.start_stage(welcome.id)
    clock.advance(360)
    workshop = store.finish_workshop(built.workshop.id)
    assert workshop.status == "finished" and workshop.ended_at is not None
    assert store.stage(welcome.id).timer_status == "done"
    assert ("overrun", 60) in events(store, welcome.id)


def test_going_back_to_a_stage_continues_its_time_paused(built, store, clock):
    welcome, ideas = built.stages[0], built.stages[1]
    store.start_stage(welcome.id)
    clock.advance(100)
    store.start_stage(ideas.id)
    clock.advance(30)
    back = store.start_stage(welcome.id)
    assert back.timer_status == "paused"
    assert left(store, welcome.id) == 200
    assert store.stage(ideas.id).timer_status == "done"
    assert store.current_stage(built.workshop.id).id == welcome.id


# -- a clean quit is not an interruption ------------------------------------------------------


def test_a_clean_quit_with_the_timer_running_is_noted_and_the_restart_is_clean(built, store, clock, reopen):
    welcome = built.stages[0]
    store.start_stage(welcome.id)
    assert not store.closed_cleanly(welcome.id)  # opened now, by nobody: as after a crash
    assert store.log_app_closed(built.workshop.id) is True  # Ctrl+Q
    store.close()
    clock.advance(60)
    again = reopen()
    assert again.closed_cleanly(welcome.id)
    again.log_app_restarted(welcome.id)
    # The app runs again: if it is killed now, the next start is an interruption once more.
    assert not again.closed_cleanly(welcome.id)
    assert [name for name, _ in events(again, welcome.id)] == ["start", "app closed", "app restarted"]


def test_a_quit_with_no_timer_running_notes_nothing(built, store, clock):
    assert store.log_app_closed(built.workshop.id) is False  # not started
    welcome = built.stages[0]
    store.start_stage(welcome.id)
    store.pause_timer(welcome.id)
    assert store.log_app_closed(built.workshop.id) is False  # paused: it cannot have run on
    assert [name for name, _ in events(store, welcome.id)] == ["start", "pause"]


def test_anything_after_a_clean_quit_means_the_last_run_did_not_end_cleanly(built, store, clock):
    """Another run changed the timer after the clean quit, then was killed: an interruption."""
    welcome = built.stages[0]
    store.start_stage(welcome.id)
    store.log_app_closed(built.workshop.id)
    store.pause_timer(welcome.id)
    store.resume_timer(welcome.id)
    assert not store.closed_cleanly(welcome.id)


def test_the_minutes_say_resumed_after_an_interruption_only_after_one(built, store, clock):
    from facilitator.outputs.minutes import render_markdown
    from facilitator.storage.exchange import load_record

    welcome, following = built.stages[0], built.stages[1]
    store.start_stage(welcome.id)
    store.log_app_closed(built.workshop.id)  # Ctrl+Q, then started again
    store.log_app_restarted(welcome.id)
    store.start_stage(following.id)
    store.log_resumed_after_interruption(following.id)  # a crash
    text = render_markdown(load_record(store, built.workshop.id))
    [welcome_row] = [line for line in text.splitlines() if welcome.title in line and line.startswith("|")]
    [following_row] = [line for line in text.splitlines() if following.title in line and line.startswith("|")]
    assert "interruption" not in welcome_row
    assert "Resumed after an interruption" in following_row
