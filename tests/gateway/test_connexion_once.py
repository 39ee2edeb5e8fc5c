"""Connexion's handler layer is built once per operation, and still reads each request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import connexion.decorators.parameter
import connexion.security
import pytest
from starlette.testclient import TestClient

from .conftest import AUTH, KEY, examples

NATIVE_CLERK = "/v1/vendors/clerk/public/campaigns"


def _count_inspections(monkeypatch: pytest.MonkeyPatch) -> list[Callable[..., Any]]:
    seen: list[Callable[..., Any]] = []
    for module in (connexion.decorators.parameter, connexion.security):
        original = module.inspect_function_arguments

        def counting(function: Callable[..., Any], original: Any = original) -> Any:
            seen.append(function)
            return original(function)

        monkeypatch.setattr(module, "inspect_function_arguments", counting)
    return seen


def test_handlers_and_security_functions_are_inspected_once(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    body = examples()["clerk"]
    native = {"sender": "+1415456789", "listName": "VIPs", "mediaUrls": [], "body": "Hello"}
    for _ in range(2):  # the first of each builds the operation's decorators
        assert client.post("/v1/campaigns", json=body, headers=AUTH).status_code == 201
        assert (
            client.post("/v1/vendors/clerk/public/campaigns", json=native, headers={"apiKey": KEY}).status_code == 201
        )
    seen = _count_inspections(monkeypatch)
    assert client.post("/v1/campaigns", json=body, headers=AUTH).status_code == 201
    assert client.post("/v1/vendors/clerk/public/campaigns", json=native, headers={"apiKey": KEY}).status_code == 201
    assert seen == []  # Connexion 3.3 alone inspects three times per request


def test_parameters_and_bodies_still_come_from_each_request(client: TestClient) -> None:
    first = client.post("/v1/campaigns", json={**examples()["clerk"], "name": "first"}, headers=AUTH).json()
    second = client.post("/v1/campaigns", json={**examples()["clerk"], "name": "second"}, headers=AUTH).json()
    listed = client.get("/v1/campaigns", params={"limit": 1}, headers=AUTH).json()
    assert (first["name"], second["name"]) == ("first", "second")
    assert [item["id"] for item in listed["campaigns"]] == [second["id"]]
    assert client.get(f"/v1/campaigns/{first['id']}", headers=AUTH).json()["name"] == "first"
