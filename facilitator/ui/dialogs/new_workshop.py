"""Start a new workshop from an agenda (shipped or the user's own): dismisses with its id.

Enter in any text box (or Ctrl+S anywhere) creates it; Escape cancels. A problem (an empty
title, a bad date) is shown as the store's sentence and the dialog stays open, so nothing typed
is lost.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Select, Static

from facilitator.domain.agenda import Agenda, list_agendas, stages_from_agenda
from facilitator.domain.dates import DATE_HINT
from facilitator.domain.errors import AgendaError
from facilitator.domain.models import Involvement
from facilitator.local.join_command import typed
from facilitator.ui.dialogs.saving_dialog import SavingDialog
from facilitator.ui.text import join, one_line
from facilitator.ui.widgets.form_field import FormField

# The guidance asks that people are told honestly which kind of involvement they are part of.
INVOLVEMENT_LABELS = {
    Involvement.COLLABORATION: "collaboration: services and funders working together",
    Involvement.INVOLVEMENT: "involvement: people with lived experience asked and heard",
    Involvement.CO_PRODUCTION: "co-production: designed together, as equals",
    Involvement.USER_LED: "user-led: led by people who use services",
}


# (id, label, placeholder): the invitation pack's details, as Store.create_workshop(details=) takes them.
PACK_FIELDS = (
    ("start_time", "Starts at", "A time of day, e.g. 10:00 or 2pm"),
    ("step_free", "Step-free", "Step-free access: yes, no, or a few words"),
    ("hearing_loop", "Hearing loop", "yes, no, or a few words"),
    ("quiet_room", "Quiet room", "yes, no, or a few words"),
    ("bus_stop", "Bus stop", "The nearest bus stop"),
    ("access_notes", "Access", "Anything else about getting there and getting in"),
    ("contact_name", "Contact", "Who people can ask"),
    ("contact_details", "Phone/email", "Their phone number or email"),
    ("time_recognised", "Your time", "How people's time is recognised, e.g. paid £15 an hour"),
)


class NewWorkshopDialog(SavingDialog[int | None]):
    CSS_PATH = "new_workshop.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "create", "Create"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, *, agenda: str | None = None) -> None:
        """``agenda``: the one chosen first (the agenda just made in the editor), if it loads."""
        super().__init__()
        self.first_choice = agenda
        self.agendas: dict[str, Agenda] = {}
        self.broken: list[str] = []
        for name, _path, loaded in list_agendas():
            if isinstance(loaded, AgendaError):
                self.broken.append(name)
            else:
                self.agendas[name] = loaded
        # Until the person picks an involvement, it follows the agenda's own.
        self.involvement_chosen = False

    def compose(self) -> ComposeResult:
        first = self.first_choice if self.first_choice in self.agendas else next(iter(self.agendas), None)
        with Vertical(classes="dialog", id="new-workshop"):
            yield Static("New workshop", classes="dialog-title")
            with VerticalScroll(id="fields"):
                yield from self._row("Agenda", Select(
                    [(one_line(f"{name} ({a.total_minutes} min, {len(a.stages)} stages)"), name)
                     for name, a in self.agendas.items()],
                    value=first if first else Select.BLANK, allow_blank=first is None, id="agenda", compact=True,
                ))
                yield Static(id="agenda-about")
                # Stages moved out of earlier workshops while they ran (re-planning), shown near the
                # top so it is seen at 80x24: a series' own are always added; outside a series they
                # are offered, not ticked (Space ticks it).
                yield Checkbox("", id="carry", compact=True)
                yield from self._row("Title", Input(placeholder="What the workshop is called", id="title", compact=True))
                yield from self._row("Purpose", Input(placeholder="What it is for, in a sentence", id="purpose", compact=True))
                yield from self._row("Place", Input(placeholder="Where it happens", id="place", compact=True))
                yield from self._row("Date", Input(placeholder=DATE_HINT, id="date", compact=True))
                yield from self._row("Involvement", Select(
                    [(label, kind.value) for kind, label in INVOLVEMENT_LABELS.items()],
                    value=self.agendas[first].involvement.value if first else Involvement.CO_PRODUCTION.value,
                    allow_blank=False, id="involvement", compact=True,
                ))
                yield from self._row("Series", Input(placeholder="Optional: a series of workshops it belongs to", id="series", compact=True))
                # The invitation pack's details: all optional, and changeable later (facilitator edit).
                yield Static("For the invitation pack (optional; scroll down)", classes="form-section")
                for key, label, hint in PACK_FIELDS:
                    yield from self._row(label, Input(placeholder=hint, id=key, compact=True))
            yield Static(
                "Enter in a text box or Ctrl+S creates it. Escape cancels.", classes="dialog-hint"
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Create", id="create", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def _row(self, label: str, widget) -> ComposeResult:
        yield FormField(label, widget)

    def on_mount(self) -> None:
        self.query_one("#date", Input).value = self.app.store.today()
        self._show_agenda()
        self._show_carry()
        if not self.agendas:
            self.notify("No agenda could be read, so a workshop cannot be started yet.", severity="error")
        elif self.broken:
            self.notify(
                f"Not offered because its file has a problem: {', '.join(self.broken)} "
                f"(run: {typed('agendas', 'check', 'FILE')}).",
                severity="warning",
                markup=False,
            )
        self.query_one("#title", Input).focus()

    def _agenda(self) -> Agenda | None:
        value = self.query_one("#agenda", Select).value
        return self.agendas.get(value) if isinstance(value, str) else None

    def _show_agenda(self) -> None:
        agenda = self._agenda()
        about = self.query_one("#agenda-about", Static)
        if agenda is None:
            about.update("")
            return
        stages = ", ".join(stage.title for stage in agenda.stages)
        about.update(join([("Stages: ", "bold"), one_line(stages, 200)]))

    @on(Select.Changed, "#agenda")
    def _agenda_changed(self, event: Select.Changed) -> None:
        self._show_agenda()
        agenda = self._agenda()
        if agenda is not None and not self.involvement_chosen:
            with self.prevent(Select.Changed):
                self.query_one("#involvement", Select).value = agenda.involvement.value

    @on(Input.Changed, "#series")
    def _series_changed(self, event: Input.Changed) -> None:
        self._show_carry()

    def _show_carry(self) -> None:
        series = self.query_one("#series", Input).value.strip()
        waiting = self.app.store.stages_to_carry(series)
        box = self.query_one("#carry", Checkbox)
        box.display = bool(waiting)
        if not waiting:
            return
        titles = ", ".join(stage.title for stage in waiting)
        count = "1 stage" if len(waiting) == 1 else f"{len(waiting)} stages"
        if series:
            box.label = one_line(f"Adds {count} carried in the series: {titles}", 58)
        else:
            box.label = one_line(f"Add {count} waiting to be carried: {titles}", 58)
        box.disabled = bool(series)
        box.value = bool(series)

    @on(Select.Changed, "#involvement")
    def _involvement_changed(self, event: Select.Changed) -> None:
        self.involvement_chosen = True

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    @on(Button.Pressed, "#create")
    def _create_pressed(self, event: Button.Pressed) -> None:
        self.action_create()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        self.action_cancel()

    def action_create(self) -> None:
        agenda = self._agenda()
        if agenda is None:
            self.notify("Choose an agenda first.", severity="error")
            self.query_one("#agenda", Select).focus()
            return
        values = {key: self.query_one(f"#{key}", Input).value for key in ("title", "purpose", "place", "date", "series")}
        details = dict(
            **values,
            stages=stages_from_agenda(agenda),
            involvement=str(self.query_one("#involvement", Select).value),
            agenda_name=self.query_one("#agenda", Select).value,
            details={key: self.query_one(f"#{key}", Input).value for key, _, _ in PACK_FIELDS},
            carry=self.query_one("#carry", Checkbox).value,
        )

        stage_added = not any(stage["kind"] == "feedback" for stage in details["stages"])

        def create(store) -> tuple[int, str | None, str | None]:
            waiting = store.stages_to_carry(details["series"].strip())
            workshop = store.create_workshop(**details)
            taken = waiting if details["carry"] or workshop.series else []
            return (workshop.id, store.carry_over_sentence(workshop.id, stage_added=stage_added),
                    store.carry_sentence(taken, added=True))  # fmt: skip

        def created(made: tuple[int, str | None, str | None]) -> None:
            workshop_id, carried, stages_carried = made
            self.app.announce_change()
            if stages_carried:
                self.app.notify(stages_carried, title="Stages carried", markup=False, timeout=12)
            if carried:
                # Said on creation: what came over from last time, and where it is.
                self.app.notify(carried, title="You said, we did", markup=False, timeout=12)
            self.dismiss(workshop_id)

        self.save(create, done=created)
