"""Golden files for the invitation pack (Markdown, easy read, the Word file's text) and the
recognition sheet (CSV), from a fixed workshop made from the shipped co-production agenda.

After a deliberate change, regenerate them with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_pack_golden.py`` and read the diff.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest

from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
from facilitator.domain.models import Stage, Workshop
from facilitator.domain.recognition import Recognition, RecognitionRow, SeriesSettings, minutes_in_room, owed
from facilitator.outputs.pack import pack_docx, pack_markdown
from facilitator.outputs.recognition import sheet_csv

GOLDEN = Path(__file__).parent / "golden"
WORKSHOP = Workshop(
    id=1, uid="golden", title="Designing the crisis sanctuary", purpose="Design the sanctuary together.",
    date="2027-01-30", place="Community room, Riverside Library", series="Crisis sanctuary",
    created_at="2027-01-01T10:00:00+00:00", start_time="10:00", step_free="yes", hearing_loop="yes",
    quiet_room="the reading room", bus_stop="Riverside Library (routes 7 and 12)",
    access_notes="Accessible toilet on the ground floor.", contact_name="Priya Shah",
    contact_details="07700 900461",
)  # fmt: skip
SERIES = SeriesSettings(series="Crisis sanctuary", hourly_rate_pence=2500, rounding_minutes=30)


def stages() -> list[Stage]:
    planned = stages_from_agenda(load_agenda_file(find_agenda("coproduction-workshop")))
    return [Stage(id=n, workshop_id=1, position=n, kind=s["kind"], title=s["title"], planned_minutes=s["minutes"],
                  settings=s["settings"]) for n, s in enumerate(planned, 1)]  # fmt: skip


def rows() -> list[RecognitionRow]:
    made = []
    people = [("Maya Okafor", "paid", "", 450, 0, ("2027-01-30T09:50:00+00:00", "2027-01-30T12:31:00+00:00")),
              ("Derek Mensah", "paid", "", 380, 0, ("2027-01-30T09:55:00+00:00", "2027-01-30T11:05:00+00:00")),
              ("Grace Whitfield", "donated", "Mind", 320, 0, (None, None)),
              ("Kwame Asante", "declined", "", 320, 0, ("22:30", "00:15")),
              ("=Tom Reilly", "voucher", "", 0, 2400, ("2027-01-30T12:00:00+00:00", "2027-01-30T10:00:00+00:00"))]
    for number, (name, kind, cause, travel, care, (arrived, left)) in enumerate(people, 1):
        given = Recognition(participant_id=number, kind=kind, donated_to=cause, travel_pence=travel, care_pence=care)
        room = minutes_in_room(arrived, left, session_minutes=150)
        made.append(RecognitionRow(participant_id=number, name=name, forgotten=False, workshop_id=1,
                                   workshop=WORKSHOP.title, date=WORKSHOP.date, series=WORKSHOP.series,
                                   recognition=given, owed=owed(given, room.minutes, hourly_rate_pence=2500, rounding=30),
                                   note=room.note, rate=2500, currency="£"))  # fmt: skip
    return made


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    lines = [f"[{p.style.name}] {p.text}" for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines) + "\n"


OUTPUTS = {
    "pack.md": lambda: pack_markdown(WORKSHOP, stages(), SERIES),
    "pack_easy_read.md": lambda: pack_markdown(WORKSHOP, stages(), SERIES, easy_read=True),
    "pack_docx.txt": lambda: docx_text(pack_docx(WORKSHOP, stages(), SERIES)),
    "recognition.csv": lambda: sheet_csv(rows()),
}


@pytest.mark.parametrize("name", list(OUTPUTS))
def test_output_matches_its_golden_file(name: str) -> None:
    text = OUTPUTS[name]()
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(text.encode("utf-8"))
    assert text == path.read_bytes().decode("utf-8")
