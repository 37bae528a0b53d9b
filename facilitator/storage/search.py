"""Has anyone raised this before? One search over everything said, in every workshop.

Ideas, themes, decisions, actions, action updates and "You said, we did" items, ranked by FTS5's
bm25 over ``record_search`` (see ``schema_search``). Every hit carries its workshop's title and
date, and a person only as the minutes show them (``display_name``: never the name of someone who
chose otherwise). What a person types goes through ``fts_match`` (each word quoted, so ``NEAR``,
``*``, ``"`` and ``-x`` are words, never syntax; long text cut); all the words must match, and if
that finds nothing, any of them.

Ranking reads only the newest ``RANKED_AT_MOST`` matches (FTS5 walks rowids newest first and stops
there), so a word found a million times costs the same as one found a thousand times. Left out:
withdrawn ideas, and ideas of a silent round not yet revealed to the room while its workshop
is still going on.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict

from pydantic import BaseModel, ConfigDict

from facilitator.domain.attribution import display_name, speaker
from facilitator.storage.base import StoreBase, row_to
from facilitator.storage.register import fts_match
from facilitator.storage.schema_search import KIND_BITS

RANKED_AT_MOST = 2_000
# Kind numbers of ``schema_search.KINDS``, as the hits name them.
KIND_NAMES = {1: "idea", 2: "theme", 3: "decision", 4: "action", 5: "action update", 6: "you said, we did"}


class SearchHit(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)

    kind: str  # one of KIND_NAMES' values
    id: int  # in its own table: the idea's, the decision's, the action's...
    text: str
    who: str = ""  # as the minutes show the person: "a carer", "anonymous"; "" when no one is recorded
    status: str = ""  # a decision's, an action's or a feedback item's; "" for the others
    context: str = ""  # what it belongs to: the action of an update, what was done for a feedback item
    workshop_id: int
    workshop_title: str
    workshop_date: str
    workshop_series: str = ""


_WORKSHOP = "w.id AS workshop_id, w.title AS workshop_title, w.date AS workshop_date, w.series AS workshop_series"
# For each kind: the row, its text, who, status, context and workshop. ``{ids}`` is filled with "?"s.
_DETAILS = {
    1: "SELECT i.id, i.text, i.said_by, i.anonymous, '' AS status, '' AS context, " + _WORKSHOP + " "
       "FROM ideas i JOIN stages s ON s.id = i.stage_id JOIN workshops w ON w.id = i.workshop_id "
       "WHERE i.id IN ({ids}) AND i.withdrawn = 0 "
       "AND NOT (coalesce(json_extract(s.settings, '$.silent'), 0) AND NOT s.revealed AND w.status != 'finished')",
    2: "SELECT t.id, t.name AS text, '' AS status, '' AS context, " + _WORKSHOP + " "
       "FROM themes t JOIN workshops w ON w.id = t.workshop_id WHERE t.id IN ({ids})",
    3: "SELECT d.id, d.statement AS text, d.status, d.rationale AS context, " + _WORKSHOP + " "
       "FROM decisions d JOIN workshops w ON w.id = d.workshop_id WHERE d.id IN ({ids})",
    4: "SELECT a.id, a.what AS text, a.status, a.owner_participant_id, a.owner_text, '' AS context, "
       + _WORKSHOP + " FROM actions a JOIN workshops w ON w.id = a.workshop_id WHERE a.id IN ({ids})",
    5: "SELECT u.id, u.note AS text, u.status, a.what AS context, " + _WORKSHOP + " "
       "FROM action_updates u JOIN actions a ON a.id = u.action_id JOIN workshops w ON w.id = a.workshop_id "
       "WHERE u.id IN ({ids})",
    6: "SELECT f.id, f.said AS text, f.status, f.done AS context, " + _WORKSHOP + " "
       "FROM feedback_items f JOIN workshops w ON w.id = f.workshop_id WHERE f.id IN ({ids}) "
       # A carried item is the same item as the action or item it came from: that one is shown.
       "AND f.source_action_id IS NULL AND f.source_item_id IS NULL",
}  # fmt: skip


class SearchMixin(StoreBase):
    def search_everything(self, query: str, *, limit: int = 50, as_typed: bool = False) -> list[SearchHit]:
        """What was said about ``query`` in every workshop, best match first (at most ``limit``).

        ``as_typed``: the person is still typing, so the last word may be the start of a longer
        one ("sanc" finds "sanctuary"), once it has two letters or more.
        """
        match = fts_match(self.db, query if as_typed else query + " ")
        if match is None or limit <= 0:
            return []
        if match.endswith("*") and len(match.rsplit(" ", 1)[-1]) < len('"ab"*'):
            match = match[:-1]  # a one-letter start matches nearly everything: a word of its own
        ranked = self._ranked(match, limit)
        words = match.split(" ")  # each a quoted word (see fts_match)
        if not ranked and len(words) > 1:
            ranked = self._ranked(" OR ".join(words), limit)
        return self._hits(ranked)[:limit]

    def _ranked(self, match: str, limit: int) -> list[int]:
        """The rowids of the best matches, best first; a few spare for hits left out later."""
        try:
            rows = self.database.conn.execute(
                "SELECT r FROM (SELECT rowid AS r, bm25(record_search) AS score FROM record_search "
                "WHERE record_search MATCH ? ORDER BY rowid DESC LIMIT ?) ORDER BY score, r DESC LIMIT ?",
                (match, RANKED_AT_MOST, limit + 10),
            ).fetchall()
        except sqlite3.OperationalError:
            return []  # a MATCH that FTS5 still dislikes after quoting: nothing found, never an error
        except sqlite3.Error as error:
            from facilitator.storage.db import translate_error

            raise translate_error(error, self.database.path) from None
        return [row[0] for row in rows]

    def _hits(self, rowids: list[int]) -> list[SearchHit]:
        wanted: dict[int, list[int]] = defaultdict(list)
        for rowid in rowids:
            wanted[rowid % KIND_BITS].append(rowid // KIND_BITS)
        found: dict[int, SearchHit] = {}
        for kind, ids in wanted.items():
            if kind not in _DETAILS:
                continue
            rows = self._rows(_DETAILS[kind].format(ids=",".join("?" * len(ids))), ids)
            people = self._people_of(rows)
            for row in rows:
                found[row["id"] * KIND_BITS + kind] = self._hit(kind, row, people)
        return [found[rowid] for rowid in rowids if rowid in found]

    def _people_of(self, rows: list[dict]) -> dict:
        from facilitator.domain.models import Participant

        ids = {row.get("said_by") or row.get("owner_participant_id") for row in rows} - {None}
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {row["id"]: row_to(Participant, row)
                for row in self._rows(f"SELECT * FROM participants WHERE id IN ({marks})", list(ids))}  # fmt: skip

    @staticmethod
    def _hit(kind: int, row: dict, people: dict) -> SearchHit:
        who = ""
        if kind == 1:
            who = speaker(row["said_by"], bool(row["anonymous"]), people)
        elif kind == 4:
            owner = row["owner_participant_id"]
            who = display_name(people.get(owner)) if owner is not None else row["owner_text"]
        return SearchHit(
            kind=KIND_NAMES[kind], id=row["id"], text=row["text"], who=who, status=row["status"] or "",
            context=row["context"] or "", workshop_id=row["workshop_id"], workshop_title=row["workshop_title"],
            workshop_date=row["workshop_date"], workshop_series=row["workshop_series"] or "",
        )  # fmt: skip
