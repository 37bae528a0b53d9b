"""A decision's history in words: what changed after the day, said plainly for the register, the
command line and the minutes."""

from __future__ import annotations

from collections.abc import Callable


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


def since_the_day(
    changed_at: str | None, reviewed_at: str | None, day: Callable[[str], str] = lambda at: at[:10]
) -> str:
    """What happened to a decision after the day, for a row of the register: "changed 2025-03-03"
    (its status, review date or wording), "reviewed 2025-05-02", both (a review after the last
    change), or "" when nothing did. ``day`` writes a timestamp as a date ("3 Mar 2025" on screen)."""
    said = []
    if changed_at:
        said.append(f"changed {day(changed_at)}")
    if reviewed_at and (not changed_at or reviewed_at > changed_at):
        said.append(f"reviewed {day(reviewed_at)}")
    return ", ".join(said)
