"""How one person's time is recognised for this workshop (the roster's r key): dismisses with
their id once saved, or None.

Paid, a voucher, declined, or donated to a cause, and expenses (travel, care, other) in pounds
and pence. The form records the person's own choice; it gives no advice about benefits, and
says so. Enter saves; Escape cancels (asking first if anything was typed).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from facilitator.domain.models import Participant
from facilitator.domain.recognition import (
    KIND_WORDS,
    Recognition,
    RecognitionKind,
    missing_rate_sentences,
    parse_money,
    plain_amount,
)
from facilitator.ui.dialogs.saving_dialog import OneStepDialog
from facilitator.ui.text import join
from facilitator.ui.widgets.choices import ChoiceButton, ChoiceSet
from facilitator.ui.widgets.form_field import FormField

KIND_LABELS = {
    RecognitionKind.PAID: "Paid for their time",
    RecognitionKind.VOUCHER: "A voucher",
    RecognitionKind.DECLINED: "Declined: no payment",
    RecognitionKind.DONATED: "Donated to a cause",
}
MONEY_FIELDS = (("amount", "Fixed amount", "Optional, e.g. 25 (else hours \u00d7 rate)"),
                ("travel", "Travel", "e.g. 4.50"), ("care", "Care costs", "e.g. 12"),
                ("other", "Other costs", "e.g. 3.20"))  # fmt: skip
NOT_ADVICE = "This records their choice. It is not benefits advice: they should ask their own adviser."


def _amount(pence: int | None) -> str:
    return "" if not pence else plain_amount(pence)


class RecognitionDialog(OneStepDialog[int | None]):
    CSS_PATH = "recognition_dialog.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, person: Participant, given: Recognition | None) -> None:
        super().__init__()
        self.person = person
        self.given = given

    def compose(self) -> ComposeResult:
        given = self.given
        kind = given.kind if given else RecognitionKind.PAID
        with Vertical(classes="dialog", id="recognition"):
            yield Static(join([("Their time: ", "bold"), (self.person.name, "bold")]), classes="dialog-title")
            yield FormField("Recognised by", ChoiceSet(
                *[ChoiceButton(label, value=k == kind, name=k.value, compact=True) for k, label in KIND_LABELS.items()],
                id="kind", compact=True), tall=True)  # fmt: skip
            yield FormField("Donated to", Input(given.donated_to if given else "", placeholder="The cause, if donated",
                                                id="donated", compact=True))  # fmt: skip
            values = {"amount": given.amount_pence if given else None, "travel": given.travel_pence if given else 0,
                      "care": given.care_pence if given else 0, "other": given.other_pence if given else 0}  # fmt: skip
            for key, label, hint in MONEY_FIELDS:
                yield FormField(label, Input(_amount(values[key]), placeholder=hint, id=key, compact=True))
            yield Static(classes="dialog-error")
            yield Static(f"Enter saves. Escape cancels. {NOT_ADVICE}", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save", id="save", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#kind", ChoiceSet).focus()

    def action_save(self) -> None:
        from facilitator.domain.errors import FacilitatorError

        chosen = self.query_one("#kind", ChoiceSet).pressed_button
        kind = chosen.name if chosen is not None else RecognitionKind.PAID.value
        try:
            money = {key: parse_money(self.query_one(f"#{key}", Input).value, label.lower())
                     for key, label, _ in MONEY_FIELDS}  # fmt: skip
        except FacilitatorError as error:
            self.show_error(str(error))
            return
        amount = self.query_one("#amount", Input).value.strip()
        values = {
            "donated_to": self.query_one("#donated", Input).value,
            "amount_pence": money["amount"] if amount else None,
            "travel_pence": money["travel"], "care_pence": money["care"], "other_pence": money["other"],
        }  # fmt: skip
        person_id = self.person.id

        def saved(_result) -> None:
            self.app.announce_change()
            self.app.notify(f"Recorded: {KIND_WORDS[RecognitionKind(kind)].lower()}.", markup=False)
            rows = self.app.store.recognition_rows(workshop_id=self.person.workshop_id)
            for sentence in missing_rate_sentences([row for row in rows if row.participant_id == person_id], app=True):
                self.app.notify(sentence, severity="warning", markup=False, timeout=12)
            self.dismiss(person_id)

        self.save(lambda store: store.record_recognition(person_id, kind, **values), done=saved)
