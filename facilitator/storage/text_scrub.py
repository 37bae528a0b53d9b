"""Finding a person's name in every free-text column of the database, and replacing it.

The app writes names into free text in many places: who typed an idea, who decided, the words of
a dissent, the owner of an action, an action's update note, a "You said, we did" item, support
needs that mention someone, and whatever tables later work adds. So this reads the schema itself
(every table, every column that can hold text, full-text search tables included) rather than a
list that would go stale. The name columns of the rosters are left to the caller, which matches
them exactly (another person called "Helen Marshall" must keep her name).

``scope``: None for the whole database; otherwise the workshops whose rows may change (rows are
tied to a workshop through workshop_id, decision_id, action_id, stage_id or participant_id;
tables tied to no workshop are left alone). Full-text tables are changed through their own
table, then optimised, so their index keeps no old words.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from facilitator.domain.privacy import name_pattern

# Name columns matched exactly by the caller, never by a phrase inside them.
ROSTER_NAME_COLUMNS = {("participants", "name"), ("series_people", "name")}
_FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")
# How rows of a table are tied to workshops, by the first of these columns it has.
_TIES = {
    "workshop_id": "{column} IN ({ids})",
    "decision_id": "{column} IN (SELECT id FROM decisions WHERE workshop_id IN ({ids}))",
    "action_id": "{column} IN (SELECT id FROM actions WHERE workshop_id IN ({ids}))",
    "stage_id": "{column} IN (SELECT id FROM stages WHERE workshop_id IN ({ids}))",
    "participant_id": "{column} IN (SELECT id FROM participants WHERE workshop_id IN ({ids}))",
}

# Tables tied to workshops in more than one way. A follow-up change belongs to the workshop of its
# action or item, and to the workshop where it was made (none, from the command line); a carried
# item to its workshop and to the earlier one it came from (whose title and words it copies).
_OWN_TIES = {
    "feedback_items": "workshop_id IN ({ids}) OR source_workshop_id IN ({ids})",
    "follow_up_history": "workshop_id IN ({ids}) OR action_id IN (SELECT id FROM actions WHERE workshop_id IN ({ids})) "
    "OR feedback_id IN (SELECT id FROM feedback_items WHERE workshop_id IN ({ids}))",
}


@dataclass(frozen=True)
class TextChange:
    """One column of one row whose text will change."""

    table: str
    column: str
    key: tuple  # the row's rowid, or its primary key in a WITHOUT ROWID table
    before: str
    after: str
    key_columns: tuple[str, ...] = ("rowid",)
    in_search: bool = False  # a full-text table's copy of text changed elsewhere too

    def where(self) -> str:
        """Where the text is, in words: "decided by, decision 5"."""
        label = PLACES.get((self.table, self.column))
        number = ", ".join(map(str, self.key))
        return f"{label} {number}" if label else f"{self.table}.{self.column} (row {number})"


# Plain words for the places the app writes text, by table and column.
PLACES = {
    ("ideas", "text"): "the words of idea",
    ("ideas", "typed_by"): "typed by, idea",
    ("decisions", "statement"): "the words of decision",
    ("decisions", "rationale"): "why, decision",
    ("decisions", "decided_by"): "decided by, decision",
    ("dissents", "text"): "dissent",
    ("actions", "what"): "what to do, action",
    ("actions", "owner_text"): "owner, action",
    ("action_updates", "note"): "note on an action, update",
    ("feedback_items", "said"): "you said, item",
    ("feedback_items", "done"): "we did, item",
    ("feedback_items", "reason"): "why not, item",
    ("feedback_items", "source_workshop_title"): "raised at (the earlier workshop's title), item",
    ("follow_up_history", "changed_by"): "who changed it, follow-up history entry",
    ("follow_up_history", "change"): "what changed, follow-up history entry",
    ("decision_history", "changed_by"): "who changed it, decision history entry",
    ("decision_history", "old"): "what it was before, decision history entry",
    ("decision_history", "new"): "what it became, decision history entry",
    ("decision_history", "note"): "why or review note, decision history entry",
    ("participants", "support_needs"): "support needs, participant",
    ("series_people", "support_needs"): "support needs, standing roster entry",
    ("workshops", "title"): "title, workshop",
    ("workshops", "purpose"): "purpose, workshop",
    ("themes", "name"): "name, theme",
    ("stages", "title"): "title, stage",
    ("stages", "settings"): "question, stage",
}


def _tables(conn: sqlite3.Connection) -> list[tuple[str, bool]]:
    """Every table the app keeps, as (name, is full-text), plain tables first."""
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name"
    ).fetchall()
    fts = {name for name, sql in rows if sql and "VIRTUAL TABLE" in sql.upper() and "FTS" in sql.upper()}
    shadows = {f"{name}{suffix}" for name in fts for suffix in _FTS_SHADOWS}
    plain = [(name, False) for name, sql in rows if name not in fts and name not in shadows]
    return plain + [(name, True) for name in sorted(fts)]


def _text_columns(conn: sqlite3.Connection, table: str) -> tuple[list[str], list[str], tuple[str, ...]]:
    """(columns that may hold text, all column names, the columns that pick out one row)."""
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    names = [row[1] for row in info]
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0] or ""
    keys = tuple(row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]) if "WITHOUT ROWID" in sql.upper() else ()
    text = [row[1] for row in info if not row[2] or "CHAR" in row[2].upper() or "TEXT" in row[2].upper()
            or "CLOB" in row[2].upper()]  # fmt: skip
    return text, names, keys or ("rowid",)


def _scope_clause(table: str, columns: list[str], scope: list[int] | None, fts: bool) -> str | None:
    """A WHERE clause keeping rows of the workshops in ``scope``; None: no row of this table is in scope."""
    if scope is None:
        return "1"
    ids = ", ".join(str(int(i)) for i in scope) or "NULL"
    if table == "workshops":
        return f"id IN ({ids})"
    if fts:  # the app's full-text table is one row per decision, keyed by the decision's id
        return f"rowid IN (SELECT id FROM decisions WHERE workshop_id IN ({ids}))" if table == "decision_search" else None
    if table in _OWN_TIES:
        return _OWN_TIES[table].format(ids=ids)
    for column, clause in _TIES.items():
        if column in columns:
            return clause.format(column=column, ids=ids)
    return None


def find_changes(
    conn: sqlite3.Connection, name: str, replacement: str, *, scope: list[int] | None = None
) -> list[TextChange]:
    """Every piece of free text where ``name`` occurs as a phrase, with what it would become."""
    pattern = name_pattern(name)
    like = "%" + name.split()[0].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    changes: list[TextChange] = []
    for table, fts in _tables(conn):
        text, names, keys = _text_columns(conn, table)
        picked = ", ".join(f'"{key}"' if key != "rowid" else key for key in keys)
        where = _scope_clause(table, names, scope, fts)
        if where is None:
            continue
        for column in text:
            if (table, column) in ROSTER_NAME_COLUMNS:
                continue
            rows = conn.execute(
                f"SELECT {picked}, \"{column}\" FROM \"{table}\" WHERE ({where}) AND \"{column}\" LIKE ? ESCAPE '\\'",
                (like,),
            ).fetchall()
            for *key, value in rows:
                if isinstance(value, str) and pattern.search(value):
                    after = pattern.sub(replacement, value)
                    changes.append(TextChange(table, column, tuple(key), value, after, keys, in_search=fts))
    return changes


def apply_changes(conn: sqlite3.Connection, changes: list[TextChange]) -> None:
    """Write the changes (inside the caller's transaction) and optimise every full-text table."""
    for change in changes:
        where = " AND ".join(f'"{key}" = ?' if key != "rowid" else "rowid = ?" for key in change.key_columns)
        conn.execute(f'UPDATE "{change.table}" SET "{change.column}" = ? WHERE {where}', (change.after, *change.key))
    optimise_search(conn)


def optimise_search(conn: sqlite3.Connection, tables: set[str] | None = None) -> None:
    """Merge each full-text index into one, so words that were replaced leave no trace in it."""
    for table in sorted(tables if tables is not None else {n for n, is_fts in _tables(conn) if is_fts}):
        conn.execute(f'INSERT INTO "{table}" ("{table}") VALUES (\'optimize\')')
