"""The note-taker's own ideas, on their screen (``CaptureScreen``): the list below the idea box.

It shows the ideas this note-taker typed, newest first; ``e`` changes the highlighted one and
``w`` withdraws it (or brings it back). A change that could not be saved is kept for the next
``e``, with the reason.
"""

from __future__ import annotations

from textual.widgets import Static

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import Idea
from facilitator.ui import text
from facilitator.ui.widgets.my_ideas import said_by_label
from facilitator.ui.widgets.status_line import READ_ONLY

# The list shows a note-taker's latest ideas, so saving one costs the same however many they
# have typed (older ones are in the facilitator's view, the minutes and the export).
MY_IDEAS_SHOWN = 100
HEADING = "Your ideas, newest first (Escape to get here: e changes one, w withdraws it)"


class CaptureMyIdeas:
    """Uses the screen's ``store``, ``workshop_id``, ``typist``, ``ideas_list``, ``status``,
    ``read_only``, ``_people``, ``_stages``, ``_unsaved_edits`` and its saving
    (``SavesWithoutFreezing``)."""

    def _sync_my_ideas(self) -> None:
        """Bring the note-taker's list in line with the store (their latest ideas)."""
        if self.typist is None:
            return
        try:
            ideas = self.store.ideas(workshop_id=self.workshop_id, typed_by=self.typist, include_withdrawn=True,
                                     newest_first=True, limit=MY_IDEAS_SHOWN)
        except FacilitatorError as error:
            self.status.error(str(error))
            return
        latest = HEADING.replace("Your ideas", f"Your latest {MY_IDEAS_SHOWN} ideas")
        self.query_one("#my-ideas-heading", Static).update(HEADING if len(ideas) < MY_IDEAS_SHOWN else latest)
        self.ideas_list.show(ideas, self._people, self._stages)

    @property
    def my_ideas(self) -> dict[int, Idea]:
        """The ideas the list shows, newest first."""
        return self.ideas_list.ideas

    def _highlighted_idea(self) -> Idea | None:
        idea = self.ideas_list.highlighted_idea
        # Only their own: the list holds nothing else, but the typist may just have changed.
        return idea if idea is not None and idea.typed_by == self.typist else None

    def _require_idea(self) -> Idea | None:
        idea = self._highlighted_idea()
        if idea is None:
            self.notify("Choose one of your ideas in the list first (Escape moves to the list).",
                        severity="warning")
        elif self.read_only:
            self.status.error(READ_ONLY)
            return None
        elif self.refuse_while_saving():
            return None
        return idea

    def action_edit(self) -> None:
        from facilitator.ui.dialogs.edit_idea import EditIdeaDialog

        idea = self._require_idea()
        if idea is None:
            return
        words = self._unsaved_edits.get(idea.id, idea.text)
        problem = self.status.sentence if idea.id in self._unsaved_edits else ""
        dialog = EditIdeaDialog(words, said_by=said_by_label(idea, self._people), problem=problem)
        self.app.push_screen(dialog, lambda changed: self._edited(idea, changed))

    def _edited(self, idea: Idea, changed: str | None) -> None:
        if changed is None or changed == idea.text:
            self._unsaved_edits.pop(idea.id, None)
            return

        def failed(error: FacilitatorError) -> None:
            self._unsaved_edits[idea.id] = changed
            self.status.error(f"{error} Your change is kept: press e to try again.")

        def done(saved: Idea) -> None:
            self._unsaved_edits.pop(idea.id, None)
            self._sync_my_ideas()
            self.status.saved(text.join(["\u2713 Changed: ", text.one_line(saved.text, 60)]))

        if self.saving_in_background:  # kept in ``_unsaved_edits`` for the next e
            failed(FacilitatorError("Still saving the last change."))
            return
        self.save_in_background(lambda store: store.edit_idea(idea.id, changed), done=done, failed=failed)

    def action_withdraw(self) -> None:
        from facilitator.ui.dialogs.confirm import ConfirmDialog

        idea = self._require_idea()
        if idea is None:
            return
        words = text.one_line(idea.text, 120)
        if idea.withdrawn:
            question = "Bring this idea back?"
            detail = text.join(["\u201c", words, "\u201d will count again in votes and the minutes."])
        else:
            question = "Withdraw this idea?"
            detail = text.join(["\u201c", words, ("\u201d is kept in the record but left out of votes "
                                                    "and the minutes. You can bring it back with w.")])
        dialog = ConfirmDialog(question, detail=detail, yes="Bring back" if idea.withdrawn else "Withdraw")
        self.app.push_screen(dialog, lambda yes: self._withdraw(idea, not idea.withdrawn) if yes else None)

    def _withdraw(self, idea: Idea, withdrawn: bool) -> None:
        def done(saved: Idea) -> None:
            self._sync_my_ideas()
            self.status.saved("\u2713 Withdrawn." if withdrawn else "\u2713 Brought back.")

        self.save_in_background(
            lambda store: store.withdraw_idea(idea.id, withdrawn),
            done=done,
            failed=lambda error: self.status.error(str(error)),
        )
