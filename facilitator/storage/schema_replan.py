"""Schema step m020: re-planning a workshop while it runs, every change logged (issue 13).

Registered in migrations.py with one line, ``migrations()(m020_replanning)``.
"""

from __future__ import annotations

import sqlite_utils


def m020_replanning(db: sqlite_utils.Database) -> None:
    # Re-planning a workshop while it runs, every change logged. The log is stage_events (each
    # row has its time), which the minutes and the exports already carry; a change keeps its
    # plain sentence in ``note`` ("Shortened from 20 to 15 minutes"). A stage can be skipped,
    # moved to the next workshop ('carried') or put on the list to carry ('to carry'), and keeps
    # the minutes it was first planned with once they change (0: added while the workshop ran).
    db.execute("ALTER TABLE stage_events ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE stages ADD COLUMN plan_state TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE stages ADD COLUMN first_planned_minutes INTEGER")
