"""The decision register: finding past decisions, their whole record, and what is left to do.

Search runs over the ``decision_search`` FTS5 table (statement, rationale and the text of the
ideas behind each decision; rowid = decision id). Every query a person types goes through
``quote_fts`` so that ``AND``, ``NEAR(``, ``-x`` or a lone ``"`` are words to look for, never
syntax; the last word gets a ``*`` so that results narrow as the person types.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from facilitator.domain.models import (
    Action,
    ActionUpdate,
    Decision,
    DecisionStatus,
    Dissent,
    Participant,
    Workshop,
)
from facilitator.storage.base import row_to
from facilitator.storage.decision_history import DecisionChange
from facilitator.storage.follow_up import FollowUpMixin
from facilitator.storage.register_choices import RegisterChoicesMixin
from facilitator.storage.workshops import _clean_date, _enum

# Longer search text than this is cut: nobody types it, and FTS5 work grows with every token.
MAX_QUERY_CHARS = 200
MAX_QUERY_TOKENS = 12
REVIEW_SOON_DAYS = 30
# Above this many matches the register walks decisions in date order instead of sorting matches.
MANY_MATCHES = 5_000


class _View(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)  # schema built on first use: quicker start


class DecisionSummary(_View):
    """One row of the register: a decision and the workshop where it was made."""

    decision: Decision
    workshop_title: str
    workshop_date: str
    workshop_series: str = ""
    # Since the day (decision_history.py): last changed (status, review date, wording), last reviewed.
    changed_at: str | None = None
    reviewed_at: str | None = None


class LinkedIdea(_View):
    id: int
    text: str
    theme_id: int | None = None
    said_by: int | None = None  # participant id; show it through the person's attribution preference
    anonymous: bool = False
    dots: int | None = None  # total dots from revealed votes; None when no revealed vote counted it


class LinkedTheme(_View):
    id: int
    name: str
    idea_count: int
    dots: int | None = None  # as for ideas: totals only, and only from revealed votes


class ActionHistory(_View):
    action: Action
    owner: Participant | None = None
    updates: tuple[ActionUpdate, ...] = ()


class DecisionRecord(_View):
    """Everything the detail view shows about one decision."""

    decision: Decision
    workshop: Workshop
    present: tuple[Participant, ...] = ()
    participants: tuple[Participant, ...] = ()  # everyone in that workshop, to name dissenters
    dissent: tuple[Dissent, ...] = ()
    ideas: tuple[LinkedIdea, ...] = ()
    themes: tuple[LinkedTheme, ...] = ()
    actions: tuple[ActionHistory, ...] = ()
    # The chain, nearest first: what this replaced (and what that replaced...), and what replaced it.
    supersedes: tuple[DecisionSummary, ...] = ()
    superseded_by: tuple[DecisionSummary, ...] = ()
    history: tuple[DecisionChange, ...] = ()  # changes after the day, oldest first (decision_history.py)


_SUMMARY_COLUMNS = "d.*, w.title AS _w_title, w.date AS _w_date, w.series AS _w_series"


def fts_match(db, query: str) -> str | None:
    """The MATCH expression for what a person typed, or None when there is nothing to look for.

    Each word is quoted by ``quote_fts`` (so no word is syntax); the last one becomes a prefix
    search, unless the person ended with a space, meaning the word is finished.
    """
    text = (query or "")[:MAX_QUERY_CHARS]
    # Quotes become spaces, so every token quote_fts returns is one quoted word (no phrases to
    # split wrongly). Punctuation inside a quoted token is harmless, but a token of only
    # punctuation is an empty phrase, which would make the whole search match nothing: drop it.
    tokens = [t for t in db.quote_fts(text.replace('"', " ")).split(" ") if any(c.isalnum() for c in t)]
    tokens = tokens[:MAX_QUERY_TOKENS]
    if not tokens:
        return None
    finished = text[-1:].isspace()
    if not finished:
        tokens[-1] = tokens[-1] + "*"
    return " ".join(tokens)


def _plus_days(today: str, days: int) -> str:
    return (date.fromisoformat(today) + timedelta(days=days)).isoformat()


class RegisterMixin(FollowUpMixin, RegisterChoicesMixin):
    # -- the register ---------------------------------------------------------------------------

    def search_decisions(
        self,
        query: str = "",
        *,
        status: str | None = None,
        current_only: bool = True,
        since: str | None = None,
        until: str | None = None,
        workshop_id: int | None = None,
        series: str | None = None,
        review_due: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> list[DecisionSummary]:
        """Decisions across workshops, newest first, narrowed by words and filters.

        ``since``/``until`` are workshop dates (inclusive). ``current_only`` hides superseded
        decisions. ``review_due``: a review date within ``REVIEW_SOON_DAYS`` days, or past.
        """
        filters = dict(status=status, current_only=current_only, since=since, until=until,
                       workshop_id=workshop_id, series=series, review_due=review_due)
        found = self._register_query(query, filters)
        if found is None:
            return []
        source, where, params = found
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM {source} JOIN workshops w ON w.id = d.workshop_id "
            f"{where} ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?"
        )
        try:
            rows = self._rows(sql, [*params, max(0, int(limit)), max(0, int(offset))])
        except sqlite3.OperationalError:
            # A MATCH that FTS5 still dislikes after quoting: nothing found, never an error.
            return []
        return self._summaries(rows)

    def count_decisions(self, query: str = "", **filters) -> int:
        """How many decisions ``search_decisions`` would find without a limit."""
        found = self._register_query(query, filters)
        if found is None:
            return 0
        _source, where, params = found
        # The workshop is only needed for its filters; without it the count reads one index.
        joined = "JOIN workshops w ON w.id = d.workshop_id" if "w." in where else ""
        try:
            return self._value(f"SELECT count(*) FROM decisions d {joined} {where}", params)
        except sqlite3.OperationalError:
            return 0

    def _register_query(self, query: str, filters: dict) -> tuple[str, str, list] | None:
        """FROM, WHERE and parameters for a register search; None when nothing can match.

        How SQLite should find the rows depends on how many decisions the words match. A few
        thousand or fewer: read the matches and sort them (the default plan). More, with no
        narrowing filter: walk decisions newest first and stop when the page is full. More, with
        a narrowing filter (a status, a series, dates, review due): let that filter's index lead
        and check each decision against the matches (``+d.id`` stops the matches leading).
        Measured on 100,000 decisions, each of these keeps a first page well under 50 ms where
        the others can take 100-250 ms.
        """
        clauses, params = self._register_filters(**filters)
        source, member = "decisions d", "d.id"
        if query and query.strip():
            match = fts_match(self.db, query)
            if match is None:
                return None
            if self._many_match(match):
                narrowed = any(filters.get(key) for key in ("status", "since", "until", "series"))
                narrowed = narrowed or filters.get("workshop_id") is not None
                narrowed = narrowed or bool(filters.get("review_due")) and self._few_due()
                if narrowed:
                    member = "+d.id"
                else:
                    source = "decisions d INDEXED BY decisions_created"
            clauses.append(f"{member} IN (SELECT rowid FROM decision_search WHERE decision_search MATCH ?)")
            params.append(match)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        return source, where, params

    def _few_due(self) -> bool:
        """True when few decisions are due for review, so the review date index should lead."""
        due = self._value(
            "SELECT count(*) FROM (SELECT 1 FROM decisions WHERE review_date IS NOT NULL AND review_date <= ? LIMIT ?)",
            (_plus_days(self.today(), REVIEW_SOON_DAYS), MANY_MATCHES),
        )
        return due < MANY_MATCHES

    def _many_match(self, match: str) -> bool:
        try:
            return self._value(
                "SELECT count(*) FROM (SELECT 1 FROM decision_search WHERE decision_search MATCH ? LIMIT ?)",
                (match, MANY_MATCHES),
            ) >= MANY_MATCHES
        except sqlite3.OperationalError:
            return False

    def _register_filters(
        self, *, status=None, current_only=True, since=None, until=None, workshop_id=None,
        series=None, review_due=False,
    ) -> tuple[list[str], list]:
        clauses: list[str] = []
        params: list = []
        if status:
            clauses.append("d.status = ?")
            params.append(_enum(DecisionStatus, status, "decision status").value)
        elif current_only:
            clauses.append("d.status != ?")
            params.append(DecisionStatus.SUPERSEDED.value)
        if since:
            clauses.append("w.date >= ?")
            params.append(_clean_date(since, "start date", self.today()))
        if until:
            clauses.append("w.date <= ?")
            params.append(_clean_date(until, "end date", self.today()))
        if workshop_id is not None:
            clauses.append("d.workshop_id = ?")
            params.append(int(workshop_id))
        if series is not None:
            clauses.append("w.series = ?")
            params.append(series)
        if review_due:
            clauses.append("d.review_date IS NOT NULL AND d.review_date <= ?")
            params.append(_plus_days(self.today(), REVIEW_SOON_DAYS))
        return clauses, params

    def _summaries(self, rows: list[dict]) -> list[DecisionSummary]:
        links: dict[int, list[dict]] = {}
        changes: dict[int, dict] = {}
        if rows:
            ids = [row["id"] for row in rows]
            marks = ",".join("?" * len(ids))
            sql = f"SELECT decision_id, idea_id, theme_id FROM decision_links WHERE decision_id IN ({marks})"
            for link in self._rows(sql + " ORDER BY id", ids):
                links.setdefault(link["decision_id"], []).append(link)
            changes = self.changed_since_the_day(ids)  # one query for the page
        found = []
        for row in rows:
            row = dict(row)
            title, when, series = row.pop("_w_title"), row.pop("_w_date"), row.pop("_w_series")
            own = links.get(row["id"], [])
            decision = row_to(
                Decision,
                row,
                idea_ids=tuple(link["idea_id"] for link in own if link["idea_id"] is not None),
                theme_ids=tuple(link["theme_id"] for link in own if link["theme_id"] is not None),
            )
            found.append(DecisionSummary(decision=decision, workshop_title=title, workshop_date=when,
                                         workshop_series=series, **changes.get(row["id"], {})))
        return found

    def decision_summary(self, decision_id: int) -> DecisionSummary:
        self.decision(decision_id)  # NotFound with a sentence
        rows = self._rows(
            f"SELECT {_SUMMARY_COLUMNS} FROM decisions d JOIN workshops w ON w.id = d.workshop_id WHERE d.id = ?",
            (decision_id,),
        )
        return self._summaries(rows)[0]

    # -- one decision, whole ----------------------------------------------------------------------

    def decision_record(self, decision_id: int) -> DecisionRecord:
        decision = self.decision(decision_id)
        workshop = self.workshop(decision.workshop_id)
        people = self.participants(workshop.id)
        by_id = {person.id: person for person in people}
        totals = self._revealed_dot_totals(workshop.id)

        def dots(kind: str, candidate_id: int) -> int | None:
            return None if totals is None else totals.get((kind, candidate_id), 0)

        ideas = []
        if decision.idea_ids:
            marks = ",".join("?" * len(decision.idea_ids))
            rows = self._rows(f"SELECT * FROM ideas WHERE id IN ({marks}) ORDER BY id", decision.idea_ids)
            ideas = [
                LinkedIdea(
                    id=row["id"], text=row["text"], theme_id=row["theme_id"], said_by=row["said_by"],
                    anonymous=bool(row["anonymous"]), dots=dots("idea", row["id"]),
                )
                for row in rows
            ]
        themes = []
        if decision.theme_ids:
            marks = ",".join("?" * len(decision.theme_ids))
            rows = self._rows(
                f"SELECT t.id, t.name, (SELECT count(*) FROM ideas i WHERE i.theme_id = t.id AND i.withdrawn = 0) "
                f"AS idea_count FROM themes t WHERE t.id IN ({marks}) ORDER BY t.position, t.id",
                decision.theme_ids,
            )
            themes = [LinkedTheme(**row, dots=dots("theme", row["id"])) for row in rows]
        actions = []
        for row in self._rows("SELECT * FROM actions WHERE decision_id = ? ORDER BY id", (decision_id,)):
            action = row_to(Action, row)
            owner = self._participant_or_none(action.owner_participant_id, by_id)
            actions.append(ActionHistory(action=action, owner=owner, updates=tuple(self.action_updates(action.id))))
        return DecisionRecord(
            decision=decision,
            workshop=workshop,
            present=tuple(by_id[pid] for pid in decision.present if pid in by_id),
            participants=tuple(people),
            dissent=tuple(self.dissents(decision_id)),
            ideas=tuple(ideas),
            themes=tuple(themes),
            actions=tuple(actions),
            supersedes=tuple(self._chain(decision, "supersedes_id")),
            superseded_by=tuple(self._chain(decision, "superseded_by_id")),
            history=tuple(self.decision_history(decision_id)),
        )

    def _participant_or_none(self, participant_id: int | None, known: dict[int, Participant]) -> Participant | None:
        if participant_id is None:
            return None
        if participant_id in known:
            return known[participant_id]
        row = self._row("SELECT * FROM participants WHERE id = ?", (participant_id,))
        return row_to(Participant, row) if row else None

    def _chain(self, decision: Decision, link: str) -> list[DecisionSummary]:
        """Follow ``link`` from decision to decision until it ends (or loops back)."""
        seen = {decision.id}
        chain = []
        next_id = getattr(decision, link)
        while next_id is not None and next_id not in seen:
            seen.add(next_id)
            rows = self._rows(
                f"SELECT {_SUMMARY_COLUMNS} FROM decisions d JOIN workshops w ON w.id = d.workshop_id "
                "WHERE d.id = ?",
                (next_id,),
            )
            if not rows:
                break
            summary = self._summaries(rows)[0]
            chain.append(summary)
            next_id = getattr(summary.decision, link)
        return chain

    def _revealed_dot_totals(self, workshop_id: int) -> dict[tuple[str, int], int] | None:
        """Dot totals per candidate over the workshop's votes whose results may be shown.

        A secret vote counts only once revealed; who gave which dot is never read here.
        None when no vote of the workshop may be shown.
        """
        shown = self._value(
            "SELECT count(*) FROM stages WHERE workshop_id = ? AND kind = 'vote' "
            "AND (revealed = 1 OR coalesce(json_extract(settings, '$.secret'), 1) = 0)",
            (workshop_id,),
        )
        if not shown:
            return None
        rows = self._rows(
            "SELECT v.candidate_kind, v.candidate_id, count(*) AS n FROM votes v "
            "JOIN stages s ON s.id = v.stage_id WHERE s.workshop_id = ? "
            "AND (s.revealed = 1 OR coalesce(json_extract(s.settings, '$.secret'), 1) = 0) "
            "GROUP BY v.candidate_kind, v.candidate_id",
            (workshop_id,),
        )
        return {(row["candidate_kind"], row["candidate_id"]): row["n"] for row in rows}

    # -- follow-up ---------------------------------------------------------------------------------

    def decisions_due_for_review(
        self, within_days: int = REVIEW_SOON_DAYS, today: str | None = None, *, limit: int | None = 100
    ) -> list[DecisionSummary]:
        """Current decisions whose review date is past or within ``within_days`` days; soonest first."""
        today = _clean_date(today, "date", self.today()) if today else self.today()
        sql = (
            f"SELECT {_SUMMARY_COLUMNS} FROM decisions d JOIN workshops w ON w.id = d.workshop_id "
            "WHERE d.review_date IS NOT NULL AND d.review_date <= ? AND d.status != ? "
            "ORDER BY d.review_date, d.id"
        )
        params: list = [_plus_days(today, int(within_days)), DecisionStatus.SUPERSEDED.value]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        return self._summaries(self._rows(sql, params))
