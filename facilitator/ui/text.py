"""The only way user text reaches the screen.

Names, ideas, titles and agenda text are data, never markup. ``escape()`` is not enough in
Textual 8: ``"[ @click=app.quit]x"`` survives it and becomes a clickable action, and ``"[/b]"``
crashes a Label. So user text is always wrapped in ``Content`` (Textual's own text type, which is
never parsed for markup) and styled with spans that we add, never with markup built from strings.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.content import Content

from facilitator.domain.text import strip_controls

if TYPE_CHECKING:
    from facilitator.domain.models import Stage

# What a piece of text may look like when combined with our own styling.
Part = str | tuple[str, str] | Content

ELLIPSIS = "\u2026"


def shorten(value: str, limit: int | None) -> str:
    """``value`` in at most ``limit`` terminal cells, ending in an ellipsis when it had to be cut.

    Measured in cells, not characters: an emoji or a Chinese character takes two cells, so a
    limit counted in characters let wide text run past its column (or cut it with no ellipsis).
    """
    if limit is None or cell_len(value) <= limit:
        return value
    if limit <= 1:
        return ELLIPSIS[:limit]
    # set_cell_size pads with a space where a wide character would be split in two: drop it.
    return set_cell_size(value, limit - 1).rstrip() + ELLIPSIS


def shorten_start(value: str, limit: int) -> str:
    """``value`` in at most ``limit`` cells, cut at the start: ``…/facilitator/minutes/x.md``.

    For paths, whose end (the folder and the file) says the most.
    """
    if cell_len(value) <= limit:
        return value
    if limit <= 1:
        return ELLIPSIS[: max(limit, 0)]
    tail = value[-(limit - 1):]
    while cell_len(tail) > limit - 1:
        tail = tail[1:]
    return ELLIPSIS + tail


def plain(text: object) -> Content:
    """User text as literal content: no markup, no escape sequences."""
    return Content(strip_controls(str(text), multiline=True))


def one_line(text: object, limit: int | None = None) -> Content:
    """User text on one line (newlines become spaces), cut to ``limit`` cells with an ellipsis."""
    return Content(shorten(strip_controls(str(text)), limit))


def styled(text: object, style: str) -> Content:
    """User text with a style of ours (e.g. "bold"); the text itself is still never parsed."""
    return plain(text).stylize(style)


def join(parts: Iterable[Part]) -> Content:
    """Join user text and our own labels into one ``Content``.

    Each part is a plain string (user text, kept literal), a ``(text, style)`` pair, or ``Content``.
    """
    pieces: list[Content] = []
    for part in parts:
        if isinstance(part, Content):
            pieces.append(part)
        elif isinstance(part, tuple):
            pieces.append(styled(part[0], part[1]))
        else:
            pieces.append(plain(part))
    return Content("").join(pieces)


def cell(text: object, limit: int | None = None, style: str = "") -> Text:
    """User text for a ``DataTable`` cell, on one line.

    ``DataTable`` parses a plain ``str`` cell as markup and cannot measure ``Content``, so its
    cells are ``rich.text.Text`` built from the cleaned string (``Text`` is never parsed).
    """
    return Text(shorten(strip_controls(str(text)), limit), style=style, no_wrap=True, end="")


def show_date(iso: str | None) -> str:
    """"14 Mar 2025": unambiguous wherever the room is from. Takes a date or a timestamp."""
    if not iso:
        return ""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day:%b %Y}"


def stage_label(stage: Stage) -> Content:
    """``3. Silent ideas — What would make it feel safe?`` (the prompt only when it adds something)."""
    prompt = str(stage.settings.get("prompt") or "").strip()
    parts: list[Part] = [f"{stage.position}. ", one_line(stage.title, 60)]
    if prompt and prompt != stage.title:
        parts += [" \u2014 ", one_line(prompt, 100)]
    return join(parts)
