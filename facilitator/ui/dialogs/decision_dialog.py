"""Record one decision: what, why, how, who decides, status, review date, dissent, what it replaces.

The dialog saves through the store itself, so a refusal (a bad date, an empty statement) is shown
in the dialog with everything typed still there. It returns the saved ``Decision``, or ``None``
when cancelled. Who was present is not asked: the store fills it in from attendance, and the
dialog says how many people that is.

Keys: Enter moves to the next field (and saves from the last one), Ctrl+S saves from anywhere,
Escape cancels.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, Static

from facilitator.domain.models import Decision, DecisionMethod, DecisionStatus
from facilitator.storage.store import Store
from facilitator.ui.dialogs.decision_fields import pick_person
from facilitator.ui.dialogs.saving_dialog import SavingDialog
from facilitator.ui.text import join, one_line
from facilitator.ui.widgets.field_select import HINT, FieldSelect

METHODS = [(Content(method.value), method.value) for method in DecisionMethod]
# "superseded" is not offered: a decision becomes superseded when a later one replaces it.
STATUSES = [(Content(status.value), status.value) for status in DecisionStatus if status != DecisionStatus.SUPERSEDED]


def people_count(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


class DecisionDialog(SavingDialog[Decision | None]):
    CSS_PATH = "decision_fields.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, store: Store, workshop_id: int, *, stage_id: int | None = None, statement: str = "",
                 method: str = DecisionMethod.CONSENSUS, idea_ids: tuple[int, ...] = (),
                 theme_ids: tuple[int, ...] = (), source: str = "") -> None:
        super().__init__()
        self.store = store
        self.workshop_id = workshop_id
        self.stage_id = stage_id
        self.statement = statement
        self.method = str(method)
        self.idea_ids = tuple(idea_ids)
        self.theme_ids = tuple(theme_ids)
        # What the decision comes from, e.g. the vote result it was chosen from (user text).
        self.source = source

    # -- building -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        present = len(self.store.present_ids(self.workshop_id))
        with VerticalScroll(classes="dialog", id="decision-dialog"):
            yield Static("Record a decision", classes="dialog-title")
            if self.source:
                yield Static(join(["From the vote: ", (self.source, "bold")]), id="decision-source")
            yield Static(f"Present: {people_count(present)} (filled in from who has arrived)", id="decision-present")
            yield from self._row("Decision", Input(self.statement, placeholder="What was decided", id="statement",
                                                   compact=True))
            yield from self._row("Why", Input(placeholder="The reasons, in plain words", id="rationale", compact=True))
            yield from self._row("How", FieldSelect(METHODS, value=self.method, allow_blank=False, id="method",
                                               compact=True))
            yield from self._row("Who decides", Input(placeholder="e.g. the whole group", id="decided-by",
                                                      compact=True))
            yield from self._row("Status", FieldSelect(STATUSES, value=DecisionStatus.AGREED.value, allow_blank=False,
                                                  id="status", compact=True))
            yield from self._row("Review date", Input(placeholder="YYYY-MM-DD (optional)", id="review-date",
                                                      compact=True))
            yield from self._row("Dissent", Input(placeholder="Anyone who disagreed, in their words (optional)",
                                                 id="dissent", compact=True))
            yield from self._row("Dissent by", Input(placeholder="Start of a name, or blank: \u201ca participant\u201d",
                                                    id="dissent-by", compact=True))
            yield from self._row("Replaces", FieldSelect(self._earlier(), prompt="nothing: a new decision",
                                                         id="supersedes", compact=True, last=True))
            yield Static(id="decision-error", classes="dialog-error")
            yield Static(HINT, classes="dialog-hint")

    def _row(self, label: str, field) -> ComposeResult:
        with Horizontal(classes="field-row"):
            yield Label(label, classes="field-label")
            yield field

    def _earlier(self) -> list[tuple[Content, int]]:
        """Agreed decisions this decision could replace: this workshop's, then its series'."""
        workshop = self.store.workshop(self.workshop_id)
        workshops = [workshop]
        if workshop.series:
            workshops += [w for w in self.store.list_workshops() if w.series == workshop.series and w.id != workshop.id]
        options = []
        for source in workshops:
            for decision in self.store.decisions(source.id):
                if decision.status != DecisionStatus.AGREED:
                    continue
                where = "this workshop" if source.id == workshop.id else f"{source.title}, {source.date}"
                options.append((join([one_line(decision.statement, 60), (" (", "dim"), (where, "dim"), (")", "dim")]),
                                decision.id))
        return options

    def on_mount(self) -> None:
        self.query_one("#statement", Input).focus()

    # -- keys -----------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "dissent-by":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        def value(selector: str) -> str:
            return self.query_one(selector, Input).value

        dissent: list[tuple[int | None, str]] = []
        if value("#dissent").strip():
            typed = value("#dissent-by")
            person = pick_person(self.store.participants(self.workshop_id), typed) if typed.strip() else None
            if typed.strip() and person is None:
                self.show_error(f"No one in this workshop has a name starting with \u201c{typed.strip()}\u201d; "
                                "leave it blank to record \u201ca participant\u201d.")
                return
            dissent.append((person.id if person else None, value("#dissent")))
        elif value("#dissent-by").strip():
            self.show_error("Write what the dissent was, or leave \u201cDissent by\u201d blank.")
            return
        supersedes = self.query_one("#supersedes", Select).value
        values = dict(
            rationale=value("#rationale"),
            method=self.query_one("#method", Select).value,
            decided_by=value("#decided-by"),
            status=self.query_one("#status", Select).value,
            review_date=value("#review-date").strip() or None,
            stage_id=self.stage_id,
            idea_ids=self.idea_ids,
            theme_ids=self.theme_ids,
            supersedes_id=supersedes if isinstance(supersedes, int) else None,
            dissent=dissent,
        )
        workshop_id, statement = self.workshop_id, value("#statement")
        self.save_and_close(lambda store: store.add_decision(workshop_id, statement, **values))
