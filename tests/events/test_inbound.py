"""Vendors' webhooks in: each vendor's scheme, dedupe, refusals that keep nothing, tenancy, the feed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from prometheus_client import REGISTRY
from starlette.testclient import TestClient

from gateway.sandbox.server import Sandbox, start_sandbox
from gateway.vendors._hooks import hex_hmac_sha256

from ._hooks_support import (
    AUTH,
    OTHER_AUTH,
    SMALLEST_SECRET,
    app_of,
    clients,
    hook_url,
    release_held,
    signed,
    smallest_post_conversation,
    stored_events,
)

Make = Callable[..., TestClient]


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with start_sandbox() as running:
        yield running


@pytest.fixture
def make(sandbox: Sandbox, tmp_path: Path) -> Iterator[Make]:
    yield from clients(sandbox, tmp_path)


def feed(client: TestClient, headers: dict[str, str] = AUTH) -> list[dict[str, object]]:
    release_held(client)  # Smallest's calls match no campaign here: published without one
    answer = client.get("/v1/events", headers=headers)
    assert answer.status_code == 200, answer.text
    events: list[dict[str, object]] = answer.json()["events"]
    return events


def _count(vendor: str, outcome: str) -> float:
    return REGISTRY.get_sample_value("gateway_hooks_received_total", {"vendor": vendor, "outcome": outcome}) or 0.0


# --- Smallest: X-Signature = hex HMAC-SHA256 of the raw body, no timestamp ---------------------


def test_a_signed_smallest_hook_is_kept_and_shown_in_the_feed(make: Make) -> None:
    client = make(GATEWAY_SMALLEST_EVENTS_TENANT="one")
    accepted = _count("smallest", "accepted")
    raw, headers = signed(smallest_post_conversation())
    answer = client.post(hook_url(client, "smallest"), content=raw, headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.json()["received"] is True and answer.json()["duplicate"] is False
    [event_id] = answer.json()["events"]
    [event] = feed(client)
    assert event["id"] == event_id and event["type"] == "call.completed" and event["source"] == "webhook"
    assert event["tenant"] == "one" and event["vendor"] == "smallest" and event["campaign_id"] is None
    assert event["occurred_at"] == "2026-05-08T07:52:34+00:00"
    data = event["data"]
    assert isinstance(data, dict)
    assert data["phone"] == "+916296641821" and data["outcome"] == "completed" and data["duration_s"] == 49.350622
    assert data["vendor_call_id"] == "CALL-1778226705739-7e4c17"
    assert data["vendor_payload"] == smallest_post_conversation()
    assert feed(client, OTHER_AUTH) == []
    assert _count("smallest", "accepted") == accepted + 1


@pytest.mark.parametrize(
    "headers",
    [
        {"X-Signature": "0" * 64},  # wrong
        {},  # missing
        {"X-Signature": ""},  # empty
    ],
    ids=["wrong", "missing", "empty"],
)
def test_a_bad_smallest_signature_is_401_and_nothing_is_kept(make: Make, headers: dict[str, str]) -> None:
    client = make()
    refused = _count("smallest", "unauthorized")
    raw = json.dumps(smallest_post_conversation()).encode()
    answer = client.post(
        hook_url(client, "smallest"), content=raw, headers={"Content-Type": "application/json", **headers}
    )
    assert answer.status_code == 401, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert stored_events(client) == []
    assert _count("smallest", "unauthorized") == refused + 1


def test_the_signature_is_checked_on_the_raw_bytes(make: Make) -> None:
    client = make()
    raw, headers = signed(smallest_post_conversation())
    spaced = json.dumps(json.loads(raw), indent=2).encode()  # the same JSON, other bytes
    assert client.post(hook_url(client, "smallest"), content=spaced, headers=headers).status_code == 401
    assert client.post(hook_url(client, "smallest"), content=raw, headers=headers).status_code == 200


def test_a_signature_by_another_secret_is_refused(make: Make) -> None:
    client = make()
    raw, headers = signed(smallest_post_conversation(), secret="someone-else")
    assert client.post(hook_url(client, "smallest"), content=raw, headers=headers).status_code == 401
    assert stored_events(client) == []


def test_without_a_configured_secret_smallest_hooks_are_refused(make: Make) -> None:
    client = make(GATEWAY_SMALLEST_WEBHOOK_SECRET="")
    raw, headers = signed(smallest_post_conversation())
    answer = client.post(hook_url(client, "smallest"), content=raw, headers=headers)
    assert answer.status_code == 401 and "No signing secret" in answer.json()["detail"]


def test_a_replayed_smallest_hook_is_acknowledged_and_not_emitted_twice(make: Make) -> None:
    # Smallest signs no timestamp: a replay of a captured hook verifies, so the delivery id
    # (`id`) is what keeps it from becoming a second event.
    client = make(GATEWAY_SMALLEST_EVENTS_TENANT="one")
    raw, headers = signed(smallest_post_conversation())
    first = client.post(hook_url(client, "smallest"), content=raw, headers=headers).json()
    again = client.post(hook_url(client, "smallest"), content=raw, headers=headers).json()
    assert again == {"received": True, "duplicate": True, "events": first["events"]}
    assert len(stored_events(client)) == 1 and len(feed(client)) == 1
    other = signed(smallest_post_conversation(delivery="another-delivery"))
    assert client.post(hook_url(client, "smallest"), content=other[0], headers=other[1]).json()["duplicate"] is False


def test_a_failed_call_is_call_failed(make: Make) -> None:
    client = make(GATEWAY_SMALLEST_EVENTS_TENANT="one")
    raw, headers = signed(smallest_post_conversation(status="no_answer"))
    client.post(hook_url(client, "smallest"), content=raw, headers=headers)
    [event] = feed(client)
    assert event["type"] == "call.failed"


# --- refusals common to every vendor -----------------------------------------------------------


def test_an_unknown_token_is_401_and_nothing_is_kept(make: Make) -> None:
    client = make()
    raw, headers = signed(smallest_post_conversation())
    for url in ("/v1/hooks/smallest/" + "x" * 32, "/v1/hooks/smallest/short", "/v1/hooks/nobody/" + "x" * 32):
        assert client.post(url, content=raw, headers=headers).status_code == 401, url
    assert stored_events(client) == []


def test_a_token_of_another_vendor_is_401(make: Make) -> None:
    client = make()
    token = app_of(client).gateway.hook_endpoints.token_for("smallest")
    answer = client.post(f"/v1/hooks/volubile/{token}", json={"id": "c1", "status": "COMPLETED"})
    assert answer.status_code == 401
    assert stored_events(client) == []


@pytest.mark.parametrize("vendor", ["tetherai", "voiceable"])
def test_vendors_without_webhooks_have_no_hook_endpoint(make: Make, vendor: str) -> None:
    client = make()
    assert client.post(hook_url(client, vendor), json={"anything": 1}).status_code == 401
    assert stored_events(client) == []


def test_a_rotated_token_stops_working(make: Make) -> None:
    client = make()
    old = hook_url(client, "volubile")
    app_of(client).gateway.hook_endpoints.rotate("volubile")
    assert client.post(old, json={"id": "c1", "status": "COMPLETED"}).status_code == 401
    assert client.post(hook_url(client, "volubile"), json={"id": "c1", "status": "COMPLETED"}).status_code == 200


def test_a_body_that_is_not_json_is_400_and_not_json_media_is_415(make: Make) -> None:
    client = make()
    url = hook_url(client, "smallest")
    raw = b"{not json"
    headers = {"Content-Type": "application/json", "X-Signature": hex_hmac_sha256(SMALLEST_SECRET, raw)}
    assert client.post(url, content=raw, headers=headers).status_code == 400
    assert client.post(url, content=b"a=b", headers={"Content-Type": "text/plain"}).status_code == 415
    assert stored_events(client) == []


def test_a_body_over_the_limit_is_413(make: Make) -> None:
    client = make(GATEWAY_MAX_BODY_BYTES="1000")
    raw, headers = signed({"padding": "x" * 2000})
    assert client.post(hook_url(client, "smallest"), content=raw, headers=headers).status_code == 413
    assert stored_events(client) == []


# --- Volubile: token only, its signature kept unverified ---------------------------------------


def test_volubile_is_accepted_on_the_token_and_keeps_its_signature(make: Make) -> None:
    client = make(GATEWAY_VOLUBILE_EVENTS_TENANT="one")
    call = {"id": "call-1", "phone": "+33612345678", "status": "FAILED", "duration": 0, "type": "OUTBOUND"}
    raw = json.dumps(call).encode()
    headers = {"Content-Type": "application/json", "X-Webhook-Signature": "abc123"}
    first = client.post(hook_url(client, "volubile"), content=raw, headers=headers)
    assert first.status_code == 200 and first.json()["duplicate"] is False
    # No event id: the body's hash dedupes a redelivery.
    assert client.post(hook_url(client, "volubile"), content=raw, headers=headers).json()["duplicate"] is True
    [event] = feed(client)
    assert event["type"] == "call.failed"
    data = event["data"]
    assert isinstance(data, dict)
    assert data["unverified_signature"] == "abc123" and data["phone"] == "+33612345678" and data["outcome"] == "failed"
    unsigned = client.post(hook_url(client, "volubile"), json={**call, "id": "call-2"})
    assert unsigned.status_code == 200  # signing is optional at Volubile, and not verified here


# --- Clerk Chat: optional static auth header ---------------------------------------------------


def _clerk(event_id: str = "5b8c4f1e-2c3a-4f1e-9d8a-7e6b5a4c3d2f", **data: object) -> dict[str, object]:
    message = {"id": "m1", "body": "Hello", "inbound": False, "members": ["+14155550100"], "status": "delivered"}
    return {"eventId": event_id, "type": "message.delivered", "teamId": "team-1", "data": {**message, **data}}


def test_clerk_without_a_secret_is_token_only(make: Make) -> None:
    client = make(GATEWAY_CLERK_EVENTS_TENANT="one")
    assert client.post(hook_url(client, "clerk"), json=_clerk()).status_code == 200
    assert client.post(hook_url(client, "clerk"), json=_clerk()).json()["duplicate"] is True
    [event] = feed(client)
    assert event["type"] == "message.delivered"


@pytest.mark.parametrize(
    ("secret", "good", "bad"),
    [
        ("s3cret", {"Authorization": "s3cret"}, {"Authorization": "nope"}),
        ("X-Clerk-Auth: s3cret", {"X-Clerk-Auth": "s3cret"}, {"Authorization": "s3cret"}),
    ],
    ids=["default-header", "named-header"],
)
def test_clerk_checks_its_static_header_when_a_secret_is_configured(
    make: Make, secret: str, good: dict[str, str], bad: dict[str, str]
) -> None:
    client = make(GATEWAY_CLERK_WEBHOOK_SECRET=secret)
    url = hook_url(client, "clerk")
    assert client.post(url, json=_clerk("e1")).status_code == 401  # missing
    assert client.post(url, json=_clerk("e2"), headers=bad).status_code == 401
    assert stored_events(client) == []
    assert client.post(url, json=_clerk("e3"), headers=good).status_code == 200


# --- tenancy -----------------------------------------------------------------------------------


def test_a_hook_on_a_tenants_own_account_is_that_tenants(make: Make) -> None:
    client = make()
    assert client.post(hook_url(client, "clerk", "two"), json=_clerk()).status_code == 200
    assert [event["tenant"] for event in feed(client, OTHER_AUTH)] == ["two"]
    assert feed(client) == []


def test_a_hook_no_campaign_claims_on_the_shared_account_is_untied_with_two_tenants(make: Make) -> None:
    client = make()
    assert client.post(hook_url(client, "clerk"), json=_clerk()).status_code == 200
    assert feed(client) == [] and feed(client, OTHER_AUTH) == []
    [stored] = stored_events(client)
    assert stored["tenant"] is None and stored["account"] == ""


def test_with_one_tenant_the_shared_account_events_are_its(make: Make) -> None:
    client = make(GATEWAY_API_KEYS="one:key-tenant-one")
    assert client.post(hook_url(client, "clerk"), json=_clerk()).status_code == 200
    assert [event["tenant"] for event in feed(client)] == ["one"]


def test_a_hook_naming_a_campaign_is_tied_to_it_and_its_tenant(make: Make) -> None:
    client = make()
    campaign = {
        "vendor": "clerk",
        "name": "Hooks",
        "channel": "sms",
        "audience": "newsletter",
        "sender": "+14155550123",
        "message": "Hello",
    }
    created = client.post("/v1/campaigns", json=campaign, headers=OTHER_AUTH)
    assert created.status_code == 201, created.text
    vendor_id = created.json()["vendor_campaign_id"]
    assert client.post(hook_url(client, "clerk"), json=_clerk(campaignId=vendor_id)).status_code == 200
    [event] = [event for event in feed(client, OTHER_AUTH) if event["type"] == "message.delivered"]
    assert event["campaign_id"] == created.json()["id"] and event["vendor_campaign_id"] == vendor_id
    campaign_feed = client.get(f"/v1/campaigns/{created.json()['id']}/events", headers=OTHER_AUTH).json()
    assert event["id"] in [e["id"] for e in campaign_feed["events"]]


def test_an_opt_out_reply_is_also_recipient_opted_out(make: Make) -> None:
    client = make(GATEWAY_CLERK_EVENTS_TENANT="one")
    reply = _clerk(body="STOP", inbound=True, sender="+14155550100", status="received")
    reply["type"] = "message.received"
    answer = client.post(hook_url(client, "clerk"), json=reply).json()
    assert len(answer["events"]) == 2
    types = sorted(event["type"] for event in feed(client))  # one hook's events: in no given order
    assert types == ["message.received", "recipient.opted_out"]
    assert client.post(hook_url(client, "clerk"), json=reply).json() == {
        "received": True,
        "duplicate": True,
        "events": answer["events"],
    }


def test_a_tenants_own_account_verifies_with_its_own_secret(make: Make) -> None:
    from cryptography.fernet import Fernet

    client = make(GATEWAY_SECRET_KEY=Fernet.generate_key().decode())
    gateway = app_of(client).gateway
    gateway.credentials.set("two", "smallest", "tenant-key", webhook_secret="tenant-two-secret")
    url = hook_url(client, "smallest", "two")
    raw, headers = signed(smallest_post_conversation())  # the gateway's own secret
    assert client.post(url, content=raw, headers=headers).status_code == 401
    raw, headers = signed(smallest_post_conversation(), secret="tenant-two-secret")
    assert client.post(url, content=raw, headers=headers).status_code == 200
    assert [event["tenant"] for event in feed(client, OTHER_AUTH)] == ["two"]
