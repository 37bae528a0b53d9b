"""The shared Word and CSV builders: what a person opening the file would see."""

from __future__ import annotations

import csv
import io

from docx import Document

from facilitator.outputs.csv_sheet import csv_text
from facilitator.outputs.word import add_heading, add_table, docx_bytes, new_document


def test_word_document_has_title_language_real_headings_and_a_repeating_header_row():
    document = new_document("Crisis sanctuary <b>minutes</b>", large_print=True)
    add_heading(document, "Decisions")
    add_table(document, ["Decision", "Status"], [["Open at 6pm\x07", "agreed"], ["=SUM(A1)", None]])
    reopened = Document(io.BytesIO(docx_bytes(document)))
    assert reopened.core_properties.title == "Crisis sanctuary <b>minutes</b>"
    assert reopened.core_properties.language == "en-GB"
    headings = [(p.style.name, p.text) for p in reopened.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [("Heading 1", "Crisis sanctuary <b>minutes</b>"), ("Heading 2", "Decisions")]
    assert reopened.styles["Normal"].font.size.pt == 16
    table = reopened.tables[0]
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Decision", "Status"], ["Open at 6pm", "agreed"], ["=SUM(A1)", ""]]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_csv_neutralises_formulas_in_text_but_not_numbers_and_round_trips_the_rest():
    rows = [["Zoë", "=HYPERLINK(\"http://x\")", -12.5], ["@Jo", "+44 1223", 3], ["\tTab", "plain, with comma", 0]]
    text = csv_text(["Name", "Note", "Amount"], rows)
    assert text.startswith("\ufeff")
    read = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert read[0] == ["Name", "Note", "Amount"]
    assert read[1] == ["Zoë", "'=HYPERLINK(\"http://x\")", "-12.5"]
    assert read[2] == ["'@Jo", "'+44 1223", "3"]
    assert read[3] == ["'\tTab", "plain, with comma", "0"]
