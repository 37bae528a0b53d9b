"""Every HTML document the app makes, as functions of (store, workshop id), for the checks every output
must pass: HTML structure (tests/unit/test_html_outputs.py), the Nu HTML checker and axe-core
(tests/web/test_output_pages.py), the hostile text corpus, and the golden files.

A new kind of HTML output joins every check with one line in ``HTML_OUTPUTS``. The demo is seeded
on a fixed day, in UTC, so its documents are the same bytes on every machine and every day.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from importlib.util import find_spec
from pathlib import Path

import facilitator.demo as demo_module
from facilitator.storage.exchange import load_record
from facilitator.storage.store import Store, open_store

# The demo's "today": the finished workshop is 23 days before it, the one in progress on it.
DEMO_DAY = date(2026, 12, 4)
DEMO_NOW = datetime(2026, 12, 4, 14, 0)
Maker = Callable[[Store, int], str]


def _minutes_html(store: Store, workshop_id: int) -> str:
    from facilitator.outputs.minutes import render_html

    return render_html(load_record(store, workshop_id), today=store.today())


def _report_html(store: Store, workshop_id: int) -> str:
    from facilitator.outputs.report import render_report_html

    records, title = store.report_records(workshop_id)
    return render_report_html(records, title=title, today=store.today())


def _series_report_html(store: Store, workshop_id: int) -> str:
    from facilitator.outputs.report import render_report_html

    records, title = store.report_records(workshop_id, whole_series=True)
    return render_report_html(records, title=title, today=store.today())


def _easy_read_html(store: Store, workshop_id: int) -> str:
    from facilitator.outputs.easy_read import render_easy_read_html

    records, title = store.report_records(workshop_id, whole_series=True)
    return render_easy_read_html(records, title=title)


def _pack_html(store: Store, workshop_id: int, easy_read: bool = False) -> str:
    from facilitator.outputs.pack import pack_html

    workshop = store.workshop(workshop_id)
    return pack_html(workshop, store.stages(workshop_id), store.series_settings(workshop.series), easy_read=easy_read)


def _pack_easy_read_html(store: Store, workshop_id: int) -> str:
    return _pack_html(store, workshop_id, easy_read=True)


def _recognition_html(store: Store, workshop_id: int) -> str:
    from facilitator.outputs.recognition import sheet_html

    return sheet_html(store.recognition_rows(), store.workshop(workshop_id).series)


# name -> maker: one line each.
HTML_OUTPUTS: dict[str, Maker] = {
    "minutes": _minutes_html,
    "report": _report_html,
    "series-report": _series_report_html,
    "easy-read": _easy_read_html,
}
# The invitation pack and the recognition sheet (issue 12, items 1 and 2), once their modules are there.
if find_spec("facilitator.outputs.pack") is not None:
    HTML_OUTPUTS |= {"pack": _pack_html, "pack-easy-read": _pack_easy_read_html}
if find_spec("facilitator.outputs.recognition") is not None:
    HTML_OUTPUTS["recognition"] = _recognition_html


@contextmanager
def utc() -> Iterator[None]:
    """Local time is UTC inside (clock times in documents do not depend on the machine)."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()


class _DemoDate(date):
    @classmethod
    def today(cls) -> date:
        return DEMO_DAY


class _DemoDatetime(datetime):
    @classmethod
    def now(cls, tz=None) -> datetime:
        return DEMO_NOW if tz is None else DEMO_NOW.astimezone(tz)


def demo_store(path: Path) -> tuple[Store, int, int]:
    """The demo, seeded as on ``DEMO_DAY`` (call inside ``utc()``); its store's today is that day.

    Returns the store and the ids of the finished and the in-progress workshop.
    """
    store = open_store(path, clock=lambda: datetime.combine(DEMO_DAY, datetime.min.time()).timestamp() + 15 * 3600)
    real_date, real_datetime = demo_module.date, demo_module.datetime
    demo_module.date, demo_module.datetime = _DemoDate, _DemoDatetime
    try:
        finished, in_progress = demo_module.seed_demo(store)
    finally:
        demo_module.date, demo_module.datetime = real_date, real_datetime
    return store, finished, in_progress
