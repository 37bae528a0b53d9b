"""Easy read "You said, we did": one point per block, short sentences, large type, a symbol beside
every status as well as its word.

Easy read guidance asks for short sentences (at most 15 words), one idea at a time, at least 16 pt
text, left aligned, lots of space, and pictures or symbols to support (never replace) the words.
Every sentence this module writes itself is in the constants below, where a test checks their
length. People's own words (what they told us, and what was done) are quoted exactly as they were
recorded, line breaks included: never shortened, never rewritten.

The same points make an HTML page (``render_easy_read_html``) and a Word file
(``render_easy_read_docx``). Pure functions of the records: no clock, no storage, no textual.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from facilitator.domain.models import FeedbackStatus
from facilitator.domain.record import WorkshopRecord
from facilitator.domain.text import strip_controls
from facilitator.outputs.html_page import page
from facilitator.outputs.markdown_text import count_words, long_date, one_line
from facilitator.outputs.report import latest_feedback, sorted_records
from facilitator.outputs.word import add_heading, add_paragraph, docx_bytes, new_document

TITLE = "You said, we did"
INTRO = (
    "This tells you what you told us.",
    "It tells you what we did about it.",
    "Your own words are in quote marks.",
)
ABOUT_HEADING = "About this"
ONE_WORKSHOP = "The workshop was on {date}."
SEVERAL_WORKSHOPS = "This is about {count} workshops."
FIRST_AND_LAST = "The first was on {first}. The last was on {last}."
PLACE = "It was at {place}."
PEOPLE = "{people} came."
KEY_HEADING = "What the symbols mean"
TOLD_US = "You told us"
WE_DID = "We did"
WHY_NOT = "Why not yet"
NOTHING_YET = "We have no answers to share yet."
END_HEADING = "Thank you"
END = ("Thank you for telling us.", "Please tell us what you think.")

# Each status: its symbol (a simple shape, in common fonts), its word, and a sentence saying what it means.
STATUS: dict[FeedbackStatus, tuple[str, str, str]] = {
    FeedbackStatus.DONE: ("\u2713", "Done", "Done means we did it."),
    FeedbackStatus.IN_PROGRESS: ("\u25d1", "In progress", "In progress means we have started."),
    FeedbackStatus.PLANNED: ("\u25cb", "Planned", "Planned means we will do it."),
    FeedbackStatus.NOT_POSSIBLE: ("\u2717", "Not possible", "Not possible means we cannot do it now."),
}
# Said when the reply was left empty.
NO_REPLY: dict[FeedbackStatus, str] = {
    FeedbackStatus.DONE: "We did this.",
    FeedbackStatus.IN_PROGRESS: "We have started this. It is not finished yet.",
    FeedbackStatus.PLANNED: "We plan to do this. We have not started yet.",
    FeedbackStatus.NOT_POSSIBLE: "We could not do this. We did not write down why.",
}
ORDER = (FeedbackStatus.DONE, FeedbackStatus.IN_PROGRESS, FeedbackStatus.PLANNED, FeedbackStatus.NOT_POSSIBLE)


def template_sentences() -> list[str]:
    """Every sentence of the template text (with ``{placeholders}``), for the length test."""
    texts = [TITLE, *INTRO, ABOUT_HEADING, ONE_WORKSHOP, SEVERAL_WORKSHOPS, FIRST_AND_LAST, PLACE, PEOPLE,
             KEY_HEADING, TOLD_US, WE_DID, WHY_NOT, NOTHING_YET, END_HEADING, *END, *NO_REPLY.values()]  # fmt: skip
    for symbol, word, meaning in STATUS.values():
        texts += [f"{symbol} {word}", meaning]
    return texts


@dataclass(frozen=True)
class Point:
    said: str  # exactly as recorded (controls stripped), line breaks kept
    reply: str  # what was done, or why not: exactly as recorded, or a template sentence
    reply_heading: str
    status: FeedbackStatus


def _exact(text: str) -> str:
    return strip_controls(text, multiline=True).strip()


def points(records: list[WorkshopRecord]) -> list[Point]:
    found = []
    for item in latest_feedback(sorted_records(records)):
        reply = item.reason if item.status == FeedbackStatus.NOT_POSSIBLE else item.done
        heading = WHY_NOT if item.status == FeedbackStatus.NOT_POSSIBLE else WE_DID
        found.append(Point(_exact(item.said), _exact(reply) or NO_REPLY[item.status], heading, item.status))
    return found


def about(records: list[WorkshopRecord]) -> list[str]:
    """The sentences about the workshop (or workshops) the points come from."""
    records = sorted_records(records)
    if not records:
        return []
    if len(records) == 1:
        workshop = records[0].workshop
        lines = [ONE_WORKSHOP.format(date=long_date(workshop.date))]
        if workshop.place.strip():
            lines.append(PLACE.format(place=one_line(workshop.place)))
        came = sum(1 for person in records[0].participants if person.arrived_at is not None)
        if came:
            lines.append(PEOPLE.format(people=count_words(came, "person", "people")))
        return lines
    first, last = long_date(records[0].workshop.date), long_date(records[-1].workshop.date)
    return [SEVERAL_WORKSHOPS.format(count=len(records)), FIRST_AND_LAST.format(first=first, last=last)]


def status_line(status: FeedbackStatus) -> tuple[str, str]:
    symbol, word, _ = STATUS[status]
    return symbol, word


# -- HTML ------------------------------------------------------------------------------------------

_STYLE = """\
body { font-size: 1.5rem; line-height: 1.8; max-width: 40rem; }
h1 { font-size: 2.25rem; } h2 { font-size: 1.9rem; } h3 { font-size: 1.6rem; }
p { margin: 0 0 1em; }
.point { border: 3px solid #000; border-radius: 0.4em; padding: 0.5em 1.2em; margin: 2.5em 0; }
.point h2 { margin-top: 0.6em; }
.said, .reply { white-space: pre-wrap; }
.said { font-size: 1.15em; }
.status { font-weight: bold; }
.symbol { display: inline-block; min-width: 1.6em; }
@media print {
  body { font-size: 18pt; }
  h1 { font-size: 28pt; } h2 { font-size: 24pt; } h3 { font-size: 20pt; }
  .point { break-inside: avoid; }
}"""


def render_easy_read_html(records: list[WorkshopRecord], *, title: str) -> str:
    """The easy read page: large type, one point per block."""
    e = html.escape
    parts = [f"<h1>{e(TITLE)}: {e(one_line(title))}</h1>\n"]
    parts += [f"<p>{e(sentence)}</p>\n" for sentence in INTRO]
    sentences = about(records)
    if sentences:
        parts.append(f"<h2>{e(ABOUT_HEADING)}</h2>\n")
        parts += [f"<p>{e(sentence)}</p>\n" for sentence in sentences]
    found = points(records)
    if not found:
        parts.append(f"<p>{e(NOTHING_YET)}</p>\n")
    else:
        parts.append(f"<h2>{e(KEY_HEADING)}</h2>\n<ul>\n")
        for status in ORDER:
            symbol, word, meaning = STATUS[status]
            parts.append(f'<li><span class="symbol" aria-hidden="true">{symbol}</span>{e(meaning)}</li>\n')
        parts.append("</ul>\n")
    for point in found:
        symbol, word = status_line(point.status)
        parts.append(
            '<section class="point">\n'
            f"<h2>{e(TOLD_US)}</h2>\n"
            f'<p class="said">\u201c{e(point.said)}\u201d</p>\n'
            f"<h3>{e(point.reply_heading)}</h3>\n"
            f'<p class="reply">{e(point.reply)}</p>\n'
            f'<p class="status"><span class="symbol" aria-hidden="true">{symbol}</span>{e(word)}</p>\n'
            "</section>\n"
        )
    parts.append(f"<h2>{e(END_HEADING)}</h2>\n")
    parts += [f"<p>{e(sentence)}</p>\n" for sentence in END]
    return page(f"{TITLE}: {one_line(title)} (easy read)", "".join(parts), _STYLE)


# -- Word ------------------------------------------------------------------------------------------


def render_easy_read_docx(records: list[WorkshopRecord], *, title: str) -> bytes:
    """The easy read Word file: 16 pt and larger, left aligned, one point after another."""
    document = new_document(f"{TITLE}: {one_line(title)}", large_print=True)
    for sentence in INTRO:
        add_paragraph(document, sentence)
    sentences = about(records)
    if sentences:
        add_heading(document, ABOUT_HEADING)
        for sentence in sentences:
            add_paragraph(document, sentence)
    found = points(records)
    if not found:
        add_paragraph(document, NOTHING_YET)
    else:
        add_heading(document, KEY_HEADING)
        for status in ORDER:
            symbol, _, meaning = STATUS[status]
            add_paragraph(document, f"{symbol}  {meaning}")
    for point in found:
        symbol, word = status_line(point.status)
        add_heading(document, TOLD_US)
        add_paragraph(document, f"\u201c{point.said}\u201d")
        add_heading(document, point.reply_heading, level=3)
        add_paragraph(document, point.reply)
        add_paragraph(document, f"{symbol}  {word}", bold=True)
    add_heading(document, END_HEADING)
    for sentence in END:
        add_paragraph(document, sentence)
    return docx_bytes(document)
