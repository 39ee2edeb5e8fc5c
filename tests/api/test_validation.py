"""The validator that fills Connexion 3.3's gaps: formats, readOnly, anchors, every error at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from gateway.validation import FORMAT_CHECKER, GatewayValidator, compiled, rust_errors, schema_errors


@pytest.fixture(params=["json bodies (jsonschema-rs)", "forms (jsonschema)"])
def errors(request: pytest.FixtureRequest) -> Callable[[dict[str, Any], Any], list[tuple[str, str]]]:
    """Both validators the gateway uses must agree on every rule."""

    def check(schema: dict[str, Any], instance: Any) -> list[tuple[str, str]]:
        if request.param.startswith("json"):
            found = rust_errors(compiled(schema), instance)
        else:
            found = schema_errors(GatewayValidator(schema, format_checker=FORMAT_CHECKER), instance)
        return [(e.field, e.message) for e in found]

    return check


@pytest.mark.parametrize(
    ("fmt", "good", "bad"),
    [
        ("date", "2030-02-28", "2030-02-30"),
        ("date", "2030-02-28", "20300228"),
        ("date-time", "2030-02-28T10:00:00Z", "2030-02-28 10:00"),
        ("uuid", "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10", "3f0c8a527d1e4f7b9a530c2d5e8b6a10"),
        ("uri", "https://example.com/a.png", "not a uri"),
    ],
)
def test_formats_are_checked(errors: Any, fmt: str, good: str, bad: str) -> None:
    schema = {"type": "object", "properties": {"v": {"type": "string", "format": fmt}}}
    assert errors(schema, {"v": good}) == []
    assert errors(schema, {"v": bad}) == [("v", f"must be a valid {fmt}")]


def test_read_only_fields_are_refused_in_requests(errors: Any) -> None:
    schema = {"type": "object", "properties": {"id": {"type": "integer", "readOnly": True}, "n": {"type": "string"}}}
    assert errors(schema, {"n": "x"}) == []
    assert errors(schema, {"id": 1}) == [("id", "is read-only and cannot be sent")]


def test_dollar_anchor_refuses_a_trailing_newline(errors: Any) -> None:
    schema = {"type": "string", "pattern": "^[0-9]{2}$"}
    assert errors(schema, "12") == []
    assert len(errors(schema, "12\n")) == 1


def test_every_violation_is_reported_with_its_path(errors: Any) -> None:
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "items"],
        "properties": {
            "name": {"type": "string"},
            "items": {"type": "array", "items": {"type": "object", "required": ["phone"]}},
        },
    }
    found = errors(schema, {"extra": 1, "items": [{}, {"phone": "1"}, {}]})
    assert sorted(found) == [
        ("extra", "is not a known field"),
        ("items[0].phone", "is required"),
        ("items[2].phone", "is required"),
        ("name", "is required"),
    ]


def test_nullable_is_understood(errors: Any) -> None:
    schema = {"type": "object", "properties": {"v": {"type": "string", "nullable": True, "enum": ["a"]}}}
    assert errors(schema, {"v": None}) == []
    assert errors(schema, {"v": "a"}) == []
    assert len(errors(schema, {"v": 3})) >= 1
