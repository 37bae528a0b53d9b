"""Export and import: a whole workshop survives the trip, secrets stay secret, bad files change nothing."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from facilitator.domain.errors import FacilitatorError, ImportFileError
from facilitator.domain.record import WorkshopRecord
from facilitator.storage.exchange import export_json, import_file, import_record, load_record, parse_record
from facilitator.storage.store import Store, memory_store, open_store

START = 1_741_946_400.0  # 2025-03-14 10:00 UTC


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> float:
        return self.now

    def tick(self, seconds: float = 61.0) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def source_store(clock: Clock) -> Iterator[Store]:
    store = memory_store(clock=clock)
    yield store
    store.close()


@pytest.fixture
def open_target(tmp_path: Path, clock: Clock) -> Iterator[Callable[[str], Store]]:
    opened: list[Store] = []

    def _open(name: str = "target.db") -> Store:
        store = open_store(tmp_path / name, clock=clock)
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


STAGES = [
    {"kind": "welcome", "title": "Welcome", "minutes": 5},
    {"kind": "ideas", "title": "What would make the ward feel safer?", "minutes": 15},
    {"kind": "group", "title": "Group the ideas", "minutes": 10},
    {"kind": "vote", "title": "Secret vote", "minutes": 10,
     "settings": {"dots_per_person": 3, "max_per_candidate": 2, "secret": True, "prompt": "Which matter most?"}},
    {"kind": "vote", "title": "Open vote", "minutes": 5,
     "settings": {"dots_per_person": 2, "max_per_candidate": 1, "secret": False}},
    {"kind": "decide", "title": "Decisions", "minutes": 15},
    {"kind": "actions", "title": "Actions", "minutes": 10},
    {"kind": "feedback", "title": "You said, we did", "minutes": 10},
    {"kind": "evaluate", "title": "Check-out", "minutes": 5},
]  # fmt: skip


def build_earlier(store: Store, clock: Clock) -> dict[str, Any]:
    """A past workshop: a decision the rich workshop supersedes, and feedback it answers."""
    workshop = store.create_workshop(
        title="Spring review",
        stages=[{"kind": "ideas", "title": "Ideas", "minutes": 10}, {"kind": "decide", "title": "Decide", "minutes": 5}],
        date="2025-01-10",
    )
    clock.tick()
    old = store.add_decision(workshop.id, "Keep the visiting hours as they are", rationale="No staff for more")
    return {"workshop": workshop, "decision": old}


def build_rich(store: Store, clock: Clock, earlier: dict[str, Any]) -> dict[str, Any]:
    """A finished workshop with something in every part of the record."""
    workshop = store.create_workshop(
        title="Safer wards", stages=STAGES, purpose="Decide together what to change first.\n\nThen act.",
        date="2025-03-14", place="Community hall", involvement="co-production", series="Ward safety",
        agenda_name="coproduction-workshop",
    )  # fmt: skip
    s = store.stages(workshop.id)
    ann = store.add_participant(workshop.id, "Ann", ["lived experience", "carer"], "named", "Large print", arrived=True)
    store.add_participant_to_series(ann.id)  # a regular: her support needs outlive the workshop
    bob = store.add_participant(workshop.id, "Bob", ["staff"], "perspective", arrived=True)
    cat = store.add_participant(workshop.id, "Cat", ["commissioner"], "anonymous", arrived=True)
    dee = store.add_participant(workshop.id, "Dee", ["other"], "perspective", arrived=True)
    eve = store.add_participant(workshop.id, "Eve", ["carer"], "named")  # never arrived
    store.start_stage(s[0].id)
    clock.tick(400)  # the welcome overruns
    store.start_stage(s[1].id)
    clock.tick()
    i1 = store.add_idea(s[1].id, "More night staff", said_by=ann.id)
    i2 = store.add_idea(s[1].id, "Quiet rooms", said_by=bob.id, typed_by="Sam (notes)")
    i3 = store.add_idea(s[1].id, "Someone to talk to at 3am", anonymous=True, typed_by="Sam (notes)")
    i4 = store.add_idea(s[1].id, "Better lighting\nin the corridors", said_by=dee.id)
    i5 = store.add_idea(s[1].id, "Said twice by mistake", said_by=cat.id)
    store.withdraw_idea(i5.id)
    i6 = store.add_idea(s[1].id, "Plants", said_by=cat.id)
    store.pause_timer(s[1].id)
    clock.tick(30)
    store.resume_timer(s[1].id)
    store.extend_timer(s[1].id, 120)
    clock.tick()
    store.start_stage(s[2].id)
    staffing = store.add_theme(workshop.id, "Staffing", stage_id=s[2].id)
    place = store.add_theme(workshop.id, "The place", stage_id=s[2].id)
    for idea, theme in ((i1, staffing), (i3, staffing), (i2, place), (i4, place)):
        store.move_idea(idea.id, theme.id)
    clock.tick()
    store.start_stage(s[3].id)  # secret: three candidates (two themes and "Plants")
    for person, kind, target in ((bob, "theme", place.id), (ann, "theme", staffing.id), (ann, "theme", staffing.id),
                                 (cat, "idea", i6.id), (bob, "theme", staffing.id), (ann, "idea", i6.id)):
        clock.tick(5)
        store.cast_dot(s[3].id, person.id, kind, target, entered_by="Sam (notes)")  # fmt: skip
    store.set_revealed(s[3].id)
    clock.tick()
    store.start_stage(s[4].id)  # open vote
    store.cast_dot(s[4].id, ann.id, "theme", place.id, entered_by="Sam (notes)")
    store.cast_dot(s[4].id, dee.id, "idea", i6.id)
    store.set_revealed(s[4].id)
    clock.tick()
    store.start_stage(s[5].id)
    first = store.add_decision(
        workshop.id, "Pilot a night-time listening service", rationale="Most dots, and no extra beds needed",
        method="vote", decided_by="The whole group", stage_id=s[5].id, idea_ids=[i3.id], theme_ids=[staffing.id],
        review_date="2025-09-01", dissent=[(bob.id, "Worried about cover on weekends"), (None, "Not convinced")],
    )  # fmt: skip
    clock.tick()
    second = store.add_decision(
        workshop.id, "Start the listening service in the summer", stage_id=s[5].id, supersedes_id=first.id,
        present=[ann.id, cat.id],
    )  # fmt: skip
    store.add_decision(workshop.id, "Paint the corridors", status="deferred", theme_ids=[place.id])
    visiting = store.add_decision(
        workshop.id, "Open visiting until 8pm", supersedes_id=earlier["decision"].id, idea_ids=[i4.id, i2.id]
    )
    clock.tick()
    store.start_stage(s[6].id)
    act = store.add_action(workshop.id, "Draft a rota", owner_participant_id=ann.id, due_date="2025-04-01",
                           decision_id=second.id)  # fmt: skip
    store.add_action(workshop.id, "Ask estates about lighting", owner_text="Ward manager", decision_id=visiting.id)
    clock.tick()
    store.update_action(act.id, "in progress", "Two volunteers so far")
    clock.tick()
    store.update_action(act.id, "done", "")
    store.start_stage(s[7].id)
    store.add_feedback(workshop.id, "Visiting hours are too short", done="Open until 8pm", status="done",
                       stage_id=s[7].id, source_workshop_id=earlier["workshop"].id)  # fmt: skip
    store.add_feedback(workshop.id, "A garden", status="not possible", reason="There is no outside space")
    store.start_stage(s[8].id)
    store.add_values_scores(workshop.id, {"Empathy": 5, "Inclusion": 3, "Honesty": 4}, stage_id=s[8].id)
    store.add_values_scores(workshop.id, {"Empathy": 2, "Inclusion": 5, "Honesty": 4}, stage_id=s[8].id)
    store.mark_left(bob.id)
    store.forget_participant(dee.id)
    clock.tick()
    store.finish_workshop(workshop.id)
    return {"workshop": store.workshop(workshop.id), "stages": s, "people": (ann, bob, cat, dee, eve),
            "ideas": (i1, i2, i3, i4, i5, i6), "themes": (staffing, place)}  # fmt: skip


@pytest.fixture
def rich(source_store: Store, clock: Clock) -> dict[str, Any]:
    earlier = build_earlier(source_store, clock)
    built = build_rich(source_store, clock, earlier)
    built["earlier"] = earlier
    return built


_OWN_LISTS = {"participants", "stages", "themes", "ideas", "decisions", "actions", "feedback"}


def canonical(record: WorkshopRecord, *, keep_uids: bool = True) -> dict[str, Any]:
    """The record with every id replaced by its position in its list (ids differ between databases)."""
    data = record.model_dump(mode="json")
    pos = {kind: {part["id"]: n for n, part in enumerate(data[kind])} for kind in _OWN_LISTS}

    def ref(kind: str, value: int | None) -> int | None:
        return None if value is None else pos[kind][value]

    for kind in _OWN_LISTS:
        for part in data[kind]:
            part["id"] = pos[kind][part["id"]]
    work = data["workshop"]
    work["current_stage_id"] = ref("stages", work["current_stage_id"])
    for part in data["themes"] + data["feedback"] + data["values_scores"]:
        part["stage_id"] = ref("stages", part["stage_id"])
    for idea in data["ideas"]:
        idea.update(stage_id=ref("stages", idea["stage_id"]), said_by=ref("participants", idea["said_by"]),
                    theme_id=ref("themes", idea["theme_id"]))  # fmt: skip
    for dot in data["dots"]:
        dot.update(stage_id=ref("stages", dot["stage_id"]), participant_id=ref("participants", dot["participant_id"]),
                   candidate_id=ref(dot["candidate_kind"] + "s", dot["candidate_id"]))  # fmt: skip
    for d in data["decisions"]:
        d.update(stage_id=ref("stages", d["stage_id"]), present=[ref("participants", p) for p in d["present"]],
                 idea_ids=[ref("ideas", i) for i in d["idea_ids"]], theme_ids=[ref("themes", t) for t in d["theme_ids"]])
        for x in d["dissent"]:
            x["participant_id"] = ref("participants", x["participant_id"])
    for a in data["actions"]:
        a.update(decision_id=ref("decisions", a["decision_id"]),
                 owner_participant_id=ref("participants", a["owner_participant_id"]))  # fmt: skip
    if not keep_uids:
        uids = {d["uid"]: f"decision {d['id']}" for d in data["decisions"]}
        work["uid"] = "workshop"
        for d in data["decisions"]:
            for key in ("uid", "supersedes_uid", "superseded_by_uid"):
                d[key] = uids.get(d[key], d[key])
    return data


def table_counts(store: Store) -> dict[str, int]:
    tables = [r["name"] for r in store._rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: store._value(f'SELECT count(*) FROM "{t}"') for t in tables}


def file_state(store: Store) -> tuple:
    path = Path(store.database.path)
    files = [path, path.with_name(path.name + "-wal")]
    digests = [hashlib.sha256(f.read_bytes()).hexdigest() if f.exists() else None for f in files]
    return (tuple(digests), table_counts(store))


# --- the record ---------------------------------------------------------------------------------


def test_the_record_holds_every_part_of_the_workshop(source_store: Store, rich: dict[str, Any]) -> None:
    record = load_record(source_store, rich["workshop"].id)
    for kind in ("participants", "stages", "themes", "ideas", "dots", "decisions", "actions", "feedback",
                 "values_scores"):  # fmt: skip
        assert getattr(record, kind), kind
    assert [p.name for p in record.participants] == ["Ann", "Bob", "Cat", "", "Eve"]
    assert record.participants[3].forgotten and record.participants[0].support_needs == "Large print"
    assert any(idea.withdrawn for idea in record.ideas)
    assert [i.said_by for i in record.ideas if i.anonymous] == [None]
    assert [len(s.events) > 0 for s in record.stages] == [True] * 9
    first, second, _, visiting = record.decisions
    assert first.status == "superseded" and first.superseded_by_uid == second.uid == first.superseded_by_uid
    assert second.supersedes_uid == first.uid
    assert visiting.supersedes_uid == rich["earlier"]["decision"].uid  # a decision in another workshop
    assert [x.text for x in first.dissent] == ["Worried about cover on weekends", "Not convinced"]
    assert [u.status for u in record.actions[0].updates] == ["in progress", "done"]
    assert record.feedback[0].source_workshop_uid == rich["earlier"]["workshop"].uid
    assert record.feedback[1].reason == "There is no outside space"


def test_a_secret_vote_exports_no_one_s_choices_and_an_open_vote_does(source_store: Store, rich) -> None:
    secret, open_vote = rich["stages"][3].id, rich["stages"][4].id
    record = load_record(source_store, rich["workshop"].id)
    secret_dots = [d for d in record.dots if d.stage_id == secret]
    assert len(secret_dots) == 6
    assert {(d.participant_id, d.entered_by, d.created_at) for d in secret_dots} == {(None, "", "")}
    # Listed by what they were given to, not in the order they were given (order could betray voters).
    keys = [(d.candidate_kind, d.candidate_id) for d in secret_dots]
    assert keys == sorted(keys)
    open_dots = [d for d in record.dots if d.stage_id == open_vote]
    ann, dee = rich["people"][0].id, rich["people"][3].id
    assert [(d.participant_id, d.entered_by) for d in open_dots] == [(ann, "Sam (notes)"), (dee, "")]
    assert all(d.created_at for d in open_dots)
    text = export_json(source_store, rich["workshop"].id, include_private=True)
    for dot in json.loads(text)["dots"]:
        assert dot["stage_id"] != secret or dot["participant_id"] is None


def test_the_check_out_is_listed_by_value_not_in_the_order_people_gave_it(source_store: Store, rich) -> None:
    scores = [(s.value, s.score) for s in load_record(source_store, rich["workshop"].id).values_scores]
    assert scores == [("Empathy", 2), ("Empathy", 5), ("Honesty", 4), ("Honesty", 4), ("Inclusion", 3), ("Inclusion", 5)]


def test_export_is_the_same_bytes_every_time_and_reads_back_unchanged(source_store: Store, rich) -> None:
    text = export_json(source_store, rich["workshop"].id, include_private=True)
    assert text.endswith("}\n") and text == export_json(source_store, rich["workshop"].id, include_private=True)
    record = parse_record(text, "export.json")
    assert record == load_record(source_store, rich["workshop"].id)
    assert record.model_dump_json(indent=2) + "\n" == text


# --- the round trip -----------------------------------------------------------------------------


def test_a_workshop_survives_export_and_import_exactly(source_store: Store, rich, open_target) -> None:
    target = open_target()
    other = target.create_workshop(title="Already here", stages=[{"kind": "ideas", "title": "Ideas", "minutes": 5}])
    target.add_idea(target.stages(other.id)[0].id, "An idea that takes id 1")
    earlier = import_record(target, load_record(source_store, rich["earlier"]["workshop"].id))
    imported = import_record(target, parse_record(export_json(source_store, rich["workshop"].id, include_private=True), "export.json"))
    original = load_record(source_store, rich["workshop"].id)
    again = load_record(target, imported.id)
    assert again.workshop.uid == original.workshop.uid
    assert canonical(again) == canonical(original)
    # The earlier workshop's decision is now marked as superseded by the imported one, as at home.
    assert canonical(load_record(target, earlier.id)) == canonical(load_record(source_store, rich["earlier"]["workshop"].id))
    # Ids were remapped, not copied: the target already had rows with the source's ids.
    assert again.ideas[0].id != original.ideas[0].id


def test_the_round_trip_comparison_notices_one_changed_field(source_store: Store, rich) -> None:
    record = load_record(source_store, rich["workshop"].id)
    first, second = record.ideas[0], record.ideas[1]
    swapped = [first.model_copy(update={"said_by": second.said_by}), *record.ideas[1:]]
    assert canonical(record.model_copy(update={"ideas": swapped})) != canonical(record)
    moved = [*record.dots[:-1], record.dots[-1].model_copy(update={"candidate_id": record.ideas[0].id})]
    assert canonical(record.model_copy(update={"dots": moved})) != canonical(record)


def test_links_to_another_workshop_heal_whichever_is_imported_first(source_store: Store, rich, open_target) -> None:
    target = open_target()
    later = import_record(target, load_record(source_store, rich["workshop"].id))
    assert load_record(target, later.id).decisions[3].supersedes_uid is None  # not there yet: dropped
    earlier = import_record(target, load_record(source_store, rich["earlier"]["workshop"].id))
    healed, original = canonical(load_record(target, later.id)), canonical(load_record(source_store, rich["workshop"].id))
    # Feedback keeps where it came from while that workshop is missing, and is linked once it comes.
    assert healed == original
    assert target.feedback_items(later.id)[0].source_workshop_id == earlier.id
    assert canonical(load_record(target, earlier.id)) == canonical(
        load_record(source_store, rich["earlier"]["workshop"].id)
    )


def test_missing_outside_links_are_dropped_but_statuses_kept(source_store: Store, rich, open_target) -> None:
    target = open_target()
    imported = import_record(target, load_record(source_store, rich["workshop"].id))
    record = load_record(target, imported.id)
    # Where a carried item came from is kept (the minutes say so), though that workshop is not here.
    assert record.feedback[0].source_workshop_uid == rich["earlier"]["workshop"].uid
    assert record.feedback[0].source_workshop_title == rich["earlier"]["workshop"].title
    assert target.feedback_items(imported.id)[0].source_workshop_id is None
    assert record.decisions[3].supersedes_uid is None
    assert [d.status for d in record.decisions] == ["superseded", "agreed", "deferred", "agreed"]
    assert record.decisions[1].supersedes_uid == record.decisions[0].uid  # links inside the file are kept


def test_imported_decisions_can_be_searched(source_store: Store, rich, open_target) -> None:
    target = open_target()
    import_record(target, load_record(source_store, rich["workshop"].id))
    found = target._rows("SELECT d.statement FROM decision_search s JOIN decisions d ON d.id = s.rowid "
                         "WHERE decision_search MATCH ? ORDER BY d.id", ("listening",))  # fmt: skip
    assert [r["statement"] for r in found] == ["Pilot a night-time listening service", "Start the listening service in the summer"]
    by_idea_text = target._rows("SELECT rowid FROM decision_search WHERE decision_search MATCH ?", ("corridors",))
    assert len(by_idea_text) == 2  # "Paint the corridors", and the visiting decision through its idea


def test_importing_the_same_workshop_twice_is_refused_and_changes_nothing(source_store: Store, rich, open_target) -> None:
    target = open_target()
    record = load_record(source_store, rich["workshop"].id)
    import_record(target, record)
    before = file_state(target)
    with pytest.raises(ImportFileError) as caught:
        import_record(target, record)
    assert str(caught.value) == (
        "This workshop is already in the database (\u201cSafer wards\u201d); use --as-new to import a copy."
    )
    assert file_state(target) == before


def test_as_new_imports_a_copy_with_new_uids(source_store: Store, rich, open_target) -> None:
    target = open_target()
    earlier = import_record(target, load_record(source_store, rich["earlier"]["workshop"].id))
    record = load_record(source_store, rich["workshop"].id)
    first = import_record(target, record)
    copy = import_record(target, record, as_new=True)
    assert copy.id != first.id and copy.uid != first.uid and copy.title == "Safer wards"
    copied = load_record(target, copy.id)
    assert not {d.uid for d in copied.decisions} & {d.uid for d in record.decisions}
    # Inside the copy, the supersession points at the copy's own decisions.
    assert copied.decisions[1].supersedes_uid == copied.decisions[0].uid
    assert canonical(copied, keep_uids=False) == canonical(record, keep_uids=False)
    # The first import is untouched by the copy, and the earlier decision stays superseded by it.
    assert canonical(load_record(target, first.id)) == canonical(record)
    assert load_record(target, earlier.id).decisions[0].superseded_by_uid == record.decisions[3].uid


def test_a_failure_part_way_through_leaves_nothing_behind(source_store: Store, rich, open_target, monkeypatch) -> None:
    target = open_target()
    before = table_counts(target)

    def broken(db, decision_id: int) -> None:
        raise FacilitatorError("The search index could not be updated.")

    monkeypatch.setattr(target, "_index_decision", broken)
    with pytest.raises(FacilitatorError):
        import_record(target, load_record(source_store, rich["workshop"].id))
    assert table_counts(target) == before


def test_import_file_reads_a_file_and_names_it_in_errors(source_store: Store, rich, open_target, tmp_path) -> None:
    target = open_target()
    path = tmp_path / "export.json"
    path.write_text(export_json(source_store, rich["workshop"].id, include_private=True), encoding="utf-8")
    workshop = import_file(target, path)
    assert workshop.title == "Safer wards"
    with pytest.raises(ImportFileError) as caught:
        import_file(target, path)
    assert str(caught.value) == (
        f"{path}: this workshop is already in the database (\u201cSafer wards\u201d); use --as-new to import a copy."
    )
    assert import_file(target, path, as_new=True).uid != workshop.uid


@pytest.mark.parametrize(
    ("name", "setup", "expected"),
    [
        ("missing.json", None, "no such file."),
        ("folder", "dir", "is a folder, not an export file."),
        ("latin1.json", b'{"title": "caf\xe9"}', "is not UTF-8 text (bad byte at position 14)."),
    ],
)
def test_unreadable_files_get_one_sentence(open_target, tmp_path: Path, name, setup, expected) -> None:
    path = tmp_path / name
    if setup == "dir":
        path.mkdir()
    elif setup is not None:
        path.write_bytes(setup)
    with pytest.raises(ImportFileError) as caught:
        import_file(open_target(), path)
    assert str(caught.value) == f"{path}: {expected}"


# --- bad files: one sentence each, and the database untouched ---------------------------------------


def _set(path: str, value: Any) -> Callable[[dict], None]:
    """A change to the exported data at a dotted path such as ``decisions.3.status``."""

    def change(data: dict) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        parent = data
        for part in parents:
            parent = parent[part]
        if value is _DELETE:
            del parent[last]
        else:
            parent[last] = value(data) if callable(value) else value

    return change


_DELETE = object()


def _extra_dots(stage: int, dots: list[tuple[int | None, str, int]]) -> Callable[[dict], None]:
    """Add dots to the ``stage``-th stage of the file: (person index or None, kind, candidate index)."""

    def change(data: dict) -> None:
        stage_id = data["stages"][stage]["id"]
        for person, kind, index in dots:
            data["dots"].append({
                "stage_id": stage_id, "candidate_kind": kind, "candidate_id": data[kind + "s"][index]["id"],
                "participant_id": None if person is None else data["participants"][person]["id"],
                "entered_by": "", "created_at": "",
            })  # fmt: skip

    return change


BAD_FILES = [
    ("not JSON", '{"format": "facilitator-workshop",\n  "version": 1,,\n}',
     "not valid JSON at line 2, column 16: expecting property name enclosed in double quotes."),
    ("empty file", "", "not valid JSON at line 1, column 1: expecting value."),
    ("a list", "[1, 2]", 'not a facilitator export (expected a JSON object with "format": "facilitator-workshop").'),
    ("wrong format", _set("format", "minutes"), 'not a facilitator export (its format is "minutes", not "facilitator-workshop").'),
    ("no format", _set("format", _DELETE), 'not a facilitator export (it has no format field, not "facilitator-workshop").'),
    ("newer version", _set("version", 2),
     "was written by a newer facilitator (export version 2; this one reads version 1); please upgrade facilitator to import it."),
    ("no version", _set("version", _DELETE), "the export version is missing; this facilitator reads version 1."),
    ("text version", _set("version", "1"), 'the export version is "1"; this facilitator reads version 1.'),
    ("unknown field", _set("ideas.0.colour", "red"),
     'ideas[0]: unknown field "colour" (allowed: id, stage_id, text, said_by, anonymous, typed_by, theme_id, '
     "created_at, withdrawn)."),
    ("unknown top-level field", _set("notes", "hi"),
     'unknown top-level field "notes" (allowed: format, version, workshop, participants, stages, themes, ideas, '
     "dots, decisions, actions, feedback, values_scores, recognition)."),
    ("bad enum", _set("decisions.3.status", "maybe"),
     'decisions[3].status: "maybe" is not one of agreed, deferred, rejected, superseded.'),
    ("bad perspective", _set("participants.1.perspectives.0", "doctor"),
     'participants[1].perspectives[0]: "doctor" is not one of lived experience, carer, staff, commissioner, other.'),
    ("missing text", _set("ideas.2.text", _DELETE), "ideas[2].text: is required."),
    ("number as text", _set("stages.0.planned_minutes", "5"), 'stages[0].planned_minutes: must be a whole number, not "5".'),
    ("score out of range", _set("values_scores.0.score", 9), "values_scores[0].score: must be at most 5, not 9."),
    ("NaN", '{"format": "facilitator-workshop", "version": 1, "x": NaN}', "not valid JSON: NaN is not a number JSON allows."),
    ("a field twice", '{"format": "facilitator-workshop", "format": "facilitator-workshop"}',
     'not valid JSON: the field "format" appears twice in one object.'),
    ("broken idea stage", _set("ideas.0.stage_id", 99), "idea {ideas.0.id} refers to stage 99, which is not in the file."),
    ("broken idea speaker", _set("ideas.1.said_by", 77), "idea {ideas.1.id} refers to participant 77, which is not in the file."),
    ("broken theme", _set("ideas.0.theme_id", 55), "idea {ideas.0.id} refers to theme 55, which is not in the file."),
    ("broken dot candidate", _set("dots.0.candidate_id", 404), "dots[0] refers to idea 404, which is not in the file."),
    ("broken dot person", _set("dots.6.participant_id", 404), "dots[6] refers to participant 404, which is not in the file."),
    ("broken decision idea", _set("decisions.0.idea_ids", [1234]),
     "decision {decisions.0.id} refers to idea 1234, which is not in the file."),
    ("broken present", _set("decisions.0.present", [88]),
     "the list of who was present for decision {decisions.0.id} refers to participant 88, which is not in the file."),
    ("broken dissent", _set("decisions.0.dissent.0.participant_id", 88),
     "the dissent on decision {decisions.0.id} refers to participant 88, which is not in the file."),
    ("broken action decision", _set("actions.0.decision_id", 31),
     "action {actions.0.id} refers to decision 31, which is not in the file."),
    ("broken action owner", _set("actions.0.owner_participant_id", 31),
     "action {actions.0.id} refers to participant 31, which is not in the file."),
    ("broken current stage", _set("workshop.current_stage_id", 99),
     "the workshop's current stage is stage 99, which is not in the file."),
    ("two ideas, one id", _set("ideas.1.id", lambda data: data["ideas"][0]["id"]), "there are two ideas with id {ideas.0.id}."),
    ("two stages, one place", _set("stages.1.position", 1), "stages {stages.0.id} and {stages.1.id} both have position 1."),
    ("a decision superseding itself", _set("decisions.2.supersedes_uid", lambda data: data["decisions"][2]["uid"]),
     "decision {decisions.2.id} cannot supersede itself."),
    ("anonymous but named", _set("ideas.2.said_by", lambda data: data["participants"][0]["id"]),
     "idea {ideas.2.id} is anonymous but names participant {participants.0.id}; an anonymous idea keeps no reference to the person."),
    ("not possible without a reason", _set("feedback.1.reason", " "),
     'feedback item {feedback.1.id} is "not possible" but gives no reason; a reason is required.'),
    ("empty title", _set("workshop.title", "   "), "workshop.title: cannot be empty."),
    ("title of escape codes only", _set("workshop.title", "\x1b[31m\x1b[0m"), "workshop.title: cannot be empty."),
    ("empty idea", _set("ideas.0.text", "\n\t "), "ideas[0].text: cannot be empty."),
    ("too long an idea", _set("ideas.0.text", "y" * 10_001),
     "ideas[0].text: is 10,001 characters long; the most allowed is 10,000."),
    ("bad date", _set("workshop.date", "14/03/2025"), 'workshop.date: "14/03/2025" is not a date written as YYYY-MM-DD.'),
    ("bad time", _set("ideas.0.created_at", "teatime"),
     'ideas[0].created_at: "teatime" is not a date and time like 2025-03-01T10:30:00+00:00.'),
    ("unknown Five Value", _set("values_scores.0.value", "Speed"),
     'values_scores[0].value: "Speed" is not one of the Five Values (Empathy, Inclusion, Honesty, Working Together, '
     "Personalisation)."),
    ("secret as text", _set("stages.3.settings.secret", "yes"), 'stages[3].settings.secret: must be true or false, not "yes".'),
    ("a dot in the ideas stage", _set("dots.0.stage_id", lambda data: data["stages"][1]["id"]),
     "dots[0] is in stage {stages.1.id} (\u201cWhat would make the ward feel safer?\u201d), which is not a vote."),
    ("more dots than the budget", _extra_dots(4, [(0, "idea", 5), (0, "theme", 0)]),
     "participant {participants.0.id} has more dots in stage {stages.4.id} (\u201cOpen vote\u201d) than the 2 each person has."),
    ("more than the cap on one item", _extra_dots(4, [(3, "idea", 5)]),
     "participant {participants.3.id} has more than 1 dot on idea {ideas.5.id} in stage {stages.4.id} (\u201cOpen vote\u201d), "
     "the most allowed on one item."),
    ("a secret vote with more dots than everyone had", _extra_dots(3, [(None, "idea", n) for n in (0, 1, 2, 3)] * 3),
     "stage {stages.3.id} (\u201cSecret vote\u201d) has 18 dots, more than its 5 participants could give with 3 each."),
    ("a secret vote with too many dots on one item", _extra_dots(3, [(None, "theme", 0)] * 8),
     "theme {themes.0.id} has 11 dots in stage {stages.3.id} (\u201cSecret vote\u201d), more than 5 participants could give "
     "with at most 2 each."),
]  # fmt: skip


def _fill(message: str, data: dict) -> str:
    """Put the file's own ids into an expected message: ``{ideas.0.id}``."""

    def lookup(match) -> str:
        value: Any = data
        for part in match.group(1).split("."):
            value = value[int(part)] if part.isdigit() else value[part]
        return str(value)

    return re.sub(r"\{([a-z_.0-9]+)\}", lookup, message)


@pytest.mark.parametrize(("case", "bad", "expected"), BAD_FILES, ids=[case for case, _, _ in BAD_FILES])
def test_a_bad_file_gets_one_sentence_and_changes_nothing(
    source_store: Store, rich, open_target, tmp_path: Path, case: str, bad, expected: str
) -> None:
    data = json.loads(export_json(source_store, rich["workshop"].id, include_private=True))
    if callable(bad):
        bad(data)
        text = json.dumps(data, indent=2, ensure_ascii=False)
    else:
        text = bad
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    target = open_target()
    import_record(target, load_record(source_store, rich["earlier"]["workshop"].id))
    before = file_state(target)
    with pytest.raises(ImportFileError) as caught:
        import_file(target, path)
    message = str(caught.value)
    assert message == f"{path}: {_fill(expected, data if isinstance(data, dict) else {})}"
    assert "\n" not in message and message.count(". ") == 0
    assert file_state(target) == before


def test_parse_record_names_the_source_it_is_given(source_store: Store, rich) -> None:
    data = json.loads(export_json(source_store, rich["workshop"].id, include_private=True))
    data["decisions"][3]["status"] = "maybe"
    with pytest.raises(ImportFileError) as caught:
        parse_record(json.dumps(data), "export.json")
    assert str(caught.value) == (
        'export.json: decisions[3].status: "maybe" is not one of agreed, deferred, rejected, superseded.'
    )


def test_a_record_built_in_code_is_checked_too(source_store: Store, rich, open_target) -> None:
    record = load_record(source_store, rich["workshop"].id)
    broken = record.model_copy(update={"ideas": [record.ideas[0].model_copy(update={"stage_id": 99})]})
    target = open_target()
    with pytest.raises(ImportFileError) as caught:
        import_record(target, broken)
    assert str(caught.value) == f"Idea {record.ideas[0].id} refers to stage 99, which is not in the file."
    assert target.count_workshops() == 0


# --- hostile text -------------------------------------------------------------------------------

HOSTILE = [
    "[/b]",
    "[ @click=app.quit]x",
    "\x1b[31mred\x1b[0m",
    "before \x1b]0;title\x07after",
    "\U0001f642 \U0001f469\U0001f3fd\u200d\u2695\ufe0f together",
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u062c\u0645\u064a\u0639",  # Arabic: welcome, everyone
    "\u05e9\u05dc\u05d5\u05dd \u05dc\u05db\u05d5\u05dc\u05dd",  # Hebrew: hello, everyone
    "long " + "x" * 9_995,
]
# What each of those is once escape sequences are stripped: markup, emoji and right-to-left text stay literal.
SAFE = ["[/b]", "[ @click=app.quit]x", "red", "before after", *HOSTILE[4:]]


def test_hostile_text_survives_export_and_import_literally(source_store: Store, open_target) -> None:
    assert len(HOSTILE[-1]) == 10_000
    store = source_store
    workshop = store.create_workshop(
        title=HOSTILE[1], stages=[{"kind": "ideas", "title": HOSTILE[0], "minutes": 5},
                                  {"kind": "decide", "title": HOSTILE[6], "minutes": 5}],
        purpose=HOSTILE[5], place=HOSTILE[4],
    )  # fmt: skip
    stage = store.stages(workshop.id)[0]
    person = store.add_participant(workshop.id, HOSTILE[0], ["carer"], "named", support_needs=HOSTILE[3])
    for text in HOSTILE:
        store.add_idea(stage.id, text, said_by=person.id, typed_by=HOSTILE[2])
    theme = store.add_theme(workshop.id, HOSTILE[1])
    decision = store.add_decision(workshop.id, HOSTILE[5], rationale=HOSTILE[-1], theme_ids=[theme.id],
                                  dissent=[(person.id, HOSTILE[3])])  # fmt: skip
    store.add_action(workshop.id, HOSTILE[6], owner_text=HOSTILE[0], decision_id=decision.id)
    store.add_feedback(workshop.id, HOSTILE[4], status="not possible", reason=HOSTILE[1])

    text = export_json(store, workshop.id, include_private=True)
    assert "\x1b" not in text and "\x07" not in text
    target = open_target()
    record = load_record(target, import_file_from_text(target, text).id)
    assert [idea.text for idea in record.ideas] == SAFE
    assert {idea.typed_by for idea in record.ideas} == {"red"}
    assert (record.workshop.title, record.workshop.purpose, record.workshop.place) == (SAFE[1], SAFE[5], SAFE[4])
    assert [s.title for s in record.stages] == [SAFE[0], SAFE[6]]
    assert (record.participants[0].name, record.participants[0].support_needs) == (SAFE[0], SAFE[3])
    assert record.themes[0].name == SAFE[1]
    d = record.decisions[0]
    assert (d.statement, d.rationale, d.dissent[0].text) == (SAFE[5], SAFE[-1], SAFE[3])
    assert (record.actions[0].what, record.actions[0].owner_text) == (SAFE[6], SAFE[0])
    assert (record.feedback[0].said, record.feedback[0].reason) == (SAFE[4], SAFE[1])


def import_file_from_text(store: Store, text: str):
    return import_record(store, parse_record(text, "export.json"), source="export.json")


def test_escape_sequences_written_into_a_file_are_stripped_on_import(source_store: Store, rich, open_target) -> None:
    data = json.loads(export_json(source_store, rich["workshop"].id, include_private=True))
    data["workshop"]["title"] = "Safer \x1b[1;31mwards\x1b[0m\x1b]0;pwned\x07"
    data["participants"][0]["name"] = "\x1b[2J\x1b[HAnn\x9b31m"
    data["ideas"][0]["text"] = "More\x1bP+q\x1b\\ night\x07 staff\x00"
    data["stages"][3]["settings"]["prompt"] = "Which \x1b[5mmatter\x1b[0m most?"
    data["decisions"][0]["dissent"][0]["text"] = "Worried\r\nabout\x1b[A cover"
    target = open_target()
    record = load_record(target, import_file_from_text(target, json.dumps(data)).id)
    assert record.workshop.title == "Safer wards"
    assert record.participants[0].name == "Ann"
    assert record.ideas[0].text == "More night staff"
    assert record.stages[3].settings["prompt"] == "Which matter most?"
    assert record.decisions[0].dissent[0].text == "Worried\nabout cover"


def test_a_forgotten_person_s_name_never_travels(source_store: Store, rich, open_target) -> None:
    data = json.loads(export_json(source_store, rich["workshop"].id, include_private=True))
    data["participants"][3].update(name="Dee Smith", support_needs="Wheelchair access")  # hand-edited back in
    target = open_target()
    record = load_record(target, import_file_from_text(target, json.dumps(data)).id)
    assert (record.participants[3].name, record.participants[3].support_needs) == ("", "")
    assert record.participants[3].forgotten


def test_export_by_default_keeps_only_the_names_people_chose_to_share(tmp_path) -> None:
    """Exports follow attribution preferences like the minutes; support needs never leave."""
    from facilitator.storage.store import open_store

    store = open_store(tmp_path / "w.db")
    workshop = store.create_workshop(
        title="Private by default", stages=[{"kind": "ideas", "title": "Ideas", "minutes": 5, "settings": {}}]
    )
    store.add_participant(workshop.id, "Named Nadia", ["carer"], "named", "large print")
    store.add_participant(workshop.id, "Quiet Quentin", ["lived experience"], "perspective", "breaks")
    store.add_participant(workshop.id, "Hidden Hana", ["staff"], "anonymous")

    text = export_json(store, workshop.id)

    assert "Named Nadia" in text
    for private in ("Quiet Quentin", "Hidden Hana", "large print", "breaks"):
        assert private not in text
    full = export_json(store, workshop.id, include_private=True)
    assert "Quiet Quentin" in full and "large print" in full


def test_an_imported_unrevealed_secret_vote_takes_no_more_dots(tmp_path) -> None:
    """Imported secret dots have no owner, so nobody's budget could be checked: the vote is closed."""
    from facilitator.domain.errors import RuleBroken
    from facilitator.storage.store import open_store

    source = open_store(tmp_path / "a.db")
    workshop = source.create_workshop(
        title="Secret",
        stages=[
            {"kind": "ideas", "title": "Ideas", "minutes": 5, "settings": {}},
            {"kind": "vote", "title": "Vote", "minutes": 5, "settings": {"dots_per_person": 1, "max_per_candidate": 1}},
        ],
    )
    ideas_stage, vote_stage = source.stages(workshop.id)
    person = source.add_participant(workshop.id, "Sam", ["carer"], "named", arrived=True)
    idea = source.add_idea(ideas_stage.id, "A quiet room")
    source.start_stage(vote_stage.id)
    source.cast_dot(vote_stage.id, person.id, "idea", idea.id)

    target = open_store(tmp_path / "b.db")
    copy = import_record(target, parse_record(export_json(source, workshop.id, include_private=True), "x.json"))
    new_vote = target.stages(copy.id)[1]
    new_person = target.participants(copy.id)[0]
    new_idea = target.ideas(workshop_id=copy.id)[0]
    with pytest.raises(RuleBroken, match="imported without who gave which dots"):
        target.cast_dot(new_vote.id, new_person.id, "idea", new_idea.id)
    assert target._value("SELECT count(*) FROM votes WHERE stage_id = ?", (new_vote.id,)) == 1


# --- a secret vote not revealed yet -------------------------------------------------------------


def _secret_vote_workshop(store: Store, *, secret: bool = True, cast: bool = True):
    workshop = store.create_workshop(
        title="Quiet rooms",
        stages=[
            {"kind": "ideas", "title": "Ideas", "minutes": 5, "settings": {}},
            {"kind": "vote", "title": "Dot vote", "minutes": 5,
             "settings": {"dots_per_person": 2, "max_per_candidate": 1, "secret": secret}},
        ],
    )  # fmt: skip
    ideas_stage, vote_stage = store.stages(workshop.id)
    person = store.add_participant(workshop.id, "Sam", ["carer"], "named", arrived=True)
    idea = store.add_idea(ideas_stage.id, "A quiet room")
    store.start_stage(vote_stage.id)
    if cast:
        store.cast_dot(vote_stage.id, person.id, "idea", idea.id)
    return workshop, vote_stage


def test_export_refuses_dots_nobody_has_seen_yet_naming_the_workshop_and_stage(source_store: Store) -> None:
    from facilitator.domain.errors import RuleBroken

    workshop, vote = _secret_vote_workshop(source_store)
    with pytest.raises(RuleBroken) as refused:
        export_json(source_store, workshop.id)
    assert str(refused.value) == (
        f"Workshop {workshop.id} has a secret vote that is not revealed yet (stage 2 \u201cDot vote\u201d); "
        "reveal it first, or use --include-private to move the whole workshop to another computer."
    )
    # Moving the whole workshop still works, and once revealed the totals may be shared.
    assert json.loads(export_json(source_store, workshop.id, include_private=True))["dots"]
    source_store.set_revealed(vote.id)
    assert len(json.loads(export_json(source_store, workshop.id))["dots"]) == 1


def test_export_of_an_open_vote_or_a_secret_vote_with_no_dots_yet_is_allowed(source_store: Store) -> None:
    open_workshop, _ = _secret_vote_workshop(source_store, secret=False)
    assert len(json.loads(export_json(source_store, open_workshop.id))["dots"]) == 1
    planned, _ = _secret_vote_workshop(source_store, cast=False)
    assert json.loads(export_json(source_store, planned.id))["dots"] == []
