"""One whole workshop, the way a facilitator runs it on an 80x24 projector, from the keyboard.

From the home screen of an empty file: a new workshop from the shipped co-production agenda,
people added and marked as here, ideas said aloud and written quietly (hidden until revealed),
themes, a dot vote to the budget and past it (in the private view), the reveal, a decision from the top result, an
action, the end, and the minutes saved to a file that holds what happened. Text goes in by
setting ``input.value`` (what typing would leave there); everything else is a key press. The
store is checked at each step, because every change must be saved before the screen shows it.
"""

from __future__ import annotations

from pathlib import Path

from run_helpers import go_to_stage, stage_titled
from screen_check import flat, screen_text
from textual.widgets import Input, Select

from facilitator.domain.models import Attribution, Perspective, StageKind, WorkshopStatus
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.dialogs.action_dialog import ActionDialog
from facilitator.ui.dialogs.close_workshop import CloseWorkshopDialog
from facilitator.ui.dialogs.confirm import ConfirmDialog
from facilitator.ui.dialogs.decision_dialog import DecisionDialog
from facilitator.ui.dialogs.new_workshop import NewWorkshopDialog
from facilitator.ui.dialogs.person import PersonDialog
from facilitator.ui.screens.home import HomeScreen
from facilitator.ui.screens.roster import RosterScreen
from facilitator.ui.screens.run import RunScreen
from facilitator.ui.stages.group import GroupPanel, ThemeChooser
from facilitator.ui.stages.ideas import IdeasPanel
from facilitator.ui.stages.vote import VotePanel

TITLE = "Crisis café: what would help"
PROJECTOR = (80, 24)

# (name, perspective rows to tick in the dialog, how they are shown).
PEOPLE = [
    ("Aisha Khan", [0], Attribution.NAMED),
    ("Ben Carter", [1], Attribution.NAMED),
    ("Chloe Evans", [2], Attribution.NAMED),
    ("Dev Patel", [3], Attribution.PERSPECTIVE),
    ("Erin Walsh", [0, 1], Attribution.ANONYMOUS),
]
PERSPECTIVE_ROWS = list(Perspective)

# Said aloud in the round: (idea, start of a name typed in "Said by"; "anon" for anonymous).
# All four are grouped into the two themes below; the ideas written quietly stay on their own.
SAID_ALOUD = [
    ("Somewhere quiet to wait", "ai"),
    ("Talking to someone who has been there", "ch"),
    ("Being believed the first time", "anon"),
    ("A phone line that answers at night", "de"),
]
# Written quietly: hidden from the room until the facilitator reveals them.
WRITTEN_QUIETLY = [
    ("A quiet room away from the ward", "ben"),
    ("Peer workers on every shift", "er"),
    ("Letters in plain English", "ai"),
    ("Evening drop-in sessions", ""),
]
CALM, PEER = "Somewhere calm to go", "People who have been there"


def footer(app) -> str:
    """The footer: the bottom line of the screen."""
    return screen_text(app).splitlines()[-1]


async def add_person(pilot, name: str, rows: list[int], shown_as: Attribution) -> None:
    """``a``, the name, Space on each perspective, the "Shown as" choice, Enter; then Space: here."""
    await pilot.press("a")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, PersonDialog)
    dialog.query_one("#name", Input).value = name
    await pilot.press("tab")
    at = 0
    for row in rows:
        await pilot.press(*["down"] * (row - at), "space")
        at = row
    await pilot.press("tab")  # "Shown as" starts on "perspective only"
    moves = {Attribution.NAMED: ["up", "space"], Attribution.PERSPECTIVE: [],
             Attribution.ANONYMOUS: ["down", "space"]}
    if moves[shown_as]:
        await pilot.press(*moves[shown_as])
    await pilot.press("enter")
    await pilot.pause()
    roster = pilot.app.screen
    assert isinstance(roster, RosterScreen), "the person dialog did not save"
    newest = pilot.app.store.participants(roster.workshop_id)[-1]
    assert newest.name == name and roster.table.selected_id == newest.id, "the new person is not selected"
    await pilot.press("space")  # the new person is selected: mark them as here
    await pilot.pause()


async def say_idea(pilot, idea: str, speaker: str) -> None:
    """The idea in the box; Tab to "Said by", the start of a name typed key by key, Enter saves."""
    screen = pilot.app.screen
    box = screen.query_one("#idea-input", Input)
    assert box.has_focus, "the idea box should keep the cursor between ideas"
    box.value = idea
    if not speaker:
        await pilot.press("enter")
    else:
        await pilot.press("tab", *speaker, "enter")
    await pilot.pause()


async def test_a_whole_workshop_from_home_to_saved_minutes_at_80x24(store: Store, tmp_path: Path) -> None:
    app = FacilitatorApp(store)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "No workshops yet" in screen_text(app)

        # -- home: a new workshop from the shipped co-production agenda ----------------------
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewWorkshopDialog)
        assert dialog.query_one("#agenda", Select).value == "coproduction-workshop"
        dialog.query_one("#title", Input).focus()
        dialog.query_one("#title", Input).value = TITLE
        dialog.query_one("#place", Input).value = "Community hall"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        [workshop] = store.list_workshops()
        assert (workshop.title, workshop.agenda_name) == (TITLE, "coproduction-workshop")
        stages = store.stages(workshop.id)
        assert [s.kind for s in stages][:3] == [StageKind.WELCOME, StageKind.IDEAS, StageKind.IDEAS]
        assert TITLE in screen_text(app)

        # -- people: added from the dialog and marked as here ---------------------------------
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        for name, rows, shown_as in PEOPLE:
            await add_person(pilot, name, rows, shown_as)
        people = store.participants(workshop.id)
        assert [(p.name, list(p.perspectives), p.attribution) for p in people] == [
            (name, [PERSPECTIVE_ROWS[row] for row in rows], shown_as) for name, rows, shown_as in PEOPLE
        ]
        assert all(p.is_present for p in people)
        assert "5 people: 5 here" in screen_text(app)
        by_name = {p.name: p for p in people}
        await pilot.press("escape")
        await pilot.pause()

        # -- run: start with the welcome --------------------------------------------------------
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RunScreen) and screen.workshop_id == workshop.id
        assert app.presenting and screen_text(app).startswith(" Presenting  \u00b7  ")  # for the room
        assert "Press Enter (or F8) to start the first stage." in flat(app)
        await pilot.press("enter")
        await pilot.pause()
        assert store.current_stage(workshop.id).kind is StageKind.WELCOME
        assert store.workshop(workshop.id).status is WorkshopStatus.IN_PROGRESS
        assert "Our ground rules" in screen_text(app)  # the agenda's welcome text

        # -- ideas said aloud, round the room: shown as they come ------------------------------
        await go_to_stage(pilot, store, workshop.id, 2)
        aloud = stage_titled(store, workshop.id, "What matters to you")
        assert isinstance(screen.panel, IdeasPanel)
        for idea, speaker in SAID_ALOUD:
            await say_idea(pilot, idea, speaker)
        saved = store.ideas(stage_id=aloud.id)
        assert [(i.text, i.said_by, i.anonymous) for i in saved] == [
            ("Somewhere quiet to wait", by_name["Aisha Khan"].id, False),
            ("Talking to someone who has been there", by_name["Chloe Evans"].id, False),
            ("Being believed the first time", None, True),
            ("A phone line that answers at night", by_name["Dev Patel"].id, False),
        ]
        shown = words_in(app, "#ideas-list")
        assert "1. Somewhere quiet to wait \u2014 Aisha Khan" in shown
        assert "3. Being believed the first time \u2014 anonymous" in shown
        # Dev chose "perspective only": the room sees what he brings, never his name.
        assert "4. A phone line that answers at night \u2014 a commissioner" in shown

        # -- ideas written quietly: hidden until Ctrl+R ------------------------------------------
        await go_to_stage(pilot, store, workshop.id, 3)
        quiet = stage_titled(store, workshop.id, "Ideas, written quietly")
        assert isinstance(screen.panel, IdeasPanel)
        for idea, speaker in WRITTEN_QUIETLY:
            await say_idea(pilot, idea, speaker)
        assert [i.text for i in store.ideas(stage_id=quiet.id)] == [idea for idea, _ in WRITTEN_QUIETLY]
        assert not store.stage(quiet.id).revealed
        shown = screen_text(app)
        stage_area = words_in(app, "#stage-area")
        for idea, _ in WRITTEN_QUIETLY:
            assert idea not in shown and idea not in stage_area, f"{idea!r} was on the screen before the reveal"
        assert "4 ideas so far. Silent mode" in stage_area
        assert "Ben Carter: 1" in shown and "Anonymous or not given: 1" in shown
        # The sentence and the footer name the reveal key, and it works from the idea box.
        assert "reveal them (Ctrl+R)" in stage_area and "^r Reveal" in footer(app)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert store.stage(quiet.id).revealed
        seen = words_in(app, "#ideas-list")
        for number, (idea, _) in enumerate(WRITTEN_QUIETLY, 1):
            assert f"{number}. {idea}" in seen, f"{idea!r} is not on the screen after the reveal"
        assert "A quiet room away from the ward \u2014 Ben Carter" in seen
        assert "Evening drop-in sessions \u2014 a participant" in seen

        # -- group: two themes, ideas moved into them ------------------------------------------
        await go_to_stage(pilot, store, workshop.id, 5)
        assert isinstance(screen.panel, GroupPanel)
        # Home highlights the first idea not in a theme yet; t makes a theme with it in it, and
        # m moves it into the theme whose number is pressed.
        for key, choice in (("t", CALM), ("t", PEER), ("m", "2"), ("m", "1")):
            await pilot.press("home", key)
            await pilot.pause()
            if key == "t":
                screen.query_one("#group-name", Input).value = choice
                await pilot.press("enter")
            else:
                assert isinstance(app.screen, ThemeChooser)
                await pilot.press(choice)
            await pilot.pause()
        calm, peer = store.themes(workshop.id)
        assert (calm.name, peer.name) == (CALM, PEER)
        in_theme = {i.text: i.theme_id for i in store.ideas(workshop_id=workshop.id)}
        assert in_theme == {
            "Somewhere quiet to wait": calm.id, "A phone line that answers at night": calm.id,
            "Talking to someone who has been there": peer.id, "Being believed the first time": peer.id,
            **{idea: None for idea, _ in WRITTEN_QUIETLY},
        }
        assert f"1. {CALM} (2 ideas)" in words_in(app, "#group-list")

        # -- vote: the budget for one person, refused past it; more people; reveal -------------
        await go_to_stage(pilot, store, workshop.id, 6)
        vote = store.current_stage(workshop.id)
        assert vote.kind is StageKind.VOTE and isinstance(screen.panel, VotePanel)
        candidates = store.candidates(vote.id)
        # Two themes and the four ideas left on their own; "auto" gives 6 // 3 = 2 dots each.
        assert [c.label for c in candidates] == [CALM, PEER] + [idea for idea, _ in WRITTEN_QUIETLY]
        budget = store.vote_budget(vote.id)
        assert budget == 2
        # Paper dots typed in for each person: names with dots are for the private view (f5).
        await pilot.press("f5")
        await pilot.pause()
        assert screen_text(app).startswith(" Private view: not for the projector  \u00b7  ")
        await choose_voter(pilot, "Ai")
        assert f"Aisha Khan: {budget} of {budget} dots left" in screen_text(app)
        await pilot.press("1", *["plus"] * budget)  # every dot on "Somewhere calm to go"
        await pilot.pause()
        assert "Aisha Khan: 0 of 2 dots left" in screen_text(app)
        await pilot.press("2", "plus")  # one more: refused
        await pilot.pause()
        assert "Aisha Khan has used all 2 dots." in screen_text(app)
        aisha = by_name["Aisha Khan"].id
        assert store.dots_used(vote.id) == {aisha: budget}
        assert store.dots_of(vote.id, aisha) == {("theme", calm.id): budget}

        await choose_voter(pilot, "Ben")
        await pilot.press("1", "plus", "2", "plus")
        await choose_voter(pilot, "Dev")
        await pilot.press("2", "plus", "3", "plus")
        await pilot.pause()
        assert store.dots_used(vote.id) == {aisha: 2, by_name["Ben Carter"].id: 2, by_name["Dev Patel"].id: 2}
        assert "3 of 5 people have voted." in screen_text(app)

        assert "^r Reveal" in footer(app)
        await pilot.press("ctrl+r")  # asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert not store.stage(vote.id).revealed
        await pilot.press("y")
        await pilot.pause()
        assert store.stage(vote.id).revealed
        tally = [(row.candidate.label, row.dots) for row in store.tally(vote.id) if row.dots]
        assert tally == [(CALM, 3), (PEER, 2), (candidates[2].label, 1)]
        # The results as bars with numbers; at 80 columns each bar is on the line under its label.
        results = words_in(app, "#vote-results")
        assert f"1st {CALM} \u2588" in results and f"2nd {PEER} \u2588" in results
        bars = [line for line in screen_text(app).splitlines() if "\u2588" in line]
        assert "3 dots" in bars[0] and "2 dots" in bars[1] and "1 dot" in bars[2]
        assert bars[0].count("\u2588") > bars[1].count("\u2588") > bars[2].count("\u2588")

        # -- decide from the top result ----------------------------------------------------------
        await go_to_stage(pilot, store, workshop.id, 7)
        await pilot.press("enter")  # on the top result
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, DecisionDialog)
        assert dialog.query_one("#statement", Input).value == CALM
        dialog.query_one("#rationale", Input).value = "Most dots, and the hall has a spare room"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        [decision] = store.decisions(workshop.id)
        assert (decision.statement, decision.rationale) == (CALM, "Most dots, and the hall has a spare room")
        assert decision.theme_ids == (calm.id,)
        assert set(decision.present) == {p.id for p in people}

        # -- an action with an owner and a due date ---------------------------------------------
        await go_to_stage(pilot, store, workshop.id, 8)
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ActionDialog)
        dialog.query_one("#what", Input).value = "Ask the hall about the small lounge"
        dialog.query_one("#owner", Input).value = "Chl"
        dialog.query_one("#due-date", Input).value = "2025-04-30"
        await pilot.pause()
        assert "Owner: Chloe Evans (a participant)" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        [action] = store.actions(workshop.id)
        assert action.what == "Ask the hall about the small lounge"
        assert (action.owner_participant_id, action.due_date) == (by_name["Chloe Evans"].id, "2025-04-30")

        # -- end, and save the minutes ----------------------------------------------------------
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert store.workshop(workshop.id).status is WorkshopStatus.FINISHED
        assert isinstance(app.screen, CloseWorkshopDialog)
        target = tmp_path / "minutes.md"
        app.screen.query_one("#minutes-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.saved_path == target
        assert "Saved the minutes (Markdown) to" in screen_text(app)

    minutes = target.read_text(encoding="utf-8")
    assert f"# Minutes: {TITLE}" in minutes
    for idea, _ in SAID_ALOUD + WRITTEN_QUIETLY:
        assert idea in minutes, f"{idea!r} is missing from the minutes"
    assert f"#### Theme: {CALM}" in minutes and f"#### Theme: {PEER}" in minutes
    # The vote: the budget, the total, and each result with its dots.
    assert "Each person had 2 dots to give." in minutes and "6 dots were given." in minutes
    assert f"| 1 | {CALM} | Theme | 3 |" in minutes
    assert f"| 2 | {PEER} | Theme | 2 |" in minutes
    assert "| 3 | A quiet room away from the ward | Idea | 1 |" in minutes
    # The decision, its rationale, and the action with its owner and date.
    assert f"### Decision 1\n\n{CALM}\n" in minutes
    assert "**Why:** Most dots, and the hall has a spare room" in minutes
    assert "| Ask the hall about the small lounge | Chloe Evans | 30 April 2025 |" in minutes
    # Named people appear by name; Dev ("perspective only") and Erin ("anonymous") do not,
    # though what they said is there, shown as they chose.
    assert "People who chose to be named: Aisha Khan, Ben Carter and Chloe Evans." in minutes
    # Dev is the only commissioner of five: "a commissioner" would be him, so he is "a participant".
    assert "- A phone line that answers at night \u2014 a participant" in minutes
    assert "a commissioner" not in minutes
    assert "- Peer workers on every shift \u2014 a participant" in minutes
    for name in ("Dev Patel", "Patel", "Erin Walsh", "Walsh"):
        assert name not in minutes, f"{name!r} is in the minutes against their choice"


async def choose_voter(pilot, typed: str) -> None:
    """``w``, the start of a name, Enter (``test_stage_vote.choose`` looks in the panel test app)."""
    await pilot.press("w")
    pilot.app.screen.query_one("#vote-name", Input).value = typed
    await pilot.press("enter")
    await pilot.pause()


def words_in(app, selector: str) -> str:
    """The words shown inside one widget, its wrapped lines joined with single spaces."""
    region = app.screen.query_one(selector).region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return " ".join(" ".join(line[region.x : region.right] for line in lines).split())


async def test_a_new_workshop_among_others_is_the_one_enter_opens(store: Store) -> None:
    """The table reloads as the workshop is saved; choosing the new one right after must stick."""
    from screen_check import add_workshop

    for day in (1, 2, 3):
        add_workshop(store, f"Earlier workshop {day}", date=f"2025-01-0{day}")
    app = FacilitatorApp(store)
    async with app.run_test(size=PROJECTOR) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#title", Input).focus()
        app.screen.query_one("#title", Input).value = TITLE
        await pilot.press("enter")
        await pilot.pause()
        [new] = [w for w in store.list_workshops() if w.title == TITLE]
        assert app.screen.table.selected_id == new.id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and app.screen.workshop_id == new.id
