"""Forty phones on loopback against the real ``facilitator serve``: ideas and dots per second,
send-to-commit and send-to-projector times, the server's memory, and anything lost or wrong.

The server runs as its own process (``python -m facilitator --db DB serve ID --port 0``) over a
temporary database: a workshop from the shipped ``coproduction-workshop`` agenda, at its first
(not silent) ideas stage, with a quarter as many people on the list as there are phones. Each
phone is an HTTP client with its own cookies, doing what a browser does: GET / (the CSRF field),
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
429), lost ideas or dots, budget breaches and ``PRAGMA integrity_check``. At most 200 phones; the
run stops at ``--seconds`` whatever has happened and reports what it has. Only 127.0.0.1 is used.
Figures only; nothing is asserted.

    python benchmarks/bench_phones.py [--phones 40] [--ideas 5] [--seconds 120] [--think 0]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import json
import multiprocessing
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MAX_PHONES = 200
MAX_IDEAS = 50
MAX_SECONDS = 600
LOOPBACK_PREFIX = "http://127.0.0.1:"
DOUBLE_TAP = 4  # dots sent at once at the end; the budget leaves room for two of them
LIVE_POLL_SECONDS = 1.0  # facilitator/web/static/live.js
BUDGET_PROJECTOR_SECONDS = 1.0
BUDGET_MEMORY_MIB = 150

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
DATA_KEY = re.compile(r'data-key="([^"]+)"')
CHOICE = re.compile(r'name="choice" value="([a-z]+:\d+)"')
LEFT = re.compile(r"You have <strong>(\d+) of (\d+)</strong>")
PERSON = re.compile(r'name="person" value="(\d+)"')
PROBLEM = re.compile(r'<p class="error"[^>]*><span class="error-word">Problem:</span> (.*?)</p>', re.S)
# Refusals by the rules, by the words the store uses (facilitator/domain/voting.py, storage/devices.py).
RULES = {"budget": "has used all", "cap": "the most on one item is", "name taken": "has already joined from another phone"}


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
    command = [sys.executable, "-m", "facilitator", "--db", str(db), "serve", str(workshop_id), "--port", "0",
               "--max-devices", str(max_devices)]  # fmt: skip
    with open(log, "wb") as out:
        proc = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=folder)
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


# -- the phones -------------------------------------------------------------------------------------


@dataclass
class Tally:
    """What every phone saw, in one place (one event loop, so no locks)."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # request kind -> ms
    idea_sent: dict[str, float] = field(default_factory=dict)  # text -> when the answered POST was sent
    idea_commit_ms: list[float] = field(default_factory=list)
    dots_saved: Counter = field(default_factory=Counter)  # participant name -> dots the server accepted
    dot_commit_ms: list[float] = field(default_factory=list)
    follow_ms: list[float] = field(default_factory=list)  # stage moved -> vote page loaded on the phone
    refusals: Counter = field(default_factory=Counter)
    limited: int = 0  # 429 answers (waited, then sent again)
    errors: list[str] = field(default_factory=list)
    joined_by_name: int = 0
    joined_as_new: int = 0
    finished: int = 0
    idea_window: list[float] = field(default_factory=list)  # first send, last answer
    dot_window: list[float] = field(default_factory=list)
    candidates: int = 0
    budget: int = 0

    def window(self, which: list[float], start: float, end: float) -> None:
        if not which:
            which.extend([start, end])
        else:
            which[0], which[1] = min(which[0], start), max(which[1], end)


class PhoneFailed(Exception):
    pass


class Room:
    """What the phones share: the address, the code, the tally and the facilitator's signal."""

    def __init__(self, address: str, code: str, stage_id: int, phones: int, ideas: int, think: float) -> None:
        self.address, self.code, self.stage_id, self.ideas, self.think = address, code, stage_id, ideas, think
        self.tally = Tally()
        self.waiting_for_ideas = phones
        self.settled = 0  # phones that have voted, or failed
        self.ideas_done = asyncio.Event()
        self.moved_at: float | None = None

    def idea_phase_over(self) -> None:
        self.waiting_for_ideas -= 1
        if self.waiting_for_ideas == 0:
            self.ideas_done.set()


class Phone:
    def __init__(self, room: Room, number: int, client) -> None:
        self.room, self.n, self.client, self.tally = room, number, client, room.tally
        self.stage_id = room.stage_id
        self.rng = random.Random(number)
        self.csrf = ""
        self.key = ""
        self.name = ""
        self.moved = asyncio.Event()

    async def request(self, kind: str, method: str, path: str, **data) -> tuple[object, float, float]:
        started = time.monotonic()
        try:
            if method == "GET":
                response = await self.client.get(path)
            else:
                response = await self.client.post(path, data=data)
        except Exception as error:  # noqa: BLE001 - counted as an error and the phone stops
            self.tally.errors.append(f"{kind}: {type(error).__name__}: {error}")
            raise PhoneFailed from None
        ended = time.monotonic()
        self.tally.times[kind].append((ended - started) * 1000)
        return response, started, ended

    def fail(self, kind: str, response, expected: str) -> PhoneFailed:
        problem = PROBLEM.search(response.text)
        words = html.unescape(problem.group(1)) if problem else response.text[:120].replace("\n", " ")
        self.tally.errors.append(f"{kind}: HTTP {response.status_code} (expected {expected}): {words}")
        return PhoneFailed()

    def refusal(self, response) -> str | None:
        problem = PROBLEM.search(response.text)
        words = html.unescape(problem.group(1)) if problem else ""
        return next((rule for rule, marker in RULES.items() if marker in words), None)

    async def page(self, path: str = "/now") -> str:
        response, _, _ = await self.request("GET /now", "GET", path)
        if response.status_code != 200:
            raise self.fail("GET /now", response, "200")
        key = DATA_KEY.search(response.text)
        self.key = key.group(1) if key else ""
        return response.text

    async def pause(self) -> None:
        if self.room.think:
            await asyncio.sleep(self.rng.uniform(0, self.room.think))

    # -- joining ---------------------------------------------------------------------------------

    async def join(self) -> None:
        response, _, _ = await self.request("GET /", "GET", "/")
        found = CSRF.search(response.text)
        if response.status_code != 200 or not found:
            raise self.fail("GET /", response, "200 with a form")
        self.csrf = found.group(1)
        await self.pause()
        response, _, _ = await self.request("POST /join", "POST", "/join", csrf=self.csrf, code=self.room.code)
        if response.status_code != 303:
            raise self.fail("POST /join", response, "303")
        response, _, _ = await self.request("GET /who", "GET", "/who")
        if response.status_code != 200:
            raise self.fail("GET /who", response, "200")
        names = PERSON.findall(response.text)
        if self.n % 4 == 0:
            for _ in range(3):
                if not names:
                    break
                await self.pause()
                response, _, _ = await self.request("POST /who/name", "POST", "/who/name", csrf=self.csrf,
                                                    person=self.rng.choice(names))  # fmt: skip
                if response.status_code == 303:
                    self.tally.joined_by_name += 1
                    return
                rule = self.refusal(response) if response.status_code == 400 else None
                if rule is None:
                    raise self.fail("POST /who/name", response, "303, or a name taken")
                self.tally.refusals[rule] += 1
                names = PERSON.findall(response.text)
        await self.pause()
        appear = ("named", "perspective", "anonymous")[self.n % 3]
        name = "" if self.n % 5 == 1 else f"Phone {self.n}"
        response, _, _ = await self.request("POST /who/new", "POST", "/who/new", csrf=self.csrf, name=name,
                                            perspective=["carer", "staff"][: self.n % 3], appear=appear)  # fmt: skip
        if response.status_code != 303:
            raise self.fail("POST /who/new", response, "303")
        self.tally.joined_as_new += 1

    # -- following the stage, as the page's script does -----------------------------------------

    async def follow(self) -> None:
        await asyncio.sleep(self.rng.uniform(0, LIVE_POLL_SECONDS))
        tick = time.monotonic()
        while True:
            response, _, _ = await self.request("GET /state", "GET", "/state")
            if response.status_code != 200:
                raise self.fail("GET /state", response, "200")
            if response.json().get("key") != self.key:
                self.moved.set()
            now = time.monotonic()
            while tick <= now:  # setInterval: the next whole second (skipped while one was in flight)
                tick += LIVE_POLL_SECONDS
            await asyncio.sleep(tick - now)

    # -- ideas -------------------------------------------------------------------------------------

    async def send_ideas(self) -> None:
        for i in range(self.room.ideas):
            text = f"Phone {self.n}, idea {i}: {self.rng.getrandbits(48):012x}"
            fields = {"csrf": self.csrf, "stage": str(self.room.stage_id), "idea": text}
            if (self.n + i) % 5 == 0:
                fields["anonymous"] = "yes"
            await self.pause()
            while True:
                response, started, ended = await self.request("POST /ideas", "POST", "/ideas", **fields)
                if response.status_code != 429:
                    break
                self.tally.limited += 1
                await asyncio.sleep(self.rng.uniform(3, 6))  # "Wait a few seconds, then send it again."
            if response.status_code != 303:
                raise self.fail("POST /ideas", response, "303")
            self.tally.idea_sent[text] = started
            self.tally.idea_commit_ms.append((ended - started) * 1000)
            self.tally.window(self.tally.idea_window, started, ended)
            await self.page(response.headers["location"])

    # -- dots --------------------------------------------------------------------------------------

    async def dot(self, choice: str) -> str:
        """One dot: 'saved', or the rule that refused it."""
        fields = {"csrf": self.csrf, "stage": str(self.stage_id), "choice": choice, "change": "add"}
        while True:
            response, started, ended = await self.request("POST /dots", "POST", "/dots", **fields)
            if response.status_code != 429:
                break
            self.tally.limited += 1
            await asyncio.sleep(self.rng.uniform(3, 6))
        if response.status_code == 303:
            self.tally.dots_saved[self.name] += 1
            self.tally.dot_commit_ms.append((ended - started) * 1000)
            self.tally.window(self.tally.dot_window, started, ended)
            return "saved"
        rule = self.refusal(response) if response.status_code == 400 else None
        if rule is None:
            raise self.fail("POST /dots", response, "303, or a refusal by the rules")
        self.tally.refusals[rule] += 1
        return rule

    async def vote(self, poll: asyncio.Task) -> None:
        moved = asyncio.create_task(self.moved.wait())
        await asyncio.wait([moved, poll], return_when=asyncio.FIRST_COMPLETED)
        if not self.moved.is_set():
            moved.cancel()
            raise PhoneFailed  # its /state poll failed (already counted)
        text = await self.page()
        if self.room.moved_at is not None:
            self.tally.follow_ms.append((time.monotonic() - self.room.moved_at) * 1000)
        choices = CHOICE.findall(text)
        left = LEFT.search(text)
        stage = re.search(r'name="stage" value="(\d+)"', text)
        if not choices or not left or not stage:
            self.tally.errors.append(f"phone {self.n}: the vote page had no candidates or no budget")
            raise PhoneFailed
        self.stage_id = int(stage.group(1))
        self.tally.candidates, self.tally.budget = len(choices), int(left.group(2))
        favourites = self.rng.sample(choices, min(len(choices), 8))
        one_by_one = max(0, int(left.group(1)) - 2)
        saved = attempts = 0
        while saved < one_by_one and attempts < 4 * one_by_one + 8:
            attempts += 1
            await self.pause()
            choice = self.rng.choice(favourites)
            outcome = await self.dot(choice)
            if outcome == "saved":
                saved += 1
            elif outcome == "cap":
                favourites.remove(choice)  # a person learns that one is full
                favourites = favourites or self.rng.sample(choices, min(len(choices), 8))
            else:
                break
        await self.pause()
        await asyncio.gather(*(self.dot(self.rng.choice(choices)) for _ in range(DOUBLE_TAP)))
        await self.page()

    async def run(self) -> None:
        poll = None
        voted = False
        try:
            try:
                await self.join()
                text = await self.page()
                self.name = html.unescape(re.search(r"You joined as (.*?)\. ", text).group(1))
                poll = asyncio.create_task(self.follow())
                await self.send_ideas()
            finally:
                self.room.idea_phase_over()
            await self.vote(poll)
            voted = True
            self.tally.finished += 1
            self.room.settled += 1
            await poll  # keeps following the workshop, like an open page, until the run ends
        except PhoneFailed:
            if not voted:
                self.room.settled += 1
        finally:
            if poll is not None:
                poll.cancel()


async def run_phones(room: Room, phones: int, vote_stage_id: int, db: Path, seconds: float) -> bool:
    """All the phones, and the facilitator moving the stage; False if the time limit stopped it."""
    import httpx2

    from facilitator.storage.store import open_store

    def move_to_vote() -> float:
        store = open_store(db, create=False)
        try:
            store.start_stage(vote_stage_id)
            return time.monotonic()
        finally:
            store.close()

    clients = [httpx2.AsyncClient(base_url=room.address, trust_env=False, timeout=60.0) for _ in range(phones)]
    tasks = [asyncio.create_task(Phone(room, n, client).run()) for n, client in enumerate(clients)]

    async def facilitator() -> None:
        await room.ideas_done.wait()
        room.moved_at = await asyncio.to_thread(move_to_vote)

    async def everyone_voted() -> None:
        while room.settled < phones:
            await asyncio.sleep(0.1)
        await asyncio.sleep(2 * LIVE_POLL_SECONDS)  # the open pages keep polling a moment longer

    deadline = asyncio.create_task(asyncio.sleep(seconds))
    work = asyncio.create_task(asyncio.wait([asyncio.create_task(facilitator()), asyncio.create_task(everyone_voted())]))
    done, _ = await asyncio.wait([deadline, work], return_when=asyncio.FIRST_COMPLETED)
    in_time = work in done
    for task in [deadline, work, *tasks]:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.gather(*(client.aclose() for client in clients), return_exceptions=True)
    return in_time


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
        try:
            time.sleep(0.5)
            memory_before, cpu_before = memory_kib(server.pid), cpu_seconds(server.pid)
            go, stop, out = ctx.Event(), ctx.Event(), ctx.Queue()
            readies = {interval: ctx.Event() for interval in (0.5, 0.010)}
            screens = [ctx.Process(target=projector, args=(str(db), workshop_id, ideas_stage, interval, ready, go, stop, out))
                       for interval, ready in readies.items()]  # fmt: skip
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
            for proc in screens:
                proc.join(30)
            memory_after, cpu_after = memory_kib(server.pid), cpu_seconds(server.pid)
        finally:
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
            print(line(f"request {kind}", tally.times[kind]))
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
    noisy = [text for text in server_log if not text.startswith(("Only this computer", "Press Ctrl+C"))]
    for text in noisy[:10]:
        print(f"    server: {text[:200]}")
    projected = seen.get(0.5, ({}, 0, 0, 0.0))[0]
    latency = [(projected[text] - at) for text, at in tally.idea_sent.items() if text in projected]
    print(f"Budget: p95 send-to-projector under {BUDGET_PROJECTOR_SECONDS:g} s: {percentile(latency, 0.95):.2f} s; "
          f"server memory under {BUDGET_MEMORY_MIB} MiB with {phones} phones: peak {mib(memory_after['VmHWM'])}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
