"""Text is cleaned at the door: escape sequences and control characters never reach the record."""

import pytest

from facilitator.domain.errors import InvalidText
from facilitator.domain.text import clean_optional, clean_text, strip_controls


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("\x1b[31mred\x1b[0m", "red"),  # colour (CSI)
        ("\x1b]0;new window title\x07after", "after"),  # window title (OSC, BEL-terminated)
        ("\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"),  # hyperlink (OSC, ST-terminated)
        ("\x1bP+q\x1b\\x", "x"),  # device control string
        ("\x9b2Jx", "x"),  # 8-bit CSI
        ("bell\x07 and null\x00", "bell and null"),
        ("tab\there", "tab here"),
        ("[/b] [ @click=app.quit]x", "[/b] [ @click=app.quit]x"),  # markup-like text is data: kept
        ("مرحبا שלום 🙂", "مرحبا שלום 🙂"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),  # a right-to-left override would reverse what follows
        ("a\u2066b\u2069c\u202ad\u202c", "abcd"),  # isolates and embeddings
    ],
)
def test_escape_sequences_and_controls_are_removed_and_the_rest_kept(raw, cleaned):
    assert clean_text(raw, "idea", max_length=10_000) == cleaned


def test_newlines_are_kept_only_where_text_may_have_lines():
    assert clean_text("one\r\ntwo", "idea", multiline=True) == "one\ntwo"
    assert clean_text("one\ntwo", "name") == "one two"
    assert strip_controls("a\n\n\n\nb", multiline=True) == "a\n\n\n\nb"
    assert clean_text("a\n\n\n\nb", "idea", multiline=True) == "a\n\nb"


def test_empty_or_too_long_text_is_refused_with_a_sentence_naming_the_field():
    with pytest.raises(InvalidText, match=r"^The idea cannot be empty\.$"):
        clean_text(" \x1b[0m \t", "idea")
    with pytest.raises(InvalidText, match=r"^The name is 101 characters long; the most allowed is 100\.$"):
        clean_text("x" * 101, "name", max_length=100)
    assert clean_text("x" * 10_000, "idea", max_length=10_000) == "x" * 10_000
    assert clean_optional("   ", "place") == ""
