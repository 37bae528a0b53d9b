"""What one terminal remembers between runs, so a restart puts back what was on its screen.

- the theme (a bright room's light theme should not reset to high contrast after a crash);
- an idea typed but not yet saved, per database and view ("run" keeps one per ideas stage, "capture"
  one per workshop, as its box follows the facilitator): quitting, or a crash, in the middle of
  typing gives the text back in the box next time (it was never submitted, so it is not in the
  database; it is kept here instead, on this computer only);
- a form closed with typing in it (a decision, an action, a "You said, we did" item), per database
  and form: Escape, a quit or a crash keeps what was typed, and opening the same form again puts
  it back.

One small private JSON file in the user data folder (see ``private_json``). Forgetting is harmless:
an unreadable file is treated as empty and every ``remember_*`` says whether it worked.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator import paths
from facilitator.local.private_json import load_object, write_object

FILE_NAME = "terminal.json"
# Enough for every database a person realistically uses, and every stage with an idea half-typed.
KEEP_DATABASES = 50
KEEP_DRAFTS = 20
# An idea is at most a few thousand characters; refuse to let a stuck key fill the disk.
MOST_DRAFT_CHARACTERS = 20_000


@dataclass(frozen=True)
class Draft:
    """An idea typed but not saved: its text and what was in the "Said by" box."""

    text: str
    said_by: str = ""


def memory_file() -> Path:
    return paths.data_dir() / FILE_NAME


def _database_key(db_path: Path | str) -> str:
    return str(Path(db_path).expanduser().resolve())


def _draft_key(view: str, place: int) -> str:
    return f"{view}:{place}"


def _databases(memory: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found = memory.get("databases")
    return {key: value for key, value in found.items() if isinstance(value, dict)} if isinstance(found, dict) else {}


def _database_memory(db_path: Path | str | None) -> dict[str, Any]:
    if db_path is None:
        return {}
    return _databases(load_object(memory_file())).get(_database_key(db_path), {})


def _change_database_memory(db_path: Path | str | None, change: Any, *, durable: bool = True) -> bool:
    """Apply ``change(entry)`` to this database's entry and write the file; False if not written.

    ``change`` returns False when the entry already says it: then the file is left as it is (read
    once, not rewritten on every keystroke that changes nothing).
    """
    if db_path is None:
        return False
    file = memory_file()
    memory = load_object(file)
    databases = _databases(memory)
    key = _database_key(db_path)
    entry = databases.pop(key, {})
    if not change(entry):
        return True
    databases[key] = entry  # newest last, so trimming drops the oldest
    memory["databases"] = dict(list(databases.items())[-KEEP_DATABASES:])
    return write_object(file, memory, durable=durable)


# -- theme -----------------------------------------------------------------------------------


def recall_theme() -> str | None:
    theme = load_object(memory_file()).get("theme")
    return theme if isinstance(theme, str) and theme else None


def remember_theme(name: str) -> bool:
    file = memory_file()
    memory = load_object(file)
    if memory.get("theme") == name:
        return True
    memory["theme"] = name
    return write_object(file, memory)


# -- ideas typed but not saved ---------------------------------------------------------------


def recall_draft(db_path: Path | str | None, view: str, place: int) -> Draft | None:
    """The idea left typed in ``view`` at ``place`` (a stage's or a workshop's id), or None."""
    drafts = _database_memory(db_path).get("drafts")
    found = drafts.get(_draft_key(view, place)) if isinstance(drafts, dict) else None
    if not isinstance(found, dict) or not isinstance(found.get("text"), str) or not found["text"].strip():
        return None
    said_by = found.get("said_by")
    return Draft(found["text"], said_by if isinstance(said_by, str) else "")


def remember_draft(db_path: Path | str | None, view: str, place: int, draft: Draft | None) -> bool:
    """Keep ``draft`` for this view and place, or forget it when ``draft`` is None or blank."""
    kept = None
    if draft is not None and draft.text.strip():
        kept = {"text": draft.text[:MOST_DRAFT_CHARACTERS], "said_by": draft.said_by[:200]}
    return _remember_typing(db_path, "drafts", _draft_key(view, place), kept)


def _remember_typing(db_path: Path | str | None, section: str, key: str, kept: dict[str, Any] | None) -> bool:
    """Keep ``kept`` under ``key`` in this database's ``section`` ("drafts", "forms"), newest last
    and at most ``KEEP_DRAFTS`` of them; forget it when None. Not fsynced: it is rewritten while
    someone types, and what it protects was never submitted."""

    def change(entry: dict[str, Any]) -> bool:
        kept_so_far = entry.get(section) if isinstance(entry.get(section), dict) else {}
        if kept_so_far.get(key) == kept:
            return False  # nothing new since the last write
        kept_so_far.pop(key, None)
        if kept is not None:
            kept_so_far[key] = kept
        entry[section] = dict(list(kept_so_far.items())[-KEEP_DRAFTS:])
        return True

    return _change_database_memory(db_path, change, durable=False)


# -- forms closed with typing in them --------------------------------------------------------

# A form's field: what a text box holds, or a drop-down's choice (text or a record's id).
FieldValue = str | int | None


def recall_form(db_path: Path | str | None, form: str) -> dict[str, FieldValue] | None:
    """What was typed in ``form`` (e.g. "decision:12") when it was closed unsaved, or None."""
    forms = _database_memory(db_path).get("forms")
    found = forms.get(form) if isinstance(forms, dict) else None
    if not isinstance(found, dict):
        return None
    kept = {key: value for key, value in found.items()
            if isinstance(key, str) and (value is None or isinstance(value, (str, int)))}  # fmt: skip
    return kept or None


def remember_form(db_path: Path | str | None, form: str, fields: dict[str, FieldValue] | None) -> bool:
    """Keep ``fields`` for ``form``, or forget them when ``fields`` is None (saved, or emptied)."""
    kept = None
    if fields is not None:
        kept = {key: value[:MOST_DRAFT_CHARACTERS] if isinstance(value, str) else value
                for key, value in fields.items()}  # fmt: skip
    return _remember_typing(db_path, "forms", form, kept)


def forget_name(name: str, replacement: str) -> int:
    """Replace ``name`` in every kept draft and form on this computer (a person was forgotten
    everywhere): typing not yet saved can name them too. How many pieces of text changed."""
    from facilitator.domain.privacy import name_pattern

    pattern = name_pattern(name)
    changed = 0

    def scrub(value: Any) -> Any:
        nonlocal changed
        if isinstance(value, str):
            new = pattern.sub(replacement, value)
            changed += new != value
            return new
        if isinstance(value, dict):
            return {key: scrub(item) for key, item in value.items()}
        if isinstance(value, list):
            return [scrub(item) for item in value]
        return value

    file = memory_file()
    memory = scrub(load_object(file))
    if changed:
        write_object(file, memory)
    return changed
