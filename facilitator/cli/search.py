"""``facilitator search TEXT``: has anyone raised this before? Everything said, in every workshop.

Ideas, themes, decisions, actions, their updates and "You said, we did" items, best match first,
each with its workshop's title and date, and a person only as the minutes show them. No textual.
The keys of ``--json`` are a contract with scripts: add keys, never rename them.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from facilitator.cli.output import shown, table

SEARCH_KEYS = ("kind", "id", "text", "who", "status", "context", "workshop_id", "workshop_title", "workshop_date",
               "workshop_series")  # fmt: skip
TEXT_WIDTH = 60


def _cut(text: str, width: int) -> str:
    text = shown(text)
    return text if len(text) <= width else text[: width - 1] + "\u2026"


@click.command(short_help="Find anything said before, in every workshop.")
@click.argument("words", metavar="TEXT", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(min=1, max=1000), default=50, show_default=True, help="At most this many.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
def search(words: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Ideas, themes, decisions, actions, their updates and "You said, we did" items that mention
    TEXT (no quotes needed), in every workshop, best match first."""
    session = click.get_current_context().find_root().obj
    query = " ".join(words)
    found = []
    if Path(session.db_path).exists():
        found = session.open(create=False).search_everything(query, limit=limit)
    if as_json:
        click.echo(json.dumps([hit.model_dump(include=set(SEARCH_KEYS)) for hit in found], indent=2,
                              ensure_ascii=False))  # fmt: skip
        return
    if not found:
        click.echo(f"Nothing said in any workshop matches \u201c{_cut(query, 40)}\u201d.")
        return
    rows = [(hit.workshop_date, _cut(hit.workshop_title, 28), hit.kind, _cut(hit.who or "-", 20),
             _cut(hit.text, TEXT_WIDTH)) for hit in found]  # fmt: skip
    click.echo(table(("DATE", "WORKSHOP", "WHAT", "WHO", "SAID"), rows))


def register(group: click.Group) -> None:
    group.add_command(search)
