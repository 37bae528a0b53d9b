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


@click.command(short_help="List the backups: date, size, workshops, whole or damaged.")
def backups() -> None:
    """List the backups in the backups folder, newest first: when each was made, its size, how
    many workshops it holds, and whether it passes SQLite's full integrity check."""
    from datetime import datetime

    from facilitator.cli.output import table
    from facilitator.local.join_command import command_line
    from facilitator.storage.backup import list_backups

    session = click.get_current_context().find_root().obj
    folder = paths.backups_dir()
    found = list_backups(folder)
    if not found:
        click.echo(f"No backups yet in {folder}. Make one with: {command_line(session.db_path, 'backup')}")
        return
    rows = [
        (datetime.fromtimestamp(info.modified).strftime("%Y-%m-%d %H:%M"), _size(info.size),
         "-" if info.workshops is None else info.workshops, "yes" if info.intact else "NO: damaged",
         info.path.name)
        for info in found
    ]  # fmt: skip
    click.echo(table(("MADE", "SIZE", "WORKSHOPS", "WHOLE", "FILE"), rows))
    click.echo(f"\nIn {folder}. Put one back with: {command_line(session.db_path, 'restore', 'FILE')}")


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


@click.command(short_help="Put a backup back, keeping the current file beside it.")
@click.argument("backup_file", metavar="BACKUP", type=click.Path(path_type=Path))
def restore(backup_file: Path) -> None:
    """Put BACKUP (a file, or a name that 'facilitator backups' lists) back as the database.

    The current database is never deleted: it is kept beside it, renamed with "-damaged-" and
    the time, and the backup takes its place in one step. Close every terminal using the
    database first.
    """
    from facilitator.domain.errors import NotFound, StorageError
    from facilitator.storage.backup import restore as put_back

    session = click.get_current_context().find_root().obj
    target = Path(session.db_path)
    chosen = backup_file.expanduser()
    if not chosen.exists() and len(chosen.parts) == 1:
        chosen = paths.backups_dir() / chosen
    if not chosen.is_file():
        from facilitator.local.join_command import command_line

        raise NotFound(f"{backup_file}: there is no backup here; {command_line(target, 'backups')} lists them.")
    if _same_file(chosen, target):
        raise StorageError(f"{chosen}: this is the database itself, not a backup of it.")
    kept = put_back(target, chosen)
    click.echo(f"Put {chosen} back as {target}.")
    if kept is not None:
        click.echo(f"The file it replaced is kept as {kept}.")


def register(group: click.Group) -> None:
    """Add ``backup``, ``backups`` and ``restore`` to the main ``facilitator`` group."""
    for command in (backup, backups, restore):
        group.add_command(command)
