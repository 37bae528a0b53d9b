"""Every HTML document the app makes (``output_makers.HTML_OUTPUTS``), read by an HTML5 parser as a
browser or a screen reader would: language and title set, one main heading, headings in order,
tables with a header row, print rules that keep table rows whole, words wrapped only between
words; and the hostile text corpus shown as text, never obeyed.

(The Nu HTML checker and axe-core check the same documents in tests/web/test_output_pages.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
from output_makers import HTML_OUTPUTS, demo_store, utc
from phone_client import WEB_HOSTILE
from test_minutes import HOSTILE as MARKDOWN_HOSTILE

from facilitator.domain.text import strip_controls
from facilitator.storage.store import Store, open_store

NS = "{http://www.w3.org/1999/xhtml}"
HEADINGS = [f"{NS}h{level}" for level in range(1, 7)]
# Markup, script, javascript: links, template syntax, escapes, right-to-left, 10,000 characters, and
# text that Markdown would read as structure.
HOSTILE = [*WEB_HOSTILE, *MARKDOWN_HOSTILE[:8], "A&E &amp; 1. a\\", "a|b ~~c~~ {#id} :-: ==="]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    with utc():
        store, finished, _ = demo_store(tmp_path_factory.mktemp("demo") / "demo.db")
        pages = {name: make(store, finished) for name, make in HTML_OUTPUTS.items()}
    store.close()
    return pages


def parse(page: str):
    parser = html5lib.HTMLParser(strict=True)
    return parser.parse(page)


def text_of(element) -> str:
    return " ".join("".join(element.itertext()).split())


@pytest.mark.parametrize("kind", sorted(HTML_OUTPUTS))
def test_structure(demo, kind: str) -> None:
    page = demo[kind]
    document = parse(page)  # strict: a parse error fails here
    assert document.get("lang") in ("en", "en-GB")
    title = document.find(f"{NS}head/{NS}title")
    assert title is not None and text_of(title), "the page has no title"
    assert len(document.findall(f".//{NS}main")) == 1
    headings = [element for element in document.iter() if element.tag in HEADINGS]
    assert [h.tag for h in headings].count(f"{NS}h1") == 1 and headings[0].tag == f"{NS}h1"
    level = 1
    for heading in headings[1:]:
        now = int(heading.tag[-1])
        assert now <= level + 1, f"<h{now}> {text_of(heading)!r} comes after an <h{level}>: a level is skipped"
        assert text_of(heading), "an empty heading"
        level = now
    style = "".join(element.text or "" for element in document.iter(f"{NS}style"))
    tables = list(document.iter(f"{NS}table"))
    for table in tables:
        first_row = table.find(f".//{NS}tr")
        has_caption = table.find(f"{NS}caption") is not None
        header_cells = first_row.findall(f"{NS}th") if first_row is not None else []
        assert has_caption or (header_cells and len(header_cells) == len(list(first_row))), "a table with no header row"
        if "attr(data-label)" in style:
            for cell in table.iter(f"{NS}td"):
                assert cell.get("data-label"), "a cell the narrow layout cannot label"
    # Printing: rows and blocks are never cut; words are never split mid-word.
    assert "@media print" in style, "no print rules"
    assert "anywhere" not in style and "break-all" not in style
    if tables:
        assert re.search(r"tr[^{]*\{[^}]*break-inside: avoid", style), "table rows may be cut across pages"
        assert re.search(r"@media[^{]*max-width[^{]*\{[^@]*display: ?block", style), "no narrow layout for tables"


def test_easy_read_is_large_left_aligned_and_spacious(demo) -> None:
    style = "".join(element.text or "" for element in parse(demo["easy-read"]).iter(f"{NS}style"))
    assert "text-align: left" in style
    # 1.5rem is 24 px (18 pt) on screen; 18 pt in print: at least 16 pt both ways.
    assert re.search(r"body \{ font-size: 1\.5rem; line-height: 1\.8", style)
    assert re.search(r"@media print \{\s*body \{ font-size: 18pt; \}", style)


# -- the hostile text corpus -----------------------------------------------------------------------


def hostile_workshop(store: Store, text: str) -> int:
    short = text[:150]
    workshop = store.create_workshop(
        title=f"T {short}", place=f"P {short}", purpose=text, series=f"S {short}", date="2026-03-14",
        stages=[{"kind": "ideas", "title": f"I {short}", "minutes": 10},
                {"kind": "decide", "title": "Decide", "minutes": 10},
                {"kind": "feedback", "title": "You said, we did", "minutes": 10}],
    )  # fmt: skip
    stage = store.stages(workshop.id)[0]
    person = store.add_participant(workshop.id, f"N {text[:90]}", ["carer"], "named", arrived=True)
    theme = store.add_theme(workshop.id, f"Th {short}")
    idea = store.add_idea(stage.id, text, said_by=person.id)
    store.move_idea(idea.id, theme.id)
    decision = store.add_decision(workshop.id, text[:2000], rationale=text, dissent=[(person.id, text)])
    store.add_action(workshop.id, text[:2000], owner_text=f"O {short}", due_date="2026-03-20", decision_id=decision.id)
    store.add_feedback(workshop.id, text, done=text, status="done")
    store.add_feedback(workshop.id, f"Again {text}"[:10_000], status="not possible", reason=text)
    return workshop.id


@pytest.fixture
def hostile_store(tmp_path: Path):
    store = open_store(tmp_path / "h.db", clock=lambda: 1_773_500_000.0)
    yield store
    store.close()


@pytest.mark.parametrize("kind", sorted(HTML_OUTPUTS))
@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_shown_as_text(hostile_store: Store, kind: str, text: str) -> None:
    # Each in a series of its own (the series report and easy read cover the whole series).
    page = HTML_OUTPUTS[kind](hostile_store, hostile_workshop(hostile_store, text))
    plain = HTML_OUTPUTS[kind](hostile_store, hostile_workshop(hostile_store, "plain words"))
    document = parse(page)
    baseline = parse(plain)
    # No element or attribute came from the text: the same tags, in the same numbers, as for plain words.
    tags = sorted(element.tag for element in document.iter())
    assert tags == sorted(element.tag for element in baseline.iter())
    for element in document.iter():
        for name, value in element.attrib.items():
            assert not value.strip().lower().startswith("javascript:"), (element.tag, name)
            assert not name.startswith("on"), (element.tag, name)
    assert "\x1b" not in page and "\u202e" not in page
    # The words are there, as typed (escapes stripped; white space may be folded into one line).
    shown = text_of(document.find(f"{NS}body"))
    expected = " ".join(strip_controls(text, multiline=True).split())
    assert expected[:150] in shown
