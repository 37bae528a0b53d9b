"""A record a group can trust, driven with Pilot: the welcome says the workshop's own kind of
involvement, a carried "You said, we did" item moves its action on, and a decision is amended from
its record screen with a dated entry in its history."""

from __future__ import annotations

import os
from pathlib import Path

from panel_harness import PanelTestApp, screen_text
from textual.app import App
from textual.reactive import reactive
from textual.widgets import Input

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.storage.store import open_store
from facilitator.ui.screens.decision_detail import DecisionDetailScreen
from facilitator.ui.stages.feedback import FeedbackPanel
from facilitator.ui.stages.welcome import WelcomePanel
from facilitator.ui.widgets.field_select import FieldSelect

EPOCH = 1_741_946_400.0  # 2025-03-14 10:00 UTC
SHOTS = os.environ.get("FACILITATOR_SHOTS")  # a folder: save what the screens look like there


class HostApp(App):
    """Holds ``store`` and ``presenting`` as the real app does, and opens one screen."""

    presenting = reactive(False)

    def __init__(self, store, screen) -> None:
        super().__init__()
        self.store = store
        self.first_screen = screen

    def on_mount(self) -> None:
        self.push_screen(self.first_screen)


def workshop(store, title, day, *, involvement="co-production", series="Crisis café"):
    stages = stages_from_agenda(load_agenda_file(find_agenda("coproduction-workshop")))
    return store.create_workshop(title=title, stages=stages, date=day, series=series, involvement=involvement)


def shot(app: App, name: str) -> None:
    if SHOTS:
        app.save_screenshot(str(Path(SHOTS) / f"{name}.svg"))


async def test_the_welcome_says_the_workshops_own_kind_of_involvement(tmp_path):
    store = open_store(tmp_path / "welcome.db", clock=lambda: EPOCH)
    made = workshop(store, "Service review", "2025-03-14", involvement="involvement", series="")
    welcome = store.stages(made.id)[0]
    app = PanelTestApp(store, WelcomePanel, made.id, welcome.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shot(app, "welcome")
        text = " ".join(screen_text(app).split())
    assert "Welcome, and thank you for coming." in text
    assert "Today is involvement. Involvement means people with lived experience and carers having their say" in text
    assert "co-production" not in text.casefold()
    store.close()


async def test_answering_a_carried_item_marks_its_action_done(tmp_path):
    store = open_store(tmp_path / "carried.db", clock=lambda: EPOCH)
    first = workshop(store, "Design day one", "2025-01-10")
    taxi = store.add_action(first.id, "Find out about taxi vouchers")
    second = workshop(store, "Design day two", "2025-03-14")
    review = next(s for s in store.stages(second.id) if s.kind == "feedback")
    app = PanelTestApp(store, FeedbackPanel, second.id, review.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#done", Input).value = "Vouchers agreed after 11pm"
        app.screen.query_one("#status", FieldSelect).value = "done"
        await pilot.press("ctrl+s")
        await pilot.pause()
        shot(app, "feedback-carried")
        text = screen_text(app)
    assert "[done] You said: Find out about taxi vouchers" in text
    assert "Changed 14 Mar 2025 in Design day two: status planned \u2192 done" in text
    assert store.action(taxi.id).status == "done"
    store.close()


async def test_a_deferred_decision_is_agreed_and_corrected_from_its_record(tmp_path):
    store = open_store(tmp_path / "decision.db", clock=lambda: EPOCH)
    made = workshop(store, "Design day", "2025-01-10", series="")
    walk_in = store.add_decision(made.id, "Decide about walk-ins after six monts", status="deferred")
    app = HostApp(store, DecisionDetailScreen(walk_in.id))
    async with app.run_test(size=(130, 34)) as pilot:
        await pilot.pause()
        footer = screen_text(app).splitlines()[-1]
        assert all(key in footer for key in ("s Status", "d Review date", "v Reviewed", "e Correct"))
        await pilot.press("s")
        await pilot.pause()
        app.screen.query_one("#status", FieldSelect).value = "agreed"
        app.screen.query_one("#note", Input).value = "Walk-ins worked in the pilot"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#statement", Input).value = "Decide about walk-ins after six months"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DecisionDetailScreen)
        shot(app, "decision-history")
        text = " ".join(screen_text(app).split())
    assert "Since the day it was decided" in text
    assert "Status changed from deferred to agreed. Why: Walk-ins worked in the pilot" in text
    assert "Wording corrected (before, it read \u201cDecide about walk-ins after six monts\u201d)." in text
    decision = store.decision(walk_in.id)
    assert (decision.status, decision.statement) == ("agreed", "Decide about walk-ins after six months")
    store.close()



async def test_a_new_workshop_in_a_series_says_what_was_carried_into_it(tmp_path):
    from screen_check import toast_texts
    from textual.widgets import Select

    from facilitator.ui.app import FacilitatorApp
    from facilitator.ui.screens.home import HomeScreen

    store = open_store(tmp_path / "series.db", clock=lambda: EPOCH)
    first = workshop(store, "Design day one", "2025-01-10")
    store.add_action(first.id, "Find Saturday staff")
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#agenda", Select).value = "coproduction-workshop"
        dialog.query_one("#series", Input).value = "Crisis café"
        dialog.query_one("#title", Input).focus()
        await pilot.pause()
        dialog.query_one("#title", Input).value = "Design day two"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        toasts = " ".join(" ".join(toast_texts(app)).split())
    assert ("1 item still open from \u201cDesign day one\u201d (2025-01-10) carried over: a new stage 2, "
            "\u201cYou said, we did: since last time\u201d, was added for them.") in toasts
    second = next(w for w in store.list_workshops() if w.title == "Design day two")
    assert [s.kind for s in store.stages(second.id)][:2] == ["welcome", "feedback"]
    store.close()


async def test_history_text_is_shown_as_typed_never_as_markup(tmp_path):
    hostile = "[ @click=app.quit]x [/b] [link='http://x']y"
    store = open_store(tmp_path / "hostile.db", clock=lambda: EPOCH)
    made = workshop(store, "Design day", "2025-01-10", series="")
    decision = store.add_decision(made.id, f"Decide {hostile}", status="deferred")
    store.amend_decision(decision.id, status="agreed", note=f"Because {hostile}", by=hostile)
    store.amend_decision(decision.id, statement=f"Decided {hostile}")
    app = HostApp(store, DecisionDetailScreen(decision.id))
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        await pilot.click("#decision-history")
        await pilot.pause()
        assert app.is_running
        text = " ".join(screen_text(app).split())
        assert f"\u2014 {hostile}" in text  # who changed it: in the private view, as typed
        app.presenting = True  # F5 in the real app: the room sees what changed, not who typed it
        await pilot.pause()
        projected = " ".join(screen_text(app).split())
    assert f"Why: Because {hostile}" in text and f"it read \u201cDecide {hostile}\u201d" in text
    assert f"Why: Because {hostile}" in projected and f"\u2014 {hostile}" not in projected
    store.close()


async def test_who_changed_a_carried_item_is_not_on_the_projector(tmp_path):
    store = open_store(tmp_path / "projected.db", clock=lambda: EPOCH)
    first = workshop(store, "Design day one", "2025-01-10")
    taxi = store.add_action(first.id, "Find out about taxi vouchers")
    second = workshop(store, "Design day two", "2025-03-14")
    store.update_action(taxi.id, "in progress", "Asked the council", by="Kwame Asante", workshop_id=second.id)
    review = next(s for s in store.stages(second.id) if s.kind == "feedback")
    app = PanelTestApp(store, FeedbackPanel, second.id, review.id, presenting=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        projected = " ".join(screen_text(app).split())
    assert "Find out about taxi vouchers" in projected and "Kwame" not in projected
    private = PanelTestApp(store, FeedbackPanel, second.id, review.id)
    async with private.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "by Kwame Asante" in " ".join(screen_text(private).split())
    store.close()
