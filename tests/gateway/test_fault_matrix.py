"""Every adapter through the fault-injecting upstream: whatever a vendor does, the gateway's answer is
a considered one (never a 500), the vendor gets the campaign once, no credential leaks, and the
campaign is settled (never left `in_flight`) as the ledger's table says (gateway/dispatch.py).

A new vendor is in this matrix as soon as it has an example campaign in the served spec.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from starlette.testclient import TestClient

from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox

from .conftest import AUTH, SLUGS, TIMEOUT_S, examples


def _modes(credential: str) -> dict[str, tuple[Fault, int, str]]:
    """Fault -> (the client's status, the campaign's dispatch)."""
    return {
        "hang past the deadline": (Fault(delay=TIMEOUT_S + 2), 504, "unknown"),
        "drip": (Fault(drip=2.0), 504, "unknown"),
        "drop the connection": (Fault(drop=True), 502, "unknown"),
        "500": (Fault(status=500, body={"error": "internal"}), 502, "unknown"),
        "502 from a proxy, as HTML": (
            Fault(status=502, body="<html><body>Bad gateway</body></html>", content_type="text/html"),
            502,
            "unknown",
        ),
        "503 with Retry-After": (Fault(status=503, headers={"Retry-After": "7"}), 503, "rejected"),
        "429 with Retry-After": (Fault(status=429, headers={"Retry-After": "7"}), 429, "rejected"),
        "401": (Fault(status=401), 502, "rejected"),
        "400 echoing the credential": (
            Fault(status=400, body={"message": f"invalid request for key {credential}"}),
            422,
            "rejected",
        ),
        "400 as an HTML page": (
            Fault(status=400, body="<html><body>Bad request</body></html>", content_type="text/html"),
            422,
            "rejected",
        ),
        "201 with HTML": (Fault.non_json(), 201, "accepted"),
        "201 with garbage": (
            Fault(status=201, body=b"\x00\xff\xfe not json", content_type="application/octet-stream"),
            201,
            "accepted",
        ),
        "201 over the size cap": (Fault.huge(size=2 * 1024 * 1024), 201, "accepted"),
        "201 echoing the credential": (
            Fault(status=201, body={"id": credential, "status": credential}),
            201,
            "accepted",
        ),
    }


MODES = sorted(_modes("x"))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("slug", SLUGS)
def test_every_vendor_fault_is_answered_and_settled(client: TestClient, sandbox: Sandbox, slug: str, mode: str) -> None:
    credential = sandbox.credential(slug)
    fault, status, dispatch = _modes(credential)[mode]
    sandbox.inject(slug, fault)
    name = f"matrix-{uuid.uuid4().hex[:10]}"
    response = client.post("/v1/campaigns", json={**examples()[slug], "name": name}, headers=AUTH)
    assert response.status_code == status, response.text
    expected_type = "application/json" if status == 201 else "application/problem+json"
    assert response.headers["content-type"] == expected_type
    assert credential not in response.text
    if status in (429, 503):
        assert response.headers["retry-after"] == "7"
    assert len(sandbox.requests(slug)) == 1  # a POST is never sent twice
    row = _row(client, name)
    assert row["dispatch"] == dispatch
    if status == 201:
        assert row["vendor_campaign_id"] != credential
        assert client.get(f"/v1/campaigns/{row['id']}", headers=AUTH).json() == response.json()


def _row(client: TestClient, name: str) -> dict[str, Any]:
    listing = client.get("/v1/campaigns", headers=AUTH, params={"limit": 100}).json()["campaigns"]
    return next(row for row in listing if row["name"] == name)
