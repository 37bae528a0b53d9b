"""Writing a document a person asked for: atomically, and private to its owner.

Shared by the command line and the app's save dialogs (minutes, reports, and the packs and
sheets to come). No textual, no storage.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from facilitator.domain.errors import FacilitatorError


class OutputError(FacilitatorError):
    """An output file cannot be written."""


def write_atomically(path: Path, text: str | bytes, what: str) -> None:
    """Write ``text`` (or the bytes of a Word file) to ``path`` through a temporary file in the
    same folder, then rename it.

    A reader (or a crash) never sees half a file. New files are private to their owner (0600):
    minutes and exports can hold names and health-related perspectives.
    """
    path = Path(path).expanduser()
    folder = path.parent
    if path.is_dir():
        raise OutputError(f"{path}: this is a folder; give a file name for the {what}.")
    if not folder.is_dir():
        raise OutputError(f"{folder}: this folder does not exist, so nothing was written.")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=folder)
    except OSError as error:
        raise OutputError(f"{path}: cannot write the {what} here ({_reason(error)}).") from None
    try:
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write the {what} ({_reason(error)}); nothing was changed.") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def make_private_folder(folder: Path) -> None:
    """Make ``folder`` (and any parents) if it is not there yet, private to this user (0700): where
    the app saves minutes and reports unless told otherwise."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError(f"{folder}: cannot make this folder ({_reason(error)}).") from None


def _reason(error: OSError) -> str:
    return (error.strerror or str(error)).lower()
