"""Cleaning text at the door.

Everything a person types, imports or loads from an agenda passes through ``clean_text`` before it
reaches the domain: terminal escape sequences and control characters are removed (they could move
the cursor, change colours or retitle the window of whoever views the record later), surrounding
white space is trimmed, and empty or over-long text is refused with a sentence naming the field.
Markup-like text such as ``[b]`` is left alone: it is data, and the UI shows it literally.
"""

from __future__ import annotations

import re
import unicodedata

from facilitator.domain.errors import InvalidText

# ESC-based sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC strings
# (ESC P/X/^/_ ... ST), and two-character escapes (ESC followed by one character).
_ESCAPE_SEQUENCES = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]            # CSI
    | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC, ended by BEL or ST (or left open)
    | \x1b[PX^_][^\x1b]*(?:\x1b\\)?    # DCS, SOS, PM, APC
    | \x1b[@-Z\\-_]                     # other two-character escapes (Fe)
    | \x1b.?                            # a stray ESC and what follows it
    | \x9b[0-?]*[ -/]*[@-~]            # 8-bit CSI
    """,
    re.VERBOSE,
)

# Bidirectional overrides, embeddings and isolates ("Trojan Source" characters): invisible, and
# able to make the text after them read backwards on a phone or in the minutes. Arabic and
# Hebrew read correctly without them (the Unicode bidi algorithm needs no help), so they go too.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_ANY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

SHORT_TEXT = 200
LONG_TEXT = 10_000


def strip_controls(value: str, *, multiline: bool = False) -> str:
    """Remove escape sequences and control characters; keep newlines when ``multiline``."""
    if not _ANY_CONTROL.search(value):
        return value  # the common case, and cheap: most text has nothing to strip
    value = _ESCAPE_SEQUENCES.sub("", value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in value:
        if char == "\n" and multiline:
            kept.append(char)
        elif char == "\t":
            kept.append(" ")
        elif char in "\n":
            kept.append(" ")
        elif unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS:
            continue
        else:
            kept.append(char)
    return "".join(kept)


def clean_text(
    value: object,
    field: str,
    *,
    max_length: int = SHORT_TEXT,
    multiline: bool = False,
    required: bool = True,
) -> str:
    """Return ``value`` cleaned, or raise ``InvalidText`` naming ``field``.

    ``required=False`` lets empty text through as ``""``.
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidText(f"The {field} must be text.")
    cleaned = strip_controls(value, multiline=multiline).strip()
    if multiline:
        # Trim each line's trailing spaces and collapse runs of blank lines.
        lines = [line.rstrip() for line in cleaned.split("\n")]
        cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    if not cleaned and required:
        raise InvalidText(f"The {field} cannot be empty.")
    if len(cleaned) > max_length:
        raise InvalidText(
            f"The {field} is {len(cleaned):,} characters long; the most allowed is {max_length:,}."
        )
    return cleaned


def clean_optional(value: object, field: str, *, max_length: int = SHORT_TEXT, multiline: bool = False) -> str:
    """Like ``clean_text`` but empty text is allowed and returned as ``""``."""
    return clean_text(value, field, max_length=max_length, multiline=multiline, required=False)
