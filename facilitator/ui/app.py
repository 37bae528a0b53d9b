"""The Textual app: wiring only. Screens live in ``screens/``, one per module."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from facilitator.storage.store import Store
from facilitator.ui.messages import DatabaseChanged

POLL_SECONDS = 0.5


class FacilitatorApp(App):
    TITLE = "facilitator"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, store: Store, *, start: str = "home", workshop_id: int | None = None,
                 typist: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.start = start
        self.start_workshop_id = workshop_id
        self.typist = typist
        self._data_version = store.data_version()

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.check_for_changes)

    def check_for_changes(self) -> None:
        """Tell the active screen when any process has committed since we last looked."""
        version = self.store.data_version()
        if version != self._data_version:
            self._data_version = version
            self.screen.post_message(DatabaseChanged())

    def announce_change(self) -> None:
        """Called after our own writes; data_version only moves for other connections' commits."""
        self.screen.post_message(DatabaseChanged())


def launch(store: Store, *, start: str = "home", workshop_id: int | None = None,
           typist: str | None = None) -> None:
    FacilitatorApp(store, start=start, workshop_id=workshop_id, typist=typist).run()
