"""A phone, for route tests: Starlette's TestClient with its own cookies, driven as a person
would (open the page, read the form's CSRF token, send the form)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from starlette.testclient import TestClient

from facilitator.web.app import create_app

SECRET = "a-test-secret-that-is-long-enough-for-signing"
# What a participant might type that must stay text: markup, script, links, template syntax,
# terminal escapes, a right-to-left override and 10,000 characters.
WEB_HOSTILE = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.cookie)",
    "{{ 7*7 }} {% if true %}injected{% endif %}",
    "[ @click=app.quit]x [/b]",
    "\x1b[31mred\x1b[0m \x1b]0;title\x07 after",
    "\u202egnp.exe right to left",
    "long " + "x" * 9_995,
]
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
ERROR = re.compile(r'<p class="error"[^>]*>\s*<span class="error-word">Problem:</span>\s*(.*?)</p>', re.S)


def phone_app(db_path: Path, workshop_id: int, clock=None, **options):
    extra = {"clock": clock} if clock is not None else {}
    return create_app(db_path, workshop_id, secret=SECRET, **extra, **options)


class Phone:
    def __init__(self, app, address: str = "10.0.0.5") -> None:
        self.client = TestClient(app, client=(address, 50000), follow_redirects=True)
        self.page = ""

    def __enter__(self) -> Phone:
        self.client.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.client.__exit__(*exc)

    @property
    def csrf(self) -> str:
        found = CSRF.search(self.page)
        assert found, "no form on this page"
        return found.group(1)

    def get(self, path: str):
        response = self.client.get(path)
        self.page = response.text
        return response

    def post(self, path: str, **fields):
        data = {"csrf": self.csrf, **{key: value for key, value in fields.items() if value is not None}}
        response = self.client.post(path, data=data)
        self.page = response.text
        return response

    def error(self) -> str | None:
        found = ERROR.search(self.page)
        return html.unescape(" ".join(found.group(1).split())) if found else None

    # -- what a person does -------------------------------------------------------------------

    def join(self, code: str):
        self.get("/")
        return self.post("/join", code=code)

    def claim(self, person_id: int):
        return self.post("/who/name", person=str(person_id))

    def join_as_new(self, name: str = "", perspectives: tuple[str, ...] = (), appear: str = "perspective"):
        data = {"csrf": self.csrf, "name": name, "perspective": list(perspectives), "appear": appear}
        response = self.client.post("/who/new", data=data)
        self.page = response.text
        return response

    def stage_id(self) -> str:
        found = re.search(r'name="stage" value="(\d+)"', self.page)
        assert found, "no stage form on this page"
        return found.group(1)

    def send_idea(self, text: str, *, anonymous: bool = False, stage: str | None = None):
        return self.post("/ideas", stage=stage or self.stage_id(), idea=text, anonymous="yes" if anonymous else None)

    def dot(self, kind: str, candidate_id: int, change: str = "add"):
        return self.post("/dots", stage=self.stage_id(), choice=f"{kind}:{candidate_id}", change=change)

    def check_out(self, scores: dict[int, int]):
        fields = {f"score-{number}": str(score) for number, score in scores.items()}
        return self.post("/checkout", stage=self.stage_id(), **fields)
