"""The evaluate panel with an agenda's own check-out values instead of the Five Values."""

from __future__ import annotations

from panel_harness import PanelTestApp, screen_text

from facilitator.domain.agenda import parse_agenda_toml, stages_from_agenda
from facilitator.domain.models import FIVE_VALUES
from facilitator.storage.store import Store
from facilitator.ui.stages.evaluate import EvaluatePanel

AGENDA = """
name = "Peer support review"
[[stages]]
kind = "evaluate"
title = "How did today feel?"
minutes = 5
values = ["Feeling safe", "Being heard", "[b]Hope[/b]"]
"""
VALUES = ["Feeling safe", "Being heard", "[b]Hope[/b]"]


async def test_the_panel_scores_and_sums_up_the_agenda_s_own_values(store: Store) -> None:
    stages = stages_from_agenda(parse_agenda_toml(AGENDA, "peer.toml"))
    workshop = store.create_workshop(title="Peer support", stages=stages)
    stage = store.stages(workshop.id)[0]
    app = PanelTestApp(store, EvaluatePanel, workshop.id, stage.id)
    async with app.run_test(size=(100, 30)) as pilot:
        text = screen_text(app)
        assert all(value in text for value in VALUES)  # markup-like text shown literally
        assert not any(value in text for value in FIVE_VALUES)
        await pilot.press("4", "5", "3", "enter")
        for _ in range(20):  # the save may wait in the background for a moment
            await pilot.pause()
            if store.values_scores(workshop.id):
                break
        await pilot.pause()
        assert "1 response so far" in screen_text(app)
        await pilot.press("v")
        await pilot.pause()
        summary = screen_text(app)
        assert "5.0 of 5" in summary and "3.0 of 5" in summary
    assert [(s.value, s.score) for s in store.values_scores(workshop.id)] == list(zip(VALUES, (4, 5, 3), strict=True))
