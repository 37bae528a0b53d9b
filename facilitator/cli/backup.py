"""``facilitator backup [-o FILE]``: a consistent copy of the database, safe while workshops run.

``register(group)`` adds the command to the main ``facilitator`` group. It does not import
textual. The copy is taken with SQLite's online backup API (``storage.backup``), so other
terminals can keep writing; it is one consistent moment of the file, private (0600), and written
under a temporary name first, so a half-made backup never looks like a finished one. Without
``-o`` it goes to the backups folder, where the newest ten backups are kept. It prints the path.
"""

from __future__ import annotations

from pathlib import Path

import click

from facilitator import paths


def _same_file(one: Path, other: Path) -> bool:
    try:
        return one.exists() and other.exists() and one.samefile(other)
    except OSError:
        return False


@click.command(short_help="Make a consistent copy of the database.")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="FILE",
              help="Write the copy to FILE (default: a new file in the backups folder).")
def backup(output: Path | None) -> None:
    """Copy the whole database, even while workshops are running, and print where it went.

    Without -o the copy goes to the backups folder ('facilitator locate' shows it), where the
    newest ten backups are kept.
    """
    from facilitator.domain.errors import NotFound, StorageError
    from facilitator.storage.backup import automatic_backup, backup_to

    session = click.get_current_context().find_root().obj
    source = Path(session.db_path)
    if not source.exists():
        raise NotFound(f"{source}: there is no database here, so there is nothing to back up.")
    if output is not None:
        output = output.expanduser()
        if str(output) == "-":
            raise StorageError("A backup is a database file, so it cannot go to the screen; give a file name.")
        if _same_file(output, source):
            raise StorageError(f"{output}: this is the database itself; give another file name for the backup.")
    store = session.open(create=False)
    # A damaged file would be copied damaged and look like a good backup: say so instead.
    store.database.check_intact()
    made = automatic_backup(store.database, paths.backups_dir()) if output is None else backup_to(store.database, output)
    click.echo(str(made))


def register(group: click.Group) -> None:
    """Add ``backup`` to the main ``facilitator`` group."""
    group.add_command(backup)
