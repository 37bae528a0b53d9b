"""The places home's keys open for the selected workshop or for every workshop: its people, its
invitation pack and details, the recognition sheet, the decision register, search, follow-up, and the agenda editor.

Mixed into ``HomeScreen`` (home.py), which provides ``_selected_workshop`` and ``agenda_made``.
Each import is inside its action so that home opens without loading the screens it may never use.
"""

from __future__ import annotations

from typing import Any


class HomePlaces:
    agenda_made: str | None
    table: Any  # provided by HomeScreen

    def _selected_workshop(self) -> int | None:  # provided by HomeScreen
        raise NotImplementedError

    def action_people(self) -> None:
        from facilitator.ui.screens.roster import RosterScreen

        workshop_id = self._selected_workshop()
        if workshop_id is not None:
            self.app.push_screen(RosterScreen(workshop_id))

    def action_pack(self) -> None:
        """Save the invitation pack (Word, HTML or Markdown; easy read or not) for the selected workshop."""
        from facilitator.ui.dialogs.pack_dialog import ask_and_write_pack

        workshop_id = self._selected_workshop()
        if workshop_id is not None:
            ask_and_write_pack(self, workshop_id)

    def action_edit_details(self) -> None:
        """Change the selected workshop's start time, access, contact, recognition and rate."""
        from facilitator.ui.dialogs.details_dialog import DetailsDialog

        workshop_id = self._selected_workshop()
        if workshop_id is not None:
            self.app.push_screen(DetailsDialog(self.app.store.workshop(workshop_id)))

    def action_recognition_sheet(self) -> None:
        """Save who is owed what for their time (the selected workshop's series), for finance."""
        from facilitator.ui.dialogs.sheet_dialog import ask_and_write_sheet

        ask_and_write_sheet(self, self.table.selected_id)

    def action_decisions(self) -> None:
        """The decision register: every decision across workshops, searchable."""
        from facilitator.ui.screens.register import RegisterScreen

        self.app.push_screen(RegisterScreen())

    def action_search_everything(self) -> None:
        """Has anyone raised this before? Everything said, in every workshop."""
        from facilitator.ui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen())

    def action_follow_up(self) -> None:
        """Outstanding actions across workshops, and decisions due for review."""
        from facilitator.ui.screens.follow_up import FollowUpScreen

        self.app.push_screen(FollowUpScreen())

    def action_make_agenda(self) -> None:
        """Make an agenda from a shipped one or your own, without a text editor."""
        from facilitator.ui.dialogs.start_agenda import StartAgendaDialog, StartingPoint
        from facilitator.ui.screens.agenda_editor import AgendaEditorScreen

        def made(name: str | None) -> None:
            if name is not None:
                self.agenda_made = name
                self.notify(f"Your agenda {name} is ready: press n to start a workshop from it.", markup=False)

        def started(start: StartingPoint | None) -> None:
            if start is not None:
                self.app.push_screen(AgendaEditorScreen(start), made)

        self.app.push_screen(StartAgendaDialog(), started)
