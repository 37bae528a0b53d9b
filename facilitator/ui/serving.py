"""Starting and stopping the participants' web page (``facilitator serve``) from the run screen.

The page runs as its own process, exactly as if ``facilitator serve`` had been typed in another
terminal: the app never imports the web server (only ``facilitator.web`` does), closing or
restarting the app leaves the phones connected, and a page started in another terminal is found
the same way, through the ``web_servers`` row each server keeps while it runs.
No textual here: this is called from a worker thread, and says what happened in sentences.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from facilitator.domain.models import WebServer
from facilitator.local.join_command import command_line
from facilitator.storage.store import Store

PREFERRED_PORT = 8765
# How long a starting server may take to say where it is (it imports uvicorn and Starlette).
START_PATIENCE_SECONDS = 15.0


@dataclass(frozen=True)
class Serving:
    """What the Join panel shows about the page."""

    server: WebServer | None  # None: not running
    elsewhere: bool = False  # running on another computer that shares this file

    @property
    def running(self) -> bool:
        return self.server is not None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: it is there
    return True


def serving(store: Store, workshop_id: int) -> Serving:
    """The page for this workshop, if one runs (a row left by a killed server does not count)."""
    server = store.web_server(workshop_id)
    if server is None:
        return Serving(None)
    if server.host != socket.gethostname():
        return Serving(server, elsewhere=True)
    return Serving(server) if _alive(server.pid) else Serving(None)


def start(store: Store, workshop_id: int, *, lan: bool) -> Serving:
    """Start ``facilitator serve`` for this workshop and wait until it says where it is.

    Raises ``ServingError`` with the server's own sentence when it cannot start.
    """
    path = store.database.path
    if path is None:
        raise ServingError("This workshop is not kept in a file, so phones cannot join it.")
    already = serving(store, workshop_id)
    if already.running:
        return already
    for port in (PREFERRED_PORT, 0):  # the usual port, or any free one if something else has it
        process, problem = _spawn(Path(path), workshop_id, lan=lan, port=port)
        if process is not None:
            deadline = time.monotonic() + START_PATIENCE_SECONDS
            while time.monotonic() < deadline:
                found = serving(store, workshop_id)
                if found.running and found.server.pid == process.pid:
                    _forget_errors(process.pid)  # it started: nothing to read there
                    return found
                if process.poll() is not None:
                    break
                time.sleep(0.1)
            problem = _problem_of(process)
        if problem and "already in use" not in problem:
            raise ServingError(problem)
    raise ServingError(problem or "The phones' page did not start; try "
                       f"'{command_line(path, 'serve', str(workshop_id))}' in another terminal.")


class ServingError(Exception):
    """The page could not be started or stopped: the message is one sentence."""


_ERRORS: dict[int, Path] = {}


def _spawn(path: Path, workshop_id: int, *, lan: bool, port: int) -> tuple[subprocess.Popen | None, str]:
    errors = tempfile.NamedTemporaryFile(prefix="facilitator-serve-", suffix=".txt", delete=False)
    command = [sys.executable, "-m", "facilitator", "--db", str(path), "serve", str(workshop_id), "--port", str(port)]
    if lan:
        command.append("--lan")
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors,
            # Its own session: it keeps serving the phones when the app is closed or restarted.
            start_new_session=True,
        )  # fmt: skip
    except OSError as error:
        errors.close()
        Path(errors.name).unlink(missing_ok=True)
        return None, f"The phones' page could not be started ({(error.strerror or str(error)).lower()})."
    errors.close()
    _ERRORS[process.pid] = Path(errors.name)
    return process, ""


def _forget_errors(pid: int) -> None:
    file = _ERRORS.pop(pid, None)
    if file is not None:
        file.unlink(missing_ok=True)  # the server keeps writing to it, unseen, until it stops


def _problem_of(process: subprocess.Popen) -> str:
    """The one-line sentence a server that stopped at once printed (``Error: ...``)."""
    try:
        process.wait(timeout=2)
    except subprocess.TimeoutExpired:
        process.terminate()
        return "The phones' page took too long to start, so it was stopped; try again."
    file = _ERRORS.pop(process.pid, None)
    text = file.read_text("utf-8", errors="replace") if file and file.exists() else ""
    if file:
        file.unlink(missing_ok=True)
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith("Error:")]
    return lines[-1].removeprefix("Error:").strip() if lines else ""


def stop(store: Store, workshop_id: int) -> None:
    """Stop the page for this workshop (started here or in another terminal on this computer)."""
    found = serving(store, workshop_id)
    if not found.running:
        return
    if found.elsewhere:
        raise ServingError(
            f"The phones' page is running on another computer ({found.server.host}); stop it there with Ctrl+C."
        )
    try:
        os.kill(found.server.pid, 15)
    except ProcessLookupError:
        return
    except PermissionError:
        raise ServingError("The phones' page was started by another user; stop it in their terminal.") from None
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(found.server.pid):
        time.sleep(0.05)
