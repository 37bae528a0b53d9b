"""What the phones' tests share: a workshop made from the shipped agenda, the real server in a
background thread, and what to do when Chromium or Java is not installed."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Self

import pytest
import uvicorn

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.domain.models import Workshop
from facilitator.storage.store import Store, open_store

# Debian's Chromium (``FACILITATOR_CHROMIUM`` names another, for example chromium-browser elsewhere).
CHROMIUM = Path(os.environ.get("FACILITATOR_CHROMIUM") or "/usr/bin/chromium")
# Playwright's own browser download does not work here; without the background-networking flags
# Chromium's own connections are refused on a closed network and slow every page down.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
REQUIRE = "FACILITATOR_REQUIRE_BROWSER"
SECRET = "browser-tests-" + "x" * 32

# Said in the room and typed by a note-taker, so the vote has something to choose from
# (and, with its "auto" budget of one dot for every three, three dots each).
ROOM_IDEAS = [
    "Shorter waits for a first appointment",
    "A phone line answered by a person, day and night",
    "Staff who know your history before you arrive",
    "Peer support workers on every ward",
    "Letters in plain English",
    "Somewhere quiet to wait",
    "Carers told what is happening, with consent",
    "Follow-up within a week of leaving hospital",
    "Interpreters booked without having to ask twice",
]


def require(present: bool, what: str, install: str) -> None:
    """Skip (or, with FACILITATOR_REQUIRE_BROWSER=1, fail) when ``what`` is not installed."""
    if present:
        return
    if os.environ.get(REQUIRE) == "1":
        pytest.fail(f"{what} is missing and {REQUIRE}=1; install it with: {install}", pytrace=False)
    pytest.skip(f"{what} is not installed; install it with: {install}")


def make_workshop(path: Path, *, extra_stages: list[dict] | None = None) -> tuple[Store, Workshop]:
    """The shipped co-production agenda (with ``extra_stages`` at the end), and the room's first
    ideas in its first ideas stage."""
    store = open_store(path)
    agenda = load_agenda_file(find_agenda("coproduction-workshop"))
    stages = stages_from_agenda(agenda) + (extra_stages or [])
    workshop = store.create_workshop(
        title="Better crisis care", stages=stages, date="2025-03-14", place="Community hall"
    )
    first_ideas = next(stage for stage in store.stages(workshop.id) if stage.kind == "ideas")
    for text in ROOM_IDEAS:
        store.add_idea(first_ideas.id, text, typed_by="Note-taker")
    return store, workshop


class ServerThread:
    """uvicorn serving ``app`` on an already bound socket, in a background thread."""

    def __init__(self, app, sock) -> None:
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on", server_header=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [sock]}, daemon=True)

    def __enter__(self) -> Self:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
