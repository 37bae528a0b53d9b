"""Textual's Footer, rebuilt only when the keys it shows have changed.

Textual's ``Footer`` removes and re-mounts every key each time the screen's bindings *may* have
changed: each focus change and each screen pushed or popped, even when the same keys come back.
Each rebuild restyles and relays out the whole footer (about 50 ms here), and opening the home
screen asked for five of them, nearly half of its start-up. This footer asks at most once per
refresh, and only rebuilds when the keys (their labels, tooltips and whether they are enabled)
differ from the ones on screen, so what it shows is exactly what ``Footer`` would show.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Footer

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class KeysFooter(Footer):
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

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_asked = False
        if self.is_attached and self._keys() != self._shown:
            await self.recompose()

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys()
        yield from super().compose()
