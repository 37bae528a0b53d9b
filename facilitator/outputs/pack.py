"""The invitation pack: what people need to know before a workshop, in large print or easy read.

The guidance asks services to tell people in advance what the opportunity is and which kind of
involvement it is, to ask about support needs, and to say how their time will be recognised.
The pack says: the title and date; start, finish and each stage's clock time; the place and its
access; the kind of involvement in plain words; what will happen and what is asked of people; the
ground rules (from the agenda's welcome); how time is recognised; a contact; and "Is there
anything that would help you take part?".

``pack_blocks`` / ``easy_read_blocks`` write it once; ``pack_markdown``, ``pack_html`` and
``pack_docx`` render it (see ``blocks.py``). Pure functions: no clock, no storage, no textual.
"""

from __future__ import annotations

from collections.abc import Sequence

from facilitator.domain.invitation import (
    SUPPORT_QUESTION,
    access_lines,
    ground_rules,
    schedule,
    twelve_hour,
)
from facilitator.domain.involvement import kind_name, plain_definition
from facilitator.domain.models import Involvement, Stage, StageKind, Workshop
from facilitator.domain.recognition import SeriesSettings, effective_rate, format_money
from facilitator.outputs.blocks import Block, Bullets, Heading, Para, Table, to_docx, to_html, to_markdown
from facilitator.outputs.markdown_text import long_date, minutes_words

# What each kind of stage asks of people, in a short plain sentence.
ASKED: dict[StageKind, str] = {
    StageKind.WELCOME: "Meet everyone and agree how we work together.",
    StageKind.BREAK: "Rest, have a drink, or get some air.",
    StageKind.IDEAS: "Share your ideas, as many or as few as you like. You can pass.",
    StageKind.GROUP: "Help put similar ideas together into themes.",
    StageKind.VOTE: "Vote with dots. Everyone has the same number. Votes are secret.",
    StageKind.DECIDE: "Help agree what we will do, and why.",
    StageKind.ACTIONS: "Help agree who does what, and by when.",
    StageKind.FEEDBACK: "Hear what happened to earlier feedback, and say what you think.",
    StageKind.EVALUATE: "Say how the meeting went. Scores are anonymous.",
}

# Being paid can affect benefits: the app gives no advice, and says whom to ask.
ADVISER = ("We cannot give advice about benefits or tax. If you get benefits, please ask your own adviser "
           "before you are paid; you can choose a voucher, or no payment, instead.")

# Easy read: one idea per sentence, no sentence over 15 words (a test checks every one).
EASY_KIND: dict[Involvement, tuple[str, ...]] = {
    Involvement.COLLABORATION: ("This is collaboration.", "Services work together so nobody works alone."),
    Involvement.INVOLVEMENT: ("This is involvement.", "You have your say.", "What you say can change things."),
    Involvement.CO_PRODUCTION: ("This is co-production.", "We work together as equals.", "We decide things together."),
    Involvement.USER_LED: ("This is user-led work.", "People with lived experience lead it.", "Services support it."),
}
EASY = {
    "invited": "You are invited to a meeting.",
    "called": "The meeting is called:",
    "when": "When is it?",
    "starts": "It starts at {time}.",
    "ends": "It ends at {time}.",
    "no_time": "We will tell you the start time.",
    "where": "Where is it?",
    "no_place": "We will tell you the place.",
    "kind": "What kind of meeting is it?",
    "happen": "What will happen?",
    "rules": "Our rules",
    "time": "Your time",
    "paid": "We pay {rate} for each hour of your time.",
    "travel": "We pay for your travel and care costs too.",
    "benefits": "If you get benefits, ask your own adviser first.",
    "choose": "You can choose not to be paid.",
    "contact": "Who can I ask?",
    "help": "Is there anything that would help you take part?",
    "tell": "Please tell us before the meeting.",
    "pass": "You can say pass at any time.",
}


def _timed(workshop: Workshop, stages: Sequence[Stage]):
    ordered = sorted(stages, key=lambda stage: stage.position)
    return schedule(workshop.start_time, [(s.title, s.planned_minutes, s.kind) for s in ordered])


def _access(workshop: Workshop) -> list[str]:
    return access_lines(workshop.model_dump(include={"step_free", "hearing_loop", "quiet_room", "bus_stop",
                                                     "access_notes"}))  # fmt: skip


def _contact(workshop: Workshop) -> str:
    return ", ".join(part for part in (workshop.contact_name, workshop.contact_details) if part)


def _rate_sentence(workshop: Workshop, series: SeriesSettings | None) -> str:
    """How time is recognised: the workshop's own words, or the rate from the workshop or series."""
    if workshop.time_recognised:
        return workshop.time_recognised
    rate = effective_rate(workshop.hourly_rate_pence, series.hourly_rate_pence if series else None)
    if not rate:
        return ""
    currency = series.currency if series else "\u00a3"
    rounding = series.rounding_minutes if series else 30
    counted = f", counted up to the next {minutes_words(rounding)}" if rounding > 1 else ""
    return (f"We pay {format_money(rate, currency)} an hour for your time{counted}, and your travel and care "
            "costs. You can choose a voucher instead, give it to a cause, or say no thank you.")  # fmt: skip


def pack_title(workshop: Workshop) -> str:
    return f"Invitation: {workshop.title}"


def pack_blocks(workshop: Workshop, stages: Sequence[Stage], series: SeriesSettings | None = None) -> list[Block]:
    timed = _timed(workshop, stages)
    total = sum(stage.minutes for stage in timed)
    title = workshop.title
    blocks: list[Block] = [Para(f"You are invited to {title}" + ("" if title.endswith((".", "?", "!")) else "."))]
    blocks += [Para(part) for part in workshop.purpose.split("\n\n") if part.strip()]
    blocks += [Heading("When"), Para(long_date(workshop.date))]
    if workshop.start_time and timed:
        blocks.append(Para(f"From {twelve_hour(timed[0].starts)} to {twelve_hour(timed[-1].ends)} "
                           f"({minutes_words(total)}, with breaks)."))  # fmt: skip
    else:
        blocks.append(Para(f"The start time will be confirmed. It lasts about {minutes_words(total)}."))
    blocks += [Heading("Where"), Para(workshop.place or "The place will be confirmed.")]
    access = _access(workshop)
    blocks += [Para("Access:"), Bullets(tuple(access))] if access else [Para("Ask us about access to the place.")]
    blocks += [
        Heading(f"What kind of involvement this is: {kind_name(workshop.involvement).lower()}"),
        Para(plain_definition(workshop.involvement)),
        Heading("What will happen"),
        Table(
            "The plan for the day",
            ("Time", "What happens", "What we ask of you"),
            tuple((_when(stage), stage.title, ASKED.get(StageKind(stage.kind), "")) for stage in timed),
        ),
        Heading("What we ask of you"),
        Bullets((
            "Come as you are. Your experience is what matters, not a job title.",
            "Share as much or as little as you like. You can pass at any time.",
            "Take a break whenever you need one.",
        )),
    ]
    rules = ground_rules([stage.settings for stage in sorted(stages, key=lambda s: s.position)])
    if rules:
        blocks += [Heading("Ground rules"), Bullets(tuple(rules))]
    blocks.append(Heading("Your time"))
    sentence = _rate_sentence(workshop, series)
    blocks.append(Para(sentence or "Ask us how your time will be recognised."))
    blocks.append(Para(ADVISER))
    blocks += [Heading("Contact"), Para(_contact(workshop) or "Ask the person who invited you.")]
    blocks += [
        Heading(SUPPORT_QUESTION),
        Para("For example large print, a quiet space, a support worker or carer with you, help with "
             "travel, or more breaks. Tell us before the day; you do not need to say why."),
    ]  # fmt: skip
    return blocks


def _when(stage) -> str:
    return f"{twelve_hour(stage.starts)} to {twelve_hour(stage.ends)}" if stage.starts else minutes_words(stage.minutes)


def easy_read_blocks(workshop: Workshop, stages: Sequence[Stage], series: SeriesSettings | None = None) -> list[Block]:
    timed = _timed(workshop, stages)
    blocks: list[Block] = [Para(EASY["invited"]), Para(EASY["called"]), Para(workshop.title, strong=True)]
    blocks += [Heading(EASY["when"]), Para(long_date(workshop.date))]
    if workshop.start_time and timed:
        blocks += [Para(EASY["starts"].format(time=twelve_hour(timed[0].starts))),
                   Para(EASY["ends"].format(time=twelve_hour(timed[-1].ends)))]  # fmt: skip
    else:
        blocks.append(Para(EASY["no_time"]))
    blocks += [Heading(EASY["where"]), Para(workshop.place or EASY["no_place"])]
    access = _access(workshop)
    if access:
        blocks.append(Bullets(tuple(access)))
    blocks += [Heading(EASY["kind"]), *(Para(line) for line in EASY_KIND[Involvement(workshop.involvement)])]
    blocks += [Heading(EASY["happen"]), Bullets(tuple(
        f"{twelve_hour(stage.starts)}: {stage.title}" if stage.starts else stage.title for stage in timed
    )), Para(EASY["pass"])]  # fmt: skip
    rules = ground_rules([stage.settings for stage in sorted(stages, key=lambda s: s.position)])
    if rules:
        blocks += [Heading(EASY["rules"]), Bullets(tuple(rules))]
    rate = effective_rate(workshop.hourly_rate_pence, series.hourly_rate_pence if series else None)
    blocks.append(Heading(EASY["time"]))
    if workshop.time_recognised:
        blocks.append(Para(workshop.time_recognised))
    elif rate:
        currency = series.currency if series else "\u00a3"
        blocks += [Para(EASY["paid"].format(rate=format_money(rate, currency))), Para(EASY["travel"]),
                   Para(EASY["choose"])]  # fmt: skip
    blocks.append(Para(EASY["benefits"]))
    blocks += [Heading(EASY["contact"]), Para(_contact(workshop) or "Ask the person who invited you.")]
    blocks += [Heading(EASY["help"]), Para(EASY["tell"])]
    return blocks


def _blocks(workshop, stages, series, easy_read):
    return (easy_read_blocks if easy_read else pack_blocks)(workshop, stages, series)


def pack_markdown(workshop: Workshop, stages: Sequence[Stage], series: SeriesSettings | None = None, *,
                  easy_read: bool = False) -> str:  # fmt: skip
    return to_markdown(pack_title(workshop), _blocks(workshop, stages, series, easy_read))


def pack_html(workshop: Workshop, stages: Sequence[Stage], series: SeriesSettings | None = None, *,
              easy_read: bool = False) -> str:  # fmt: skip
    """The pack as one standalone, printable page in large type (larger still for easy read)."""
    return to_html(pack_title(workshop), _blocks(workshop, stages, series, easy_read), easy_read=easy_read)


def pack_docx(workshop: Workshop, stages: Sequence[Stage], series: SeriesSettings | None = None, *,
              easy_read: bool = False) -> bytes:  # fmt: skip
    """The pack as a Word file in large print (16 pt body and up)."""
    return to_docx(pack_title(workshop), _blocks(workshop, stages, series, easy_read), large_print=True)


RENDERERS = {"md": pack_markdown, "html": pack_html, "docx": pack_docx}
