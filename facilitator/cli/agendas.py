"""Agendas and files: ``agendas``, ``agendas check FILE...`` and ``locate``.

``register(group)`` adds them to the main ``facilitator`` group. No textual, no storage.
"""

from __future__ import annotations

from pathlib import Path

import click

from facilitator import paths
from facilitator.cli.output import agendas_table, one_line, shown
from facilitator.cli.session import Session, pass_session
from facilitator.domain.errors import FacilitatorError


@click.group(invoke_without_command=True, short_help="List agendas, or check agenda files.")
@click.pass_context
def agendas(ctx: click.Context) -> None:
    """List the shipped agendas and your own (or check agenda files)."""
    if ctx.invoked_subcommand is not None:
        return
    from facilitator.domain.agenda import list_agendas
    from facilitator.local.join_command import typed

    click.echo(agendas_table(list_agendas(), paths.shipped_agendas_dir()))
    click.echo(f"\nYour own agendas go in {paths.user_agendas_dir()}.")
    click.echo(f"Check one with: {typed('agendas', 'check', 'FILE')}")


@agendas.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="FILE...")
@click.pass_context
def check_agendas(ctx: click.Context, files: tuple[Path, ...]) -> None:
    """Check agenda files: 'ok: FILE' for each good one, the problem for each bad one."""
    from facilitator.domain.agenda import load_agenda_file

    bad = 0
    for file in files:
        try:
            load_agenda_file(file)
        except FacilitatorError as error:
            bad += 1
            click.echo(one_line(str(error)), err=True)
        else:
            click.echo(f"ok: {shown(file)}")
    if bad:
        ctx.exit(1)


@click.command(short_help="Where the database and agendas live.")
@pass_session
def locate(session: Session) -> None:
    """Where the database, your own agendas, the backups and the app's saved minutes live."""
    for label, place in (("database", session.db_path), ("agendas", paths.user_agendas_dir()),
                         ("backups", paths.backups_dir()), ("minutes", paths.minutes_dir(session.db_path))):  # fmt: skip
        note = "" if place.exists() else "  (not created yet)"
        click.echo(f"{label + ':':<10} {place}{note}")


def register(group: click.Group) -> None:
    """Add ``agendas`` and ``locate`` to the main ``facilitator`` group."""
    group.add_command(agendas)
    group.add_command(locate)
