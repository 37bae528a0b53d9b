"""A series' standing roster: the people who come every time, kept with the series.

A new workshop in the series starts with them listed, not marked as here (``copy_series_roster``,
called as the workshop is created). Each workshop keeps its own copy of each person in
``participants`` (linked by ``series_person_id``), so changing someone's choice (their name,
perspectives, how they are shown, support needs) in one workshop changes the roster and the
workshops of the series still planned after it, and never the minutes of a past workshop.
"""

from __future__ import annotations

from typing import Any

from facilitator.domain.errors import NotFound, RuleBroken
from facilitator.domain.models import Attribution
from facilitator.domain.privacy import SeriesPerson
from facilitator.storage.base import StoreBase, row_to

_COPIED = ("name", "perspectives", "attribution", "support_needs")


class SeriesRosterMixin(StoreBase):
    # Uses PeopleMixin's checks of a person's details (the Store has both).
    def series_people(self, series: str) -> list[SeriesPerson]:
        rows = self._rows("SELECT * FROM series_people WHERE series = ? ORDER BY lower(name), id", (series,))
        return [row_to(SeriesPerson, row) for row in rows]

    def _series_person(self, series: str, name_or_id: str) -> SeriesPerson:
        text = str(name_or_id).strip()
        for person in self.series_people(series):
            if (text.isdigit() and person.id == int(text)) or " ".join(person.name.split()).casefold() == " ".join(
                text.split()
            ).casefold():
                return person
        raise NotFound(f"\u201c{text}\u201d is not on the standing roster of the series \u201c{series}\u201d.")

    def add_series_person(
        self, series: str, name: str, perspectives=(), attribution: str = Attribution.PERSPECTIVE,
        support_needs: str = "",
    ) -> SeriesPerson:  # fmt: skip
        """Put someone on the series' standing roster (workshops created from now on list them)."""
        series = " ".join(str(series).split())
        if not series:
            raise RuleBroken("Give the name of the series.")
        values = self._participant_values(  # type: ignore[attr-defined]
            name, perspectives, attribution, support_needs)
        with self.write() as db:
            if self._same_name_on_roster(series, values["name"]) is not None:
                raise RuleBroken(f"{values['name']} is already on the standing roster of \u201c{series}\u201d.")
            person_id = db["series_people"].insert({**values, "series": series, "added_at": self.now_iso()}).last_pk
        return self._series_person(series, str(person_id))

    def _same_name_on_roster(self, series: str, name: str) -> int | None:
        for row in self._rows("SELECT id, name FROM series_people WHERE series = ?", (series,)):
            if " ".join(row["name"].split()).casefold() == " ".join(name.split()).casefold():
                return row["id"]
        return None

    def remove_series_person(self, series: str, name_or_id: str) -> SeriesPerson:
        """Take someone off the standing roster. Workshops that already list them keep them, but
        finished ones no longer keep their support needs (kept only for the roster's people)."""
        with self.write() as db:
            person = self._series_person(series, name_or_id)
            db.execute(
                "UPDATE participants SET support_needs = '' WHERE series_person_id = ? AND workshop_id IN "
                "(SELECT id FROM workshops WHERE status = 'finished')",
                (person.id,),
            )
            db.execute("DELETE FROM series_people WHERE id = ?", (person.id,))
        return person

    def series_person_of(self, participant_id: int) -> int | None:
        """The standing-roster entry a workshop's participant is linked to, if any."""
        return self._value(
            "SELECT s.id FROM participants p JOIN series_people s ON s.id = p.series_person_id WHERE p.id = ?",
            (participant_id,),
        )

    def add_participant_to_series(self, participant_id: int) -> SeriesPerson:
        """Put a workshop's participant on its series' standing roster, as they are now."""
        with self.write() as db:
            person = self.participant(participant_id)  # type: ignore[attr-defined]
            series = self.workshop(person.workshop_id).series
            if not series:
                raise RuleBroken("This workshop is not part of a series, so there is no standing roster to join.")
            if person.forgotten:
                raise RuleBroken("This person was forgotten, so they cannot join a standing roster.")
            existing = self._same_name_on_roster(series, person.name)
            if existing is None:
                existing = db["series_people"].insert({
                    "series": series, "name": person.name, "perspectives": _json(person.perspectives),
                    "attribution": person.attribution.value, "support_needs": person.support_needs,
                    "added_at": self.now_iso(),
                }).last_pk  # fmt: skip
            db.execute("UPDATE participants SET series_person_id = ? WHERE id = ?", (existing, participant_id))
        return self._series_person(series, str(existing))

    def remove_participant_from_series(self, participant_id: int) -> SeriesPerson:
        """Take a workshop's participant off its series' standing roster (they stay in this workshop)."""
        entry = self.series_person_of(participant_id)
        if entry is None:
            raise RuleBroken("This person is not on the series' standing roster.")
        series = self.workshop(self.participant(participant_id).workshop_id).series
        return self.remove_series_person(series, str(entry))

    # -- inside other changes' transactions --------------------------------------------------------

    def copy_series_roster(self, db, workshop_id: int, series: str) -> int:
        """List the series' standing roster in a new workshop (not marked as here); how many were listed."""
        people = self._rows("SELECT * FROM series_people WHERE series = ? ORDER BY id", (series,))
        for person in people:
            db.execute(
                "INSERT INTO participants (workshop_id, name, perspectives, attribution, support_needs, "
                "series_person_id) VALUES (?, ?, ?, ?, ?, ?)",
                (workshop_id, *(person[key] for key in _COPIED), person["id"]),
            )
        return len(people)

    def roster_follows(self, db, participant_id: int, values: dict[str, Any]) -> None:
        """A roster person's new choice, made in one workshop: the standing roster and the series'
        workshops still planned after this one follow; earlier workshops keep what they recorded."""
        row = self._row(
            "SELECT p.series_person_id AS entry, w.series, w.date, w.id FROM participants p "
            "JOIN workshops w ON w.id = p.workshop_id "
            "JOIN series_people s ON s.id = p.series_person_id WHERE p.id = ?",
            (participant_id,),
        )
        if row is None:
            return
        changed = {key: values[key] for key in _COPIED if key in values}
        sets = ", ".join(f"{key} = :{key}" for key in changed)
        db.execute(f"UPDATE series_people SET {sets} WHERE id = :entry", {**changed, "entry": row["entry"]})
        db.execute(
            f"UPDATE participants SET {sets} WHERE series_person_id = :entry AND id != :me AND workshop_id IN "
            "(SELECT id FROM workshops WHERE series = :series AND status = 'planned' "
            "AND (date > :date OR (date = :date AND id > :workshop)))",
            {**changed, "entry": row["entry"], "me": participant_id, "series": row["series"], "date": row["date"],
             "workshop": row["id"]},
        )  # fmt: skip


def _json(perspectives) -> str:
    import json

    return json.dumps([p.value if hasattr(p, "value") else p for p in perspectives])
