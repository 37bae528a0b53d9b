"""The ideas stage on the run screen: Enter saves and shows the idea at once; who has not been
heard from; the balance by perspective (hidden under 5 people); choosing who said it."""

from __future__ import annotations

from panel_harness import screen_text
from run_helpers import NAMES, coproduction_workshop, open_round, private_view, run_app, run_screen
from textual.widgets import Input, OptionList

from facilitator.domain.errors import StorageError
from facilitator.storage.store import Store
from facilitator.ui.stages.ideas import IdeasPanel
from facilitator.ui.widgets.speaker_picker import ANONYMOUS, SpeakerPicker, match_people



async def test_enter_saves_the_idea_shows_it_and_clears_the_box(store: Store) -> None:
    workshop, people, stage = open_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        box = screen.query_one("#idea-input", Input)
        assert box.has_focus
        box.value = "Somewhere to talk that is not the ward"
        await pilot.press("enter")
        await pilot.pause()
        saved = store.ideas(stage_id=stage.id)
        assert [idea.text for idea in saved] == ["Somewhere to talk that is not the ward"]
        assert saved[0].typed_by == "facilitator"
        assert box.value == "" and box.has_focus
        assert "1. Somewhere to talk that is not the ward" in screen_text(app)
        assert "In turn round the room, with a right to pass." in screen_text(app)


async def test_a_failed_save_keeps_the_text_and_says_why(store: Store, monkeypatch) -> None:
    workshop, _, stage = open_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        box = screen.query_one("#idea-input", Input)

        def locked(*args, **kwargs):
            raise StorageError("The database file is busy; nothing was saved.")

        monkeypatch.setattr(store, "add_ideas", locked)  # every idea box save goes through add_ideas
        box.value = "Please keep me"
        await pilot.press("enter")
        await pilot.pause()
        assert box.value == "Please keep me" and box.has_focus
        assert "The database file is busy; nothing was saved." in screen_text(app)

        monkeypatch.undo()
        box.value = "   "
        await pilot.press("enter")
        await pilot.pause()
        assert store.ideas(stage_id=stage.id) == []
        assert "idea" in screen.query_one("#ideas-message").render().plain.lower()


async def test_who_said_it_by_the_start_of_a_name_or_anonymous(store: Store) -> None:
    workshop, people, stage = open_round(store)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        box = screen.query_one("#idea-input", Input)
        query = screen.query_one("#speaker-query", Input)

        box.value = "Evening appointments"
        await pilot.press("tab")  # from the idea box to the name box
        await pilot.press("c", "h")
        assert screen.query_one(SpeakerPicker).has_class("-open")
        assert "Chloe Evans" in screen_text(app)
        await pilot.press("tab")  # takes the highlighted match
        assert screen.query_one(SpeakerPicker).speaker.participant_id == people[2].id
        query.focus()
        await pilot.press("enter")  # Enter in the name box saves the idea
        await pilot.pause()

        box.value = "Not being rushed"
        query.value = "anon"
        query.focus()
        await pilot.press("enter")
        await pilot.pause()

        saved = store.ideas(stage_id=stage.id)
        assert [(i.text, i.said_by, i.anonymous) for i in saved] == [
            ("Evening appointments", people[2].id, False),
            ("Not being rushed", None, True),
        ]
        assert query.value == "" and screen.query_one(SpeakerPicker).speaker is None  # reset after saving
        assert "Not being rushed  \u2014 anonymous" in screen_text(app)


def test_names_match_from_the_start_of_any_word_and_anonymous_only_when_allowed(store: Store) -> None:
    workshop, people = coproduction_workshop(store)
    assert [s.name for s in match_people(people, "pat")] == ["Dev Patel"]
    assert [s.name for s in match_people(people, "E")] == ["Erin Walsh", "Chloe Evans"]
    assert match_people(people, "an")[-1] == ANONYMOUS
    assert ANONYMOUS not in match_people(people, "an", allow_anonymous=False)
    assert match_people(people, "zz") == []


async def test_not_heard_from_lists_people_here_who_have_given_nothing(store: Store) -> None:
    workshop, people, stage = open_round(store)
    store.mark_left(people[3].id)  # Dev left early
    late = store.add_participant(workshop.id, "Femi Ade", ["other"], "named")  # not arrived
    store.add_idea(stage.id, "Clearer letters", said_by=people[0].id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await run_screen(pilot)
        await private_view(pilot)
        shown = screen_text(app)
        assert "Not heard from yet (3)" in shown
        for name in ("Ben Carter", "Chloe Evans", "Erin Walsh"):
            assert f"\u2022 {name}" in shown
        for name in ("Aisha Khan", "Dev Patel", late.name):
            assert f"\u2022 {name}" not in shown

        await pilot.press("f5")  # presenting: facilitator-only lists are hidden from the room
        await pilot.pause()
        assert "Not heard from yet" not in screen_text(app)


async def test_balance_by_perspective_is_hidden_for_groups_under_five(store: Store) -> None:
    workshop, people, stage = open_round(store, names=NAMES[:4])
    store.add_idea(stage.id, "Peer support", said_by=people[0].id)
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        balance = screen.query_one("#balance")
        assert balance.render().plain == "Balance by perspective: hidden for groups under 5, to protect privacy."
        assert "Balance by perspective" in screen_text(app)

        # Five people, but Aisha is the only one with lived experience: a row for her would be her.
        store.add_participant(workshop.id, "Erin Walsh", ["carer"], "named", arrived=True)
        screen.panel.reload()
        await pilot.pause()
        assert "too few people here share a perspective" in balance.render().plain
        assert "lived experience" not in screen_text(app)

        # Three people with lived experience have a row; everyone else is "Other perspectives".
        for name in ("Femi Ade", "Gail Hughes"):
            store.add_participant(workshop.id, name, ["lived experience"], "anonymous", arrived=True)
        screen.panel.reload()
        await pilot.pause()
        shown = balance.render().plain
        assert "Ideas by perspective" in screen_text(app)
        assert "People with lived experience: 1" in shown
        assert "Other perspectives: 0" in shown
        assert "Carers" not in shown and "Staff" not in shown and "Commissioners" not in shown


async def test_ideas_from_another_terminal_are_added_without_losing_the_highlight(store: Store, reopen) -> None:
    workshop, people, stage = open_round(store)
    for number in range(3):
        store.add_idea(stage.id, f"Idea {number + 1}")
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        ideas = screen.query_one("#ideas-list", OptionList)
        ideas.focus()
        ideas.highlighted = 1
        panel = screen.panel
        assert isinstance(panel, IdeasPanel)
        other = reopen()  # a note-taker's terminal
        other.add_idea(stage.id, "Typed by the note-taker", said_by=people[1].id, typed_by="Sam")
        other.edit_idea(store.ideas(stage_id=stage.id)[0].id, "Idea 1, reworded")
        await pilot.pause(1.2)  # the app notices within one poll
        assert panel.shown_idea_ids == [idea.id for idea in store.ideas(stage_id=stage.id)]
        assert ideas.highlighted == 1
        shown = screen_text(app)
        assert "4. Typed by the note-taker" in shown and "1. Idea 1, reworded" in shown


async def test_a_new_idea_is_in_view_even_below_a_long_list(store: Store) -> None:
    workshop, _, stage = open_round(store)
    for number in range(80):
        store.add_idea(stage.id, f"Earlier idea {number + 1}")
    app = run_app(store, workshop.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await run_screen(pilot)
        assert "Earlier idea 80" not in screen_text(app)  # the list starts at the top
        screen.query_one("#idea-input", Input).value = "The newest idea of all"
        await pilot.press("enter")
        await pilot.pause()
        assert "81. The newest idea of all" in screen_text(app)


async def test_escape_then_i_returns_to_the_idea_box_in_a_silent_stage(tmp_path):
    """Out of the box in a silent stage, the panel's keys still work: i goes back to typing."""
    from facilitator.storage.store import open_store
    from facilitator.ui.app import FacilitatorApp
    from facilitator.ui.stages.ideas import IdeasPanel

    store = open_store(tmp_path / "silent.db")
    workshop = store.create_workshop(
        title="Silent",
        stages=[{"kind": "ideas", "title": "Quietly", "minutes": 10, "settings": {"prompt": "Write", "silent": True}}],
    )
    store.start_stage(store.stages(workshop.id)[0].id)
    app = FacilitatorApp(store, start="run", workshop_id=workshop.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        panel = app.screen.query_one(IdeasPanel)
        panel.idea_input.focus()
        await pilot.press("escape")
        assert app.focused is not panel.idea_input
        await pilot.press("i")
        assert app.focused is panel.idea_input
    store.close()
