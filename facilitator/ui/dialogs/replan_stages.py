"""The stages still to come, to shorten, skip, move to the next workshop, or put in a new order.

Opened from the re-plan dialog (``replan.py``) for one of four jobs. Enter acts on the stage the
cursor is on (for new minutes it moves to the minutes box; Enter there saves); for the order, u
and d (or Ctrl+Up and Ctrl+Down) move the stage up and down. The dialog stays open for more
changes; Escape closes it and says what was done. Only stages that have not started are listed:
the store refuses the others anyway.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain import replan
from facilitator.domain.models import Stage
from facilitator.ui.dialogs.decision_fields import refill
from facilitator.ui.dialogs.saving_dialog import SavingDialog
from facilitator.ui.text import join, one_line, plain
from facilitator.ui.widgets.form_field import FormField

# job: (title, hint)
JOBS = {
    "minutes": ("Shorten chosen stages", "Enter on a stage, type its new minutes, Enter saves. Escape closes."),
    "skip": ("Skip a stage", "Enter skips the stage the cursor is on (logged). Escape closes."),
    "carry": ("Move a stage to the next workshop",
              "Enter moves the stage the cursor is on to the next workshop in the series. Escape closes."),
    "order": ("Change the order of the stages to come",
              "u moves the stage up, d moves it down (or Ctrl+Up and Ctrl+Down). Escape closes."),
}  # fmt: skip


class StagesToComeDialog(SavingDialog[str | None]):
    CSS_PATH = "replan.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("u,ctrl+up", "move(-1)", "Up", show=False),
        Binding("d,ctrl+down", "move(1)", "Down", show=False),
    ]

    def __init__(self, workshop_id: int, job: str) -> None:
        super().__init__()
        self.workshop_id = workshop_id
        self.job = job
        self.done: list[str] = []

    def compose(self) -> ComposeResult:
        title, hint = JOBS[self.job]
        with Vertical(classes="dialog", id="replan-stages"):
            yield Static(title, classes="dialog-title")
            yield Static(id="replan-finish")
            yield OptionList(id="replan-list")
            if self.job == "minutes":
                yield FormField("New minutes", Input(id="replan-minutes", compact=True, type="integer"))
            yield Static(classes="dialog-error", id="replan-error")
            yield Static(hint, classes="dialog-hint")

    def on_mount(self) -> None:
        self.show_stages()
        self.query_one("#replan-list", OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "move":
            return self.job == "order"
        return True

    def _stages(self) -> list[Stage]:
        return self.app.store.stages_to_come(self.workshop_id)

    def show_stages(self) -> None:
        finish = self.app.store.finish(self.workshop_id)
        self.query_one("#replan-finish", Static).update(plain(replan.finish_sentence(finish)))
        options = [
            # The gap ends the title's own span: a span that starts with spaces loses them in a list.
            Option(join([(f"{stage.position:>2}  ", "bold"), one_line(stage.title, 44).plain + "  ",
                         (replan.minutes_words(stage.planned_minutes), "dim")]), id=str(stage.id))
            for stage in self._stages()
        ]  # fmt: skip
        stages = self.query_one("#replan-list", OptionList)
        refill(stages, options)
        if not options:
            self._say("There are no stages still to come.")
        elif stages.highlighted is None:
            stages.highlighted = 0

    def _chosen_stage(self) -> int | None:
        option = self.query_one("#replan-list", OptionList).highlighted_option
        return int(option.id) if option is not None and option.id else None

    def _say(self, sentence: str) -> None:
        self.query_one("#replan-error", Static).update(plain(sentence))

    def _did(self, sentence: str) -> None:
        self.done.append(sentence)
        self._say(sentence)
        self.app.announce_change()
        self.show_stages()

    @on(OptionList.OptionSelected, "#replan-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        stage_id = int(event.option.id)
        stage = self.app.store.stage(stage_id)
        if self.job == "minutes":
            box = self.query_one("#replan-minutes", Input)
            box.value = str(stage.planned_minutes)
            box.focus()
        elif self.job == "skip":
            self.save(lambda store: store.skip_stage(stage_id),
                      done=lambda _s: self._did(f"Skipped \u201c{stage.title}\u201d."))
        elif self.job == "carry":
            self.save(lambda store: store.carry_stage(stage_id),
                      done=lambda said: self._did(f"\u201c{stage.title}\u201d: {said}"))

    @on(Input.Submitted, "#replan-minutes")
    def _minutes_typed(self, event: Input.Submitted) -> None:
        event.stop()
        stage_id, value = self._chosen_stage(), event.value
        if stage_id is None:
            return

        def saved(stage: Stage) -> None:
            self._did(f"\u201c{stage.title}\u201d now takes {replan.minutes_words(stage.planned_minutes)}.")
            self.query_one("#replan-list", OptionList).focus()

        self.save(lambda store: store.set_stage_minutes(stage_id, value), done=saved)

    def action_move(self, step: int) -> None:
        stage_id = self._chosen_stage()
        if self.job != "order" or stage_id is None:
            return

        def moved(stage: Stage) -> None:
            self._did(f"\u201c{stage.title}\u201d is now step {stage.position}.")
            stages = self.query_one("#replan-list", OptionList)
            index = next((n for n, option in enumerate(stages.options) if option.id == str(stage_id)), None)
            if index is not None:
                stages.highlighted = index

        self.save(lambda store: store.move_stage(stage_id, step), done=moved)

    def show_error(self, sentence: str) -> None:
        self._say(sentence)
        self.app.notify(sentence, severity="error", markup=False)

    def action_close(self) -> None:
        if self.saving_in_background:
            self.action_cancel()  # says it closes by itself once saved
            return
        self.dismiss(" ".join(self.done) or None)
