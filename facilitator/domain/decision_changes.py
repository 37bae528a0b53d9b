"""A decision's history in words: what changed after the day, said plainly for the register, the
command line and the minutes."""

from __future__ import annotations


def _quoted(text: str) -> str:
    return f"\u201c{' '.join(text.split())}\u201d"


def describe_decision_change(kind: str, old: str, new: str, note: str = "") -> str:
    """One entry of a decision's history as a sentence (or two)."""
    if kind == "status":
        said = f"Status changed from {old} to {new}."
    elif kind == "review date":
        if not new:
            said = f"Review date removed (it was {old})."
        elif old:
            said = f"Review date changed from {old} to {new}."
        else:
            said = f"Review date set to {new}."
    elif kind == "correction":
        said = f"Wording corrected (before, it read {_quoted(old)})."
    else:
        said = "Reviewed."
    if note.strip():
        said += (" " if kind == "review" else " Why: ") + " ".join(note.split())
    return said
