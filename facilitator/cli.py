"""The ``facilitator`` command: parse, call storage or the domain, or launch the app.

Thin on purpose. The Textual app is imported only by the commands that open it (``facilitator``
on its own, ``demo``, ``run``, ``capture``), so ``--help`` and every other command start quickly
and never load textual. Every user error, ours or click's, ends as one line on stderr starting
with ``Error:`` and exit code 1 (see ``main``).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from facilitator import __version__, paths
from facilitator.cli_output import (
    agendas_table,
    one_line,
    shown,
    workshop_summary,
    workshops_table,
    write_atomically,
)
from facilitator.domain.errors import FacilitatorError, NotFound
from facilitator.join_command import command_line, join_command

if TYPE_CHECKING:
    from facilitator.storage.store import Store

INVOLVEMENT = ("collaboration", "involvement", "co-production", "user-led")  # models.Involvement


class Session:
    """The ``--db`` choice, and the stores opened for this command (closed when it ends)."""

    def __init__(self, db_option: Path | None) -> None:
        self.db_option = db_option  # from --db or FACILITATOR_DB; None means the default

    @property
    def db_path(self) -> Path:
        return Path(self.db_option).expanduser() if self.db_option else paths.default_db_path()

    def open(self, path: Path | None = None, *, create: bool = True) -> Store:
        from facilitator.storage.store import open_store

        store = open_store(path or self.db_path, create=create)
        click.get_current_context().call_on_close(store.close)
        return store


pass_session = click.make_pass_decorator(Session)


def _demo_path(session: Session) -> Path:
    """The demo's own file, beside the default database, so it never mixes with real workshops."""
    return Path(session.db_option).expanduser() if session.db_option else paths.data_dir() / "demo.db"


def _demo_has(session: Session, workshop_id: int | None) -> Path | None:
    """The demo's file, if this command uses the default database and the demo's file has the workshop.

    Opened read-only and closed again: only to say where the workshop is, never to switch to it.
    """
    demo_path = _demo_path(session)
    if session.db_option is not None or not demo_path.is_file():
        return None
    from facilitator.storage.store import open_store

    try:
        demo_store = open_store(demo_path, create=False, read_only=True)
    except FacilitatorError:
        return None
    try:
        if workshop_id is None:
            return demo_path if demo_store.list_workshops(limit=1) else None
        demo_store.workshop(workshop_id)
        return demo_path
    except FacilitatorError:
        return None
    finally:
        demo_store.close()


def _open_workshop(session: Session, workshop_id: int, command: str) -> Store:
    """The store that holds workshop ID, or one sentence saying it is not there.

    A newcomer who ran ``facilitator demo`` and then ``facilitator capture 2`` meets the default
    database, not the demo's: when only the demo has that workshop, the sentence says so and
    gives the command that opens it there.
    """
    try:
        store = session.open(create=False)
        store.workshop(workshop_id)
        return store
    except FacilitatorError as error:
        # A missing file or workshop may be the demo's; a damaged or locked file is its own story.
        if not isinstance(error, NotFound) and session.db_path.exists():
            raise
        demo_path = _demo_has(session, workshop_id)
        if demo_path is None:
            raise
        raise FacilitatorError(
            f"There is no workshop {workshop_id} in {session.db_path}, but the demo has one: type "
            f"{join_command(demo_path, workshop_id, command)} to open it there."
        ) from None


def _launch(store: Store, **options: Any) -> None:
    # A damaged file gets its one sentence here, not a traceback in the middle of a workshop.
    store.database.check_intact()
    from facilitator.ui.app import launch  # the only places the CLI reaches textual: here and below

    launch(store, **options)


def _launch_home(session: Session) -> None:
    """The app on its home screen, its list drawn before the Store is imported when the file is
    plainly ready (same checks, quick check included); otherwise the ordinary way."""
    from facilitator.ui.app import home_from_first_page, run

    app = home_from_first_page(session.db_path, session.open)
    if app is None:
        _launch(session.open(), start="home")
    else:
        run(app)


def _emit(text: str, output: Path | None, what: str) -> None:
    """Print ``text``, or write it atomically to ``output`` and say where it went."""
    if output is None or str(output) == "-":
        click.echo(text, nl=not text.endswith("\n"))
        return
    write_atomically(output, text, what)
    click.echo(f"Wrote the {what} to {shown(output)}.")


class _Commands(click.Group):
    """Lists commands in the order of a workshop's life, not alphabetically."""

    ORDER = ("demo", "new", "run", "capture", "list", "minutes", "export", "import", "agendas", "locate", "backup")

    def list_commands(self, ctx: click.Context) -> list[str]:
        known = [name for name in self.ORDER if name in self.commands]
        return known + sorted(set(self.commands) - set(known))


workshop_id_argument = click.argument("workshop_id", metavar="ID", type=int)
output_option = click.option(
    "-o", "--output", type=click.Path(path_type=Path), metavar="FILE", help="Write to FILE instead of printing."
)


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
        _launch_home(ctx.obj)


@cli.command(short_help="Fill a demo database and open it.")
@click.option("--no-open", is_flag=True, help="Only create the demo database and print its path.")
@pass_session
def demo(session: Session, no_open: bool) -> None:
    """Fill a demo database (one finished workshop, one in progress) and open it.

    Uses demo.db in your user data folder unless --db or FACILITATOR_DB says otherwise.
    Running it again adds nothing new.
    """
    from facilitator.demo import seed_demo

    path = _demo_path(session)
    store = session.open(path)
    _, in_progress = seed_demo(store)
    if no_open:
        click.echo(str(path))
        return
    _launch(store, start="home")
    # Said once the app has closed (the app's screen hides anything printed before it).
    click.echo(f"The demo is in {path}.")
    click.echo(f"Note-takers join its workshop in progress from another terminal with:\n"
               f"  {join_command(path, in_progress)}")


@cli.command(short_help="Create a workshop from an agenda; print its id.")
@click.argument("agenda")
@click.option("--title", required=True, help="The workshop's title.")
@click.option("--purpose", default="", help="What the workshop is for, in a sentence or two.")
@click.option("--date", "day", metavar="YYYY-MM-DD", help="The day it happens (default: today).")
@click.option("--place", default="", help="Where it happens.")
@click.option("--involvement", type=click.Choice(INVOLVEMENT),
              help="Which kind of involvement it honestly is (default: the agenda's).")  # fmt: skip
@click.option("--series", default="", help="A series name, to link workshops that follow on from each other.")
@pass_session
def new(session: Session, agenda: str, title: str, purpose: str, day: str | None, place: str,
        involvement: str | None, series: str) -> None:  # fmt: skip
    """Create a workshop from AGENDA (a shipped or your own agenda's name, or a .toml file); print its id."""
    from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda

    plan = load_agenda_file(find_agenda(agenda))
    store = session.open()
    workshop = store.create_workshop(
        title=title, stages=stages_from_agenda(plan), purpose=purpose, date=day, place=place,
        involvement=involvement or plan.involvement, series=series, agenda_name=plan.name,
    )  # fmt: skip
    click.echo(str(workshop.id))


@cli.command("list", short_help="List workshops.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@pass_session
def list_workshops(session: Session, as_json: bool) -> None:
    """List workshops: in progress first, then planned, then finished."""
    # Listing must not create a database that is not there yet.
    workshops = session.open(create=False).list_workshops() if session.db_path.exists() else []
    if as_json:
        click.echo(json.dumps([workshop_summary(w) for w in workshops], indent=2, ensure_ascii=False))
    elif workshops:
        click.echo(workshops_table(workshops))
    elif (demo_path := _demo_has(session, None)) is not None:
        # FACILITATOR_HOME=x facilitator list, after facilitator demo: the demo is in its own file.
        click.echo(f"No workshops yet in {session.db_path}.")
        click.echo(f"The demo's workshops are in a file of their own: {command_line(demo_path, 'list')}")
        click.echo("Start a real one with: facilitator new AGENDA --title TEXT")
    else:
        click.echo("No workshops yet. Try 'facilitator demo', or 'facilitator new AGENDA --title TEXT'.")


@cli.command(short_help="The minutes of a workshop.")
@workshop_id_argument
@click.option("--format", "form", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="Markdown or a standalone HTML page.")  # fmt: skip
@output_option
@pass_session
def minutes(session: Session, workshop_id: int, form: str, output: Path | None) -> None:
    """The minutes of workshop ID."""
    from facilitator.domain.minutes import render_html, render_markdown
    from facilitator.storage.exchange import load_record

    record = load_record(_open_workshop(session, workshop_id, "minutes"), workshop_id)
    text = render_html(record) if form == "html" else render_markdown(record)
    _emit(text, output, "minutes")


@cli.command(short_help="A workshop's whole record as JSON.")
@workshop_id_argument
@output_option
@click.option("--include-private", is_flag=True,
              help="Keep every name and support need, to move the workshop to another computer.")  # fmt: skip
@pass_session
def export(session: Session, workshop_id: int, output: Path | None, include_private: bool) -> None:
    """The whole record of workshop ID as JSON.

    Names appear only for people who chose to be named, and support needs are left out, unless
    --include-private is given. Who gave which dot in a secret vote is never exported, and a
    secret vote that has dots but is not revealed yet is refused (reveal it first).
    """
    from facilitator.storage.exchange import export_json

    text = export_json(_open_workshop(session, workshop_id, "export"), workshop_id, include_private=include_private)
    _emit(text, output, "export")


@cli.command("import", short_help="Add a workshop from an export file.")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--as-new", is_flag=True, help="Import a copy even if this workshop is already here.")
@pass_session
def import_workshop(session: Session, file: Path, as_new: bool) -> None:
    """Add a workshop from a file made by 'facilitator export'; print its new id and title."""
    from facilitator.storage.exchange import import_file

    store = session.open()
    result = import_file(store, file, as_new=as_new)
    workshop = store.workshop(result if isinstance(result, int) else result.id)
    click.echo(f"{workshop.id}\t{shown(workshop.title)}")


@cli.group(invoke_without_command=True, short_help="List agendas, or check agenda files.")
@click.pass_context
def agendas(ctx: click.Context) -> None:
    """List the shipped agendas and your own (or check agenda files)."""
    if ctx.invoked_subcommand is not None:
        return
    from facilitator.domain.agenda import list_agendas

    click.echo(agendas_table(list_agendas(), paths.shipped_agendas_dir()))
    click.echo(f"\nYour own agendas go in {paths.user_agendas_dir()}.")
    click.echo("Check one with: facilitator agendas check FILE")


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


@cli.command(short_help="Where the database and agendas live.")
@pass_session
def locate(session: Session) -> None:
    """Where the database, your own agendas and the backups live."""
    for label, place in (("database", session.db_path), ("agendas", paths.user_agendas_dir()),
                         ("backups", paths.backups_dir())):  # fmt: skip
        note = "" if place.exists() else "  (not created yet)"
        click.echo(f"{label + ':':<10} {place}{note}")


@cli.command(short_help="The facilitator's view of a workshop.")
@workshop_id_argument
@pass_session
def run(session: Session, workshop_id: int) -> None:
    """Open the facilitator's (projected) view of workshop ID."""
    # A plain sentence if there is no such workshop, before the app loads.
    store = _open_workshop(session, workshop_id, "run")
    _launch(store, start="run", workshop_id=workshop_id)


@cli.command(short_help="The note-taker's view of a workshop.")
@workshop_id_argument
@click.option("--as", "typist", metavar="NAME", help="Your name, kept as who typed each idea.")
@pass_session
def capture(session: Session, workshop_id: int, typist: str | None) -> None:
    """Open the note-taker's view of workshop ID: type an idea, press Enter to save it."""
    from facilitator.domain.text import clean_optional

    typist = clean_optional(typist, "note-taker's name", max_length=100) or None
    store = _open_workshop(session, workshop_id, "capture")
    _launch(store, start="capture", workshop_id=workshop_id, typist=typist)


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
    return _flushed(result if isinstance(result, int) else 0)


def _fail(sentence: str) -> int:
    click.echo(f"Error: {sentence}", err=True)
    return 1


def _flushed(code: int) -> int:
    """Flush now, so a closed pipe (``| head``) ends quietly instead of with a traceback at exit."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return code


from facilitator.cli_review import register as register_review  # noqa: E402  (decisions, actions, report)

register_review(cli)

from facilitator.cli_backup import register as register_backup  # noqa: E402  (backup)

register_backup(cli)
