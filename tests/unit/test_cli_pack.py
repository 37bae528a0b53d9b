"""The command line for the invitation pack and for recognising people's time."""

from __future__ import annotations

import csv
import io
import stat
from pathlib import Path

import docx
import pytest

pytestmark = pytest.mark.usefixtures("private_home")


@pytest.fixture
def db(tmp_path: Path, facilitator) -> Path:
    path = tmp_path / "f.db"
    made = facilitator("--db", path, "new", "coproduction-workshop", "--title", "Crisis care", "--series", "Crisis",
                       "--place", "Community room", "--start", "10am", "--step-free", "yes", "--contact", "Sam",
                       "--contact-details", "sam@example.org")  # fmt: skip
    assert made.exit_code == 0, made.output
    from facilitator.storage.store import open_store

    store = open_store(path)
    for name in ("Jo Bennett", "=HYPERLINK(\"http://x\")", "Ali"):
        store.add_participant(1, name)
    store.close()
    return path


def test_the_pack_says_when_where_and_what_is_asked(db, facilitator):
    result = facilitator("--db", db, "pack", "1")
    assert result.exit_code == 0, result.output
    text = result.output
    for expected in ("From 10am to 12:30pm", "Step-free access: yes", "Co-production means",
                     "| 11:05am to 11:25am | Themes |", "Respect each other", "Sam, sam@example.org",
                     "Is there anything that would help you take part?", "ask your own adviser"):
        assert expected in text


def test_edit_changes_the_start_and_every_stage_moves_with_it(db, facilitator):
    assert facilitator("--db", db, "edit", "1", "--start", "13:30", "--quiet-room", "Room 2").exit_code == 0
    text = facilitator("--db", db, "pack", "1").output
    assert "From 1:30pm to 4pm" in text and "Quiet room: Room 2" in text
    bad = facilitator("--db", db, "edit", "1", "--start", "25:00")
    assert bad.exit_code == 1
    assert bad.output.strip() == 'Error: The start time must be a time of day such as 10:00 or 2pm, not \u201c25:00\u201d.'
    assert facilitator("--db", db, "edit", "1").exit_code == 1


def test_the_word_pack_is_large_print_private_and_titled(db, facilitator, tmp_path):
    out = tmp_path / "pack.docx"
    result = facilitator("--db", db, "pack", "1", "--format", "docx", "--easy-read", "-o", out)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    document = docx.Document(str(out))
    assert document.core_properties.title == "Invitation: Crisis care"
    assert document.styles["Normal"].font.size.pt >= 16
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "When is it?" in headings and "Is there anything that would help you take part?" in headings
    assert facilitator("--db", db, "pack", "1", "--format", "docx").exit_code == 1  # not to the screen


def test_recognise_and_the_finance_sheet_round_trip_in_a_spreadsheet(db, facilitator, tmp_path):
    assert facilitator("--db", db, "series-rate", "Crisis", "--rate", "15", "--rounding", "30").exit_code == 0
    result = facilitator("--db", db, "recognise", "1", "jo bennett", "--paid", "--travel", "4.50", "--care", "12")
    assert result.exit_code == 0, result.output
    assert "2.5 hours, total £54.00" in result.output
    assert facilitator("--db", db, "recognise", "1", "Ali", "--donated", "Mind").exit_code == 0
    assert facilitator("--db", db, "recognise", "1", "2", "--voucher", "--amount", "25").exit_code == 0  # by number
    out = tmp_path / "sheet.csv"
    assert facilitator("--db", db, "recognition", "--series", "Crisis", "--format", "csv", "-o", out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8-sig"))))
    by_name = {row["Name"]: row for row in rows}
    assert by_name["Jo Bennett"]["Total"] == "54.00" and by_name["Jo Bennett"]["Expenses"] == "16.50"
    assert by_name["Ali"]["Recognition"] == "Donated to Mind" and by_name["Ali"]["Amount"] == "37.50"
    assert by_name["'=HYPERLINK(\"http://x\")"]["Amount"] == "25.00"  # a formula is never live


def test_recognise_errors_are_one_sentence_and_record_nothing(db, facilitator):
    cases = [(("1", "Nobody", "--paid"), "nobody called Nobody"),
             (("1", "Ali", "--paid", "--travel", "-3"), "travel cost must be an amount"),
             (("1", "Ali"), "Say how their time is recognised"),
             (("9", "Ali", "--paid"), "no workshop with id 9")]  # fmt: skip
    for args, words in cases:
        result = facilitator("--db", db, "recognise", *args)
        assert result.exit_code == 1 and words in result.output and "Traceback" not in result.output
    assert "Ali" not in facilitator("--db", db, "recognition").output


def test_letters_are_written_one_per_person_into_a_private_folder(db, facilitator, tmp_path):
    facilitator("--db", db, "recognise", "1", "Jo Bennett", "--declined", "--travel", "3")
    folder = tmp_path / "letters"
    result = facilitator("--db", db, "recognition", "--format", "docx", "-o", tmp_path / "s.docx", "--letters", folder)
    assert result.exit_code == 0, result.output
    (letter,) = folder.iterdir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(letter.stat().st_mode) == 0o600
    text = "\n".join(p.text for p in docx.Document(str(letter)).paragraphs)
    assert "Dear Jo Bennett," in text and "you chose not to be paid" in text and "£3.00 for your expenses" in text


def test_the_demo_has_a_pack_to_send_and_a_sheet_for_finance(facilitator, tmp_path):
    db = tmp_path / "demo.db"
    assert facilitator("--db", db, "demo", "--no-open").exit_code == 0
    out = tmp_path / "pack.docx"
    assert facilitator("--db", db, "pack", "1", "--format", "docx", "-o", out).exit_code == 0
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "From 10am to 12:30pm" in text and "Hearing loop: yes, in the community room" in text
    assert "We pay £25.00 an hour" in text and "Priya Shah" in text
    sheet = facilitator("--db", db, "recognition", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(sheet.output.lstrip("\ufeff"))))
    derek = next(row for row in rows if row["Name"] == "Derek Mensah")
    assert derek["Hours"] == "1.5"  # he left at the break: his own time, not the whole session
    assert {row["Recognition"] for row in rows} >= {"Paid", "Voucher", "Declined", "Donated to Mind"}


def test_a_sheet_with_paid_time_and_no_rate_says_so_on_stderr_and_in_its_notes(db, facilitator, tmp_path):
    result = facilitator("--db", db, "recognise", "1", "Jo Bennett", "--paid", "--travel", "2")
    assert result.exit_code == 0 and "total £2.00" in result.stdout
    sentence = "No hourly rate is set for Crisis: time is counted as 0.00. Set one with facilitator series-rate."
    assert result.stderr.strip() == sentence
    out = tmp_path / "sheet.csv"
    sheet = facilitator("--db", db, "recognition", "--format", "csv", "-o", out)
    assert sheet.exit_code == 0 and sheet.stderr.strip() == sentence
    (row,) = csv.DictReader(io.StringIO(out.read_text("utf-8-sig")))
    assert row["Amount"] == "0.00" and "no hourly rate is set" in row["Note"]
    # Once a rate is set, nothing is said and the time is paid.
    facilitator("--db", db, "series-rate", "Crisis", "--rate", "15")
    again = facilitator("--db", db, "recognition", "--format", "csv")
    assert again.stderr == "" and "no hourly rate" not in again.stdout and "37.50" in again.stdout
