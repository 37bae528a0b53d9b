"""Reviewing past decisions from the command line: the register, follow-up, and the report.

``register(group)`` adds ``decisions``, ``actions``, ``update-action`` and ``report`` to the main
``facilitator`` group. None of them imports textual. User errors are ``FacilitatorError``s, which
the main command turns into one line and exit code 1. The keys of every ``--json`` output are a
contract with scripts: add keys, never rename them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from facilitator.cli.output import shown, table, write_atomically

# The values of models.DecisionStatus and models.ActionStatus, written out so that loading the
# command line (``--help``) does not import pydantic; a test keeps them in step.
DECISION_STATUSES = ("agreed", "deferred", "rejected", "superseded")
ACTION_STATUSES = ("open", "in progress", "done", "dropped")

# ``decisions --json``: one object per decision, these keys in this order.
DECISION_KEYS = (
    "id", "uid", "statement", "rationale", "status", "method", "decided_by", "review_date", "created_at",
    "supersedes_id", "superseded_by_id", "workshop_id", "workshop_title", "workshop_date", "workshop_series",
)  # fmt: skip
# ``actions --json``: one object per outstanding action. "owner" is as the room and the minutes see
# them; "owner_private_name" is the name of an owner who chose otherwise (for the facilitator, to
# chase the action; never to publish), else null.
ACTION_KEYS = (
    "id", "what", "status", "due_date", "overdue", "owner", "decision_id", "decision_statement",
    "workshop_id", "workshop_title", "workshop_date", "workshop_series", "owner_private_name",
)  # fmt: skip
OWNER_WIDTH = 24
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


def decision_json(item: Any) -> dict[str, Any]:
    values = item.decision.model_dump(mode="json")
    values.update(
        workshop_title=item.workshop_title, workshop_date=item.workshop_date, workshop_series=item.workshop_series
    )
    return {key: values.get(key) for key in DECISION_KEYS}


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
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="At most this many (0: all).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def decisions(query, status, since, until, series, workshop_id, review_due, show_all, limit, as_json) -> None:
    """The decision register: decisions across workshops, newest first.

    Replaced (superseded) decisions are left out unless --all or --status superseded.
    """
    store = _store()
    filters = dict(status=status, current_only=not show_all, since=since, until=until,
                   workshop_id=workshop_id, series=series, review_due=review_due)  # fmt: skip
    if store is None:
        found, total = [], 0
    else:
        found = store.search_decisions(query, **filters, limit=limit or 1_000_000_000)
        total = len(found) if not limit or len(found) < limit else store.count_decisions(query, **filters)
    if as_json:
        click.echo(json.dumps([decision_json(item) for item in found], indent=2, ensure_ascii=False))
        return
    if not found:
        narrowed = query or status or since or until or series or workshop_id is not None or review_due
        click.echo("No decisions match." if narrowed else "No decisions yet.")
        return
    rows = [
        (item.decision.id, item.workshop_date, item.decision.status.value, item.decision.review_date or "-",
         _cut(item.workshop_title, 30), _cut(item.decision.statement, STATEMENT_WIDTH))
        for item in found
    ]  # fmt: skip
    click.echo(table(("ID", "DATE", "STATUS", "REVIEW", "WORKSHOP", "DECISION"), rows))
    if total > len(found):
        click.echo(f"\nShowing the newest {len(found)} of {total:,}. Narrow with --search, or use --limit 0 for all.")


@click.command(short_help="Actions still to do, across workshops.")
@click.option("--overdue", is_flag=True, help="Only actions past their due date.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def actions(overdue: bool, as_json: bool) -> None:
    """Open and in-progress actions in every workshop: overdue first, then by due date."""
    store = _store()
    found = [] if store is None else store.outstanding_actions(overdue_only=overdue)
    if as_json:
        click.echo(json.dumps([action_json(item) for item in found], indent=2, ensure_ascii=False))
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


@click.command(short_help='The "You said, we did" report.')
@click.argument("workshop_id", metavar="ID", type=int)
@click.option("--series", "whole_series", is_flag=True, help="Every workshop in ID's series, not just ID.")
@click.option("--format", "form", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="Markdown, or a large-print HTML page.")  # fmt: skip
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="FILE", help="Write to FILE instead of printing.")
def report(workshop_id: int, whole_series: bool, form: str, output: Path | None) -> None:
    """What people said at workshop ID (or its whole series), and what was done about it."""
    store = _store()
    if store is None:
        from facilitator.domain.errors import NotFound

        raise NotFound(f"There is no workshop with id {workshop_id}.")
    text = report_text(store, workshop_id, whole_series=whole_series, form=form)
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    write_atomically(output, text, "report")
    click.echo(f"Wrote the report to {output}.")


def report_text(store, workshop_id: int, *, whole_series: bool, form: str = "md") -> str:
    from facilitator.outputs.report import render_report_html, render_report_markdown

    records, title = store.report_records(workshop_id, whole_series=whole_series)
    render = render_report_html if form == "html" else render_report_markdown
    return render(records, title=title)


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
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    write_atomically(output, text, "ladder report")
    click.echo(f"Wrote the ladder report to {output}.")


def register(group: click.Group) -> None:
    """Add the review commands to the main ``facilitator`` group."""
    for command in (decisions, actions, update_action, report, ladder_report):
        group.add_command(command)
