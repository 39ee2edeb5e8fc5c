"""The access log names who: the tenant of every authenticated request, why there is none otherwise."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from starlette.testclient import TestClient

from .conftest import AUTH, KEY, OTHER_KEY

UNKNOWN_KEY = "key-nobody-has-" + uuid.uuid4().hex


def _line(client: TestClient, capsys: Any, method: str, path: str, headers: dict[str, str]) -> dict[str, Any]:
    """The access-log line of one request, found by its request id."""
    request_id = uuid.uuid4().hex
    capsys.readouterr()
    client.request(method, path, headers={**headers, "X-Request-ID": request_id}, json={} if method == "POST" else None)
    err = capsys.readouterr().err
    assert KEY not in err and OTHER_KEY not in err and UNKNOWN_KEY not in err  # never a key
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    found = [line for line in lines if line.get("logger") == "gateway.access" and line["request_id"] == request_id]
    assert len(found) == 1, lines
    return found[0]


@pytest.mark.parametrize(
    ("method", "path", "headers"),
    [
        ("GET", "/v1/events", AUTH),
        ("GET", "/v1/campaigns", {"X-API-Key": KEY}),
        ("GET", f"/v1/campaigns/{uuid.uuid4()}/events", AUTH),  # 404 after authentication
        ("GET", "/v1/webhooks", AUTH),
        ("GET", "/v1/vendors/smallest/campaign", AUTH),  # a native route, the vendor's own scheme
        ("GET", "/v1/vendors/clerk/public/messages", {"apiKey": KEY}),
        ("GET", "/v1/campaigns?limit=500", AUTH),  # a parameter error
        ("GET", "/v1/nowhere", AUTH),  # no route: the key still names its tenant
    ],
)
def test_an_authenticated_request_names_its_tenant(
    client: TestClient, capsys: Any, method: str, path: str, headers: dict[str, str]
) -> None:
    line = _line(client, capsys, method, path, headers)
    assert line["tenant"] == "one", line
    assert line["auth"] is None


@pytest.mark.parametrize(
    ("path", "headers", "status", "auth"),
    [
        ("/v1/events", {}, 401, "missing"),
        ("/v1/events", {"Authorization": f"Bearer {UNKNOWN_KEY}"}, 401, "unknown key"),
        ("/v1/vendors/clerk/public/messages", {"apiKey": UNKNOWN_KEY}, 401, "unknown key"),
        ("/v1/events", {"Authorization": f"Bearer {KEY}", "X-API-Key": OTHER_KEY}, 400, "two different keys"),
        ("/v1/vendors/smallest/campaign", {"X-API-Key": KEY}, 401, "key not where this route reads it"),
        ("/v1/openapi.json", {}, 200, "not required"),
    ],
)
def test_an_unauthenticated_request_says_why(
    client: TestClient, capsys: Any, path: str, headers: dict[str, str], status: int, auth: str
) -> None:
    line = _line(client, capsys, "GET", path, headers)
    assert (line["status"], line["tenant"], line["auth"]) == (status, None, auth)
