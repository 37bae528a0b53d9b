"""Every document the app makes, as functions of (store, workshop id), for the checks every output
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


# name -> maker. Add the invitation pack and the recognition sheet here, one line each.
HTML_OUTPUTS: dict[str, Maker] = {
    "minutes": _minutes_html,
    "report": _report_html,
    "series-report": _series_report_html,
    "easy-read": _easy_read_html,
}


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
