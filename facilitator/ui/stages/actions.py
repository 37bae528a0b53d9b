"""The actions stage: who will do what, by when, and for which decision.

``n`` adds an action (what, owner, due date, linked decision); ``s`` moves the selected action on
(open, then in progress, then done) with an optional note, kept as the action's history.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain import attribution
from facilitator.domain.dates import past_warning
from facilitator.domain.models import Action, ActionStatus
from facilitator.ui.dialogs.action_dialog import ActionDialog, ActionStatusDialog
from facilitator.ui.dialogs.decision_fields import refill
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.text import join, one_line, plain, show_date

# What ``s`` moves an action on to. A dropped action opens again.
NEXT_STATUS = {
    ActionStatus.OPEN: ActionStatus.IN_PROGRESS,
    ActionStatus.IN_PROGRESS: ActionStatus.DONE,
    ActionStatus.DONE: ActionStatus.OPEN,
    ActionStatus.DROPPED: ActionStatus.OPEN,
}


class ActionsPanel(StagePanel):
    DEFAULT_CSS = """
    ActionsPanel { height: 1fr; overflow-y: auto; }
    ActionsPanel #actions-prompt { margin-bottom: 1; }
    ActionsPanel #actions-list { height: 1fr; min-height: 6; border: round $foreground 40%; }
    ActionsPanel #actions-list:focus { border: round $accent; }
    /* Takes a line only once there is something to say: on a small screen the list wants it. */
    ActionsPanel #actions-message { color: $text-success; text-style: bold; display: none; }
    ActionsPanel #actions-message.-warning { color: $text-warning; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_action", "New action"),
        Binding("s", "next_status", "Status"),
    ]
    # The palette's names (``ui/commands.py``); the run screen's "Add an action" opens this one.
    COMMAND_NAMES: ClassVar[dict[str, str]] = {
        "new_action": "Add an action",
        "next_status": "Action: move it on to its next status",
    }

    def compose(self) -> ComposeResult:
        yield Static(id="actions-prompt")
        yield OptionList(id="actions-list")
        yield Static(id="actions-message")

    def on_built(self) -> None:
        self.query_one("#actions-list").border_title = "Actions (n: new, s: move on)"
        self.reload()
        self.query_one("#actions-list", OptionList).focus()

    def reload(self) -> None:
        if not self.children:  # not composed yet: on_built fills it in
            return
        stage = self.stage
        prompt = stage.settings.get("prompt", "")
        self.query_one("#actions-prompt", Static).update(plain(prompt) if prompt else join([(stage.title, "bold")]))
        actions = self.store.actions(self.workshop_id)
        decisions = {d.id: d for d in self.store.decisions(self.workshop_id)}
        people = {p.id: p for p in self.store.participants(self.workshop_id)}
        options = [self._option(action, decisions, people) for action in actions]
        if not options:
            options = [Option(Content("No actions yet: press n to add one."), id="none", disabled=True)]
        listing = self.query_one("#actions-list", OptionList)
        refill(listing, options)
        if actions and listing.highlighted is None:
            listing.highlighted = 0

    def _option(self, action: Action, decisions, people) -> Option:
        parts: list = [(f"[{action.status.value}] ", "bold"), plain(action.what)]
        details: list[Content] = []
        if action.owner_participant_id in people:
            # While presenting, as the owner chose to be shown (as in the minutes); the private
            # view names an owner who chose otherwise, marked, so the facilitator can chase it.
            owner = people[action.owner_participant_id]
            shown = attribution.display_name(owner) if self.presenting else attribution.name_for_facilitator(owner)
            details.append(join(["owner: ", shown]))
        elif action.owner_text:
            details.append(join(["owner: ", action.owner_text]))
        else:
            details.append(Content("no owner yet"))
        details.append(Content(f"due {show_date(action.due_date)}" if action.due_date else "no due date"))
        if action.decision_id in decisions:
            details.append(join(["for: ", one_line(decisions[action.decision_id].statement, 50)]))
        parts += [("\n    ", "dim"), Content(" \u00b7 ").join(details)]
        updates = self.store.action_updates(action.id)
        if updates and updates[-1].note:
            parts += [("\n    Latest note: ", "dim"), plain(updates[-1].note)]
        return Option(join(parts), id=f"a{action.id}")

    def _selected(self) -> Action | None:
        option = self.query_one("#actions-list", OptionList).highlighted_option
        if option is None or not option.id or option.id == "none":
            return None
        return self.store.action(int(option.id[1:]))

    def action_new_action(self) -> None:
        self.app.push_screen(ActionDialog(self.store, self.workshop_id), self._added)

    def action_next_status(self) -> None:
        action = self._selected()
        if action is None:
            self.app.notify("Choose an action first (Up and Down), then press s.", severity="warning")
            return
        self.app.push_screen(ActionStatusDialog(self.store, action, NEXT_STATUS[action.status]), self._saved)

    def _added(self, action: Action | None) -> None:
        """A new action: saved as typed, with a word when its due date is already past."""
        warning = None
        if action is not None and action.due_date:
            today = date.fromisoformat(self.store.today())
            warning = past_warning("due date", date.fromisoformat(action.due_date), today)
        self._saved(action, warning)

    def _saved(self, action: Action | None, warning: str | None = None) -> None:
        if action is None:
            return
        self.reload()
        actions = self.query_one("#actions-list", OptionList)
        actions.highlighted = actions.get_option_index(f"a{action.id}")
        message = self.query_one("#actions-message", Static)
        message.set_class(warning is not None, "-warning")
        message.update(join(["Saved: ", one_line(action.what, 50), f" ({action.status.value})",
                             *([". ", warning] if warning else [])]))
        message.display = True
        self.post_message(StagePanel.Changed())
