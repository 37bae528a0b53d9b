"""The invitation pack and the recognition sheet as HTML: well-formed HTML5 (html5lib, strict),
language and title set, large print, and people's text shown as text whatever it holds."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import html5lib
import pytest

from facilitator.domain.models import Stage, Workshop
from facilitator.domain.recognition import Owed, Recognition, RecognitionRow, SeriesSettings
from facilitator.outputs.pack import EASY, EASY_KIND, pack_docx, pack_html
from facilitator.outputs.recognition import sheet_html

NS = "{http://www.w3.org/1999/xhtml}"
HOSTILE = [
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">click</a>',
    "&amp; &lt;b&gt; \\ ` * _ [x](javascript:alert(2))",
    "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd right-to-left",
    "\x1b[31mred\x1b[0m and ]]> --> <!--",
    "x" * 10_000,
]


def workshop(text: str, **extra) -> Workshop:
    return Workshop(id=1, uid="u", title=text, purpose=text, date="2027-01-31", place=text, series="S",
                    created_at="2027-01-01T10:00:00+00:00", start_time="10:00", step_free=text,
                    access_notes=text, contact_name=text, contact_details=text, **extra)  # fmt: skip


def stages(text: str) -> list[Stage]:
    return [
        Stage(id=1, workshop_id=1, position=1, kind="welcome", title=text, planned_minutes=15,
              settings={"text": f"Our ground rules:\n- {text}\n- Be kind"}),
        Stage(id=2, workshop_id=1, position=2, kind="ideas", title=text, planned_minutes=45),
    ]  # fmt: skip


def parse(page: str) -> ET.Element:
    # strict: any HTML5 parse error (a stray tag, bad nesting, an unescaped character) raises.
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(page)


def texts(root: ET.Element) -> str:
    return "".join(root.itertext())


@pytest.mark.parametrize("easy_read", [False, True])
@pytest.mark.parametrize("text", HOSTILE)
def test_the_pack_page_is_well_formed_and_shows_hostile_text_as_text(text, easy_read):
    page = pack_html(workshop(text), stages(text), SeriesSettings(series="S", hourly_rate_pence=1500),
                     easy_read=easy_read)  # fmt: skip
    root = parse(page)
    assert root.get("lang") == "en"
    assert texts(root.find(f"{NS}head/{NS}title")).startswith("Invitation: ")
    assert root.findall(f".//{NS}script") == [] and root.findall(f".//{NS}a") == []
    assert len(root.findall(f".//{NS}main")) == 1 and len(root.findall(f".//{NS}h1")) == 1
    shown = texts(root.find(f"{NS}body"))
    if "\x1b" not in text:
        assert text.split("\n")[0] in shown  # exactly what was typed, not markup
    assert "\x1b" not in page


def test_the_pack_page_has_a_real_table_with_column_headers_and_prints_large():
    page = pack_html(workshop("Crisis care"), stages("Welcome"))
    root = parse(page)
    headers = [texts(th) for th in root.findall(f".//{NS}table/{NS}thead/{NS}tr/{NS}th")]
    assert headers == ["Time", "What happens", "What we ask of you"]
    assert all(th.get("scope") == "col" for th in root.findall(f".//{NS}th"))
    cells = [texts(td) for td in root.findall(f".//{NS}tbody/{NS}tr/{NS}td")]
    assert cells[:2] == ["10am to 10:15am", "Welcome"] and cells[3] == "10:15am to 11am"
    assert re.search(r"@media print \{\s*body \{ font-size: (1[6-9]|2\d)pt", page)


def test_the_sheet_page_is_well_formed_with_hostile_names():
    rows = [RecognitionRow(participant_id=n, name=text, forgotten=False, workshop_id=1, workshop=text,
                           date="2027-01-31", series="S", recognition=Recognition(participant_id=n),
                           owed=Owed(90, 2250, 450, 2700), note="", rate=1500, currency="£")
            for n, text in enumerate(HOSTILE)]  # fmt: skip
    root = parse(sheet_html(rows, "S"))
    assert root.findall(f".//{NS}script") == []
    assert texts(root.find(f"{NS}head/{NS}title")) == "Recognising people's time: S"
    assert "<script>alert(1)</script>" in texts(root.find(f"{NS}body"))


def _sentences(text: str) -> list[str]:
    return [part for part in re.split(r"(?<=[.?!:])\s+", text) if part]


def test_every_easy_read_sentence_is_fifteen_words_or_fewer():
    templates = [*EASY.values(), *(line for lines in EASY_KIND.values() for line in lines)]
    long = [s for t in templates for s in _sentences(t.format(time="10am", rate="£15.00")) if len(s.split()) > 15]
    assert long == []


def test_the_easy_read_word_file_is_at_least_16_point():
    import io

    import docx

    document = docx.Document(io.BytesIO(pack_docx(workshop("Crisis care"), stages("Welcome"), easy_read=True)))
    assert document.styles["Normal"].font.size.pt >= 16
    assert all(document.styles[f"Heading {n}"].font.size.pt >= 16 for n in (1, 2))
