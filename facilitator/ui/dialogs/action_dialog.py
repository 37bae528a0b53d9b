"""Add an action (what, owner, due date, linked decision), and move an action on with a note.

``ActionDialog`` saves through the store and returns the new ``Action`` (``None`` if cancelled).
The owner is a participant, found by typing the start of their name (the box suggests the rest;
Right arrow takes it), or any other text such as "the ward manager". A line under the box says
which it will be, before saving, and how the owner will appear to the room and in the minutes
(someone who chose "perspective only" appears as "a carer", never by name; only the
facilitator's private view names them, marked as private, so the action can be followed up).

``ActionStatusDialog`` asks for an optional note and records the new status with it, so the
action keeps its history. Both behave as every form does (``FormDialog``): Enter moves to the next
field and saves from the last (the decision link; the note), Escape closes and keeps what was typed.
The due date is read as people write it (31/01/2027, friday, in 2 weeks); the form says the day it
read, and a day already past is kept with a warning.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select, Static

from facilitator.domain import attribution
from facilitator.domain.dates import DATE_HINT
from facilitator.domain.models import Action, ActionStatus, Participant
from facilitator.domain.text import strip_controls
from facilitator.storage.store import Store
from facilitator.ui.dialogs.decision_fields import people_list, starts_with
from facilitator.ui.dialogs.form_dialog import HINT, FormDialog, Problem
from facilitator.ui.text import join, one_line
from facilitator.ui.widgets.field_select import FieldSelect


def resolve_owner(people: list[Participant], typed: str) -> tuple[Participant | None, str, str]:
    """(participant, free text, problem) for what was typed in the owner box.

    A whole name, or the start of exactly one name, is that participant; text that starts no
    name is free text; the start of several names is a problem to fix by typing more.
    """
    typed = " ".join(strip_controls(typed).split())
    if not typed:
        return None, "", ""
    matches = starts_with(people, typed)
    exact = [p for p in matches if p.name.casefold() == typed.casefold()]
    if exact:
        return exact[0], "", ""
    if len(matches) == 1:
        return matches[0], "", ""
    if matches:
        return None, "", f"\u201c{typed}\u201d is the start of more than one name: type more of it."
    return None, typed, ""


class ActionDialog(FormDialog[Action | None]):
    DATES: ClassVar[dict[str, str]] = {"due-date": "due date"}

    def __init__(self, store: Store, workshop_id: int, *, decision_id: int | None = None) -> None:
        super().__init__()
        self.store = store
        self.workshop_id = workshop_id
        self.decision_id = decision_id
        self.people = [p for p in store.participants(workshop_id) if p.name]

    def compose(self) -> ComposeResult:
        names = [person.name for person in self.people]
        decisions = [(one_line(d.statement, 70), d.id) for d in self.store.decisions(self.workshop_id)]
        with VerticalScroll(classes="dialog", id="action-dialog"):
            yield Static("Add an action", classes="dialog-title")
            yield from self.row("What", Input(placeholder="What will be done", id="what", compact=True))
            yield from self.row("Owner", Input(placeholder="Start of a name, or who else (e.g. the ward manager)",
                                               id="owner", compact=True, suggester=SuggestFromList(names)))
            yield Static(id="action-owner-found")
            yield from self.row("Due date", Input(placeholder=DATE_HINT, id="due-date", compact=True))
            yield from self.row("Decision", FieldSelect(decisions, prompt="not linked to a decision", id="decision",
                                                        compact=True, value=self.decision_id or Select.NULL))
            yield Static(classes="dialog-error")
            yield Static(HINT, classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#what", Input).focus()
        self._show_owner("")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "owner":
            self._show_owner(event.value)

    def _show_owner(self, typed: str) -> None:
        person, text, problem = resolve_owner(self.people, typed)
        if person is not None:
            shown = attribution.display_name(person)
            how = " (a participant)" if shown == person.name else f" (a participant, shown as {shown})"
            line = join(["Owner: ", (person.name, "bold"), how])
        elif text:
            line = join(["Owner: ", (text, "bold"), " (not a participant)"])
        elif problem:
            line = join([problem, " ", people_list(starts_with(self.people, typed)[:5])])
        else:
            line = Content("Owner: nobody yet")
        self.query_one("#action-owner-found", Static).update(line)

    def draft_name(self) -> str:
        return f"action:{self.workshop_id}:{self.decision_id or ''}"

    def problems(self) -> list[Problem]:
        problem = resolve_owner(self.people, self.query_one("#owner", Input).value)[2]
        return [*self.required("what", "action"), *([(problem, "owner")] if problem else []),
                *self.date_problem("due-date")]

    def save_form(self) -> None:
        def value(selector: str) -> str:
            return self.query_one(selector, Input).value

        person, text, _ = resolve_owner(self.people, value("#owner"))
        decision = self.query_one("#decision", Select).value
        workshop_id, what = self.workshop_id, value("#what")
        values = dict(
            owner_participant_id=person.id if person else None,
            owner_text=text,
            due_date=self.date_value("due-date"),
            decision_id=decision if isinstance(decision, int) else None,
        )
        self.save_and_close(lambda store: store.add_action(workshop_id, what, **values))


class ActionStatusDialog(FormDialog[Action | None]):
    """Record a new status for one action, with an optional note."""

    def __init__(self, store: Store, action: Action, status: ActionStatus) -> None:
        super().__init__()
        self.store = store
        self.action_record = action
        self.status = status

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="action-status-dialog"):
            yield Static(join(["Mark \u201c", one_line(self.action_record.what, 50), "\u201d as ",
                               (self.status.value, "bold"), "?"]), classes="dialog-title")
            yield from self.row("Note", Input(placeholder="What happened (optional)", id="note", compact=True))
            yield Static(classes="dialog-error")
            yield Static("Enter: save \u00b7 Escape: close, keeping what you typed", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def draft_name(self) -> str:
        return f"action-update:{self.action_record.id}:{self.status.value}"

    def save_form(self) -> None:
        action_id, status, note = self.action_record.id, self.status, self.query_one("#note", Input).value
        by = getattr(self.app, "typist", None) or ""  # who is typing here, if they said: kept in the history
        self.save_and_close(lambda store: store.update_action(action_id, status, note, by=by))
