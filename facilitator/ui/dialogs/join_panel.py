"""The Join panel: how the room takes part from their own phones, made to be projected.

It shows the address, the workshop's join code and a QR code that holds both, and starts or
stops the phones' page (``facilitator serve`` as a process of its own, so it keeps going if this
app is closed, and one started in another terminal shows here too). Nothing private is on it:
no names, only how many phones have joined. Starting and stopping wait for a process, so they
run in a worker thread with a connection of its own; the panel is only touched back on the app's
thread (``call_from_thread``).
"""

from __future__ import annotations

from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from facilitator.domain import join_code
from facilitator.domain.errors import FacilitatorError
from facilitator.ui import serving
from facilitator.ui.text import join
from facilitator.ui.widgets.big_code import BigCode
from facilitator.ui.widgets.qr_code import QRCode
from facilitator.ui.widgets.status_line import StatusLine

REFRESH_SECONDS = 1.0


class JoinPanel(ModalScreen[None]):
    CSS_PATH = "join_panel.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "start(True)", "Start for phones", tooltip="Open the page on this computer's network address"),
        Binding("l", "start(False)", "This computer only", tooltip="Open the page for this computer only (127.0.0.1)"),
        Binding("x", "stop", "Stop", tooltip="Stop the phones' page (phones keep what they sent)"),
        Binding("c", "new_code", "New code", tooltip="Change the join code: every phone is logged out"),
        Binding("escape,f9", "close", "Close", key_display="Esc"),
    ]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.state = serving.Serving(None)
        self.busy = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="join"):
            yield Static(Content("Phones: how the room joins"), classes="dialog-title")
            with Horizontal(id="join-body"):
                with Vertical(id="join-words"):
                    yield Static(id="join-address")
                    yield Static(Content("Join code:"), id="join-code-label")
                    yield BigCode(id="join-code")
                    yield Static(id="join-count")
                    yield Static(id="join-keys", classes="dialog-hint")
                with Vertical(id="join-qr-box"):
                    yield QRCode(id="join-qr")
            yield StatusLine(id="join-status")

    def on_mount(self) -> None:
        self.refresh_state()
        self.set_interval(REFRESH_SECONDS, self.refresh_state)

    # -- what it shows ------------------------------------------------------------------------

    def refresh_state(self) -> None:
        store = self.app.store
        try:
            self.state = serving.serving(store, self.workshop_id)
            code = store.join_code(self.workshop_id)
            devices = store.devices(self.workshop_id)
        except FacilitatorError as error:
            self.query_one("#join-status", StatusLine).error(str(error))
            return
        self._show(code, devices)

    def _show(self, code: str, devices: list) -> None:
        server = self.state.server
        address = self.query_one("#join-address", Static)
        qr = self.query_one("#join-qr", QRCode)
        if server is None:
            address.update(join([("Not running yet. ", "bold"), "Press s to open the page for phones on this "
                                 "computer's Wi-Fi (or l for this computer only)."]))  # fmt: skip
            qr.show("")
        elif server.local_only:
            address.update(join([("Only this computer can open ", "bold"), server.address,
                                 ". Press x to stop it, then s to let phones on the Wi-Fi join."]))  # fmt: skip
            qr.show("")
        else:
            address.update(join(["On a phone on the same Wi-Fi, scan the code or open:\n", (server.address, "bold")]))
            qr.show(f"{server.address}?code={code}")
        self.query_one("#join-code", BigCode).show(code)
        named = sum(1 for device in devices if device.participant_id is not None)
        phones = "1 phone has" if len(devices) == 1 else f"{len(devices)} phones have"
        self.query_one("#join-count", Static).update(Content(f"{phones} joined ({named} said who they are)."))
        keys = "s start for phones \u00b7 l this computer only \u00b7 c new code \u00b7 Esc close"
        if server is not None:
            keys = "x stop \u00b7 c new code (logs every phone out) \u00b7 Esc close"
        self.query_one("#join-keys", Static).update(Content(keys))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return not self.state.running and not self.busy
        if action == "stop":
            return self.state.running and not self.busy
        return True

    # -- what it does -------------------------------------------------------------------------

    def action_start(self, lan: bool) -> None:
        self.busy = True
        self.refresh_bindings()
        self.query_one("#join-status", StatusLine).info("Starting the phones' page\u2026")
        self._start(lan)

    @work(thread=True, exclusive=True, group="serving")
    def _start(self, lan: bool) -> None:
        try:
            with _own_store(self.app.store) as store:
                found = serving.start(store, self.workshop_id, lan=lan)
            sentence, failed = f"The phones' page is running at {found.server.address}", False
        except (serving.ServingError, FacilitatorError) as error:
            sentence, failed = str(error), True
        self.app.call_from_thread(self._done, sentence, failed)

    def action_stop(self) -> None:
        self.busy = True
        self.refresh_bindings()
        self.query_one("#join-status", StatusLine).info("Stopping the phones' page\u2026")
        self._stop()

    @work(thread=True, exclusive=True, group="serving")
    def _stop(self) -> None:
        try:
            with _own_store(self.app.store) as store:
                serving.stop(store, self.workshop_id)
            sentence, failed = "The phones' page has stopped. What phones sent is kept.", False
        except (serving.ServingError, FacilitatorError) as error:
            sentence, failed = str(error), True
        self.app.call_from_thread(self._done, sentence, failed)

    def _done(self, sentence: str, failed: bool) -> None:
        self.busy = False
        status = self.query_one("#join-status", StatusLine)
        status.error(sentence) if failed else status.saved(sentence)
        self.refresh_state()

    def action_new_code(self) -> None:
        from facilitator.ui.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                code = self.app.store.change_join_code(self.workshop_id)
            except FacilitatorError as error:
                self.query_one("#join-status", StatusLine).error(str(error))
                return
            self.query_one("#join-status", StatusLine).saved(
                f"The new join code is {join_code.spaced(code)}. Every phone has been logged out and joins again with it."
            )
            self.refresh_state()

        self.app.push_screen(
            ConfirmDialog("Change the join code?", yes="Change it", no="Keep it",
                          detail="Every phone that joined is logged out and must type the new code."),  # fmt: skip
            answered,
        )

    def action_close(self) -> None:
        self.dismiss(None)


class _own_store:
    """A connection of the worker's own to the same file: the app's is used by its own thread."""

    def __init__(self, app_store) -> None:
        self.path = app_store.database.path

    def __enter__(self):
        from facilitator.storage.store import open_store

        if self.path is None:
            raise serving.ServingError("This workshop is not kept in a file, so phones cannot join it.")
        self.store = open_store(self.path, create=False)
        return self.store

    def __exit__(self, *exc) -> None:
        self.store.close()
