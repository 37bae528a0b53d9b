"""``facilitator serve ID``: the page participants open on their own phones.

``register(group)`` adds it to the main ``facilitator`` group. Starlette and uvicorn are imported
only when the command runs, so ``--help`` stays quick.
"""

from __future__ import annotations

import sys

import click

from facilitator.cli.session import Session, open_workshop, pass_session, workshop_id_argument


@click.command(short_help="Let participants take part from their own phones.")
@workshop_id_argument
@click.option("--lan", is_flag=True,
              help="Open it on this computer's network address, so phones on the same Wi-Fi can join.")  # fmt: skip
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="The port to use (0: any free port).")  # fmt: skip
@click.option("--host", metavar="ADDRESS", help="Open it on this address instead (advanced).")
@click.option("--max-devices", type=click.IntRange(1, 1000), default=60, show_default=True,
              help="At most this many phones can join.")  # fmt: skip
@pass_session
def serve(session: Session, workshop_id: int, lan: bool, port: int, host: str | None, max_devices: int) -> None:
    """Run the page participants open on their phones for workshop ID, until Ctrl+C.

    Only this computer can open it unless --lan is given. Participants join with the workshop's
    code (shown here and in the run screen's Join panel) and then send ideas, give their dots in
    secret and check out. The run screen can also start and stop it.
    """
    open_workshop(session, workshop_id, "serve").close()
    from facilitator.web.server import serve as run_server

    def announce(opened) -> None:
        click.echo(opened.sentence())
        if sys.stdout.isatty():
            import segno

            segno.make(opened.join_link, error="m").terminal(compact=True)
        click.echo("Press Ctrl+C to stop.")

    run_server(session.db_path, workshop_id, lan=lan, host=host, port=port, max_devices=max_devices, announce=announce)
    click.echo("The phones' page has stopped. Everything phones sent is kept.")


def register(group: click.Group) -> None:
    """Add ``serve`` to the main ``facilitator`` group."""
    group.add_command(serve)
