"""The front door: `/`, `/v1` and `/v1/` lead to Swagger UI, which shows the two ways to authenticate."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from gateway.frontdoor import ui_view

from .conftest import KEY


@pytest.mark.parametrize("path", ["/", "/v1", "/v1/"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_the_front_door_redirects_to_the_ui(client: TestClient, path: str, method: str) -> None:
    response = client.request(method, path, follow_redirects=False)
    assert response.status_code == 307  # temporary: the front door may lead elsewhere one day
    assert response.headers["location"] == "/v1/ui/"
    assert client.get(path).status_code == 200  # followed: the UI's page


def test_other_methods_find_no_front_door(client: TestClient) -> None:
    assert client.post("/", follow_redirects=False).status_code == 404


def test_the_ui_loads_its_own_view_of_the_spec(client: TestClient) -> None:
    page = client.get("/v1/ui/").text
    assert 'url: "openapi.json"' in page  # relative to /v1/ui/: /v1/ui/openapi.json
    view = client.get("/v1/ui/openapi.json").json()
    assert set(view["components"]["securitySchemes"]) == {"bearerAuth", "apiKeyHeader"}
    schemes = view["components"]["securitySchemes"]
    assert schemes["bearerAuth"]["scheme"] == "bearer" and schemes["apiKeyHeader"]["name"] == "X-API-Key"
    used = {name for item in view["paths"].values() for op in item.values() if isinstance(op, dict)
            for requirement in op.get("security", []) for name in requirement}  # fmt: skip
    assert used <= {"bearerAuth", "apiKeyHeader"}
    assert view["servers"] == client.get("/v1/openapi.json").json()["servers"]


def test_native_routes_keep_their_vendor_schemes_in_the_served_spec(client: TestClient) -> None:
    served = client.get("/v1/openapi.json").json()
    assert {"clerk.api_key", "smallest.BearerAuth", "volubile.Api_key"} <= set(served["components"]["securitySchemes"])
    assert served["paths"]["/vendors/clerk/public/messages"]["get"]["security"] == [{"clerk.api_key": []}]
    # and a vendor SDK still authenticates on them as before
    assert client.get("/v1/vendors/clerk/public/messages", headers={"apiKey": KEY}).status_code != 401


def test_the_ui_view_maps_vendor_schemes_to_the_gateway_ways() -> None:
    spec = {
        "paths": {
            "/a": {"get": {"security": [{"v.Api_key": []}, {"v.Bearer_token": []}]}},
            "/b": {"post": {"security": [{"c.api_key": []}], "parameters": [{"name": "q", "in": "query"}]}},
            "/c": {"get": {"responses": {}}},
        },
        "components": {
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer"},
                "apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
                "v.Api_key": {"type": "apiKey", "in": "header", "name": "X-Api-Key"},
                "v.Bearer_token": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
                "c.api_key": {"type": "apiKey", "in": "header", "name": "apiKey"},
            }
        },
    }
    view = ui_view(spec)
    assert view["paths"]["/a"]["get"]["security"] == [{"apiKeyHeader": []}, {"bearerAuth": []}]
    clerk = view["paths"]["/b"]["post"]
    assert clerk["security"] == []
    assert [p["name"] for p in clerk["parameters"]] == ["q", "apiKey"]
    assert clerk["parameters"][1]["in"] == "header" and clerk["parameters"][1]["required"] is True
    assert view["paths"]["/c"]["get"] == {"responses": {}}  # the spec's default security applies
    assert set(view["components"]["securitySchemes"]) == {"bearerAuth", "apiKeyHeader"}
    assert "c.api_key" in spec["components"]["securitySchemes"]  # the served spec is left as it is
