"""What a phone may see of a ladder, scoring or check-in stage: its own answer, and after the
reveal what the projector shows (counts per rung, marks with no names). Never anyone else's answer,
and nothing of the totals before the reveal. Runs on the store's thread; returns plain data."""

from __future__ import annotations

from dataclasses import dataclass, field

from facilitator.domain import checkin as checkins
from facilitator.domain import ladders, scoring
from facilitator.storage.store import Store
from facilitator.web.views import Now, _prompt


@dataclass
class Rung:
    number: int
    name: str
    definition: str
    now: int | None = None  # counts: only after the reveal
    want: int | None = None


@dataclass
class LadderPage:
    prompt: str
    ladder: str
    attribution: str
    rungs: list[Rung]  # highest first
    mine: tuple[int, int] | None
    revealed: bool
    withheld: str = ""  # the sentence shown instead of counts for a small group
    summary: str = ""


def ladder_page(store: Store, state: Now) -> LadderPage:
    stage = state.stage
    assert stage is not None and state.person is not None
    ladder = ladders.ladder_of(stage.settings)
    rungs = [Rung(n, name, ladder.definitions[n - 1]) for n, name in enumerate(ladder.rungs, start=1)][::-1]
    page = LadderPage(_prompt(stage), ladder.name, ladder.attribution, rungs,
                      store.ladder_placement(stage.id, state.person.id), stage.revealed)  # fmt: skip
    if stage.revealed:
        result = store.ladder_result(stage.id)
        if result.withheld:
            page.withheld = ladders.WITHHELD
        else:
            for rung in rungs:
                rung.now, rung.want = result.now[rung.number - 1], result.want[rung.number - 1]
            page.summary = ladders.summary_sentence(ladder, result)
    return page


@dataclass
class ScoreRow:
    candidate: int
    criterion: int
    label: str
    mine: int | None
    marks: str = ""  # after the reveal: "1, 4, 4, 5"
    words: str = ""


@dataclass
class ScorePage:
    prompt: str
    candidates: list[tuple[str, list[ScoreRow]]]
    revealed: bool
    sent: bool
    totals: list[tuple[str, str]] = field(default_factory=list)


def score_page(store: Store, state: Now) -> ScorePage:
    stage = state.stage
    assert stage is not None and state.person is not None
    setup = scoring.setup_of(stage.settings)
    mine = store.marks_of(stage.id, state.person.id)
    summary = store.score_summary(stage.id) if stage.revealed else None
    candidates = []
    for a, name in enumerate(setup.candidates):
        rows = []
        for c, criterion in enumerate(setup.criteria):
            row = ScoreRow(a, c, criterion, mine.get((a, c)))
            if summary is not None:
                cell = summary.cell(a, c)
                row.marks = ", ".join(map(str, cell.marks)) or "none"
                row.words = scoring.spread_words(cell, setup.discuss_spread)
            rows.append(row)
        candidates.append((name, rows))
    page = ScorePage(_prompt(stage), candidates, stage.revealed,
                     sent=len(mine) == len(setup.candidates) * len(setup.criteria))  # fmt: skip
    if summary is not None:
        for a, name in enumerate(setup.candidates):
            total = summary.total(a)
            page.totals.append((name, "not every criterion scored" if total is None else f"{total:.1f} of {summary.most}"))
    return page


@dataclass
class CheckinPage:
    questions: list[tuple[str, str, str | None]]  # (moment, question, this person's own answer)
    colours: tuple[str, ...] = checkins.COLOURS
    meanings: dict[str, str] = field(default_factory=lambda: dict(checkins.COLOUR_MEANINGS))


def checkin_page(store: Store, state: Now) -> CheckinPage:
    stage = state.stage
    assert stage is not None and state.person is not None
    questions = [(checkins.ARRIVING, _prompt(stage), store.checkin_answer(stage.id, state.person.id))]
    if stage.settings.get("leaving"):
        leaving = str(stage.settings.get("leaving_prompt") or "How are you leaving?")
        questions.append((checkins.LEAVING, leaving, store.checkin_answer(stage.id, state.person.id, checkins.LEAVING)))
    return CheckinPage(questions)
