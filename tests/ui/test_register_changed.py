"""The register says, in words, which decisions were changed or reviewed since the day (80x24)."""

from __future__ import annotations

from textual.app import App
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from facilitator.storage.store import open_store
from facilitator.ui.screens.register import RegisterScreen

DAY = 1_735_000_000.0  # 24 December 2024


class HostApp(App):
    presenting = reactive(False)  # as the real app has it

    def __init__(self, store, screen) -> None:
        super().__init__()
        self.store = store
        self.first_screen = screen

    def on_mount(self) -> None:
        self.push_screen(self.first_screen)


async def settle(pilot, screen: RegisterScreen) -> None:
    await pilot.pause(0.3)
    while any(worker.is_running for worker in screen.workers):
        await pilot.pause(0.01)
    await pilot.pause()


async def test_a_decision_changed_after_the_day_says_so_in_its_row(tmp_path):
    clock = [DAY]
    store = open_store(tmp_path / "changed.db", clock=lambda: clock[0])
    stages = [{"kind": "decide", "title": "Decisions", "minutes": 10}]
    day = store.create_workshop(title="Design day", stages=stages, date="2024-12-01")
    walk_in = store.add_decision(day.id, "Walk-ins, later", status="deferred")
    toast = store.add_decision(day.id, "Hot drinks and toast")
    clock[0] += 69 * 86400  # 3 March 2025
    store.amend_decision(walk_in.id, status="agreed", note="[/b] worked well")
    screen = RegisterScreen()
    app = HostApp(store, screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, screen)
        table = screen.query_one("#register-results", DataTable)
        changed = [str(c) for c in table.get_row(str(walk_in.id))]
        plain = [str(c) for c in table.get_row(str(toast.id))]
        assert "agreed" in changed[1]
        assert changed[4].splitlines() == ["Walk-ins, later", "(changed 3 Mar 2025)"]
        assert "changed" not in " ".join(plain)
        shot = app.export_screenshot()
        assert "changed 3 Mar 2025" in shot.replace("&#160;", " ")  # in view at 80 columns, not off the edge
        table.move_cursor(row=[item.decision.id for item in screen.found.items].index(walk_in.id))
        await pilot.pause()
        why = str(screen.query_one("#register-why", Static).render())
        assert "Since the day: changed 3 Mar 2025" in why
        app.save_screenshot(str(tmp_path / "register-changed.svg"))
    store.close()
