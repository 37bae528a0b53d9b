"""Word files of the minutes and the "You said, we did" report, made from their Markdown.

The Markdown is the one source of what a document says, so the Word file says exactly the same:
it is parsed by markdown-it (raw HTML off, as for the HTML pages) and each block becomes its Word
equivalent: ``#`` headings become Word's Heading styles, lists become bulleted lists (nested
ones indented), tables become real tables with a header row that repeats on each page and rows
that are never split, ``**bold**`` becomes a bold run and a line break a line break. User text was
escaped when the Markdown was written, so it arrives here as the literal text a person typed.

The document (title, language, sizes) comes from ``word.new_document``; the body is written as
WordprocessingML text and parsed once, the same elements python-docx would make, because making
them one python-docx call at a time took seconds for a large workshop (``benchmarks/bench_outputs.py``).
No storage, no textual.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from markdown_it.token import Token

from facilitator.outputs.html_page import markdown_renderer
from facilitator.outputs.word import WordDocument, docx_bytes, new_document
from facilitator.outputs.word import _clean as clean

_PARSER = markdown_renderer()
# Word has "List Bullet", "List Bullet 2" and "List Bullet 3".
_DEEPEST_LIST = 3
_TWIPS_PER_EMU = 635


def markdown_docx(markdown: str, *, language: str = "en-GB", large_print: bool = False) -> bytes:
    """The bytes of a .docx file with the same headings, paragraphs, lists and tables as ``markdown``.

    The first ``#`` heading is the document's title (set in its properties and shown first).
    """
    return docx_bytes(markdown_document(markdown, language=language, large_print=large_print))


def markdown_document(markdown: str, *, language: str = "en-GB", large_print: bool = False) -> WordDocument:
    tokens = _PARSER.parse(markdown)
    title, start = _title(tokens)
    document = new_document(title, language=language, large_print=large_print)
    body_xml = _Writer(document).write(tokens[start:])
    body = document.element.body
    end = body.sectPr  # the page settings stay last
    for element in parse_xml(f"<w:body {nsdecls('w')}>{body_xml}</w:body>"):
        if end is not None:
            end.addprevious(element)
        else:
            body.append(element)
    return document


def _title(tokens: list[Token]) -> tuple[str, int]:
    if len(tokens) >= 3 and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        return _plain(tokens[1]), 3
    return "", 0


def _plain(inline: Token) -> str:
    parts = []
    for child in inline.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n" if child.type == "hardbreak" else " ")
    return "".join(parts)


def _run(text: str, bold: bool = False) -> str:
    """A run of text: line breaks as ``<w:br/>``, tabs as ``<w:tab/>``, control characters dropped."""
    parts = []
    for number, line in enumerate(clean(text).split("\n")):
        if number:
            parts.append("<w:br/>")
        for index, piece in enumerate(line.split("\t")):
            if index:
                parts.append("<w:tab/>")
            if piece:
                parts.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    properties = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f"<w:r>{properties}{''.join(parts)}</w:r>"


def _paragraph(runs: str, style: str | None = None) -> str:
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f'<w:p><w:pPr>{style_xml}<w:jc w:val="left"/></w:pPr>{runs}</w:p>'


class _Writer:
    def __init__(self, document: WordDocument) -> None:
        styles = document.styles
        self.bullet_styles = [styles["List Bullet" if level == 1 else f"List Bullet {level}"].style_id
                              for level in range(1, _DEEPEST_LIST + 1)]  # fmt: skip
        self.heading_styles = {level: styles[f"Heading {level}"].style_id for level in range(1, 7)}
        self.table_style = styles["Table Grid"].style_id
        section = document.sections[0]
        self.width = int((section.page_width - section.left_margin - section.right_margin) / _TWIPS_PER_EMU)
        self.parts: list[str] = []
        self.depth = 0  # how many lists deep we are
        self.in_item = False  # the next paragraph starts a list item (a bullet); later ones continue it

    def write(self, tokens: list[Token]) -> str:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                style = self.heading_styles[int(token.tag[1])]
                self.parts.append(_paragraph(_run(_plain(tokens[index + 1])), style))
                index += 3
                continue
            if kind == "table_open":
                index = self._table(tokens, index)
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                self.depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.depth -= 1
            elif kind == "list_item_open":
                self.in_item = True
            elif kind == "inline":
                self._inline(token)
            elif kind == "hr":
                self.parts.append(_paragraph(""))
            index += 1
        return "".join(self.parts)

    def _inline(self, inline: Token) -> None:
        runs = []
        bold = False
        for child in inline.children or []:
            if child.type == "strong_open":
                bold = True
            elif child.type == "strong_close":
                bold = False
            elif child.type in ("text", "code_inline"):
                runs.append(_run(child.content, bold))
            elif child.type == "hardbreak":
                runs.append("<w:r><w:br/></w:r>")
            elif child.type == "softbreak":
                runs.append(_run(" "))
        text = "".join(runs)
        if self.depth and self.in_item:
            self.in_item = False
            self.parts.append(_paragraph(text, self.bullet_styles[min(self.depth, _DEEPEST_LIST) - 1]))
        elif self.depth and self.parts and self.parts[-1].endswith("</w:p>"):
            # A later paragraph of the same list item: a line break in the item's paragraph.
            self.parts[-1] = self.parts[-1][: -len("</w:p>")] + "<w:r><w:br/></w:r>" + text + "</w:p>"
        else:
            self.parts.append(_paragraph(text))

    def _table(self, tokens: list[Token], index: int) -> int:
        rows: list[list[str]] = []
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                rows.append([])
            elif token.type == "inline":
                rows[-1].append(_plain(token))
            index += 1
        self.parts.append(self._table_xml(rows))
        return index + 1

    def _table_xml(self, rows: list[list[str]]) -> str:
        """As ``word.add_table``: the Table Grid style, a header row marked as one (repeated on each
        page, read as column names), and body rows that are not split across a page break."""
        columns = len(rows[0])
        width = self.width // columns
        grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
        start = (
            f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.table_style}"/><w:tblW w:type="auto" w:w="0"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" '
            f'w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        )
        parts = [start]
        for number, row in enumerate(rows):
            marks = '<w:tblHeader w:val="true"/>' if number == 0 else '<w:cantSplit w:val="true"/>'
            parts.append(f"<w:tr><w:trPr>{marks}</w:trPr>")
            for cell in row:
                parts.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr>'
                             f"<w:p>{_run(cell, bold=number == 0)}</w:p></w:tc>")  # fmt: skip
            parts.append("</w:tr>")
        parts.append("</w:tbl>")
        return "".join(parts)
