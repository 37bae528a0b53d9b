"""Add an action (what, owner, due date, linked decision), and move an action on with a note.

``ActionDialog`` saves through the store and returns the new ``Action`` (``None`` if cancelled).
The owner is a participant, found by typing the start of their name (the box suggests the rest;
Right arrow takes it), or any other text such as "the ward manager". A line under the box says
which it will be, before saving, and how the owner will appear to the room and in the minutes
(someone who chose "perspective only" appears as "a carer", never by name; only the
facilitator's private view names them, marked as private, so the action can be followed up).

``ActionStatusDialog`` asks for an optional note and records the new status with it, so the
action keeps its history. Both: Enter saves (from the last field), Escape cancels.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Select, Static

from facilitator.domain import attribution
from facilitator.domain.models import Action, ActionStatus, Participant
from facilitator.domain.text import strip_controls
from facilitator.storage.store import Store
from facilitator.ui.dialogs.decision_fields import people_list, starts_with
from facilitator.ui.dialogs.saving_dialog import SavingDialog
from facilitator.ui.text import join, one_line
from facilitator.ui.widgets.field_select import HINT, FieldSelect


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


class _Dialog(SavingDialog):
    CSS_PATH = "decision_fields.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def _row(self, label: str, field) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield field


class ActionDialog(_Dialog):
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
            yield from self._row("What", Input(placeholder="What will be done", id="what", compact=True))
            yield from self._row("Owner", Input(placeholder="Start of a name, or who else (e.g. the ward manager)",
                                                id="owner", compact=True, suggester=SuggestFromList(names)))
            yield Static(id="action-owner-found")
            yield from self._row("Due date", Input(placeholder="YYYY-MM-DD", id="due-date", compact=True))
            yield from self._row("Decision", FieldSelect(decisions, prompt="not linked to a decision", id="decision",
                                                         compact=True, value=self.decision_id or Select.NULL, last=True))
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

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "due-date":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        def value(selector: str) -> str:
            return self.query_one(selector, Input).value

        person, text, problem = resolve_owner(self.people, value("#owner"))
        if problem:
            self.show_error(problem)
            return
        decision = self.query_one("#decision", Select).value
        workshop_id, what = self.workshop_id, value("#what")
        values = dict(
            owner_participant_id=person.id if person else None,
            owner_text=text,
            due_date=value("#due-date").strip() or None,
            decision_id=decision if isinstance(decision, int) else None,
        )
        self.save_and_close(lambda store: store.add_action(workshop_id, what, **values))


class ActionStatusDialog(_Dialog):
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
            yield from self._row("Note", Input(placeholder="What happened (optional)", id="note", compact=True))
            yield Static(classes="dialog-error")
            yield Static("Enter: save \u00b7 Escape: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        action_id, status, note = self.action_record.id, self.status, self.query_one("#note", Input).value
        self.save_and_close(lambda store: store.update_action(action_id, status, note))
