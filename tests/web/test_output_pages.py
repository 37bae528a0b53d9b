"""Every HTML document the app makes (``output_makers.HTML_OUTPUTS``: minutes, report, easy read,
and the pack and recognition sheet when they join the list) passes the Nu HTML checker with no
errors and axe-core with no violations, and fits a phone's screen (320 px, and 200% zoom) without
scrolling sideways: for the demo's workshop, and for the hostile text corpus.

Needs Java and Debian's Chromium (see tests/web/conftest.py); without them these tests skip.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from output_makers import HTML_OUTPUTS, demo_store, utc
from phone_checks import check_page
from phone_client import WEB_HOSTILE
from test_html_outputs import hostile_workshop
from test_html_valid import nu_check

from facilitator.storage.store import open_store

KINDS = sorted(HTML_OUTPUTS)


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each kind of document, for the demo and for each hostile string, written to a file."""
    folder = tmp_path_factory.mktemp("documents")
    files: dict[str, Path] = {}
    with utc():
        store, finished, _ = demo_store(folder / "demo.db")
        try:
            for kind, make in HTML_OUTPUTS.items():
                files[f"{kind}-demo"] = folder / f"{kind}-demo.html"
                files[f"{kind}-demo"].write_text(make(store, finished), encoding="utf-8")
        finally:
            store.close()
    for number, text in enumerate(WEB_HOSTILE):
        store = open_store(folder / f"hostile-{number}.db", clock=lambda: 1_773_500_000.0)
        try:
            workshop_id = hostile_workshop(store, text)
            for kind, make in HTML_OUTPUTS.items():
                files[f"{kind}-hostile-{number}"] = folder / f"{kind}-hostile-{number}.html"
                files[f"{kind}-hostile-{number}"].write_text(make(store, workshop_id), encoding="utf-8")
        finally:
            store.close()
    return files


def test_every_document_is_valid_html(documents: dict[str, Path], vnu_jar: Path) -> None:
    problems = nu_check(vnu_jar, sorted(documents.values()))
    assert not problems, f"The Nu HTML checker found {len(problems)} problems:\n" + "\n".join(problems)


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_nothing_and_the_page_fits_a_phone(browser, documents: dict[str, Path], kind: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        page.goto(documents[f"{kind}-demo"].as_uri())
        check_page(page, f"{kind} (demo)")
        # The hostile corpus: axe only (10,000 characters with no space cannot fit any screen).
        for number in range(len(WEB_HOSTILE)):
            page.goto(documents[f"{kind}-hostile-{number}"].as_uri())
            from phone_checks import AXE_OPTIONS, axe_problems, axe_report

            found = axe_problems(page, AXE_OPTIONS)
            assert not found, f"{kind}, hostile text {number}:\n{axe_report(found)}"
    finally:
        context.close()
