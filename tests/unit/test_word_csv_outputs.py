"""Word and CSV files as a person opens them: every value the minutes, report, register, actions
and attendance hold comes back from the file exactly (python-docx, and the csv module), formula-
looking cells are made inert, private names stay out unless asked for, and the command line says
one sentence when a Word file has nowhere to go."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import docx
import pytest
from cli_runner import invoke
from markdown_it import MarkdownIt
from test_minutes import hostile_record, small_record

from facilitator.outputs.csv_sheet import FORMULA_STARTS
from facilitator.outputs.easy_read import render_easy_read_docx
from facilitator.outputs.minutes import render_markdown
from facilitator.outputs.word_markdown import markdown_docx
from facilitator.storage.exchange import load_record
from facilitator.storage.store import open_store

_PARSE = MarkdownIt("commonmark", {"html": False}).enable("table")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def markdown_blocks(markdown: str) -> tuple[list[tuple[int, str]], list[str], list[list[list[str]]]]:
    """What a reader sees in the Markdown: headings (level, text), paragraphs and list items, tables."""
    tokens = _PARSE.parse(markdown)
    headings, paragraphs, tables = [], [], []
    row: list[str] = []
    in_table = False

    def plain(inline) -> str:
        return "".join(c.content if c.type == "text" else "\n" if c.type == "hardbreak" else " " if c.type ==
                       "softbreak" else "" for c in inline.children)  # fmt: skip

    for number, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append((int(token.tag[1]), plain(tokens[number + 1])))
        elif token.type == "table_open":
            in_table, tables = True, [*tables, []]
        elif token.type == "table_close":
            in_table = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            tables[-1].append(row)
        elif token.type == "inline" and in_table:
            row.append(plain(token))
        elif token.type == "inline" and tokens[number - 1].type == "paragraph_open":
            paragraphs.append(plain(token))
    return headings, paragraphs, tables


def word_blocks(data: bytes):
    document = docx.Document(io.BytesIO(data))
    headings = [(int(p.style.name.split()[-1]), p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]
    paragraphs = [p.text for p in document.paragraphs if not p.style.name.startswith("Heading")]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return document, headings, paragraphs, tables


TEXTS = ["plain words", "<b>Jo</b> & A&E *x* | =SUM(A1)", "line one\nline two",
         "\u05e9\u05dc\u05d5\u05dd \u202eright-to-left", "long " + "x" * 9_995]


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_minutes_in_word_hold_every_heading_paragraph_and_cell(text: str) -> None:
    record = hostile_record(text) if text != "plain words" else small_record()
    markdown = render_markdown(record, today="2025-06-01")
    headings, paragraphs, tables = markdown_blocks(markdown)
    document, word_headings, word_paragraphs, word_tables = word_blocks(markdown_docx(markdown))
    assert word_headings == headings  # the title is the first Heading 1, then every heading in order
    assert document.core_properties.title == headings[0][1][:255]  # Word's limit for the title property
    assert document.core_properties.language == "en-GB"
    for paragraph in paragraphs:
        assert paragraph in word_paragraphs
    assert word_tables == tables
    for table in document.tables:  # the header row is marked as one: it repeats on each page
        assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None


def test_large_print_word_is_16_pt_with_larger_headings() -> None:
    markdown = render_markdown(small_record())
    ordinary = docx.Document(io.BytesIO(markdown_docx(markdown)))
    large = docx.Document(io.BytesIO(markdown_docx(markdown, large_print=True)))
    assert ordinary.styles["Normal"].font.size.pt == 12
    assert large.styles["Normal"].font.size.pt >= 16
    assert large.styles["Heading 2"].font.size.pt > large.styles["Normal"].font.size.pt


def test_overdue_actions_say_so_in_words_in_the_minutes() -> None:
    markdown = render_markdown(small_record(), today="2099-01-01")
    assert ", overdue |" in markdown
    assert "overdue" not in render_markdown(small_record(), today="2000-01-01")
    assert "overdue" not in render_markdown(small_record())  # no today: nothing marked


# -- the command line ---------------------------------------------------------------------------

FORMULAS = ["=SUM(A1:A9)", "+44 7700 900123", "-1 for this", "@everyone", "=HYPERLINK(\"http://x\",\"y\")"]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "sheets.db"
    store = open_store(path, clock=lambda: 1_773_500_000.0)  # 14 March 2026
    workshop = store.create_workshop(title=FORMULAS[0], date="2026-03-10", place="Zoë's café, Łódź",
                                     series=FORMULAS[3], stages=[{"kind": "decide", "title": "D", "minutes": 5}])  # fmt: skip
    named = store.add_participant(workshop.id, "Zoë Łukasz", ["carer"], "named", arrived=True)
    hidden = store.add_participant(workshop.id, "Hidden Person", ["staff"], "anonymous", arrived=True)
    store.add_participant(workshop.id, "Stayed Away", ["lived experience"], "perspective")
    for number, text in enumerate(FORMULAS):
        decision = store.add_decision(workshop.id, text, rationale=f"Because {text}\nand more", decided_by=FORMULAS[2])
        due = "2099-01-01" if number == len(FORMULAS) - 1 else f"2026-03-1{number}"
        store.add_action(workshop.id, text, due_date=due, decision_id=decision.id,
                         owner_participant_id=(named if number % 2 else hidden).id)  # fmt: skip
    store.close()
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark: Excel reads UTF-8
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def read_csv_from(printed: str) -> list[dict[str, str]]:
    assert printed.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(printed.removeprefix("\ufeff"), newline="")))


def inert(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def test_decisions_csv_round_trips_every_value(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "decisions.csv"
    result = invoke("--db", db, "decisions", "--format", "csv", "-o", out)
    assert result.exit_code == 0, result.output
    assert out.stat().st_mode & 0o777 == 0o600
    rows = read_csv(out)
    store = open_store(db)
    try:
        expected = {d.id: d for d in (item.decision for item in store.search_decisions("", limit=100))}
    finally:
        store.close()
    assert len(rows) == len(FORMULAS) == len(expected)
    assert len(read_csv_from(invoke("--db", db, "decisions", "--format", "csv", "--limit", "2").output)) == 2
    for row in rows:
        decision = expected[int(row["Decision ID"])]
        assert row["Decision"] == inert(decision.statement)
        assert row["Why"] == decision.rationale  # "Because ...": a line break kept inside the cell
        assert row["Who decides"] == inert(FORMULAS[2]) == "'-1 for this"
        assert row["Workshop"] == "'=SUM(A1:A9)" and row["Series"] == "'@everyone"
        assert (row["Status"], row["Workshop date"], row["Recorded at"]) == ("Agreed", "2026-03-10", decision.created_at)


def test_actions_csv_round_trips_and_keeps_private_names_out(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "actions.csv"
    assert invoke("--db", db, "actions", "--format", "csv", "-o", out).exit_code == 0
    rows = read_csv(out)
    assert sorted(row["What will be done"] for row in rows) == sorted(inert(text) for text in FORMULAS)
    assert {row["Who will do it"] for row in rows} == {"Zoë Łukasz", "a participant"}
    assert "Hidden Person" not in out.read_text(encoding="utf-8-sig")
    overdue = {row["Due date"]: row["Overdue"] for row in rows}
    assert overdue == {"2026-03-10": "yes", "2026-03-11": "yes", "2026-03-12": "yes", "2026-03-13": "yes",
                       "2099-01-01": "no"}  # fmt: skip
    assert invoke("--db", db, "actions", "--format", "csv", "--include-private", "-o", out).exit_code == 0
    assert "Hidden Person" in out.read_text(encoding="utf-8-sig")


def test_attendance_csv_and_table(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "attendance.csv"
    assert invoke("--db", db, "attendance", "1", "--format", "csv", "-o", out).exit_code == 0
    rows = read_csv(out)
    # Names first, then how others chose to appear. Three people: any perspective would single
    # someone out, so none is shown; the person who chose anonymity has no times of day either.
    assert [(r["Name"], r["Perspectives"], r["Took part"]) for r in rows] == [
        ("Zoë Łukasz", "", "yes"), ("a participant", "", "yes"), ("a participant", "", "no"),
    ]  # fmt: skip
    assert "Hidden Person" not in out.read_text(encoding="utf-8-sig")
    assert rows[0]["Arrived"] and not rows[1]["Arrived"] and not rows[1]["Left"]
    table = invoke("--db", db, "attendance", "1", "--include-private")
    assert table.exit_code == 0 and "Hidden Person" in table.output and "TOOK PART" in table.output


@pytest.mark.parametrize(("args", "sentence"), [
    (["minutes", "1", "--format", "docx"], "A Word file cannot be printed in the terminal: add -o FILE"),
    (["report", "1", "--format", "docx"], "A Word file cannot be printed in the terminal: add -o FILE"),
    (["minutes", "1", "--large-print"], "--large-print is for Word files"),
    (["report", "1", "--easy-read", "--format", "md"], "The easy read report is made as a page or a Word file"),
    (["decisions", "-o", "x.csv"], "-o writes a file for another program: add --format csv"),
    (["actions", "--json", "--format", "csv"], "--json and --format csv ask for different things"),
])  # fmt: skip
def test_word_and_sheet_options_that_cannot_work_get_one_sentence(db: Path, args, sentence: str) -> None:
    result = invoke("--db", db, *args)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {sentence}") and "Traceback" not in result.output


def test_word_files_from_the_command_line(db: Path, tmp_path: Path) -> None:
    for args, name in [(["minutes", "1", "--format", "docx", "--large-print"], "m.docx"),
                       (["report", "1", "--format", "docx"], "r.docx"),
                       (["report", "1", "--easy-read", "--format", "docx"], "e.docx")]:  # fmt: skip
        result = invoke("--db", db, *args, "-o", tmp_path / name)
        assert result.exit_code == 0, result.output
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
        document = docx.Document(str(tmp_path / name))
        assert document.paragraphs[0].style.name == "Heading 1"
        assert "=SUM(A1:A9)" in document.core_properties.title  # the title is text, never a formula


def test_easy_read_word_quotes_people_exactly(tmp_path: Path) -> None:
    store = open_store(tmp_path / "e.db", clock=lambda: 1_773_500_000.0)
    try:
        workshop = store.create_workshop(title="Café", date="2026-03-10",
                                         stages=[{"kind": "feedback", "title": "Review", "minutes": 5}])
        said = "The bus  stops at 6pm,\nso I can't stay — *honestly*"
        store.add_feedback(workshop.id, said, status="in progress", done="We asked about a later bus.")
        records = [load_record(store, workshop.id)]
    finally:
        store.close()
    document = docx.Document(io.BytesIO(render_easy_read_docx(records, title="Café")))
    texts = [p.text for p in document.paragraphs]
    assert f"\u201c{said}\u201d" in texts
    assert "\u25d1  In progress" in texts
    assert document.styles["Normal"].font.size.pt >= 16
    assert all(p.alignment in (None, 0) for p in document.paragraphs)  # left (0) or the style's left
