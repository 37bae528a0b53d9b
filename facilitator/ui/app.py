"""The Textual app: wiring only. Screens live in ``screens/``, one per module.

What lives here: the store, the poll that notices other terminals' changes, the themes, the
presentation toggle (``app.presenting``), the keys help, and opening the run and capture screens
(imported lazily so this module works while they are being built).

Presenting is the rule while a workshop runs: the run screen turns it on whenever it opens,
whatever this terminal did last time, and the facilitator's private view (support needs, who has
not voted, owners' names) is a deliberate f5 that goes back to presenting after a minute without
a key (``PRIVATE_VIEW_SECONDS``). It is not remembered between runs.

The store can be opened after the first frame: given ``first_page`` (read with plain sqlite3 by
``storage.first_page``) and ``open_store`` instead of a store, the home screen is drawn without
waiting for pydantic and the storage modules, and the store is opened as soon as it is on
screen. A key or click that comes sooner opens it first (``on_event``), so no action ever finds
it missing. Importing this module imports no storage beyond that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import App, ScreenStackError, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from facilitator.local import terminal_memory
from facilitator.domain.errors import FacilitatorError
from facilitator.ui.commands import screen_commands
from facilitator.ui.focus import focus_lost, keep_focus_shown
from facilitator.ui.keys_in_order import KeysInOrder
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


if TYPE_CHECKING:
    from facilitator.storage.first_page import FirstPage
    from facilitator.storage.store import Store


def home_screen(first_page: FirstPage | None = None) -> Screen:
    from facilitator.ui.screens.home import HomeScreen  # imported when used: ui.app stays light

    return HomeScreen(first_page)


class FacilitatorApp(KeysInOrder, App):
    TITLE = "facilitator"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # "?" first: when a narrow footer cannot show every key, it still shows where they all are.
        Binding("question_mark,f1", "show_keys", "Keys"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
        # One key, two labels, so the footer always says which mode the screen is in (only one
        # of the two is active at a time; see ``check_action``). Before the theme key, so a
        # narrow footer cuts the theme rather than the mode.
        Binding("f5", "present", "Present",
                tooltip="Presentation mode: hide facilitator-only information from the projected screen"),
        Binding("f5", "stop_presenting", "Stop presenting",
                tooltip="Presentation mode is on: f5 shows the private view, facilitator-only information, "
                        "until f5 again or a minute without a key"),
        Binding("ctrl+t,f2", "cycle_theme", "Theme",
                tooltip="Next theme: high contrast, colour-blind safe, light"),
    ]

    # True while the screen is projected: facilitator-only information (support needs, who has
    # not voted yet) is hidden. Screens watch it: ``self.watch(self.app, "presenting", ...)``.
    presenting: reactive[bool] = reactive(False)
    # While a workshop is being run, the private view goes back to presenting after this long
    # without a key or a click (by the store's clock, which tests move), so a projector is never
    # left showing it; whether keys came is looked at every PRIVATE_VIEW_CHECK_SECONDS (real
    # seconds; tests shorten it).
    PRIVATE_VIEW_SECONDS: ClassVar[float] = 60.0
    PRIVATE_VIEW_CHECK_SECONDS: ClassVar[float] = 1.0

    def __init__(self, store: Store | None = None, *, start: str = "home", workshop_id: int | None = None,
                 typist: str | None = None, first_page: FirstPage | None = None,
                 open_store: Callable[[], Store] | None = None) -> None:
        """Give ``store``, or (for the home screen) ``first_page`` and ``open_store`` to open it later."""
        super().__init__()
        if store is None and (open_store is None or first_page is None or start != "home"):
            raise ValueError("FacilitatorApp needs a store, or the home screen's first page and a way to open one")
        self._store = store
        self._open_store = open_store
        self._first_page = first_page
        # The sentence that stopped the app when the store could not be opened after all; the
        # launcher raises it once the app has closed, so the CLI prints it and exits 1.
        self.open_error: FacilitatorError | None = None
        self.start = start
        self.start_workshop_id = workshop_id
        self.typist = typist
        self._data_version = store.data_version() if store is not None else None
        # Calm by default: no animated scrolling or blinking cursors in a room full of people.
        self.animation_level = "none"
        for theme in THEMES:
            self.register_theme(theme)
        # The theme this terminal had when it last closed (presenting is never remembered: the
        # run screen turns it on whenever it opens).
        remembered = terminal_memory.recall_theme()
        self._start_in_theme(remembered if remembered in THEME_LABELS else DEFAULT_THEME)
        self._private_view_check: Timer | None = None
        self._keys_pressed = 0  # counted, so the private view knows someone is at the keyboard
        self._quiet_since = (0, 0.0)  # (keys pressed, the store's time) when they were last counted

    def _start_in_theme(self, name: str) -> None:
        """Start in the theme ``name``, as ``self.theme = name`` would, without restyling everything.

        Setting ``theme`` makes Textual parse every stylesheet once more and restyle the app just
        after it starts (about 25 ms, before the first frame). Nothing has been parsed yet here,
        so the stylesheet can simply take the theme's variables from the start, with the classes
        ``App._watch_theme`` gives. Textual's colour filter for terminals without true colour
        was made for a dark theme: for a light one, let Textual do the whole change.
        """
        if not self.get_theme(name).dark or not self.current_theme.dark:
            self.theme = name
            return
        self.set_reactive(App.theme, name)
        self.stylesheet.set_variables(self.get_css_variables())
        self.set_class(True, f"-theme-{name}", update=False)

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.check_for_changes)
        self.screen_change_signal.subscribe(self, self._keep_focus_shown)
        if self._store is not None:
            self.set_timer(PREPARE_WRITING_SECONDS, self._store.database.prepare_writing)
        # Home is always at the bottom of the stack, so leaving the run screen lands somewhere.
        # (Pushed rather than made the default screen or a mode: a default screen does not get
        # its CSS_PATH loaded, and a mode refreshes all CSS once more at start-up.)
        first_page, self._first_page = self._first_page, None
        self.push_screen(home_screen(first_page))
        if self.start in WORKSHOP_SCREENS and self.start_workshop_id is not None:
            self.open_workshop(self.start, self.start_workshop_id)

    # -- the focus never rests on a hidden or disabled widget (see ``ui/focus.py``) -------------

    def _keep_focus_shown(self, screen: Screen) -> None:
        # A dialog or the palette closed (or a screen opened): after Textual has given the
        # screen its focus back, check that it went to something shown.
        screen.call_after_refresh(keep_focus_shown, screen)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if event.widget.is_attached:
            focus_lost(event.widget.screen, event.widget)

    # -- the store, opened at once or just after the first frame -------------------------------

    @property
    def store(self) -> Store:
        """The Store; opened here if the first frame was drawn without it and it is not open yet."""
        if self._store is None:
            self._open_now()
            if self._store is None:
                # Only if opening failed outside an input event (a resize, a screen's own timer):
                # the app is already closing with the sentence; this stops the caller.
                raise self.open_error or RuntimeError("the database is not open")
        return self._store

    @property
    def store_is_open(self) -> bool:
        return self._store is not None

    def finish_opening(self) -> None:
        """Open the store now if it is not open yet (the home screen calls this after its first frame)."""
        if self._store is None:
            self._open_now()

    def _open_now(self) -> bool:
        """Open the store, or close the app with the sentence saying why it cannot; True if open.

        The first page was read from a file that was ready, so this fails only if the file changed
        in the moment since (another program upgraded, replaced or damaged it).
        """
        if self.open_error is not None or self._open_store is None:
            return False
        try:
            store = self._open_store()
        except FacilitatorError as error:
            self.open_error = error
            self.exit(return_code=1)
            return False
        self._store = store
        self._data_version = store.data_version()
        self.set_timer(PREPARE_WRITING_SECONDS, store.database.prepare_writing)
        # Anything another terminal changed since the first page was read shows now.
        self._post_to_visible_screens()
        return True

    async def on_event(self, event: events.Event) -> None:
        # A key, click or paste may lead to any action, and every action may use the store: open
        # it first (it is normally open already, just after the first frame). If it cannot be
        # opened, the app is closing with the sentence, and the event goes nowhere.
        needs_store = isinstance(event, (events.Key, events.MouseDown, events.Paste))
        if needs_store:
            self._keys_pressed += 1
        if needs_store and self._store is None and not self._open_now():
            return
        await super().on_event(event)

    # -- changes from this and other processes -------------------------------------------------

    def check_for_changes(self) -> None:
        """Tell the visible screens when any process has committed since we last looked."""
        if self._store is None:
            return  # not open yet: opening it tells the screens anyway
        version = self._store.data_version()
        if version != self._data_version:
            self._data_version = version
            self._post_to_visible_screens()

    def announce_change(self) -> None:
        """Called after our own writes; data_version only moves for other connections' commits."""
        self._post_to_visible_screens()

    def _post_to_visible_screens(self) -> None:
        # The active screen, and the screens showing beneath a dialog. Screens further down
        # reload when they are shown again (on ScreenResume).
        try:
            screen = self.screen
        except ScreenStackError:  # the app is closing (or not drawn yet): no screen to tell
            return
        screen.post_message(DatabaseChanged())
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
        terminal_memory.remember_theme(name)
        self.notify(f"Theme: {THEME_LABELS.get(name, name)}", timeout=2)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "present":
            return not self.presenting
        if action == "stop_presenting":
            return self.presenting
        return True

    def watch_presenting(self, _presenting: bool) -> None:
        self.refresh_bindings()  # the f5 label changes with the mode
        self._time_the_private_view()

    def _running_a_workshop(self) -> bool:
        """A screen that the room sees (the run screen) is open, here or beneath."""
        return any(getattr(screen, "PROJECTED", False) for screen in self.screen_stack)

    def _time_the_private_view(self) -> None:
        """While the private view shows over a workshop's screen, look now and then for keys."""
        if self._private_view_check is not None:
            self._private_view_check.stop()
            self._private_view_check = None
        if not self.presenting and self._running_a_workshop():
            self._quiet_since = (self._keys_pressed, self.store.now())
            self._private_view_check = self.set_interval(self.PRIVATE_VIEW_CHECK_SECONDS, self._check_private_view)

    def _check_private_view(self) -> None:
        if self.presenting or not self._running_a_workshop():
            self._time_the_private_view()  # stops looking (the run screen was left: the desk's view)
            return
        keys, since = self._quiet_since
        now = self.store.now()
        if keys != self._keys_pressed:
            self._quiet_since = (self._keys_pressed, now)
        elif now - since >= self.PRIVATE_VIEW_SECONDS:
            self.presenting = True
            self.notify("Presenting again after a minute without a key: f5 shows the private view.")

    def action_present(self) -> None:
        if not self.presenting:
            self.action_toggle_presenting()

    def action_stop_presenting(self) -> None:
        if self.presenting:
            self.action_toggle_presenting()

    def action_toggle_presenting(self) -> None:
        self.presenting = not self.presenting
        if self.presenting:
            self.notify("Presentation mode: facilitator-only information hidden")
        else:
            self.notify("Private view: facilitator-only information shown, not for the projector")

    def show_join_command(self, workshop_id: int) -> None:
        from facilitator.local.join_command import join_command

        command = join_command(self.store.database.path, workshop_id)
        if command is None:
            self.notify("This workshop is in memory only, so no other terminal can join it.", markup=False)
        else:  # the path is user data: never markup
            self.notify(f"A note-taker joins from their own terminal with:\n{command}", markup=False, timeout=30)

    async def action_quit(self) -> None:
        """Ctrl+Q: a clean quit, noted so the next start does not call it an interruption; it asks
        first when a screen has unsaved work (``dialogs/quit_unsaved.py``)."""
        from facilitator.ui.dialogs.quit_unsaved import quit_asking_first

        quit_asking_first(self, self._store)

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
        yield SystemCommand("Keys and help", "Show every key of this screen (? or F1)", self.action_show_keys)
        workshop_id = getattr(screen, "workshop_id", None)
        if isinstance(workshop_id, int) and self.store_is_open:
            yield SystemCommand("Note-takers: how to join", "The command a note-taker types in their own terminal",
                                partial(self.show_join_command, workshop_id))
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Keys"):
                yield command


def home_from_first_page(path: Path, open_store: Callable[[], Store]) -> FacilitatorApp | None:
    """The app on its home screen, drawn from the file's first page before the Store is imported.

    None when the file is not plainly ready (see ``storage.first_page.read_first_page``): then
    open the store the ordinary way and pass it to ``FacilitatorApp``.
    """
    from facilitator.storage.first_page import read_first_page
    from facilitator.ui.screens.home import PAGE

    first_page = read_first_page(path, PAGE)
    if first_page is None:
        return None
    return FacilitatorApp(first_page=first_page, open_store=open_store)


def run(app: FacilitatorApp) -> None:
    """Run the app; if the store it was to open after its first frame could not be opened, raise
    that sentence (the CLI prints it and exits 1)."""
    app.run()
    if app.open_error is not None:
        raise app.open_error


def launch(store: Store, *, start: str = "home", workshop_id: int | None = None,
           typist: str | None = None) -> None:
    run(FacilitatorApp(store, start=start, workshop_id=workshop_id, typist=typist))
