"""The invitation pack and the recognition sheet as pages: the Nu HTML checker finds no error,
and axe-core no violation (light and dark), fitting a phone and 200% zoom, with the demo's
workshop and with hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest
from phone_checks import check_page
from test_html_valid import nu_check

from facilitator.demo import seed_demo
from facilitator.outputs.pack import pack_html
from facilitator.outputs.recognition import sheet_html
from facilitator.storage.store import open_store

HOSTILE = '<script>alert(1)</script> <a href="javascript:x">x</a> \u05e9\u05dc\u05d5\u05dd ' + "long" * 200


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("packs")
    store = open_store(folder / "demo.db")
    finished, _ = seed_demo(store)
    workshop, stages = store.workshop(finished), store.stages(finished)
    series = store.series_settings(workshop.series)
    hostile = workshop.model_copy(update={"title": HOSTILE, "place": HOSTILE, "contact_name": HOSTILE,
                                          "access_notes": HOSTILE})  # fmt: skip
    made = {
        "pack": pack_html(workshop, stages, series),
        "pack-easy-read": pack_html(workshop, stages, series, easy_read=True),
        "pack-hostile": pack_html(hostile, stages, series),
        "recognition": sheet_html(store.recognition_rows(), workshop.series),
    }
    store.close()
    files = {}
    for name, page in made.items():
        files[name] = folder / f"{name}.html"
        files[name].write_text(page, "utf-8")
    return files


def test_the_pages_are_valid_html(pages: dict[str, Path], vnu_jar: Path) -> None:
    assert nu_check(vnu_jar, list(pages.values())) == []


@pytest.mark.parametrize("name", ["pack", "pack-easy-read", "pack-hostile", "recognition"])
def test_axe_finds_nothing_and_the_page_fits(pages: dict[str, Path], browser, name: str) -> None:
    page = browser.new_page()
    try:
        page.goto(pages[name].as_uri())
        check_page(page, name)
    finally:
        page.close()
