"""What a published copy (``facilitator publish``) may hold: an allow-list of tables and columns.

Nothing is copied from the working database by name: every table and every column of the
published file is listed here, so a table added to the working schema later (a roster, a setting,
anything private) never reaches a published copy unless it is added here on purpose. No table of
people, votes, passes, phones, join codes or web servers is listed, and no column holds a person's
id, a support need or a time of day someone said something.

``Writer`` writes rows into a new file, giving each row a new id and following the links
(``FOREIGN``) between tables; the same code publishes from a working database and merges several
published files (``publish --merge``), where workshop uids keep workshops from different
computers apart. ``finish`` adds the full-text indexes (``content=`` tables, so Datasette shows its
search box) and ``metadata`` gives Datasette's titles, descriptions, facets and hidden tables.
"""

from __future__ import annotations

import sqlite3
from typing import Any

# table -> columns (name, SQL type), in order; "id" first. Each table is written in this order.
TABLES: dict[str, list[tuple[str, str]]] = {
    "workshops": [("id", "INTEGER PRIMARY KEY"), ("uid", "TEXT NOT NULL UNIQUE"), ("title", "TEXT"),
                  ("purpose", "TEXT"), ("date", "TEXT"), ("place", "TEXT"), ("involvement", "TEXT"),
                  ("series", "TEXT"), ("status", "TEXT"), ("people_present", "INTEGER"),
                  ("published_at", "TEXT")],
    "themes": [("id", "INTEGER PRIMARY KEY"), ("workshop_id", "INTEGER NOT NULL"), ("name", "TEXT"),
               ("ideas", "INTEGER"), ("dots", "INTEGER")],
    "ideas": [("id", "INTEGER PRIMARY KEY"), ("workshop_id", "INTEGER NOT NULL"), ("theme_id", "INTEGER"),
              ("stage", "TEXT"), ("text", "TEXT"), ("said_by", "TEXT"), ("dots", "INTEGER")],
    "decisions": [("id", "INTEGER PRIMARY KEY"), ("uid", "TEXT NOT NULL UNIQUE"), ("workshop_id", "INTEGER NOT NULL"),
                  ("series", "TEXT"), ("workshop_date", "TEXT"), ("statement", "TEXT"), ("rationale", "TEXT"),
                  ("method", "TEXT"), ("decided_by", "TEXT"), ("status", "TEXT"), ("review_date", "TEXT"),
                  ("people_present", "INTEGER"), ("supersedes_id", "INTEGER"), ("superseded_by_id", "INTEGER")],
    # Changes after the day (decision_history.py), on the day they were made; never who made them.
    "decision_history": [("id", "INTEGER PRIMARY KEY"), ("decision_id", "INTEGER NOT NULL"), ("at", "TEXT"),
                         ("kind", "TEXT"), ("old", "TEXT"), ("new", "TEXT"), ("note", "TEXT")],
    "decision_ideas": [("id", "INTEGER PRIMARY KEY"), ("decision_id", "INTEGER NOT NULL"), ("idea_id", "INTEGER"),
                       ("theme_id", "INTEGER")],
    "dissent": [("id", "INTEGER PRIMARY KEY"), ("decision_id", "INTEGER NOT NULL"), ("who", "TEXT"), ("text", "TEXT")],
    "actions": [("id", "INTEGER PRIMARY KEY"), ("workshop_id", "INTEGER NOT NULL"), ("decision_id", "INTEGER"),
                ("series", "TEXT"), ("what", "TEXT"), ("owner", "TEXT"), ("due_date", "TEXT"), ("status", "TEXT")],
    "action_updates": [("id", "INTEGER PRIMARY KEY"), ("action_id", "INTEGER NOT NULL"), ("date", "TEXT"),
                       ("status", "TEXT"), ("note", "TEXT")],
    "you_said_we_did": [("id", "INTEGER PRIMARY KEY"), ("workshop_id", "INTEGER NOT NULL"), ("said", "TEXT"),
                        ("done", "TEXT"), ("status", "TEXT"), ("reason", "TEXT"),
                        ("raised_at_workshop_id", "INTEGER")],
    # Changes to a followed-up action or item (follow_up.py), dated (the day only), in which workshop
    # (when that one is published too); never who made them.
    "follow_up_history": [("id", "INTEGER PRIMARY KEY"), ("action_id", "INTEGER"), ("you_said_we_did_id", "INTEGER"),
                          ("in_workshop_id", "INTEGER"), ("at", "TEXT"), ("change", "TEXT")],
}  # fmt: skip
# table -> {column: (the table it points to, required)}. A row whose required link is not in the
# new file (its workshop was left out, or kept from another file) is left out too.
FOREIGN: dict[str, dict[str, tuple[str, bool]]] = {
    "themes": {"workshop_id": ("workshops", True)},
    "ideas": {"workshop_id": ("workshops", True), "theme_id": ("themes", False)},
    "decisions": {"workshop_id": ("workshops", True)},
    "decision_ideas": {"decision_id": ("decisions", True), "idea_id": ("ideas", False), "theme_id": ("themes", False)},
    "dissent": {"decision_id": ("decisions", True)},
    "actions": {"workshop_id": ("workshops", True), "decision_id": ("decisions", False)},
    "action_updates": {"action_id": ("actions", True)},
    "you_said_we_did": {"workshop_id": ("workshops", True), "raised_at_workshop_id": ("workshops", False)},
    "decision_history": {"decision_id": ("decisions", True)},
    "follow_up_history": {"action_id": ("actions", False), "you_said_we_did_id": ("you_said_we_did", False),
                          "in_workshop_id": ("workshops", False)},
}
# table -> links of which at least one must be in the new file, or the row is left out.
ONE_OF = {"follow_up_history": ("action_id", "you_said_we_did_id")}
# Links within a table, filled in once the whole table is written.
SELF_LINKS = {"decisions": ("supersedes_id", "superseded_by_id")}
# What Datasette's search box looks in.
SEARCHABLE = {
    "decisions": ["statement", "rationale", "decided_by"], "ideas": ["text"], "themes": ["name"],
    "actions": ["what", "owner"], "action_updates": ["note"], "you_said_we_did": ["said", "done", "reason"],
    "decision_history": ["old", "new", "note"], "follow_up_history": ["change"],
}  # fmt: skip
LABELS = {"workshops": "title", "themes": "name", "decisions": "statement", "actions": "what", "ideas": "text"}


def create_schema(conn: sqlite3.Connection) -> None:
    for table, columns in TABLES.items():
        parts = [f"{name} {kind}" for name, kind in columns]
        for column, (target, _required) in FOREIGN.get(table, {}).items():
            parts.append(f"FOREIGN KEY ({column}) REFERENCES {target}(id)")
        for column in SELF_LINKS.get(table, ()):
            parts.append(f"FOREIGN KEY ({column}) REFERENCES {table}(id)")
        conn.execute(f"CREATE TABLE {table} ({', '.join(parts)})")


class Writer:
    """Adds rows to a new published file, each with a new id; follows links by the old ids."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.new_ids: dict[tuple[str, str, int], int] = {}  # (source, table, old id) -> new id
        self.self_links: list[tuple[str, str, int, str, int]] = []  # (source, table, old id, column, old target)
        self.uids = {uid for (uid,) in conn.execute("SELECT uid FROM workshops")}

    def add(self, source: str, table: str, row: dict[str, Any]) -> int | None:
        """Write ``row`` (with its old ``id``); None when it is left out (a link it needs is not here)."""
        values = {name: row.get(name) for name, _kind in TABLES[table] if name != "id"}
        if table == "workshops":
            if values["uid"] in self.uids:
                return None
            self.uids.add(values["uid"])
        for column, (target, required) in FOREIGN.get(table, {}).items():
            old = values[column]
            values[column] = None if old is None else self.new_ids.get((source, target, old))
            if required and values[column] is None:
                return None
        if table in ONE_OF and all(values[column] is None for column in ONE_OF[table]):
            return None
        for column in SELF_LINKS.get(table, ()):
            if values[column] is not None:
                self.self_links.append((source, table, row["id"], column, values[column]))
            values[column] = None
        names = list(values)
        cursor = self.conn.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [values[name] for name in names],
        )
        self.new_ids[(source, table, row["id"])] = cursor.lastrowid
        return cursor.lastrowid

    def finish(self) -> None:
        """Fill in links within a table, then add the search indexes."""
        for source, table, old_id, column, old_target in self.self_links:
            new_id, target = self.new_ids.get((source, table, old_id)), self.new_ids.get((source, table, old_target))
            if new_id is not None and target is not None:
                self.conn.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", (target, new_id))
        for table, columns in SEARCHABLE.items():
            # A content= table (an index over the table's own rows) is what Datasette looks for.
            listed = ", ".join(columns)
            self.conn.execute(
                f"CREATE VIRTUAL TABLE {table}_fts USING fts5({listed}, content=\"{table}\", content_rowid='id', "
                "tokenize='unicode61 remove_diacritics 2')"
            )
            self.conn.execute(f"INSERT INTO {table}_fts (rowid, {listed}) SELECT id, {listed} FROM {table}")
        for table, columns in TABLES.items():
            if table != "workshops" and "workshop_id" in dict(columns):
                self.conn.execute(f"CREATE INDEX {table}_workshop ON {table}(workshop_id)")


def metadata(database_name: str) -> dict[str, Any]:
    """Datasette's metadata for a published file served as ``database_name`` (its file name's stem)."""
    hidden = {f"{table}_fts{part}": {"hidden": True}
              for table in SEARCHABLE for part in ("", "_data", "_idx", "_docsize", "_config")}  # fmt: skip
    tables = {
        "workshops": {"title": "Workshops", "description": "Each workshop: what it was for, when, where, "
                      "which kind of involvement it was, and how many people took part.",
                      "facets": ["series", "involvement", "status"], "sort_desc": "date", "label_column": "title"},
        "decisions": {"title": "Decisions", "description": "What each workshop decided and why, how, who "
                      "decides, and when it is due for review. Search looks in the decision, its reasons and "
                      "who decides.", "facets": ["status", "series", {"date": "review_date"}],
                      "sort_desc": "workshop_date", "label_column": "statement"},
        "ideas": {"title": "Ideas", "description": "What people said, shown as each person chose in the "
                  "minutes: by name, by perspective, or not at all. Dots are totals from votes already "
                  "revealed.", "facets": ["said_by"], "label_column": "text"},
        "themes": {"title": "Themes", "description": "How ideas were grouped.", "label_column": "name"},
        "actions": {"title": "Actions", "description": "What was agreed would be done, by whom and by when.",
                    "facets": ["status", "series"], "sort": "due_date", "label_column": "what"},
        "action_updates": {"title": "Action updates", "description": "What happened to each action, by date."},
        "you_said_we_did": {"title": "You said, we did", "description": "Every piece of feedback and its "
                            "reply: what was done, what is in progress, or why it was not possible.",
                            "facets": ["status"]},
        "dissent": {"title": "Dissent", "description": "Disagreement recorded with a decision, attributed as "
                    "in the minutes."},
        "decision_history": {"title": "Decision history", "description": "Each decision reviewed or changed "
                             "after the day it was made: a new status, review date or wording, or a review, with "
                             "what it was before and after, and the day (who made the change is not published).",
                             "facets": ["kind", {"date": "at"}], "sort_desc": "at"},
        "follow_up_history": {"title": "Follow-up history", "description": "Each change to an action or a "
                              "\u201cYou said, we did\u201d reply as it was followed up, on which day and at which "
                              "workshop (who made the change is not published).",
                              "facets": [{"date": "at"}], "sort_desc": "at"},
        "decision_ideas": {"title": "Ideas behind each decision", "hidden": True},
    }  # fmt: skip
    return {
        "title": "Workshop decisions",
        "description": "A published copy of co-production workshops: decisions, ideas, actions and "
                       "\u201cYou said, we did\u201d replies. People appear only as they chose in the minutes; "
                       "support needs, votes by person and anything still secret are not in this file.",
        "databases": {database_name: {"tables": {**tables, **hidden}}},
    }
