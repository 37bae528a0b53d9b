"""Before and after a workshop: its invitation details, the invitation pack, and recognising
people's time (edit, pack, series-rate, recognise, recognition).

``details_options`` are shared with ``new``, so a workshop's start time, access, contact and
recognition can be given when it is made and changed later with ``edit``.
"""

from __future__ import annotations

from pathlib import Path

import click

from facilitator.cli.output import shown
from facilitator.cli.session import Session, emit, open_workshop, output_option, pass_session, workshop_id_argument
from facilitator.domain.errors import FacilitatorError

_DETAILS = (
    ("start", "start_time", "TIME", "The clock time it starts, e.g. 10:00 or 2pm."),
    ("step-free", "step_free", "TEXT", "Step-free access: yes, no, or a few words."),
    ("hearing-loop", "hearing_loop", "TEXT", "Hearing loop: yes, no, or a few words."),
    ("quiet-room", "quiet_room", "TEXT", "Quiet room: yes, no, or a few words."),
    ("bus-stop", "bus_stop", "TEXT", "The nearest bus stop."),
    ("access", "access_notes", "TEXT", "Anything else about getting there and getting in."),
    ("contact", "contact_name", "NAME", "Who people can ask."),
    ("contact-details", "contact_details", "TEXT", "Their phone number or email."),
    ("time-recognised", "time_recognised", "TEXT", "How people's time is recognised, in a sentence."),
    ("rate", "hourly_rate", "AMOUNT", "This workshop's hourly rate, e.g. 15.00 (default: the series')."),
)


def details_options(command):
    """The invitation pack's options, for ``new`` and ``edit``."""
    for flag, name, metavar, text in reversed(_DETAILS):
        command = click.option(f"--{flag}", name, metavar=metavar, default=None, help=text)(command)
    return command


def details_from(options: dict) -> dict:
    """The options given, as ``Store.set_workshop_details`` takes them (money in pence)."""
    from facilitator.domain.recognition import parse_money

    details = {name: options.get(name) for _, name, _, _ in _DETAILS if name != "hourly_rate"}
    rate = options.get("hourly_rate")
    if rate is not None:
        details["hourly_rate_pence"] = parse_money(rate, "hourly rate") if rate.strip() else ""
    return {key: value for key, value in details.items() if value is not None}


@click.command(short_help="Change a workshop's start time, access, contact or rate.")
@workshop_id_argument
@details_options
@click.option("--carry", is_flag=True, help="Add the stages waiting to be carried from earlier workshops.")
@pass_session
def edit(session: Session, workshop_id: int, carry: bool, **options) -> None:
    """Change the invitation details of workshop ID. Options not given stay as they are; an empty
    value ("") clears one. --carry adds the stages moved out of earlier workshops (its series', or
    in no series, those of workshops in none) at the end."""
    details = details_from(options)
    if not details and not carry:
        raise click.UsageError("Give at least one detail to change, e.g. --start 10:00, or --carry.")
    store = open_workshop(session, workshop_id, "edit")
    if carry:
        added = store.add_stages_to_carry(workshop_id)
        click.echo(shown(store.carry_sentence(added, added=True)) if added else "No stages are waiting to be carried.")
    if details:
        store.set_workshop_details(workshop_id, **details)
        labels = {name: f"--{flag}" for flag, name, _, _ in _DETAILS} | {"hourly_rate_pence": "--rate"}
        click.echo(f"Changed workshop {workshop_id}: {', '.join(labels[name] for name in details)}.")


@click.command(short_help="The invitation pack for a workshop.")
@workshop_id_argument
@click.option("--format", "form", type=click.Choice(["md", "html", "docx"]), default="md", show_default=True,
              help="Markdown, a printable large-print HTML page, or a large-print Word file.")  # fmt: skip
@click.option("--easy-read", is_flag=True, help="Short sentences in large type.")
@output_option
@pass_session
def pack(session: Session, workshop_id: int, form: str, easy_read: bool, output: Path | None) -> None:
    """The invitation pack for workshop ID: when and where, access, what will happen, the ground
    rules, how time is recognised, a contact, and a question about support needs."""
    from facilitator.outputs.pack import RENDERERS

    store = open_workshop(session, workshop_id, "pack")
    workshop = store.workshop(workshop_id)
    series = store.series_settings(workshop.series) if workshop.series else None
    _refuse_word_to_screen(form, output)
    emit(RENDERERS[form](workshop, store.stages(workshop_id), series, easy_read=easy_read), output, "invitation pack")


@click.command("series-rate", short_help="Set a series' hourly rate, rounding and currency.")
@click.argument("series")
@click.option("--rate", metavar="AMOUNT", help="The hourly rate, e.g. 15.00 (empty to clear).")
@click.option("--rounding", type=click.IntRange(0, 240), metavar="MINUTES",
              help="Round time up to the next this many minutes (30: the half hour; 0: not at all).")  # fmt: skip
@click.option("--currency", metavar="SYMBOL", help="The currency symbol (default £).")
@pass_session
def series_rate(session: Session, series: str, rate: str | None, rounding: int | None, currency: str | None) -> None:
    """Set how people's time is paid for in SERIES (a workshop's own --rate overrides it); print it."""
    from facilitator.domain.recognition import format_money, parse_money

    store = session.open()
    kwargs = {"rounding_minutes": rounding, "currency": currency}
    if rate is not None:
        kwargs["hourly_rate_pence"] = parse_money(rate, "hourly rate") if rate.strip() else None
    settings = store.set_series_settings(series, **kwargs)
    shown_rate = format_money(settings.hourly_rate_pence, settings.currency) if settings.hourly_rate_pence is not None else "not set"
    click.echo(f"{shown(series)}: {shown_rate} an hour, rounded up to {settings.rounding_minutes} minutes.")


@click.command(short_help="Record how a person's time is recognised.")
@click.argument("workshop_id", metavar="WORKSHOP", type=int)
@click.argument("person")
@click.option("--paid", "kind", flag_value="paid", help="Paid at the hourly rate.")
@click.option("--voucher", "kind", flag_value="voucher", help="A voucher (worth the same, or --amount).")
@click.option("--declined", "kind", flag_value="declined", help="They chose not to be paid.")
@click.option("--donated", metavar="CAUSE", help="Donated to CAUSE.")
@click.option("--amount", metavar="AMOUNT", help="A fixed amount instead of hours x rate.")
@click.option("--travel", metavar="AMOUNT", help="Travel costs, e.g. 4.50.")
@click.option("--care", metavar="AMOUNT", help="Care costs, e.g. 12.")
@click.option("--other", metavar="AMOUNT", help="Other costs.")
@click.option("--other-note", metavar="TEXT", default="", help="What the other costs were.")
@pass_session
def recognise(session: Session, workshop_id: int, person: str, kind: str | None, donated: str | None,
              amount: str | None, travel: str | None, care: str | None, other: str | None, other_note: str) -> None:  # fmt: skip
    """Record how PERSON (a name on the roster of WORKSHOP, or their number) is recognised.

    This records their own choice; it is not advice about benefits (they should ask their own adviser).
    """
    from facilitator.domain.recognition import format_money, parse_money

    if donated is not None:
        if kind is not None:
            raise click.UsageError("Choose one of --paid, --voucher, --declined or --donated.")
        kind = "donated"
    if kind is None:
        raise click.UsageError("Say how their time is recognised: --paid, --voucher, --declined or --donated CAUSE.")
    money = {name: parse_money(value, label) for name, value, label in (
        ("travel_pence", travel, "travel cost"), ("care_pence", care, "care cost"), ("other_pence", other, "other cost"))}  # fmt: skip
    fixed = parse_money(amount, "amount") if amount else None
    store = open_workshop(session, workshop_id, "recognise")
    participant = store.find_participant(workshop_id, person)
    store.record_recognition(participant.id, kind, donated_to=donated or "", amount_pence=fixed,
                             other_note=other_note, **money)  # fmt: skip
    row = store.recognition_rows(workshop_id=workshop_id)
    mine = next(r for r in row if r.participant_id == participant.id)
    click.echo(f"Recorded for {shown(participant.name)}: {mine.owed.minutes / 60:g} hours, "
               f"total {format_money(mine.owed.total, mine.currency)}.")  # fmt: skip
    _warn_missing_rates([mine])


def _warn_missing_rates(rows) -> None:
    """On stderr, a sentence for each series (or workshop) whose paid people are counted at 0.00."""
    from facilitator.domain.recognition import missing_rate_sentences

    for sentence in missing_rate_sentences(rows):
        click.echo(shown(sentence), err=True)


@click.command(short_help="Who is owed what for their time (private).")
@click.option("--series", help="Only workshops in this series.")
@click.option("--since", metavar="DATE", help="Only workshops on or after DATE.")
@click.option("--until", metavar="DATE", help="Only workshops on or before DATE.")
@click.option("--format", "form", type=click.Choice(["csv", "md", "html", "docx"]), default="csv", show_default=True,
              help="A spreadsheet (CSV), Markdown, an HTML page or a Word file.")  # fmt: skip
@output_option
@click.option("--letters", type=click.Path(path_type=Path), metavar="FOLDER",
              help="Also write a thank-you letter (Word) for each person into FOLDER.")  # fmt: skip
@pass_session
def recognition(session: Session, series: str | None, since: str | None, until: str | None, form: str,
                output: Path | None, letters: Path | None) -> None:  # fmt: skip
    """The sheet for finance: one row per person per workshop (name, workshop, date, hours,
    recognition, amount, expenses, total). Private: files are readable by you alone."""
    from facilitator.outputs.recognition import SHEETS, write_letters

    _refuse_word_to_screen(form, output)
    store = session.open(create=False)
    rows = store.recognition_rows(series=series, since=since, until=until)
    emit(SHEETS[form](rows) if form == "csv" else SHEETS[form](rows, series), output, "recognition sheet")
    _warn_missing_rates(rows)
    if letters is not None:
        written = write_letters(rows, letters)
        click.echo(f"Wrote {written} thank-you letter{'s' if written != 1 else ''} to {shown(letters)}.")


def _refuse_word_to_screen(form: str, output: Path | None) -> None:
    if form == "docx" and (output is None or str(output) == "-"):
        raise FacilitatorError("A Word file cannot be shown here; give a file name with -o FILE.")


def register(group: click.Group) -> None:
    for command in (edit, pack, series_rate, recognise, recognition):
        group.add_command(command)
