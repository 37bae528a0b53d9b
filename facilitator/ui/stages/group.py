"""The group stage: sort the ideas into themes from the keyboard (no dragging needed).

One list shows the ideas not in a theme yet, then each theme with its ideas. Keys act on the
highlighted line: ``t`` new theme (an ungrouped idea that is highlighted goes into it), ``m`` move
the idea into a theme, ``u`` take it out of its theme, ``R`` rename the theme, ``M`` merge the
theme into another (for duplicates), ``x`` remove an empty theme. Themes are chosen from a small
numbered list: press the number, or move and press Enter.

Saving never freezes the projected screen: a change is written at once when nobody else is
writing, and otherwise handed to a ``BackgroundWriter`` while the message line says it is
waiting (a theme's name stays in its box until it is saved); a second change while one waits is
refused with a sentence.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from facilitator.domain.models import Idea, Theme
from facilitator.ui import text
from facilitator.ui.saving import SavesWithoutFreezing
from facilitator.ui.stages.base import StagePanel
from facilitator.ui.widgets.status_line import StatusLine

BUSY = "Still saving the last change; press the key again in a moment."
# An idea quoted in the move question is cut to this many cells (the dialog is 60 wide).
IDEA_IN_QUESTION = 60
HELP = "t new theme \u00b7 m move idea \u00b7 u un-group \u00b7 R rename \u00b7 M merge \u00b7 x remove empty theme"


class ThemeChooser(ModalScreen[int | None]):
    """A numbered list of themes: press a number, or move and press Enter. Escape cancels."""

    DEFAULT_CSS = """
    ThemeChooser { align: center middle; }
    ThemeChooser > Vertical {
        width: 60; max-width: 90%; height: auto; max-height: 80%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    ThemeChooser #chooser-question { text-style: bold; margin-bottom: 1; }
    /* See StagePanel: room for the scroll bar, so a wrapped theme name keeps its last word. */
    ThemeChooser OptionList { height: auto; max-height: 16; scrollbar-gutter: stable; scrollbar-size-horizontal: 0; }
    """

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, question: str | Content, themes: list[tuple[int, Theme]]) -> None:
        super().__init__()
        # A str is user text (kept literal); Content is ours, built with ``ui/text.py``.
        self.question = question if isinstance(question, Content) else text.plain(question)
        self.themes = themes  # (number shown, theme)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="chooser-question")
            yield OptionList(
                *(Option(text.join([(f"{n}. ", "bold"), text.one_line(theme.name, 60)])) for n, theme in self.themes),
                id="chooser-list",
            )
            yield Static("Press a number, or use the arrows and Enter. Escape cancels.")

    def on_key(self, event) -> None:
        if event.character and event.character.isdigit():
            number = int(event.character)
            match = [theme.id for n, theme in self.themes if n == number]
            if match:
                event.stop()
                self.dismiss(match[0])

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.themes[event.option_index][1].id)


class GroupPanel(SavesWithoutFreezing, StagePanel):
    DEFAULT_CSS = """
    GroupPanel { padding: 0 1; }
    GroupPanel #group-prompt { text-style: bold; }
    GroupPanel #group-help { color: $text-muted; }
    GroupPanel #group-list { height: 1fr; border: none; }
    GroupPanel #group-name { display: none; }
    GroupPanel.-naming #group-name { display: block; }
    GroupPanel #group-message { height: auto; padding: 0; }
    """

    still_saving_sentence = BUSY

    BINDINGS = [
        Binding("t", "new_theme", "New theme"),
        Binding("m", "move", "Move idea"),
        Binding("u", "ungroup", "Un-group"),
        Binding("R", "rename", "Rename theme"),
        Binding("M", "merge", "Merge theme"),
        Binding("x", "remove", "Remove theme"),
        Binding("escape", "cancel_name", "Cancel", show=False),
    ]
    # The palette's names (``ui/commands.py``): the words a person would type.
    COMMAND_NAMES = {
        "new_theme": "Group: new theme",
        "move": "Group: move the idea into a theme",
        "ungroup": "Group: take the idea out of its theme (un-group)",
        "rename": "Group: rename the theme",
        "merge": "Group: merge the theme into another",
        "remove": "Group: remove an empty theme",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._ideas: list[Idea] = []
        self._themes: list[Theme] = []
        self._naming: tuple[str, int | None] | None = None  # ("new", idea id) or ("rename", theme id)
        self._shown: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="group-prompt")
        yield Static(HELP, id="group-help")
        yield OptionList(id="group-list")
        yield Input(id="group-name")
        yield StatusLine(id="group-message")

    def on_built(self) -> None:
        self.reload()
        self.query_one("#group-list", OptionList).focus()

    # -- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        stage = self.stage
        self.query_one("#group-prompt", Static).update(text.plain(stage.settings.get("prompt") or stage.title))
        ideas: list[Idea] = []
        hidden_stages = []
        for stage_id in self.store.idea_stage_ids_before(self.stage_id):
            earlier = self.store.stage(stage_id)
            if earlier.settings.get("silent") and not earlier.revealed:
                hidden_stages.append(earlier.title)
                continue
            ideas += self.store.ideas(stage_id=stage_id)
        self._ideas = ideas
        self._themes = self.store.themes(self.workshop_id)
        if hidden_stages and not self.saving_in_background:  # keep "waiting" shown
            self._message(
                f"Ideas from \u201c{hidden_stages[0]}\u201d are still hidden: go back to that stage (F3) "
                "and reveal them (Ctrl+R)."
            )
        shown = (tuple(ideas), tuple(self._themes))
        if shown != self._shown:
            self._shown = shown
            self._rebuild()

    def _rebuild(self) -> None:
        """Redraw the list, keeping the highlighted line and the scroll position."""
        option_list = self.query_one("#group-list", OptionList)
        before = option_list.highlighted_option.id if option_list.highlighted_option else None
        scroll_y = option_list.scroll_y
        options: list[Option] = []
        loose = [idea for idea in self._ideas if idea.theme_id is None]
        options.append(Option(f"Not in a theme yet ({len(loose)})", id="loose", disabled=True))
        options += [self._idea_option(idea) for idea in loose]
        for number, theme in enumerate(self._themes, 1):
            members = [idea for idea in self._ideas if idea.theme_id == theme.id]
            count = f"{len(members)} idea" if len(members) == 1 else f"{len(members)} ideas"
            label = text.join([(f"{number}. ", "bold"), text.styled(theme.name, "bold"), f"  ({count})"])
            options.append(Option(label, id=f"theme-{theme.id}"))
            options += [self._idea_option(idea) for idea in members]
        option_list.clear_options()
        option_list.add_options(options)
        index = None
        if before is not None:
            try:
                index = option_list.get_option_index(before)
            except Exception:  # the line is gone (merged or removed): fall back below
                index = None
        if index is None:
            index = next((i for i, option in enumerate(options) if not option.disabled), None)
        option_list.highlighted = index
        option_list.scroll_to(y=scroll_y, animate=False)

    def _idea_option(self, idea: Idea) -> Option:
        return Option(text.join(["   \u2022 ", text.plain(idea.text)]), id=f"idea-{idea.id}")

    # -- what is highlighted ----------------------------------------------------------------

    def _highlighted(self) -> tuple[str, int] | None:
        option = self.query_one("#group-list", OptionList).highlighted_option
        if option is None or option.id is None or "-" not in option.id:
            return None
        kind, _, number = option.id.partition("-")
        return kind, int(number)

    def _selected_idea(self) -> Idea | None:
        chosen = self._highlighted()
        if chosen and chosen[0] == "idea":
            return next((idea for idea in self._ideas if idea.id == chosen[1]), None)
        return None

    def _selected_theme(self) -> Theme | None:
        chosen = self._highlighted()
        if chosen is None:
            return None
        theme_id = chosen[1] if chosen[0] == "theme" else None
        if chosen[0] == "idea":
            idea = self._selected_idea()
            theme_id = idea.theme_id if idea else None
        return next((theme for theme in self._themes if theme.id == theme_id), None)

    # -- changes ----------------------------------------------------------------------------

    def _busy(self) -> bool:
        return self.refuse_while_saving()

    def _do(self, change, done: str, then=None) -> bool:
        """Save ``change(store)``, say ``done`` and call ``then()`` once it is committed.

        Nobody else writing: at once, and True. Another program holding the database: in the
        background (False now) while the message line says it is waiting.
        """

        def committed(_result=None) -> None:
            self.reload()
            self._message(done)  # after the reload, so what was just done is what the line says
            if then is not None:
                then()
            self.post_message(self.Changed())

        return self.save(change, done=committed)

    def show_save_error(self, sentence: str) -> None:
        self._message(sentence, error=True)
        self.reload()  # another program may have changed things while this one waited

    def show_saving_state(self, seconds: float | None) -> None:
        if seconds is None:
            self._message("")  # ``committed`` or the error says what happened
        else:
            self.status.waiting(seconds)

    @property
    def status(self) -> StatusLine:
        return self.query_one("#group-message", StatusLine)

    def _message(self, sentence: str | Content, *, error: bool = False) -> None:
        if error:
            self.status.error(sentence)
        else:
            self.status.info(sentence)

    def _numbered(self, themes: list[Theme] | None = None) -> list[tuple[int, Theme]]:
        allowed = {theme.id for theme in (themes if themes is not None else self._themes)}
        return [(n, theme) for n, theme in enumerate(self._themes, 1) if theme.id in allowed]

    def action_new_theme(self) -> None:
        idea = self._selected_idea()
        self._ask_name(("new", idea.id if idea and idea.theme_id is None else None), "", "Name of the new theme, then Enter")

    def action_rename(self) -> None:
        theme = self._selected_theme()
        if theme is None:
            self._message("Highlight a theme (or one of its ideas) first, then press R.", error=True)
            return
        self._ask_name(("rename", theme.id), theme.name, "New name for the theme, then Enter")

    def _ask_name(self, purpose: tuple[str, int | None], value: str, placeholder: str) -> None:
        self._naming = purpose
        box = self.query_one("#group-name", Input)
        box.placeholder = placeholder
        box.value = value
        self.add_class("-naming")
        box.focus()

    @on(Input.Submitted, "#group-name")
    def _named(self, event: Input.Submitted) -> None:
        event.stop()
        if self._naming is None:
            return
        purpose, target = self._naming
        name = event.value
        workshop_id, stage_id = self.workshop_id, self.stage_id
        if purpose == "new":
            made: list[Theme] = []  # two transactions: if the second has to wait, the first is not repeated

            def change(store) -> None:
                if not made:
                    made.append(store.add_theme(workshop_id, name, stage_id=stage_id))
                if target is not None:
                    store.move_idea(target, made[0].id)
            done = "Made the new theme" + (" with the highlighted idea in it." if target is not None else ".")
        else:
            def change(store) -> None:
                store.rename_theme(target, name)
            done = "Renamed the theme."
        # The name stays in its box until it is saved (at once, or once the other program lets go).
        self._do(change, done, then=self._name_saved(name))

    def _name_saved(self, name: str):
        def then() -> None:
            box = self.query_one("#group-name", Input)
            if self._naming is not None and box.value == name:
                self.action_cancel_name()
        return then

    def action_cancel_name(self) -> None:
        self._naming = None
        self.remove_class("-naming")
        self.query_one("#group-list", OptionList).focus()

    def action_move(self) -> None:
        idea = self._selected_idea()
        if idea is None:
            self._message("Highlight an idea first, then press m.", error=True)
            return
        choices = self._numbered([theme for theme in self._themes if theme.id != idea.theme_id])
        if not choices:
            self._message("There is no theme to move it to yet: press t to make one.", error=True)
            return

        def moved(theme_id: int | None) -> None:
            if theme_id is not None:
                self._do(lambda store: store.move_idea(idea.id, theme_id), "Moved the idea.")

        # Named, so the facilitator can check it is the idea they meant before choosing.
        question = text.join(["Move \u201c", text.one_line(idea.text, IDEA_IN_QUESTION), "\u201d into which theme?"])
        self.app.push_screen(ThemeChooser(question, choices), moved)

    def action_ungroup(self) -> None:
        idea = self._selected_idea()
        if idea is None or idea.theme_id is None:
            self._message("Highlight an idea that is in a theme, then press u.", error=True)
            return
        self._do(lambda store: store.move_idea(idea.id, None), "Took the idea out of its theme.")

    def action_merge(self) -> None:
        theme = self._selected_theme()
        if theme is None:
            self._message("Highlight the theme to merge, then press M.", error=True)
            return
        choices = self._numbered([other for other in self._themes if other.id != theme.id])
        if not choices:
            self._message("There is no other theme to merge it into.", error=True)
            return

        def merged(keep_id: int | None) -> None:
            if keep_id is not None:
                self._do(lambda store: store.merge_themes(keep_id, theme.id), "Merged the two themes.")

        question = text.join(["Merge \u201c", text.one_line(theme.name, 40), "\u201d into which theme?"])
        self.app.push_screen(ThemeChooser(question, choices), merged)

    def action_remove(self) -> None:
        theme = self._selected_theme()
        if theme is None:
            self._message("Highlight the theme to remove, then press x.", error=True)
            return
        if any(idea.theme_id == theme.id for idea in self._ideas):
            self._message("Only an empty theme can be removed: move its ideas out (u) or merge it (M).", error=True)
            return
        self._do(lambda store: store.delete_theme(theme.id), "Removed the empty theme.")
