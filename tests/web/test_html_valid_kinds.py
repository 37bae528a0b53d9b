"""The ladder, scoring and check-in pages a phone can be shown are valid HTML by the Nu HTML
checker: before and after the reveal, with a problem, and after sending."""

from __future__ import annotations

from pathlib import Path

from kinds_workshop import kinds_workshop
from phone_client import Phone, phone_app
from test_html_valid import nu_check

from facilitator.storage.store import open_store


def kinds_pages(path: Path) -> dict[str, str]:
    store = open_store(path)
    built = kinds_workshop(store)
    pages: dict[str, str] = {}
    with Phone(phone_app(path, built.workshop.id)) as phone:
        phone.join(store.join_code(built.workshop.id))
        phone.claim(built.people[0].id)
        store.start_stage(built.checkin.id)
        pages["checkin"] = phone.get("/now").text
        pages["checkin-problem"] = phone.post("/checkin-word", stage=str(built.checkin.id), word="").text
        pages["checkin-sent"] = phone.post("/checkin-word", stage=str(built.checkin.id), word="Calm").text
        store.start_stage(built.ladder.id)
        pages["ladder"] = phone.get("/now").text
        pages["ladder-problem"] = phone.post("/ladder", stage=str(built.ladder.id), now="2").text
        pages["ladder-sent"] = phone.post("/ladder", stage=str(built.ladder.id), now="2", want="6").text
        for person in built.people[1:]:
            store.place_on_ladder(built.ladder.id, person.id, 3, 7)
        store.set_revealed(built.ladder.id)
        pages["ladder-revealed"] = phone.get("/now").text
        store.start_stage(built.score.id)
        pages["score"] = phone.get("/now").text
        pages["score-problem"] = phone.post("/scores", stage=str(built.score.id), **{"score-0-0": "3"}).text
        sheet = {f"score-{a}-{c}": "4" for a in range(2) for c in range(3)}
        pages["score-sent"] = phone.post("/scores", stage=str(built.score.id), **sheet).text
        store.set_revealed(built.score.id)
        pages["score-revealed"] = phone.get("/now").text
    store.close()
    return pages


def test_the_new_pages_are_valid_html(tmp_path: Path, vnu_jar: Path) -> None:
    pages = kinds_pages(tmp_path / "workshops.db")
    folder = tmp_path / "pages"
    folder.mkdir()
    files = []
    for kind, page in sorted(pages.items()):
        assert "<!DOCTYPE html>" in page[:20], kind
        files.append(folder / f"{kind}.html")
        files[-1].write_text(page, encoding="utf-8")
    problems = nu_check(vnu_jar, files)
    assert not problems, f"The Nu HTML checker found {len(problems)} problems:\n" + "\n".join(problems)
