"""The Textual app: wiring only. Screens live in ``screens/``, one per module.

What lives here: the store, the poll that notices other terminals' changes, the themes, the
presentation toggle (``app.presenting``), the keys help, and opening the run and capture screens
(imported lazily so this module works while they are being built).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from facilitator.domain.errors import FacilitatorError
from facilitator.storage.store import Store
from facilitator.ui.messages import DatabaseChanged
from facilitator.ui.themes import DEFAULT_THEME, THEME_LABELS, THEMES, next_theme

POLL_SECONDS = 0.5
# Reading the home screen's list needs no sqlite-utils; it is loaded this long after the start,
# so neither the first screen nor the first save waits for it.
PREPARE_WRITING_SECONDS = 0.3

# Screens that other modules provide: (module, class) by the name ``open_workshop`` takes.
WORKSHOP_SCREENS = {
    "run": ("facilitator.ui.screens.run", "RunScreen"),
    "capture": ("facilitator.ui.screens.capture", "CaptureScreen"),
}


def home_screen() -> Screen:
    from facilitator.ui.screens.home import HomeScreen  # imported when used: ui.app stays light

    return HomeScreen()


class FacilitatorApp(App):
    TITLE = "facilitator"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # "?" first: when a narrow footer cannot show every key, it still shows where they all are.
        Binding("question_mark,f1", "show_keys", "Keys"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+t,f2", "cycle_theme", "Theme",
                tooltip="Next theme: high contrast, colour-blind safe, light"),
        Binding("f5", "toggle_presenting", "Present",
                tooltip="Presentation mode: hide facilitator-only information, or show it again"),
    ]

    # True while the screen is projected: facilitator-only information (support needs, who has
    # not voted yet) is hidden. Screens watch it: ``self.watch(self.app, "presenting", ...)``.
    presenting: reactive[bool] = reactive(False)

    def __init__(self, store: Store, *, start: str = "home", workshop_id: int | None = None,
                 typist: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.start = start
        self.start_workshop_id = workshop_id
        self.typist = typist
        self._data_version = store.data_version()
        # Calm by default: no animated scrolling or blinking cursors in a room full of people.
        self.animation_level = "none"
        for theme in THEMES:
            self.register_theme(theme)
        self.theme = DEFAULT_THEME

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.check_for_changes)
        self.set_timer(PREPARE_WRITING_SECONDS, self.store.database.prepare_writing)
        # Home is always at the bottom of the stack, so leaving the run screen lands somewhere.
        # (Pushed rather than made the default screen or a mode: a default screen does not get
        # its CSS_PATH loaded, and a mode refreshes all CSS once more at start-up.)
        self.push_screen(home_screen())
        if self.start in WORKSHOP_SCREENS and self.start_workshop_id is not None:
            self.open_workshop(self.start, self.start_workshop_id)

    # -- changes from this and other processes -------------------------------------------------

    def check_for_changes(self) -> None:
        """Tell the visible screens when any process has committed since we last looked."""
        version = self.store.data_version()
        if version != self._data_version:
            self._data_version = version
            self._post_to_visible_screens()

    def announce_change(self) -> None:
        """Called after our own writes; data_version only moves for other connections' commits."""
        self._post_to_visible_screens()

    def _post_to_visible_screens(self) -> None:
        # The active screen, and the screens showing beneath a dialog. Screens further down
        # reload when they are shown again (on ScreenResume).
        self.screen.post_message(DatabaseChanged())
        for screen in self._background_screens:
            screen.post_message(DatabaseChanged())

    # -- opening a workshop --------------------------------------------------------------------

    def open_workshop(self, kind: str, workshop_id: int) -> bool:
        """Push the run ("run") or note-taker's ("capture") screen for a workshop."""
        module_name, class_name = WORKSHOP_SCREENS[kind]
        try:
            self.store.workshop(workshop_id)
        except FacilitatorError as error:
            self.report_error(error)
            return False
        try:
            module = __import__(module_name, fromlist=[class_name])
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            self.notify(f"The {kind} screen is not part of this version yet.", severity="warning")
            return False
        self.push_screen(getattr(module, class_name)(workshop_id))
        return True

    def report_error(self, error: FacilitatorError) -> None:
        """Show a store error; its sentence may quote user text, so it is never markup."""
        self.notify(str(error), severity="error", markup=False)

    # -- themes, presenting, keys --------------------------------------------------------------

    def action_cycle_theme(self) -> None:
        self.set_theme(next_theme(self.theme))

    def set_theme(self, name: str) -> None:
        self.theme = name
        self.notify(f"Theme: {THEME_LABELS.get(name, name)}", timeout=2)

    def action_toggle_presenting(self) -> None:
        self.presenting = not self.presenting
        if self.presenting:
            self.notify("Presentation mode: facilitator-only information hidden")
        else:
            self.notify("Presentation mode off: facilitator-only information shown")

    def action_show_keys(self) -> None:
        from facilitator.ui.screens.keys_help import KeysHelpScreen

        if isinstance(self.screen, KeysHelpScreen):
            self.screen.dismiss()
        else:
            self.push_screen(KeysHelpScreen(self.screen))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: every key of the current screen, then themes and app commands."""
        yield from screen_commands(screen)
        for name, label in THEME_LABELS.items():
            yield SystemCommand(f"Theme: {label}", "Switch colours (ctrl+t cycles)", partial(self.set_theme, name))
        state = "off" if self.presenting else "on"
        yield SystemCommand(
            f"Presentation mode {state}",
            "Hide or show facilitator-only information such as support needs (f5)",
            self.action_toggle_presenting,
        )
        yield SystemCommand("Keys", "Show every key of this screen (?)", self.action_show_keys)
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Keys"):
                yield command


def screen_commands(screen: Screen) -> Iterable[SystemCommand]:
    """A palette command for each shown binding of the screen, so every key is also a command."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if not binding.description or not active.enabled or binding.description in seen:
            continue
        # The screen's own keys all become commands; a focused widget's only its shown ones
        # (the rest are cursor movement); the app's own are added separately.
        if node is screen.app or (node is not screen and not binding.show):
            continue
        seen.add(binding.description)
        key = screen.app.get_key_display(binding)
        yield SystemCommand(
            binding.description,
            binding.tooltip or f"Key: {key}",
            partial(screen.app.run_action, binding.action, node),
        )


def launch(store: Store, *, start: str = "home", workshop_id: int | None = None,
           typist: str | None = None) -> None:
    FacilitatorApp(store, start=start, workshop_id=workshop_id, typist=typist).run()
