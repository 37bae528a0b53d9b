"""Reviewing past decisions from the command line: the register, follow-up, and the report.

``register(group)`` adds ``decisions``, ``decision``, ``actions``, ``update-action`` and ``report`` to the main
``facilitator`` group. None of them imports textual. User errors are ``FacilitatorError``s, which
the main command turns into one line and exit code 1. The keys of every ``--json`` output are a
contract with scripts: add keys, never rename them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from facilitator.cli.output import shown, table
from facilitator.cli.session import emit, output_option

# The values of models.DecisionStatus and models.ActionStatus, written out so that loading the
# command line (``--help``) does not import pydantic; a test keeps them in step.
DECISION_STATUSES = ("agreed", "deferred", "rejected", "superseded")
ACTION_STATUSES = ("open", "in progress", "done", "dropped")

# ``decisions --json``: one object per decision, these keys in this order.
DECISION_KEYS = (
    "id", "uid", "statement", "rationale", "status", "method", "decided_by", "review_date", "created_at",
    "supersedes_id", "superseded_by_id", "workshop_id", "workshop_title", "workshop_date", "workshop_series",
    "history",
)  # fmt: skip
# Each entry of a decision's "history" (changes after the day, oldest first): these keys. "changed_by"
# is a name only where the minutes would show one (someone at that workshop who chose to be named),
# else null: a name typed as who made a change is otherwise for this computer's record only.
HISTORY_KEYS = ("at", "kind", "old", "new", "note", "changed_by")
# ``actions --json``: one object per outstanding action. "owner" is as the room and the minutes see
# them; "owner_private_name" is the name of an owner who chose otherwise (for the facilitator, to
# chase the action; never to publish), else null.
ACTION_KEYS = (
    "id", "what", "status", "due_date", "overdue", "owner", "decision_id", "decision_statement",
    "workshop_id", "workshop_title", "workshop_date", "workshop_series", "owner_private_name",
)  # fmt: skip
OWNER_WIDTH = 24
format_option = click.option("--format", "form", type=click.Choice(["table", "json", "csv"]),
                             help="A table to read here (the default), JSON for scripts, or CSV for a spreadsheet.")
PRIVATE_NOTE = ("Owners marked (private) chose to appear otherwise: their names are for you, to follow "
                "the actions up; the room and the minutes see them as they chose.")
STATEMENT_WIDTH = 70


def _store(*, create: bool = False):
    """The store for this command, opened by the main group's session (``--db``); None if no file."""
    session = click.get_current_context().find_root().obj
    if not create and not Path(session.db_path).exists():
        return None
    return session.open(create=create)


def _cut(text: str, width: int) -> str:
    text = shown(text)
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def decision_json(item: Any, history: list | None = None) -> dict[str, Any]:
    """One decision for ``decisions --json``; ``history`` is its changes as ``decision_histories``
    gives them with ``names="as minutes"``."""
    values = item.decision.model_dump(mode="json")
    values.update(
        workshop_title=item.workshop_title, workshop_date=item.workshop_date, workshop_series=item.workshop_series,
        history=[_change_json(change) for change in history or ()],
    )
    return {key: values.get(key) for key in DECISION_KEYS}


def _change_json(change: Any) -> dict[str, Any]:
    values = {key: getattr(change, key) for key in HISTORY_KEYS}
    values["changed_by"] = values["changed_by"] or None  # "": not a name the minutes would show
    return values


def action_json(item: Any) -> dict[str, Any]:
    from facilitator.domain.attribution import display_name, private_name

    action = item.action
    return {
        "id": action.id,
        "what": action.what,
        "status": action.status.value,
        "due_date": action.due_date,
        "overdue": item.overdue,
        "owner": display_name(item.owner) if item.owner is not None else action.owner_text,
        "decision_id": action.decision_id,
        "decision_statement": item.decision_statement,
        "workshop_id": action.workshop_id,
        "workshop_title": item.workshop_title,
        "workshop_date": item.workshop_date,
        "workshop_series": item.workshop_series,
        "owner_private_name": private_name(item.owner),
    }


def _owner_cell(values: dict[str, Any]) -> str:
    """The owner as the room sees them or, for the facilitator running this, the name, marked."""
    if values["owner_private_name"] is None:
        return _cut(values["owner"] or "-", OWNER_WIDTH)
    return f"{_cut(values['owner_private_name'], OWNER_WIDTH)} (private: shown as {values['owner']})"


@click.command(short_help="Find past decisions across workshops.")
@click.option("--search", "query", default="", metavar="WORDS", help="Words in the decision, its reasons or its ideas.")
@click.option("--status", type=click.Choice(DECISION_STATUSES), help="Only decisions with this status.")
@click.option("--since", metavar="DATE", help="Only workshops on or after this day (day/month/year, 31/01/2027).")
@click.option("--until", metavar="DATE", help="Only workshops on or before this day (day/month/year).")
@click.option("--series", metavar="NAME", help="Only workshops in this series.")
@click.option("--workshop", "workshop_id", type=int, metavar="ID", help="Only this workshop.")
@click.option("--review-due", is_flag=True, help="Only decisions due for review within 30 days, or overdue.")
@click.option("--all", "show_all", is_flag=True, help="Include decisions replaced by later ones.")
@click.option("--limit", type=click.IntRange(min=0), metavar="N",
              help="At most this many (0: all). Default: 50, or all of them for --format csv.")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts (the same as --format json).")
@format_option
@output_option
def decisions(query, status, since, until, series, workshop_id, review_due, show_all, limit, as_json, form,
              output) -> None:  # fmt: skip
    """The decision register: decisions across workshops, newest first.

    Replaced (superseded) decisions are left out unless --all or --status superseded.
    """
    form = _sheet_format(form, as_json, output)
    if limit is None:
        limit = 0 if form == "csv" else 50  # a spreadsheet holds the whole register
    store = _store()
    filters = dict(status=status, current_only=not show_all, since=since, until=until,
                   workshop_id=workshop_id, series=series, review_due=review_due)  # fmt: skip
    if store is None:
        found, total = [], 0
    else:
        found = store.search_decisions(query, **filters, limit=limit or 1_000_000_000)
        total = len(found) if not limit or len(found) < limit else store.count_decisions(query, **filters)
    if form == "json":
        ids = [item.decision.id for item in found]
        histories = {} if store is None else store.decision_histories(ids, names="as minutes")
        made = [decision_json(item, histories.get(item.decision.id)) for item in found]
        emit(json.dumps(made, indent=2, ensure_ascii=False), output, "decisions")
        return
    if form == "csv":
        from facilitator.outputs.sheets import decisions_csv

        emit(decisions_csv(found), output, "decisions")
        return
    if not found:
        narrowed = query or status or since or until or series or workshop_id is not None or review_due
        click.echo("No decisions match." if narrowed else "No decisions yet.")
        if query:
            from facilitator.local.join_command import typed

            click.echo(f"To look in everything said (ideas, actions, replies too): {typed('search', query)}")
        return
    rows = [
        (item.decision.id, item.workshop_date, _status_cell(item), item.decision.review_date or "-",
         _cut(item.workshop_title, 30), _cut(item.decision.statement, STATEMENT_WIDTH))
        for item in found
    ]  # fmt: skip
    click.echo(table(("ID", "DATE", "STATUS", "REVIEW", "WORKSHOP", "DECISION"), rows))
    if total > len(found):
        click.echo(f"\nShowing the newest {len(found)} of {total:,}. Narrow with --search, or use --limit 0 for all.")


def _status_cell(item: Any) -> str:
    """"agreed", or "agreed (changed 2025-03-03)" for a decision changed or reviewed since the day."""
    from facilitator.domain.decision_changes import since_the_day

    since = since_the_day(item.changed_at, item.reviewed_at)
    return f"{item.decision.status.value} ({since})" if since else item.decision.status.value


@click.command(short_help="Actions still to do, across workshops.")
@click.option("--overdue", is_flag=True, help="Only actions past their due date.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts (the same as --format json).")
@format_option
@click.option("--include-private", is_flag=True,
              help="CSV: name owners who chose not to be named (keep the file private).")  # fmt: skip
@output_option
def actions(overdue: bool, as_json: bool, form: str | None, include_private: bool, output: Path | None) -> None:
    """Open and in-progress actions in every workshop: overdue first, then by due date."""
    form = _sheet_format(form, as_json, output)
    store = _store()
    found = [] if store is None else store.outstanding_actions(overdue_only=overdue)
    if form == "json":
        emit(json.dumps([action_json(item) for item in found], indent=2, ensure_ascii=False), output, "actions")
        return
    if form == "csv":
        from facilitator.outputs.sheets import actions_csv

        emit(actions_csv(found, include_private=include_private), output, "actions")
        return
    if not found:
        click.echo("No overdue actions." if overdue else "No actions are waiting to be done.")
        return
    rows = []
    private = False
    for item in found:
        values = action_json(item)
        private = private or values["owner_private_name"] is not None
        due = (values["due_date"] or "no date") + (" OVERDUE" if item.overdue else "")
        rows.append((values["id"], due, values["status"], _owner_cell(values),
                     _cut(item.workshop_title, 30), _cut(values["what"], STATEMENT_WIDTH)))  # fmt: skip
    click.echo(table(("ID", "DUE", "STATUS", "OWNER", "WORKSHOP", "ACTION"), rows))
    if private:
        click.echo(f"\n{PRIVATE_NOTE}")


def action_status(words: tuple[str, ...]) -> str:
    """The action status named by ``words`` ("in progress", typed as two words or one quoted
    argument, "in-progress" or "In_Progress" too); an ``InvalidText`` sentence for anything else."""
    typed = " ".join(words)
    wanted = " ".join(typed.replace("-", " ").replace("_", " ").split()).casefold()
    if wanted in ACTION_STATUSES:
        return wanted
    from facilitator.domain.errors import InvalidText

    choices = ", ".join(ACTION_STATUSES[:-1]) + f" or {ACTION_STATUSES[-1]}"
    raise InvalidText(f"\u201c{_cut(typed, 40)}\u201d is not an action status: use {choices}.")


@click.command("update-action", short_help="Move an action on, with a dated note.")
@click.argument("action_id", metavar="ID", type=int)
@click.argument("status", metavar="STATUS", nargs=-1, required=True)
@click.option("--note", default="", metavar="TEXT", help="What happened (kept with today's date).")
def update_action(action_id: int, status: tuple[str, ...], note: str) -> None:
    """Set action ID's STATUS (open, in progress, done or dropped; no quotes needed), keeping a
    dated note of what happened."""
    status = action_status(status)
    store = _store()
    if store is None:
        from facilitator.domain.errors import NotFound

        raise NotFound(f"There is no action with id {action_id}.")
    action = store.update_action(action_id, status, note)
    click.echo(f"Action {action.id} is now {action.status.value}: {_cut(action.what, STATEMENT_WIDTH)}")


@click.command(short_help="One decision, its history, and changing it after the day.")
@click.argument("decision_id", metavar="ID", type=int)
@click.option("--status", type=click.Choice(DECISION_STATUSES[:3]), help="Its new status (deferred to agreed, say).")
@click.option("--review-date", metavar="DATE", help="Set or change its review date (day/month/year), or 'none'.")
@click.option("--note", metavar="TEXT", help="A review (\"still right\", \"changed because ...\"), or why it changed.")
@click.option("--correct-statement", metavar="TEXT", help="Correct its wording; what was recorded stays in its history.")
@click.option("--by", default="", metavar="NAME", help="Who is making the change (kept in the history).")
def decision(decision_id: int, status: str | None, review_date: str | None, note: str | None,
             correct_statement: str | None, by: str) -> None:  # fmt: skip
    """Show decision ID with its history; with options, change it after the day.

    Every change is a dated entry in the decision's history: what was recorded on the day is
    never overwritten, so the original wording stays readable.
    """
    store = _store()
    if store is None:
        from facilitator.domain.errors import NotFound

        raise NotFound(f"There is no decision with id {decision_id}.")
    if any(value is not None for value in (status, review_date, note, correct_statement)):
        store.amend_decision(decision_id, status=status, review_date=review_date, note=note,
                             statement=correct_statement, by=by)  # fmt: skip
    click.echo(decision_text(store, decision_id), nl=False)


def decision_text(store, decision_id: int) -> str:
    from facilitator.domain.decision_changes import describe_decision_change

    summary = store.decision_summary(decision_id)
    found = summary.decision
    lines = [shown(found.statement), "",
             f"Status: {found.status.value}", f"Review date: {found.review_date or 'none'}",
             f"Decided at: {shown(summary.workshop_title)} ({summary.workshop_date})"]  # fmt: skip
    history = store.decision_history(decision_id)
    if history:
        lines += ["", "History:"]
        for change in history:
            by = f" ({shown(change.changed_by)})" if change.changed_by else ""
            words = describe_decision_change(change.kind, change.old, change.new, change.note)
            lines.append(f"- {change.at[:10]}: {shown(words)}{by}")
    return "\n".join(lines) + "\n"


@click.command(short_help='The "You said, we did" report.')
@click.argument("workshop_id", metavar="ID", type=int)
@click.option("--series", "whole_series", is_flag=True, help="Every workshop in ID's series, not just ID.")
@click.option("--format", "form", type=click.Choice(["md", "html", "docx"]),
              help="Markdown, a large-print HTML page, or a Word file (docx, needs -o). Default: md, "
                   "or html with --easy-read.")  # fmt: skip
@click.option("--easy-read", is_flag=True, help="The easy read version: short sentences, one point at a time.")
@click.option("--large-print", is_flag=True, help="Word only: 16 pt text and larger headings.")
@output_option
def report(workshop_id: int, whole_series: bool, form: str | None, easy_read: bool, large_print: bool,
           output: Path | None) -> None:  # fmt: skip
    """What people said at workshop ID (or its whole series), and what was done about it."""
    from facilitator.cli.workshops import check_word_options
    from facilitator.domain.errors import InvalidText, NotFound

    form = form or ("html" if easy_read else "md")
    if easy_read and form == "md":
        raise InvalidText("The easy read report is made as a page or a Word file: use --format html or docx.")
    check_word_options(form, large_print, output, "report")
    store = _store()
    if store is None:
        raise NotFound(f"There is no workshop with id {workshop_id}.")
    made = report_text(store, workshop_id, whole_series=whole_series, form=form, easy_read=easy_read,
                       large_print=large_print)  # fmt: skip
    emit(made, output, "report")


def report_text(store, workshop_id: int, *, whole_series: bool, form: str = "md", easy_read: bool = False,
                large_print: bool = False) -> str | bytes:  # fmt: skip
    """The report as text (md, html) or the bytes of a Word file (docx)."""
    records, title = store.report_records(workshop_id, whole_series=whole_series)
    if easy_read:
        from facilitator.outputs.easy_read import render_easy_read_docx, render_easy_read_html

        return (render_easy_read_docx if form == "docx" else render_easy_read_html)(records, title=title)
    from facilitator.outputs.report import render_report_html, render_report_markdown

    today = store.today()
    if form == "docx":
        from facilitator.outputs.word_markdown import markdown_docx

        return markdown_docx(render_report_markdown(records, title=title, today=today), large_print=large_print)
    render = render_report_html if form == "html" else render_report_markdown
    return render(records, title=title, today=today)


def _sheet_format(form: str | None, as_json: bool, output: Path | None) -> str:
    """--format, with --json as its older spelling; a plain table cannot go to a file."""
    from facilitator.domain.errors import InvalidText

    if as_json and form not in (None, "json"):
        raise InvalidText(f"--json and --format {form} ask for different things: give one of them.")
    form = "json" if as_json else form or "table"
    if form == "table" and output is not None and str(output) != "-":
        raise InvalidText("-o writes a file for another program: add --format csv or --format json.")
    return form


@click.command("ladder-report", short_help="How a series' ladder placements moved over time.")
@click.option("--series", "series", required=True, metavar="NAME", help="The series (as the workshops name it).")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="FILE", help="Write to FILE instead of printing.")
def ladder_report(series: str, output: Path | None) -> None:
    """Where people placed on the ladder at each workshop of a series: now, and where we want to be."""
    from facilitator.domain.errors import NotFound
    from facilitator.outputs.ladder_report import render_ladder_report
    from facilitator.storage.exchange import load_record

    store = _store()
    workshops = store.workshops_in_series(series) if store is not None else []
    if not workshops:
        raise NotFound(f"There is no workshop in a series called \u201c{shown(series)}\u201d.")
    text = render_ladder_report([load_record(store, w.id) for w in workshops], series=series)
    emit(text, output, "ladder report")


def register(group: click.Group) -> None:
    """Add the review commands to the main ``facilitator`` group."""
    for command in (decisions, decision, actions, update_action, report, ladder_report):
        group.add_command(command)
