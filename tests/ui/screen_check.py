"""Reading the app's screen in tests: the plain text on it, finding text, clicking it.

Shared with every UI test (import it by name, like ``panel_harness``: ``from screen_check import
HOSTILE, assert_shows_literally, click_on_text``; the same helpers are fixtures in this folder's
``conftest.py``). To cover a new widget that shows user text, save a hostile value where the
widget shows it, then ``await assert_shows_literally(pilot, value)`` and
``await click_on_text(pilot, value)``.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from rich.cells import cell_len
from rich.console import Console
from textual.app import App
from textual.pilot import Pilot

from facilitator.domain.text import strip_controls
from facilitator.storage.store import Store
from facilitator.ui.app import FacilitatorApp

# Text that would be markup, a click action, a link, an escape or a terminal control sequence if
# it were ever interpreted. The app must show each one literally (escape sequences removed).
HOSTILE = [
    "[/b]",
    "[TODO] x",
    "[ @click=app.quit]x",
    "[link='http://x']y",
    "x\\",
    "\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07",
]


def as_value(hostile: str, prefix: str = "T") -> str:
    """The hostile string as a value a person could save (one that cleans to nothing gets a prefix)."""
    return hostile if strip_controls(hostile).strip() else prefix + hostile


def shown(value: str) -> str:
    """What a value looks like once it has entered the domain: escapes and controls removed."""
    return strip_controls(value).strip()


def screen_text(app: App) -> str:
    """Everything on the screen (dialogs over their background screen) as plain text lines."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return console.export_text()


def find_text(app: App, text: str) -> tuple[int, int] | None:
    """The screen cell (x, y) where ``text`` starts, or None."""
    for y, line in enumerate(screen_text(app).splitlines()):
        index = line.find(text)
        if index >= 0:
            return cell_len(line[:index]), y
    return None


async def assert_shows_literally(pilot: Pilot, value: str) -> None:
    """The value is on screen character for character (after the domain's cleaning)."""
    await pilot.pause()
    expected = shown(value)
    text = screen_text(pilot.app)
    assert expected in text, f"{expected!r} is not shown literally on:\n{text}"


async def click_on_text(pilot: Pilot, value: str) -> None:
    """Click the first character of the value where it is shown; the app must keep running."""
    expected = shown(value)
    where = find_text(pilot.app, expected)
    assert where is not None, f"{expected!r} is not on the screen"
    await pilot.click(offset=where)
    await pilot.pause()
    assert_still_running(pilot.app)


def assert_still_running(app: App) -> None:
    assert app.is_running and app.return_code is None, "the app stopped"


def hold_the_poll(app: FacilitatorApp) -> Callable[[], None]:
    """Keep the app from looking for other terminals' changes until the function returned is called.

    Call it before ``run_test``. For a test of what happens when another terminal has changed the
    file and this one has *not yet noticed*: the app looks every half second, and on a busy machine
    that can fall between the other terminal's change and the test's next key, which would make
    the test check the other case (the change already noticed) and fail.
    """
    held = True
    look = app.check_for_changes

    def check_for_changes() -> None:
        if not held:
            look()

    def release() -> None:
        nonlocal held
        held = False

    app.check_for_changes = check_for_changes  # what the app's interval timer calls, once mounted
    return release


def make_app(store: Store, **kwargs) -> FacilitatorApp:
    return FacilitatorApp(store, **kwargs)


STAGES = [
    {"kind": "welcome", "title": "Welcome", "minutes": 5},
    {"kind": "ideas", "title": "Ideas", "minutes": 10, "settings": {"prompt": "What would help?"}},
]


def add_workshop(store: Store, title: str, *, date: str = "2025-03-14", **kwargs):
    """A small workshop (welcome and ideas stages) with the given title and fields."""
    return store.create_workshop(title=title, stages=STAGES, date=date, **kwargs)


def toast_texts(app: App) -> list[str]:
    """The words of each notification on the screen, one string each (wrapped lines re-joined).

    Read from the screen itself, inside each toast's region, so it is what a person sees.
    Notifications only show when the test runs with ``run_test(notifications=True)``.
    """
    lines = screen_text(app).splitlines()
    texts = []
    for toast in app.screen.query("Toast"):
        region = toast.region
        rows = [line[region.x : region.right] for line in lines[region.y : region.bottom]]
        words = " ".join(rows).replace("\u258c", " ").split()
        texts.append(" ".join(words))
    return texts


def flat(app: App) -> str:
    """The screen's words with line breaks and runs of spaces as one space (sentences wrap)."""
    return " ".join(screen_text(app).split())


async def until(pilot: Pilot, condition, seconds: float = 20.0) -> bool:
    """Let the app run until ``condition()`` holds (True), or ``seconds`` pass (then its last value).

    For what another process or a background write makes happen: it takes as long as it takes
    on a loaded machine, so the test waits for the effect rather than for a fixed time.
    """
    for _ in range(int(seconds / 0.05)):
        if condition():
            return True
        await pilot.pause(0.05)
    return condition()
