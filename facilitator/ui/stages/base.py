"""What every stage panel on the run screen has in common.

A panel shows one stage of the running workshop in the main area. The run screen creates it with
the ids (attributes down), calls ``reload()`` whenever the database changed (this process or
another), and listens for ``StagePanel.Changed`` after the panel saved something (messages up).
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.message import Message

from facilitator.domain.models import Stage, Workshop
from facilitator.storage.store import Store


class StagePanel(Vertical):
    """Base for ``WelcomePanel``, ``IdeasPanel``, ``VotePanel``... one module each."""

    DEFAULT_CLASSES = "stage-panel"

    class Changed(Message):
        """The panel saved something: other parts of the run screen may want to reload."""

    def __init__(self, store: Store, workshop_id: int, stage_id: int, *, presenting: bool = False) -> None:
        super().__init__()
        self.store = store
        self.workshop_id = workshop_id
        self.stage_id = stage_id
        # True when the projected screen must hide facilitator-only information.
        self.presenting = presenting

    @property
    def stage(self) -> Stage:
        return self.store.stage(self.stage_id)

    @property
    def workshop(self) -> Workshop:
        return self.store.workshop(self.workshop_id)

    def reload(self) -> None:
        """Re-read what this panel shows from the store. Must keep selection and scroll."""

    def set_presenting(self, presenting: bool) -> None:
        self.presenting = presenting
        self.reload()
