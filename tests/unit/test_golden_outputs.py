"""Golden files: every document the demo's two workshops give (minutes, report, series report and
easy read in Markdown, HTML and Word; the decisions, actions and attendance sheets), compared
whole with the files under ``golden/demo/``. A Word file is compared as its text: the title and
language, then each paragraph with its style, then each table row.

After a deliberate change to a document, regenerate them and read the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest -n 0 tests/unit/test_golden_outputs.py tests/unit/test_minutes.py

(``FACILITATOR_UPDATE_GOLDEN=1`` works too.) The demo is seeded as on a fixed day, in UTC
(``output_makers.demo_store``), so the files are the same on every machine and every day.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from output_makers import demo_store, utc

from facilitator.outputs.easy_read import render_easy_read_docx, render_easy_read_html
from facilitator.outputs.minutes import render_html, render_markdown
from facilitator.outputs.report import render_report_html, render_report_markdown
from facilitator.outputs.sheets import actions_csv, attendance_csv, decisions_csv
from facilitator.outputs.word_markdown import markdown_docx
from facilitator.storage.exchange import load_record
from facilitator.storage.store import Store

GOLDEN = Path(__file__).parent / "golden" / "demo"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN") or os.environ.get("FACILITATOR_UPDATE_GOLDEN"))


def docx_text(data: bytes) -> str:
    """A Word file as text: its properties, then its body in order (paragraphs and tables)."""
    document = docx.Document(io.BytesIO(data))
    properties = document.core_properties
    lines = [f"title: {properties.title}", f"language: {properties.language}",
             f"body size: {document.styles['Normal'].font.size.pt} pt", ""]  # fmt: skip
    paragraphs = iter(document.paragraphs)
    tables = iter(document.tables)
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = next(paragraphs)
            bold = "**" if paragraph.runs and all(run.bold for run in paragraph.runs if run.text.strip()) else ""
            lines.append(f"[{paragraph.style.name}] {bold}{paragraph.text}{bold}")
        elif tag == "tbl":
            for number, row in enumerate(next(tables).rows):
                lines.append(("[header] " if number == 0 else "") + "| " + " | ".join(c.text for c in row.cells) + " |")
    return "\n".join(lines) + "\n"


def _records(store: Store, workshop_id: int, series: bool):
    return store.report_records(workshop_id, whole_series=series)


def documents(store: Store, finished: int, in_progress: int) -> dict[str, Callable[[], str]]:
    today = store.today()
    made: dict[str, Callable[[], str]] = {}
    for name, workshop_id in (("finished", finished), ("in-progress", in_progress)):
        record = load_record(store, workshop_id)
        markdown = render_markdown(record, today=today)
        made[f"minutes-{name}.md"] = markdown
        made[f"minutes-{name}.html"] = render_html(record, today=today)
        made[f"minutes-{name}.docx.txt"] = docx_text(markdown_docx(markdown))
        made[f"attendance-{name}.csv"] = attendance_csv(record)
    for name, series in (("report", False), ("series-report", True)):
        records, title = _records(store, finished, series)
        markdown = render_report_markdown(records, title=title, today=today)
        made[f"{name}.md"] = markdown
        made[f"{name}.html"] = render_report_html(records, title=title, today=today)
        made[f"{name}.docx.txt"] = docx_text(markdown_docx(markdown, large_print=True))
    records, title = _records(store, finished, True)
    made["easy-read.html"] = render_easy_read_html(records, title=title)
    made["easy-read.docx.txt"] = docx_text(render_easy_read_docx(records, title=title))
    made["decisions.csv"] = decisions_csv(store.search_decisions("", current_only=False, limit=1000))
    made["actions.csv"] = actions_csv(store.outstanding_actions())
    return made


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    with utc():
        store, finished, in_progress = demo_store(tmp_path_factory.mktemp("golden") / "demo.db")
        try:
            return documents(store, finished, in_progress)
        finally:
            store.close()


NAMES = [
    *(f"minutes-{w}.{kind}" for w in ("finished", "in-progress") for kind in ("md", "html", "docx.txt")),
    "attendance-finished.csv", "attendance-in-progress.csv",
    *(f"{r}.{kind}" for r in ("report", "series-report") for kind in ("md", "html", "docx.txt")),
    "easy-read.html", "easy-read.docx.txt", "decisions.csv", "actions.csv",
]  # fmt: skip


def test_every_document_has_a_golden_file(made: dict[str, str]) -> None:
    assert sorted(made) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_document_matches_its_golden_file(made: dict[str, str], name: str) -> None:
    path = GOLDEN / name
    text = made[name]
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.is_file(), f"{path} is missing: run with UPDATE_GOLDEN=1 to write it, then read it"
    # Bytes, not text: a CSV's CRLF line ends and byte-order mark are part of what is compared.
    assert path.read_bytes() == text.encode("utf-8"), f"{name} differs from {path} (UPDATE_GOLDEN=1 to regenerate)"
