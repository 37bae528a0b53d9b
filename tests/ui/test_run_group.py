"""The group stage on the run screen: themes made, renamed, merged and removed from the keyboard,
ideas moved in and out; nothing lost on the way."""

from __future__ import annotations

from panel_harness import screen_text
from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled
from textual.widgets import Input, OptionList

from facilitator.storage.store import Store
from facilitator.ui.stages.group import GroupPanel, ThemeChooser

IDEAS = ["Quiet room", "Somewhere calm to wait", "Evening appointments", "Weekend clinic"]


def grouping_workshop(store: Store):
    workshop, people = coproduction_workshop(store)
    round_stage = stage_titled(store, workshop.id, "What matters to you")
    store.start_stage(round_stage.id)
    ideas = [store.add_idea(round_stage.id, text) for text in IDEAS]
    calm = store.add_theme(workshop.id, "Calm spaces")
    calm_again = store.add_theme(workshop.id, "Calm places")
    times = store.add_theme(workshop.id, "Times")
    store.move_idea(ideas[0].id, calm.id)
    store.move_idea(ideas[1].id, calm_again.id)
    store.start_stage(stage_titled(store, workshop.id, "Themes").id)
    return workshop, ideas, (calm, calm_again, times)


def highlight(app, option_id: str) -> None:
    group_list = app.screen.query_one("#group-list", OptionList)
    group_list.focus()
    group_list.highlighted = group_list.get_option_index(option_id)


async def test_rename_merge_ungroup_and_remove_from_the_keyboard(store: Store) -> None:
    workshop, ideas, (calm, calm_again, times) = grouping_workshop(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        assert isinstance(screen.panel, GroupPanel)
        shown = screen_text(app)
        assert "Not in a theme yet (2)" in shown and "1. Calm spaces  (1 idea)" in shown

        # Rename: R on a theme, a new name, Enter.
        highlight(app, f"theme-{times.id}")
        await pilot.press("R")
        await pilot.pause()
        box = screen.query_one("#group-name", Input)
        assert box.has_focus and box.value == "Times"
        box.value = "When we can be seen"
        await pilot.press("enter")
        await pilot.pause()
        assert store.theme(times.id).name == "When we can be seen"

        # Merge the duplicate "Calm places" into "Calm spaces" (theme 1).
        highlight(app, f"theme-{calm_again.id}")
        await pilot.press("M")
        await pilot.pause()
        assert isinstance(app.screen, ThemeChooser)
        await pilot.press("1")
        await pilot.pause()
        assert [theme.name for theme in store.themes(workshop.id)] == ["Calm spaces", "When we can be seen"]
        assert store.idea(ideas[1].id).theme_id == calm.id
        assert "1. Calm spaces  (2 ideas)" in screen_text(app)

        # A theme with ideas in it cannot be removed; an empty one can.
        highlight(app, f"theme-{calm.id}")
        await pilot.press("x")
        await pilot.pause()
        assert "Only an empty theme can be removed" in screen_text(app)
        assert len(store.themes(workshop.id)) == 2

        # Un-group an idea, then move it with the chooser's arrows and Enter.
        highlight(app, f"idea-{ideas[0].id}")
        await pilot.press("u")
        await pilot.pause()
        assert store.idea(ideas[0].id).theme_id is None
        assert app.screen.query_one("#group-list", OptionList).highlighted_option.id == f"idea-{ideas[0].id}"
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert store.idea(ideas[0].id).theme_id == times.id

        highlight(app, f"idea-{ideas[0].id}")
        await pilot.press("u")
        highlight(app, f"theme-{times.id}")
        await pilot.press("x")
        await pilot.pause()
        assert [theme.name for theme in store.themes(workshop.id)] == ["Calm spaces"]
    assert len(store.ideas(workshop_id=workshop.id)) == len(IDEAS)  # nothing lost


async def test_hidden_silent_ideas_are_not_grouped_until_revealed(store: Store) -> None:
    workshop, _ = coproduction_workshop(store)
    silent = stage_titled(store, workshop.id, "Ideas, written quietly")
    store.start_stage(silent.id)
    store.add_idea(silent.id, "A secret for now")
    store.start_stage(stage_titled(store, workshop.id, "Themes").id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_screen(pilot)
        shown = screen_text(app)
        assert "A secret for now" not in shown
        assert "are still hidden" in shown
