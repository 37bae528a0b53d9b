"""Search everything said before (``facilitator search``) on generated data: 100,000 decisions and
1,000,000 ideas, plus actions, updates and "You said, we did" items.

Prints the time of ``Store.search_everything`` for common, rare, several-word, prefix, empty and
hostile queries (median over repeats; budget 50 ms), how many rows each matched, the same run on
data ten times smaller (the ratio shows how it grows), and what the damaged-file check
(``PRAGMA quick_check``, once per open before the first write) costs on each file.

    .venv/bin/python benchmarks/bench_search.py [--decisions N] [--ideas N] [--keep PATH] [--small-only]

Data comes from ``bench_register.generate`` (bulk inserts in one transaction); the search index is
filled by the schema's own triggers as the rows go in, as it is for every writer.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_register import generate, median_ms, sentence, vocabulary

from facilitator.storage.store import Store, open_store

# (query, as typed on the screen: the last word may be the start of one)
QUERIES = [("sanctuary", False), ("quiet room", False), ("transport home evening", False), ("interpreter deaf", False),
           ("kosolabe", False), ("zzzz nothing", False), ('NEAR("safe" *', False), ("a" * 10_000, False),
           ("s", True), ("sa", True), ("san", True), ("sanc", True), ("quiet roo", True)]  # fmt: skip


def add_follow_up(path: Path, n_decisions: int, seed: int = 7) -> None:
    """Updates for half the actions and one "You said, we did" item per ten decisions."""
    rng = random.Random(seed)
    vocab = vocabulary(rng)
    store = open_store(path)
    conn = store.database.conn
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany(
        "INSERT INTO action_updates (action_id, at, status, note) VALUES (?, '2020-01-01', 'done', ?)",
        [(action_id, sentence(rng, vocab, 5, 15))
         for (action_id,) in conn.execute("SELECT id FROM actions WHERE id % 2 = 0").fetchall()],
    )  # fmt: skip
    workshops = conn.execute("SELECT max(id) FROM workshops").fetchone()[0]
    conn.executemany(
        "INSERT INTO feedback_items (workshop_id, said, done, status) VALUES (?, ?, ?, 'done')",
        [(rng.randint(1, workshops), sentence(rng, vocab, 6, 14), sentence(rng, vocab, 6, 14))
         for _ in range(n_decisions // 10)],
    )  # fmt: skip
    conn.execute("COMMIT")
    store.close()


def matches(store: Store, query: str, as_typed: bool) -> int:
    from facilitator.storage.register import fts_match

    match = fts_match(store.db, query if as_typed else query + " ")
    if match is None:
        return 0
    if match.endswith("*") and len(match.rsplit(" ", 1)[-1]) < len('"ab"*'):
        match = match[:-1]  # as search_everything does: a one-letter start is a word
    try:
        return store._value("SELECT count(*) FROM record_search WHERE record_search MATCH ?", (match,))
    except Exception:  # noqa: BLE001  (a figure, not a test)
        return 0


def bench(path: Path, n_decisions: int, n_ideas: int, repeats: int) -> dict[str, float]:
    if not path.exists():
        started = time.perf_counter()
        generate(path, n_decisions, n_ideas)
        add_follow_up(path, n_decisions)
        print(f"generated {n_decisions:,} decisions and {n_ideas:,} ideas in {time.perf_counter() - started:.1f} s "
              f"({path.stat().st_size / 1e6:.0f} MB)")
    store = open_store(path)
    counts = {table: store._value(f"SELECT count(*) FROM {table}")
              for table in ("decisions", "ideas", "themes", "actions", "action_updates", "feedback_items")}  # fmt: skip
    print("rows: " + ", ".join(f"{table} {n:,}" for table, n in counts.items()))
    print(f"search everything (up to 50 hits, best first; median of {repeats}; budget 50 ms):")
    figures = {}
    for query, as_typed in QUERIES:
        ms = median_ms(lambda q=query, t=as_typed: store.search_everything(q, as_typed=t), repeats)
        key = query + (" (typing)" if as_typed else "")
        figures[key] = ms
        shown = key if len(key) < 30 else key[:12] + f"... ({len(key):,} characters)"
        print(f"  {shown!r:44} {ms:7.1f} ms   ({matches(store, query, as_typed):,} rows match)")
    started = time.perf_counter()
    store.database.check_intact()
    figures["quick_check"] = (time.perf_counter() - started) * 1000
    print(f"quick_check (once per open, before the first write): {figures['quick_check']:.0f} ms "
          f"on {path.stat().st_size / 1e6:.0f} MB")
    store.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--decisions", type=int, default=100_000)
    parser.add_argument("--ideas", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=9)
    parser.add_argument("--keep", type=Path, help="generate into (or reuse) this file instead of a temp one")
    parser.add_argument("--small-only", action="store_true", help="only the data ten times smaller")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(f"== ten times smaller: {args.decisions // 10:,} decisions, {args.ideas // 10:,} ideas")
        small = bench(Path(folder) / "small.db", args.decisions // 10, args.ideas // 10, args.repeats)
        if args.small_only:
            return
        print(f"== full size: {args.decisions:,} decisions, {args.ideas:,} ideas")
        large = bench(args.keep or Path(folder) / "large.db", args.decisions, args.ideas, args.repeats)
        print("ratio full size / ten times smaller:")
        for key, ms in large.items():
            shown = key if len(key) < 30 else key[:12] + "..."
            print(f"  {shown!r:44} {ms / max(small[key], 0.01):7.1f}x")


if __name__ == "__main__":
    main()
