"""What a phone can send to a ladder, scoring or check-in stage: a placement, a score sheet, a
word. Each is checked by the store inside its write; the page says the store's sentence."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from facilitator.domain.errors import FacilitatorError
from facilitator.domain.models import StageKind
from facilitator.domain.scoring import setup_of
from facilitator.web import views
from facilitator.web.site import form_handler, go, site_of
from facilitator.web.taking_part import TOO_FAST, _moved_on, _moved_on_sentence, now_page


async def _refused(request: Request, state: views.Now, fields: dict, kind: StageKind, what: str) -> Response | None:
    if _moved_on(state, fields.get("stage")) or state.stage.kind is not kind:
        return await now_page(request, status_code=409, moved_error=_moved_on_sentence(state, what))
    if not site_of(request).send_limit.allow(state.device.id):
        return await now_page(request, status_code=429, kinds_error=TOO_FAST)
    return None


def _number(raw: object) -> int | None:
    text = str(raw or "").strip()
    return int(text) if text.isdigit() else None


@form_handler("person")
async def place(request: Request, fields: dict, state: views.Now) -> Response:
    refused = await _refused(request, state, fields, StageKind.LADDER, "your place on the ladder")
    if refused:
        return refused
    now, want = _number(fields.get("now")), _number(fields.get("want"))
    if now is None or want is None:
        missing = "where we are now" if now is None else "where we want to be"
        return await now_page(request, status_code=400, kinds_error=f"Choose a rung for {missing}.")
    try:
        await site_of(request).store.run(lambda store: store.place_on_ladder(
            state.stage.id, state.person.id, now, want, entered_by=views.TYPED_ON_A_PHONE))  # fmt: skip
    except FacilitatorError as error:
        return await now_page(request, status_code=400, kinds_error=str(error))
    return go("/now?sent=ladder")


@form_handler("person")
async def send_scores(request: Request, fields: dict, state: views.Now) -> Response:
    refused = await _refused(request, state, fields, StageKind.SCORE, "your scores")
    if refused:
        return refused
    marks: dict[tuple[int, int], int] = {}
    for key, raw in fields.items():
        parts = str(key).split("-")
        score = _number(raw)
        if len(parts) == 3 and parts[0] == "score" and parts[1].isdigit() and parts[2].isdigit() and score is not None:
            marks[(int(parts[1]), int(parts[2]))] = score
    setup = setup_of(state.stage.settings)
    chosen = {f"{a}-{c}": str(score) for (a, c), score in marks.items()}
    for a, candidate in enumerate(setup.candidates):
        for c, criterion in enumerate(setup.criteria):
            if (a, c) not in marks:
                return await now_page(request, status_code=400, chosen=chosen,
                                      kinds_error=f"Choose a score for {candidate}: {criterion}.")  # fmt: skip
    try:
        await site_of(request).store.run(lambda store: store.give_marks(
            state.stage.id, state.person.id, marks, entered_by=views.TYPED_ON_A_PHONE))  # fmt: skip
    except FacilitatorError as error:
        return await now_page(request, status_code=400, kinds_error=str(error), chosen=chosen)
    return go("/now?sent=scores")


@form_handler("person")
async def check_in(request: Request, fields: dict, state: views.Now) -> Response:
    refused = await _refused(request, state, fields, StageKind.CHECKIN, "your word")
    if refused:
        return refused
    moment = str(fields.get("moment") or "arriving")
    word = str(fields.get("colour") or "").strip() or str(fields.get("word") or "")
    try:
        await site_of(request).store.run(lambda store: store.check_in(state.stage.id, state.person.id, word, moment))
    except FacilitatorError as error:
        return await now_page(request, status_code=400, kinds_error=str(error), kept_word=word)
    return go("/now?sent=checkin")


routes = [
    Route("/ladder", place, methods=["POST"]),
    Route("/scores", send_scores, methods=["POST"]),
    Route("/checkin-word", check_in, methods=["POST"]),
]
