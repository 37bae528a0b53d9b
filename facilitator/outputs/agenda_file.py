"""Saving an agenda made in the app as a TOML file in the user's agendas folder.

The file is written atomically (``write_atomically``) and then read back with the same loader
``facilitator agendas check`` uses, so a file that would not load is never left behind. An
agenda never takes the name of one that ships with the app (it would hide it), and an existing
file of the user's own is replaced only when the caller says so (the editor asks first).
"""

from __future__ import annotations

from pathlib import Path

from facilitator import paths
from facilitator.domain.agenda import Agenda, load_agenda_file
from facilitator.domain.agenda_toml import agenda_toml
from facilitator.domain.errors import AgendaError, FacilitatorError
from facilitator.outputs.files import make_private_folder, write_atomically


class AgendaFileExists(FacilitatorError):
    """The user already has an agenda file of this name (the caller may ask, then overwrite)."""


def shipped_names() -> set[str]:
    try:
        return {file.stem for file in paths.shipped_agendas_dir().glob("*.toml")}
    except OSError:
        return set()


def user_agenda_path(stem: str) -> Path:
    return paths.user_agendas_dir() / f"{stem}.toml"


def save_user_agenda(agenda: Agenda, stem: str, *, overwrite: bool = False) -> Path:
    """Write ``agenda`` to ``<user agendas>/<stem>.toml`` and return the path."""
    if stem in shipped_names():
        raise AgendaError(
            f"\u201c{stem}\u201d is the name of an agenda that comes with the app; give yours another name."
        )
    path = user_agenda_path(stem)
    if path.exists() and not overwrite:
        raise AgendaFileExists(f"You already have an agenda saved as {path.name}.")
    make_private_folder(path.parent)
    text = agenda_toml(agenda)
    previous = path.read_bytes() if path.exists() else None
    write_atomically(path, text, "agenda")
    try:
        loaded = load_agenda_file(path)
    except AgendaError:
        loaded = None
    if loaded != agenda:  # never expected: put back what was there, and say so
        if previous is None:
            path.unlink(missing_ok=True)
        else:
            write_atomically(path, previous, "agenda")
        raise AgendaError(f"{path}: the agenda could not be written so that it reads back the same; nothing was saved.")
    return path
