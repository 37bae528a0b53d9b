"""Small things a walkthrough at 80x24 found, each checked the way a facilitator would notice it.

Each test presses the keys a person would press and reads the screen (and the database).
"""

from __future__ import annotations

from rich.cells import cell_len
from run_helpers import coproduction_workshop, run_app, run_screen, stage_titled
from screen_check import flat, screen_text, until
from textual.widgets import Select

from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.dialogs.close_workshop import CloseWorkshopDialog
from facilitator.ui.screens.decision_detail import DecisionDetailScreen
from facilitator.ui.screens.follow_up import FollowUpScreen
from facilitator.ui.screens.keys_help import KeysHelpScreen
from facilitator.ui.screens.register import WORKSHOP_WIDTH, RegisterScreen
from facilitator.ui.widgets.result_bars import BLOCK

# Two cells a character in a terminal: a limit counted in characters lets these overflow.
CJK_TITLE = "\u7cbe\u795e\u5065\u5eb7\u670d\u52a1\u5171\u540c\u8bbe\u8ba1\u5de5\u4f5c\u574a\u7b2c\u4e8c\u6b21\u4f1a\u8bae"
EMOJI_DECISION = "\U0001f389" * 30 + " party"


async def open_register(pilot) -> RegisterScreen:
    await pilot.pause()
    await pilot.press("D")
    assert await until(pilot, lambda: isinstance(pilot.app.screen, RegisterScreen)
                       and pilot.app.screen.shown_page_loaded)
    await pilot.pause()
    return pilot.app.screen


# -- 6. shortening measures terminal cells -----------------------------------------------------


async def test_wide_text_in_the_register_is_cut_with_an_ellipsis_inside_its_column(store: Store) -> None:
    chinese = coproduction_workshop(store, title=CJK_TITLE, names=["Aisha Khan"])[0]
    store.add_decision(chinese.id, EMOJI_DECISION)
    english = coproduction_workshop(store, title="Safer wards workshop", names=["Ben Carter"])[0]
    store.add_decision(english.id, "Open a quiet room")
    app = FacilitatorApp(store)
    async with app.run_test(size=(120, 30)) as pilot:
        screen = await open_register(pilot)
        lines = screen_text(app).splitlines()
        wide = next(line for line in lines if CJK_TITLE[:4] in line)
        plain_row = next(line for line in lines if "Safer wards" in line)
        # The title is cut to the column with an ellipsis (it was cropped with no sign of it) ...
        title = wide[wide.index(CJK_TITLE[0]):].split("\u2026")[0] + "\u2026"
        assert CJK_TITLE.startswith(title[:-1])
        assert cell_len(title) <= WORKSHOP_WIDTH
        # ... so the decision column starts where it does on an ordinary row.
        start = wide.index("\U0001f389")
        assert cell_len(wide[:start]) == cell_len(plain_row[: plain_row.index("Open a quiet")])
        # The decision made of emoji ends in an ellipsis within its own column.
        decision = wide[start:].rstrip()
        assert decision.endswith("\u2026") and cell_len(decision) <= screen.decision_width


async def test_vote_bars_line_up_when_a_label_is_in_chinese(store: Store) -> None:
    from panel_harness import PanelTestApp, build_room

    from facilitator.ui.stages.vote import VotePanel

    room = build_room(store, ideas=["\u5b89\u9759\u7684\u623f\u95f4", "Peer support", "Better food"])
    stage_id = room.stages["vote"].id
    candidates = store.candidates(stage_id)
    for person, candidate in zip(room.people, [0, 0, 1, 2, 2], strict=True):
        store.cast_dot(stage_id, person.id, candidates[candidate].kind, candidates[candidate].id)
    store.set_revealed(stage_id, True)
    app = PanelTestApp(store, VotePanel, room.workshop.id, stage_id)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.pause()
        rows = [line for line in screen_text(app).splitlines() if BLOCK in line]
        assert len(rows) == 3
        starts = {cell_len(line[: line.index(BLOCK)]) for line in rows}
        assert len(starts) == 1, rows  # every bar starts in the same column


def test_shortened_text_never_takes_more_cells_than_its_limit() -> None:
    from facilitator.ui.text import shorten

    for text in (CJK_TITLE, EMOJI_DECISION, "ab\u4e2d\u6587cd", "Quiet room for everyone"):
        for limit in range(1, 12):
            short = shorten(text, limit)
            assert cell_len(short) <= limit
            assert short == text or short.endswith("\u2026")
    assert shorten("\u4e2d\u6587\u5b57", 6) == "\u4e2d\u6587\u5b57"  # fits exactly: not cut
    assert shorten("\u4e2d\u6587\u5b57", 5) == "\u4e2d\u6587\u2026"


# -- 1. the keys help lists only what works now -----------------------------------------------


async def keys_help_text(pilot) -> str:
    await pilot.press("f1")
    await pilot.pause()
    assert isinstance(pilot.app.screen, KeysHelpScreen)
    shown = flat(pilot.app)
    await pilot.press("escape")
    await pilot.pause()
    return shown


async def test_the_keys_help_offers_to_start_the_first_stage_only_before_it_starts(store: Store) -> None:
    workshop, _ = coproduction_workshop(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(160, 48)) as pilot:
        await run_screen(pilot)
        before = await keys_help_text(pilot)
        assert "Start the first stage" in before
        assert "Pause the stage timer" not in before  # no stage is on yet: nothing to pause
        await pilot.press("enter")
        await pilot.pause()
        assert store.current_stage(workshop.id).position == 1
        running = await keys_help_text(pilot)
        assert "Start the first stage" not in running
        assert "Pause the stage timer, or carry on" in running
        assert "End the workshop" in running

        store.finish_workshop(workshop.id)
        app.screen._reload()
        await pilot.pause()
        finished = await keys_help_text(pilot)
        assert "Start the first stage" not in finished
        assert "Pause the stage timer" not in finished and "End this stage" not in finished
        assert "End the workshop" not in finished
        assert "See and save the minutes" in finished
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, CloseWorkshopDialog)  # ctrl+e does what the help says


# -- 2. an owner who chose "perspective only" is shown by their perspective ---------------------


async def test_an_owner_shown_by_perspective_only_is_never_named_on_screen(store: Store) -> None:
    workshop, _ = coproduction_workshop(store, names=["Aisha Khan"])
    lee = store.add_participant(workshop.id, "Lee Chen", ["staff"], "perspective", arrived=True)
    decision = store.add_decision(workshop.id, "Open a quiet room")
    store.start_stage(stage_titled(store, workshop.id, "Actions").id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Book the small lounge", "enter", *"Lee")
        await pilot.pause()
        # The facilitator typed the name; the dialog says how the room and the minutes will see it.
        assert "Owner: Lee Chen (a participant, shown as a member of staff)" in flat(app)
        app.screen.query_one("#decision", Select).value = decision.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        [action] = store.actions(workshop.id)
        assert action.owner_participant_id == lee.id
        shown = flat(app)
        assert "owner: a member of staff" in shown and "Lee" not in shown

        await pilot.press("h")  # home, then the follow-up list of every open action
        await pilot.pause()
        await pilot.press("F")
        assert await until(pilot, lambda: isinstance(app.screen, FollowUpScreen))
        await pilot.pause()
        shown = flat(app)
        assert "Actions still to do, overdue first: 1" in shown
        assert "a member of staff" in shown and "Lee" not in shown

        await pilot.press("escape")
        await pilot.pause()
        await open_register(pilot)  # the decision's whole record, with its action
        await pilot.press("down", "enter")
        assert await until(pilot, lambda: isinstance(app.screen, DecisionDetailScreen))
        await pilot.pause()
        shown = flat(app)
        assert "Book the small lounge" in shown
        assert "a member of staff" in shown and "Lee" not in shown


# -- 3. the reveal question says how many of the people here have voted ------------------------


async def test_the_reveal_question_counts_the_people_here_and_names_who_has_not_voted(store: Store) -> None:
    from panel_harness import PanelTestApp, build_room

    from facilitator.ui.dialogs.confirm import ConfirmDialog
    from facilitator.ui.stages.vote import VotePanel

    room = build_room(store)  # five people, all arrived
    store.add_participant(room.workshop.id, "Femi Ade", ["staff"], "named")  # expected, not here
    stage_id = room.stages["vote"].id
    quiet = store.candidates(stage_id)[0]
    for person in room.people[:4]:
        store.cast_dot(stage_id, person.id, quiet.kind, quiet.id)
    app = PanelTestApp(store, VotePanel, room.workshop.id, stage_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")  # the run screen's reveal key
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        shown = flat(app)
        assert "4 of 5 people here have voted." in shown
        assert "Not voted yet: Erin Walsh" in shown and "Femi" not in shown
        await pilot.press("y")
        await pilot.pause()
    assert store.stage(stage_id).revealed


async def test_on_the_projected_screen_the_reveal_question_names_nobody(store: Store) -> None:
    from panel_harness import PanelTestApp, build_room

    from facilitator.ui.stages.vote import VotePanel

    room = build_room(store)
    stage_id = room.stages["vote"].id
    app = PanelTestApp(store, VotePanel, room.workshop.id, stage_id, presenting=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+r")  # the run screen's reveal key
        await pilot.pause()
        detail = " ".join(str(app.screen.query_one("#detail").render()).split())
        assert detail == "0 of 5 people here have voted. No more dots can be given after the reveal."
        assert "0 of 5 people here have voted." in flat(app)
        await pilot.press("n")
        await pilot.pause()
    assert not store.stage(stage_id).revealed


# -- 4. the move-idea dialog names the idea ----------------------------------------------------

LONG_IDEA = ("A quiet room near the entrance where anyone who feels overwhelmed can sit for a while "
             "without being asked questions")


async def test_the_move_dialog_names_the_idea_being_moved(store: Store) -> None:
    from textual.widgets import OptionList

    from facilitator.ui.stages.group import ThemeChooser

    workshop, _ = coproduction_workshop(store)
    ideas_stage = stage_titled(store, workshop.id, "What matters to you")
    store.start_stage(ideas_stage.id)
    short = store.add_idea(ideas_stage.id, "[b]Evening[/b] appointments")
    long = store.add_idea(ideas_stage.id, LONG_IDEA)
    times = store.add_theme(workshop.id, "Times")
    calm = store.add_theme(workshop.id, "Calm spaces")
    store.start_stage(stage_titled(store, workshop.id, "Themes").id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await run_screen(pilot)
        group_list = screen.query_one("#group-list", OptionList)
        group_list.focus()
        group_list.highlighted = group_list.get_option_index(f"idea-{short.id}")
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ThemeChooser)
        assert "Move \u201c[b]Evening[/b] appointments\u201d into which theme?" in flat(app)
        await pilot.press("1")
        await pilot.pause()
        assert store.idea(short.id).theme_id == times.id

        group_list.highlighted = group_list.get_option_index(f"idea-{long.id}")
        await pilot.press("m")
        await pilot.pause()
        question = " ".join(str(app.screen.query_one("#chooser-question").render()).split())
        assert question.startswith("Move \u201cA quiet room near the entrance")
        assert question.endswith("\u2026\u201d into which theme?")  # cut short, and said so
        assert "\u2026\u201d into which theme?" in flat(app)
        await pilot.press("2")
        await pilot.pause()
        assert store.idea(long.id).theme_id == calm.id


# -- 8. the register's hint fits where the cursor is -------------------------------------------


async def test_the_register_hint_says_what_keys_do_in_the_search_box_and_in_the_list(store: Store) -> None:
    workshop, _ = coproduction_workshop(store, names=["Aisha Khan"])
    store.add_decision(workshop.id, "Open a quiet room")
    store.add_decision(workshop.id, "Serve hot drinks", status="deferred")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(pilot)
        shown = flat(app)
        assert "Type to search \u00b7 Down: the list and the filter keys \u00b7 Escape: back" in shown
        footer = screen_text(app).splitlines()[-1]
        assert "s status" not in shown and "Status" not in footer  # neither the hint nor the footer offers s
        await pilot.press("s")  # typed into the box, as the hint says
        await pilot.pause()
        assert screen.query_one("#register-search").value == "s"
        assert screen.search.status is None
        assert "Escape clears it" in flat(app)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#register-search").value == ""
        assert isinstance(app.screen, RegisterScreen)

        await pilot.press("down")  # to the list: now the letters are filter keys
        await pilot.pause()
        shown = flat(app)
        assert "s status \u00b7 a replaced too \u00b7 d review due" in shown
        assert "Type to search" not in shown
        assert "s Status" in screen_text(app).splitlines()[-1]
        await pilot.press("s")
        await pilot.pause()
        assert screen.search.status == "agreed"
        assert "Serve hot drinks" not in flat(app)


# -- 5. the keys table fits its dialog at 80 columns -------------------------------------------


async def test_the_keys_table_fits_its_dialog_at_80_columns(store: Store) -> None:
    workshop, _ = coproduction_workshop(store)
    store.start_stage(stage_titled(store, workshop.id, "Dot vote").id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one("#keys")
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if "Key" in line and "Does" in line)
        assert "Where" in header  # the third column is in view, not off the side
        assert table.max_scroll_x == 0  # nothing to scroll sideways to
        # A long description wraps inside its column instead of running under "Where".
        first = next(n for n, line in enumerate(lines) if "Reveal what this stage keeps hidden" in line)
        assert "This screen" in lines[first]
        assert "its ideas, its votes or its check-out" in lines[first + 1]


# -- 7. the run screen's title bar keeps the status in view ------------------------------------

LONG_TITLE = "Designing the crisis sanctuary together: the evening welcome, the quiet room and getting home"


async def test_a_long_workshop_title_gives_way_to_the_stage_and_status(store: Store) -> None:
    workshop, _ = coproduction_workshop(store, title=LONG_TITLE)
    store.start_stage(stage_titled(store, workshop.id, "What matters to you").id)
    for size in ((80, 24), (160, 48)):
        app = run_app(store, workshop.id)
        async with app.run_test(size=size) as pilot:
            await run_screen(pilot)
            title_line = screen_text(app).splitlines()[0].rstrip()
            assert title_line.endswith("\u00b7  workshop running, stage 2 of 9"), title_line
            assert title_line.lstrip().startswith("Presenting  \u00b7  Designing the crisis sanctu")
            if size == (80, 24):
                assert "\u2026" in title_line  # the title is cut short, and says so
    store.finish_workshop(workshop.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_screen(pilot)
        assert screen_text(app).splitlines()[0].rstrip().endswith("\u00b7  workshop finished")


# -- 9. (found on the way) the follow-up list shows the actions themselves at 80 columns -------


async def test_at_80_columns_the_follow_up_list_shows_what_each_action_is(store: Store, clock) -> None:
    workshop, people = coproduction_workshop(store, names=["Aisha Khan"])
    store.add_action(workshop.id, "Book the small lounge as a quiet room", owner_participant_id=people[0].id,
                     due_date="2025-03-01")  # two weeks ago: overdue
    store.add_action(workshop.id, "Ask about funding", owner_text="the ward manager", due_date="2025-04-30")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("F")
        assert await until(pilot, lambda: isinstance(app.screen, FollowUpScreen))
        await pilot.pause()
        lines = screen_text(app).splitlines()
        late = next(line for line in lines if "1 Mar 2025" in line)
        assert late.lstrip().startswith("! 1 Mar 2025")  # still marked overdue, in fewer cells
        assert "Aisha Khan" in late and "Book the small lo" in late  # the action itself is in view
        assert "Ask about fundi" in next(line for line in lines if "30 Apr 2025" in line)


# -- 10. (found on the way) the register shows the decisions themselves at 80 columns ----------


async def test_at_80_columns_the_register_shows_what_each_decision_is(store: Store) -> None:
    workshop, _ = coproduction_workshop(store, names=["Aisha Khan"])
    store.add_decision(workshop.id, "Open a quiet room every evening")
    app = FacilitatorApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_register(pilot)
        row = next(line for line in screen_text(app).splitlines() if "14 Mar 2025" in line)
        assert "Safer war\u2026" in row  # the workshop gives way ...
        assert "Open a quiet room every\u2026" in row  # ... so the decision is in view
        assert screen.table.max_scroll_x == 0
