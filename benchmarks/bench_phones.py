"""Forty phones on loopback against the real ``facilitator serve``: ideas and dots per second,
send-to-commit and send-to-projector times, the server's memory, and anything lost or wrong.

The server runs as its own process (``python -m facilitator --db DB serve ID --host 127.0.0.1
--port 0``; its address read from the ``web_servers`` row it records) over a temporary database: a workshop from the shipped ``coproduction-workshop`` agenda, at its first
(not silent) ideas stage, with a quarter as many people on the list as there are phones. Each
phone (``phone_clients.py``) is an HTTP client with its own cookies, doing what a browser does: GET / (the CSRF field),
POST /join with the code, GET /who, then claims a name from the list (every fourth phone; a name
another phone took first is a refusal by the rules, and it tries another or joins as new) or
POST /who/new. It then sends its ideas (POST /ideas, following the 303 to /now as a browser
does) and, like the page's script, polls GET /state once a second. When every phone has sent its
ideas, the benchmark (as the facilitator) moves the workshop to the vote; each phone notices it
through /state, loads the vote page and gives its dots (POST /dots, ``choice=kind:id``): all but
two one at a time, then a double tap of four at once, two of which the budget must refuse. A
phone answered 429 (the per-device send limit) waits a few seconds and sends again, as a person
would; those are counted apart. Each phone waits a random 0 to ``--think`` seconds before each
send (default 0: everyone presses send at once, the worst moment of a workshop).

Two more processes do what the run screen does: poll ``PRAGMA data_version`` (every 0.5 s, the
app's own interval, and every 10 ms, the floor the file allows) and read the stage's ideas when
it changes, noting when each idea was first seen (the drawing itself is not included:
``bench_live.py`` measures the real app's screen). Times are on the system-wide monotonic clock.

Printed: per request kind, the count and the 50th/95th percentile and slowest times; ideas and
dots per second; send to commit (the POST's answer comes after the commit) and send to projector;
the server's memory (VmRSS, VmHWM) and CPU time; errors (anything but a refusal by the rules or a
429), lost ideas or dots, budget breaches and ``PRAGMA integrity_check``. At most 200 phones and 50
ideas each; the phones stop at ``--seconds`` (at most 600) whatever has happened, and the run
reports what it has (ideas sent but not answered by then are counted apart, not as lost). Only
127.0.0.1 is used. Figures only; nothing is asserted.

    python benchmarks/bench_phones.py [--phones 40] [--ideas 5] [--seconds 120] [--think 0]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.phone_clients import LOOPBACK_PREFIX, Room, Tally, run_phones

MAX_PHONES = 200
MAX_IDEAS = 50
MAX_SECONDS = 600
PROJECT = Path(__file__).resolve().parents[1]
BUDGET_PROJECTOR_SECONDS = 1.0
BUDGET_MEMORY_MIB = 150


# -- the workshop, the server and the projector ---------------------------------------------------


def build(path: Path, names: int) -> tuple[int, int, int, str]:
    """The workshop at its first open ideas stage; returns its id, that stage, the vote stage and the code."""
    from facilitator.domain.agenda import find_agenda, load_agenda_file, stages_from_agenda
    from facilitator.storage.store import open_store

    store = open_store(path)
    agenda = load_agenda_file(find_agenda("coproduction-workshop"))
    workshop = store.create_workshop(title="Phones benchmark", stages=stages_from_agenda(agenda))
    for n in range(names):
        store.add_participant(workshop.id, f"Listed {n}", ["carer"], "named", arrived=True)
    stages = store.stages(workshop.id)
    ideas = next(s for s in stages if s.kind == "ideas" and not s.settings.get("silent"))
    vote = next(s for s in stages if s.kind == "vote")
    store.start_stage(ideas.id)
    code = store.join_code(workshop.id)
    store.close()
    return workshop.id, ideas.id, vote.id, code


def start_server(db: Path, workshop_id: int, folder: Path, max_devices: int) -> tuple[subprocess.Popen, str, Path]:
    """``facilitator serve`` in its own process; its address as it recorded it in the file."""
    from facilitator.storage.store import open_store

    env = {**os.environ, "FACILITATOR_HOME": str(folder / "home")}  # its cookie secret stays in here
    env.pop("FACILITATOR_DB", None)
    log = folder / "server.log"
    command = [sys.executable, "-m", "facilitator", "--db", str(db), "serve", str(workshop_id), "--host", "127.0.0.1",
               "--port", "0", "--max-devices", str(max_devices)]  # fmt: skip
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=PROJECT)
    store = open_store(db, create=False)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            recorded = store.web_server(workshop_id)
            if recorded is not None and recorded.pid == proc.pid:
                if not recorded.address.startswith(LOOPBACK_PREFIX):
                    stop_server(proc)
                    raise SystemExit(f"The server opened {recorded.address}, not 127.0.0.1; stopped it.")
                return proc, recorded.address.rstrip("/"), log
            if proc.poll() is not None:
                break
            time.sleep(0.05)
    finally:
        store.close()
    stop_server(proc)
    raise SystemExit(f"The server did not start:\n{log.read_text(errors='replace')[-2000:]}")


def stop_server(proc: subprocess.Popen) -> int | None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)  # uvicorn shuts down cleanly (and forgets its web_servers row)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)
    return proc.returncode


def memory_kib(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (the peak) from /proc, in KiB."""
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            found[name] = int(value.split()[0])
    return found


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def projector(db: str, workshop_id: int, stage_id: int, interval: float, ready, go, stop, out) -> None:
    """What the run screen does: poll data_version every ``interval``; on a change, read the room
    and the stage's ideas again. Reports when each idea (by its text) was first read."""
    from facilitator.storage.store import open_store

    store = open_store(db, create=False)
    version = store.data_version()
    known = {idea.id for idea in store.ideas(stage_id=stage_id)}
    seen: dict[str, float] = {}
    polls = changes = 0
    ready.set()
    go.wait()
    tick = time.monotonic()
    while not stop.is_set():
        tick += interval
        time.sleep(max(0.0, tick - time.monotonic()))
        polls += 1
        current = store.data_version()
        if current == version:
            continue
        version, changes = current, changes + 1
        store.participants(workshop_id)
        ideas = store.ideas(stage_id=stage_id)
        now = time.monotonic()
        for idea in ideas:
            if idea.id not in known:
                known.add(idea.id)
                seen[idea.text] = now
    store.close()
    out.put((interval, seen, polls, changes, time.process_time()))


# -- checking the file and reporting ------------------------------------------------------------------


def check_file(db: Path, workshop_id: int, ideas_stage: int, vote_stage: int, tally: Tally) -> dict:
    conn = sqlite3.connect(db)
    try:
        texts = {text for (text,) in conn.execute("SELECT text FROM ideas WHERE stage_id = ?", (ideas_stage,))}
        budget, settings = conn.execute("SELECT vote_budget, settings FROM stages WHERE id = ?", (vote_stage,)).fetchone()
        cap = int(json.loads(settings or "{}").get("max_per_candidate", 3))
        per_person = dict(conn.execute(
            "SELECT p.name, count(*) FROM votes v JOIN participants p ON p.id = v.participant_id "
            "WHERE v.stage_id = ? GROUP BY p.id", (vote_stage,)).fetchall())  # fmt: skip
        over_cap = conn.execute(
            "SELECT count(*) FROM (SELECT count(*) AS n FROM votes WHERE stage_id = ? "
            "GROUP BY participant_id, candidate_kind, candidate_id HAVING n > ?)", (vote_stage, cap)).fetchone()[0]  # fmt: skip
        over_budget = sum(1 for n in per_person.values() if budget is not None and n > budget)
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        devices = conn.execute("SELECT count(*) FROM devices WHERE workshop_id = ?", (workshop_id,)).fetchone()[0]
        still_recorded = conn.execute("SELECT count(*) FROM web_servers").fetchone()[0]
    finally:
        conn.close()
    saved = set(tally.idea_sent)
    dots_differ = sum(1 for name in set(per_person) | set(tally.dots_saved)
                      if per_person.get(name, 0) != tally.dots_saved.get(name, 0))  # fmt: skip
    return {
        "lost ideas": len(saved - texts),
        "ideas in the file no phone was told of": len(texts - saved),
        "dots in the file": sum(per_person.values()),
        "people whose dots differ from what they were told": dots_differ,
        "budget breaches": over_budget,
        "cap breaches": over_cap,
        "integrity_check": integrity,
        "devices": devices,
        "budget": budget,
        "cap": cap,
        "server still recorded": still_recorded,
    }


def server_log_summary(lines: list[str]) -> Counter:
    """What the server wrote besides its greeting: each traceback counted by its last line (the
    exception), other lines as they are."""
    found: Counter = Counter()
    in_traceback = False
    for text in lines:
        if text.startswith(("Only this computer", "Press Ctrl+C")):
            continue
        if text.startswith("ERROR:    Exception in ASGI application"):
            continue
        if text.startswith("Traceback ("):
            in_traceback = True
            continue
        if in_traceback:
            if text.startswith((" ", "During handling", "The above exception")) or not text.strip():
                continue
            in_traceback = False
            found[f"traceback ending in {text.strip()}"] += 1
            continue
        found[text.strip()] += 1
    return found


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(share * len(ordered)) - 1)] if ordered else float("nan")


def line(label: str, values: list[float], rate: float | None = None) -> str:
    per_second = f"{rate:8.1f}" if rate is not None else " " * 8
    if not values:
        return f"  {label:<44} {0:6d} {per_second}        -        -        -"
    return (f"  {label:<44} {len(values):6d} {per_second} {percentile(values, 0.5):8.1f} {percentile(values, 0.95):8.1f} "
            f"{max(values):8.1f}")  # fmt: skip


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=40, help=f"simulated phones (at most {MAX_PHONES})")
    parser.add_argument("--ideas", type=int, default=5, help=f"ideas per phone (at most {MAX_IDEAS})")
    parser.add_argument("--seconds", type=float, default=120.0, help=f"stop after this long (at most {MAX_SECONDS})")
    parser.add_argument("--think", type=float, default=0.0, help="a random pause of up to this many seconds before each send")
    args = parser.parse_args(argv)
    phones = max(1, min(args.phones, MAX_PHONES))
    ideas = max(1, min(args.ideas, MAX_IDEAS))
    seconds = max(1.0, min(args.seconds, MAX_SECONDS))
    think = max(0.0, min(args.think, 30.0))
    if (phones, ideas, seconds) != (args.phones, args.ideas, args.seconds):
        print(f"(bounded: {phones} phones, {ideas} ideas each, at most {seconds:g} s)")

    ctx = multiprocessing.get_context("spawn")
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "phones.db"
        workshop_id, ideas_stage, vote_stage, code = build(db, max(1, phones // 4))
        server, address, log = start_server(db, workshop_id, folder, max_devices=max(60, phones))
        go, stop, out = ctx.Event(), ctx.Event(), ctx.Queue()
        readies = {interval: ctx.Event() for interval in (0.5, 0.010)}
        screens = [ctx.Process(target=projector, args=(str(db), workshop_id, ideas_stage, interval, ready, go, stop, out))
                   for interval, ready in readies.items()]  # fmt: skip
        try:
            time.sleep(0.5)
            memory_before, cpu_before = memory_kib(server.pid), cpu_seconds(server.pid)
            for proc in screens:
                proc.start()
            for ready in readies.values():
                ready.wait(60)
            room = Room(address, code, ideas_stage, phones, ideas, think)
            go.set()
            started, phones_cpu = time.monotonic(), time.process_time()
            in_time = asyncio.run(run_phones(room, phones, vote_stage, db, seconds))
            elapsed, phones_cpu = time.monotonic() - started, time.process_time() - phones_cpu
            stop.set()
            seen = {}
            for _ in screens:
                interval, result, polls, changes, cpu = out.get(timeout=60)
                seen[interval] = (result, polls, changes, cpu)
            memory_after, cpu_after = memory_kib(server.pid), cpu_seconds(server.pid)
        finally:
            stop.set()
            for proc in screens:
                if proc.pid is not None:
                    proc.join(30)
                    if proc.is_alive():
                        proc.terminate()
            stop_server(server)
        tally = room.tally
        found = check_file(db, workshop_id, ideas_stage, vote_stage, tally)
        server_log = log.read_text(errors="replace").strip().splitlines()

    requests = sum(len(v) for v in tally.times.values())
    idea_rate = len(tally.idea_sent) / (tally.idea_window[1] - tally.idea_window[0]) if tally.idea_window else 0.0
    dots = sum(tally.dots_saved.values())
    dot_rate = dots / (tally.dot_window[1] - tally.dot_window[0]) if tally.dot_window else 0.0
    print(f"{phones} phones on 127.0.0.1 ({tally.joined_by_name} claimed a name on the list, {tally.joined_as_new} "
          f"joined as someone new), {ideas} ideas each, then a secret dot vote on {tally.candidates} candidates "
          f"(budget {found['budget']}, at most {found['cap']} on one); think time 0-{think:g} s; "
          f"{multiprocessing.cpu_count()} CPUs here; {elapsed:.1f} s"
          + ("" if in_time else f"  ** STOPPED AT THE {seconds:g} s LIMIT **"))  # fmt: skip
    print(f"  {'':<44} {'count':>6} {'per s':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    print(line("idea: send -> committed (POST answered)", tally.idea_commit_ms, idea_rate))
    print(line("dot: send -> committed (POST answered)", tally.dot_commit_ms, dot_rate))
    for interval in (0.5, 0.010):
        result, polls, changes, cpu = seen.get(interval, ({}, 0, 0, 0.0))
        latency = [(result[text] - at) * 1000 for text, at in tally.idea_sent.items() if text in result]
        label = "idea: send -> read by a 10 ms poller" if interval < 0.1 else "idea: send -> on the projector (0.5 s poll)"
        print(line(label, latency) + f"   ({len(latency)}/{len(tally.idea_sent)} seen; {changes} reads, CPU {cpu:.2f} s)")
    print(line("stage moved to the vote -> vote page on phone", tally.follow_ms))
    for kind in ("GET /", "POST /join", "GET /who", "POST /who/name", "POST /who/new", "GET /now", "GET /state",
                 "POST /ideas", "POST /dots"):  # fmt: skip
        if tally.times.get(kind):
            size = tally.sizes[kind] / len(tally.times[kind]) / 1024
            print(line(f"request {kind}", tally.times[kind]) + f"   ({size:.1f} KiB a response)")
    print(f"  server memory: VmRSS {mib(memory_before['VmRSS'])} idle before, {mib(memory_after['VmRSS'])} after; "
          f"peak VmHWM {mib(memory_after['VmHWM'])} (budget {BUDGET_MEMORY_MIB} MiB)")  # fmt: skip
    busy = cpu_after - cpu_before
    print(f"  server CPU: {busy:.2f} s over {elapsed:.1f} s ({100 * busy / elapsed:.0f}% of one core), "
          f"{1000 * busy / max(1, requests):.2f} ms a request ({requests} requests); the phones' own process "
          f"{phones_cpu:.2f} s ({100 * phones_cpu / elapsed:.0f}%); load average before {load[0]:.2f}")  # fmt: skip
    refusals = ", ".join(f"{n} {rule}" for rule, n in sorted(tally.refusals.items())) or "none"
    print(f"  errors {len(tally.errors)}   rate-limited (429, waited and sent again) {tally.limited}   "
          f"refused by the rules: {refusals}   phones that finished {tally.finished}/{phones}")
    print(f"  ideas: {len(tally.idea_sent)} answered as saved, lost {found['lost ideas']}, in the file but never "
          f"answered {found['ideas in the file no phone was told of']}   dots: {dots} answered as saved, "
          f"{found['dots in the file']} in the file, people differing {found['people whose dots differ from what they were told']}")  # fmt: skip
    print(f"  budget breaches {found['budget breaches']}   cap breaches {found['cap breaches']}   "
          f"integrity_check {found['integrity_check']}   server's record removed on stop: "
          f"{'yes' if not found['server still recorded'] else 'no'}")  # fmt: skip
    for error in sorted(Counter(tally.errors).items(), key=lambda item: -item[1])[:8]:
        print(f"    {error[1]} x {error[0][:200]}")
    logged = server_log_summary(server_log)
    for text, count in logged.most_common(8):
        print(f"    server log: {count} x {text[:200]}")
    projected = seen.get(0.5, ({}, 0, 0, 0.0))[0]
    latency = [(projected[text] - at) for text, at in tally.idea_sent.items() if text in projected]
    print(f"Budget: p95 send-to-projector under {BUDGET_PROJECTOR_SECONDS:g} s: {percentile(latency, 0.95):.2f} s; "
          f"server memory under {BUDGET_MEMORY_MIB} MiB with {phones} phones: peak {mib(memory_after['VmHWM'])}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
