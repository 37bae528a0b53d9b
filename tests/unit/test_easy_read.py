"""Easy read "You said, we did": short template sentences, one point per block, a symbol and a word
for every status, and people's words quoted exactly as they were recorded."""

from __future__ import annotations

import html
import re

import html5lib
import pytest

from facilitator.domain.models import FeedbackStatus
from facilitator.domain.record import WorkshopRecord
from facilitator.outputs.easy_read import (
    STATUS,
    TOLD_US,
    WE_DID,
    WHY_NOT,
    render_easy_read_html,
    template_sentences,
)

NS = "{http://www.w3.org/1999/xhtml}"
LONGEST = 15


def sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.?!])\s+", text.strip()) if part]


def words(sentence: str) -> int:
    # A {placeholder} counts as one word: a date ("Wednesday 11 November 2026") is read as one thing.
    return len(re.sub(r"\{[^}]*\}", "X", sentence).split())


def test_no_template_sentence_is_longer_than_15_words() -> None:
    texts = template_sentences()
    assert len(texts) > 20  # the list really holds the template text
    too_long = [s for text in texts for s in sentences(text) if words(s) > LONGEST]
    assert not too_long, f"Sentences over {LONGEST} words: {too_long}"


def test_the_word_counter_would_notice_a_long_sentence() -> None:
    assert words("This sentence has far too many words in it for an easy read page, so it fails.") > LONGEST


def record(items: list[dict]) -> WorkshopRecord:
    return WorkshopRecord.model_validate({
        "workshop": {"uid": "w1", "title": "Café <b>days</b>", "date": "2026-03-10", "place": "Library",
                     "created_at": "2026-03-01T10:00:00+00:00"},
        "participants": [{"id": 1, "name": "Ann", "arrived_at": "2026-03-10T10:00:00+00:00"}],
        "feedback": [{"id": n, **item} for n, item in enumerate(items, start=1)],
    })  # fmt: skip


SAID = "The bus  stops at 6pm,\nso I can't stay \u2014 *honestly* <b>really</b> & A&E"


def test_each_point_is_one_block_with_told_us_we_did_and_a_status_symbol_and_word() -> None:
    items = [
        {"said": SAID, "done": "We asked for a later bus.\nIt starts in May.", "status": "done"},
        {"said": "Longer hours", "status": "in progress"},
        {"said": "A quiet room", "status": "planned"},
        {"said": "Free parking", "status": "not possible", "reason": "The car park is the hospital's."},
    ]
    page = render_easy_read_html([record(items)], title="Café <b>days</b>")
    document = html5lib.HTMLParser(strict=True).parse(page)
    blocks = [s for s in document.iter(f"{NS}section") if s.get("class") == "point"]
    assert len(blocks) == 4
    statuses = [FeedbackStatus.DONE, FeedbackStatus.IN_PROGRESS, FeedbackStatus.PLANNED, FeedbackStatus.NOT_POSSIBLE]
    for block, item, status in zip(blocks, items, statuses, strict=True):
        headings = ["".join(h.itertext()) for h in block if h.tag in (f"{NS}h2", f"{NS}h3")]
        assert headings == [TOLD_US, WHY_NOT if status == FeedbackStatus.NOT_POSSIBLE else WE_DID]
        said = block.find(f"{NS}p[@class='said']")
        assert "".join(said.itertext()) == f"\u201c{item['said']}\u201d"  # exactly: spaces, line breaks, marks
        symbol, word, _ = STATUS[status]
        line = block.find(f"{NS}p[@class='status']")
        assert "".join(line.itertext()) == symbol + word
        assert line.find(f"{NS}span").get("aria-hidden") == "true"  # the word is read; the symbol is seen
    reply = blocks[0].find(f"{NS}p[@class='reply']")
    assert "".join(reply.itertext()) == "We asked for a later bus.\nIt starts in May."
    assert "<b>really</b>" not in page and html.escape(SAID) in page
    # The status symbols are explained once, each with its word.
    for symbol, word, meaning in STATUS.values():
        assert word in meaning and symbol in page


def test_an_empty_reply_gets_a_short_sentence_and_no_feedback_says_so() -> None:
    page = render_easy_read_html([record([{"said": "Longer hours", "status": "planned"}])], title="Café")
    assert "We plan to do this. We have not started yet." in page
    empty = render_easy_read_html([record([])], title="Café")
    assert "We have no answers to share yet." in empty and 'class="point"' not in empty


@pytest.mark.parametrize("status", list(FeedbackStatus))
def test_every_status_has_a_symbol_a_word_and_a_meaning(status: FeedbackStatus) -> None:
    symbol, word, meaning = STATUS[status]
    assert symbol.strip() and word.strip() and meaning.startswith(word)
