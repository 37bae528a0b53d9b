"""Snapshots of the vote results after the reveal, at 80x24 (a zoomed projector) and 160x48.

Fixed data: five people, four themes and ideas, a tie for 1st place. Update the pictures with
``pytest tests/snapshots --snapshot-update`` after a deliberate change, and look at them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult

import facilitator.ui
from facilitator.storage.store import Store
from facilitator.ui.stages.vote import VotePanel
from facilitator.ui.themes import DEFAULT_THEME, THEMES


class VoteResultsApp(App):
    CSS_PATH = str(Path(facilitator.ui.__file__).parent / "app.tcss")

    def __init__(self, store: Store, workshop_id: int, stage_id: int) -> None:
        super().__init__()
        self.store = store
        self.workshop_id = workshop_id
        self.stage_id = stage_id
        self.animation_level = "none"
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DEFAULT_THEME

    def compose(self) -> ComposeResult:
        yield VotePanel(self.store, self.workshop_id, self.stage_id)


def revealed_vote(store: Store) -> VoteResultsApp:
    workshop = store.create_workshop(
        title="Safer wards workshop", date="2025-03-14",
        stages=[
            {"kind": "ideas", "title": "Ideas", "minutes": 10},
            {"kind": "vote", "title": "Dot vote", "minutes": 10,
             "settings": {"dots_per_person": 3, "max_per_candidate": 2, "secret": True,
                          "prompt": "Which themes should we work on first?"}},
        ],
    )
    ideas_stage, vote_stage = store.stages(workshop.id)
    people = [store.add_participant(workshop.id, name, ["carer"], "named", arrived=True)
              for name in ["Aisha Khan", "Ben Carter", "Chloe Evans", "Dev Patel", "Erin Walsh"]]
    ideas = [store.add_idea(ideas_stage.id, text) for text in
             ["A quiet room", "Somewhere calm", "Peer support workers on every shift", "Evening appointments",
              "Better food"]]
    calm = store.add_theme(workshop.id, "Calm spaces")
    store.move_idea(ideas[0].id, calm.id)
    store.move_idea(ideas[1].id, calm.id)
    store.start_stage(vote_stage.id)
    calm_c, peer, evening, food = store.candidates(vote_stage.id)
    for person, choices in zip(people, [(calm_c, peer, evening), (calm_c, peer, food), (calm_c, peer, evening),
                                        (peer, calm_c, food), (evening,)], strict=True):
        for candidate in choices:
            store.cast_dot(vote_stage.id, person.id, candidate.kind, candidate.id)
    store.set_revealed(vote_stage.id)
    return VoteResultsApp(store, workshop.id, vote_stage.id)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_vote_results_after_the_reveal(snap_compare, store: Store, size: tuple[int, int]) -> None:
    assert snap_compare(revealed_vote(store), terminal_size=size)
