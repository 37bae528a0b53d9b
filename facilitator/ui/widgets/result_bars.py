"""Vote results as horizontal bars with numbers: readable on a projector, meaning never by colour.

Each row shows the rank in words ("1st"), the label, a bar of block characters, the number of
dots, and the word "tied" when another item has the same number. Below the bars, one sentence per
tie ("Tie for 1st place: ...") from the domain's ``describe_ties``. The bars are drawn for the
width the widget has, so the same results read well at 80 and at 200 columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

from facilitator.domain.models import TallyRow
from facilitator.domain.voting import describe_ties, ordinal
from facilitator.ui.text import join, one_line, plain

BLOCK = "\u2588"
# Below this width the label goes on its own line above the bar, so it is never cut short.
TWO_LINE_WIDTH = 70
MIN_BAR = 20


def _dots(count: int) -> str:
    return f"{count} dot" if count == 1 else f"{count} dots"


def bar_length(dots: int, most: int, room: int) -> int:
    """Blocks for ``dots`` when ``most`` dots fill ``room`` blocks; any dot shows at least one block."""
    if dots <= 0 or most <= 0 or room <= 0:
        return 0
    return max(1, round(dots * room / most))


def render_bars(rows: Sequence[TallyRow], width: int) -> Content:
    """The whole results block for ``width`` columns, as safe ``Content``."""
    if not rows:
        return Content("There was nothing to vote on.")
    width = max(20, width)
    most = max(row.dots for row in rows)
    number_width = max(len(_dots(row.dots)) for row in rows)
    rank_width = max(len(ordinal(row.rank)) for row in rows)
    tail = f" {'':<{number_width}}  tied"
    lines: list[Content] = []
    if width < TWO_LINE_WIDTH:
        room = max(1, width - rank_width - 1 - len(tail))
        for row in rows:
            lines.append(join([(f"{ordinal(row.rank):>{rank_width}} ", "bold"), one_line(row.candidate.label)]))
            lines.append(_bar_line(row, most, room, " " * (rank_width + 1), number_width))
    else:
        # Labels come first (they carry the meaning); the bars keep at least MIN_BAR blocks.
        # Widths in cells: a label in Chinese or with emoji takes two cells a character.
        longest = max(cell_len(row.candidate.label) for row in rows)
        label_width = min(longest, max(12, width - rank_width - 3 - len(tail) - MIN_BAR))
        room = max(1, width - rank_width - 1 - label_width - 2 - len(tail))
        for row in rows:
            label = one_line(row.candidate.label, limit=label_width)
            head = join([(f"{ordinal(row.rank):>{rank_width}} ", "bold"), label, " " * (label_width - label.cell_length + 2)])
            lines.append(_bar_line(row, most, room, head, number_width))
    ties = describe_ties(rows)
    if ties:
        lines.append(Content(""))
        lines.extend(styled_tie(sentence) for sentence in ties)
    else:
        lines.append(Content(""))
        lines.append(Content("No ties."))
    return Content("\n").join(lines)


def styled_tie(sentence: str) -> Content:
    # The sentence quotes item labels, which are user text: kept literal.
    return plain(sentence).stylize("bold")


def _bar_line(row: TallyRow, most: int, room: int, head: str | Content, number_width: int) -> Content:
    blocks = bar_length(row.dots, most, room)
    bar = BLOCK * blocks + " " * (room - blocks)
    marker = "  tied" if row.tied else ""
    return join([head, (bar, "$accent" if row.rank == 1 and row.dots else "$primary"),
                 f" {_dots(row.dots):<{number_width}}", (marker, "bold")])


class ResultBars(Widget):
    """Shows a list of ``TallyRow`` as bars; call ``show(rows)`` to change it."""

    DEFAULT_CSS = """
    ResultBars { height: auto; width: 1fr; }
    """

    def __init__(self, rows: Sequence[TallyRow] = (), *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[TallyRow] = list(rows)

    def show(self, rows: Sequence[TallyRow]) -> None:
        rows = list(rows)
        if rows != self.rows:
            self.rows = rows
            self.refresh(layout=True)

    def render(self) -> Content:
        return render_bars(self.rows, self.content_size.width or 80)

    def get_content_height(self, container, viewport, width: int) -> int:
        # Measured with wrapping, so a long label on a narrow screen still fits.
        return render_bars(self.rows, width).get_height(self.styles, width)
