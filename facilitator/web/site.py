"""What every page handler shares: the server's settings, the session, rendering and refusals.

The session is Starlette's signed cookie (itsdangerous). It holds this browser's CSRF token, its
device token (whose SHA-256 is the device's key in the database), and the ids of the anonymous
ideas it sent: the record keeps no link from an anonymous idea to anyone, so only the phone
itself can know which are its own.
"""

from __future__ import annotations

import functools
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from facilitator.domain.errors import FacilitatorError
from facilitator.storage.devices import DEFAULT_MAX_DEVICES
from facilitator.web import views
from facilitator.web.guards import SendLimit, WrongCodeLimit, csrf_ok, csrf_token
from facilitator.web.store_thread import StoreThread

HERE = Path(__file__).parent
# At most this many anonymous idea ids are remembered in a phone's cookie (the cookie stays small).
ANONYMOUS_REMEMBERED = 200

templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    # Participants' text is data: every value is escaped, in every template, always.
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


@dataclass
class Site:
    """One running server: one workshop, its store thread and its limits."""

    workshop_id: int
    store: StoreThread
    max_devices: int = DEFAULT_MAX_DEVICES
    send_limit: SendLimit = field(default_factory=SendLimit)
    wrong_codes: WrongCodeLimit = field(default_factory=WrongCodeLimit)
    clock: Callable[[], float] = time.time

    async def now(self, request: Request) -> views.Now:
        return await self.store.run(views.now, self.workshop_id, device_token(request), self.clock)


def site_of(request: Request) -> Site:
    return request.app.state.site


def device_token(request: Request) -> str | None:
    token = request.session.get("device")
    return token if isinstance(token, str) else None


def new_device_token(request: Request) -> str:
    token = secrets.token_urlsafe(32)
    request.session["device"] = token
    return token


def anonymous_ids(request: Request) -> list[int]:
    ids = request.session.get("anonymous")
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def remember_anonymous(request: Request, idea_id: int) -> None:
    request.session["anonymous"] = [*anonymous_ids(request), idea_id][-ANONYMOUS_REMEMBERED:]


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("csrf", csrf_token(request.session))
    context.setdefault("title", "Join the workshop")
    page = templates.get_template(template).render(**context)
    return HTMLResponse(page, status_code=status_code)


def go(path: str) -> RedirectResponse:
    """After a form: go to the page that shows the result (a reload never sends it twice)."""
    return RedirectResponse(path, status_code=303)


async def checked_form(request: Request) -> tuple[dict[str, Any] | None, Response | None]:
    """The form's fields, or the page that says why it was refused (no cookies, an old form)."""
    try:
        form = await request.form()
    except ClientDisconnect:  # the phone went away mid-send (walked out of Wi-Fi): nothing to answer
        return None, Response(status_code=400)
    fields: dict[str, Any] = {key: form.getlist(key) if key == "perspective" else form.get(key) for key in form}
    if not csrf_ok(request.session, fields.get("csrf")):
        refusal = render(
            request, "message.html", status_code=403, heading="Please try that again",
            message="This page was out of date, or your browser is not keeping cookies for it. "
                    "Open the page again (cookies must be allowed for it to remember that you joined).",
        )  # fmt: skip
        return None, refusal
    return fields, None


def form_handler(needs: str):
    """A POST route: its form's CSRF token checked, then where this phone is.

    ``needs`` is what the phone must have done first: "device" (typed the code), "no person"
    (typed the code but not yet said who it is) or "person" (said who it is). A phone that has
    not is sent to the page that asks for it. The handler gets ``(request, fields, state)``.
    """

    def wrap(handler: Callable[[Request, dict[str, Any], views.Now], Awaitable[Response]]):
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            fields, refusal = await checked_form(request)
            if refusal:
                return refusal
            state = await site_of(request).now(request)
            if state.device is None:
                return go("/")
            if needs == "person" and state.person is None:
                return go("/who")
            if needs == "no person" and state.person is not None:
                return go("/now")
            return await handler(request, fields, state)

        return endpoint

    return wrap


def problem_page(request: Request, error: FacilitatorError) -> HTMLResponse:
    """A storage problem (the file busy for a long time, read-only, damaged): one sentence."""
    return render(request, "message.html", status_code=503, heading="Something went wrong", message=str(error))
