"""Schema steps for follow-up that stays in step (issue 14): carried items linked to what they
came from, their dated history, and the history of decisions amended after the day.

Registered in migrations.py, in number order. Never edit a step once it has landed.
"""

from __future__ import annotations

from datetime import datetime

import sqlite_utils


def m035_linked_follow_up(db: sqlite_utils.Database) -> None:
    # A carried "You said, we did" item is the same item as the action or item it came from: the
    # link, and the origin as it was (so minutes keep "raised at an earlier workshop" in a database
    # without that workshop). Backfilled from the text the earlier versions copied.
    for column in ("source_action_id INTEGER REFERENCES actions(id) ON DELETE SET NULL",
                   "source_item_id INTEGER REFERENCES feedback_items(id) ON DELETE SET NULL",
                   "source_workshop_uid TEXT", "source_workshop_title TEXT NOT NULL DEFAULT ''",
                   "source_workshop_date TEXT NOT NULL DEFAULT ''"):  # fmt: skip
        db.execute(f"ALTER TABLE feedback_items ADD COLUMN {column}")
    db.execute(_M035_BACKFILL)
    db.execute(
        "UPDATE feedback_items SET source_action_id = (SELECT a.id FROM actions a LEFT JOIN decisions d "
        "ON d.id = a.decision_id WHERE a.workshop_id = feedback_items.source_workshop_id AND (a.what = "
        "feedback_items.said OR d.statement || char(10) || 'Action: ' || a.what = feedback_items.said) "
        "ORDER BY a.id LIMIT 1) WHERE source_workshop_id IS NOT NULL"
    )
    db.execute(
        "UPDATE feedback_items SET source_item_id = (SELECT o.id FROM feedback_items o WHERE o.workshop_id = "
        "feedback_items.source_workshop_id AND o.said = feedback_items.said ORDER BY o.id LIMIT 1) "
        "WHERE source_workshop_id IS NOT NULL AND source_action_id IS NULL"
    )
    # Who changed a followed-up item, when, in which workshop, and what changed.
    db.execute(
        "CREATE TABLE follow_up_history (id INTEGER PRIMARY KEY, "
        "action_id INTEGER REFERENCES actions(id) ON DELETE CASCADE, "
        "feedback_id INTEGER REFERENCES feedback_items(id) ON DELETE CASCADE, "
        "workshop_id INTEGER REFERENCES workshops(id) ON DELETE SET NULL, "
        "at TEXT NOT NULL, changed_by TEXT NOT NULL DEFAULT '', change TEXT NOT NULL, "
        "CHECK (action_id IS NOT NULL OR feedback_id IS NOT NULL))"
    )
    db.execute("CREATE INDEX follow_up_history_action ON follow_up_history(action_id)")
    db.execute("CREATE INDEX follow_up_history_feedback ON follow_up_history(feedback_id)")
    db.execute("CREATE INDEX feedback_source_action ON feedback_items(source_action_id)")
    db.execute("CREATE INDEX feedback_source_item ON feedback_items(source_item_id)")
    # An action still open whose carried item was answered later: the later answer was the news.
    at = datetime.now().astimezone().isoformat(timespec="seconds")
    for action_id, item_status, done, reason, workshop_id in db.execute(
        "SELECT a.id, f.status, f.done, f.reason, f.workshop_id FROM actions a JOIN feedback_items f ON f.id = "
        "(SELECT max(id) FROM feedback_items WHERE source_action_id = a.id) WHERE a.status IN ('open', 'in progress')"
    ).fetchall():
        status = {"done": "done", "not possible": "dropped", "in progress": "in progress"}.get(item_status, "open")
        old = db.execute("SELECT status FROM actions WHERE id = ?", (action_id,)).fetchone()[0]
        if status != old:
            note = reason if item_status == "not possible" else done
            db.execute("UPDATE actions SET status = ? WHERE id = ?", (status, action_id))
            db.execute("INSERT INTO action_updates (action_id, at, status, note) VALUES (?, ?, ?, ?)",
                       (action_id, at, status, note))  # fmt: skip
            db.execute("INSERT INTO follow_up_history (action_id, workshop_id, at, change) VALUES (?, ?, ?, ?)",
                       (action_id, workshop_id, at, f"status {old} \u2192 {status}, as its carried item said"))  # fmt: skip


_M035_BACKFILL = (
    "UPDATE feedback_items SET (source_workshop_uid, source_workshop_title, source_workshop_date) = "
    "(SELECT uid, title, date FROM workshops w WHERE w.id = feedback_items.source_workshop_id) "
    "WHERE source_workshop_id IS NOT NULL"
)


def m036_decision_history(db: sqlite_utils.Database) -> None:
    # A decision is amended by adding to its history, never by losing what was recorded at the
    # time: each status change, review date, review and correction, dated, with the old and new.
    db.execute(
        "CREATE TABLE decision_history (id INTEGER PRIMARY KEY, "
        "decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE, "
        "at TEXT NOT NULL, changed_by TEXT NOT NULL DEFAULT '', "
        "kind TEXT NOT NULL CHECK (kind IN ('status', 'review date', 'review', 'correction')), "
        "old TEXT NOT NULL DEFAULT '', new TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '')"
    )
    db.execute("CREATE INDEX decision_history_decision ON decision_history(decision_id, id)")
