"""A vote's dot budget before the first dot, and settling a tie after the reveal.

The facilitator may change the dots each person has and the most on one item until the first dot
is given (checked inside the write, so a dot from a phone at the same moment cannot slip in
between). A tie at the top (or at the stage's cut line, ``choose = 3``) is settled either by a
run-off (a new secret vote among the tied candidates, inserted after, with fresh equal dots and
linked to the first by ``settings["runoff_of"]``) or by recording how the room settled it. Each
is a stage event with its time and sentence, which the minutes show.
"""

from __future__ import annotations

import json

from facilitator.domain import voting
from facilitator.domain.errors import RuleBroken
from facilitator.domain.models import Stage, StageKind, TallyRow
from facilitator.domain.text import LONG_TEXT, clean_text
from facilitator.storage.base import StoreBase

RUNOFF_MINUTES = 5
# How a room may settle a tie without a run-off, as the minutes say it.
SETTLED_BY = {
    "discussion": "discussion",
    "consensus": "consensus",
    "coin toss": "a coin toss the room agreed to",
}
TIE_SETTLED = "tie settled"
RUNOFF = "run-off"


def remap_runoffs(conn, parts, stages: dict[int, int], ideas: dict[int, int], themes: dict[int, int]) -> None:
    """On import: a run-off's link to its first vote and its list of tied candidates name rows by
    id, and every row gets a new id; rewrite them (a link to something not imported is dropped)."""
    for part in parts:
        settings = part.settings
        if "runoff_of" not in settings and "among" not in settings:
            continue
        settings = dict(settings)
        if isinstance(settings.get("runoff_of"), int):
            settings["runoff_of"] = stages.get(settings["runoff_of"])
        among = []
        for key in settings.get("among") or []:
            kind, _, old = str(key).partition(":")
            new = (ideas if kind == "idea" else themes if kind == "theme" else {}).get(int(old) if old.isdigit() else -1)
            if new is not None:
                among.append(f"{kind}:{new}")
        settings["among"] = among
        conn.execute("UPDATE stages SET settings = ? WHERE id = ?", (json.dumps(settings, sort_keys=True), stages[part.id]))


def choose_of(stage: Stage) -> int:
    """How many the vote chooses (the agenda's ``choose``); 1, the top one, unless it says."""
    choose = stage.settings.get("choose", 1)
    return choose if isinstance(choose, int) and not isinstance(choose, bool) and choose >= 1 else 1


def cap_of(stage: Stage) -> int:
    return int(stage.settings.get("max_per_candidate", voting.DEFAULT_CAP))


class VoteTiesMixin(StoreBase):
    def budget_line(self, stage_id: int) -> str:
        """``Everyone has 3 dots, at most 2 on one``: for the screen and the phones."""
        stage = self.stage(stage_id)
        return voting.budget_words(self.vote_budget(stage_id), cap_of(stage))

    def set_dot_budget(self, stage_id: int, dots: object, cap: object) -> str:
        """Change the dots each person has and the most on one item; refused once a dot is given."""
        dots, cap = voting.check_budget(dots, cap)
        with self.write() as db:
            stage = self._vote_stage(stage_id)
            if stage.revealed or self._value("SELECT 1 FROM votes WHERE stage_id = ? LIMIT 1", (stage_id,)):
                raise RuleBroken("The dots can no longer be changed: the first dot has been given, and changing "
                                 "them now would make the vote unequal.")  # fmt: skip
            before = voting.budget_words(self.vote_budget(stage_id), cap_of(stage))
            settings = {**stage.settings, "dots_per_person": dots, "max_per_candidate": cap}
            db.execute("UPDATE stages SET vote_budget = ?, settings = ? WHERE id = ?",
                       (dots, json.dumps(settings, sort_keys=True), stage_id))
            after = voting.budget_words(dots, cap)
            self._event(db, stage_id, "dots changed", 0.0, f"Dots changed before voting: was \u201c{before}\u201d "
                        f"now \u201c{after}\u201d")  # fmt: skip
        return after

    def tie_to_settle(self, stage_id: int) -> tuple[TallyRow, ...]:
        """The revealed vote's tie at its cut line (the top one, or ``choose``), if not yet settled."""
        stage = self._vote_stage(stage_id)
        if not stage.revealed:
            return ()
        settled = self._value(
            "SELECT 1 FROM stage_events WHERE stage_id = ? AND event IN (?, ?) LIMIT 1", (stage_id, TIE_SETTLED, RUNOFF)
        )
        return () if settled else voting.tie_at_cut(self.tally(stage_id), choose_of(stage))

    def _tie(self, stage_id: int) -> tuple[Stage, tuple[TallyRow, ...]]:
        stage = self._vote_stage(stage_id)
        if not stage.revealed:
            raise RuleBroken("The votes have not been revealed yet, so there is no tie to settle.")
        group = self.tie_to_settle(stage_id)
        if not group:
            raise RuleBroken(f"\u201c{stage.title}\u201d has no tie left to settle.")
        return stage, group

    def start_runoff(self, stage_id: int) -> Stage:
        """A new secret vote among the tied candidates, after this vote (or after the stage that
        is on, if the room has moved on), with fresh equal dots; linked to this vote."""
        with self.write() as db:
            stage, group = self._tie(stage_id)
            count = len(group)
            places = choose_of(stage) - group[0].rank + 1  # how many of the tied are still to choose
            dots = min(count - 1, max(voting.resolve_budget(voting.AUTO, count), places))
            settings = {
                "dots_per_person": dots, "max_per_candidate": 1, "secret": True, "choose": places,
                "runoff_of": stage.id, "among": [f"{row.candidate.kind}:{row.candidate.id}" for row in group],
                "prompt": f"Run-off: {voting.describe_tie(group)}",
            }  # fmt: skip
            current = self.current_stage(stage.workshop_id)
            after = max(stage.position, current.position if current is not None else 0)
            title = clean_text(f"Run-off: {stage.title}", "stage title")
            self._make_room(db, stage.workshop_id, after)
            runoff_id = db["stages"].insert({
                "workshop_id": stage.workshop_id, "position": after + 1, "kind": StageKind.VOTE.value,
                "title": title, "planned_minutes": RUNOFF_MINUTES, "first_planned_minutes": 0,
                "settings": json.dumps(settings, sort_keys=True), "timer_left_seconds": RUNOFF_MINUTES * 60.0,
                "vote_budget": dots,
            }).last_pk  # fmt: skip
            self._event(db, runoff_id, "added live", RUNOFF_MINUTES * 60.0,
                        f"Added while the workshop ran: a run-off for \u201c{stage.title}\u201d")
            self._event(db, stage_id, RUNOFF, 0.0, f"{voting.describe_tie(group)} Settled by a run-off vote, "
                        f"step {after + 1} (\u201c{title}\u201d).")  # fmt: skip
        return self.stage(runoff_id)

    def settle_tie(self, stage_id: int, how: str, note: str) -> str:
        """Record how the room settled the tie without a run-off; the note says what was settled."""
        if how not in SETTLED_BY:
            raise RuleBroken(f"A tie is settled by {', '.join(SETTLED_BY)} (not {how!r}).")
        note = clean_text(note, "note on how the tie was settled", max_length=LONG_TEXT, multiline=True)
        with self.write() as db:
            _stage, group = self._tie(stage_id)
            sentence = f"{voting.describe_tie(group)} Settled by {SETTLED_BY[how]}: {note}"
            self._event(db, stage_id, TIE_SETTLED, 0.0, sentence)
        return sentence

    def runoff_of(self, stage_id: int) -> Stage | None:
        """The vote a run-off was held for (its stored link), if this stage is a run-off."""
        first = self.stage(stage_id).settings.get("runoff_of")
        return self.stage(first) if isinstance(first, int) else None
