"""A key the run screen offers always does what it says, wherever the cursor is (issue 11, 1-2).

The stage keys (next, back, pause, +5 minutes, reveal) and the keys help cannot be typed into a
box, so they work from the idea box, from "Said by" with its list of names open, and from a list;
the footer shows the same keys everywhere, first, so an 80-column footer still has them. The
focus never rests on a widget that is hidden (after a vote's reveal hid the voter's box, keys
went into it and the footer offered its keys). The command palette has every action that works
now, by a word a person would type, including those of other kinds of stage that work anywhere.
"""

from __future__ import annotations

from run_helpers import ROUND, coproduction_workshop, run_app, run_screen, stage_titled, type_in_said_by
from screen_check import flat, screen_text, until
from textual.command import CommandList
from textual.fuzzy import Matcher
from textual.widgets import Input

from facilitator.domain.models import StageKind, TimerStatus
from facilitator.storage.store import Store
from facilitator.ui.dialogs.decision_dialog import DecisionDialog
from facilitator.ui.focus import is_shown
from facilitator.ui.screens.keys_help import describe_keys
from facilitator.ui.screens.run import RunScreen
from facilitator.ui.stages.vote import VotePanel
from facilitator.ui.widgets.speaker_picker import SpeakerPicker

PROJECTOR = (80, 24)
QUIET = "Ideas, written quietly"  # the shipped agenda's silent ideas stage


def footer(app) -> str:
    """The footer as a person reads it: the bottom line of the screen."""
    return screen_text(app).splitlines()[-1]


def words_in(app, selector: str) -> str:
    """The words shown inside one widget, its wrapped lines joined with single spaces."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(line[region.x : region.right] for line in lines).split())


def footer_key(screen: RunScreen, label: str) -> str:
    """The key the footer shows for ``label`` ("Next"), as a key name to press ("f8")."""
    keys = [active.binding.key for active in screen.active_bindings.values()
            if active.binding.show and active.binding.description == label]
    assert keys, f"the footer does not offer {label!r}"
    return keys[0]


async def show_stage(pilot, stage) -> None:
    """Start ``stage`` (as another terminal might) and wait until the run screen shows it."""
    app = pilot.app
    app.store.start_stage(stage.id)
    app.announce_change()
    screen = app.screen

    def shown() -> bool:
        panel = screen.panel
        return panel is not None and panel.stage_id == stage.id and panel.built and footer(app).startswith(" f8 Next")

    assert await until(pilot, shown), f"the run screen did not show {stage.title}"
    await pilot.pause()


def stage_of(store: Store, workshop_id: int, kind: StageKind):
    return next(stage for stage in store.stages(workshop_id) if stage.kind is kind)


def open_round_at(store: Store):
    """A new co-production workshop at its first ideas stage, a round."""
    workshop, people = coproduction_workshop(store)
    stage = stage_titled(store, workshop.id, ROUND)
    store.start_stage(stage.id)
    return workshop, people, stage


async def palette(pilot, words: str) -> list[str]:
    """Open the palette (Ctrl+P), type ``words``: the titles of the hits, best first, once found."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*words)
    hits = pilot.app.screen.query_one(CommandList)
    counts: list[int] = []

    def settled() -> bool:  # the palette searches in the background: wait for its last hit
        counts.append(hits.option_count)
        return len(counts) > 4 and counts[-1] == counts[-5] > 0

    await until(pilot, settled, seconds=10)
    return [str(option.prompt).split("\n")[0] for option in hits.options]


async def test_in_a_silent_stage_the_reveal_key_the_screen_names_reveals_from_the_idea_box(store: Store) -> None:
    workshop, people = coproduction_workshop(store)
    quiet = stage_titled(store, workshop.id, QUIET)
    store.start_stage(quiet.id)
    store.add_idea(quiet.id, "Peer workers on every shift", said_by=people[0].id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=PROJECTOR) as pilot:
        screen = await run_screen(pilot)
        box = screen.query_one("#idea-input", Input)
        assert box.has_focus  # an ideas stage opens with the cursor in the idea box
        assert "Peer workers on every shift" not in screen_text(app)
        # The sentence and the footer name the same key.
        assert "until you reveal them (Ctrl+R)." in words_in(app, "#ideas-summary")
        assert "^r Reveal" in footer(app)
        await pilot.press(footer_key(screen, "Reveal"))
        await pilot.pause()
        assert store.stage(quiet.id).revealed
        assert "Peer workers on every shift" in screen_text(app)
        assert box.value == ""  # no letter went into the box
        assert "Reveal" not in footer(app)  # nothing is hidden any more: no key offered for it


async def test_the_next_key_moves_on_from_said_by_and_with_its_list_of_names_open(store: Store) -> None:
    workshop, _, _ = open_round_at(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=PROJECTOR) as pilot:
        screen = await run_screen(pilot)
        await pilot.press("escape")  # out of the idea box: the key the footer names on a list
        await pilot.pause()
        next_key = footer_key(screen, "Next")
        await type_in_said_by(pilot, screen, "a")
        await pilot.pause()
        said_by = screen.query_one("#speaker-query", Input)
        assert screen.query_one(SpeakerPicker).has_class("-open")  # the list of names shows under the box
        assert footer_key(screen, "Next") == next_key  # the same key, in a box or not
        await pilot.press(next_key)
        await pilot.pause()
        assert store.current_stage(workshop.id).title == QUIET
        assert said_by.value == "a"  # the key went into no box

        screen = app.screen
        await type_in_said_by(pilot, screen, "b")  # the list closed (Escape), the cursor still in the box
        await pilot.press("escape")
        await pilot.pause()
        said_by = screen.query_one("#speaker-query", Input)
        assert not screen.query_one(SpeakerPicker).has_class("-open") and screen.focused is said_by
        await pilot.press(next_key)
        await pilot.pause()
        assert store.current_stage(workshop.id).kind is StageKind.BREAK
        assert said_by.value == "b"


async def test_the_footer_offers_one_set_of_stage_keys_in_a_box_and_on_a_list(store: Store) -> None:
    workshop, _, _ = open_round_at(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=PROJECTOR) as pilot:
        screen = await run_screen(pilot)
        in_the_box = footer(app)
        await pilot.press("escape")  # out of the box, to the list of ideas
        await pilot.pause()
        assert not isinstance(screen.focused, Input)
        on_the_list = footer(app)
        for footer_line in (in_the_box, on_the_list):
            assert footer_line.startswith(" f8 Next  f3 Back  f6 Pause  f7 +5 min")
        assert "f1 Keys" in in_the_box and "? Keys" in on_the_list  # F1 works in both; ? only on a list

        await pilot.press("f6")
        await pilot.pause()
        stage = store.current_stage(workshop.id)
        assert stage.timer_status is TimerStatus.PAUSED
        assert "Paused: press F6 to carry on" in words_in(app, "#timer")
        screen.query_one("#idea-input", Input).focus()
        await pilot.press("f6", "f7")
        await pilot.pause()
        stage = store.current_stage(workshop.id)
        assert stage.timer_status is TimerStatus.RUNNING and stage.timer_left_seconds == 20 * 60
        assert screen.query_one("#idea-input", Input).value == ""


async def test_after_a_vote_reveal_and_the_palette_the_next_key_works_and_the_footer_is_the_screens(
        store: Store) -> None:
    workshop, people = coproduction_workshop(store)
    ideas_stage = stage_titled(store, workshop.id, ROUND)
    store.start_stage(ideas_stage.id)
    store.add_idea(ideas_stage.id, "Transport to the hall", said_by=people[0].id)
    vote = stage_of(store, workshop.id, StageKind.VOTE)
    store.start_stage(vote.id)
    [candidate] = store.candidates(vote.id)
    store.cast_dot(vote.id, people[0].id, candidate.kind, candidate.id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=PROJECTOR) as pilot:
        screen = await run_screen(pilot)
        assert isinstance(screen.panel, VotePanel)
        await pilot.press(footer_key(screen, "Reveal"))
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert store.stage(vote.id).revealed
        assert screen.focused is not None and is_shown(screen.focused)

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        focused = screen.focused
        assert focused is None or is_shown(focused), f"the focus is on {focused!r}, which is hidden"
        assert focused is not screen.query_one("#vote-name")
        shown = footer(app)
        assert shown.startswith(" f8 Next")
        for voting_key in ("Who votes", "+ dot", "- dot", "Paper dots"):
            assert voting_key not in shown  # the voter's keys work no more, and are not offered
        await pilot.press(footer_key(screen, "Next"))
        await pilot.pause()
        assert store.current_stage(workshop.id).kind is StageKind.DECIDE


async def test_every_key_the_footer_shows_is_in_the_keys_help_at_every_stage(store: Store) -> None:
    workshop, _ = coproduction_workshop(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=PROJECTOR) as pilot:
        screen = await run_screen(pilot)
        for stage in store.stages(workshop.id):
            await show_stage(pilot, stage)
            assert footer(app).startswith(" f8 Next  f3 Back  f6 Pause  f7 +5 min"), stage.title
            helped = {key for keys, _, _ in describe_keys(screen) for key in keys.split(", ")}
            for active in screen.active_bindings.values():
                if active.binding.show:
                    key = app.get_key_display(active.binding)
                    assert key in helped, f"{key} {active.binding.description} is not in the keys help ({stage.title})"
            focused = screen.focused
            assert focused is None or is_shown(focused), stage.title
            text = " ".join([words_in(app, "#timer"), words_in(app, "#stage-area"), flat(app)])
            for old in ("press r", "(r)", "([)", "(or ])", "press space", "press p ", "or ] "):
                assert old not in text, f"{old!r} names a key that types ({stage.title})"


async def test_the_palette_finds_deci_after_a_vote_reveal_and_records_the_decision(store: Store) -> None:
    workshop, people = coproduction_workshop(store)
    vote = stage_of(store, workshop.id, StageKind.VOTE)
    store.start_stage(vote.id)
    store.set_revealed(vote.id, True)
    app = run_app(store, workshop.id)
    async with app.run_test(size=PROJECTOR) as pilot:
        screen = await run_screen(pilot)
        # The voter's box and the items are hidden once the votes are revealed: not the focus.
        assert screen.focused is not None and is_shown(screen.focused)
        hits = await palette(pilot, "deci")
        assert hits and hits[0] == "Record a decision"
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog) and dialog.stage_id == vote.id
        dialog.query_one("#statement", Input).value = "Book the quiet room for the evenings"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
    [decision] = store.decisions(workshop.id)
    assert decision.statement == "Book the quiet room for the evenings"


async def test_the_palette_finds_reveal_in_an_ideas_stage_and_it_reveals(store: Store) -> None:
    workshop, people = coproduction_workshop(store)
    quiet = stage_titled(store, workshop.id, QUIET)
    store.start_stage(quiet.id)
    store.add_idea(quiet.id, "Letters in plain English")
    app = run_app(store, workshop.id)
    async with app.run_test(size=PROJECTOR) as pilot:
        screen = await run_screen(pilot)
        assert isinstance(screen.focused, Input)
        hits = await palette(pilot, "reveal")
        assert hits and hits[0].startswith("Reveal")
        await pilot.press("enter")
        await pilot.pause()
        assert store.stage(quiet.id).revealed
        assert "Letters in plain English" in screen_text(app)
        assert screen.query_one("#idea-input", Input).value == ""


def titles(app, screen) -> list[str]:
    return [command.title for command in app.get_system_commands(screen)]


def finds(words: str, every: list[str]) -> bool:
    matcher = Matcher(words)
    return any(matcher.match(title) > 0 for title in every)


async def test_every_action_that_works_now_is_a_command_by_a_word_a_person_would_type(store: Store) -> None:
    workshop, people = coproduction_workshop(store)
    app = run_app(store, workshop.id)
    everywhere = ["next stage", "back", "pause", "more time", "5 minutes", "people", "phones", "end",
                  "minutes", "home", "keys", "help", "present", "decision", "action", "you said"]
    by_kind = {
        StageKind.IDEAS: ["type an idea", "pass"],
        StageKind.GROUP: ["new theme", "move", "group", "merge", "rename"],
        StageKind.VOTE: ["vote", "reveal", "dot", "who is voting", "paper"],
        StageKind.DECIDE: ["record a decision"],
        StageKind.ACTIONS: ["add an action", "status"],
        StageKind.EVALUATE: ["reveal", "summary"],
    }
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        assert finds("start", titles(app, screen))
        for stage in store.stages(workshop.id):
            await show_stage(pilot, stage)
            every = titles(app, screen)
            for words in everywhere + by_kind.get(stage.kind, []):
                assert finds(words, every), f"{words!r} finds nothing in {stage.title}: {every}"
            # Nothing is offered that does not work now.
            assert any(title.startswith("Reveal") for title in every) == (
                stage.kind in (StageKind.VOTE, StageKind.EVALUATE) or stage.title == QUIET), stage.title
            if stage.kind is StageKind.VOTE:
                store.set_revealed(stage.id, True)
                app.announce_change()
                assert await until(pilot, lambda: screen.panel.has_class("-revealed"))
                await pilot.pause()
                every = titles(app, screen)
                assert not any("give a dot" in title or title.startswith("Reveal") for title in every)
                assert finds("deci", every) and finds("next stage", every)


async def test_commands_run_the_actions_they_name(store: Store) -> None:
    from facilitator.ui.screens.roster import RosterScreen

    workshop, _, round_stage = open_round_at(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=PROJECTOR) as pilot:
        screen = await run_screen(pilot)
        for words, done in (
            ("pause", lambda: store.stage(round_stage.id).timer_status is TimerStatus.PAUSED),
            ("next stage", lambda: store.current_stage(workshop.id).title == QUIET),
            ("back", lambda: store.current_stage(workshop.id).id == round_stage.id),
            ("people", lambda: isinstance(app.screen, RosterScreen)),
        ):
            await palette(pilot, words)
            await pilot.press("enter")
            await pilot.pause()
            assert done(), words
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
