"""The join code in letters big enough to read from the back of a room.

A 5×5 pixel font for exactly the join code's alphabet (no 0/O, 1/I/L) drawn with half-block
characters, so each letter is 5 columns by 3 rows. Where even that does not fit, the code is
shown as ordinary bold text (the words never depend on the big letters).
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from facilitator.domain import join_code

_FONT = {
    "A": (".###.", "#...#", "#####", "#...#", "#...#"),
    "B": ("####.", "#...#", "####.", "#...#", "####."),
    "C": (".####", "#....", "#....", "#....", ".####"),
    "D": ("####.", "#...#", "#...#", "#...#", "####."),
    "E": ("#####", "#....", "####.", "#....", "#####"),
    "F": ("#####", "#....", "####.", "#....", "#...."),
    "G": (".####", "#....", "#..##", "#...#", ".####"),
    "H": ("#...#", "#...#", "#####", "#...#", "#...#"),
    "J": ("..###", "...#.", "...#.", "#..#.", ".##.."),
    "K": ("#...#", "#..#.", "###..", "#..#.", "#...#"),
    "M": ("#...#", "##.##", "#.#.#", "#...#", "#...#"),
    "N": ("#...#", "##..#", "#.#.#", "#..##", "#...#"),
    "P": ("####.", "#...#", "####.", "#....", "#...."),
    "Q": (".###.", "#...#", "#.#.#", "#..#.", ".##.#"),
    "R": ("####.", "#...#", "####.", "#..#.", "#...#"),
    "S": (".####", "#....", ".###.", "....#", "####."),
    "T": ("#####", "..#..", "..#..", "..#..", "..#.."),
    "U": ("#...#", "#...#", "#...#", "#...#", ".###."),
    "V": ("#...#", "#...#", "#...#", ".#.#.", "..#.."),
    "W": ("#...#", "#...#", "#.#.#", "##.##", "#...#"),
    "X": ("#...#", ".#.#.", "..#..", ".#.#.", "#...#"),
    "Y": ("#...#", ".#.#.", "..#..", "..#..", "..#.."),
    "Z": ("#####", "...#.", "..#..", ".#...", "#####"),
    "2": (".###.", "#...#", "..##.", ".#...", "#####"),
    "3": ("####.", "....#", ".###.", "....#", "####."),
    "4": ("#..#.", "#..#.", "#####", "...#.", "...#."),
    "5": ("#####", "#....", "####.", "....#", "####."),
    "6": (".###.", "#....", "####.", "#...#", ".###."),
    "7": ("#####", "....#", "...#.", "..#..", "..#.."),
    "8": (".###.", "#...#", ".###.", "#...#", ".###."),
    "9": (".###.", "#...#", ".####", "....#", ".###."),
    " ": (".....",) * 5,
}
_HALF = {(False, False): " ", (True, False): "\u2580", (False, True): "\u2584", (True, True): "\u2588"}
GLYPH_WIDTH = 5


def big_letters(text: str, *, large: bool = False) -> str:
    """``text`` (join-code characters and spaces) drawn 3 rows high, or 5 rows and twice as wide
    when ``large``; a space is narrower than a letter."""
    pixels: list[str] = ["" for _ in range(6)]
    for index, char in enumerate(text.upper()):
        glyph = _FONT[char] + (".....",)
        if char == " ":
            glyph = ("..",) * 6
        for row in range(6):
            pixels[row] += ("." if index else "") + glyph[row]
    if large:
        return "\n".join("".join("\u2588\u2588" if pixel == "#" else "  " for pixel in row) for row in pixels[:5])
    return "\n".join(
        "".join(_HALF[(top == "#", bottom == "#")] for top, bottom in zip(pixels[y], pixels[y + 1]))
        for y in range(0, 6, 2)
    )


def width_of(text: str, *, large: bool = False) -> int:
    return len(big_letters(text, large=large).splitlines()[0])


assert set(_FONT) - {" "} == set(join_code.ALPHABET)


class BigCode(Static):
    """The join code, big when there is room and plain bold otherwise."""

    DEFAULT_CSS = "BigCode { width: 1fr; height: auto; text-wrap: nowrap; text-overflow: clip; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.code = ""

    def show(self, code: str) -> None:
        self.code = code
        self._redraw()

    def on_resize(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        spaced = join_code.spaced(self.code) if self.code else ""
        if spaced and self.size.width >= width_of(spaced, large=True) and self.app.size.height >= 40:
            self.update(Content(big_letters(spaced, large=True)).stylize("bold"))
        elif spaced and self.size.width >= width_of(spaced):
            self.update(Content(big_letters(spaced)).stylize("bold"))
        else:
            self.update(Content(spaced).stylize("bold reverse"))
