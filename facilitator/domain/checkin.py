"""Check-in and check-out in words (the ``checkin`` stage).

"How are you arriving today?": each person gives one word, or a colour. What anyone said is
private: the room sees only counts (and none with fewer than ``SMALL_GROUP`` answers). The
optional "How are you leaving?" answers work the same way; when someone leaves low (the colour
red, or a word from the stage's ``low_words``) the facilitator's own screen, never the projected
one, gently suggests a quiet word with them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

ARRIVING, LEAVING = "arriving", "leaving"
COLOURS = ("green", "amber", "red")
COLOUR_MEANINGS = {"green": "feeling good", "amber": "so-so", "red": "having a hard time"}
LOW_WORDS = ("low", "sad", "tired", "exhausted", "drained", "upset", "anxious", "worried",
             "overwhelmed", "angry", "frustrated", "bad", "awful", "rubbish", "down", "hurt")  # fmt: skip
SMALL_GROUP = 3
WORD_TEXT = 40


def answer_key(answer: str) -> str:
    """Words that differ only in capitals or spacing are counted together."""
    return " ".join(answer.split()).casefold()


def is_low(answer: str, low_words: tuple[str, ...] | list[str] = LOW_WORDS) -> bool:
    key = answer_key(answer)
    return key == "red" or key in {answer_key(word) for word in low_words}


def counts(answers: list[str]) -> list[tuple[str, int]]:
    """(answer, count), most first then alphabetical; answers counted by ``answer_key``."""
    counted = Counter(answer_key(answer) for answer in answers)
    return sorted(counted.items(), key=lambda item: (-item[1], item[0]))


def results_of(by_moment: dict[str, list[str]]) -> dict[str, Any]:
    """The counts the record keeps; withheld (only the number of answers) for a small group."""
    results: dict[str, Any] = {}
    for moment, answers in by_moment.items():
        if len(answers) < SMALL_GROUP:
            results[moment] = {"answers": len(answers), "withheld": True}
        else:
            results[moment] = {"answers": len(answers), "withheld": False, "counts": counts(answers)}
    return results


def low_words_of(settings: dict[str, Any]) -> tuple[str, ...]:
    words = settings.get("low_words")
    return tuple(str(w) for w in words) if isinstance(words, (list, tuple)) else LOW_WORDS
