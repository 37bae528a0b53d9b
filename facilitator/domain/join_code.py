"""Join codes: what a participant types on their phone to join a workshop.

Six characters from an alphabet with no 0/O or 1/I/l, so a code read off a projector, or said
aloud across a room, cannot be mistyped as a look-alike. 31**6 is close to 900 million codes; with
wrong guesses slowed down by the web app, guessing one in a workshop's few hours is not practical.
"""

from __future__ import annotations

import secrets

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no I, L, O, 0 or 1
LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """What a person typed, as a code: case, spaces and dashes do not matter ("abc 23-4")."""
    return "".join(ch for ch in str(typed).upper() if not ch.isspace() and ch != "-")


def looks_like_a_code(typed: str) -> bool:
    code = normalise(typed)
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def spaced(code: str) -> str:
    """``ABC 234``: easier to read off a screen and say aloud."""
    return f"{code[:3]} {code[3:]}"
