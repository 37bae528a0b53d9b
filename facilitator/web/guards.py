"""What keeps the phones' pages safe: security headers, a cap on request bodies, CSRF tokens,
a rate limit per device, and slowing down wrong join codes.

All in memory: they protect one running server for one workshop and need not survive it.
"""

from __future__ import annotations

import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# An idea may be 10,000 characters; percent-encoded UTF-8 can take up to 12 bytes a character.
MAX_BODY_BYTES = 128 * 1024

SECURITY_HEADERS = [
    # No inline script or style anywhere: our one script and one stylesheet are files.
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                                 b"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    # A person's own dots and ideas must not be kept by the browser or a proxy.
    (b"cache-control", b"no-store"),
]  # fmt: skip


class SecurityHeaders:
    """Adds the headers above to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyTooLarge(Exception):
    pass


class BodyLimit:
    """Refuses a request body over ``limit`` bytes, whether announced (Content-Length) or streamed."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                await _too_large(send)
                return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except BodyTooLarge:
            await _too_large(send)


async def _too_large(send: Send) -> None:
    body = b"That was too much to send at once. Go back, shorten it and send it again."
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]})  # fmt: skip
    await send({"type": "http.response.body", "body": body})


# -- CSRF ---------------------------------------------------------------------------------------


def csrf_token(session: dict) -> str:
    """This browser's token for its forms, made on first use and kept in its signed session."""
    token = session.get("csrf")
    if not isinstance(token, str) or len(token) < 20:
        token = secrets.token_urlsafe(24)
        session["csrf"] = token
    return token


def csrf_ok(session: dict, sent: object) -> bool:
    expected = session.get("csrf")
    return isinstance(expected, str) and isinstance(sent, str) and hmac.compare_digest(expected, sent)


# -- rate limits --------------------------------------------------------------------------------


@dataclass
class _Bucket:
    tokens: float
    at: float


@dataclass
class SendLimit:
    """A token bucket per device: ``burst`` sends at once, then ``per_second`` on average.

    Generous for a person (a quick run of dots or ideas), tight for a script flooding the room.
    """

    burst: int = 30
    per_second: float = 2.0
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[int, _Bucket] = field(default_factory=dict)

    def allow(self, device_id: int) -> bool:
        now = self.clock()
        bucket = self._buckets.get(device_id)
        if bucket is None:
            bucket = self._buckets[device_id] = _Bucket(float(self.burst), now)
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.at) * self.per_second)
        bucket.at = now
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True


@dataclass
class WrongCodeLimit:
    """Slows down guessing: after ``free`` wrong codes from one address, each further try must
    wait, twice as long each time (``first_wait`` seconds, at most ``longest_wait``)."""

    free: int = 5
    first_wait: float = 10.0
    longest_wait: float = 300.0
    clock: Callable[[], float] = time.monotonic
    _wrong: dict[str, tuple[int, float]] = field(default_factory=dict)

    def wait_seconds(self, address: str) -> int:
        """How long ``address`` must still wait before it may try a code (0: it may try now)."""
        count, last = self._wrong.get(address, (0, 0.0))
        if count < self.free:
            return 0
        wait = min(self.first_wait * 2 ** (count - self.free), self.longest_wait)
        return max(0, int(last + wait - self.clock() + 0.999))

    def wrong(self, address: str) -> None:
        count, _ = self._wrong.get(address, (0, 0.0))
        self._wrong[address] = (count + 1, self.clock())

    def right(self, address: str) -> None:
        self._wrong.pop(address, None)
