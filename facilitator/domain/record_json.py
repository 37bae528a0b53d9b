"""Reading an export file: JSON, then its format and version, then the record's schema.

Every problem becomes one ``ImportFileError`` sentence naming the file and the place, e.g.
``export.json: not valid JSON at line 3, column 7: expecting ',' delimiter.`` or
``export.json: decisions[3].status: "maybe" is not one of agreed, deferred, rejected, superseded.``
A record that reads cleanly is then checked and cleaned by ``record_check.check_record``.
"""

from __future__ import annotations

import json
import math
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from facilitator.domain.record import FORMAT_NAME, FORMAT_VERSION, WorkshopRecord
from facilitator.domain.record_check import check_record, describe, fail
from facilitator.domain.text import strip_controls


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f'the field "{strip_controls(key)}" appears twice in one object')
        result[key] = value
    return result


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:20]} is too large")
    return value


def _no_constants(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_record(text: str, source: str) -> WorkshopRecord:
    """Read export ``text`` into a checked, cleaned record, or raise one ``ImportFileError``."""
    try:
        data = json.loads(
            text, object_pairs_hook=_no_duplicate_keys, parse_float=_finite, parse_constant=_no_constants
        )
    except json.JSONDecodeError as error:
        what = error.msg[:1].lower() + error.msg[1:]
        raise fail(source, f"not valid JSON at line {error.lineno}, column {error.colno}: {what}") from None
    except ValueError as error:
        raise fail(source, f"not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise fail(source, f'not a facilitator export (expected a JSON object with "format": "{FORMAT_NAME}")')
    if data.get("format") != FORMAT_NAME:
        found = f"its format is {describe(data['format'])}" if "format" in data else "it has no format field"
        raise fail(source, f'not a facilitator export ({found}, not "{FORMAT_NAME}")')
    version = data.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise fail(
            source,
            f"was written by a newer facilitator (export version {version}; this one reads version "
            f"{FORMAT_VERSION}); please upgrade facilitator to import it",
        )
    if version != FORMAT_VERSION or isinstance(version, bool):
        shown = describe(version) if "version" in data else "missing"
        raise fail(source, f"the export version is {shown}; this facilitator reads version {FORMAT_VERSION}")
    try:
        record = WorkshopRecord.model_validate_json(text, strict=True)
    except ValidationError as error:
        raise fail(source, describe_validation_error(error)) from None
    return check_record(record, source)


_TYPE_WORDS = {"int_type": "a whole number", "int_parsing": "a whole number", "float_type": "a number",
               "float_parsing": "a number", "bool_type": "true or false", "string_type": "text",
               "list_type": "a list", "model_type": "an object", "dict_type": "an object",
               "model_attributes_type": "an object"}  # fmt: skip


def _path(loc: tuple | list) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return strip_controls(text)


def _model_at(loc: tuple | list) -> type[BaseModel] | None:
    """The model found at ``loc`` inside a record (to list its fields), if any."""
    annotation: Any = WorkshopRecord
    for part in loc:
        if isinstance(part, int):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if args else None
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
        else:
            return None
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def describe_validation_error(error: ValidationError) -> str:
    """The first problem pydantic found, as ``place: what is wrong`` (without the file name)."""
    first = error.errors(include_url=False)[0]
    kind, loc, ctx, value = first["type"], tuple(first["loc"]), first.get("ctx") or {}, first.get("input")
    where = _path(loc)
    if kind == "json_invalid":
        return f"not valid JSON: {ctx.get('error', first['msg'])}"
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        allowed = f" (allowed: {', '.join(model.model_fields)})" if model else ""
        field = strip_controls(str(loc[-1]))
        if len(loc) == 1:
            return f'unknown top-level field "{field}"{allowed}'
        return f'{_path(loc[:-1])}: unknown field "{field}"{allowed}'
    if kind == "missing":
        problem = "is required"
    elif kind in ("enum", "literal_error"):
        choices = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
        problem = f"{describe(value)} is not one of {choices}"
    elif kind in _TYPE_WORDS:
        problem = f"must be {_TYPE_WORDS[kind]}, not {describe(value)}"
    elif kind in ("greater_than_equal", "greater_than"):
        problem = f"must be at least {ctx.get('ge', ctx.get('gt'))}, not {describe(value)}"
    elif kind in ("less_than_equal", "less_than"):
        problem = f"must be at most {ctx.get('le', ctx.get('lt'))}, not {describe(value)}"
    elif kind == "string_too_short":
        problem = "cannot be empty"
    elif kind == "string_too_long":
        problem = f"can be at most {ctx.get('max_length')} characters long"
    else:
        problem = " ".join(str(first["msg"]).split())
    return f"{where}: {problem}" if where else problem


