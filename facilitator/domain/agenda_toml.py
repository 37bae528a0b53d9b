"""Writing an agenda back out as TOML, for the agendas a facilitator makes in the app.

Agenda files have a simple shape: a few top-level values, then one ``[[stages]]`` table per stage
whose values are text, whole numbers, true/false and lists of those. That is small enough to
write here (no TOML-writing library is installed, and one is not worth a dependency for this):
``agenda_toml`` writes every field of every stage, so the file shows all the settings a
facilitator could change, and the result always loads back (``parse_agenda_toml``) as the same
agenda. A value of another shape (a table inside a stage, which a future kind might have) is
written as an inline table.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from facilitator.domain.agenda import Agenda

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}
HEADER = "# Made with facilitator's agenda editor. Check it with: facilitator agendas check FILE\n"


def agenda_toml(agenda: Agenda) -> str:
    """The agenda as TOML text that ``parse_agenda_toml`` reads back as an equal ``Agenda``."""
    data = agenda.model_dump(mode="json")
    stages = data.pop("stages")
    lines = [HEADER]
    lines += [f"{_key(key)} = {_value(value, top=True)}" for key, value in data.items()]
    for stage in stages:
        stage = {"kind": stage.pop("kind"), **stage}
        lines += ["", "[[stages]]"]
        lines += [f"{_key(key)} = {_value(value, top=True)}" for key, value in stage.items()]
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else _string(key)


def _string(text: str) -> str:
    return '"' + "".join(_ESCAPES.get(char, _control(char)) for char in text) + '"'


def _control(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04X}" if code < 0x20 or code == 0x7F else char


def _long_string(text: str) -> str:
    """Several lines as a multi-line string, readable in the file: each line on its own line."""
    escaped = "".join(char if char == "\n" else _ESCAPES.get(char, _control(char)) for char in text)
    return f'"""\n{escaped}"""' if text.endswith("\n") else f'"""\n{escaped}\\\n"""'


def _value(value: Any, *, top: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
        return repr(value)
    if isinstance(value, str):
        return _long_string(value) if top and "\n" in value else _string(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def file_stem(name: str) -> str:
    """The file name (without .toml) an agenda called ``name`` is saved under: "Our crisis line
    review" is "our-crisis-line-review". Letters of any language stay; accents go."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    kept = "".join(char for char in folded if not unicodedata.combining(char))
    stem = re.sub(r"[^\w]+|_+", "-", kept).strip("-")
    return stem[:60].strip("-") or "my-agenda"
