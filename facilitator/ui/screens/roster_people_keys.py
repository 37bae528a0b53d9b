"""The roster screen's keys for a person beyond this workshop: f forgets them everywhere, s puts
them on (or takes them off) the series' standing roster.

Forgetting shows first what will change (how many workshops' rosters, series rosters and notes
name them) and, once done, how many backups made before still hold the name. A plain helper the
roster screen mixes in (it never imports the screen); it uses the screen's ``people``, ``table``,
``workshop_id``, ``_selected_person``, ``_write`` and ``notify``.
"""

from __future__ import annotations

import time

from facilitator import paths
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.privacy import FORMER_PARTICIPANT
from facilitator.local import terminal_memory, typist_memory
from facilitator.storage.privacy import backups_made_before
from facilitator.ui.text import join

FORGET_DETAIL = (
    "Their name and support needs are removed from {where}. What they said and what was decided stay, "
    "as \u201ca participant\u201d; notes that named them say \u201ca former participant\u201d. "
    "This cannot be undone."
)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


class RosterPeopleKeys:
    """f: forget everywhere; s: the series' standing roster."""

    _series_name: str | None = None

    def _series(self) -> str:
        if self._series_name is None:
            try:
                self._series_name = self.app.store.workshop(self.workshop_id).series  # type: ignore[attr-defined]
            except FacilitatorError:
                self._series_name = ""
        return self._series_name

    def on_standing_roster(self, person_id: int) -> bool:
        try:
            return self.app.store.series_person_of(person_id) is not None  # type: ignore[attr-defined]
        except FacilitatorError:
            return False

    # -- f: forget everywhere ----------------------------------------------------------------------

    def action_forget(self) -> None:
        from facilitator.ui.dialogs.confirm import ConfirmDialog

        person = self._selected_person()  # type: ignore[attr-defined]
        if person is None or person.forgotten:
            if person is not None:
                self.notify("This person has already been forgotten.")  # type: ignore[attr-defined]
            return
        try:
            plan = self.app.store.forget_plan(str(person.id))  # type: ignore[attr-defined]
        except FacilitatorError as error:
            self.app.report_error(error)  # type: ignore[attr-defined]
            return
        places = [_count(len({p.workshop_id for p in plan.people}), "workshop's roster", "workshops' rosters")]
        if plan.roster_entries:
            places.append(_count(len(plan.roster_entries), "series roster", "series rosters"))
        if plan.text_changes:
            places.append(_count(len(plan.text_changes), "note that names them", "notes that name them")
                          + " (decided by, dissent, owners and the like)")  # fmt: skip
        where = ", ".join(places[:-1]) + " and " + places[-1] if len(places) > 1 else places[0]
        person_id, started, name = person.id, time.time(), plan.name

        def forgotten() -> None:
            # This computer's memory of who was typing, and of typing not yet saved, can name them too.
            typist_memory.forget_name(name)
            terminal_memory.forget_name(name, FORMER_PARTICIPANT)
            old = backups_made_before(paths.backups_dir(), started)
            backups = (f" {_count(len(old), 'backup', 'backups')} made before still hold the name, in "
                       f"{paths.backups_dir()}: delete them unless you must keep them.") if old else ""  # fmt: skip
            self.notify("Forgotten everywhere: the name and support needs are gone; what they said stays."  # type: ignore[attr-defined]
                        + backups, markup=False, timeout=12)  # fmt: skip

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(lambda store: store.forget_everywhere(str(person_id)), then=forgotten)  # type: ignore[attr-defined]

        self.app.push_screen(  # type: ignore[attr-defined]
            ConfirmDialog(f"Forget {person.name} everywhere?", yes="Forget", detail=FORGET_DETAIL.format(where=where)),
            answered,
        )

    # -- s: the series' standing roster ------------------------------------------------------------

    def action_series_roster(self) -> None:
        person = self._selected_person()  # type: ignore[attr-defined]
        series = self._series()
        if person is None or not series:
            return
        if person.forgotten:
            self.notify("This person was forgotten, so they cannot join the standing roster.", severity="warning")  # type: ignore[attr-defined]
            return
        person_id, name, leaving = person.id, person.name, self.on_standing_roster(person.id)

        def change(store):
            if leaving:
                return store.remove_participant_from_series(person_id)
            return store.add_participant_to_series(person_id)

        if leaving:
            said = [name, " is off the standing roster of \u201c", series,
                    "\u201d: new workshops in the series will not list them."]  # fmt: skip
        else:
            said = [name, " is on the standing roster of \u201c", series,
                    "\u201d: every new workshop in the series lists them."]  # fmt: skip
        self._write(change, then=lambda: self.notify(join(said).plain, markup=False))  # type: ignore[attr-defined]
