"""Record one decision: what, why, how, who decides, status, review date, dissent, what it replaces.

The dialog saves through the store itself, so a refusal (a bad date, an empty statement) is shown
in the dialog with everything typed still there. It returns the saved ``Decision``, or ``None``
when cancelled. Who was present is not asked: the store fills it in from attendance, and the
dialog says how many people that is.

Keys, as in every form (``FormDialog``): Enter moves to the next field (and saves from the last
one, "Replaces"), Ctrl+S saves from anywhere, Escape closes and keeps what was typed for the next
time this decision is opened (from the same vote result, or as free text).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Select, Static

from facilitator.domain.dates import DATE_HINT
from facilitator.domain.models import Decision, DecisionMethod, DecisionStatus
from facilitator.storage.store import Store
from facilitator.ui.dialogs.decision_fields import pick_person
from facilitator.ui.dialogs.form_dialog import HINT, FormDialog, Problem
from facilitator.ui.text import join, one_line
from facilitator.ui.widgets.field_select import FieldSelect

METHODS = [(Content(method.value), method.value) for method in DecisionMethod]
# "superseded" is not offered: a decision becomes superseded when a later one replaces it.
STATUSES = [(Content(status.value), status.value) for status in DecisionStatus if status != DecisionStatus.SUPERSEDED]


def people_count(count: int) -> str:
    return "1 person" if count == 1 else f"{count} people"


class DecisionDialog(FormDialog[Decision | None]):
    DATES: ClassVar[dict[str, str]] = {"review-date": "review date"}

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
            yield from self.row("Decision", Input(self.statement, placeholder="What was decided", id="statement",
                                                  compact=True))
            yield from self.row("Why", Input(placeholder="The reasons, in plain words", id="rationale", compact=True))
            yield from self.row("How", FieldSelect(METHODS, value=self.method, allow_blank=False, id="method",
                                              compact=True))
            yield from self.row("Who decides", Input(placeholder="e.g. the whole group", id="decided-by",
                                                     compact=True))
            yield from self.row("Status", FieldSelect(STATUSES, value=DecisionStatus.AGREED.value, allow_blank=False,
                                                 id="status", compact=True))
            yield from self.row("Review date", Input(placeholder=f"{DATE_HINT} (optional)", id="review-date",
                                                     compact=True))
            yield from self.row("Dissent", Input(placeholder="Anyone who disagreed, in their words (optional)",
                                                id="dissent", compact=True))
            yield from self.row("Dissent by", Input(placeholder="Start of a name, or blank: \u201ca participant\u201d",
                                                   id="dissent-by", compact=True))
            yield from self.row("Replaces", FieldSelect(self._earlier(), prompt="nothing: a new decision",
                                                        id="supersedes", compact=True))
            yield Static(id="decision-error", classes="dialog-error")
            yield Static(HINT, classes="dialog-hint")

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

    def draft_name(self) -> str:
        """One kept draft per stage and per vote result it was opened from (or free text)."""
        links = [f"t{i}" for i in self.theme_ids] + [f"i{i}" for i in self.idea_ids]
        return f"decision:{self.workshop_id}:{self.stage_id or ''}:{','.join(links)}"

    # -- saving ---------------------------------------------------------------------------------

    def _value(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def _dissenter(self) -> tuple[bool, int | None]:
        """(found, the person's id) for "Dissent by": blank is found, as "a participant"."""
        typed = self._value("#dissent-by")
        if not typed.strip():
            return True, None
        person = pick_person(self.store.participants(self.workshop_id), typed)
        return person is not None, person.id if person else None

    def problems(self) -> list[Problem]:
        found = [*self.required("statement", "decision"), *self.date_problem("review-date")]
        typed = self._value("#dissent-by").strip()
        if self._value("#dissent").strip():
            if not self._dissenter()[0]:
                unknown = (f"No one in this workshop has a name starting with \u201c{typed}\u201d; "
                           "leave it blank to record \u201ca participant\u201d.")
                found.append((unknown, "dissent-by"))
        elif typed:
            found.append(("Write what the dissent was, or leave \u201cDissent by\u201d blank.", "dissent"))
        return found

    def save_form(self) -> None:
        value = self._value
        dissent: list[tuple[int | None, str]] = []
        if value("#dissent").strip():
            dissent.append((self._dissenter()[1], value("#dissent")))
        supersedes = self.query_one("#supersedes", Select).value
        values = dict(
            rationale=value("#rationale"),
            method=self.query_one("#method", Select).value,
            decided_by=value("#decided-by"),
            status=self.query_one("#status", Select).value,
            review_date=self.date_value("review-date"),
            stage_id=self.stage_id,
            idea_ids=self.idea_ids,
            theme_ids=self.theme_ids,
            supersedes_id=supersedes if isinstance(supersedes, int) else None,
            dissent=dissent,
        )
        workshop_id, statement = self.workshop_id, value("#statement")
        self.save_and_close(lambda store: store.add_decision(workshop_id, statement, **values))
