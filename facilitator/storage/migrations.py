"""The database schema, as ``sqlite_utils.Migrations`` steps.

Never edit a step once it has landed: add a new one. Each step runs in its own
``BEGIN IMMEDIATE`` transaction (see ``apply``), so two terminals opening a fresh file at the
same moment cannot both run it, and a step that fails leaves nothing behind.
"""

from __future__ import annotations

import sqlite_utils

from facilitator.domain.errors import StorageError

migrations = sqlite_utils.Migrations("facilitator")


@migrations()
def m001_workshop_record(db: sqlite_utils.Database) -> None:
    for statement in _M001.split(";\n"):
        if statement.strip():
            db.execute(statement)


_M001 = """
CREATE TABLE workshops (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '',
    involvement TEXT NOT NULL DEFAULT 'co-production',
    series TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'planned',
    agenda_name TEXT NOT NULL DEFAULT '',
    current_stage_id INTEGER,
    created_at TEXT NOT NULL,
    ended_at TEXT
);
CREATE INDEX workshops_date ON workshops(date, id);
CREATE INDEX workshops_series ON workshops(series);
CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    perspectives TEXT NOT NULL DEFAULT '[]',
    attribution TEXT NOT NULL DEFAULT 'perspective',
    support_needs TEXT NOT NULL DEFAULT '',
    arrived_at TEXT,
    left_at TEXT,
    forgotten INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX participants_workshop ON participants(workshop_id);
CREATE TABLE stages (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    planned_minutes INTEGER NOT NULL,
    settings TEXT NOT NULL DEFAULT '{}',
    started_at TEXT,
    ended_at TEXT,
    timer_status TEXT NOT NULL DEFAULT 'not started',
    timer_left_seconds REAL NOT NULL DEFAULT 0,
    timer_changed_at REAL,
    revealed INTEGER NOT NULL DEFAULT 0,
    vote_budget INTEGER,
    UNIQUE (workshop_id, position)
);
CREATE TABLE stage_events (
    id INTEGER PRIMARY KEY,
    stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    seconds REAL NOT NULL DEFAULT 0
);
CREATE INDEX stage_events_stage ON stage_events(stage_id);
CREATE TABLE themes (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    stage_id INTEGER REFERENCES stages(id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX themes_workshop ON themes(workshop_id);
CREATE TABLE ideas (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    said_by INTEGER REFERENCES participants(id) ON DELETE SET NULL,
    anonymous INTEGER NOT NULL DEFAULT 0,
    typed_by TEXT NOT NULL DEFAULT '',
    theme_id INTEGER REFERENCES themes(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    withdrawn INTEGER NOT NULL DEFAULT 0,
    CHECK (anonymous = 0 OR said_by IS NULL)
);
CREATE INDEX ideas_stage ON ideas(stage_id, id);
CREATE INDEX ideas_workshop ON ideas(workshop_id, id);
CREATE INDEX ideas_theme ON ideas(theme_id);
CREATE TABLE votes (
    id INTEGER PRIMARY KEY,
    stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE,
    -- NULL only for dots imported from a secret vote, where who gave them is never exported.
    participant_id INTEGER REFERENCES participants(id),
    candidate_kind TEXT NOT NULL CHECK (candidate_kind IN ('theme', 'idea')),
    candidate_id INTEGER NOT NULL,
    entered_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX votes_stage_person ON votes(stage_id, participant_id);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    stage_id INTEGER REFERENCES stages(id) ON DELETE SET NULL,
    statement TEXT NOT NULL,
    rationale TEXT NOT NULL DEFAULT '',
    method TEXT NOT NULL DEFAULT 'consensus',
    decided_by TEXT NOT NULL DEFAULT '',
    present TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL DEFAULT 'agreed',
    supersedes_id INTEGER REFERENCES decisions(id) ON DELETE SET NULL,
    superseded_by_id INTEGER REFERENCES decisions(id) ON DELETE SET NULL,
    review_date TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX decisions_workshop ON decisions(workshop_id);
CREATE INDEX decisions_created ON decisions(created_at, id);
CREATE TABLE decision_links (
    id INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    idea_id INTEGER REFERENCES ideas(id) ON DELETE CASCADE,
    theme_id INTEGER REFERENCES themes(id) ON DELETE CASCADE
);
CREATE INDEX decision_links_decision ON decision_links(decision_id);
CREATE TABLE dissents (
    id INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions(id) ON DELETE CASCADE,
    participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
    text TEXT NOT NULL
);
CREATE INDEX dissents_decision ON dissents(decision_id);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    decision_id INTEGER REFERENCES decisions(id) ON DELETE SET NULL,
    what TEXT NOT NULL,
    owner_participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
    owner_text TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    status TEXT NOT NULL DEFAULT 'open',
    created_at TEXT NOT NULL
);
CREATE INDEX actions_workshop ON actions(workshop_id);
CREATE INDEX actions_status_due ON actions(status, due_date);
CREATE TABLE action_updates (
    id INTEGER PRIMARY KEY,
    action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX action_updates_action ON action_updates(action_id);
CREATE TABLE feedback_items (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    stage_id INTEGER REFERENCES stages(id) ON DELETE SET NULL,
    said TEXT NOT NULL,
    done TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'planned',
    reason TEXT NOT NULL DEFAULT '',
    source_workshop_id INTEGER REFERENCES workshops(id) ON DELETE SET NULL,
    CHECK (status <> 'not possible' OR reason <> '')
);
CREATE INDEX feedback_workshop ON feedback_items(workshop_id);
CREATE TABLE values_scores (
    id INTEGER PRIMARY KEY,
    workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
    stage_id INTEGER REFERENCES stages(id) ON DELETE SET NULL,
    value TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5)
);
CREATE INDEX values_scores_workshop ON values_scores(workshop_id)
"""


@migrations()
def m002_decision_search(db: sqlite_utils.Database) -> None:
    # One row per decision: its statement, rationale and the text of the ideas behind it.
    # Kept up to date by the store whenever a decision or its links change.
    db.execute(
        "CREATE VIRTUAL TABLE decision_search USING fts5("
        "statement, rationale, ideas, tokenize = 'unicode61 remove_diacritics 2')"
    )


@migrations()
def m003_register_search_speed(db: sqlite_utils.Database) -> None:
    # The register searches as a person types, so one- to three-letter prefixes must be fast:
    # FTS5 prefix indexes make "s*" a single doclist read instead of merging every word that
    # starts with s (measured on 100,000 decisions: the first page for "s" from about 90 ms to
    # 16 ms). Same columns and rowids (= decision ids), so the store's indexing is unchanged.
    db.execute(
        "CREATE VIRTUAL TABLE decision_search_new USING fts5("
        "statement, rationale, ideas, tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')"
    )
    db.execute(
        "INSERT INTO decision_search_new (rowid, statement, rationale, ideas) "
        "SELECT rowid, statement, rationale, ideas FROM decision_search"
    )
    db.execute("DROP TABLE decision_search")
    db.execute("ALTER TABLE decision_search_new RENAME TO decision_search")
    # "Due for review" looks decisions up by review date.
    db.execute("CREATE INDEX decisions_review ON decisions(review_date) WHERE review_date IS NOT NULL")


@migrations()
def m004_register_status_index(db: sqlite_utils.Database) -> None:
    # The register filters by status newest first; without this, "deferred" decisions among
    # 100,000 are found by reading every decision (measured: 240 ms; with it, a few ms).
    db.execute("CREATE INDEX decisions_status_created ON decisions(status, created_at, id)")


@migrations()
def m005_passes(db: sqlite_utils.Database) -> None:
    # The right to pass in an ideas round: who said "pass", so the facilitator stops coming back
    # to them. Private to the live workshop: never in the minutes or the exports (a right to
    # pass must not be scrutinised later). One row per person and stage; removing the person
    # or the stage removes it.
    db.execute(
        "CREATE TABLE passes ("
        "id INTEGER PRIMARY KEY, "
        "stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE, "
        "participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE, "
        "passed_at TEXT NOT NULL, "
        "UNIQUE (stage_id, participant_id))"
    )
    db.execute("CREATE INDEX passes_participant ON passes(participant_id)")



@migrations()
def m006_phones(db: sqlite_utils.Database) -> None:
    # Participants taking part from their own phones (facilitator serve). All of it is private
    # to the live workshop: never in the minutes, the exports or a published copy.
    # One join code per workshop; a new code logs every device out (its devices are deleted).
    db.execute(
        "CREATE TABLE join_codes ("
        "workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE, "
        "code TEXT NOT NULL, "
        "changed_at TEXT NOT NULL)"
    )
    # A phone that typed the code. The cookie holds a random token; only its SHA-256 is kept,
    # so a copy of the file cannot be used to act as someone's phone. A person (a name on the
    # roster) is taken by at most one device at a time: the UNIQUE index, not only the page.
    db.execute(
        "CREATE TABLE devices ("
        "id INTEGER PRIMARY KEY, "
        "workshop_id INTEGER NOT NULL REFERENCES workshops(id) ON DELETE CASCADE, "
        "token_hash TEXT NOT NULL UNIQUE, "
        "participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL, "
        "joined_at TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX devices_workshop ON devices(workshop_id)")
    db.execute("CREATE UNIQUE INDEX devices_participant ON devices(participant_id) WHERE participant_id IS NOT NULL")
    # Who has sent their check-out from a phone, so a person scores once; never what they scored
    # (the scores themselves stay in values_scores with no person). WITHOUT ROWID: the rows are
    # kept in the order of the key, not the order people sent them, so this list cannot be lined
    # up with the scores (which are kept in the order they came) to tell who gave which.
    db.execute(
        "CREATE TABLE checkouts_sent ("
        "stage_id INTEGER NOT NULL REFERENCES stages(id) ON DELETE CASCADE, "
        "participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE, "
        "PRIMARY KEY (stage_id, participant_id)) WITHOUT ROWID"
    )
    # The participants' web page that is running for a workshop, so the run screen's Join panel
    # can show its address whichever terminal started it. Removed when the server stops; a row
    # left by a killed server is recognised by its process being gone.
    db.execute(
        "CREATE TABLE web_servers ("
        "workshop_id INTEGER PRIMARY KEY REFERENCES workshops(id) ON DELETE CASCADE, "
        "address TEXT NOT NULL, "
        "local_only INTEGER NOT NULL, "
        "pid INTEGER NOT NULL, "
        "host TEXT NOT NULL, "
        "started_at TEXT NOT NULL)"
    )

from facilitator.storage.schema_follow_up import m035_linked_follow_up, m036_decision_history
from facilitator.storage.schema_kinds import m025_ladder_score_checkin
from facilitator.storage.schema_pack import m010_invitation_fields, m011_recognition
from facilitator.storage.schema_privacy import m040_series_people_and_erasures
from facilitator.storage.schema_replan import m020_replanning
from facilitator.storage.schema_search import m045_search_everything

# Later steps live beside what they are for and run in this order (their numbers). One line each:
# first_page.py reads the step names from these lines.
migrations()(m010_invitation_fields)
migrations()(m011_recognition)
migrations()(m020_replanning)
migrations()(m025_ladder_score_checkin)
migrations()(m035_linked_follow_up)
migrations()(m036_decision_history)
migrations()(m040_series_people_and_erasures)
migrations()(m045_search_everything)

KNOWN = [m.name for m in migrations._migrations]


def apply(database) -> None:
    """Apply pending steps, one ``BEGIN IMMEDIATE`` transaction each; refuse a newer database."""
    db = database.db
    applied = {m.name for m in migrations.applied(db)}
    unknown = applied - set(KNOWN)
    if unknown:
        raise StorageError(
            f"{database.path}: this database was written by a newer version of facilitator; "
            "please upgrade facilitator to open it."
        )
    if len(applied) == len(KNOWN):
        return
    while True:
        with database.write():
            pending = migrations.pending(db)
            if not pending:
                return
            later = [m.name for m in pending[1:]]
            # Inside our transaction sqlite-utils nests the step in a savepoint.
            migrations.apply(db, stop_before=later or None)
