"""``forget``, ``retention`` and ``series-roster``: people's names, how long they are kept, and a
series' standing roster.

``register(group)`` adds them to the main ``facilitator`` group. No textual here.

- ``facilitator forget NAME-OR-ID [--yes]`` lists everything that will change, asks (or takes
  --yes), then forgets the person in every workshop, series roster and piece of text at once, and
  lists the backups made before, which still hold the name.
- ``facilitator erasures`` lists the dated notes those leave (never a name).
- ``facilitator retention --older-than 3y [--apply]`` lists, then with --apply makes anonymous,
  the people of workshops older than the limit; support needs left in finished workshops go too.
- ``facilitator series-roster SERIES [--add NAME | --remove NAME-OR-ID]`` shows or changes a
  series' standing roster (new workshops in the series start with these people listed).
"""

from __future__ import annotations

import time
from datetime import datetime

import click

from facilitator import paths
from facilitator.cli.output import shown, table
from facilitator.cli.session import Session, pass_session

PERSPECTIVES = ("lived experience", "carer", "staff", "commissioner", "other")  # models.Perspective
SHOWN_AS = ("named", "perspective", "anonymous")  # models.Attribution


def _open(session: Session):
    from facilitator.domain.errors import NotFound

    if not session.db_path.exists():
        raise NotFound(f"{session.db_path}: there is no database here.")
    store = session.open(create=False)
    store.database.check_intact()
    return store


def _say_backups(moment: float) -> None:
    from facilitator.storage.privacy import backups_made_before

    folder = paths.backups_dir()
    old = backups_made_before(folder, moment)
    if not old:
        click.echo(f"No backups made before this were found in {shown(folder)}.")
        return
    click.echo(f"These {len(old)} backups were made before this and still hold the names; delete them "
               "unless you must keep them:")  # fmt: skip
    for path in old:
        made = datetime.fromtimestamp(path.stat().st_mtime).strftime("%d %B %Y %H:%M")
        click.echo(f"  {shown(path)}  (made {made})")


@click.command(short_help="Forget a person in every workshop and every note.")
@click.argument("name_or_id", metavar="NAME-OR-ID")
@click.option("--yes", is_flag=True, help="Do not ask before forgetting.")
@pass_session
def forget(session: Session, name_or_id: str, yes: bool) -> None:
    """Forget a person (their name, or a participant's id) everywhere: every workshop's roster, every
    series roster, and every note that names them ("decided by", dissent, owners, ...).

    What they said and the decisions stay, as "a participant"; their name becomes "a former
    participant" in the text. Lists what will change and asks first, unless --yes.
    """
    from facilitator.domain.errors import NotFound, RuleBroken
    from facilitator.domain.privacy import FORMER_PARTICIPANT
    from facilitator.local import terminal_memory, typist_memory

    store = _open(session)
    plan = store.forget_plan(name_or_id)
    if plan.empty:
        raise NotFound(f"Nobody called \u201c{plan.name}\u201d is on any roster, and the name is in no text.")
    click.echo(f"Forgetting \u201c{plan.name}\u201d will change {len(plan.lines())} things:")
    for line in plan.lines():
        click.echo(f"- {line}")
    if not yes:
        try:
            sure = click.confirm("Forget this person everywhere? This cannot be undone", default=False)
        except click.Abort:  # no answer could be read (not a terminal): say how to do it unasked
            raise RuleBroken("Nothing was changed: answer y to the question, or add --yes.") from None
        if not sure:
            click.echo("Nothing was changed.")
            return
    moment = time.time()
    _, note = store.forget_everywhere(name_or_id)
    # This computer's memory of who was typing, and of typing not yet saved.
    typist_memory.forget_name(plan.name)
    terminal_memory.forget_name(plan.name, FORMER_PARTICIPANT)
    click.echo(f"Done. {note}")
    _say_backups(moment)


@click.command(short_help="Make people in old workshops anonymous.")
@click.option("--older-than", "limit", required=True, metavar="AGE",
              help="Workshops older than this: 3y (years), 18m (months), 6w (weeks) or 90d (days).")
@click.option("--apply", "apply_it", is_flag=True, help="Make the change (without it, only list what would change).")
@pass_session
def retention(session: Session, limit: str, apply_it: bool) -> None:
    """List the people of workshops older than AGE, or with --apply make them anonymous: names
    and support needs go; ideas, decisions and actions stay.

    Support needs left in finished workshops also go, except for people on their series'
    standing roster.
    """
    store = _open(session)
    plan = store.apply_retention(limit) if apply_it else store.retention_plan(limit)
    verb = "were" if apply_it else "would be"
    if not plan.workshops:
        click.echo(f"No workshop with people is dated before {plan.cutoff}.")
    else:
        click.echo(f"Workshops dated before {plan.cutoff}, whose people {verb} made anonymous:")
        click.echo(table(["ID", "Date", "People", "Title"],
                         [[w[0], w[2], w[3], w[1]] for w in plan.workshops]))  # fmt: skip
        click.echo(f"Their names {verb} replaced in {plan.text_places} other places in those workshops.")
    if plan.support_needs:
        count = len(plan.support_needs)
        click.echo(f"Support needs {verb} cleared for {count} {'person' if count == 1 else 'people'} in finished "
                   "workshops (not on a standing roster).")  # fmt: skip
    if not apply_it:
        click.echo("Nothing was changed." + (" Run again with --apply to make the change." if not plan.empty else ""))
    elif not plan.empty:
        click.echo(f"Done. {store.erasures()[-1]['note']}")
        _say_backups(time.time())


@click.command(short_help="List the dated notes of past erasures.")
@pass_session
def erasures(session: Session) -> None:
    """List when people were forgotten or old workshops made anonymous (never whom)."""
    notes = _open(session).erasures()
    if not notes:
        click.echo("Nobody has been forgotten, and no retention limit has been applied.")
    for note in notes:
        click.echo(f"{note['at'][:16].replace('T', ' ')}  {note['note']}")


@click.command("series-roster", short_help="Show or change a series' standing roster.")
@click.argument("series")
@click.option("--add", "add_name", metavar="NAME", help="Put this person on the roster.")
@click.option("--remove", "remove_name", metavar="NAME-OR-ID", help="Take this person off the roster.")
@click.option("--perspective", "perspectives", multiple=True, type=click.Choice(PERSPECTIVES),
              help="With --add: what they bring (repeat for more than one).")
@click.option("--shown-as", type=click.Choice(SHOWN_AS), default="perspective", show_default=True,
              help="With --add: how they are shown in the minutes.")
@click.option("--needs", default="", help="With --add: support needs (private to the facilitator).")
@pass_session
def series_roster(session: Session, series: str, add_name: str | None, remove_name: str | None,
                  perspectives: tuple[str, ...], shown_as: str, needs: str) -> None:  # fmt: skip
    """Show the standing roster of SERIES, or --add / --remove someone.

    Every new workshop in the series starts with these people listed (not marked as here).
    Workshops that already exist keep their own list.
    """
    from facilitator.domain.errors import RuleBroken

    if add_name and remove_name:
        raise RuleBroken("Give --add or --remove, not both.")
    store = _open(session)
    if add_name:
        person = store.add_series_person(series, add_name, list(perspectives), shown_as, needs)
        click.echo(f"Added {person.name} to the standing roster of \u201c{person.series}\u201d.")
    elif remove_name:
        person = store.remove_series_person(series, remove_name)
        click.echo(f"Took {person.name} off the standing roster of \u201c{person.series}\u201d.")
    people = store.series_people(series)
    if not people:
        click.echo(f"Nobody is on the standing roster of \u201c{series}\u201d yet.")
        return
    click.echo(table(
        ["ID", "Name", "Perspectives", "Shown as", "Support needs"],
        [[p.id, p.name, ", ".join(p.perspectives) or "-", p.attribution.value,
          "recorded" if p.support_needs else "-"] for p in people],
    ))  # fmt: skip


def register(group: click.Group) -> None:
    """Add ``forget``, ``erasures``, ``retention`` and ``series-roster`` to the main ``facilitator`` group."""
    for command in (forget, erasures, retention, series_roster):
        group.add_command(command)
