"""The minutes: what a reader sees, whose names appear, what stays private, and that user text
stays literal text in Markdown and HTML.

The golden file ``golden/minutes_small.md`` is the whole Markdown for ``small_record()``. After a
deliberate change to the minutes, regenerate it with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_minutes.py`` and read the diff.
"""

from __future__ import annotations

import os
import random
import re
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from facilitator.domain.attribution import display_name, speaker
from facilitator.outputs.minutes import render_html, render_markdown
from facilitator.outputs.minutes_index import SMALL_GROUP_NOTE
from facilitator.domain.record import ParticipantPart, WorkshopRecord
from facilitator.domain.text import strip_controls

GOLDEN = Path(__file__).parent / "golden" / "minutes_small.md"
T = "2025-03-04T{}:00+00:00"  # fixed times on the workshop day


def at(hhmm: str) -> str:
    return T.format(hhmm)


# -- the small fixed record -----------------------------------------------------------------------


def person(pid: int, name: str, perspectives: list[str], attribution: str, **extra: Any) -> dict[str, Any]:
    return {"id": pid, "name": name, "perspectives": perspectives, "attribution": attribution,
            "arrived_at": at("09:55"), **extra}  # fmt: skip


def small_record_data() -> dict[str, Any]:
    people = [
        person(1, "Aisha Khan", ["lived experience"], "named", support_needs="Needs step-free access"),
        person(2, "Ben Carter", ["carer"], "perspective", support_needs="Large print handouts"),
        person(3, "Chloe Evans", ["staff"], "anonymous"),
        person(4, "Dev Patel", ["commissioner", "staff"], "named"),
        person(5, "Erin Walsh", ["lived experience", "carer"], "perspective"),
        person(6, "", ["lived experience"], "anonymous", forgotten=True),
        person(7, "Gail Hughes", ["other"], "perspective", arrived_at=None),
    ]
    stages = [
        {"id": 1, "position": 1, "kind": "welcome", "title": "Welcome and ground rules", "planned_minutes": 10,
         "started_at": at("10:00"), "ended_at": at("10:12"), "timer_status": "done",
         "events": [{"at": at("10:00"), "event": "start"}, {"at": at("10:10"), "event": "overran"},
                    {"at": at("10:12"), "event": "overrun", "seconds": 120.0},
                    {"at": at("10:12"), "event": "end", "seconds": -120.0}]},
        {"id": 2, "position": 2, "kind": "ideas", "title": "What would make the crisis service feel safer?",
         "planned_minutes": 20, "started_at": at("10:12"), "ended_at": at("10:37"), "timer_status": "done",
         "events": [{"at": at("10:30"), "event": "extend", "seconds": 300.0}]},
        {"id": 3, "position": 3, "kind": "group", "title": "Group the ideas", "planned_minutes": 15,
         "started_at": at("10:37"), "ended_at": at("10:50"), "timer_status": "done"},
        {"id": 4, "position": 4, "kind": "vote", "title": "Vote on the themes", "planned_minutes": 10,
         "settings": {"secret": True, "max_per_candidate": 2}, "vote_budget": 4, "revealed": True,
         "started_at": at("10:50"), "ended_at": at("11:00"), "timer_status": "done"},
        {"id": 5, "position": 5, "kind": "vote", "title": "Show of dots", "planned_minutes": 5,
         "settings": {"secret": False}, "vote_budget": 1, "revealed": True,
         "started_at": at("11:00"), "ended_at": at("11:05"), "timer_status": "done"},
        {"id": 6, "position": 6, "kind": "vote", "title": "Second secret vote", "planned_minutes": 5,
         "settings": {"secret": True}, "vote_budget": 2, "revealed": False,
         "started_at": at("11:05"), "ended_at": at("11:10"), "timer_status": "done"},
        {"id": 7, "position": 7, "kind": "decide", "title": "Agree what we will do", "planned_minutes": 20,
         "started_at": at("11:10"), "timer_status": "running"},
        {"id": 8, "position": 8, "kind": "evaluate", "title": "Five Values check-out", "planned_minutes": 10},
    ]
    themes = [
        {"id": 1, "stage_id": 3, "name": "Quiet spaces", "position": 1},
        {"id": 2, "stage_id": 3, "name": "Peer support", "position": 2},
        {"id": 3, "stage_id": 3, "name": "Nothing in here", "position": 3},
    ]

    def idea(iid: int, text: str, said_by: int | None, theme: int | None, **extra: Any) -> dict[str, Any]:
        return {"id": iid, "stage_id": 2, "text": text, "said_by": said_by, "theme_id": theme,
                "typed_by": "Nora Notetaker", "created_at": at(f"10:{14 + iid}"), **extra}  # fmt: skip

    ideas = [
        idea(1, "A quiet room away from the waiting area", 1, 1),
        idea(2, "Peer workers on every shift", 2, 2),
        idea(3, "Somewhere to charge your phone", 3, None),
        idea(4, "Dimmer lights at night", None, 1, anonymous=True),
        idea(5, "An idea that was taken back", 1, None, withdrawn=True),
        idea(6, "A phone line\nthat answers at night", 6, 2),
        idea(7, "Carers told when someone is discharged", 5, None),
        idea(8, "Fund peer support for two years", 4, 2),
    ]

    def dots(stage: int, kind: str, cid: int, count: int, pid: int | None = None) -> list[dict[str, Any]]:
        return [{"stage_id": stage, "participant_id": pid, "candidate_kind": kind, "candidate_id": cid}] * count

    all_dots = (
        dots(4, "theme", 1, 5) + dots(4, "theme", 2, 5) + dots(4, "idea", 3, 2) + dots(4, "idea", 7, 1)
        + dots(5, "theme", 2, 1, 1) + dots(5, "theme", 2, 1, 2) + dots(5, "theme", 2, 1, 4)
        + dots(5, "theme", 1, 1, 3) + dots(5, "idea", 7, 1, 5)
        + dots(6, "theme", 1, 4) + dots(6, "idea", 3, 3)
    )  # fmt: skip
    decisions = [
        {"id": 1, "uid": "d1-quiet-room", "stage_id": 7, "statement": "Open a quiet room by June",
         "rationale": "It had the most dots.\nEveryone present could accept it.", "method": "consensus",
         "decided_by": "The whole group", "present": [1, 2, 3, 4, 5, 6], "status": "agreed",
         "review_date": "2025-09-01", "created_at": at("11:15"), "theme_ids": [1], "idea_ids": [1],
         "supersedes_uid": "0ld4c0de-from-2024",
         "dissent": [{"participant_id": 2, "text": "Worried there are not enough staff to keep it open"},
                     {"participant_id": None, "text": "Not sure people will use it"}]},
        {"id": 2, "uid": "d2-peer-nights", "stage_id": 7, "statement": "Peer workers on night shifts",
         "method": "vote", "present": [1, 4], "status": "superseded", "superseded_by_uid": "d3-peer-every",
         "created_at": at("11:20")},
        {"id": 3, "uid": "d3-peer-every", "stage_id": 7, "statement": "Peer workers on every shift from April",
         "rationale": "Carers asked for it on every shift.", "method": "delegated",
         "decided_by": "Service manager", "status": "deferred", "supersedes_uid": "d2-peer-nights",
         "created_at": at("11:25"), "theme_ids": [2]},
    ]
    actions = [
        {"id": 1, "decision_id": 1, "what": "Find a room", "owner_participant_id": 4,
         "due_date": "2025-04-01", "status": "in progress", "created_at": at("11:30")},
        {"id": 2, "what": "Ask carers about discharge letters", "owner_participant_id": 2,
         "status": "open", "created_at": at("11:31")},
        {"id": 3, "decision_id": 3, "what": "Write to the commissioners", "owner_text": "Service manager",
         "due_date": "2025-03-31", "status": "done", "created_at": at("11:32")},
    ]
    feedback = [
        {"id": 1, "said": "The waiting room is too loud", "done": "A quiet room was agreed (decision 1)",
         "status": "done"},
        {"id": 2, "said": "Free parking for visitors", "status": "not possible",
         "reason": "The car park belongs to the hospital trust, not the service."},
        {"id": 3, "said": "Longer phone hours", "done": "Talking to the phone provider",
         "status": "in progress", "source_workshop_uid": "earlier-workshop"},
    ]
    scores = [("Empathy", 4), ("Empathy", 5), ("Empathy", 3), ("Inclusion", 5), ("Inclusion", 4),
              ("Honesty", 2), ("Working Together", 3), ("Working Together", 4), ("Being listened to", 5)]
    return {
        "workshop": {"uid": "w-small", "title": "Crisis service review", "date": "2025-03-04",
                     "place": "Community room, Mill Street", "purpose": "Hear what would make the crisis\n"
                     "service feel safer, and agree what to change first.", "involvement": "co-production",
                     "status": "in progress", "current_stage_id": 7, "created_at": at("09:00")},
        "participants": people, "stages": stages, "themes": themes, "ideas": ideas, "dots": all_dots,
        "decisions": decisions, "actions": actions, "feedback": feedback,
        "values_scores": [{"stage_id": 8, "value": v, "score": s} for v, s in scores],
    }  # fmt: skip


def small_record() -> WorkshopRecord:
    return WorkshopRecord.model_validate(small_record_data())


def section(markdown: str, heading: str) -> str:
    """The text of one ``## heading`` section."""
    start = markdown.index(f"## {heading}\n")
    end = markdown.find("\n## ", start + 1)
    return markdown[start : end if end != -1 else None]


# -- golden ----------------------------------------------------------------------------------------


def test_small_record_matches_the_golden_minutes() -> None:
    markdown = render_markdown(small_record())
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(markdown, encoding="utf-8")
    assert markdown == GOLDEN.read_text(encoding="utf-8")


def test_the_same_record_always_gives_the_same_bytes_whatever_its_order() -> None:
    data = small_record_data()
    shuffled = dict(data)
    for key in ("participants", "stages", "themes", "ideas", "dots", "decisions", "actions", "feedback"):
        shuffled[key] = list(reversed(data[key]))
    record = small_record()
    assert render_markdown(record) == render_markdown(record)
    assert render_html(record) == render_html(record)
    assert render_markdown(WorkshopRecord.model_validate(shuffled)) == render_markdown(record)


# -- the heading and the agenda --------------------------------------------------------------------


def test_heading_says_plainly_what_kind_of_involvement_it_was() -> None:
    markdown = render_markdown(small_record())
    assert markdown.startswith("# Minutes: Crisis service review\n")
    assert "Tuesday 4 March 2025" in markdown
    assert "This was a co-production workshop" in markdown
    data = small_record_data()
    data["workshop"]["involvement"] = "involvement"
    assert "This was an involvement workshop" in render_markdown(WorkshopRecord.model_validate(data))


def test_agenda_shows_planned_and_actual_times_and_overruns() -> None:
    agenda = section(render_markdown(small_record()), "The agenda")
    assert "| 1 | Welcome and ground rules | 10 minutes | 12 minutes | 10:00 | 10:12 | Ran over by 2 minutes |" in agenda
    assert "| 20 minutes | 25 minutes | 10:12 | 10:37 | 5 minutes added |" in agenda
    assert "| 11:10 | - | In progress |" in agenda
    assert "| 10 minutes | - | - | - | Not started |" in agenda


# -- attribution -----------------------------------------------------------------------------------


def test_each_person_appears_only_as_they_chose() -> None:
    markdown = render_markdown(small_record())
    ideas = section(markdown, "Ideas")
    assert "- A quiet room away from the waiting area \u2014 Aisha Khan" in ideas  # named
    # Perspective only: but Ben is one of two carers, so "a carer" would point at him.
    assert "- Peer workers on every shift \u2014 a participant" in ideas
    assert "- Somewhere to charge your phone \u2014 a participant" in ideas  # anonymous preference
    assert "- Dimmer lights at night \u2014 anonymous" in ideas  # an anonymous idea
    assert "at night \u2014 a participant" in ideas  # forgotten
    assert "discharged \u2014 a person with lived experience" in ideas  # three of them; carers too few
    for hidden in ("Ben Carter", "Chloe Evans", "Erin Walsh", "Gail Hughes", "Nora Notetaker"):
        assert hidden not in markdown
    assert "Who will do it" in markdown and "| Find a room | Dev Patel |" in markdown
    assert "| Ask carers about discharge letters | a participant |" in markdown
    assert "  - a participant: Worried there are not enough staff" in markdown
    assert "a carer" not in markdown
    assert "  - a participant: Not sure people will use it" in markdown


def test_withdrawn_ideas_are_left_out() -> None:
    markdown = render_markdown(small_record())
    assert "taken back" not in markdown
    assert "1 idea was withdrawn and is left out." in markdown


def test_display_name_follows_the_preference() -> None:
    def part(attribution: str, perspectives: list[str], **extra: Any) -> ParticipantPart:
        return ParticipantPart(id=1, name="Sam Jones", perspectives=perspectives, attribution=attribution, **extra)

    assert display_name(part("named", ["carer"])) == "Sam Jones"
    assert display_name(part("perspective", ["carer"])) == "a carer"
    assert display_name(part("perspective", ["staff", "lived experience"])) == (
        "a person with lived experience and a member of staff"
    )
    assert display_name(part("perspective", ["commissioner"])) == "a commissioner"
    assert display_name(part("perspective", ["other"])) == "a participant"
    assert display_name(part("perspective", [])) == "a participant"
    assert display_name(part("perspective", ["carer"]), perspectives_fallback=False) == "a participant"
    assert display_name(part("anonymous", ["carer"])) == "a participant"
    assert display_name(part("named", ["carer"], forgotten=True)) == "a participant"
    assert display_name(None) == "a participant"
    people = {1: part("named", [])}
    assert speaker(1, True, people) == "anonymous"
    assert speaker(1, False, people) == "Sam Jones"
    assert speaker(None, False, people) == "a participant"


# -- who took part, and the small-group rule --------------------------------------------------------


def test_five_or_more_people_show_breakdowns_by_perspective() -> None:
    markdown = render_markdown(small_record())
    people = section(markdown, "Who took part")
    assert "6 people took part." in people
    assert "| People with lived experience | 3 |" in people
    # Carers (2), staff (2) and commissioners (1) are too few to stand alone: merged.
    assert "| Other perspectives | 4 |" in people
    assert "| Carers |" not in people and "| Commissioners |" not in people
    assert "People who chose to be named: Aisha Khan and Dev Patel." in people
    assert "1 more person on the list did not take part." in people
    assert "| Perspective | Ideas |" in markdown
    assert "| Perspective | Dots |" in markdown
    assert SMALL_GROUP_NOTE not in markdown


def test_fewer_than_five_people_hide_every_breakdown_by_perspective() -> None:
    data = small_record_data()
    data["participants"] = [p for p in data["participants"] if p["id"] in (1, 2, 3, 4)]
    keep = {1, 2, 3, 4}
    data["ideas"] = [i for i in data["ideas"] if i["said_by"] in keep or i["said_by"] is None]
    data["dots"] = [d for d in data["dots"] if d["participant_id"] in keep or d["participant_id"] is None]
    for decision in data["decisions"]:
        decision["present"] = [p for p in decision.get("present", []) if p in keep]
    markdown = render_markdown(WorkshopRecord.model_validate(data))
    assert "4 people took part." in markdown
    assert SMALL_GROUP_NOTE in section(markdown, "Who took part")
    assert SMALL_GROUP_NOTE in section(markdown, "Ideas")
    assert SMALL_GROUP_NOTE in section(markdown, "Votes")
    assert "| Perspective |" not in markdown
    assert "| Carers |" not in markdown and "| People with lived experience |" not in markdown
    assert "People who chose to be named: Aisha Khan and Dev Patel." in markdown


# -- votes -----------------------------------------------------------------------------------------


def test_secret_vote_shows_totals_and_marks_ties_but_never_who() -> None:
    data = small_record_data()
    # Even if a record wrongly carried voters for a secret vote, the minutes must not show them.
    data["dots"] = [dict(d, participant_id=1) if d["stage_id"] == 4 else d for d in data["dots"]]
    votes = section(render_markdown(WorkshopRecord.model_validate(data)), "Votes")
    secret = votes[votes.index("### Vote on the themes") : votes.index("### Show of dots")]
    assert "| 1 (tie) | Quiet spaces | Theme | 5 |" in secret
    assert "| 1 (tie) | Peer support | Theme | 5 |" in secret
    assert "| 3 | Somewhere to charge your phone | Idea | 2 |" in secret
    assert '- Tie for 1st place: "Quiet spaces" and "Peer support" (5 dots each).' in secret
    assert "Aisha" not in votes
    assert "by perspective" not in secret
    assert "13 dots were given." in secret


def test_a_vote_not_yet_revealed_shows_no_results() -> None:
    votes = section(render_markdown(small_record()), "Votes")
    unrevealed = votes[votes.index("### Second secret vote") :]
    assert "Votes not yet revealed." in unrevealed
    assert "| Rank |" not in unrevealed and "dots were given" not in unrevealed


def test_open_vote_shows_dots_by_perspective_only_as_counts() -> None:
    votes = section(render_markdown(small_record()), "Votes")
    open_vote = votes[votes.index("### Show of dots") : votes.index("### Second secret vote")]
    assert "| 1 | Peer support | Theme | 3 |" in open_vote
    # Chloe chose anonymous: her dot counts under "Anonymous or not recorded", not under Staff.
    assert "| Other perspectives | 3 |" in open_vote  # carers, staff and commissioners together
    assert "| Staff |" not in open_vote  # two staff are too few to stand alone
    assert "| Anonymous or not recorded | 1 |" in open_vote
    assert "Aisha" not in open_vote and "Dev Patel" not in open_vote


# -- decisions, actions, feedback, values ------------------------------------------------------------


def test_decisions_record_reasons_presence_dissent_and_links_in_words() -> None:
    decisions = section(render_markdown(small_record()), "Decisions")
    assert "- **Why:** It had the most dots.  \n  Everyone present could accept it." in decisions
    assert "- **Who was present:** 6 people, including Aisha Khan and Dev Patel." in decisions
    assert "- **Review date:** 1 September 2025" in decisions
    assert "- **Replaces an earlier decision:** a decision recorded elsewhere (reference 0ld4c0de)" in decisions
    assert '- **Replaced by a later decision:** decision 3 in these minutes, \u201cPeer workers on every shift' in decisions
    assert "- **Replaces an earlier decision:** decision 2 in these minutes" in decisions
    assert "- **Who was present:** 2 people: Aisha Khan and Dev Patel." in decisions
    assert "- **Status:** Deferred (to be decided later)" in decisions


def test_you_said_we_did_shows_the_reason_when_not_possible() -> None:
    feedback = section(render_markdown(small_record()), "You said, we did")
    assert "| Free parking for visitors | - | Not possible | The car park belongs to the hospital trust, not the service. |" in feedback
    assert "Planned" not in feedback or "earlier workshop" in feedback
    assert "In progress (raised at an earlier workshop)" in feedback


def test_five_values_show_averages_and_counts_only() -> None:
    values = section(render_markdown(small_record()), "Five Values check-out")
    assert "| Empathy | 4.0 | 3 |" in values
    assert "| Inclusion | 4.5 | 2 |" in values
    assert "| Working Together | 3.5 | 2 |" in values
    assert "| Being listened to | 5.0 | 1 |" in values
    assert "Personalisation" not in values


def test_support_needs_never_appear() -> None:
    record = small_record()
    for output in (render_markdown(record), render_html(record)):
        assert "step-free" not in output and "Large print handouts" not in output


# -- HTML ------------------------------------------------------------------------------------------


def test_html_is_a_complete_printable_page() -> None:
    page = render_html(small_record())
    assert page.startswith("<!doctype html>\n<html lang=\"en\">")
    assert '<meta charset="utf-8">' in page
    assert "<title>Minutes: Crisis service review</title>" in page
    assert "@media print" in page
    assert "<h1>Minutes: Crisis service review</h1>" in page
    assert "<table>" in page and '<td data-label="Option">Quiet spaces</td>' in page
    assert page.endswith("</html>\n")


# -- hostile text ----------------------------------------------------------------------------------

HOSTILE = [
    "[/b]",
    "[ @click=app.quit]x",
    "[link='http://x']y",
    "<script>alert(1)</script>",
    "[a](javascript:alert(1))",
    "![img](http://x/y.png)",
    "<http://example.com>",
    "**b** and __c__ and *d* and _e_",
    "`code` and ```fence",
    "a|b|c",
    "# h",
    "## h ##",
    "- item",
    "+ item",
    "1. item",
    "2) item",
    "> quote",
    "---",
    "===",
    ":-:",
    "&lt;b&gt; &amp; &#60;",
    "trailing backslash\\",
    "\x1b[31mred\x1b[0m and \x1b]0;title\x07 and \x07bell",
    "\U0001f642 \U0001f469\U0001f3fd\u200d\u2695\ufe0f",
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202eright-to-left",
    "line one\n# heading\n- item\n> quote\n```\n    indented\n1. one\n:-:|---",
    "a table?|no\n:-:",
    ("a*b_c[d]e<f>g|h#" * 700)[:10_000],
]
_RENDER = MarkdownIt("commonmark", {"html": False}).enable("table")
_TAGS = ("<strong", "<em", "<a ", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<li", "<ul", "<ol",
         "<blockquote", "<pre", "<code", "<hr", "<img", "<table", "<tr", "<td", "<th", "<br")  # fmt: skip


def hostile_record(text: str) -> WorkshopRecord:
    data = small_record_data()
    data["workshop"].update(title=text, place=text, purpose=text, series=text)
    data["participants"][0]["name"] = text
    data["stages"][1]["title"] = text
    data["themes"][0]["name"] = text
    data["ideas"][0]["text"] = text
    data["ideas"][2]["text"] = text  # an ungrouped idea: its text is also a vote option
    first = data["decisions"][0]
    first.update(statement=text, rationale=text, decided_by=text)
    first["dissent"][0]["text"] = text
    data["actions"][2].update(what=text, owner_text=text)
    data["feedback"][1].update(said=text, done=text, reason=text)
    data["values_scores"][-1]["value"] = text
    return WorkshopRecord.model_validate(data)


def visible(text: str) -> str:
    """What a reader should see in HTML: the text on one line, escaped as markdown-it escapes it."""
    flat = " ".join(strip_controls(text).split())
    return flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: repr(t[:24]))
def test_hostile_text_stays_literal_in_markdown_and_html(text: str) -> None:
    baseline_md = render_markdown(hostile_record("plain words"))
    markdown = render_markdown(hostile_record(text))
    assert "\x1b" not in markdown and "\x07" not in markdown
    pages = {
        "markdown rendered": (_RENDER.render(markdown), _RENDER.render(baseline_md)),
        "render_html": (render_html(hostile_record(text)), render_html(hostile_record("plain words"))),
    }
    # Line breaks a person typed are kept as <br> in running text; nothing else may appear.
    tags = _TAGS if "\n" not in text else tuple(tag for tag in _TAGS if tag != "<br")
    for name, (page, baseline) in pages.items():
        assert "<script" not in page, name
        assert 'href="javascript' not in page, name
        for tag in tags:
            assert page.count(tag) == baseline.count(tag), f"{name}: {tag} appeared from user text"
        # Whole, in a heading, in a table cell (newlines become spaces) and in a list item.
        assert f"<h1>Minutes: {visible(text)}</h1>" in page, name
        assert re.search(f"<td( data-label=\"[^\"]+\")?>{re.escape(visible(text))}</td>", page), name
        if "\n" not in text:
            assert f"<li>{visible(text)} \u2014 " in page, name
        else:
            for line in text.split("\n"):
                assert visible(line) in page, name


def test_newlines_in_table_cells_become_spaces() -> None:
    markdown = render_markdown(hostile_record("first line\nsecond line"))
    feedback = section(markdown, "You said, we did")
    assert "| first line second line | first line second line | Not possible | first line second line |" in feedback
    assert re.search(r"\|[^\n|]*first line\n", feedback) is None


def test_escaped_user_text_always_renders_as_exactly_itself() -> None:
    """A seeded search over awkward fragments: whatever the mix, the reader sees the text typed."""
    from facilitator.outputs.markdown_text import block, inline

    fragments = list("\\`*_[]<>#|~&!()-+=:.0123456789 \n\tab\"'") + [
        "javascript:", "http://x", "&amp;", "&#60;", "1.", "    ", "***", "---", "```", "~~~",
        "<!--", "<a>", "[x]: /u", "\u202e", "\U0001f642",
    ]  # fmt: skip
    rnd = random.Random(20250304)
    for _ in range(1500):
        text = "".join(rnd.choice(fragments) for _ in range(rnd.randint(1, 24)))
        # What is left once the controls (and bidi overrides) are gone, line by line.
        lines = [" ".join(line.split()) for line in strip_controls(text, multiline=True).split("\n")]
        lines = [line for line in lines if line]
        if not lines:
            continue
        assert _RENDER.render(block(text)) == "<p>" + "<br />\n".join(map(visible, lines)) + "</p>\n", text
        assert _RENDER.render("- " + block(text, "  ")) == (
            "<ul>\n<li>" + "<br />\n".join(map(visible, lines)) + "</li>\n</ul>\n"
        ), text
        assert f"<td>{visible(text)}</td>" in _RENDER.render(f"| h |\n| --- |\n| {inline(text)} |\n"), text
        assert _RENDER.render(f"# {inline(text)}") == f"<h1>{visible(text)}</h1>\n", text
