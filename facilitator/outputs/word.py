"""Word (.docx) documents, built the same way for every output: the minutes, the "You said, we
did" report, the invitation pack, the recognition sheet and letters.

Commissioners and finance teams work in Word. What makes a Word file accessible is the same as
for a web page: real headings (not bold text), real tables with a header row that repeats on each
page, the document's language and title set, and a large print option. python-docx gives the
first two; the language and the repeating header row need a few lines of XML, kept here.

People's text goes in as text runs, never parsed: a name like "<b>Jo</b>" stays those characters.
No storage, no textual.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

__all__ = ["WordDocument", "new_document", "add_heading", "add_paragraph", "add_bullets", "add_table", "docx_bytes"]

TITLE_LIMIT = 255
# Ordinary print 12 pt; large print 16 pt and up, as easy read and large-print guides ask.
_BODY_PT = {False: 12, True: 16}
_HEADING_PT = {False: (20, 16, 13), True: (28, 22, 18)}


def new_document(title: str, *, language: str = "en-GB", large_print: bool = False) -> WordDocument:
    """A new document with its title and language set (screen readers use both) and its text
    sizes chosen: 12 pt body, or 16 pt and larger headings for large print."""
    document = Document()
    properties = document.core_properties
    properties.title = _clean(title)[:TITLE_LIMIT]  # Word keeps at most 255 characters here
    properties.language = language
    properties.author = "facilitator"
    normal = document.styles["Normal"]
    normal.font.size = Pt(_BODY_PT[large_print])
    normal.font.name = "Arial"  # a plain sans-serif, as easy-read and large-print guides ask
    _set_language(normal.element, language)
    normal.paragraph_format.space_after = Pt(10 if large_print else 6)
    normal.paragraph_format.line_spacing = 1.5 if large_print else 1.15
    for level, size in enumerate(_HEADING_PT[large_print], start=1):
        style = document.styles[f"Heading {level}"]
        style.font.size = Pt(size)
        style.font.name = "Arial"
    # The title as the first Heading 1, so the outline and a screen reader start with it.
    add_heading(document, title, level=1)
    return document


def add_heading(document: WordDocument, text: str, level: int = 2) -> None:
    """A real heading (Word's Heading N style), so the navigation pane and screen readers see it."""
    heading = document.add_heading("", level=level)
    heading.add_run(_clean(text))
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT


def add_paragraph(document: WordDocument, text: str, *, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(_clean(text))
    run.bold = bold


def add_bullets(document: WordDocument, items: Sequence[str]) -> None:
    for item in items:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(_clean(item))


def add_table(document: WordDocument, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """A real table: a header row marked as one (repeated at the top of each page, read as column
    names by screen readers) and rows that are not split across a page break."""
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    header_cells = table.rows[0].cells
    for cell, header in zip(header_cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_clean(str(header))).bold = True
    _mark_header_row(table.rows[0])
    # The rows as XML, parsed once: python-docx's add_row and cell.text build each element through
    # its object layer, which took over a second for a 780-row sheet (bench_recognition.py).
    widths = [tc.tcPr.tcW.get(qn("w:w")) if tc.tcPr is not None and tc.tcPr.tcW is not None else None
              for tc in table.rows[0]._tr.tc_lst]  # fmt: skip
    body = "".join(_row_xml(values, widths) for values in rows)
    if body:
        for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>").findall(qn("w:tr")):
            table._tbl.append(tr)


def _row_xml(values: Sequence[object], widths: Sequence[str | None]) -> str:
    """One table row as WordprocessingML: kept on one page, each value one run (line breaks and
    tabs as Word's own), its text escaped."""
    if len(values) != len(widths):
        raise ValueError(f"a row has {len(values)} values for {len(widths)} columns")
    cells = []
    for value, width in zip(values, widths):
        text = _clean("" if value is None else str(value))
        lines = [
            '<w:tab/>'.join(f'<w:t xml:space="preserve">{escape(part)}</w:t>' if part else "" for part in line.split("\t"))
            for line in text.split("\n")
        ]
        run = f"<w:r>{'<w:br/>'.join(lines)}</w:r>" if text else ""
        size = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>' if width is not None else ""
        cells.append(f"<w:tc>{size}<w:p>{run}</w:p></w:tc>")
    return f'<w:tr><w:trPr><w:cantSplit w:val="true"/></w:trPr>{"".join(cells)}</w:tr>'


def docx_bytes(document: WordDocument) -> bytes:
    """The document as the bytes of a .docx file (for outputs/files.write_atomically)."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_language(style_element, language: str) -> None:
    run_properties = style_element.get_or_add_rPr()
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def _mark_header_row(row) -> None:
    row_properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def _clean(text: str) -> str:
    # XML 1.0 cannot hold most control characters; python-docx would raise on them. A person's
    # text keeps every other character as it was typed (tabs and new lines included).
    return "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 32 and ch not in "\ufffe\uffff")
