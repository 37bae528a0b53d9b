"""The ``facilitator`` command: parse, call storage or the domain, or launch the app.

Thin on purpose. The Textual app is imported only by the commands that open it (``facilitator``
on its own, ``demo``, ``run``, ``capture``), so ``--help`` and every other command start quickly
and never load textual. Every user error, ours or click's, ends as one line on stderr starting
with ``Error:`` and exit code 1 (see ``main``).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import click

from facilitator import __version__
from facilitator.cli.output import one_line
from facilitator.cli.session import Session, launch_home
from facilitator.domain.errors import FacilitatorError


class _Commands(click.Group):
    """Lists commands in the order of a workshop's life, not alphabetically."""

    ORDER = ("demo", "new", "edit", "run", "capture", "serve", "list", "minutes", "attendance", "report", "pack",
             "recognise", "recognition", "series-rate", "series-roster", "decisions", "decision", "actions",
             "update-action", "search", "ladder-report", "export", "import", "publish", "forget", "retention",
             "erasures", "agendas", "locate", "backup", "backups", "restore")

    def list_commands(self, ctx: click.Context) -> list[str]:
        known = [name for name in self.ORDER if name in self.commands]
        return known + sorted(set(self.commands) - set(known))


@click.group(cls=_Commands, invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db_option",
    type=click.Path(path_type=Path),
    envvar="FACILITATOR_DB",
    show_envvar=True,
    metavar="PATH",
    help="The database file (default: facilitator.db in your user data folder).",
)
@click.version_option(__version__, "--version", prog_name="facilitator")
@click.pass_context
def cli(ctx: click.Context, db_option: Path | None) -> None:
    """Run co-production workshops: agenda, ideas, equal dot-voting, decisions and minutes.

    With no command, opens the app on its home screen.
    """
    ctx.obj = Session(db_option)
    if ctx.invoked_subcommand is None:
        launch_home(ctx.obj)


def _usage_hint(error: click.UsageError) -> str:
    path = error.ctx.command_path if error.ctx is not None else "facilitator"
    return f" See '{path} --help'."


def main(argv: list[str] | None = None) -> int:
    """The console entry point: run the command and turn every user error into one line, exit 1."""
    try:
        result = cli.main(args=argv, prog_name="facilitator", standalone_mode=False)
    except click.UsageError as error:
        return _fail(one_line(error.format_message()) + _usage_hint(error))
    except click.ClickException as error:
        return _fail(one_line(error.format_message()))
    except click.Abort:
        return _fail("Stopped before finishing.")
    except FacilitatorError as error:
        return _fail(one_line(str(error)))
    except OSError as error:
        if error.filename is not None or error.errno not in _OUTPUT_ERRORS:
            raise
        # Printing failed (``> /dev/full``, a closed pipe): one line, not a traceback.
        return _output_failed(error)
    return _flushed(result if isinstance(result, int) else 0)


# What writing to the terminal or a redirected output can fail with.
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EPIPE, errno.EIO, errno.EFBIG, errno.EDQUOT}


def _output_failed(error: OSError) -> int:
    _discard_stdout()
    if error.errno == errno.EPIPE:
        return 1  # the reader went away (``| head``): nothing to say to anyone
    return _fail(f"The output could not be written ({error.strerror or error}).")


def _discard_stdout() -> None:
    """Point standard output at nowhere, so what is left in its buffer cannot fail again at exit."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test's capture): nothing to flush at exit


def _fail(sentence: str) -> int:
    click.echo(f"Error: {sentence}", err=True)
    return 1


def _flushed(code: int) -> int:
    """Flush now, so a closed pipe (``| head``) ends quietly instead of with a traceback at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _discard_stdout()
        return 1
    except OSError as error:
        return _output_failed(error)
    return code


def _register_commands() -> None:
    # Each area of commands lives in its own module and adds itself to the group.
    from facilitator.cli import agendas, backup, pack, privacy, publish, review, search, serve, workshops

    for area in (workshops, serve, agendas, review, search, publish, backup, pack, privacy):
        area.register(cli)


_register_commands()
