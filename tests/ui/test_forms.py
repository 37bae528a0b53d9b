"""The decision, action and "You said, we did" forms behave alike (``FormDialog``).

Enter moves to the next field and only the last one saves; Escape keeps what was typed for the
next time the form opens (and across a quit); a mistake's sentence goes once it is fixed; a
drop-down list opens in place instead of over the rows below; dates are read as people write
them, and a past due date is kept with a warning.
"""

from __future__ import annotations

import re

import pytest
from panel_harness import PanelTestApp, build_room
from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled
from screen_check import flat, screen_text
from textual.widgets import Input, Select

from facilitator.domain.models import TimerStatus
from facilitator.storage.store import Store
from facilitator.ui.dialogs.action_dialog import ActionDialog
from facilitator.ui.dialogs.decision_dialog import DecisionDialog
from facilitator.ui.dialogs.feedback_dialog import FeedbackDialog
from facilitator.ui.dialogs.form_dialog import KEPT, RESTORED
from facilitator.ui.stages.actions import ActionsPanel
from facilitator.ui.stages.decide import DecidePanel
from facilitator.ui.stages.feedback import FeedbackPanel


def value(app, field_id: str) -> str:
    return app.screen.query_one(f"#{field_id}", Input).value


async def test_enter_in_the_due_date_moves_on_to_the_decision_and_only_the_last_field_saves(store: Store) -> None:
    # Enter in "Due date" used to save and close, skipping the decision link; the next Space,
    # meant for the form, reached the run screen and paused the stage timer.
    workshop, people = coproduction_workshop(store)
    decision = store.add_decision(workshop.id, "Open a quiet room")
    actions = stage_titled(store, workshop.id, "Actions")
    store.start_stage(actions.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        for answer in ("Book the small lounge", "Ben", "2027-01-31"):
            await pilot.press(*answer, "enter")
            await pilot.pause()
        assert app.screen is dialog and store.actions(workshop.id) == []
        link = dialog.query_one("#decision", Select)
        assert dialog.focused is link
        await pilot.press("space")  # opens the list, in the form
        await pilot.pause()
        assert link.expanded
        await pilot.press("down", "enter")  # below "not linked to a decision": "Open a quiet room"
        await pilot.pause()
        assert app.screen is dialog and link.value == decision.id
        await pilot.press("enter")  # the last field: now it saves
        await pilot.pause()
        assert app.screen is not dialog
        assert store.stage(actions.id).timer_status is TimerStatus.RUNNING
    [action] = store.actions(workshop.id)
    assert action.what == "Book the small lounge" and action.owner_participant_id == people[1].id
    assert action.due_date == "2027-01-31" and action.decision_id == decision.id


async def test_escape_keeps_a_decision_for_next_time_and_ctrl_n_empties_it(store: Store, reopen) -> None:
    room = build_room(store)
    store.start_stage(room.stages["decide"].id)
    app = PanelTestApp(store, DecidePanel, room.workshop.id, room.stages["decide"].id)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Open the quiet room at night", "tab", *"Carers asked twice", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, DecisionDialog)
        assert KEPT in flat(app)
        await pilot.press("n")
        await pilot.pause()
        assert value(app, "statement") == "Open the quiet room at night"  # the form used to be empty
        assert value(app, "rationale") == "Carers asked twice"
        assert RESTORED in flat(app)
        await pilot.press("ctrl+n")  # start again: the kept typing goes
        await pilot.pause()
        assert value(app, "statement") == value(app, "rationale") == ""
        assert app.screen.focused is app.screen.query_one("#statement")
        await pilot.press(*"Review the menu", "tab", *"Food came up in every group")
        await pilot.pause()
        await pilot.press("ctrl+q")  # the app closes with the decision unsaved
    assert store.decisions(room.workshop.id) == []

    again = reopen()
    app = PanelTestApp(again, DecidePanel, room.workshop.id, room.stages["decide"].id)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert value(app, "statement") == "Review the menu"
        assert value(app, "rationale") == "Food came up in every group"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, DecisionDialog)
        await pilot.press("n")  # saved: not offered a second time
        await pilot.pause()
        assert value(app, "statement") == value(app, "rationale") == ""
    assert [d.statement for d in again.decisions(room.workshop.id)] == ["Review the menu"]


@pytest.mark.parametrize(("panel", "dialog", "field_id"), [
    (ActionsPanel, ActionDialog, "what"),
    (FeedbackPanel, FeedbackDialog, "said"),
], ids=["action", "feedback"])
async def test_escape_keeps_an_action_or_a_you_said_item_too(store: Store, panel, dialog, field_id) -> None:
    room = build_room(store)
    stage = room.stages["actions" if panel is ActionsPanel else "feedback"]
    app = PanelTestApp(store, panel, room.workshop.id, stage.id)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, dialog)
        await pilot.press(*"Somewhere [b]quiet[/b]", "escape", "n")  # markup-like text is only text
        await pilot.pause()
        assert isinstance(app.screen, dialog)
        assert value(app, field_id) == "Somewhere [b]quiet[/b]"
        await pilot.press("ctrl+n", "escape", "n")  # emptied, then closed: nothing is kept
        await pilot.pause()
        assert value(app, field_id) == ""


async def test_a_mistake_s_sentence_goes_once_it_is_fixed(store: Store) -> None:
    room = build_room(store)
    store.start_stage(room.stages["decide"].id)
    app = PanelTestApp(store, DecidePanel, room.workshop.id, room.stages["decide"].id)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        await pilot.press("tab", *"Nobody wrote the decision", "ctrl+s")
        await pilot.pause()
        error = dialog.query_one("#decision-error")
        assert error.render().plain == "The decision cannot be empty."
        dialog.query_one("#rationale", Input).focus()
        await pilot.press(*" at all")  # another field: the decision is still empty
        await pilot.pause()
        assert error.render().plain == "The decision cannot be empty."
        dialog.query_one("#statement", Input).focus()
        await pilot.press(*"Open the garden")
        await pilot.pause()
        assert error.render().plain == ""  # it used to stay after the field was filled
        dialog.query_one("#statement", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert dialog.focused is dialog.query_one("#statement")  # taken to the field it is about
        assert isinstance(app.screen, DecisionDialog)


async def test_a_drop_down_list_opens_in_place_not_over_the_rows_below(store: Store) -> None:
    # At 80 columns the open "Status" list was drawn over the next rows' boxes, beside their
    # labels: the screen read "Review date  agreed" and "Dissent  deferred".
    room = build_room(store)
    store.start_stage(room.stages["decide"].id)
    app = PanelTestApp(store, DecidePanel, room.workshop.id, room.stages["decide"].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#status", Select).focus()
        await pilot.press("space")
        await pilot.pause()
        assert app.screen.query_one("#status", Select).expanded
        lines = screen_text(app).splitlines()
        choice = re.compile(r"\b(agreed|deferred|rejected)\b")
        for label in ("Review date", "Dissent", "Dissent by"):
            row = next(line for line in lines if f" {label} " in line)
            assert not choice.search(row), row
        assert len([line for line in lines if choice.search(line)]) == 4  # the choice, then the open list
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.screen.query_one("#status", Select).value == "deferred"
        assert "Review date" in screen_text(app)


async def test_a_due_date_in_words_or_day_first_and_a_past_one_is_kept_with_a_warning(store: Store) -> None:
    # Today is Friday 14 March 2025 on the test clock.
    room = build_room(store)
    app = PanelTestApp(store, ActionsPanel, room.workshop.id, room.stages["actions"].id)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        note = dialog.query_one("#due-date-note")
        assert "day/month/year" in dialog.query_one("#due-date", Input).placeholder
        await pilot.press(*"Ring the trust", "tab", "tab", *"next tuesday")
        await pilot.pause()
        assert note.render().plain == "Reads as Tuesday 18 March 2025."
        dialog.query_one("#due-date", Input).value = "in 2 weeks"
        await pilot.pause()
        assert note.render().plain == "Reads as Friday 28 March 2025."
        dialog.query_one("#due-date", Input).value = "01/03/2025"  # day first: 1 March, already past
        await pilot.pause()
        assert note.render().plain == "The due date, Saturday 1 March 2025, is already past."
        await pilot.press("ctrl+s")  # a warning, not a refusal
        await pilot.pause()
        assert not isinstance(app.screen, ActionDialog)
        assert "The due date, Saturday 1 March 2025, is already past." in flat(app)
    [action] = store.actions(room.workshop.id)
    assert action.due_date == "2025-03-01"
