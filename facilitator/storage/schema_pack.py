"""Schema steps for the invitation pack and recognising people's time (m010, m011).

Registered in ``migrations.py`` with one line each. Never edit a step once it has landed.
"""

from __future__ import annotations

import sqlite_utils

# The invitation pack's facts about a workshop. Access fields are optional text: "yes", "no", or
# what a person needs to know ("ramp at the side door"). Blank means "not said".
_WORKSHOP_COLUMNS = (
    "start_time TEXT",  # "HH:MM", the clock time the first stage starts
    "step_free TEXT NOT NULL DEFAULT ''",
    "hearing_loop TEXT NOT NULL DEFAULT ''",
    "quiet_room TEXT NOT NULL DEFAULT ''",
    "bus_stop TEXT NOT NULL DEFAULT ''",
    "access_notes TEXT NOT NULL DEFAULT ''",
    "contact_name TEXT NOT NULL DEFAULT ''",
    "contact_details TEXT NOT NULL DEFAULT ''",  # a phone number or email, as text
    "time_recognised TEXT NOT NULL DEFAULT ''",  # "You will be paid £15 an hour, and travel."
    "hourly_rate_pence INTEGER CHECK (hourly_rate_pence IS NULL OR hourly_rate_pence >= 0)",  # NULL: the series'
)


def m010_invitation_fields(db: sqlite_utils.Database) -> None:
    for column in _WORKSHOP_COLUMNS:
        db.execute(f"ALTER TABLE workshops ADD COLUMN {column}")


def m011_recognition(db: sqlite_utils.Database) -> None:
    # A series' rate, rounding and currency, by the series' name (workshops.series).
    db.execute(
        "CREATE TABLE series_settings ("
        "series TEXT PRIMARY KEY, "
        "hourly_rate_pence INTEGER CHECK (hourly_rate_pence IS NULL OR hourly_rate_pence >= 0), "
        "rounding_minutes INTEGER NOT NULL DEFAULT 30 CHECK (rounding_minutes BETWEEN 0 AND 240), "
        "currency TEXT NOT NULL DEFAULT '\u00a3')"
    )
    # How one person is recognised for one workshop. Private: never in minutes, nor in exports
    # without --include-private. Keyed on the participant (one row each) and holding no copy of
    # their name, so forgetting a person reaches it; removing them removes it.
    db.execute(
        "CREATE TABLE recognition ("
        "participant_id INTEGER PRIMARY KEY REFERENCES participants(id) ON DELETE CASCADE, "
        "kind TEXT NOT NULL CHECK (kind IN ('paid', 'voucher', 'declined', 'donated')), "
        "donated_to TEXT NOT NULL DEFAULT '', "
        "amount_pence INTEGER CHECK (amount_pence IS NULL OR amount_pence >= 0), "
        "travel_pence INTEGER NOT NULL DEFAULT 0 CHECK (travel_pence >= 0), "
        "care_pence INTEGER NOT NULL DEFAULT 0 CHECK (care_pence >= 0), "
        "other_pence INTEGER NOT NULL DEFAULT 0 CHECK (other_pence >= 0), "
        "other_note TEXT NOT NULL DEFAULT '', "
        "recorded_at TEXT NOT NULL)"
    )
