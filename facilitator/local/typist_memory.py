"""Remember who was typing on this computer, per database file, so the note-taker's view can
offer the same name next time.

A small JSON file in the user data folder: ``{"<database path>": "<name>", ...}``. It is written
atomically (a temporary file renamed into place) and readable only by its owner (0600): a name
says who took notes at a mental-health workshop. Forgetting a name is harmless, so a file that
cannot be read or written is treated as empty rather than stopping anyone from taking notes;
``remember`` says whether it worked.
"""

from __future__ import annotations

from pathlib import Path

from facilitator import paths
from facilitator.local.private_json import load_object, write_object

FILE_NAME = "typists.json"
# Enough for every file a person realistically uses; the oldest entries are dropped first.
KEEP_ENTRIES = 50


def memory_file() -> Path:
    return paths.data_dir() / FILE_NAME


def _key(db_path: Path | str) -> str:
    return str(Path(db_path).expanduser().resolve())


def _load(file: Path) -> dict[str, str]:
    return {key: value for key, value in load_object(file).items() if isinstance(value, str)}


def recall(db_path: Path | str | None) -> str | None:
    """The name last used to type into this database here, or None."""
    if db_path is None:
        return None
    return _load(memory_file()).get(_key(db_path)) or None


def remember(db_path: Path | str | None, name: str) -> bool:
    """Keep ``name`` for this database; False if it could not be written (nothing else changes)."""
    if db_path is None or not name:
        return False
    file = memory_file()
    names = _load(file)
    key = _key(db_path)
    names.pop(key, None)
    names[key] = name  # newest last, so trimming drops the oldest
    names = dict(list(names.items())[-KEEP_ENTRIES:])
    return write_object(file, names)


def forget_name(name: str) -> int:
    """Drop ``name`` wherever it is remembered (a person was forgotten); how many entries went."""
    file = memory_file()
    names = _load(file)
    wanted = " ".join(name.split()).casefold()
    kept = {key: value for key, value in names.items() if " ".join(value.split()).casefold() != wanted}
    if len(kept) != len(names):
        write_object(file, kept)
    return len(names) - len(kept)
