"""``facilitator new`` and ``edit --carry``: stages moved out of a workshop while it ran ("move to
the next workshop") reach the next one: a series' own automatically, outside a series offered."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("private_home")

STAGES = [
    {"kind": "welcome", "title": "Welcome", "minutes": 10},
    {"kind": "ideas", "title": "Ideas about the bus", "minutes": 30},
]


def one_off_with_a_stage_moved(store) -> None:
    workshop = store.create_workshop(title="Bus pass talk", stages=STAGES, date="2025-03-14")
    store.carry_stage(store.stages(workshop.id)[1].id)


def test_new_outside_a_series_lists_the_waiting_stages_and_edit_carry_adds_them(facilitator, store, db_path):
    one_off_with_a_stage_moved(store)
    made = facilitator("--db", db_path, "new", "coproduction-workshop", "--title", "Next talk")
    assert made.exit_code == 0, made.stderr
    new_id = int(made.stdout.strip())  # the id alone on stdout, for scripts
    assert ("1 stage moved out of \u201cBus pass talk\u201d is waiting to be carried: \u201cIdeas about the bus\u201d. "
            "To add them to this workshop: ") in made.stderr  # fmt: skip
    assert made.stderr.rstrip().endswith(f"facilitator edit {new_id} --carry")
    assert "Ideas about the bus" not in [s.title for s in store.stages(new_id)]

    added = facilitator("--db", db_path, "edit", str(new_id), "--carry")
    assert added.exit_code == 0, added.stderr
    assert "added at the end: \u201cIdeas about the bus\u201d" in added.stdout
    assert store.stages(new_id)[-1].title == "Ideas about the bus"
    again = facilitator("--db", db_path, "edit", str(new_id), "--carry")
    assert again.stdout.strip() == "No stages are waiting to be carried."


def test_new_with_carry_adds_them_at_once(facilitator, store, db_path):
    one_off_with_a_stage_moved(store)
    made = facilitator("--db", db_path, "new", "coproduction-workshop", "--title", "Next talk", "--carry")
    assert made.exit_code == 0, made.stderr
    assert "1 stage moved out of \u201cBus pass talk\u201d added at the end" in made.stderr
    assert store.stages(int(made.stdout.strip()))[-1].title == "Ideas about the bus"
