"""Running the participants' web app: the address, the port, and recording it for the run screen.

Binds to 127.0.0.1 unless asked for more: ``lan=True`` binds to this computer's own address on
the room's network so phones can reach it. The socket is bound here, before uvicorn starts, so a
port in use is one plain sentence, not a traceback.
"""

from __future__ import annotations

import errno
import os
import signal
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from facilitator.domain import join_code
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import WorkshopStatus
from facilitator.local.web_secret import signing_secret
from facilitator.storage.devices import DEFAULT_MAX_DEVICES
from facilitator.storage.store import Store, open_store
from facilitator.web.app import create_app

LOOPBACK = "127.0.0.1"
DEFAULT_PORT = 8765


class ServeError(FacilitatorError):
    """The web app cannot be started (no network, the port in use)."""


def lan_address() -> str:
    """This computer's address on its network (the one phones on the same Wi-Fi can reach).

    Connecting a UDP socket sends nothing: it only asks the system which address it would use.
    """
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        address = probe.getsockname()[0]
    except OSError:
        address = ""
    finally:
        probe.close()
    if not address or address.startswith("127.") or address == "0.0.0.0":
        raise ServeError(
            "This computer is not connected to a network that phones could reach; connect it to the "
            "room's Wi-Fi, or leave out --lan to open the page on this computer only."
        )
    return address


def bind(host: str, port: int) -> socket.socket:
    # IPPROTO_TCP said outright: asyncio turns Nagle off (TCP_NODELAY) only on connections whose
    # listening socket names its protocol. Without it every page waited about 40 ms for the
    # phone's delayed acknowledgement (uvicorn sends the headers and the body separately).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ServeError(
                f"Port {port} is already in use on {host} (perhaps another 'facilitator serve' is running); "
                "choose another with --port."
            ) from None
        if error.errno in (errno.EACCES, errno.EPERM):
            raise ServeError(f"Port {port} needs special permission on this computer; choose one above 1024 with --port.") from None
        raise ServeError(f"The page cannot be opened on {host}:{port} ({(error.strerror or str(error)).lower()}).") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@dataclass(frozen=True)
class Opened:
    address: str  # http://host:port/
    code: str
    local_only: bool

    @property
    def join_link(self) -> str:
        """What the QR code holds: the address with the code filled in."""
        return f"{self.address}?code={self.code}"

    def sentence(self) -> str:
        spaced = join_code.spaced(self.code)
        if self.local_only:
            return (f"Only this computer can open {self.address} (join code {spaced}); to let phones on the "
                    "room's Wi-Fi join, run it with --lan.")  # fmt: skip
        return f"Phones on this network can join at {self.address} with the code {spaced}."


def check_workshop(store: Store, workshop_id: int) -> str:
    """The join code, once the workshop is known to be there and not finished."""
    workshop = store.workshop(workshop_id)
    if workshop.status is WorkshopStatus.FINISHED:
        raise ServeError(f"Workshop {workshop_id} (\u201c{workshop.title}\u201d) has finished, so phones cannot join it.")
    return store.join_code(workshop_id)


def serve(db_path: Path, workshop_id: int, *, lan: bool = False, host: str | None = None, port: int = DEFAULT_PORT,
          max_devices: int = DEFAULT_MAX_DEVICES, announce: Callable[[Opened], None] = lambda opened: None) -> None:  # fmt: skip
    """Run until stopped (Ctrl+C, or SIGTERM from the run screen's Join panel)."""
    store = open_store(db_path, create=False)
    try:
        store.database.check_intact()
        code = check_workshop(store, workshop_id)
    finally:
        store.close()
    bind_host = host or (lan_address() if lan else LOOPBACK)
    sock = bind(bind_host, port)
    shown_host = lan_address() if bind_host == "0.0.0.0" else bind_host
    opened = Opened(f"http://{shown_host}:{sock.getsockname()[1]}/", code, local_only=shown_host.startswith("127."))
    pid = os.getpid()

    def on_start(store: Store) -> None:
        store.record_web_server(workshop_id, opened.address, local_only=opened.local_only, pid=pid)

    def on_stop(store: Store) -> None:
        store.forget_web_server(workshop_id, pid)

    app = create_app(db_path, workshop_id, secret=signing_secret(), max_devices=max_devices,
                     on_start=on_start, on_stop=on_stop)  # fmt: skip
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", server_header=False)
    announce(opened)
    # uvicorn shuts down gracefully on Ctrl+C or SIGTERM (the Join panel's stop), then raises the
    # signal again for the handler that was there before: make that a quiet, successful exit.
    previous = signal.signal(signal.SIGTERM, _stopped)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    except (KeyboardInterrupt, _Stopped):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Stopped(Exception):
    pass


def _stopped(signum, frame) -> None:
    raise _Stopped
