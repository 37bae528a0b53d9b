"""A newcomer on the demo data finds a decision by a word in its rationale, from the home screen."""

from __future__ import annotations

from textual.widgets import Input, Static

from facilitator.demo import seed_demo
from facilitator.storage.store import open_store
from facilitator.ui.app import FacilitatorApp
from facilitator.ui.screens.decision_detail import DecisionDetailScreen
from facilitator.ui.screens.follow_up import FollowUpScreen
from facilitator.ui.screens.home import HomeScreen
from facilitator.ui.screens.register import RegisterScreen


async def wait_for_search(pilot, screen: RegisterScreen) -> None:
    await pilot.pause(0.3)
    while any(worker.is_running for worker in screen.workers):
        await pilot.pause(0.01)
    await pilot.pause()


async def test_find_a_decision_by_its_rationale_and_see_why_who_and_what_happened(tmp_path):
    store = open_store(tmp_path / "demo.db")
    seed_demo(store)
    app = FacilitatorApp(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("D")
        register = app.screen
        assert isinstance(register, RegisterScreen)
        await wait_for_search(pilot, register)
        register.query_one("#register-search", Input).value = "clinical rooms"
        await wait_for_search(pilot, register)
        statements = [item.decision.statement for item in register.found.items]
        assert len(statements) == 1 and statements[0].startswith("The sanctuary will feel like a living room")
        await pilot.press("enter")  # from the search box to the results
        await pilot.press("enter")  # open the highlighted decision
        await pilot.pause()
        detail = app.screen
        assert isinstance(detail, DecisionDetailScreen)
        shown = "\n".join(str(widget.render()) for widget in detail.query(Static))
        assert "clinical rooms made their distress worse" in shown  # why
        assert "Present" in shown or "present" in shown  # who was there
        assert "needs a break" not in shown.lower()  # support needs never shown here
        # Back: out of the decision, clear the search, out of the register.
        await pilot.press("escape", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("F")
        assert isinstance(app.screen, FollowUpScreen)
    store.close()
