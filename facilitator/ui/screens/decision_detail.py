"""One decision, whole: what was decided and why, who was there, what it came from, what happened
to its actions since, and what it replaced or was replaced by.

People appear as their attribution preference allows (``domain.attribution``); support needs are
never shown here. Dots appear only as totals, and only for votes that were revealed. Every piece
of user text goes through ``ui/text.py``.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from facilitator.domain import attribution as who
from facilitator.domain.decision_changes import describe_decision_change
from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import ActionStatus, DecisionMethod, DecisionStatus
from facilitator.storage.register import DecisionRecord, DecisionSummary
from facilitator.ui.dialogs.report_dialog import ask_and_write_report
from facilitator.ui.messages import DatabaseChanged
from facilitator.ui.text import Part, join, show_date
from facilitator.ui.widgets.keys_footer import WholeKeysFooter

STATUS_WORDS = {
    DecisionStatus.AGREED: "\u2713 Agreed",
    DecisionStatus.DEFERRED: "\u2026 Deferred: to be decided later",
    DecisionStatus.REJECTED: "\u2717 Rejected",
    DecisionStatus.SUPERSEDED: "\u21bb Replaced by a later decision",
}
METHOD_WORDS = {
    DecisionMethod.CONSENSUS: "by consensus",
    DecisionMethod.VOTE: "by a vote",
    DecisionMethod.DELEGATED: "delegated",
    DecisionMethod.OTHER: "another way",
}
ACTION_WORDS = {
    ActionStatus.OPEN: "\u25cb not started",
    ActionStatus.IN_PROGRESS: "\u25b6 in progress",
    ActionStatus.DONE: "\u2713 done",
    ActionStatus.DROPPED: "\u2717 dropped",
}
NO_VOTES = "votes not shown (no revealed vote)"


def _dots(dots: int | None) -> str:
    if dots is None:
        return NO_VOTES
    return f"{dots} dot" if dots == 1 else f"{dots} dots"


def _section(title: str, parts: list[Part]) -> Content:
    return join([(title, "bold underline"), "\n", *parts])


def _summary_line(item: DecisionSummary) -> list[Part]:
    return ["\u2022 ", item.decision.statement, ("  \u2014 ", "dim"), item.workshop_title, ", ",
            show_date(item.workshop_date), f" (decision {item.decision.id})"]  # fmt: skip


def present_words(record: DecisionRecord) -> str:
    """Who was there, as each person chose: names, then perspectives ("a carer (2)")."""
    named = sorted((who.display_name(p) for p in record.present if who.is_named(p)), key=str.casefold)
    others = Counter(who.display_name(p) for p in record.present if not who.is_named(p))
    described = [phrase if n == 1 else f"{phrase} ({n})" for phrase, n in sorted(others.items())]
    # Semicolons: one person's perspectives can contain "and" ("a carer and a member of staff").
    return "; ".join(named + described)


def record_sections(record: DecisionRecord, *, presenting: bool = False) -> list[tuple[str, Content]]:
    """(id, content) for each part of the record, in reading order. While presenting, who changed
    the decision after the day is left out: a typed name, which may be someone who chose not to be
    named in front of the room."""
    decision, workshop = record.decision, record.workshop
    people = {person.id: person for person in record.participants}
    sections: list[tuple[str, Content]] = []
    head: list[Part] = [(decision.statement, "bold"), "\n\n", (STATUS_WORDS[decision.status], "bold")]
    head += [" \u00b7 decided ", METHOD_WORDS[decision.method]]
    if decision.decided_by:
        head += [" \u00b7 who decides: ", decision.decided_by]
    if decision.review_date:
        head += [" \u00b7 review by ", show_date(decision.review_date)]
    sections.append(("decision-statement", join(head)))
    if record.history:
        changes: list[Part] = []
        for change in record.history:
            changes += ["\u2022 ", show_date(change.at), ": ",
                        describe_decision_change(change.kind, change.old, change.new, change.note)]
            if change.changed_by and not presenting:
                changes += [("  \u2014 ", "dim"), change.changed_by]
            changes.append("\n")
        sections.append(("decision-history", _section("Since the day it was decided", changes[:-1])))
    sections.append(("decision-why", _section("Why", [decision.rationale or "No reason was recorded."])))
    where: list[Part] = [workshop.title, " \u00b7 ", show_date(workshop.date)]
    if workshop.place:
        where += [" \u00b7 ", workshop.place]
    if workshop.series:
        where += ["\nSeries: ", workshop.series]
    sections.append(("decision-workshop", _section("Where", where)))

    if record.present:
        count = len(record.present)
        present: list[Part] = [f"{count} {'person' if count == 1 else 'people'}: ", present_words(record)]
    else:
        present = ["Not recorded."]
    sections.append(("decision-present", _section("Who was there", present)))

    if record.dissent:
        lines: list[Part] = []
        for dissent in record.dissent:
            person = people.get(dissent.participant_id) if dissent.participant_id is not None else None
            lines += ["\u2022 ", dissent.text, ("  \u2014 ", "dim"), who.display_name(person), "\n"]
        sections.append(("decision-dissent", _section("Not everyone agreed", lines[:-1])))

    behind: list[Part] = []
    for theme in record.themes:
        ideas = f"{theme.idea_count} idea" if theme.idea_count == 1 else f"{theme.idea_count} ideas"
        behind += ["\u2022 Theme: ", (theme.name, "bold"), f" \u00b7 {ideas} \u00b7 {_dots(theme.dots)}", "\n"]
    for idea in record.ideas:
        said = who.speaker(idea.said_by, idea.anonymous, people)
        behind += ["\u2022 Idea: ", idea.text, ("  \u2014 ", "dim"), said, f" \u00b7 {_dots(idea.dots)}", "\n"]
    sections.append(("decision-behind", _section("What it came from", behind[:-1] or ["No ideas or themes linked."])))

    actions: list[Part] = []
    for history in record.actions:
        action = history.action
        owner = who.display_name(history.owner) if history.owner is not None else action.owner_text
        actions += ["\u2022 ", action.what, ("  " + ACTION_WORDS[action.status], "bold")]
        if owner:
            actions += [" \u00b7 ", owner]
        actions += [" \u00b7 due ", show_date(action.due_date) if action.due_date else "no date set"]
        for update in history.updates:
            actions += ["\n  \u21b3 ", show_date(update.at), ": ", update.status.value]
            if update.note:
                actions += [" \u2014 ", update.note]
        actions.append("\n")
    sections.append(("decision-actions", _section("Actions and what happened", actions[:-1] or ["No actions."])))

    if record.supersedes:
        older: list[Part] = []
        for item in record.supersedes:
            older += [*_summary_line(item), "\n"]
        sections.append(("decision-replaces", _section("It replaced (press o to open)", older[:-1])))
    if record.superseded_by:
        newer: list[Part] = []
        for item in record.superseded_by:
            newer += [*_summary_line(item), "\n"]
        sections.append(("decision-replaced-by", _section("It was replaced by (press n to open)", newer[:-1])))
    return sections


class DecisionDetailScreen(Screen):
    DEFAULT_CSS = """
    DecisionDetailScreen #detail-title { height: 1; padding: 0 1; background: $panel; text-style: bold; }
    DecisionDetailScreen #detail-body { height: 1fr; padding: 0 1; }
    DecisionDetailScreen #detail-body > Static { margin-bottom: 1; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("o", "open_older", "Replaced decision"),
        Binding("n", "open_newer", "Replacing decision"),
        Binding("r", "report", "Report"),
        Binding("s", "amend('status')", "Status"),
        Binding("d", "amend('review date')", "Review date"),
        Binding("v", "amend('review')", "Reviewed"),
        Binding("e", "amend('correction')", "Correct"),
    ]

    def __init__(self, decision_id: int) -> None:
        super().__init__()
        self.decision_id = decision_id
        self.record: DecisionRecord | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(f"Decision {self.decision_id}"), id="detail-title")
        yield VerticalScroll(id="detail-body")
        yield WholeKeysFooter(compact=True)

    def on_mount(self) -> None:
        self.watch(self.app, "presenting", lambda _presenting: self.reload(), init=False)
        self.reload()
        self.query_one("#detail-body", VerticalScroll).focus()

    def reload(self) -> None:
        try:
            self.record = self.app.store.decision_record(self.decision_id)
        except FacilitatorError as error:
            self.app.notify(str(error), severity="error", markup=False)
            self.dismiss()
            return
        body = self.query_one("#detail-body", VerticalScroll)
        sections = record_sections(self.record, presenting=self.app.presenting)
        shown = [child.id for child in body.children]
        if shown == [name for name, _ in sections]:
            # The same parts (a status changed, say): updated where they are, keeping the scroll.
            for name, content in sections:
                body.query_one(f"#{name}", Static).update(content)
        elif not shown:
            body.mount_all([Static(content, id=name) for name, content in sections])
        else:
            # A part came or went (a first entry in the history): the old ones go before the new come.
            self.call_later(self._rebuild, sections)
        workshop = self.record.workshop
        self.query_one("#detail-title", Static).update(
            join([f"Decision {self.decision_id} \u00b7 ", workshop.title, " \u00b7 ", show_date(workshop.date)])
        )

    async def _rebuild(self, sections: list[tuple[str, Content]]) -> None:
        body = self.query_one("#detail-body", VerticalScroll)
        await body.remove_children()
        await body.mount_all([Static(content, id=name) for name, content in sections])

    def on_database_changed(self, message: DatabaseChanged) -> None:
        self.reload()

    def action_back(self) -> None:
        self.dismiss()

    def _open(self, chain: tuple[DecisionSummary, ...], words: str) -> None:
        if not chain:
            self.app.notify(f"This decision {words}.", severity="information")
            return
        self.app.push_screen(DecisionDetailScreen(chain[0].decision.id))

    def action_open_older(self) -> None:
        if self.record is not None:
            self._open(self.record.supersedes, "did not replace an earlier one")

    def action_open_newer(self) -> None:
        if self.record is not None:
            self._open(self.record.superseded_by, "has not been replaced")

    def action_amend(self, kind: str) -> None:
        """Change the decision after the day; kept as a dated entry in its history."""
        from facilitator.ui.dialogs.decision_amend import DecisionAmendDialog

        if self.record is None:
            return
        if kind == "status" and self.record.decision.status == DecisionStatus.SUPERSEDED:
            self.app.notify("This decision was replaced by a later one: its status stays superseded.",
                            severity="warning", markup=False)  # fmt: skip
            return
        self.app.push_screen(DecisionAmendDialog(self.record.decision, kind), self._amended)

    def _amended(self, decision) -> None:
        if decision is None:
            return
        self.reload()
        announce = getattr(self.app, "announce_change", None)
        if announce is not None:
            announce()
        self.app.notify("Saved, with today's date, in the decision's history.", markup=False)

    def action_report(self) -> None:
        if self.record is not None:
            ask_and_write_report(self, self.record.workshop.id)

