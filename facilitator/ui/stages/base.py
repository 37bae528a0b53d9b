"""What every stage panel on the run screen has in common.

A panel shows one stage of the running workshop in the main area. The run screen creates it with
the ids (attributes down), calls ``reload()`` whenever the database changed (this process or
another), and listens for ``StagePanel.Changed`` after the panel saved something (messages up).
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.message import Message

from facilitator.domain.models import Stage, Workshop
from facilitator.storage.store import Store

BUILD_ATTEMPTS = 20


class StagePanel(Vertical):
    """Base for ``WelcomePanel``, ``IdeasPanel``, ``VotePanel``... one module each."""

    DEFAULT_CLASSES = "stage-panel"

    # Lists keep the room for their scroll bar even while it is not needed. An OptionList works
    # out how many lines each wrapped item takes when its items are replaced; if its scroll bar
    # appears just after, the items are drawn two cells narrower in the lines counted without
    # it, and an item that now needs one more line loses its last word (after an idea moved into
    # a theme, "toast." vanished). A list whose items never wrap may say ``scrollbar-gutter: auto``.
    # No horizontal scroll bar (the items wrap): Textual would add its line to a list of auto
    # height that keeps the room for the vertical one.
    DEFAULT_CSS = """
    StagePanel OptionList { scrollbar-gutter: stable; scrollbar-size-horizontal: 0; }
    """

    class Changed(Message):
        """The panel saved something: other parts of the run screen may want to reload."""

    def __init__(self, store: Store, workshop_id: int, stage_id: int, *, presenting: bool = False) -> None:
        super().__init__()
        self.store = store
        self.workshop_id = workshop_id
        self.stage_id = stage_id
        # True when the projected screen must hide facilitator-only information.
        self.presenting = presenting
        # True once ``on_built`` has filled the panel in: reloads from outside wait for it.
        self.built = False

    @property
    def stage(self) -> Stage:
        return self.store.stage(self.stage_id)

    @property
    def workshop(self) -> Workshop:
        return self.store.workshop(self.workshop_id)

    def reload(self) -> None:
        """Re-read what this panel shows from the store. Must keep selection and scroll."""

    def on_mount(self) -> None:
        self._build(attempts_left=BUILD_ATTEMPTS)

    def _build(self, attempts_left: int) -> None:
        # Textual can run ``on_mount`` before the widgets inside nested containers are mounted
        # (Textualize/textual#897; seen on a loaded machine when another terminal moved the stage
        # on). Then the panel is filled in after the next refresh instead of failing; a panel
        # that is really missing a widget still fails, once the attempts run out.
        try:
            self.on_built()
            self.built = True
        except NoMatches:
            if attempts_left <= 0:
                raise
            self.call_after_refresh(self._build, attempts_left - 1)

    def on_built(self) -> None:
        """Fill the panel in for the first time (border titles, ``reload``, focus)."""
        self.reload()

    def set_presenting(self, presenting: bool) -> None:
        self.presenting = presenting
        if self.built:
            self.reload()

    @property
    def can_reveal(self) -> bool:
        """True while this stage keeps something hidden that its ``action_reveal`` shows (the run
        screen's reveal key, Ctrl+R, is offered only then)."""
        return False
