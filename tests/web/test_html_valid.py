"""Every kind of page a phone can be shown is valid HTML, by the Nu HTML checker (the checker
behind the W3C's validator), and the stylesheet is valid CSS.

The pages are made by the app itself through Starlette's TestClient, walking one workshop from
"waiting to start" to "finished" with a phone (and a second phone with no names left to choose),
including the pages that show a problem. The checker is started once, for all of them: Java is
slow to start.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from starlette.testclient import TestClient
from web_workshop import SECRET, make_workshop

from facilitator.domain.checkout import checkout_values
from facilitator.web.app import create_app
from facilitator.web.site import HERE

FEEDBACK_STAGE = {"kind": "feedback", "title": "You said, we did", "minutes": 20, "settings": {}}
PAGE_KINDS = {
    "join", "join-wrong-code", "who", "who-nothing-chosen", "who-no-way-to-appear", "who-name-too-long",
    "who-nobody-left", "now-waiting", "now-welcome", "now-ideas", "now-ideas-empty", "now-ideas-quiet",
    "now-break", "now-break-idea-not-sent", "now-group", "now-vote", "now-vote-problem", "now-vote-results",
    "now-decide", "now-feedback", "now-checkout", "now-checkout-missing", "now-checkout-sent", "now-finished",
    "message-not-found", "message-wrong-method", "message-out-of-date",
}  # fmt: skip
# Properties the checker's CSS grammar is older than (all in the CSS specifications and in every
# current phone browser); anything else it does not know is a mistake.
NEWER_CSS = ("color-scheme", "text-decoration-thickness", "text-underline-offset")


def _csrf(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found, "a form with no CSRF token"
    return found.group(1)


class Phone:
    """One phone (its own cookies), keeping each page it is shown under a name."""

    def __init__(self, client: TestClient, pages: dict[str, str]) -> None:
        self.client = client
        self.pages = pages
        self.last = ""

    def get(self, path: str, kind: str | None = None, status: int = 200) -> str:
        response = self.client.get(path)
        assert response.status_code == status, (path, response.status_code, response.text[:500])
        return self._keep(response.text, kind)

    def post(self, path: str, fields: dict, kind: str | None = None, status: int = 200) -> str:
        """Send the form of the page shown last (its CSRF token, unless ``fields`` gives one)."""
        response = self.client.post(path, data={"csrf": fields.get("csrf") or _csrf(self.last), **fields})
        assert response.status_code == status, (path, response.status_code, response.text[:500])
        return self._keep(response.text, kind)

    def _keep(self, page: str, kind: str | None) -> str:
        assert page.startswith("<!DOCTYPE html>"), page[:200]
        self.last = page
        if kind:
            self.pages[kind] = page
        return page


def every_page_kind(path: Path) -> dict[str, str]:
    store, workshop = make_workshop(path, extra_stages=[FEEDBACK_STAGE])
    try:
        stages = {stage.title: stage for stage in store.stages(workshop.id)}
        person = store.add_participant(workshop.id, "Aisha Khan", ["carer"], "named", arrived=True)
        code = store.join_code(workshop.id)
        pages: dict[str, str] = {}
        app = create_app(path, workshop.id, secret=SECRET)
        # One client runs the app's start and stop; the second phone only sends requests.
        second = TestClient(app, base_url="http://127.0.0.1")
        with TestClient(app, base_url="http://127.0.0.1") as first:
            phone = Phone(first, pages)
            phone.get("/", "join")
            phone.post("/join", {"code": "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"}, "join-wrong-code", status=400)
            phone.post("/join", {"code": code}, "who")
            phone.post("/who/name", {}, "who-nothing-chosen", status=400)
            phone.post("/who/new", {"name": "Sam", "appear": "loudly"}, "who-no-way-to-appear", status=400)
            phone.post("/who/new", {"name": "S" * 500, "appear": "named"}, "who-name-too-long", status=400)
            phone.post("/who/name", {"person": str(person.id)}, "now-waiting")

            store.start_stage(stages["Welcome and ground rules"].id)
            phone.get("/now", "now-welcome")
            ideas = stages["What matters to you"]
            store.start_stage(ideas.id)
            phone.get("/now")
            phone.post("/ideas", {"stage": ideas.id, "idea": "Someone to call at night"})
            phone.post("/ideas", {"stage": ideas.id, "idea": "Fewer forms", "anonymous": "yes"}, "now-ideas")
            phone.post("/ideas", {"stage": ideas.id, "idea": "  "}, "now-ideas-empty", status=400)
            store.start_stage(stages["Ideas, written quietly"].id)
            phone.get("/now", "now-ideas-quiet")
            store.start_stage(stages["Break"].id)
            phone.get("/now", "now-break")
            phone.post("/ideas", {"stage": ideas.id, "idea": "Sent too late"}, "now-break-idea-not-sent", status=409)
            store.start_stage(stages["Themes"].id)
            phone.get("/now", "now-group")

            vote = stages["Dot vote"]
            store.start_stage(vote.id)
            phone.get("/now")
            first_choice = store.candidates(vote.id)[0]
            phone.post("/dots", {"stage": vote.id, "choice": f"{first_choice.kind}:{first_choice.id}", "change": "add"},
                       "now-vote")  # fmt: skip
            phone.post("/dots", {"stage": vote.id, "choice": "idea:nothing", "change": "add"}, "now-vote-problem",
                       status=400)  # fmt: skip
            store.set_revealed(vote.id, True)
            phone.get("/now", "now-vote-results")
            store.start_stage(stages["Decisions"].id)
            phone.get("/now", "now-decide")

            checkout = stages["Five Values check-out"]
            store.start_stage(checkout.id)
            phone.get("/now", "now-checkout")
            values = checkout_values(checkout.settings)
            scores = {f"score-{number}": "4" for number in range(len(values))}
            phone.post("/checkout", {"stage": checkout.id, **scores, "score-2": ""}, "now-checkout-missing", status=400)
            phone.post("/checkout", {"stage": checkout.id, **scores}, "now-checkout-sent")
            feedback = stages["You said, we did"]
            store.add_feedback(workshop.id, "The waiting room is too loud", done="A quiet room opened in May",
                               status="done", stage_id=feedback.id)  # fmt: skip
            store.add_feedback(workshop.id, "Letters are hard to read", status="not possible",
                               reason="Not ours to change", stage_id=feedback.id)  # fmt: skip
            store.start_stage(feedback.id)
            phone.get("/now", "now-feedback")

            other = Phone(second, pages)
            other.get("/")
            other.post("/join", {"code": code})
            other.get("/who", "who-nobody-left")
            other.get("/no-such-page", "message-not-found", status=404)
            other.get("/join", "message-wrong-method", status=405)
            other.post("/who/new", {"csrf": "a-token-from-an-old-page", "appear": "named"}, "message-out-of-date",
                       status=403)  # fmt: skip

            store.finish_workshop(workshop.id)
            phone.get("/now", "now-finished")
        return pages
    finally:
        store.close()


def nu_check(jar: Path, files: list[Path]) -> list[str]:
    """The Nu checker's errors in ``files`` (HTML and CSS), one readable entry each."""
    command = ["java", "-jar", str(jar), "--errors-only", "--format", "json", "--also-check-css", *map(str, files)]
    checked = subprocess.run(command, check=False, capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(checked.stderr or checked.stdout)["messages"]
    except (ValueError, KeyError):
        raise AssertionError(f"The Nu HTML checker did not run: {checked.stderr[-2000:]}") from None
    # It exits with 1 when it has something to say; with nothing to say, it must have succeeded.
    assert checked.returncode == 0 or messages, checked.stderr[-2000:]
    return [_readable(message) for message in messages if not _newer_css(message)]


def _newer_css(message: dict) -> bool:
    text = message.get("message", "")
    return any(f"\u201c{name}\u201d: Property \u201c{name}\u201d doesn't exist" in text for name in NEWER_CSS)


def _readable(message: dict) -> str:
    where = f"{Path(message.get('url', '?')).name}:{message.get('lastLine', '?')}"
    extract = (message.get("extract") or "").strip().replace("\n", " ")
    return f"{where}: {message.get('type')}: {message.get('message')}\n    {extract}"


def test_every_page_kind_is_valid_html(tmp_path: Path, vnu_jar: Path):
    pages = every_page_kind(tmp_path / "workshops.db")
    assert set(pages) == PAGE_KINDS
    folder = tmp_path / "pages"
    folder.mkdir()
    files = []
    for kind, page in sorted(pages.items()):
        files.append(folder / f"{kind}.html")
        files[-1].write_text(page, encoding="utf-8")
    problems = nu_check(vnu_jar, [*files, HERE / "static" / "site.css"])
    assert not problems, f"The Nu HTML checker found {len(problems)} problems:\n" + "\n".join(problems)
