"""Where the database and the user's own agendas live.

Nothing is created at import time; callers create folders when they are about to write.
``FACILITATOR_DB`` overrides the database path and ``FACILITATOR_HOME`` moves the whole data
folder (handy for tests and for keeping a project's workshops together).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "facilitator"


def data_dir() -> Path:
    home = os.environ.get("FACILITATOR_HOME")
    if home:
        return Path(home).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    override = os.environ.get("FACILITATOR_DB")
    if override:
        return Path(override).expanduser()
    return data_dir() / "facilitator.db"


def user_agendas_dir() -> Path:
    return data_dir() / "agendas"


def backups_dir() -> Path:
    return data_dir() / "backups"


def minutes_dir(db_path: Path | str | None) -> Path:
    """Where the app saves the minutes (and reports) unless told otherwise: ``minutes/`` beside the
    database, so each file's documents stay with it (``facilitator locate`` shows it). A database
    kept in memory has no folder: then the one in the data folder."""
    if db_path is None:
        return data_dir() / "minutes"
    return Path(os.path.abspath(Path(db_path).expanduser())).parent / "minutes"


def shipped_agendas_dir() -> Path:
    """The agendas that ship with the app: inside the wheel, or beside the package in a checkout."""
    inside = Path(__file__).parent / "agendas"
    if inside.is_dir():
        return inside
    return Path(__file__).parent.parent / "agendas"
