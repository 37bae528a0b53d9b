"""Decision register figures on generated data: 100,000 decisions and 1,000,000 ideas.

Prints the search time for prefixes as a person types them (median over repeats; budget 50 ms),
the follow-up queries, and the time until the register screen shows its first page.

    .venv/bin/python benchmarks/bench_register.py [--decisions N] [--ideas N] [--keep PATH]

Data is written with bulk inserts in one transaction (the store's one-at-a-time path would take
far longer); ``decision_search`` is filled the same way, with what ``_index_decision`` would put
there: statement, rationale and the text of the linked ideas.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from facilitator.storage.store import Store, open_store  # noqa: E402

WORDS = (
    "sanctuary safe space support staff service crisis cafe peer carer waiting list transport "
    "evening weekend phone line volunteers training lived experience recovery college housing "
    "benefits advice group room quiet welcome kind listen respect choice plan review meeting "
    "community garden art music walking food bank money debt worry sleep medication side effects "
    "doctor nurse ward discharge follow up letter easy read interpreter language deaf access ramp "
    "bus fare vouchers payment expenses childcare time shift night open hours rota referral "
    "self referral drop in appointment reminder text message online video call family friends "
    "trust honest feedback survey leaflet poster website jargon plain words equal voice decision"
).split()
SYLLABLES = "sa se si so su ta te ti to ma me mi mo na ne ni no ra re ri ro la le li lo ka ke ki ko pa pe po ba be bo da de do fa fe fo ga go ha he ho".split()


def vocabulary(rng: random.Random) -> tuple[list[str], list[float]]:
    """Real words plus made-up ones, with Zipf-like weights, so prefixes match realistic shares."""
    made_up = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(8000)})
    real = list(WORDS)
    rng.shuffle(real)
    rng.shuffle(made_up)
    # Everyday words are the common ones; the made-up words make a long tail of rarer ones.
    words = real + made_up
    weights = [1.0 / (rank + 1) for rank in range(len(words))]
    return words, list(_accumulate(weights))


def _accumulate(values):
    total = 0.0
    for value in values:
        total += value
        yield total


def sentence(rng: random.Random, vocab, low: int, high: int) -> str:
    words, cum = vocab
    chosen = rng.choices(words, cum_weights=cum, k=rng.randint(low, high))
    return " ".join(chosen).capitalize() + "."


def generate(path: Path, n_decisions: int, n_ideas: int, seed: int = 5) -> None:
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    store = open_store(path)
    conn = store.database.conn
    per_workshop = 20
    n_workshops = max(1, n_decisions // per_workshop)
    ideas_per_workshop = max(3, n_ideas // n_workshops)
    people_per_workshop = 8
    pool = [sentence(rng, vocab, 5, 14) for _ in range(20_000)]
    start_day = date(2010, 1, 1)
    conn.execute("BEGIN IMMEDIATE")
    workshops, stages, people, ideas, decisions, links, search, actions = [], [], [], [], [], [], [], []
    idea_id = decision_id = 0
    for w in range(1, n_workshops + 1):
        day = (start_day + timedelta(days=w)).isoformat()
        workshops.append((w, f"uid-w{w}", f"Review {w}: {rng.choice(pool)}", day, f"Series {w % 250}",
                          "finished", f"{day}T10:00:00+00:00"))
        ideas_stage, vote_stage, decide_stage = 3 * w - 2, 3 * w - 1, 3 * w
        stages += [(ideas_stage, w, 1, "ideas", "Ideas", 20), (vote_stage, w, 2, "vote", "Vote", 15),
                   (decide_stage, w, 3, "decide", "Decide", 20)]
        first_person = (w - 1) * people_per_workshop + 1
        person_ids = list(range(first_person, first_person + people_per_workshop))
        people += [(p, w, f"Person {p}", '["carer"]', "perspective", f"{day}T10:00:00+00:00") for p in person_ids]
        first_idea = idea_id + 1
        for _ in range(ideas_per_workshop):
            idea_id += 1
            ideas.append((idea_id, w, ideas_stage, rng.choice(pool), rng.choice(person_ids), f"{day}T10:05:00+00:00"))
        for k in range(per_workshop):
            decision_id += 1
            statement = sentence(rng, vocab, 6, 12)
            rationale = sentence(rng, vocab, 15, 30)
            linked = rng.sample(range(first_idea, idea_id + 1), 3)
            review = (start_day + timedelta(days=w + 365)).isoformat()
            decisions.append((decision_id, f"uid-d{decision_id}", w, decide_stage, statement, rationale,
                              json.dumps(person_ids), "agreed", review, f"{day}T11:{k:02d}:00+00:00"))
            links += [(decision_id, i) for i in linked]
            texts = "\n".join(ideas[i - 1][3] for i in linked)
            search.append((decision_id, statement, rationale, texts))
            if k % 2 == 0:
                due = (start_day + timedelta(days=w + 60)).isoformat()
                status = "done" if w < n_workshops * 0.9 else "open"
                actions.append((w, decision_id, sentence(rng, vocab, 4, 10), person_ids[0], due, status,
                                f"{day}T11:30:00+00:00"))
    conn.executemany(
        "INSERT INTO workshops (id, uid, title, date, series, status, created_at) VALUES (?,?,?,?,?,?,?)", workshops)
    conn.executemany(
        "INSERT INTO stages (id, workshop_id, position, kind, title, planned_minutes) VALUES (?,?,?,?,?,?)", stages)
    conn.executemany(
        "INSERT INTO participants (id, workshop_id, name, perspectives, attribution, arrived_at) "
        "VALUES (?,?,?,?,?,?)", people)
    conn.executemany(
        "INSERT INTO ideas (id, workshop_id, stage_id, text, said_by, created_at) VALUES (?,?,?,?,?,?)", ideas)
    conn.executemany(
        "INSERT INTO decisions (id, uid, workshop_id, stage_id, statement, rationale, present, status, "
        "review_date, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)", decisions)
    conn.executemany("INSERT INTO decision_links (decision_id, idea_id) VALUES (?,?)", links)
    conn.executemany("INSERT INTO decision_search (rowid, statement, rationale, ideas) VALUES (?,?,?,?)", search)
    conn.executemany(
        "INSERT INTO actions (workshop_id, decision_id, what, owner_participant_id, due_date, status, created_at) "
        "VALUES (?,?,?,?,?,?,?)", actions)
    # Decisions amended after the day (decision_history.py): one in ten changed, one in 25 reviewed,
    # so the register's rows that say "changed 3 Mar 2026" read a realistic history.
    conn.executemany(
        "INSERT INTO decision_history (decision_id, at, kind, old, new, note) VALUES (?,?,?,?,?,?)",
        [(d, "2024-03-03T10:00:00+00:00", "review date", "", "2025-03-03", "") for d in range(1, decision_id + 1, 10)]
        + [(d, "2024-05-05T10:00:00+00:00", "review", "", "", "Still right") for d in range(3, decision_id + 1, 25)])
    conn.execute("COMMIT")
    # No ANALYZE: the app never runs it, so the query plans measured here are the ones people get.
    store.close()


def median_ms(run, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_queries(store: Store, repeats: int) -> None:
    open_actions = store._value("SELECT count(*) FROM actions WHERE status IN ('open', 'in progress')")
    print(f"search (first page of 50, newest first; median of {repeats}; budget 50 ms):")
    for query in ["s", "sa", "san", "sanc", "sanctuary", "sanctuary caf", "quiet room evening", "zzzz"]:
        found = store.count_decisions(query)
        ms = median_ms(lambda: store.search_decisions(query), repeats)
        print(f"  {query!r:24} {ms:7.1f} ms   ({found:,} decisions match)")
    page = [item.decision.id for item in store.search_decisions("", limit=51)]
    print(f"other queries ({open_actions:,} open actions):")
    for label, run in [
        ("no words, current only", lambda: store.search_decisions("")),
        ("'sanc' in one series", lambda: store.search_decisions("sanc", series="Series 7")),
        ("'sanc' since 2020-01-01", lambda: store.search_decisions("sanc", since="2020-01-01")),
        ("'sanc', page 100", lambda: store.search_decisions("sanc", offset=50 * 99)),
        ("'s', status deferred (none)", lambda: store.search_decisions("s", status="deferred")),
        ("'s' in one series", lambda: store.search_decisions("s", series="Series 7")),
        ("'s', review due", lambda: store.search_decisions("s", review_due=True)),
        ("count for 's' (page label)", lambda: store.count_decisions("s")),
        ("outstanding actions, first 300 (screen)", lambda: store.outstanding_actions(limit=300)),
        ("outstanding actions, all (CLI)", lambda: store.outstanding_actions()),
        ("decisions due for review (first 100)", lambda: store.decisions_due_for_review(today="2023-06-01")),
        ("changed since the day, one page (1 query)", lambda: store.changed_since_the_day(page)),
    ]:
        print(f"  {label:40} {median_ms(run, repeats):7.1f} ms")


def bench_filter_choices(store: Store, repeats: int) -> None:
    """What the series (e) and workshop (w) filters read on the UI thread, against the first page."""
    from facilitator.ui.screens.register_search import Search, find_page

    workshops = store._value("SELECT count(*) FROM workshops")
    series = store._value("SELECT count(DISTINCT series) FROM workshops WHERE series != ''")
    middle = store._value("SELECT id FROM workshops ORDER BY date LIMIT 1 OFFSET ?", (workshops // 2,))
    choices = store.workshop_choices()
    print(f"series and workshop filters ({workshops:,} workshops in {series:,} series; median of {repeats}; "
          f"ratio to the first page with no filter):")
    base = None
    for label, run in [
        ("first page, no filter (baseline)", lambda: find_page(store, Search())),
        ("series choices (what e reads)", store.register_series),
        ("workshop choices (what w reads)", store.workshop_choices),
        ("  'sanc' typed in the workshop choice", lambda: [c for c in choices if c.matches(["sanc"])]),
        ("first page, one series", lambda: find_page(store, Search(series="Series 7"))),
        ("first page, one workshop", lambda: find_page(store, Search(workshop_id=middle))),
        ("'sanc' in one workshop", lambda: find_page(store, Search(query="sanc", workshop_id=middle))),
        ("'s' in one workshop", lambda: find_page(store, Search(query="s", workshop_id=middle))),
    ]:
        ms = median_ms(run, repeats)
        base = base or ms
        print(f"  {label:40} {ms:7.1f} ms  {ms / base:7.1f}x")


async def time_register_screen(store: Store) -> tuple[float, float, float]:
    """Seconds: a bare Textual app's first frame; an app that opens on the register until its
    first page of 50 is shown; and, in a running app, from pushing the register to its first page."""
    from textual.app import App
    from textual.widgets import Label

    from facilitator.ui.screens.register import RegisterScreen

    class Bare(App):
        def compose(self):
            yield Label("hello")

    class Host(App):
        def __init__(self) -> None:
            super().__init__()
            self.store = store

        def compose(self):
            yield Label("home")

    started = time.perf_counter()
    async with Bare().run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    bare = time.perf_counter() - started

    started = time.perf_counter()
    app = Host()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = RegisterScreen()
        await app.push_screen(screen)
        while not screen.shown_page_loaded:
            await pilot.pause(0.002)
        from_start = time.perf_counter() - started
        times = []
        for _ in range(5):
            app.pop_screen()
            await pilot.pause()
            screen = RegisterScreen()
            pushed = time.perf_counter()
            await app.push_screen(screen)
            while not screen.shown_page_loaded:
                await pilot.pause(0.002)
            times.append(time.perf_counter() - pushed)
        keys = await time_filter_keys(app, pilot, screen)
    return bare, from_start, statistics.median(times), keys


async def time_filter_keys(app, pilot, screen, repeats: int = 5) -> dict[str, float]:
    """Seconds (median of ``repeats``) from a filter key to the app being idle with its result shown.

    a (replaced too) reloads the first page with no filter: the baseline the others are compared to.
    e steps to the next series; t opens the date dialog (what opening any small dialog costs); w opens
    the workshop choice; a digit typed in it narrows the list (every generated title has one); Enter
    in it picks a workshop.
    """
    from facilitator.ui.dialogs.register_filters import DateRangeDialog, WorkshopChoiceDialog

    async def timed(keys: tuple[str, ...], done) -> float:
        started = time.perf_counter()
        await pilot.press(*keys)
        while not done():
            await pilot.pause(0.002)
        return time.perf_counter() - started

    def page_shown() -> bool:
        return app.screen is screen and screen.found.search == screen.search

    await pilot.press("down")  # to the results, so letters are keys, not search words
    figures: dict[str, list[float]] = {"a": [], "e": [], "t": [], "w": [], "type": [], "pick": []}
    for _ in range(repeats):
        figures["a"].append(await timed(("a",), page_shown))
    for _ in range(repeats):
        figures["e"].append(await timed(("e",), page_shown))
    for _ in range(repeats):
        figures["t"].append(await timed(("t",), lambda: isinstance(app.screen, DateRangeDialog)
                                        and app.screen.is_mounted))
        await pilot.press("escape")
    for step in range(repeats):
        figures["w"].append(await timed(("w",), lambda: isinstance(app.screen, WorkshopChoiceDialog)
                                        and app.screen.is_mounted))
        dialog = app.screen
        figures["type"].append(await timed(("1",), lambda: dialog.typed == "1"))
        await pilot.press("backspace")
        before = screen.search
        await pilot.press(*("down",) * (step + 1))
        figures["pick"].append(await timed(("enter",), lambda: page_shown() and screen.search != before))
    return {key: statistics.median(values) for key, values in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=100_000)
    parser.add_argument("--ideas", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this file instead of a temp one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.keep or Path(folder) / "bench.db"
        if not path.exists():
            started = time.perf_counter()
            generate(path, args.decisions, args.ideas)
            print(f"generated {args.decisions:,} decisions and {args.ideas:,} ideas "
                  f"in {time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")
        store = open_store(path)
        print(f"decisions: {store._value('SELECT count(*) FROM decisions'):,}, "
              f"ideas: {store._value('SELECT count(*) FROM ideas'):,}")
        bench_queries(store, args.repeats)
        bench_filter_choices(store, args.repeats)
        try:
            bare, from_start, pushed, keys = asyncio.run(time_register_screen(store))
        except ImportError as error:
            print(f"register screen: not measured ({error})")
        else:
            print(f"first frame of a bare Textual app: {bare * 1000:.0f} ms")
            print(f"app start to the register's first page of 50: {from_start * 1000:.0f} ms "
                  f"({from_start / bare:.2f}x the bare first frame)")
            print(f"register opened in a running app, to its first page (median of 5): {pushed * 1000:.0f} ms")
            base = keys["a"]
            print("filter keys on the register, key to the app idle with the result shown (median of 5; "
                  "ratio to a):")
            for key, label in [("a", "a: first page, no filter (baseline)"),
                               ("e", "e: next series, its first page"),
                               ("t", "t: date range dialog on screen (any dialog)"),
                               ("w", "w: workshop choice on screen"),
                               ("type", "a digit typed in it: the list narrowed"),
                               ("pick", "Enter in it: that workshop's first page")]:
                print(f"  {label:48} {keys[key] * 1000:7.1f} ms  {keys[key] / base:6.1f}x")
        store.close()


if __name__ == "__main__":
    main()
