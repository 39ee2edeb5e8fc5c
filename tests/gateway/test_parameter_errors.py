"""Query, path and header parameter errors: one problem naming each parameter and its rule.

Each kind on the vendor-neutral routes and on a native route, with the exact `errors` entries,
so no validator dump (schema, instance) and no guessed field name comes back.
"""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from gateway.routes import RouteTable

from .conftest import AUTH, KEY

EVENT_TYPE = r"^(\*|[a-z_]+\.\*|[a-z_]+\.[a-z_]+)$"


def _problem(response: Any) -> dict[str, Any]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "urn:campaign-gateway:problem:invalid-request"
    assert "Failed validating" not in problem["detail"] and "\n" not in problem["detail"]
    return problem


def test_a_query_scalar_names_the_parameter_and_its_rule(client: TestClient) -> None:
    too_many = _problem(client.get("/v1/campaigns?limit=500", headers=AUTH))
    assert too_many["errors"] == [{"field": "limit", "message": "must be at most 100"}]
    assert too_many["detail"] == "The parameter 'limit' is invalid."
    assert _problem(client.get("/v1/events?limit=0", headers=AUTH))["errors"] == [
        {"field": "limit", "message": "must be at least 1"}
    ]
    assert _problem(client.get("/v1/events?limit=ten", headers=AUTH))["errors"] == [
        {"field": "limit", "message": "must be an integer"}
    ]
    assert _problem(client.get("/v1/events?after=x", headers=AUTH))["errors"] == [
        {"field": "after", "message": "must match ^[0-9]{1,19}$"}
    ]
    assert _problem(client.get("/v1/campaigns?dry=1", headers=AUTH))["errors"] == [
        {"field": "dry", "message": "is not a parameter of this operation"}
    ]
    assert _problem(client.post("/v1/campaigns?dry_run=maybe", json={}, headers=AUTH))["errors"] == [
        {"field": "dry_run", "message": "must be a boolean (true or false)"}
    ]


def test_a_repeated_query_array_names_each_bad_value(client: TestClient) -> None:
    problem = _problem(client.get("/v1/events?type=call.completed&type=Nope&type=zz", headers=AUTH))
    assert problem["errors"] == [
        {"field": "type", "message": f"'Nope': must match {EVENT_TYPE}"},
        {"field": "type", "message": f"'zz': must match {EVENT_TYPE}"},
    ]
    assert problem["detail"] == "The parameter 'type' is invalid."
    many = "&".join(["type=call.completed"] * 21)
    assert _problem(client.get(f"/v1/events?{many}", headers=AUTH))["errors"] == [
        {"field": "type", "message": "must be given at most 20 times"}
    ]


def test_a_path_parameter_is_named(client: TestClient) -> None:
    problem = _problem(client.get("/v1/webhooks/nope", headers=AUTH))
    assert problem["errors"] == [{"field": "webhook_id", "message": "must match ^wh_[0-9a-f]{32}$"}]
    assert problem["detail"] == "The parameter 'webhook_id' is invalid."


def test_a_header_parameter_is_named(client: TestClient) -> None:
    problem = _problem(client.post("/v1/campaigns", json={}, headers={**AUTH, "Idempotency-Key": "k" * 256}))
    assert problem["errors"] == [{"field": "Idempotency-Key", "message": "must be at most 255 characters long"}]
    assert problem["detail"] == "The parameter 'Idempotency-Key' is invalid."


def test_native_query_parameters_are_named_every_one(client: TestClient) -> None:
    problem = _problem(client.get("/v1/vendors/smallest/conversation?limit=0&page=x", headers=AUTH))
    assert problem["errors"] == [
        {"field": "page", "message": "must be an integer"},
        {"field": "limit", "message": "must be at least 1"},
    ]
    assert problem["detail"] == "The parameters 'page', 'limit' are invalid."
    assert _problem(client.get("/v1/vendors/smallest/campaign?sortOrder=up", headers=AUTH))["errors"] == [
        {"field": "sortOrder", "message": "must be one of asc, desc"}
    ]


def test_a_native_header_parameter_is_named(client: TestClient) -> None:
    headers = {"apiKey": KEY, "Idempotency-Key": ""}
    problem = _problem(client.post("/v1/vendors/clerk/public/campaigns", json={}, headers=headers))
    assert problem["errors"] == [{"field": "Idempotency-Key", "message": "must not be empty"}]


@pytest.mark.parametrize("value", ["abc", "1.5", "12a"])
def test_a_native_path_parameter_of_the_wrong_type_is_named(client: TestClient, value: str) -> None:
    # Connexion routes an integer path parameter by its type: without the edge's check, no route, a bare 404.
    problem = _problem(client.get(f"/v1/vendors/voiceable/api/v1/campaigns/{value}", headers={"X-API-Key": KEY}))
    assert problem["errors"] == [{"field": "id", "message": "must be an integer"}]
    assert problem["detail"] == "The parameter 'id' is invalid."


def test_a_native_path_parameter_of_its_type_still_reaches_the_operation(client: TestClient) -> None:
    answer = client.get("/v1/vendors/voiceable/api/v1/campaigns/99999999", headers={"X-API-Key": KEY})
    assert answer.status_code == 404
    assert answer.json()["detail"] == "No voiceable campaign 99999999 of yours."


def _table(paths: dict[str, Any]) -> RouteTable:
    return RouteTable.from_specification({"paths": paths}, "/v1")


def _get(*parameters: tuple[str, str]) -> dict[str, Any]:
    return {"get": {"parameters": [{"name": n, "in": "path", "schema": {"type": t}} for n, t in parameters]}}


def test_the_route_table_names_the_first_mistyped_path_parameter_and_its_rule() -> None:
    table = _table({"/a/{n}/b/{x}": _get(("n", "integer"), ("x", "number")), "/s/{id}": _get(("id", "string"))})
    assert table.mistyped("/v1/a/7/b/2.5") is None
    # Signed and bare decimals route, as Connexion's converters take them.
    assert table.mistyped("/v1/a/-7/b/.5") is None
    assert table.mistyped("/v1/a/x/b/y") == ("n", "must be an integer")
    assert table.mistyped("/v1/a/7/b/y") == ("x", "must be a number")
    assert table.mistyped("/v1/s/anything") is None
    assert table.mistyped("/v1/elsewhere/x") is None


def test_a_value_another_route_of_the_same_shape_takes_is_not_refused() -> None:
    table = _table(
        {
            "/c/{id}": _get(("id", "integer")),
            "/c/{name}": _get(("name", "string")),
            "/d/{id}": _get(("id", "integer")),
            "/d/latest": {"get": {}},
        }
    )
    assert table.mistyped("/v1/c/abc") is None
    assert table.mistyped("/v1/d/latest") is None
    assert table.mistyped("/v1/d/oldest") == ("id", "must be an integer")


def test_a_parameter_the_operations_of_a_path_type_differently_is_not_judged() -> None:
    mixed = {"get": _get(("id", "integer"))["get"], "delete": _get(("id", "string"))["get"]}
    assert _table({"/m/{id}": mixed}).mistyped("/v1/m/abc") is None
    shared = {"parameters": [{"name": "id", "in": "path", "schema": {"type": "integer"}}], "get": {}, "delete": {}}
    assert _table({"/p/{id}": shared}).mistyped("/v1/p/abc") == ("id", "must be an integer")
