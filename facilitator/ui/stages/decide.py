"""The decide stage: turn the vote's top results (or free text) into recorded decisions.

A vote narrows the list; a decision is its own record: what, why, how, who decides, who was
present (filled in from attendance), any dissent, its status and a review date. The results of
the latest revealed vote before this stage are listed; Enter on one opens the decision dialog
with the statement filled in and the decision linked to that theme or idea. ``n`` records a
decision as free text.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain import attribution
from facilitator.domain.models import Decision, DecisionMethod, Stage, StageKind, TallyRow
from facilitator.domain.voting import describe_ties, ordinal
from facilitator.ui.dialogs.decision_dialog import DecisionDialog, people_count
from facilitator.ui.dialogs.decision_fields import refill
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.text import join, one_line, plain

FREE_TEXT = "press n to record a decision as free text."

SETTLE_TIE = ("Settle it in the vote stage (F3 back): r holds a run-off, t records how the room settled "
              "it; or record a decision here.")


def _dots(count: int) -> str:
    return f"{count} dot" if count == 1 else f"{count} dots"


class DecidePanel(StagePanel):
    DEFAULT_CSS = """
    DecidePanel { height: 1fr; overflow-y: auto; }
    DecidePanel #decide-results { height: auto; max-height: 40%; min-height: 3; border: round $foreground 40%; }
    DecidePanel #decide-list { height: 1fr; min-height: 6; border: round $foreground 40%; }
    DecidePanel OptionList:focus { border: round $accent; }
    /* Takes a line only once there is something to say: on a small screen the lists want it. */
    DecidePanel #decide-message { color: $text-success; text-style: bold; display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_decision", "New decision"),
    ]
    # The palette's name (``ui/commands.py``); the run screen's "Record a decision" opens this one.
    COMMAND_NAMES: ClassVar[dict[str, str]] = {"new_decision": "Record a decision"}

    def compose(self) -> ComposeResult:
        yield Static(id="decide-prompt")
        yield Static(id="decide-vote")
        yield OptionList(id="decide-results")
        yield Static(id="decide-present")
        yield OptionList(id="decide-list")
        yield Static(id="decide-message")

    def on_built(self) -> None:
        self.query_one("#decide-results").border_title = "Top results: Enter records a decision from one"
        self.query_one("#decide-list").border_title = "Decisions made in this workshop (n: a new one)"
        self.reload()
        results = self.query_one("#decide-results", OptionList)
        (results if results.option_count else self.query_one("#decide-list", OptionList)).focus()

    # -- reading --------------------------------------------------------------------------------

    def latest_vote(self) -> Stage | None:
        """The last vote stage before this one (any vote stage if this one is not in the agenda order)."""
        here = self.stage.position
        votes = [s for s in self.store.stages(self.workshop_id) if s.kind == StageKind.VOTE]
        earlier = [s for s in votes if s.position < here] or votes
        return earlier[-1] if earlier else None

    def top_results(self) -> tuple[Stage | None, list[TallyRow]]:
        vote = self.latest_vote()
        if vote is None or (vote.settings.get("secret", True) and not vote.revealed):
            return vote, []
        return vote, [row for row in self.store.tally(vote.id) if row.dots > 0]

    def reload(self) -> None:
        if not self.children:  # not composed yet: on_built fills it in
            return
        stage = self.stage
        prompt = stage.settings.get("prompt", "")
        self.query_one("#decide-prompt", Static).update(plain(prompt) if prompt else join([(stage.title, "bold")]))
        vote, rows = self.top_results()
        if vote is None:
            about = Content("There is no vote in this workshop: press n to record a decision as free text.")
        elif not rows and not vote.revealed and vote.settings.get("secret", True):
            about = join(["The vote \u201c", vote.title, "\u201d has not been revealed yet: ", FREE_TEXT])
        elif not rows:
            about = join(["Nobody gave a dot in \u201c", vote.title, "\u201d: ", FREE_TEXT])
        else:
            about = join(["From the vote \u201c", (vote.title, "bold"), "\u201d:"])
            ties = describe_ties(rows, places=3)
            if ties:
                # Ties are the group's to resolve: say so, never pick one by list order.
                about = join([about, "\n", *(plain(t + " ") for t in ties),
                              (SETTLE_TIE, "dim")])
        self.query_one("#decide-vote", Static).update(about)
        results = self.query_one("#decide-results", OptionList)
        results.display = bool(rows)
        refill(results, [self._result_option(row) for row in rows])
        if rows and results.highlighted is None:
            results.highlighted = 0
        present = len(self.store.present_ids(self.workshop_id))
        self.query_one("#decide-present", Static).update(f"Present: {people_count(present)}")
        decisions = self.store.decisions(self.workshop_id)
        refill(self.query_one("#decide-list", OptionList), [self._decision_option(d) for d in decisions])

    def _result_option(self, row: TallyRow) -> Option:
        tied = ", tied" if row.tied else ""
        prompt = join([(f"{ordinal(row.rank):>4}  ", "bold"), one_line(row.candidate.label),
                       (f"  {_dots(row.dots)}{tied}", "dim")])
        return Option(prompt, id=f"{row.candidate.kind}:{row.candidate.id}")

    def _decision_option(self, decision: Decision) -> Option:
        parts: list = [(decision.status.value.capitalize(), "bold"), f" ({decision.method.value}): ",
                       plain(decision.statement)]
        if decision.rationale:
            parts += [("\n    Why: ", "dim"), plain(decision.rationale)]
        details = []
        if decision.decided_by:
            details.append(join(["decided by ", decision.decided_by]))
        details.append(Content(f"{people_count(len(decision.present))} present"))
        if decision.review_date:
            details.append(Content(f"review on {decision.review_date}"))
        if decision.supersedes_id is not None:
            details.append(Content(f"replaces decision {decision.supersedes_id}"))
        if decision.superseded_by_id is not None:
            details.append(Content(f"replaced by decision {decision.superseded_by_id}"))
        parts += [("\n    ", "dim"), Content(" \u00b7 ").join(details)]
        for dissent in self.store.dissents(decision.id):
            # Shown as the person chose: their name, their perspective ("a carer"), or "a participant".
            person = self.store.participant(dissent.participant_id) if dissent.participant_id else None
            who = attribution.display_name(person)
            parts += [("\n    Dissent (", "dim"), who, ("): ", "dim"), plain(dissent.text)]
        return Option(join(parts), id=f"d{decision.id}")

    # -- recording ------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#decide-results")
    def _decide_from_result(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        _, rows = self.top_results()
        row = next((r for r in rows if f"{r.candidate.kind}:{r.candidate.id}" == event.option.id), None)
        if row is None:
            return
        candidate = row.candidate
        self._open(DecisionDialog(
            self.store, self.workshop_id, stage_id=self.stage_id, statement=candidate.label,
            method=DecisionMethod.VOTE,
            theme_ids=(candidate.id,) if candidate.kind == "theme" else (),
            idea_ids=(candidate.id,) if candidate.kind == "idea" else (),
            source=f"{candidate.label} ({ordinal(row.rank)}, {_dots(row.dots)})",
        ))

    def action_new_decision(self) -> None:
        self._open(DecisionDialog(self.store, self.workshop_id, stage_id=self.stage_id))

    def _open(self, dialog: DecisionDialog) -> None:
        self.app.push_screen(dialog, self._saved)

    def _saved(self, decision: Decision | None) -> None:
        if decision is None:
            return
        self.reload()
        decisions = self.query_one("#decide-list", OptionList)
        decisions.highlighted = decisions.get_option_index(f"d{decision.id}")
        message = self.query_one("#decide-message", Static)
        message.update(join(["Decision recorded: ", one_line(decision.statement, 60)]))
        message.display = True
        self.post_message(StagePanel.Changed())
