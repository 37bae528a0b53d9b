"""The command another terminal types to open the same workshop (a note-taker joining).

Shared by the CLI (the demo's closing line, the "it is in the demo" error) and the command
palette's "Note-takers: how to join" on a workshop's screens. ``--db PATH`` is left out only when the file is the one a plain
``facilitator`` opens in a new terminal: with ``FACILITATOR_DB`` or ``FACILITATOR_HOME`` set here,
the other terminal may not have the same setting, so the path is spelt out. No textual, no click.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

from facilitator import paths

OVERRIDES = ("FACILITATOR_DB", "FACILITATOR_HOME")


def _same_file(one: Path, other: Path) -> bool:
    return os.path.abspath(one.expanduser()) == os.path.abspath(other.expanduser())


def is_plain_default(db_path: Path) -> bool:
    """True when a new terminal running ``facilitator`` with no options opens ``db_path``."""
    if any(os.environ.get(name) for name in OVERRIDES):
        return False
    return _same_file(db_path, paths.default_db_path())


def command_line(db_path: Path | str, *words: str) -> str:
    """``facilitator --db '/x/demo.db' WORDS...``, the ``--db`` part only when it is needed."""
    db_path = Path(db_path)
    line = ["facilitator"]
    if not is_plain_default(db_path):
        # Absolute: the other terminal may be in another folder.
        line += ["--db", shlex.quote(os.path.abspath(db_path.expanduser()))]
    return " ".join(line + [shlex.quote(word) for word in words])


def join_command(db_path: Path | str | None, workshop_id: int, command: str = "capture") -> str | None:
    """``facilitator --db '/x/demo.db' capture 2``; None for a database that lives only in memory."""
    if db_path is None:
        return None
    return command_line(db_path, command, str(workshop_id))
