"""Schema step m020: re-planning a workshop while it runs, with every change logged.

The log is ``stage_events`` (each row has its time), which the minutes and the exports already
carry; a change now also keeps its plain sentence (``note``: "Shortened from 20 to 15 minutes").
A stage can be skipped, moved to the next workshop in the series, or put on the list to carry
(``plan_state``), and keeps the minutes it was first planned with once they change
(``first_planned_minutes``; 0 for a stage added while the workshop ran).
"""

from __future__ import annotations

import sqlite_utils


def m020_replanning(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE stage_events ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    # '' (as planned), 'skipped', 'carried' (added to the next workshop) or 'to carry' (no next
    # workshop planned yet: on the list to carry).
    db.execute("ALTER TABLE stages ADD COLUMN plan_state TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE stages ADD COLUMN first_planned_minutes INTEGER")
