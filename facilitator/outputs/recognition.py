"""Recognising people's time: the sheet for finance, and a thank-you letter for each person.

One row per person per workshop: name, workshop, date, hours, recognition, amount, expenses,
total. Private: written only when asked for, 0600, never part of the minutes or an export
without --include-private. The wording records choices and gives no advice about benefits
(``BENEFITS_NOTE``: ask your own adviser). Pure functions of ``RecognitionRow``; no storage.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from facilitator.domain.recognition import (
    BENEFITS_NOTE,
    RecognitionKind,
    RecognitionRow,
    describe,
    format_money,
    hours_text,
    plain_amount,
)
from facilitator.outputs.blocks import Block, Para, Table, to_docx, to_html, to_markdown
from facilitator.outputs.csv_sheet import csv_text
from facilitator.outputs.markdown_text import long_date

HEADERS = ("Name", "Workshop", "Date", "Hours", "Recognition", "Amount", "Expenses", "Total")
# The CSV adds the parts of the expenses and the notes, for whoever pays them.
CSV_HEADERS = (*HEADERS, "Travel", "Care costs", "Other costs", "Other costs note", "Note")


def sheet_title(series: str | None) -> str:
    return f"Recognising people's time: {series}" if series else "Recognising people's time"


def _cells(row: RecognitionRow) -> tuple[str, ...]:
    money = row.owed
    return (row.shown_name, row.workshop, row.date, hours_text(money.minutes), describe(row.recognition),
            format_money(money.amount, row.currency), format_money(money.expenses, row.currency),
            format_money(money.total, row.currency))  # fmt: skip


def _totals(rows: Sequence[RecognitionRow]) -> tuple[str, ...]:
    currency = rows[0].currency if rows else "\u00a3"
    return ("Total", f"{len({r.participant_id for r in rows})} people", "", "",
            "", format_money(sum(r.owed.amount for r in rows), currency),
            format_money(sum(r.owed.expenses for r in rows), currency),
            format_money(sum(r.owed.total for r in rows), currency))  # fmt: skip


def sheet_blocks(rows: Sequence[RecognitionRow]) -> list[Block]:
    notes = [f"{r.shown_name}, {r.workshop}: {r.note}." for r in rows if r.note]
    blocks: list[Block] = [
        Para("One row per person per workshop. Hours are rounded up as the series says. Expenses are "
             "travel, care and other costs."),
        Para(BENEFITS_NOTE),
        Table("Who is owed what", HEADERS, (*(_cells(r) for r in rows), _totals(rows)), right=(3, 5, 6, 7)),
    ]
    if notes:
        blocks.append(Para("Notes:\n" + "\n".join(notes)))
    return blocks


def sheet_csv(rows: Sequence[RecognitionRow]) -> str:
    """For a spreadsheet: amounts as plain numbers (12.50), hours as numbers, formulas made inert."""
    body = []
    for row in rows:
        money, given = row.owed, row.recognition
        body.append((row.shown_name, row.workshop, row.date, hours_text(money.minutes), describe(given),
                     plain_amount(money.amount), plain_amount(money.expenses), plain_amount(money.total),
                     plain_amount(given.travel_pence), plain_amount(given.care_pence),
                     plain_amount(given.other_pence), given.other_note, row.note))  # fmt: skip
    return csv_text(CSV_HEADERS, body)


def sheet_markdown(rows: Sequence[RecognitionRow], series: str | None = None) -> str:
    return to_markdown(sheet_title(series), sheet_blocks(rows))


def sheet_html(rows: Sequence[RecognitionRow], series: str | None = None) -> str:
    return to_html(sheet_title(series), sheet_blocks(rows))


def sheet_docx(rows: Sequence[RecognitionRow], series: str | None = None) -> bytes:
    return to_docx(sheet_title(series), sheet_blocks(rows), large_print=False)


SHEETS = {"csv": sheet_csv, "md": sheet_markdown, "html": sheet_html, "docx": sheet_docx}


# --- thank-you letters ------------------------------------------------------------------------------


def letter_blocks(name: str, rows: Sequence[RecognitionRow]) -> list[Block]:
    """A short letter to one person: thank you, the workshops, and what they chose."""
    blocks: list[Block] = [
        Para(f"Dear {name},"),
        Para("Thank you for giving your time and your experience. What you said helps make services "
             "better, and we will tell you what happens next."),
    ]
    lines = []
    for row in rows:
        money, given = row.owed, row.recognition
        when = f"{row.workshop} on {long_date(row.date)} ({hours_text(money.minutes)} hours)"
        if given.kind == RecognitionKind.DECLINED:
            what = "you chose not to be paid"
        elif given.kind == RecognitionKind.DONATED:
            what = f"{format_money(money.amount, row.currency)} is donated to {given.donated_to or 'the cause you chose'}"
        elif given.kind == RecognitionKind.VOUCHER:
            what = f"a voucher worth {format_money(money.amount, row.currency)}"
        else:
            what = f"{format_money(money.amount, row.currency)} for your time"
        if money.expenses:
            what += f", and {format_money(money.expenses, row.currency)} for your expenses"
        lines.append(f"{when}: {what}.")
    blocks += [Para("\n".join(lines)), Para(BENEFITS_NOTE), Para("With thanks,")]
    return blocks


def letter_docx(name: str, rows: Sequence[RecognitionRow]) -> bytes:
    return to_docx(f"Thank you, {name}", letter_blocks(name, rows), large_print=True)


def write_letters(rows: Sequence[RecognitionRow], folder: Path) -> int:
    """One Word letter per person (by name; forgotten people get none), into ``folder`` (made 0700),
    each 0600. Returns how many were written."""
    from facilitator.outputs.files import make_private_folder, write_atomically

    people: dict[str, list] = defaultdict(list)
    for row in rows:
        if not row.forgotten and row.name:
            people[row.name.casefold()].append(row)
    make_private_folder(folder)
    used: set[str] = set()
    for group in people.values():
        slug = re.sub(r"\W+", "-", group[0].name.casefold()).strip("-")[:40] or "person"
        name, number = slug, 2
        while name in used:
            name, number = f"{slug}-{number}", number + 1
        used.add(name)
        write_atomically(folder / f"thank-you-{name}.docx", letter_docx(group[0].name, group), "letter")
    return len(people)
