"""Checks a spec states but JSON Schema cannot run: form part kinds, `x-required-unless`, CSVs."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from werkzeug.http import parse_options_header

from gateway.sandbox._openapi import Violation
from gateway.sandbox._schemas import SchemaTools
from gateway.sandbox.multipart import FormPart

__all__ = [
    "CSV_FILES",
    "CsvFile",
    "csv_violations",
    "part_violations",
    "required_unless",
    "unknown_properties",
]

# The docs' own CSV example has `+0987654321`, which is not E.164: the vendor takes "a phone
# number" (an optional + and digits). E.164 is checked on what our adapters send, elsewhere.
_PHONE_NUMBER = re.compile(r"\+?[0-9]{6,15}")
_MAX_REPORTED_ROWS = 5
_UNKNOWN_FILE_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class CsvFile:
    """What a CSV upload must hold: exactly these columns, each cell matching its pattern."""

    columns: tuple[str, ...]
    cells: Mapping[str, tuple[re.Pattern[str], str]]
    """Column name -> (pattern the whole cell must match, what that is in words)."""


# The spec can only say `string, format: binary` for a file; what is inside comes from its
# description and the vendor docs ("CSV File Format": a `phone_number` header, then one number a
# line; docs.voiceable.dev/api-reference/campaigns/create-campaign).
CSV_FILES: dict[tuple[str, str], CsvFile] = {
    ("voiceable", "recipients_file"): CsvFile(
        columns=("phone_number",),
        cells={"phone_number": (_PHONE_NUMBER, "a phone number (an optional + and 6 to 15 digits)")},
    ),
}


def part_violations(
    parts: list[FormPart],
    schema: Any,
    encoding: Mapping[str, Any],
    tools: SchemaTools,
) -> list[Violation]:
    """Parts that are the wrong kind (file vs field) or content type for their property."""
    found = []
    properties = tools.properties(schema)
    for part in parts:
        if part.name not in properties:
            continue
        binary = _is_binary(tools.resolve(properties[part.name]), tools)
        if binary and not part.is_file:
            found.append(Violation(part.name, "must be a file upload (a part with a filename)"))
        elif part.is_file and not binary:
            found.append(Violation(part.name, "must be a form field, not a file upload"))
        expected = encoding.get(part.name, {}).get("contentType")
        if expected:
            sent = part.content_type or ("application/octet-stream" if part.is_file else "text/plain")
            # A file sent as application/octet-stream says "type unknown", not "another type":
            # curl sends a .csv that way, and Voiceable's own curl example uploads one.
            generic = part.is_file and _media_matches(sent, _UNKNOWN_FILE_TYPE)
            if not generic and not _media_matches(sent, str(expected)):
                found.append(Violation(part.name, f"Content-Type is {sent}; the spec's encoding says {expected}"))
    return found


def required_unless(value: Any, schema: Any, tools: SchemaTools, path: str = "") -> list[Violation]:
    """Violations of `x-required-unless` rules anywhere in `value`.

    A rule `{<property>: <value>, ..., required: [names]}` makes `names` required unless every
    listed property has exactly that value. As in form validators (Laravel's `required_unless`),
    null and "" count as missing.
    """
    node = tools.resolve(schema)
    found: list[Violation] = []
    if isinstance(value, Mapping):
        rules = node.get("x-required-unless") or []
        for rule in rules if isinstance(rules, list) else [rules]:
            conditions = {key: expected for key, expected in rule.items() if key != "required"}
            if all(_same(value.get(key), expected) for key, expected in conditions.items()):
                continue
            unless = " and ".join(f"{key} is {json.dumps(expected)}" for key, expected in conditions.items())
            found.extend(
                Violation(_join(path, name), f"is required unless {unless}")
                for name in rule.get("required", [])
                if value.get(name) in (None, "")
            )
        for name, child in tools.properties(node).items():
            if name in value:
                found.extend(required_unless(value[name], child, tools, _join(path, name)))
    elif isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            found.extend(required_unless(item, node["items"], tools, _join(path, str(index))))
    return found


def unknown_properties(value: Any, schema: Any, tools: SchemaTools, path: str = "") -> list[Violation]:
    """Properties the schema does not define, where it lists its own and is silent on others.

    A vendor would likely ignore them; for an adapter they are a mistake (a misspelt optional
    field is lost without a trace), so the sandbox refuses them unless told to be lenient.
    Free-form objects (no `properties`) and explicit `additionalProperties` are respected.
    """
    node = tools.resolve(schema)
    found: list[Violation] = []
    if isinstance(value, Mapping):
        properties = tools.properties(node)
        silent = "additionalProperties" not in node and not any(
            keyword in node for keyword in ("oneOf", "anyOf", "patternProperties")
        )
        for name, item in value.items():
            if name in properties:
                found.extend(unknown_properties(item, properties[name], tools, _join(path, str(name))))
            elif properties and silent:
                found.append(Violation(_join(path, str(name)), "is not a property the spec defines"))
    elif isinstance(value, list) and "items" in node:
        for index, item in enumerate(value):
            found.extend(unknown_properties(item, node["items"], tools, _join(path, str(index))))
    return found


def csv_violations(name: str, data: bytes, rule: CsvFile | None) -> list[Violation]:
    """Why `data` is not an acceptable CSV upload: header, at least one row, each cell's form."""
    try:
        rows = [row for row in csv.reader(io.StringIO(data.decode("utf-8"), newline="")) if row]
    except UnicodeDecodeError:
        return [Violation(name, "is not UTF-8 text")]
    except csv.Error as exc:
        return [Violation(name, f"is not valid CSV: {exc}")]
    if not rows:
        return [Violation(name, "is empty; expected a header row and at least one row")]
    header, body = rows[0], rows[1:]
    if rule is not None and tuple(header) != rule.columns:
        return [Violation(name, f"header is {','.join(header)!r}; expected {','.join(rule.columns)!r}")]
    if not body:
        return [Violation(name, "has a header but no rows")]
    found = []
    for number, row in enumerate(body, start=1):
        if len(row) != len(header):
            found.append(Violation(name, f"row {number} has {len(row)} fields; expected {len(header)}"))
            continue
        for column, cell in zip(header, row, strict=True):
            pattern, what = rule.cells.get(column, (None, "")) if rule else (None, "")
            if pattern is not None and not pattern.fullmatch(cell):
                found.append(Violation(name, f"row {number}: {cell!r} is not {what}"))
    return found[:_MAX_REPORTED_ROWS]


def _is_binary(schema: Mapping[str, Any], tools: SchemaTools) -> bool:
    # OpenAPI 3.0 marks files `format: binary`; 3.1 may use `contentMediaType` instead.
    return "string" in tools.types(schema) and (
        schema.get("format") in ("binary", "base64") or "contentMediaType" in schema
    )


def _media_matches(sent: str, expected: str) -> bool:
    mimetype = parse_options_header(sent)[0].lower()
    for option in expected.split(","):
        wanted = option.strip().lower()
        if wanted in (mimetype, "*/*") or (wanted.endswith("/*") and mimetype.startswith(wanted[:-1])):
            return True
    return False


def _same(actual: Any, expected: Any) -> bool:
    # True == 1 in Python; a rule on a boolean must not be met by the number 1.
    return type(actual) is type(expected) and bool(actual == expected)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name
