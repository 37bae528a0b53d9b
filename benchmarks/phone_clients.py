"""The simulated phones of ``bench_phones.py``: each an HTTP client with its own cookies, doing
what a participant's browser does (the pages, the forms, the page's one-second poll of /state),
and everything they saw, tallied in one place. Figures are printed by ``bench_phones.py``.
"""

from __future__ import annotations

import asyncio
import html
import random
import re
import ssl
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

LOOPBACK_PREFIX = "http://127.0.0.1:"
DOUBLE_TAP = 4  # dots sent at once at the end; the budget leaves room for two of them
LIVE_POLL_SECONDS = 1.0  # facilitator/web/static/live.js

CSRF = re.compile(r'name="csrf" value="([^"]+)"')
DATA_KEY = re.compile(r'data-key="([^"]+)"')
CHOICE = re.compile(r'name="choice" value="([a-z]+:\d+)"')
LEFT = re.compile(r"You have <strong>(\d+) of (\d+)</strong>")
PERSON = re.compile(r'name="person" value="(\d+)"')
PROBLEM = re.compile(r'<p class="error"[^>]*><span class="error-word">Problem:</span> (.*?)</p>', re.DOTALL)
# Refusals by the rules, by the words the store uses (facilitator/domain/voting.py, storage/devices.py).
RULES = {"budget": "has used all", "cap": "the most on one item is", "name taken": "has already joined from another phone"}


@dataclass
class Tally:
    """What every phone saw, in one place (one event loop, so no locks)."""

    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # request kind -> ms
    sizes: Counter = field(default_factory=Counter)  # request kind -> bytes received
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
        self.tally.sizes[kind] += len(response.content)
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
        self.tally.candidates = len(choices)
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

    # Plain HTTP to 127.0.0.1 only; one TLS context for all (each client would otherwise load the CA
    # bundle, about 35 ms each), and no proxies from the environment.
    tls = ssl.create_default_context()
    clients = [httpx2.AsyncClient(base_url=room.address, trust_env=False, verify=tls, timeout=60.0)
               for _ in range(phones)]  # fmt: skip
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
