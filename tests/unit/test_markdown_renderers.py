"""The Markdown of the minutes and the report reads the same in CommonMark, in GFM (both with
markdown-it-py) and in python-markdown (what MkDocs uses): the same headings, paragraphs, list items (at the same depth)
and table cells, with the same text. No backslash escapes python-markdown would show (``A\\&E``) and
no trailing-backslash line breaks."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import markdown as python_markdown
import pytest
from markdown_it import MarkdownIt
from output_makers import demo_store, utc
from test_html_outputs import HOSTILE
from test_minutes import hostile_record, small_record

from facilitator.outputs.minutes import render_markdown
from facilitator.outputs.report import render_report_markdown
from facilitator.storage.exchange import load_record

NS = "{http://www.w3.org/1999/xhtml}"
BLOCKS = {f"{NS}{tag}" for tag in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "th", "td")}
LISTS = {f"{NS}ul", f"{NS}ol"}
_COMMONMARK = MarkdownIt("commonmark", {"html": False}).enable("table")
# GitHub's flavour: tables, strikethrough (~~x~~) and bare links (www.example.com) as links.
_GFM = MarkdownIt("gfm-like", {"html": False})


def _text(element, skip_lists: bool) -> str:
    parts = [element.text or ""]
    for child in element:
        if not (skip_lists and child.tag in LISTS):
            parts.append(_text(child, False) if child.tag != f"{NS}br" else "\n")
        parts.append(child.tail or "")
    return "".join(parts)


def blocks(page: str) -> list[tuple[str, int, str]]:
    """(tag, list depth, text with white space folded) for every block a reader meets, in order.

    A paragraph inside a list item is part of the item (loose and tight lists read the same)."""
    found: list[tuple[str, int, str]] = []

    def walk(element, depth: int, in_item: bool) -> None:
        for child in element:
            tag = child.tag
            if tag in LISTS:
                walk(child, depth + 1, False)
            elif tag == f"{NS}li":
                found.append(("li", depth, " ".join(_text(child, True).split())))
                walk(child, depth, True)
            elif tag in BLOCKS and not (in_item and tag == f"{NS}p"):
                found.append((tag.removeprefix(NS), depth, " ".join(_text(child, False).split())))
            elif isinstance(tag, str):
                walk(child, depth, in_item)

    walk(html5lib.parse(page).find(f"{NS}body"), 0, False)
    return found


def assert_renders_the_same(markdown: str) -> None:
    assert "\\&" not in markdown, "python-markdown shows a backslash before &"
    # An odd number of backslashes before a line's end is a line break (an even number: literal ones).
    assert not re.search(r"(?<!\\)(\\\\)*\\\n", markdown), "a trailing backslash line break (CommonMark only)"
    common = blocks(_COMMONMARK.render(markdown))
    assert len(common) > 3
    for name, page in (("python-markdown", python_markdown.markdown(markdown, extensions=["tables"])),
                       ("GFM", _GFM.render(markdown))):  # fmt: skip
        other = blocks(page)
        for number, (mine, theirs) in enumerate(zip(common, other, strict=False)):
            assert mine == theirs, f"block {number} differs:\n  CommonMark: {mine}\n  {name}: {theirs}"
        assert len(common) == len(other), name
        assert "<s>" not in page and "<del>" not in page, f"{name} struck text through"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    with utc():
        store, finished, in_progress = demo_store(tmp_path_factory.mktemp("demo") / "demo.db")
        try:
            yield {
                "minutes-finished": render_markdown(load_record(store, finished), today=store.today()),
                "minutes-in-progress": render_markdown(load_record(store, in_progress), today=store.today()),
                "report": _report(store, finished, False),
                "series-report": _report(store, finished, True),
            }
        finally:
            store.close()


def _report(store, workshop_id: int, whole_series: bool) -> str:
    records, title = store.report_records(workshop_id, whole_series=whole_series)
    return render_report_markdown(records, title=title, today=store.today())


@pytest.mark.parametrize("kind", ["minutes-finished", "minutes-in-progress", "report", "series-report"])
def test_the_demo_reads_the_same_in_both_renderers(demo, kind: str) -> None:
    assert_renders_the_same(demo[kind])


def test_the_demo_keeps_a_and_e_as_typed(demo) -> None:
    assert "A&E" in demo["minutes-finished"] and "A\\&E" not in demo["minutes-finished"]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_reads_the_same_in_both_renderers(text: str) -> None:
    assert_renders_the_same(render_markdown(hostile_record(text), today="2030-01-01"))


def test_line_breaks_read_the_same_in_both_renderers() -> None:
    markdown = render_markdown(hostile_record("first line\nsecond line"))
    assert "first line  \n" in markdown
    assert_renders_the_same(markdown)
    assert_renders_the_same(render_markdown(small_record()))


def test_the_report_reads_the_same_in_both_renderers(tmp_path: Path) -> None:
    record = hostile_record("You said the *bus*\nis late & A&E | ~~x~~")
    assert_renders_the_same(render_report_markdown([record], title="A&E <b>", today="2030-01-01"))
