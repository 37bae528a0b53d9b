"""``facilitator publish``: a sanitised copy to serve with Datasette, and merging such copies.

``facilitator publish OUT.db [--series S] [--since DATE]`` writes a new SQLite file holding
only what the minutes show (see ``storage.publish``), and ``metadata.json`` beside it for
Datasette (titles, descriptions, facets, hidden tables). ``facilitator publish --merge A.db B.db
-o ALL.db`` puts published files from different computers together. Serve the published file,
never the working database. No textual.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from facilitator.cli.output import shown, write_atomically


@click.command(short_help="Write a sanitised copy to serve with Datasette.")
@click.argument("files", metavar="OUT.db | --merge FILE...", nargs=-1, required=True,
                type=click.Path(path_type=Path))  # fmt: skip
@click.option("--series", metavar="NAME", help="Only workshops in this series.")
@click.option("--since", metavar="DATE", help="Only workshops on or after this day (day/month/year, 31/01/2027).")
@click.option("--merge", is_flag=True, help="Merge published FILEs (from different computers) into -o.")
@click.option("-o", "--output", type=click.Path(path_type=Path), metavar="FILE", help="With --merge: the merged file.")
def publish(files: tuple[Path, ...], series: str | None, since: str | None, merge: bool, output: Path | None) -> None:
    """Write OUT.db: the decisions, ideas, actions and "You said, we did" replies of every workshop
    (or one series, or since a date), with people only as the minutes show them, and no support
    needs, votes by person, secrets or phones. metadata.json is written beside it.

    Serve it with: datasette serve OUT.db --metadata metadata.json. Serve this file, never the
    working database.
    """
    from facilitator.domain.errors import InvalidText
    from facilitator.storage import publish as publishing
    from facilitator.storage.publish_schema import metadata

    session = click.get_current_context().find_root().obj
    if merge:
        if output is None:
            raise InvalidText("--merge needs -o FILE: the merged file to write.")
        if series or since:
            raise InvalidText("--series and --since choose workshops to publish; a merge takes whole published files.")
        out = output.expanduser()
        counts = publishing.merge(list(files), out)
    else:
        if output is not None or len(files) != 1:
            raise InvalidText("Give one file to publish to (facilitator publish OUT.db), or --merge FILE... -o OUT.db.")
        out = files[0].expanduser()
        if not Path(session.db_path).exists():
            from facilitator.domain.errors import NotFound

            raise NotFound(f"{session.db_path}: there is no database here, so there is nothing to publish.")
        counts = publishing.publish(session.open(create=False), out, series=series, since=since)
    beside = out.parent / "metadata.json"
    write_atomically(beside, json.dumps(metadata(out.stem), indent=2, ensure_ascii=False) + "\n", "metadata")
    click.echo(f"Published {counts['workshops']} workshops, {counts['decisions']} decisions, {counts['ideas']} ideas "
               f"and {counts['actions']} actions to {shown(out)}, with {shown(beside)} beside it.")
    click.echo(f"Serve it with: datasette serve {shown(out)} --metadata {shown(beside)}")


def register(group: click.Group) -> None:
    group.add_command(publish)
