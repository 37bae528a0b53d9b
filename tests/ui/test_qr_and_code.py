"""The QR code on the Join panel is the address exactly (every module drawn where segno put it,
and a QR reader decodes it), and the big join code is drawn from the code's own letters."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from facilitator.domain import join_code
from facilitator.ui.widgets.big_code import big_letters, width_of
from facilitator.ui.widgets.qr_code import layout, qr_matrix

LINK = "http://192.168.100.200:8765/?code=ABC234"


def read_back(drawn: str) -> list[list[bool]]:
    """The modules a drawing shows: two columns a module when large, half blocks otherwise."""
    lines = drawn.splitlines()
    if "\u2580" not in drawn and "\u2584" not in drawn:
        return [[line[x] == "\u2588" for x in range(0, len(line), 2)] for line in lines]
    rows = []
    for line in lines:
        rows.append([char in "\u2588\u2580" for char in line])
        rows.append([char in "\u2588\u2584" for char in line])
    return rows


@pytest.mark.parametrize(("width", "height", "border"), [(80, 40, 4), (40, 20, 4), (34, 17, 2)])
def test_the_drawing_holds_every_module_of_the_code(width: int, height: int, border: int) -> None:
    drawn = layout(LINK, width, height)
    assert drawn is not None
    lines = drawn.splitlines()
    assert len(lines) <= height and max(len(line) for line in lines) <= width
    expected = qr_matrix(LINK, border)
    assert read_back(drawn)[: len(expected)] == expected


def test_a_window_too_small_gets_no_drawing() -> None:
    assert layout(LINK, 20, 10) is None


def test_a_qr_reader_decodes_the_drawing(tmp_path: Path) -> None:
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg is not installed (sudo apt-get install zbar-tools) to decode the QR code")
    modules = read_back(layout(LINK, 34, 17))
    scale = 6
    bitmap = tmp_path / "qr.pbm"
    with bitmap.open("w") as out:
        out.write(f"P1\n{len(modules[0]) * scale} {len(modules) * scale}\n")
        for row in modules:
            line = " ".join("1" if dark else "0" for dark in row for _ in range(scale))
            out.write((line + "\n") * scale)
    result = subprocess.run(["zbarimg", "-q", "--raw", str(bitmap)], capture_output=True, text=True, timeout=30)
    assert result.stdout.strip() == LINK


def test_the_big_code_has_a_glyph_for_every_character_a_code_can_have() -> None:
    code = join_code.ALPHABET[:6]
    for start in range(0, len(join_code.ALPHABET), 6):
        chunk = join_code.ALPHABET[start : start + 6].ljust(6, "A")
        drawn = big_letters(join_code.spaced(chunk))
        assert len(drawn.splitlines()) == 3
    assert width_of(join_code.spaced(code)) <= 40 and width_of(join_code.spaced(code), large=True) <= 80
    assert len(big_letters("ABC 234", large=True).splitlines()) == 5
