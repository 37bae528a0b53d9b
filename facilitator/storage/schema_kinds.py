"""Schema step m025: the ladder, score and checkin stages (registered in ``migrations.py``).

Who placed where, who gave which mark and who said which word are private to the live workshop:
never in the minutes, the exports or a published copy. What the record keeps is ``stages.results``,
written at the reveal: counts per rung, marks with no names, moderations, counts of words.
"""

from __future__ import annotations

import sqlite_utils


def m025_ladder_score_checkin(db: sqlite_utils.Database) -> None:
    db.execute("ALTER TABLE stages ADD COLUMN results TEXT NOT NULL DEFAULT '{}'")
    # One placement per person and ladder stage; rungs are 1 (the lowest) upwards.
    db.execute(
        "CREATE TABLE ladder_placements ("
        "stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE, "
        "participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE, "
        "now_rung INTEGER NOT NULL CHECK (now_rung >= 1), "
        "want_rung INTEGER NOT NULL CHECK (want_rung >= 1), "
        "entered_by TEXT NOT NULL DEFAULT '', "
        "placed_at TEXT NOT NULL, "
        "PRIMARY KEY (stage_id, participant_id)) WITHOUT ROWID"
    )
    # One mark per panel member, candidate and criterion (0-based positions in the stage's settings).
    db.execute(
        "CREATE TABLE score_marks ("
        "stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE, "
        "participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE, "
        "candidate INTEGER NOT NULL, "
        "criterion INTEGER NOT NULL, "
        "score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 5), "
        "entered_by TEXT NOT NULL DEFAULT '', "
        "PRIMARY KEY (stage_id, participant_id, candidate, criterion)) WITHOUT ROWID"
    )
    # The panel's moderated score for one candidate on one criterion, and why.
    db.execute(
        "CREATE TABLE score_moderations ("
        "stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE, "
        "candidate INTEGER NOT NULL, "
        "criterion INTEGER NOT NULL, "
        "score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 5), "
        "reason TEXT NOT NULL, "
        "at TEXT NOT NULL, "
        "PRIMARY KEY (stage_id, candidate, criterion)) WITHOUT ROWID"
    )
    # A word or a colour, arriving or leaving; the person is kept only for the facilitator's quiet
    # prompt when someone leaves low, and only while the workshop is live (never exported).
    db.execute(
        "CREATE TABLE checkins ("
        "stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE, "
        "participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE, "
        "moment TEXT NOT NULL CHECK (moment IN ('arriving', 'leaving')), "
        "answer TEXT NOT NULL, "
        "PRIMARY KEY (stage_id, participant_id, moment)) WITHOUT ROWID"
    )
