"""The commands of a workshop's life: demo, new, list, run, capture, minutes, export, import.

``register(group)`` adds them to the main ``facilitator`` group. Thin on purpose: parse, call
storage or the outputs, or launch the app (only ``demo``, ``run`` and ``capture`` load textual).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from facilitator.cli.output import shown, workshop_summary, workshops_table
from facilitator.cli.pack import details_from, details_options
from facilitator.cli.session import (
    Session,
    demo_file,
    demo_has,
    emit,
    launch_app,
    open_workshop,
    output_option,
    pass_session,
    workshop_id_argument,
)
from facilitator.local.join_command import command_line, join_command, typed

INVOLVEMENT = ("collaboration", "involvement", "co-production", "user-led")  # models.Involvement


@click.command(short_help="Fill a demo database and open it.")
@click.option("--no-open", is_flag=True, help="Only create the demo database and print its path.")
@pass_session
def demo(session: Session, no_open: bool) -> None:
    """Fill a demo database (one finished workshop, one in progress) and open it.

    Uses demo.db in your user data folder unless --db or FACILITATOR_DB says otherwise.
    Running it again adds nothing new.
    """
    from facilitator.demo import seed_demo

    path = demo_file(session)
    store = session.open(path)
    _, in_progress = seed_demo(store)
    if no_open:
        click.echo(str(path))
        return
    launch_app(store, start="home")
    # Said once the app has closed (the app's screen hides anything printed before it).
    click.echo(f"The demo is in {path}.")
    click.echo(f"Note-takers join its workshop in progress from another terminal with:\n"
               f"  {join_command(path, in_progress)}")


@click.command(short_help="Create a workshop from an agenda; print its id.")
@click.argument("agenda")
@click.option("--title", required=True, help="The workshop's title.")
@click.option("--purpose", default="", help="What the workshop is for, in a sentence or two.")
@click.option("--date", "day", metavar="DATE",
              help="The day it happens: day/month/year (31/01/2027), or a word such as friday (default: today).")
@click.option("--place", default="", help="Where it happens.")
@click.option("--involvement", type=click.Choice(INVOLVEMENT),
              help="Which kind of involvement it honestly is (default: the agenda's).")  # fmt: skip
@click.option("--series", default="", help="A series name, to link workshops that follow on from each other.")
@click.option("--carry", is_flag=True,
              help="Add the stages moved out of earlier workshops in no series (a series' own are always added).")
@details_options
@pass_session
def new(session: Session, agenda: str, title: str, purpose: str, day: str | None, place: str,
        involvement: str | None, series: str, carry: bool, **details) -> None:  # fmt: skip
    """Create a workshop from AGENDA (a shipped or your own agenda's name, or a .toml file); print its id.

    The invitation pack's details (start time, access, contact, rate) can be given now or later
    with 'facilitator edit'."""
    from facilitator.domain.agenda import (
        find_agenda,
        load_agenda_file,
        stages_from_agenda,
    )

    plan = load_agenda_file(find_agenda(agenda))
    store = session.open()
    waiting = store.stages_to_carry(series.strip())
    workshop = store.create_workshop(
        title=title, stages=stages_from_agenda(plan), purpose=purpose, date=day, place=place,
        involvement=involvement or plan.involvement, series=series, agenda_name=plan.name,
        details=details_from(details), carry=carry,
    )  # fmt: skip
    click.echo(str(workshop.id))
    # On stderr: scripts read the id alone from stdout.
    if waiting and (carry or workshop.series):
        click.echo(shown(store.carry_sentence(waiting, added=True)), err=True)
    elif waiting:
        click.echo(shown(store.carry_sentence(waiting, added=False))
                   + f" To add them to this workshop: {typed('edit', str(workshop.id), '--carry')}", err=True)
    stage_added = not any(stage.kind == "feedback" for stage in plan.stages)
    carried = store.carry_over_sentence(workshop.id, stage_added=stage_added)
    if carried:
        # On stderr: scripts read the id alone from stdout.
        click.echo(shown(carried), err=True)
    if series and (listed := len(store.participants(workshop.id))):
        # On stderr: scripts read the id alone from stdout.
        click.echo(f"{listed} {'person' if listed == 1 else 'people'} from the series' standing roster "
                   "are listed, not yet marked as here.", err=True)  # fmt: skip


@click.command("list", short_help="List workshops.")
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
    elif (demo_path := demo_has(session, None)) is not None:
        # FACILITATOR_HOME=x facilitator list, after facilitator demo: the demo is in its own file.
        click.echo(f"No workshops yet in {session.db_path}.")
        click.echo(f"The demo's workshops are in a file of their own: {command_line(demo_path, 'list')}")
        click.echo(f"Start a real one with: {typed('new', 'AGENDA', '--title', 'TEXT')}")
    else:
        click.echo(f"No workshops yet. Try '{typed('demo')}', or '{typed('new', 'AGENDA', '--title', 'TEXT')}'.")


@click.command(short_help="The minutes of a workshop.")
@workshop_id_argument
@click.option("--format", "form", type=click.Choice(["md", "html", "docx"]), default="md", show_default=True,
              help="Markdown, a standalone HTML page, or a Word file (docx, needs -o).")  # fmt: skip
@click.option("--large-print", is_flag=True, help="Word only: 16 pt text and larger headings.")
@output_option
@pass_session
def minutes(session: Session, workshop_id: int, form: str, large_print: bool, output: Path | None) -> None:
    """The minutes of workshop ID. Actions past their due date are marked overdue."""
    from facilitator.outputs.minutes import render_html, render_markdown
    from facilitator.storage.exchange import load_record

    check_word_options(form, large_print, output, "minutes")
    store = open_workshop(session, workshop_id, "minutes")
    record = load_record(store, workshop_id)
    today = store.today()
    if form == "docx":
        from facilitator.outputs.word_markdown import markdown_docx

        emit(markdown_docx(render_markdown(record, today=today), large_print=large_print), output, "minutes")
        return
    text = render_html(record, today=today) if form == "html" else render_markdown(record, today=today)
    emit(text, output, "minutes")


def check_word_options(form: str, large_print: bool, output: Path | None, what: str) -> None:
    """A Word file needs a file to go to, and large print is a choice for Word files (checked before
    anything is read, so nothing is half done)."""
    from facilitator.domain.errors import InvalidText

    if form == "docx" and (output is None or str(output) == "-"):
        raise InvalidText(f"A Word file cannot be printed in the terminal: add -o FILE, for example -o {what}.docx.")
    if large_print and form != "docx":
        raise InvalidText("--large-print is for Word files: add --format docx (the HTML page is large print already).")


@click.command(short_help="Who took part in a workshop, and when.")
@workshop_id_argument
@click.option("--format", "form", type=click.Choice(["table", "csv"]), default="table", show_default=True,
              help="A table to read here, or a CSV file for a spreadsheet.")  # fmt: skip
@click.option("--include-private", is_flag=True,
              help="Name everyone, including people who chose not to be named (keep the file private).")  # fmt: skip
@output_option
@pass_session
def attendance(session: Session, workshop_id: int, form: str, include_private: bool, output: Path | None) -> None:
    """Who was on the list of workshop ID, whether they took part, and when they arrived and left.

    People appear as they chose to appear in the minutes unless --include-private is given.
    """
    from facilitator.cli.output import table
    from facilitator.outputs.sheets import ATTENDANCE_HEADERS, attendance_csv, attendance_rows
    from facilitator.storage.exchange import load_record

    record = load_record(open_workshop(session, workshop_id, "attendance"), workshop_id)
    if form == "csv":
        emit(attendance_csv(record, include_private=include_private), output, "attendance sheet")
        return
    rows = attendance_rows(record, include_private=include_private)
    text = table([header.upper() for header in ATTENDANCE_HEADERS], rows) if rows else "Nobody is on the list."
    emit(text + "\n", output, "attendance sheet")


@click.command(short_help="A workshop's whole record as JSON.")
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

    text = export_json(open_workshop(session, workshop_id, "export"), workshop_id, include_private=include_private)
    emit(text, output, "export")


@click.command("import", short_help="Add a workshop from an export file.")
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


@click.command(short_help="The facilitator's view of a workshop.")
@workshop_id_argument
@pass_session
def run(session: Session, workshop_id: int) -> None:
    """Open the facilitator's (projected) view of workshop ID."""
    # A plain sentence if there is no such workshop, before the app loads.
    store = open_workshop(session, workshop_id, "run")
    launch_app(store, start="run", workshop_id=workshop_id)


@click.command(short_help="The note-taker's view of a workshop.")
@workshop_id_argument
@click.option("--as", "typist", metavar="NAME", help="Your name, kept as who typed each idea.")
@pass_session
def capture(session: Session, workshop_id: int, typist: str | None) -> None:
    """Open the note-taker's view of workshop ID: type an idea, press Enter to save it."""
    from facilitator.domain.text import clean_optional

    typist = clean_optional(typist, "note-taker's name", max_length=100) or None
    store = open_workshop(session, workshop_id, "capture")
    launch_app(store, start="capture", workshop_id=workshop_id, typist=typist)


def register(group: click.Group) -> None:
    """Add the workshop commands to the main ``facilitator`` group."""
    for command in (demo, new, list_workshops, minutes, attendance, export, import_workshop, run, capture):
        group.add_command(command)
