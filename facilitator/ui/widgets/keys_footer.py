"""Textual's Footer, drawn with whole keys only (``WholeKeysFooter``, every screen), and
rebuilt only when the keys it shows have changed (``KeysFooter``, the home screen).

On a narrow screen (80 columns) ``Footer`` lets its keys run on under the command palette's key,
which cuts the last one mid-word ("r Re▏^p palette"), and the compact ``Footer`` leaves the last
cell of the line to whatever key lies under it ("^p palette^"). ``WholeKeysFooter`` shows only the
keys that fit whole, in their order (the keys help lists them all), and draws that last cell.

Textual's ``Footer`` removes and re-mounts every key each time the screen's bindings *may* have
changed: each focus change and each screen pushed or popped, even when the same keys come back.
Each rebuild restyles and relays out the whole footer (about 50 ms here), and opening the home
screen asked for five of them, nearly half of its start-up. ``KeysFooter`` asks at most once per
refresh, and only rebuilds when the keys (their labels, tooltips and whether they are enabled)
differ from the ones on screen, so what it shows is exactly what ``WholeKeysFooter`` would show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widget import Widget
from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class WholeKeysFooter(Footer):
    """``Footer`` that shows only the keys that fit whole beside the command palette's key."""

    # Actions whose key is shown whatever else has to go (see KeysFooter).
    always_shown: frozenset[str] = frozenset()

    DEFAULT_CSS = """
    /* A cell of padding (the key's own colours) instead of the compact footer's margin, which
       showed a stray character of the key beneath. */
    WholeKeysFooter.-compact FooterKey.-command-palette { margin-right: 0; padding-right: 1; }
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        # Where each key (or group of keys) ends, from the left, when all of them are shown.
        self._ends: list[int] | None = None

    def compose(self) -> ComposeResult:
        self._ends = None  # measured again once the new keys are laid out
        yield from super().compose()
        self.call_after_refresh(self._fit)

    def _key_units(self) -> tuple[list[Widget], list[Widget]]:
        """The keys (and groups of keys) in order, and the command palette's key (docked right)."""
        keys, docked = [], []
        for child in self.children:
            (docked if child.has_class("-command-palette") else keys).append(child)
        return keys, docked

    def on_resize(self) -> None:
        self._fit()

    def _fit(self, tries: int = 3) -> None:
        """Show the keys that fit whole beside the palette's key; hide the rest (from the last)."""
        if not self.is_attached:
            return
        keys, docked = self._key_units()
        if self._ends is None or len(self._ends) != len(keys):
            regions = [key.virtual_region for key in keys]
            if not all(key.display and region.width for key, region in zip(keys, regions)):
                if tries:
                    self.call_after_refresh(self._fit, tries - 1)  # not laid out yet
                return
            self._ends = [region.right for region in regions]
        room = self.size.width - sum(key.outer_size.width + key.styles.margin.width for key in docked)
        widths = [end - start for start, end in zip([0, *self._ends], self._ends)]
        kept = [getattr(key, "action", "") in self.always_shown for key in keys]
        room -= sum(width for width, keep in zip(widths, kept) if keep)
        full = False  # once one key does not fit, none after it is shown (the order stays whole)
        for key, width, keep in zip(keys, widths, kept):
            fits = keep or (not full and width <= room)
            if not keep:
                full = full or not fits
                room -= width if fits else 0
            key.display = fits


class ChangedKeysFooter(WholeKeysFooter):
    """Rebuilt only when the keys it shows have changed (the run screen: a stage's reveal moved
    the focus and changed the keys, and the footer was rebuilt for each, most of the reveal's
    redraw in bench_score.py)."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._shown: tuple | None = None  # the keys of the last rebuild
        self._rebuild_asked = False

    def _keys(self) -> tuple:
        """Everything ``Footer.compose`` reads, so equal keys mean an identical footer."""
        app = self.app
        keys = tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip,
             app.get_key_display(binding))
            for (_node, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        )
        palette = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING) if (
            self.show_command_palette and app.ENABLE_COMMAND_PALETTE) else None
        if palette is not None:
            _node, binding, enabled, tooltip = palette
            palette = (binding.key, binding.description, enabled, tooltip, binding.tooltip)
        return keys, palette

    @property
    def keys_shown(self) -> bool:
        """True once the footer has been built with the screen's keys (not just its empty start)."""
        return self._shown is not None

    def bindings_changed(self, screen: Screen) -> None:
        """As ``Footer`` schedules its rebuild, but rebuilt only if the keys changed."""
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_asked = False
        if not self.is_attached:
            return
        if self._keys() != self._shown:
            await self.recompose()
        else:
            self._fit()  # the same keys: fitted again (cheap), as a rebuild would have

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys()
        yield from super().compose()


class KeysFooter(ChangedKeysFooter):
    # Home has no title line that says whether the app is presenting (the run screen has), so the
    # footer's "f5 Present" / "f5 Stop presenting" says it, whatever else has to go.
    always_shown = frozenset({"app.present", "app.stop_presenting", "present", "stop_presenting"})

    def bindings_changed(self, screen: Screen) -> None:
        """At most one rebuild asked for at a time; the first keys built at once."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_asked:
            self._rebuild_asked = True
            if self._shown is None:
                # The first keys of this footer: built at once, so the screen's first frame
                # shows them (after a refresh, they came one whole frame later).
                self.call_next(self._rebuild_if_changed)
            else:
                self.call_after_refresh(self._rebuild_if_changed)

