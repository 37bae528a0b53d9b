"""The feedback stage: "You said, we did", where every piece of feedback gets a reply.

Each item shows what was said, what was done, its status in words, and for "not possible" the
reason (which the store requires). Items carried over from an earlier workshop in the series say
where they came from, and the last change to the item (the same item as the action or item it came
from: changing one changes the other, with a dated history). Keys: ``n`` adds an item, Enter edits the selected one, ``c`` carries over
what is still open in the previous workshop of the series (open actions, unanswered items).
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain.models import FeedbackItem, FeedbackStatus
from facilitator.ui.dialogs.decision_fields import refill
from facilitator.ui.dialogs.feedback_dialog import FeedbackDialog
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.text import join, one_line, plain, show_date
from facilitator.ui.widgets.status_line import waiting_sentence


class FeedbackPanel(SavesWithoutFreezing, StagePanel):
    DEFAULT_CSS = """
    FeedbackPanel { height: 1fr; overflow-y: auto; }
    FeedbackPanel #feedback-prompt { margin-bottom: 1; }
    FeedbackPanel #feedback-list { height: 1fr; min-height: 6; border: round $foreground 40%; }
    FeedbackPanel #feedback-list:focus { border: round $accent; }
    /* Takes a line only while there is something to say: on a small screen the list wants it. */
    FeedbackPanel #feedback-message { color: $text-success; text-style: bold; display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new_item", "New item"),
        Binding("enter", "edit_item", "Edit", show=True),
        Binding("c", "carry_over", "Carry over"),
    ]
    # The palette's names (``ui/commands.py``); the run screen's command opens the same form.
    COMMAND_NAMES: ClassVar[dict[str, str]] = {
        "new_item": "Add a \u201cyou said, we did\u201d item",
        "edit_item": "Edit the \u201cyou said, we did\u201d item",
        "carry_over": "Carry over what is still open from the last workshop",
    }

    def compose(self) -> ComposeResult:
        yield Static(id="feedback-prompt")
        yield OptionList(id="feedback-list")
        yield Static(id="feedback-message")

    def on_built(self) -> None:
        self.query_one("#feedback-list").border_title = "You said, we did (n: new, Enter: edit)"
        self.reload()
        self.query_one("#feedback-list", OptionList).focus()

    def reload(self) -> None:
        if not self.children:  # not composed yet: on_built fills it in
            return
        stage = self.stage
        prompt = stage.settings.get("prompt", "")
        self.query_one("#feedback-prompt", Static).update(plain(prompt) if prompt else join([(stage.title, "bold")]))
        items = self.store.feedback_items(self.workshop_id)
        options = [self._option(item) for item in items]
        if not options:
            options = [Option(Content("Nothing yet: press n to add what people said and what was done."),
                              id="none", disabled=True)]
        listing = self.query_one("#feedback-list", OptionList)
        refill(listing, options)
        if items and listing.highlighted is None:
            listing.highlighted = 0

    def _option(self, item: FeedbackItem) -> Option:
        parts: list = [(f"[{item.status.value}] ", "bold"), ("You said: ", "bold"), plain(item.said)]
        parts += [("\n    We did: ", "bold"), plain(item.done) if item.done else ("nothing recorded yet", "dim")]
        if item.reason:
            label = "Why not: " if item.status == FeedbackStatus.NOT_POSSIBLE else "Note: "
            parts += [("\n    " + label, "bold"), plain(item.reason)]
        if item.source_workshop_id is not None:
            source = self.store.workshop(item.source_workshop_id)
            parts += [("\n    Carried over from ", "dim"), one_line(source.title), (f", {source.date}", "dim")]
            if item.source_action_id is not None:
                parts.append((" (the same action: it moves on with this item)", "dim"))
        elif item.source_workshop_title:  # that workshop is not in this database
            parts += [("\n    Carried over from ", "dim"), one_line(item.source_workshop_title),
                      (f", {item.source_workshop_date}", "dim")]  # fmt: skip
        history = self.store.item_history(feedback_id=item.id)
        if history:
            last = history[-1]
            parts += [("\n    Changed ", "dim"), show_date(last.at)]
            if last.workshop_title:
                parts += [" in ", one_line(last.workshop_title, 40)]
            if last.changed_by and not self.presenting:  # a typed name: not for the projector
                parts += [" by ", one_line(last.changed_by, 30)]
            parts += [": ", one_line(last.change, 80)]
        return Option(join(parts), id=f"f{item.id}")

    def _selected(self) -> FeedbackItem | None:
        option = self.query_one("#feedback-list", OptionList).highlighted_option
        if option is None or not option.id or option.id == "none":
            return None
        return self.store.feedback_item(int(option.id[1:]))

    @on(OptionList.OptionSelected, "#feedback-list")
    def _selected_by_enter(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_item()

    def action_new_item(self) -> None:
        self.app.push_screen(FeedbackDialog(self.store, self.workshop_id, stage_id=self.stage_id), self._saved)

    def action_edit_item(self) -> None:
        item = self._selected()
        if item is None:
            self.app.notify("Nothing to edit yet: press n to add an item.", severity="warning")
            return
        self.app.push_screen(FeedbackDialog(self.store, self.workshop_id, stage_id=self.stage_id, item=item),
                             self._saved)

    def action_carry_over(self) -> None:
        """Bring in what is still open from the previous workshop in the series (once each).

        The store also does this when a workshop in a series is created; the key picks up
        anything added to the earlier workshop since.
        """
        earlier = self.store.previous_in_series(self.workshop_id)
        if earlier is None:
            self._say("There is no earlier workshop in this series to carry items over from.")
            return
        workshop_id = self.workshop_id

        def carried_over(carried: int) -> None:
            self.reload()
            self._say(join([f"Carried over {carried} new {'item' if carried == 1 else 'items'} from ",
                            one_line(earlier.title), "."]))
            if carried:
                self.post_message(StagePanel.Changed())

        self.save(lambda store: store.carry_over_into(workshop_id), done=carried_over)

    def show_save_error(self, sentence: str) -> None:
        self._say(sentence)
        self.app.notify(sentence, severity="error", markup=False)

    def show_saving_state(self, seconds: float | None) -> None:
        self._say("" if seconds is None else waiting_sentence(seconds))

    def _saved(self, item: FeedbackItem | None) -> None:
        if item is None:
            return
        self.reload()
        listing = self.query_one("#feedback-list", OptionList)
        listing.highlighted = listing.get_option_index(f"f{item.id}")
        self._say(join(["Saved: ", one_line(item.said, 50), f" ({item.status.value})"]))
        self.post_message(StagePanel.Changed())

    def _say(self, message: str | Content) -> None:
        box = self.query_one("#feedback-message", Static)
        box.update(message if isinstance(message, Content) else plain(message))
        box.display = bool(message)
