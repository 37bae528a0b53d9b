"""The command another terminal types to open the same workshop (a note-taker joining), and the
words that run facilitator at all in this terminal.

Shared by the CLI (the demo's closing line, the "it is in the demo" error, every "try this"
hint) and the command palette's "Note-takers: how to join" on a workshop's screens. A bare
``facilitator`` answers "command not found" in a terminal whose virtual environment is not
active, so the command is printed as it runs here (``facilitator_words``): the bare name only
when that name on PATH is this very program, else the script's full path, else this Python with
``-m facilitator``. ``--db PATH`` is left out only when the file is the one a plain
``facilitator`` opens in a new terminal: with ``FACILITATOR_DB`` or ``FACILITATOR_HOME`` set here,
the other terminal may not have the same setting, so the path is spelt out. No textual, no click.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from facilitator import paths

OVERRIDES = ("FACILITATOR_DB", "FACILITATOR_HOME")
SCRIPT_NAME = "facilitator"


def _same_file(one: Path, other: Path) -> bool:
    return os.path.abspath(one.expanduser()) == os.path.abspath(other.expanduser())


def _resolves_to(found: str | None, script: Path) -> bool:
    try:
        return found is not None and Path(found).resolve() == script.resolve()
    except OSError:
        return False


def _running_script() -> Path | None:
    """The ``facilitator`` script running now, or else this environment's (beside its Python)."""
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is not None and started.stem == SCRIPT_NAME and started.is_file():
        return started.absolute()
    beside = Path(sys.executable).parent / (SCRIPT_NAME + (".exe" if os.name == "nt" else ""))
    return beside.absolute() if beside.is_file() else None


def facilitator_words() -> list[str]:
    """What to type in this terminal to run this facilitator: ``["facilitator"]`` when that finds it.

    Otherwise the script's full path (``/home/sam/facilitator/.venv/bin/facilitator``), or, when
    there is no script (run as ``python -m facilitator`` from a folder), this Python's full path
    and ``-m facilitator``.
    """
    script = _running_script()
    if script is None:
        return [sys.executable, "-m", SCRIPT_NAME]
    if _resolves_to(shutil.which(SCRIPT_NAME), script):
        return [SCRIPT_NAME]
    return [str(script)]


def typed(*words: str) -> str:
    """``facilitator WORDS...`` as it is typed in this terminal (see ``facilitator_words``)."""
    return shlex.join([*facilitator_words(), *words])


def is_plain_default(db_path: Path) -> bool:
    """True when a new terminal running ``facilitator`` with no options opens ``db_path``."""
    if any(os.environ.get(name) for name in OVERRIDES):
        return False
    return _same_file(db_path, paths.default_db_path())


def command_line(db_path: Path | str, *words: str) -> str:
    """``facilitator --db '/x/demo.db' WORDS...``, the ``--db`` part only when it is needed."""
    db_path = Path(db_path)
    options: list[str] = []
    if not is_plain_default(db_path):
        # Absolute: the other terminal may be in another folder.
        options = ["--db", os.path.abspath(db_path.expanduser())]
    return typed(*options, *words)


def join_command(db_path: Path | str | None, workshop_id: int, command: str = "capture") -> str | None:
    """``facilitator --db '/x/demo.db' capture 2``; None for a database that lives only in memory."""
    if db_path is None:
        return None
    return command_line(db_path, command, str(workshop_id))
