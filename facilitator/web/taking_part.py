"""Taking part: the page for the facilitator's current stage, and what a phone can send to it
(an idea, a dot, a check-out), each checked by the store inside its write."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from facilitator.domain.attribution import display_name
from facilitator.domain.errors import FacilitatorError, RuleBroken
from facilitator.domain.models import StageKind
from facilitator.web import kinds_views, views
from facilitator.web.site import (
    anonymous_ids,
    device_token,
    form_handler,
    go,
    remember_anonymous,
    render,
    site_of,
)

KINDS_PAGES = {
    StageKind.LADDER: ("ladder", kinds_views.ladder_page),
    StageKind.SCORE: ("scoresheet", kinds_views.score_page),
    StageKind.CHECKIN: ("checkin", kinds_views.checkin_page),
}
TOO_FAST = "That was a lot at once. Wait a few seconds, then send it again."


async def _ready(request: Request) -> tuple[views.Now | None, Response | None]:
    """Where the workshop is, for a phone that has joined and said who it is."""
    state = await site_of(request).now(request)
    if state.device is None:
        return None, go("/")
    if state.person is None:
        return None, go("/who")
    return state, None


async def now_page(request: Request, *, status_code: int = 200, **extra) -> Response:
    site = site_of(request)
    state, elsewhere = await _ready(request)
    if elsewhere:
        return elsewhere
    context = {
        "state": state,
        "workshop": state.workshop,
        "key": state.key,
        "title": state.stage.title if state.stage else state.workshop.title,
        "request_sent": request.query_params.get("sent", ""),
        "appear_words": f"To the room you appear as {display_name(state.person)}.",
        **extra,
    }
    stage = state.stage
    if stage is not None and stage.kind is StageKind.IDEAS:
        context["ideas"] = await site.store.run(views.ideas_page, state, anonymous_ids(request))
    elif stage is not None and stage.kind is StageKind.VOTE:
        context["vote"] = await site.store.run(views.vote_page, state)
    elif stage is not None and stage.kind is StageKind.EVALUATE:
        context["checkout"] = await site.store.run(views.checkout_page, state)
    elif stage is not None and stage.kind is StageKind.FEEDBACK:
        context["feedback"] = await site.store.run(views.feedback_items, state)
    elif stage is not None and stage.kind in KINDS_PAGES:
        name, page = KINDS_PAGES[stage.kind]
        context[name] = await site.store.run(page, state)
    context["kind_words"] = views.KIND_WORDS.get(stage.kind, "") if stage else ""
    return render(request, "now.html", status_code=status_code, **context)


async def now(request: Request) -> Response:
    return await now_page(request)


async def state(request: Request) -> Response:
    """For the page's script: poll this, and reload when ``key`` changes."""
    site = site_of(request)
    return JSONResponse(await site.store.run(views.live_state, site.workshop_id, device_token(request), site.clock))


def _moved_on(state: views.Now, stage_id: str | None) -> bool:
    return state.stage is None or str(state.stage.id) != str(stage_id)


def _moved_on_sentence(state: views.Now, what: str) -> str:
    where = f"\u201c{state.stage.title}\u201d" if state.stage else "the end of the workshop"
    return f"The facilitator has moved on to {where}, so {what} was not sent."


@form_handler("person")
async def send_idea(request: Request, fields: dict, state: views.Now) -> Response:
    site = site_of(request)
    text = str(fields.get("idea") or "")
    anonymous = fields.get("anonymous") == "yes"
    kept = {"typed": text, "typed_anonymous": anonymous}
    if _moved_on(state, fields.get("stage")) or state.stage.kind is not StageKind.IDEAS:
        sentence = _moved_on_sentence(state, "your idea")
        if state.stage is not None and state.stage.kind is StageKind.IDEAS:
            # Another ideas round: the text waits in this round's box, to send here if it fits.
            return await now_page(request, status_code=409, idea_error=f"{sentence} It is in the box below.", **kept)
        return await now_page(request, status_code=409, moved_error=f"{sentence} Here is what you typed, to keep.",
                              kept_text=text)  # fmt: skip
    if not site.send_limit.allow(state.device.id):
        return await now_page(request, status_code=429, idea_error=TOO_FAST, **kept)
    try:
        idea = await site.store.run(
            lambda store: store.add_idea(
                state.stage.id, text, said_by=None if anonymous else state.person.id, anonymous=anonymous,
                typed_by=views.TYPED_ON_A_PHONE,
            )
        )  # fmt: skip
    except FacilitatorError as error:
        return await now_page(request, status_code=400, idea_error=str(error), **kept)
    if anonymous:
        remember_anonymous(request, idea.id)
    return go("/now?sent=idea")


@form_handler("person")
async def withdraw_idea(request: Request, fields: dict, state: views.Now) -> Response:
    site = site_of(request)
    idea_id = request.path_params["idea_id"]
    mine = anonymous_ids(request)
    idea = await site.store.run(views.own_idea, state, idea_id, mine)
    if idea is None:
        return await now_page(request, status_code=404, idea_error="That idea is not one of yours in this stage.")
    await site.store.run(lambda store: store.withdraw_idea(idea.id))
    return go("/now?sent=withdrawn")


@form_handler("person")
async def change_dot(request: Request, fields: dict, state: views.Now) -> Response:
    site = site_of(request)
    if _moved_on(state, fields.get("stage")) or state.stage.kind is not StageKind.VOTE:
        return await now_page(request, status_code=409, moved_error=_moved_on_sentence(state, "that dot"))
    if not site.send_limit.allow(state.device.id):
        return await now_page(request, status_code=429, vote_error=TOO_FAST)
    kind, _, number = str(fields.get("choice") or "").partition(":")
    try:
        candidate_id = int(number)
        if fields.get("change") == "add":
            await site.store.run(lambda store: store.cast_dot(
                state.stage.id, state.person.id, kind, candidate_id, entered_by=views.TYPED_ON_A_PHONE))  # fmt: skip
        elif fields.get("change") == "remove":
            taken = await site.store.run(
                lambda store: store.remove_dot(state.stage.id, state.person.id, kind, candidate_id)
            )
            if not taken:
                raise RuleBroken("You have no dot on that to take back.")
        else:
            raise RuleBroken("Choose to add a dot or take one back.")
    except ValueError:
        return await now_page(request, status_code=400, vote_error="Choose one of the items on the list.")
    except FacilitatorError as error:
        return await now_page(request, status_code=400, vote_error=str(error))
    return go(f"/now#choice-{kind}-{candidate_id}")


@form_handler("person")
async def send_checkout(request: Request, fields: dict, state: views.Now) -> Response:
    site = site_of(request)
    if _moved_on(state, fields.get("stage")) or state.stage.kind is not StageKind.EVALUATE:
        return await now_page(request, status_code=409, moved_error=_moved_on_sentence(state, "your check-out"))
    page = await site.store.run(views.checkout_page, state)
    # What was chosen is kept on the page if one value is missing, so nobody chooses twice.
    chosen = {number: str(fields.get(f"score-{number}") or "") for number in range(len(page.values))}
    chosen = {number: raw for number, raw in chosen.items() if raw in {"1", "2", "3", "4", "5"}}
    missing = [number for number in range(len(page.values)) if number not in chosen]
    if missing:
        return await now_page(request, status_code=400, checkout_error=f"Choose a score for {page.values[missing[0]]}.",
                              checkout_missing=missing[0], chosen=chosen)  # fmt: skip
    scores = {value: int(chosen[number]) for number, value in enumerate(page.values)}
    try:
        await site.store.run(lambda store: store.send_checkout(state.stage.id, state.person.id, scores))
    except FacilitatorError as error:
        return await now_page(request, status_code=400, checkout_error=str(error), chosen=chosen)
    return go("/now?sent=checkout")


routes = [
    Route("/now", now, methods=["GET"]),
    Route("/state", state, methods=["GET"]),
    Route("/ideas", send_idea, methods=["POST"]),
    Route("/ideas/{idea_id:int}/withdraw", withdraw_idea, methods=["POST"]),
    Route("/dots", change_dot, methods=["POST"]),
    Route("/checkout", send_checkout, methods=["POST"]),
]
