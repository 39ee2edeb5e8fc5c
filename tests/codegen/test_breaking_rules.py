"""Each rule of gateway.codegen.breaking, on a fixture spec pair made to show it (both directions)."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest

import gateway.codegen.breaking as breaking
from gateway.codegen.breaking import Change, diff_specs
from gateway.codegen.compose import to_openapi_30
from gateway.codegen.config import GeneratorPaths
from gateway.codegen.specs import load_spec

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "spec_pairs"
OP = "POST /v1/campaigns"
REQ = f"{OP} request body"
RES = f"{OP} response 201"
PHONE_PATTERN = r"'^\+[1-9][0-9]{1,14}$'"
# Per fixture pair: (rule, breaking, location, detail) of every change found, in order.
EXPECTED: dict[str, list[tuple[str, bool, str, str]]] = {
    "operation-removed": [("operation-removed", True, OP, "operation removed")],
    "operation-added": [("operation-added", False, "GET /v1/campaigns/{campaignId}", "operation added")],
    "auth-changed": [("auth-changed", True, f"{OP} security", "apiKey header X-Api-Key -> http bearer")],
    "auth-added": [
        ("auth-added", False, f"{OP} security", "apiKey header X-Api-Key -> apiKey header X-Api-Key or http bearer")
    ],
    "body-removed": [
        # A content type we may send is gone; an error response we never relied on is gone.
        ("body-removed", True, f"{REQ} (multipart/form-data)", "content type multipart/form-data removed"),
        ("body-removed", False, f"{OP} response 400", "response removed"),
    ],
    "body-added": [
        ("body-added", False, f"{REQ} (multipart/form-data)", "content type multipart/form-data added"),
        ("body-added", False, f"{OP} response 202", "response added"),
    ],
    "field-removed": [
        ("field-removed", True, f"{REQ}: recipients[].first_name", "field removed"),
        ("field-removed", True, f"{RES}: recipients_count", "field removed"),
    ],
    "field-added": [
        ("field-added", False, f"{REQ}: recipients[].last_name", "field added (optional)"),
        ("field-added", False, f"{RES}: updated_at", "field added (required)"),
    ],
    "field-required": [
        ("field-required", True, f"{REQ}: channel", "now required"),
        ("field-required", True, f"{REQ}: sender", "new required field"),
        ("field-required", False, f"{RES}: recipients_count", "now required"),
    ],
    "field-optional": [
        ("field-optional", False, f"{REQ}: name", "no longer required"),
        ("field-optional", True, f"{RES}: status", "no longer required"),
    ],
    "type-changed": [  # an OpenAPI 3.1 pair: type lists with "null"
        ("type-changed", False, f"{REQ}: name", "type string -> null|string"),
        ("type-changed", True, f"{RES}: id", "type string -> integer"),
        ("type-changed", True, f"{RES}: recipients_count", "type integer -> integer|null"),
        ("type-changed", True, f"{RES}: created_at", "format date -> date-time"),
    ],
    "enum-value-removed": [
        ("enum-value-removed", True, f"{REQ}: channel", "value 'voice' removed"),
        ("enum-value-removed", False, f"{RES}: status", "value 'running' removed"),
    ],
    "enum-value-added": [
        ("enum-value-added", False, f"{REQ}: channel", "value 'whatsapp' added"),
        ("enum-value-added", True, f"{RES}: status", "value 'paused' added"),
    ],
    "limit-tightened": [
        ("limit-tightened", True, f"{REQ}: name", "maxLength 100 -> 50"),
        ("limit-tightened", True, f"{REQ}: recipients", "maxItems 1000 -> 500"),
        ("limit-tightened", True, f"{REQ}: recipients", "minItems none -> 1"),
        ("limit-tightened", True, f"{REQ}: recipients[].phone", rf"pattern {PHONE_PATTERN} -> '^\+1[0-9]{{10}}$'"),
        ("limit-tightened", False, f"{RES}: recipients_count", "minimum 0 -> 1"),
    ],
    "limit-loosened": [
        ("limit-loosened", False, f"{REQ}: name", "maxLength 100 -> 200"),
        ("limit-loosened", False, f"{REQ}: recipients", "maxItems 1000 -> none"),
        ("limit-loosened", False, f"{REQ}: recipients[].phone", f"pattern {PHONE_PATTERN} -> none"),
    ],
}


def _found(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, bool, str, str]]:
    return [(c.rule, c.breaking, c.location, c.detail) for c in diff_specs(old, new)]


@pytest.mark.parametrize("pair", sorted(EXPECTED))
def test_rule_on_its_spec_pair(pair: str) -> None:
    # load_spec validates: every fixture is a real OpenAPI document.
    old, new = load_spec(PAIRS / pair / "old.yaml"), load_spec(PAIRS / pair / "new.yaml")

    assert _found(old, new) == EXPECTED[pair]


def test_every_documented_rule_has_a_spec_pair() -> None:
    documented = set(re.findall(r"^\| ([a-z-]+) +\|", breaking.__doc__ or "", re.MULTILINE)) - {"rule"}

    assert documented == set(EXPECTED) == {path.name for path in PAIRS.iterdir()}


def test_a_spec_has_no_change_from_itself_or_its_openapi_30_form(vendor: str) -> None:
    spec = load_spec(GeneratorPaths().vendor_specs / f"{vendor}.yaml")

    assert diff_specs(spec, copy.deepcopy(spec)) == []
    assert diff_specs(spec, to_openapi_30(spec)) == []


def _document(schema: dict[str, Any], **components: Any) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/things/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": schema}}},
                    "responses": {"204": {"description": "done"}},
                },
            }
        },
        "components": {"schemas": components},
    }


def test_recursive_schema_is_compared_once_around_the_loop() -> None:
    node = {"type": "object", "properties": {"name": {"type": "string"}, "children": {"type": "array"}}}
    node["properties"]["children"]["items"] = {"$ref": "#/components/schemas/Node"}
    old = _document({"$ref": "#/components/schemas/Node"}, Node=node)
    new = copy.deepcopy(old)
    new["components"]["schemas"]["Node"]["properties"]["name"]["maxLength"] = 10

    found = _found(old, new)

    assert found == [("limit-tightened", True, "POST /things/{id} request body: name", "maxLength none -> 10")]


def test_allof_is_merged_and_refs_are_followed() -> None:
    inline = {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}
    old = _document(inline)
    new = _document(
        {"allOf": [{"$ref": "#/components/schemas/A"}, {"properties": {"b": {"type": "integer"}}}]},
        A={"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}},
    )

    assert _found(old, new) == []


def test_parameters_follow_the_request_rules_and_path_names_do_not_matter() -> None:
    old = _document({"type": "object"})
    new = copy.deepcopy(old)
    item = new["paths"].pop("/things/{id}")
    item["parameters"] = [
        {"name": "thingId", "in": "path", "required": True, "schema": {"type": "string"}},
        {"name": "dry_run", "in": "query", "required": True, "schema": {"type": "boolean"}},
    ]
    new["paths"]["/things/{thingId}"] = item

    found = _found(old, new)

    assert found == [("field-required", True, "POST /things/{thingId} query parameter dry_run", "new required field")]


def test_change_id_is_stable_and_names_its_rule() -> None:
    change = Change("limit-tightened", True, OP, "request body: name", "maxLength 100 -> 50")
    tighter = Change("limit-tightened", True, OP, "request body: name", "maxLength 50 -> 40")

    assert change.id == Change.from_json(change.to_json()).id
    assert re.fullmatch(r"limit-tightened:[0-9a-f]{10}", change.id)
    assert change.id != tighter.id


def test_auth_is_compared_by_what_goes_on_the_wire() -> None:
    old = _document({"type": "object"})
    old["security"] = [{"Api key": []}]
    old["components"]["securitySchemes"] = {"Api key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}}
    renamed = copy.deepcopy(old)
    renamed["security"] = [{"ApiKey": []}]
    renamed["components"]["securitySchemes"] = {"ApiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}}
    moved = copy.deepcopy(old)
    moved["components"]["securitySchemes"]["Api key"]["in"] = "query"

    assert _found(old, renamed) == []
    assert _found(old, moved) == [
        ("auth-changed", True, "POST /things/{id} security", "apiKey header X-Api-Key -> apiKey query X-Api-Key")
    ]
