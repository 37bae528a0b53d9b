"""Change a decision after the day, from its record screen: its status, its review date, a review,
or a corrected wording. Each is kept as a dated entry in the decision's history
(``Store.amend_decision``); what was recorded on the day stays readable there.

Keys, as in every form (``FormDialog``): Enter moves to the next field and saves from the last,
Ctrl+S saves, Escape closes and keeps what was typed.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from facilitator.domain.dates import DATE_HINT
from facilitator.domain.models import Decision, DecisionStatus
from facilitator.ui.dialogs.decision_dialog import STATUSES
from facilitator.ui.dialogs.form_dialog import HINT, FormDialog, Problem
from facilitator.ui.text import join, one_line
from facilitator.ui.widgets.field_select import FieldSelect

# What each kind of change is called in the dialog's title.
TITLES = {
    "status": "Change the status of",
    "review date": "Set the review date of",
    "review": "Record a review of",
    "correction": "Correct the wording of",
}


class DecisionAmendDialog(FormDialog[Decision | None]):
    DATES: ClassVar[dict[str, str]] = {}

    def __init__(self, decision: Decision, kind: str) -> None:
        super().__init__()
        self.decision = decision
        self.kind = kind
        # Only the review date's form has a date box.
        self.DATES = {"review-date": "review date"} if kind == "review date" else {}

    def compose(self) -> ComposeResult:
        decision = self.decision
        with VerticalScroll(classes="dialog", id="decision-amend-dialog"):
            yield Static(join([TITLES[self.kind], " \u201c", one_line(decision.statement, 60), "\u201d"]),
                         classes="dialog-title")  # fmt: skip
            if self.kind == "status":
                current = decision.status.value if decision.status != DecisionStatus.SUPERSEDED else "agreed"
                yield from self.row("Status", FieldSelect(STATUSES, value=current, allow_blank=False, id="status",
                                                          compact=True))  # fmt: skip
            elif self.kind == "review date":
                yield from self.row("Review date", Input(decision.review_date or "", id="review-date", compact=True,
                                                         placeholder=f"{DATE_HINT}, or none"))  # fmt: skip
            elif self.kind == "correction":
                yield from self.row("Decision", Input(decision.statement, id="statement", compact=True))
            note = "What the review found: still right, or changed because ..." if self.kind == "review" else "Why (optional)"
            yield from self.row("Note", Input(placeholder=note, id="note", compact=True))
            yield Static(
                "Kept as a dated entry in the decision's history; what was recorded on the day stays readable.",
                classes="dialog-hint",
            )
            yield Static(classes="dialog-error")
            yield Static(HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#note" if self.kind == "review" else "Input, FieldSelect").focus()

    def draft_name(self) -> str:
        return f"decision-amend:{self.decision.id}:{self.kind}"

    def problems(self) -> list[Problem]:
        if self.kind == "review":
            return self.required("note", "note")
        if self.kind == "correction":
            return self.required("statement", "decision")
        if self.kind == "review date" and self.query_one("#review-date", Input).value.strip().casefold() != "none":
            return self.date_problem("review-date")
        return []

    def save_form(self) -> None:
        decision_id = self.decision.id
        values: dict[str, str | None] = {"note": self.query_one("#note", Input).value}
        if self.kind == "status":
            values["status"] = str(self.query_one("#status", FieldSelect).value)
        elif self.kind == "review date":
            typed = self.query_one("#review-date", Input).value.strip()
            values["review_date"] = "none" if typed.casefold() in ("", "none") else self.date_value("review-date")
        elif self.kind == "correction":
            values["statement"] = self.query_one("#statement", Input).value
        self.save_and_close(lambda store: store.amend_decision(decision_id, **values))
