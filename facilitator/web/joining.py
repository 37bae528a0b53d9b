"""Joining: the code, then who you are (a name on the list, or someone new), and leaving."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from facilitator.domain.attribution import PERSPECTIVE_GROUPS
from facilitator.domain.errors import FacilitatorError, InvalidText, NotFound, RuleBroken, WorkshopFull, WrongJoinCode
from facilitator.domain.models import Attribution, Perspective
from facilitator.web.site import checked_form, form_handler, go, new_device_token, render, site_of
from facilitator.web.views import Now

# How a person can appear, in plain words (the value is ``Attribution``).
APPEAR_CHOICES = [
    (Attribution.NAMED.value, "By my name"),
    (Attribution.PERSPECTIVE.value, "By my perspective only (for example \u201ca carer\u201d), never my name"),
    (Attribution.ANONYMOUS.value, "Anonymously: no name and no perspective"),
]
PERSPECTIVE_CHOICES = [
    (Perspective.LIVED_EXPERIENCE.value, "I have lived experience of mental ill health"),
    (Perspective.CARER.value, "I am a carer"),
    (Perspective.STAFF.value, "I work in a service"),
    (Perspective.COMMISSIONER.value, "I fund or commission services"),
    (Perspective.OTHER.value, "Something else"),
]
assert {value for value, _ in PERSPECTIVE_CHOICES} == {p.value for p in PERSPECTIVE_GROUPS}


async def start(request: Request) -> Response:
    """The address on the screen: the code form, or straight to the workshop if joined already."""
    site = site_of(request)
    state = await site.now(request)
    if state.device is not None:
        return go("/now" if state.person else "/who")
    typed = str(request.query_params.get("code", ""))[:20]
    return render(request, "join.html", workshop=state.workshop, code=typed, title="Join the workshop")


async def join(request: Request) -> Response:
    site = site_of(request)
    fields, refusal = await checked_form(request)
    if refusal:
        return refusal
    typed = str(fields.get("code") or "")[:40]
    state = await site.now(request)
    if state.device is not None:  # joined already (the form sent twice, or Back then Join)
        return go("/now" if state.person else "/who")
    address = request.client.host if request.client else "unknown"
    wait = site.wrong_codes.wait_seconds(address)
    if wait:
        return render(request, "join.html", status_code=429, workshop=state.workshop, code=typed,
                      error=f"Too many wrong codes from this device. Wait {wait} seconds, then try again.")  # fmt: skip
    token = new_device_token(request)
    try:
        await site.store.run(
            lambda store: store.join_device(site.workshop_id, typed, token, max_devices=site.max_devices)
        )
    except RuleBroken as error:  # a wrong code, no code, a full or finished workshop
        request.session.pop("device", None)
        if isinstance(error, WrongJoinCode):
            site.wrong_codes.wrong(address)
        status = 429 if isinstance(error, WorkshopFull) else 400
        return render(request, "join.html", status_code=status, workshop=state.workshop, code=typed, error=str(error))
    site.wrong_codes.right(address)
    return go("/who")


async def who(request: Request) -> Response:
    site = site_of(request)
    state = await site.now(request)
    if state.device is None:
        return go("/")
    if state.person is not None:
        return go("/now")
    names = await site.store.run(lambda store: store.names_to_claim(site.workshop_id))
    return render(request, "who.html", workshop=state.workshop, names=names, appear=APPEAR_CHOICES,
                  perspectives=PERSPECTIVE_CHOICES, title="Who are you?", form={})  # fmt: skip


@form_handler("no person")
async def claim(request: Request, fields: dict, state: Now) -> Response:
    site = site_of(request)
    try:
        person_id = int(str(fields.get("person") or ""))
        await site.store.run(lambda store: store.claim_person(state.device.id, person_id))
    except ValueError:
        return await _who_again(request, "Choose your name from the list, or join as someone new.")
    except (RuleBroken, NotFound) as error:
        return await _who_again(request, str(error))
    return go("/now")


@form_handler("no person")
async def join_as_new(request: Request, fields: dict, state: Now) -> Response:
    site = site_of(request)
    name = str(fields.get("name") or "")
    chosen = [p for p in fields.get("perspective") or [] if isinstance(p, str)]
    appear = str(fields.get("appear") or "")
    if appear not in {value for value, _ in APPEAR_CHOICES}:
        return await _who_again(request, "Choose how you want to appear.", field="appear", form=fields)
    try:
        await site.store.run(lambda store: store.join_as_new(state.device.id, name, chosen, appear))
    except InvalidText as error:  # the name: too long, or nothing left once cleaned
        return await _who_again(request, str(error), field="name", form=fields)
    except FacilitatorError as error:  # not about a field (this phone already joined as someone)
        return await _who_again(request, str(error), field="", form=fields)
    return go("/now")


async def _who_again(request: Request, error: str, *, field: str = "person", form: dict | None = None) -> Response:
    site = site_of(request)
    state = await site.now(request)
    names = await site.store.run(lambda store: store.names_to_claim(site.workshop_id))
    return render(request, "who.html", status_code=400, workshop=state.workshop, names=names, appear=APPEAR_CHOICES,
                  perspectives=PERSPECTIVE_CHOICES, title="Who are you?", error=error, error_field=field,
                  form=form or {})  # fmt: skip


@form_handler("device")
async def leave(request: Request, fields: dict, state: Now) -> Response:
    await site_of(request).store.run(lambda store: store.leave_device(state.device.id))
    request.session.clear()
    return go("/")


async def no_icon(request: Request) -> Response:
    """Browsers ask for /favicon.ico on every page; there is none, and that is not an error page."""
    return Response(status_code=204)


routes = [
    Route("/", start, methods=["GET"]),
    Route("/favicon.ico", no_icon, methods=["GET"]),
    Route("/join", join, methods=["POST"]),
    Route("/who", who, methods=["GET"]),
    Route("/who/name", claim, methods=["POST"]),
    Route("/who/new", join_as_new, methods=["POST"]),
    Route("/leave", leave, methods=["POST"]),
]
