"""Phones and the fair-dots and run-off work: the vote page says everyone's dots before anyone
votes, and a run-off is a normal vote stage whose page offers only the tied options."""

from __future__ import annotations

import re

from phone_client import Phone, phone_app


def words(page: str) -> str:
    return " ".join(re.sub("<[^>]+>", "", page).split())


def test_a_run_off_on_phones_offers_only_the_tied_with_fresh_dots(store, clock, db_path, workshop_factory) -> None:
    built = workshop_factory(people=3, ideas=4)  # 3 dots each, at most 2 on one (see conftest)
    vote = built.vote
    store.start_stage(vote.id)
    app = phone_app(db_path, built.workshop.id, clock)
    code = store.join_code(built.workshop.id)
    with Phone(app, "10.0.2.1") as phone:
        phone.join(code)
        phone.claim(built.people[0].id)
        assert "Everyone has 3 dots, at most 2 on one." in words(phone.page)
        for person, idea in ((0, 0), (1, 1), (2, 2)):  # three ideas tie at the top with a dot each
            store.cast_dot(vote.id, built.people[person].id, "idea", built.ideas[idea].id)
        store.set_revealed(vote.id)
        runoff = store.start_runoff(vote.id)
        store.start_stage(runoff.id)
        page = phone.client.get("/now").text
        assert "Everyone has 1 dot." in words(page)
        offered = re.findall(r'name="choice" value="idea:(\d+)"', page)
        assert offered == [str(idea.id) for idea in built.ideas[:3]]
        phone.dot("idea", built.ideas[3].id)  # not one of the tied: refused by the store
        assert phone.error() is not None
        phone.dot("idea", built.ideas[1].id)
        assert phone.error() is None
    assert store.dots_of(runoff.id, built.people[0].id) == {("idea", built.ideas[1].id): 1}
