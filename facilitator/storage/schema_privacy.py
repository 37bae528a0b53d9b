"""Schema steps of the privacy work (m040-m044): a series' standing roster, and the dated notes
that record an erasure happened (never whom it was about).

Registered in ``migrations.py`` with one line each; plain functions, so they never change once landed.
"""

from __future__ import annotations

import sqlite_utils


def m040_series_people_and_erasures(db: sqlite_utils.Database) -> None:
    # The standing roster of a series (workshops share a series by its name): the people who come
    # every time, with their perspectives, how they choose to be shown and their support needs.
    # A new workshop in the series starts with them listed (not marked as here); each workshop
    # keeps its own copy in ``participants``, so a later change never rewrites past minutes.
    db.execute(
        "CREATE TABLE series_people ("
        "id INTEGER PRIMARY KEY, "
        "series TEXT NOT NULL, "
        "name TEXT NOT NULL, "
        "perspectives TEXT NOT NULL DEFAULT '[]', "
        "attribution TEXT NOT NULL DEFAULT 'perspective', "
        "support_needs TEXT NOT NULL DEFAULT '', "
        "added_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX series_people_series ON series_people(series, name)")
    # Which roster entry a workshop's participant was copied from (NULL: added to this workshop only).
    db.execute(
        "ALTER TABLE participants ADD COLUMN series_person_id INTEGER "
        "REFERENCES series_people(id) ON DELETE SET NULL"
    )
    db.execute("CREATE INDEX participants_series_person ON participants(series_person_id)")
    # "An erasure happened on this day": forgetting a person, or the retention limit. Never the name.
    db.execute(
        "CREATE TABLE erasures ("
        "id INTEGER PRIMARY KEY, "
        "at TEXT NOT NULL, "
        "kind TEXT NOT NULL CHECK (kind IN ('forget', 'retention')), "
        "note TEXT NOT NULL)"
    )
