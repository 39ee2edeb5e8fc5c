"""Bad input never reaches a vendor and is never a 500; a canary credential never leaks."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox
from gateway.store.schema import campaign_requests, campaigns

from .conftest import AUTH, SLUGS, examples

PHONES = [
    "14155550133",  # no plus
    "+014155550133",  # leading zero
    "+1234567890123456",  # 16 digits
    "+14155550133\n",  # trailing newline
    "+1 415 555 0133",  # not E.164 as written
    "=1+1",
    "@SUM(A1)",
    "-2+3",
    "+cmd|' /C calc'!A0",
    "+1415555\t0133",
    "+14155550133\r=1+1",
    '"+14155550133"',
    "+14155550133,+14155550134",
    "+1415555013\u0663x",  # an Arabic-Indic digit, then a letter
]


def post(client: TestClient, body: Any, **headers: str) -> Any:
    return client.post("/v1/campaigns", json=body, headers={**AUTH, **headers})


def assert_refused_untouched(response: Any, sandbox: Sandbox, statuses: tuple[int, ...] = (400,)) -> None:
    assert response.status_code in statuses, response.text
    assert response.headers["content-type"] == "application/problem+json"
    for slug in SLUGS:
        assert sandbox.requests(slug) == []


@pytest.mark.parametrize("phone", PHONES)
def test_only_valid_e164_reaches_the_voiceable_csv(client: TestClient, sandbox: Sandbox, phone: str) -> None:
    campaign = {**examples()["voiceable"], "recipients": [{"phone": "+14155550133"}, {"phone": phone}]}
    response = post(client, campaign)
    assert_refused_untouched(response, sandbox)
    assert "recipients[1].phone" in [e["field"] for e in response.json()["errors"]]


def test_full_width_digits_are_sent_as_ascii(client: TestClient, sandbox: Sandbox) -> None:
    campaign = {
        **examples()["voiceable"],
        "recipients": [{"phone": "+" + "".join(chr(0xFF10 + int(d)) for d in "14155550133")}],
    }
    assert post(client, campaign).status_code == 201
    assert b"phone_number\n+14155550133\n" in sandbox.requests("voiceable")[0].body


@pytest.mark.parametrize("field", ["name", "sender", "agent_id"])
def test_control_characters_are_refused(client: TestClient, sandbox: Sandbox, field: str) -> None:
    campaign = {**examples()["voiceable"], field: "1\r\nX-Injected: yes"}
    assert_refused_untouched(post(client, campaign), sandbox)


def test_message_may_have_line_breaks_but_no_other_controls(client: TestClient, sandbox: Sandbox) -> None:
    assert post(client, {**examples()["tetherai"], "message": "Hi\nthere\r\n\tbye"}).status_code == 201
    sandbox.clear()
    assert_refused_untouched(post(client, {**examples()["tetherai"], "message": "Hi\x00there"}), sandbox)


def test_header_injection_in_request_id_is_not_forwarded(client: TestClient, sandbox: Sandbox) -> None:
    response = client.post(
        "/v1/campaigns", json=examples()["smallest"], headers={**AUTH, "X-Request-ID": "abc\tX-Evil: 1"}
    )
    assert response.status_code == 201
    forwarded = sandbox.requests("smallest")[0]
    assert forwarded.header("X-Evil") is None and "\t" not in (forwarded.header("X-Request-ID") or "")


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe{}",
        b'{"vendor": "clerk", "name": "\xc3\x28"}',
        b"[" * 50_000 + b"]" * 50_000,
        b"",
        b"null",
        b"[]",
        b'{"vendor": "tetherai", "name": "n", "options": {"weight": NaN}}',  # not JSON, though Python reads it
        b'{"vendor": "tetherai", "name": "n", "options": {"weight": -Infinity}}',
    ],
)
def test_malformed_bodies_are_400(client: TestClient, sandbox: Sandbox, raw: bytes) -> None:
    response = client.post("/v1/campaigns", content=raw, headers={**AUTH, "Content-Type": "application/json"})
    assert_refused_untouched(response, sandbox)


@pytest.mark.parametrize(
    "path",
    [
        "/v1/vendors/unknown/campaign",
        "/v1/vendors/smallest/../clerk/public/campaigns",
        "/v1/vendors/smallest/%2e%2e/campaign",
        "/v1/vendors/smallest/campaign/..",
        "/v1/vendors/SMALLEST/campaign",
        "/v1//vendors/smallest/campaign",
    ],
)
def test_path_tricks_do_not_reach_a_vendor(client: TestClient, sandbox: Sandbox, path: str) -> None:
    response = client.post(path, json={"name": "x", "audienceId": "a", "agentId": "b"}, headers=AUTH)
    # Clients resolve dot segments themselves: the request may land on another vendor's route,
    # where the gateway key is in the wrong slot (401). What matters: no vendor is reached.
    assert_refused_untouched(response, sandbox, statuses=(400, 401, 404, 405))


def test_unknown_vendor_slug_is_400(client: TestClient, sandbox: Sandbox) -> None:
    assert_refused_untouched(post(client, {"vendor": "clerk/../smallest", "name": "x"}), sandbox)


def test_a_canary_credential_never_leaks(
    client_with: Callable[..., TestClient], sandbox: Sandbox, capfd: pytest.CaptureFixture[str]
) -> None:
    canary = "CANARY-7f3e9a-SECRET"
    gateway = client_with(GATEWAY_TETHERAI_API_KEY=canary)
    capfd.readouterr()
    # The vendor refuses the canary and echoes it (and the request headers) back.
    sandbox.inject(
        "tetherai",
        Fault(
            status=401, body={"message": f"bad token Bearer {canary}", "headers": {"authorization": f"Bearer {canary}"}}
        ),
    )
    refused = gateway.post("/v1/campaigns", json=examples()["tetherai"], headers=AUTH)
    sandbox.inject("tetherai", Fault(status=400, body={"success": False, "message": f"echo {canary}"}))
    rejected = gateway.post("/v1/campaigns", json={**examples()["tetherai"], "name": "canary 2"}, headers=AUTH)
    sandbox.inject("tetherai", Fault(status=400, body={"success": False, "message": f"echo {canary}"}))
    native = gateway.post("/v1/vendors/tetherai/api/campaigns", json={"name": "n", "message": "m"}, headers=AUTH)
    dry = gateway.post("/v1/campaigns?dry_run=true", json=examples()["tetherai"], headers=AUTH)
    metrics = gateway.get("/metrics")
    listing = gateway.get("/v1/campaigns", headers=AUTH, params={"limit": 100})
    assert (refused.status_code, rejected.status_code, native.status_code) == (502, 422, 400)
    app: Any = gateway.app
    with app.gateway.registry.engine.connect() as connection:
        tables = (campaigns, campaign_requests)
        rows = [dict(row) for table in tables for row in connection.execute(select(table)).mappings()]
        stored = json.dumps(rows, default=str)
    logs = capfd.readouterr()
    for text in (
        refused.text,
        rejected.text,
        native.text,
        dry.text,
        metrics.text,
        listing.text,
        stored,
        logs.err,
        logs.out,
    ):
        assert canary not in text
    assert "[REDACTED]" in native.text
