"""``facilitator publish``: a separate, sanitised SQLite file to serve with Datasette.

Never the working database: a new file, holding only the tables and columns of
``publish_schema.TABLES``, with every person shown as the minutes show them (``display_name``,
``speaker``): names only for people who chose to be named, "a participant" for anyone who chose
anonymity, "anonymous" for an idea given anonymously. No support needs, no votes by person (only
dot totals, and only from votes already revealed), no passes, no times of day anyone said
anything, no phones, join codes or web servers. Withdrawn ideas, and ideas of a silent round
still hidden in a workshop that is going on, are left out.

The file is written beside its destination under a temporary name and renamed into place, mode
0600, so a half-made copy is never served. ``merge`` puts several published files (from
different computers) into one; a workshop published more than once (the same uid) is kept once,
from the file published last.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from facilitator.domain.attribution import display_name, speaker
from facilitator.domain.errors import StorageError
from facilitator.storage.publish_schema import TABLES, Writer, create_schema
from facilitator.storage.workshops import _clean_date


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except OSError:
        return False


@contextlib.contextmanager
def _new_file(out: Path, refuse: list[Path]) -> Iterator[Writer]:
    """A new published file at ``out``: made under a temporary name, renamed into place when whole."""
    out = Path(out).expanduser()
    if any(_same_file(out, path) for path in refuse):
        raise StorageError(f"{out}: this is a database being read, so it cannot be the published copy; "
                           "give another file name.")  # fmt: skip
    if out.is_dir():
        raise StorageError(f"{out}: this is a folder; give a file name for the published copy.")
    if not out.parent.is_dir():
        raise StorageError(f"{out.parent}: this folder does not exist, so nothing was published.")
    if out.exists():
        # Publishing again replaces an earlier published copy, and nothing else.
        _open_published(out, replacing=True).close()
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        conn = sqlite3.connect(partial, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("BEGIN")
            create_schema(conn)
            writer = Writer(conn)
            yield writer
            writer.finish()
            conn.execute("COMMIT")
            conn.execute("VACUUM")
        finally:
            conn.close()
        os.replace(partial, out)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"{out}: the published copy could not be written ({error}).") from None
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"{out}: the published copy could not be written ({error.strerror or error}).") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def publish(store, out: Path | str, *, series: str | None = None, since: str | None = None) -> dict[str, int]:
    """Write the sanitised copy of the chosen workshops to ``out``; how many rows of each table."""
    clauses, params = [], []
    if series is not None:
        clauses.append("series = ?")
        params.append(series)
    if since:
        clauses.append("date >= ?")
        params.append(_clean_date(since, "start date", store.today()))
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    workshops = store._rows(f"SELECT * FROM workshops {where} ORDER BY date, id", params)
    published_at = store.now_iso()
    refuse = [store.database.path] if store.database.path is not None else []
    with _new_file(Path(out), refuse) as writer:
        for workshop in workshops:
            for table, row in _workshop_rows(store, workshop, published_at):
                writer.add("here", table, row)
        # Once every workshop is in: a change made at a later workshop names it when it is published
        # too. A row whose action or item is not published is left out (publish_schema.ONE_OF).
        for change in store._rows("SELECT id, action_id, feedback_id, workshop_id, at, change "
                                  "FROM follow_up_history ORDER BY id"):  # fmt: skip
            writer.add("here", "follow_up_history", {**change, "you_said_we_did_id": change["feedback_id"],
                                                     "in_workshop_id": change["workshop_id"], "at": _day(change["at"])})
    return _counts(Path(out).expanduser())


def _day(at: str | None) -> str:
    """The day of a change, not its time: a time of day can tell who was in the room."""
    return (at or "")[:10]


def _workshop_rows(store, workshop: dict[str, Any], published_at: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """The rows of one workshop for the published copy, every person as in the minutes."""
    wid = workshop["id"]
    people = {person.id: person for person in store.participants(wid)}
    present = sum(1 for person in people.values() if person.arrived_at is not None)
    totals = store._revealed_dot_totals(wid)

    def dots(kind: str, candidate: int) -> int | None:
        return None if totals is None else totals.get((kind, candidate), 0)

    yield "workshops", {**workshop, "people_present": present, "published_at": published_at}
    for theme in store._rows(
        "SELECT t.id, t.name, (SELECT count(*) FROM ideas i WHERE i.theme_id = t.id AND i.withdrawn = 0) AS ideas "
        "FROM themes t WHERE t.workshop_id = ? ORDER BY t.position, t.id", (wid,),
    ):  # fmt: skip
        yield "themes", {**theme, "workshop_id": wid, "dots": dots("theme", theme["id"])}
    for idea in store._rows(
        "SELECT i.id, i.theme_id, i.text, i.said_by, i.anonymous, s.title AS stage FROM ideas i "
        "JOIN stages s ON s.id = i.stage_id WHERE i.workshop_id = ? AND i.withdrawn = 0 "
        "AND NOT (coalesce(json_extract(s.settings, '$.silent'), 0) AND NOT s.revealed AND ? != 'finished') "
        "ORDER BY i.id", (wid, workshop["status"]),
    ):  # fmt: skip
        yield "ideas", {"id": idea["id"], "workshop_id": wid, "theme_id": idea["theme_id"], "stage": idea["stage"],
                        "text": idea["text"], "said_by": speaker(idea["said_by"], bool(idea["anonymous"]), people),
                        "dots": dots("idea", idea["id"])}  # fmt: skip
    decisions = store._rows("SELECT * FROM decisions WHERE workshop_id = ? ORDER BY id", (wid,))
    for decision in decisions:
        yield "decisions", {**decision, "series": workshop["series"], "workshop_date": workshop["date"],
                            "people_present": len(_json_list(decision["present"]))}  # fmt: skip
    for change in store._rows(
        "SELECT h.id, h.decision_id, h.at, h.kind, h.old, h.new, h.note FROM decision_history h JOIN decisions d "
        "ON d.id = h.decision_id WHERE d.workshop_id = ? ORDER BY h.id", (wid,),
    ):  # fmt: skip
        yield "decision_history", {**change, "at": _day(change["at"])}
    for link in store._rows(
        "SELECT l.id, l.decision_id, l.idea_id, l.theme_id FROM decision_links l JOIN decisions d "
        "ON d.id = l.decision_id WHERE d.workshop_id = ? ORDER BY l.id", (wid,),
    ):  # fmt: skip
        yield "decision_ideas", link
    for dissent in store._rows(
        "SELECT x.id, x.decision_id, x.participant_id, x.text FROM dissents x JOIN decisions d "
        "ON d.id = x.decision_id WHERE d.workshop_id = ? ORDER BY x.id", (wid,),
    ):  # fmt: skip
        who = display_name(people.get(dissent["participant_id"])) if dissent["participant_id"] is not None else ""
        yield "dissent", {"id": dissent["id"], "decision_id": dissent["decision_id"], "who": who or "a participant",
                          "text": dissent["text"]}  # fmt: skip
    actions = store._rows("SELECT * FROM actions WHERE workshop_id = ? ORDER BY id", (wid,))
    for action in actions:
        owner_id = action["owner_participant_id"]
        owner = display_name(people.get(owner_id)) if owner_id is not None else action["owner_text"]
        yield "actions", {**action, "series": workshop["series"], "owner": owner}
    for update in store._rows(
        "SELECT u.id, u.action_id, u.at, u.status, u.note FROM action_updates u JOIN actions a ON a.id = u.action_id "
        "WHERE a.workshop_id = ? ORDER BY u.id", (wid,),
    ):  # fmt: skip
        yield "action_updates", {**update, "date": (update["at"] or "")[:10]}
    for item in store._rows("SELECT * FROM feedback_items WHERE workshop_id = ? ORDER BY id", (wid,)):
        yield "you_said_we_did", {**item, "raised_at_workshop_id": item["source_workshop_id"]}


def _json_list(text: str | None) -> list:
    import json

    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


# -- merging published files -------------------------------------------------------------------------


def merge(inputs: list[Path], out: Path | str) -> dict[str, int]:
    """One published file from several; each workshop (by uid) once, from the file that published it last."""
    sources = [_open_published(Path(path).expanduser()) for path in inputs]
    try:
        newest: dict[str, tuple[str, int]] = {}
        for index, conn in enumerate(sources):
            for uid, published_at in conn.execute("SELECT uid, coalesce(published_at, '') FROM workshops"):
                if uid not in newest or published_at >= newest[uid][0]:
                    newest[uid] = (published_at, index)
        with _new_file(Path(out), [Path(path).expanduser() for path in inputs]) as writer:
            for index, conn in enumerate(sources):
                for table, columns in TABLES.items():
                    present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
                    names = [name for name, _kind in columns if name in present]
                    if not names:
                        continue  # published by an earlier version, without this table
                    cursor = conn.execute(f"SELECT {', '.join(names)} FROM {table} ORDER BY id")
                    for values in cursor:
                        row = dict(zip(names, values))
                        if table == "workshops" and newest.get(row["uid"], (None, index))[1] != index:
                            continue
                        writer.add(str(index), table, row)
    except sqlite3.Error as error:
        raise StorageError(f"A published file could not be read ({error}); nothing was merged.") from None
    finally:
        for conn in sources:
            conn.close()
    return _counts(Path(out).expanduser())


def _open_published(path: Path, *, replacing: bool = False) -> sqlite3.Connection:
    """A file made by ``facilitator publish``, opened read-only; a sentence for anything else.

    ``replacing``: the file is about to be replaced by a new published copy; the sentences say
    it is kept.
    """
    if not path.is_file():
        raise StorageError(f"{path}: there is no published file here.")
    if replacing:
        try:
            return _open_published(path)
        except StorageError:
            raise StorageError(f"{path}: this file is already there and is not a published copy, so it was "
                               "left as it is; give a new file name.") from None  # fmt: skip
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.Error:
        raise StorageError(f"{path}: this is not a file made by facilitator publish.") from None
    if "participants" in tables:
        conn.close()
        raise StorageError(f"{path}: this is a working database, not a published copy; publish it first with "
                           "'facilitator publish', then merge the published files.")  # fmt: skip
    if not {"workshops", "decisions"} <= tables:
        conn.close()
        raise StorageError(f"{path}: this is not a file made by facilitator publish.")
    return conn


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in TABLES}
    finally:
        conn.close()
