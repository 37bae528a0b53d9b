"""Word files of the minutes and the "You said, we did" report, made from their Markdown.

The Markdown is the one source of what a document says, so the Word file says exactly the same:
it is parsed by markdown-it (raw HTML off, as for the HTML pages) and each block becomes its Word
equivalent: ``#`` headings become Word's Heading styles, lists become bulleted lists (nested
ones indented), tables become real tables with a header row that repeats, ``**bold**`` becomes a
bold run and a line break a line break. User text was escaped when the Markdown was written, so it
arrives here as the literal text a person typed. No storage, no textual.
"""

from __future__ import annotations

from markdown_it.token import Token

from facilitator.outputs.html_page import markdown_renderer
from facilitator.outputs.word import WordDocument, add_heading, add_table, docx_bytes, new_document
from facilitator.outputs.word import _clean as clean

_PARSER = markdown_renderer()
# Word has "List Bullet", "List Bullet 2" and "List Bullet 3".
_DEEPEST_LIST = 3


def markdown_docx(markdown: str, *, language: str = "en-GB", large_print: bool = False) -> bytes:
    """The bytes of a .docx file with the same headings, paragraphs, lists and tables as ``markdown``.

    The first ``#`` heading is the document's title (set in its properties and shown first).
    """
    return docx_bytes(markdown_document(markdown, language=language, large_print=large_print))


def markdown_document(markdown: str, *, language: str = "en-GB", large_print: bool = False) -> WordDocument:
    tokens = _PARSER.parse(markdown)
    title, start = _title(tokens)
    document = new_document(title, language=language, large_print=large_print)
    _Writer(document).write(tokens[start:])
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


class _Writer:
    def __init__(self, document: WordDocument) -> None:
        self.document = document
        self.depth = 0  # how many lists deep we are
        self.in_item = False  # the next paragraph starts a list item (a bullet); later ones continue it
        self.last = None  # the paragraph of the current list item, for its later paragraphs

    def write(self, tokens: list[Token]) -> None:
        index = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "heading_open":
                add_heading(self.document, _plain(tokens[index + 1]), level=min(int(token.tag[1]), 9))
                index += 3
                continue
            if kind == "table_open":
                index = self._table(tokens, index)
                continue
            if kind == "bullet_list_open" or kind == "ordered_list_open":
                self.depth += 1
            elif kind == "bullet_list_close" or kind == "ordered_list_close":
                self.depth -= 1
            elif kind == "list_item_open":
                self.in_item = True
            elif kind == "inline":
                self._paragraph(token)
            elif kind == "hr":
                self.document.add_paragraph("")
            index += 1

    def _paragraph(self, inline: Token) -> None:
        if self.depth and self.in_item:
            level = min(self.depth, _DEEPEST_LIST)
            paragraph = self.document.add_paragraph(style="List Bullet" if level == 1 else f"List Bullet {level}")
            self.in_item = False
            self.last = paragraph
        elif self.depth and self.last is not None:
            self.last.add_run().add_break()
            paragraph = self.last
        else:
            paragraph = self.document.add_paragraph()
        bold = False
        for child in inline.children or []:
            if child.type == "strong_open":
                bold = True
            elif child.type == "strong_close":
                bold = False
            elif child.type in ("text", "code_inline"):
                run = paragraph.add_run(clean(child.content))
                run.bold = bold or None
            elif child.type == "hardbreak":
                paragraph.add_run().add_break()
            elif child.type == "softbreak":
                paragraph.add_run(" ")

    def _table(self, tokens: list[Token], index: int) -> int:
        headers: list[str] = []
        rows: list[list[str]] = []
        row: list[str] = []
        while tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "tr_open":
                row = []
            elif token.type == "inline":
                row.append(_plain(token))
            elif token.type == "tr_close":
                if headers:
                    rows.append(row)
                else:
                    headers = row
            index += 1
        add_table(self.document, headers, rows)
        return index + 1
