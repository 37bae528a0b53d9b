"""Add or edit one "You said, we did" item: what was said, what was done, its status, and a reason.

A reason is required when the status is "not possible": the form says so before saving, with
the reason box focused, and stays open with everything typed still there. Returns the saved
``FeedbackItem`` or ``None`` when closed. Keys as in every form (``FormDialog``): Enter moves on
(and saves from the reason box), Ctrl+S saves from anywhere, Escape closes and keeps what was typed.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Select, Static

from facilitator.domain.models import FeedbackItem, FeedbackStatus, feedback_reason_problem
from facilitator.storage.store import Store
from facilitator.ui.dialogs.form_dialog import HINT, FormDialog, Problem
from facilitator.ui.widgets.field_select import FieldSelect

STATUSES = [(Content(status.value), status.value) for status in FeedbackStatus]


class FeedbackDialog(FormDialog[FeedbackItem | None]):
    def __init__(self, store: Store, workshop_id: int, *, stage_id: int | None = None,
                 item: FeedbackItem | None = None) -> None:
        super().__init__()
        self.store = store
        self.workshop_id = workshop_id
        self.stage_id = stage_id
        self.item = item

    def compose(self) -> ComposeResult:
        item = self.item
        with VerticalScroll(classes="dialog", id="feedback-dialog"):
            yield Static("Edit \u201cYou said, we did\u201d" if item else "Add \u201cYou said, we did\u201d",
                         classes="dialog-title")
            yield from self.row("You said", Input(item.said if item else "", placeholder="What people told us",
                                                  id="said", compact=True))
            yield from self.row("We did", Input(item.done if item else "", placeholder="What was done about it",
                                                id="done", compact=True))
            yield from self.row("Status", FieldSelect(STATUSES, allow_blank=False, id="status", compact=True,
                                                 value=(item.status.value if item else FeedbackStatus.PLANNED.value)))
            yield from self.row("Reason", Input(item.reason if item else "",
                                                placeholder="Why not (required for \u201cnot possible\u201d)",
                                                id="reason", compact=True))
            yield Static(classes="dialog-error")
            yield Static(HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#said", Input).focus()

    def draft_name(self) -> str:
        return f"feedback:{self.workshop_id}:{self.item.id if self.item else 'new'}"

    def _values(self) -> dict[str, str]:
        return {
            "said": self.query_one("#said", Input).value,
            "done": self.query_one("#done", Input).value,
            "status": str(self.query_one("#status", Select).value),
            "reason": self.query_one("#reason", Input).value,
        }

    def problems(self) -> list[Problem]:
        values = self._values()
        reason = feedback_reason_problem(values["status"], values["reason"])
        return [*self.required("said", "what was said"), *([(reason, "reason")] if reason else [])]

    def save_form(self) -> None:
        values = self._values()
        workshop_id, stage_id, item = self.workshop_id, self.stage_id, self.item
        # Who is typing on this terminal, if they said: kept in the item's history.
        by = getattr(self.app, "typist", None) or ""

        def change(store: Store) -> FeedbackItem:
            if item is None:
                return store.add_feedback(workshop_id, stage_id=stage_id, **values)
            return store.update_feedback(item.id, **values, by=by)

        self.save_and_close(change)
