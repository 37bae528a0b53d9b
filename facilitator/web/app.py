"""The participants' web app for one workshop, built once per server (and per test)."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from facilitator.domain.errors import FacilitatorError
from facilitator.storage.devices import DEFAULT_MAX_DEVICES
from facilitator.storage.store import Store, open_store
from facilitator.web import joining, kinds_routes, taking_part
from facilitator.web.guards import BodyLimit, SecurityHeaders
from facilitator.web.site import HERE, Site, problem_page, render
from facilitator.web.store_thread import StoreThread

SESSION_COOKIE = "facilitator_phone"
# A workshop is a day at most; a phone that comes back tomorrow joins again with the code.
SESSION_SECONDS = 16 * 60 * 60


def create_app(db_path: Path | str, workshop_id: int, *, secret: str, max_devices: int = DEFAULT_MAX_DEVICES,
               clock: Callable[[], float] = time.time, open_for_tests: Callable[[], Store] | None = None,
               on_start: Callable[[Store], None] | None = None,
               on_stop: Callable[[Store], None] | None = None) -> Starlette:  # fmt: skip
    """The app. ``secret`` signs the phones' cookies; ``on_start``/``on_stop`` run on the store's
    thread (the server records itself there so the run screen's Join panel can find it)."""
    store_thread = StoreThread(open_for_tests or (lambda: open_store(db_path, create=False, clock=clock)))
    site = Site(workshop_id=workshop_id, store=store_thread, max_devices=max_devices, clock=clock)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        if on_start is not None:
            await store_thread.run(on_start)
        try:
            yield
        finally:
            if on_stop is not None:
                await store_thread.run(on_stop)
            store_thread.close()

    middleware = [
        Middleware(SecurityHeaders),
        Middleware(BodyLimit),
        # Signed with a secret kept privately on this computer (itsdangerous); SameSite=Strict, so
        # another site's page can never send a form with it.
        Middleware(SessionMiddleware, secret_key=secret, session_cookie=SESSION_COOKIE, max_age=SESSION_SECONDS,
                   same_site="strict", https_only=False),  # fmt: skip
    ]
    routes = [*joining.routes, *taking_part.routes, *kinds_routes.routes,
              Mount("/static", app=StaticFiles(directory=HERE / "static"))]  # fmt: skip
    app = Starlette(
        routes=routes,
        middleware=middleware,
        lifespan=lifespan,
        exception_handlers={FacilitatorError: _problem, HTTPException: _not_here},
    )
    app.state.site = site
    return app


async def _problem(request: Request, error: Exception) -> Response:
    assert isinstance(error, FacilitatorError)
    return problem_page(request, error)


async def _not_here(request: Request, error: Exception) -> Response:
    status = getattr(error, "status_code", 404)
    if status == 405:
        message = "That page cannot be used that way. Go back to the workshop."
    else:
        message = "There is no such page here. Go back to the workshop."
    return render(request, "message.html", status_code=status, heading="Not found" if status == 404 else "Sorry",
                  message=message)  # fmt: skip
