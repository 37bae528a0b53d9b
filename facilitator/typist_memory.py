"""Remember who was typing on this computer, per database file, so the note-taker's view can
offer the same name next time.

A small JSON file in the user data folder: ``{"<database path>": "<name>", ...}``. It is written
atomically (a temporary file renamed into place) and readable only by its owner (0600): a name
says who took notes at a mental-health workshop. Forgetting a name is harmless, so a file that
cannot be read or written is treated as empty rather than stopping anyone from taking notes;
``remember`` says whether it worked.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from facilitator import paths

FILE_NAME = "typists.json"
# Enough for every file a person realistically uses; the oldest entries are dropped first.
KEEP_ENTRIES = 50


def memory_file() -> Path:
    return paths.data_dir() / FILE_NAME


def _key(db_path: Path | str) -> str:
    return str(Path(db_path).expanduser().resolve())


def _load(file: Path) -> dict[str, str]:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # missing, unreadable or damaged: nothing remembered
    if not isinstance(data, dict):
        return {}
    return {key: value for key, value in data.items() if isinstance(key, str) and isinstance(value, str)}


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
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{FILE_NAME}.", suffix=".partial", dir=file.parent)
    except OSError:
        return False
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(names, stream, ensure_ascii=False, indent=1)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, file)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
        return False
    return True
