"""Re-plan the rest of the workshop (the run screen's F10 or Ctrl+G): one dialog, every way to catch up.

The first choice is the usual one, so a facilitator 20 minutes over re-plans in two key presses
(F10, Enter): the stages to come give up the time in proportion to their length, breaks kept
whole. The others: shorten chosen stages, skip one, move one to the next workshop in the series,
add a stage now (a break, another ideas round, a vote), change the order of the stages to come,
or accept the later finish. Every change is saved and logged with its time by the store
(``storage/replan.py``); the minutes' agenda table shows it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain import replan
from facilitator.ui.dialogs.saving_dialog import SavingDialog
from facilitator.ui.text import plain

# (id, words); "{save}" and "{finish}" are filled in from the finish times.
CHOICES = (
    ("shorten", "Shorten the rest in proportion ({save}; breaks kept whole)"),
    ("minutes", "Shorten chosen stages\u2026"),
    ("skip", "Skip a stage\u2026"),
    ("carry", "Move a stage to the next workshop\u2026"),
    ("add", "Add a stage now (a break, another ideas round, a vote)\u2026"),
    ("order", "Change the order of the stages to come\u2026"),
    ("accept", "Accept the later finish{finish}"),
)


class ReplanDialog(SavingDialog[str | None]):
    CSS_PATH = "replan.tcss"
    DEFAULT_CLASSES = "dialog-screen"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Close")]

    def __init__(self, workshop_id: int) -> None:
        super().__init__()
        self.workshop_id = workshop_id

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="replan"):
            yield Static("Re-plan the rest of the workshop", classes="dialog-title")
            yield Static(id="replan-finish")
            yield OptionList(id="replan-choices")
            yield Static(classes="dialog-error", id="replan-error")
            yield Static("Enter chooses. Escape closes. Every change is logged for the minutes.",
                         classes="dialog-hint")

    def on_mount(self) -> None:
        self.show_plan()
        self.query_one("#replan-choices", OptionList).focus()

    def show_plan(self) -> None:
        finish = self.app.store.finish(self.workshop_id)
        self.query_one("#replan-finish", Static).update(plain(replan.finish_sentence(finish)))
        save = replan.minutes_to_save(finish) if finish is not None else 0
        fill = {
            "save": f"saves {replan.minutes_words(save)}" if save else "nothing to save: on time",
            "finish": f" ({replan.clock(finish.projected)})" if finish is not None else "",
        }
        choices = self.query_one("#replan-choices", OptionList)
        highlighted = choices.highlighted
        choices.set_options([Option(plain(words.format(**fill)), id=key) for key, words in CHOICES])
        choices.highlighted = highlighted or 0

    @on(OptionList.OptionSelected, "#replan-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice, workshop_id = event.option.id, self.workshop_id
        if choice == "shorten":
            def saved(minutes: int) -> None:
                self.dismiss(
                    f"Saved {replan.minutes_words(minutes)}: the stages to come are shorter in proportion, "
                    "breaks kept whole." if minutes else "Nothing to shorten: the workshop is on time."
                )  # fmt: skip

            self.save(lambda store: store.shorten_the_rest(workshop_id), done=saved)
        elif choice == "accept":
            self.save(lambda store: store.accept_later_finish(workshop_id), done=self.dismiss)
        elif choice == "add":
            from facilitator.ui.dialogs.add_stage import AddStageDialog

            self.app.push_screen(AddStageDialog(workshop_id), self._came_back)
        else:
            from facilitator.ui.dialogs.replan_stages import StagesToComeDialog

            self.app.push_screen(StagesToComeDialog(workshop_id, choice), self._came_back)

    def _came_back(self, said: str | None) -> None:
        if said:
            self.app.notify(said, markup=False, timeout=6)
        self.app.announce_change()
        self.show_plan()
