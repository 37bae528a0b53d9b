"""The schema step for "has anyone raised this before?": one full-text index over what was said.

``record_search`` is an FTS5 table over every idea, theme, decision, action, action update and
"You said, we did" item, in every workshop. It is *contentless* (``content=''``): the text stays
in its own table and only the index is kept, so a million ideas are not stored twice. Each row's
rowid says what it is: ``id * 8 + kind`` (``KINDS``), so a hit is found again with one lookup.

Triggers keep it in step with every writer (the app, the phones' server, imports, the CLI): an
insert adds the row, a change of the text replaces it, a delete (cascades included) removes it.
A contentless table forgets the text, so removing a row gives FTS5 the old text ("delete").
Words are matched by their stem (the porter tokenizer): "pet" finds "pets", "taxis" finds "taxi".
"""

from __future__ import annotations

# kind number -> (table, the SQL of its searchable text, with {r} the row alias: new or old)
KINDS: dict[int, tuple[str, str]] = {
    1: ("ideas", "{r}.text"),
    2: ("themes", "{r}.name"),
    3: ("decisions", "{r}.statement || ' ' || {r}.rationale"),
    4: ("actions", "{r}.what"),
    5: ("action_updates", "{r}.note"),
    6: ("feedback_items", "{r}.said || ' ' || {r}.done || ' ' || {r}.reason"),
}
# The columns whose change changes a row's text.
TEXT_COLUMNS = {
    "ideas": "text", "themes": "name", "decisions": "statement, rationale", "actions": "what",
    "action_updates": "note", "feedback_items": "said, done, reason",
}  # fmt: skip
KIND_BITS = 8


def m045_search_everything(db) -> None:
    db.execute(
        "CREATE VIRTUAL TABLE record_search USING fts5(body, content = '', "
        "tokenize = 'porter unicode61 remove_diacritics 2', prefix = '2 3')"
    )
    for kind, (table, text) in KINDS.items():
        new, old = text.format(r="new"), text.format(r="old")
        add = f"INSERT INTO record_search (rowid, body) VALUES (new.id * {KIND_BITS} + {kind}, {new});"
        remove = (f"INSERT INTO record_search (record_search, rowid, body) "
                  f"VALUES ('delete', old.id * {KIND_BITS} + {kind}, {old});")  # fmt: skip
        db.execute(f"CREATE TRIGGER {table}_search_add AFTER INSERT ON {table} BEGIN {add} END")
        db.execute(f"CREATE TRIGGER {table}_search_remove AFTER DELETE ON {table} BEGIN {remove} END")
        db.execute(
            f"CREATE TRIGGER {table}_search_change AFTER UPDATE OF {TEXT_COLUMNS[table]} ON {table} "
            f"BEGIN {remove} {add} END"
        )
        db.execute(
            f"INSERT INTO record_search (rowid, body) SELECT id * {KIND_BITS} + {kind}, "
            f"{text.format(r=table)} FROM {table}"
        )
