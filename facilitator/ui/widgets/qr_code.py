"""A QR code drawn with block characters, as large as the space it is given allows.

Always black modules on white, whatever the theme: phone cameras read dark-on-light most
reliably, and the white quiet zone keeps it apart from a dark screen around it. Where there is
room each module is two columns by one row (square, and twice the size for the back of the
room); otherwise one column by half a row, with half-block characters.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

DARK_ON_LIGHT = "#000000 on #ffffff"
HALF_BLOCKS = {(False, False): " ", (True, False): "\u2580", (False, True): "\u2584", (True, True): "\u2588"}


def qr_matrix(data: str, border: int) -> list[list[bool]]:
    import segno  # only when a code is drawn

    code = segno.make(data, error="l", micro=False)
    return [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=border)]


def draw(matrix: list[list[bool]], *, large: bool) -> str:
    if large:
        return "\n".join("".join("\u2588\u2588" if dark else "  " for dark in row) for row in matrix)
    rows = matrix + ([[False] * len(matrix[0])] if len(matrix) % 2 else [])
    return "\n".join(
        "".join(HALF_BLOCKS[(top, bottom)] for top, bottom in zip(rows[y], rows[y + 1]))
        for y in range(0, len(rows), 2)
    )


def layout(data: str, width: int, height: int) -> str | None:
    """The QR code for ``data`` drawn to fit ``width`` by ``height`` cells; None if it cannot fit."""
    for border, large in ((4, True), (4, False), (2, False)):
        matrix = qr_matrix(data, border)
        columns = len(matrix) * (2 if large else 1)
        rows = len(matrix) if large else (len(matrix) + 1) // 2
        if columns <= width and rows <= height:
            return draw(matrix, large=large)
    return None


class QRCode(Static):
    """Shows ``data`` as a QR code; redrawn to fit when the terminal is resized."""

    DEFAULT_CSS = "QRCode { width: auto; height: auto; text-wrap: nowrap; text-overflow: clip; }"

    def __init__(self, data: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.data = data

    def show(self, data: str) -> None:
        self.data = data
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        area = self.parent.content_region if self.parent is not None else self.size
        drawn = layout(self.data, area.width, max(area.height - 1, 1)) if self.data else None
        if drawn is None:
            self.update(Content("(the window is too small for the QR code: use the address)") if self.data else "")
        else:
            self.update(Content(drawn).stylize(DARK_ON_LIGHT))
