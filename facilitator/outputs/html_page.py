"""One printable, accessible HTML page made from our own Markdown: the minutes, the "You said, we
did" report, and the easy-read version share it.

What every page has: the language and the title set, one ``<main>``, large plain type, text that
wraps between words (a word is split only when it is wider than the screen), tables whose header
row repeats on each printed page and whose rows are never cut in two, and, on a narrow screen, wide
tables stacked into label and value rows (each cell carries its column's name in ``data-label``),
so nothing scrolls sideways.

User text reaches the page only through markdown-it with raw HTML off, or ``html.escape``.
No storage, no textual.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from facilitator.outputs.markdown_text import one_line

# Below this width a table is shown as label and value rows (about 40 characters of body text).
NARROW = "40em"

BASE_STYLE = f"""\
body {{ font-family: Verdana, Arial, sans-serif; line-height: 1.6; color: #000; background: #fff;
  max-width: 50rem; margin: 2rem auto; padding: 0 1rem; text-align: left; }}
h1, h2, h3, h4 {{ line-height: 1.25; margin-top: 1.6em; }}
h1, h2, h3, h4, p, li, td, th, blockquote {{ overflow-wrap: break-word; hyphens: manual; }}
table {{ border-collapse: collapse; margin: 1em 0; }}
th, td {{ border: 1px solid #000; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }}
th {{ background: #eee; }}
@media screen and (max-width: {NARROW}) {{
  table, thead, tbody, tr, th, td {{ display: block; }}
  table {{ border: 0; }}
  thead tr {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }}
  tbody tr {{ border: 1px solid #000; margin-bottom: 1em; }}
  td {{ border: 0; border-bottom: 1px solid #767676; text-align: left !important; }}
  td:last-child {{ border-bottom: 0; }}
  td[data-label]::before {{ content: attr(data-label) ": "; font-weight: bold; }}
}}
@media print {{
  body {{ margin: 0; max-width: none; }}
  h1, h2, h3, h4 {{ break-after: avoid; }}
  thead {{ display: table-header-group; }}
  tr, li, blockquote {{ break-inside: avoid; }}
}}"""


def _label_cells(state: StateCore) -> None:
    """Give every body cell its column's header text as ``data-label`` (for the narrow layout)."""
    headers: list[str] = []
    column = 0
    in_head = False
    tokens = state.tokens
    for number, token in enumerate(tokens):
        if token.type == "thead_open":
            headers, in_head = [], True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            column = 0
        elif token.type == "th_open" and in_head:
            inline = tokens[number + 1]
            headers.append("".join(child.content for child in inline.children or [] if child.type == "text"))
        elif token.type == "td_open":
            if column < len(headers) and headers[column]:
                token.attrSet("data-label", headers[column])
            column += 1


def markdown_renderer(*, tables: bool = True) -> MarkdownIt:
    """CommonMark with raw HTML off (user text can never become markup), tables labelled by column."""
    renderer = MarkdownIt("commonmark", {"html": False})
    if tables:
        renderer.enable("table")
        renderer.core.ruler.push("label_cells", _label_cells)
    return renderer


def page(title: str, body: str, style: str, *, language: str = "en") -> str:
    """A complete page around ``body`` (already HTML); ``title`` is user text (escaped here)."""
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(one_line(title))}</title>\n<style>\n{BASE_STYLE}\n{style}\n</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
