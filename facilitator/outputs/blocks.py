"""One document, three forms: Markdown, a printable HTML page and Word, from the same blocks.

The invitation pack and the recognition sheet are written once as a list of blocks (headings,
paragraphs, bullet lists, tables) and rendered here, so the three forms always say the same thing.
Every piece of text is data: escaped for Markdown (``markdown_text.inline``), escaped for HTML
(``html.escape``, on every string, with no way round it), and added to Word as text runs.
No storage, no textual.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import NamedTuple

from facilitator.outputs.html_page import page
from facilitator.outputs.markdown_text import block, inline, one_line, table


class Heading(NamedTuple):
    text: str
    level: int = 2


class Para(NamedTuple):
    text: str  # may hold line breaks
    strong: bool = False


class Bullets(NamedTuple):
    items: tuple[str, ...]


class Table(NamedTuple):
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    right: tuple[int, ...] = ()  # columns of numbers, aligned right


Block = Heading | Para | Bullets | Table

# What the pack and the sheet add to the page every HTML output shares (html_page.BASE_STYLE:
# wrapping, tables stacked on a phone, print rules): large print, at least 16 pt on paper and
# 1.5rem on screen, easy read larger still; table captions; numbers aligned right.
_STYLE = """\
body { font-size: %(size)s; line-height: %(line)s; }
li { margin-bottom: 0.6em; }
table { width: 100%%; }
caption { text-align: left; font-weight: bold; padding: 0.3em 0; overflow-wrap: break-word; }
td.number, th.number { text-align: right; }
@media print {
  body { font-size: %(print)s; }
  h1 { font-size: 28pt; } h2 { font-size: 22pt; }
}"""
_SIZES = {False: {"size": "1.5rem", "line": "1.6", "print": "16pt"},
          True: {"size": "1.75rem", "line": "1.8", "print": "18pt"}}  # fmt: skip


# --- Markdown -------------------------------------------------------------------------------------


def to_markdown(title: str, blocks: Sequence[Block]) -> str:
    lines = [f"# {inline(title)}"]
    for item in blocks:
        lines.append("")
        if isinstance(item, Heading):
            lines.append("#" * max(2, item.level) + " " + inline(item.text))
        elif isinstance(item, Para):
            text = block(item.text)
            lines.append(f"**{text}**" if item.strong and text else text)
        elif isinstance(item, Bullets):
            lines.extend(f"- {block(entry, '  ')}" for entry in item.items)
        else:
            if item.caption:
                lines += [inline(item.caption), ""]
            rows = [[inline(cell) for cell in row] for row in item.rows]
            lines.extend(table([inline(h) for h in item.headers], rows, item.right))
    return "\n".join(line for line in lines) + "\n"


# --- HTML -----------------------------------------------------------------------------------------


def _text(value: object) -> str:
    """Escaped text, its line breaks kept as <br>."""
    lines = [html.escape(one_line(line)) for line in str(value).split("\n")]
    return "<br>\n".join(line for line in lines if line)


def to_html(title: str, blocks: Sequence[Block], *, lang: str = "en", easy_read: bool = False) -> str:
    """A standalone page: its language and title set, large type, print CSS, every text escaped."""
    body = [f"<h1>{_text(title)}</h1>"]
    for item in blocks:
        if isinstance(item, Heading):
            level = min(max(2, item.level), 6)
            body.append(f"<h{level}>{_text(item.text)}</h{level}>")
        elif isinstance(item, Para):
            if not one_line(item.text):
                continue
            inner = _text(item.text)
            body.append(f"<p><strong>{inner}</strong></p>" if item.strong else f"<p>{inner}</p>")
        elif isinstance(item, Bullets):
            if item.items:
                body.append("<ul>\n" + "\n".join(f"<li>{_text(entry)}</li>" for entry in item.items) + "\n</ul>")
        else:
            body.append(_html_table(item))
    return page(title, "\n".join(body) + "\n", _STYLE % _SIZES[easy_read], language=lang)


def _html_table(item: Table) -> str:
    def cls(index: int) -> str:
        return ' class="number"' if index in item.right else ""

    head = "".join(f'<th scope="col"{cls(i)}>{_text(h)}</th>' for i, h in enumerate(item.headers))
    rows = []
    for row in item.rows:
        cells = "".join(
            f'<td{cls(i)} data-label="{html.escape(one_line(item.headers[i]))}">{_text(cell)}</td>'
            for i, cell in enumerate(row)
        )
        rows.append(f"<tr>{cells}</tr>")
    caption = f"<caption>{_text(item.caption)}</caption>\n" if item.caption else ""
    return f"<table>\n{caption}<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


# --- Word -----------------------------------------------------------------------------------------


def to_docx(title: str, blocks: Sequence[Block], *, large_print: bool = True, language: str = "en-GB") -> bytes:
    from facilitator.outputs import word  # python-docx: only for a Word file

    document = word.new_document(title, language=language, large_print=large_print)
    add_blocks(document, blocks)
    return word.docx_bytes(document)


def add_blocks(document, blocks: Sequence[Block]) -> None:
    from facilitator.outputs import word

    for item in blocks:
        if isinstance(item, Heading):
            word.add_heading(document, item.text, level=min(max(2, item.level), 3))
        elif isinstance(item, Para):
            if one_line(item.text):
                word.add_paragraph(document, item.text, bold=item.strong)
        elif isinstance(item, Bullets):
            word.add_bullets(document, item.items)
        else:
            if item.caption:
                word.add_paragraph(document, item.caption, bold=True)
            word.add_table(document, item.headers, item.rows)
