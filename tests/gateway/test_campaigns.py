"""POST /v1/campaigns end to end, per vendor, and every error row of the issue."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from gateway.api import campaigns as campaigns_api
from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox

from .conftest import AUTH, SLUGS, TIMEOUT_S, examples

VENDOR_PATHS = {
    "clerk": "/clerk/public/campaigns",
    "volubile": "/volubile/v1/campaigns",
    "voiceable": "/voiceable/api/v1/campaigns",
    "tetherai": "/tetherai/api/campaigns",
    "smallest": "/smallest/atoms/v1/campaign",
}


def post(client: TestClient, body: dict[str, Any], **params: str) -> Any:
    return client.post("/v1/campaigns", json=body, headers=AUTH, params=params)


def test_every_vendor_has_an_example() -> None:
    assert sorted(examples()) == sorted(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_campaign_reaches_the_vendor_and_comes_back(client: TestClient, sandbox: Sandbox, slug: str) -> None:
    response = post(client, examples()[slug])
    assert response.status_code == 201, response.text
    campaign = response.json()
    assert campaign["vendor"] == slug
    assert campaign["vendor_campaign_id"]
    assert campaign["status"] in {
        "draft",
        "scheduled",
        "running",
        "paused",
        "completed",
        "cancelled",
        "failed",
        "unmapped",
    }
    [sent] = sandbox.requests(slug)
    assert sent.path == VENDOR_PATHS[slug]
    assert sent.status is not None and 200 <= sent.status < 300
    raw = json.dumps([sent.headers, sent.body.decode("utf-8", "replace")])
    assert sandbox.credential(slug) in raw  # the vendor credential was swapped in
    assert AUTH["Authorization"].split()[1] not in raw  # and the gateway key never left


def test_smallest_without_start_is_a_draft(client: TestClient) -> None:
    response = post(client, examples()["smallest"])
    assert response.json()["status"] == "draft"


def test_dry_run_sends_nothing_and_redacts(client: TestClient, sandbox: Sandbox) -> None:
    response = post(client, examples()["voiceable"], dry_run="true")
    assert response.status_code == 200
    body = response.json()
    assert body["would_send"] is True
    assert body["request"]["path"].endswith("/api/v1/campaigns")
    assert body["request"]["headers"]["x-api-key"] == "[REDACTED]"
    assert body["request"]["files"]["recipients_file"]["content"] == "phone_number\n+14155550133\n+14165550100\n"
    assert sandbox.credential("voiceable") not in response.text
    assert sandbox.requests("voiceable") == []


def test_dry_run_lists_violations(client: TestClient) -> None:
    campaign = {**examples()["clerk"], "recipients": [{"phone": "+14155550133"}], "retry": {"max_retries": 1}}
    body = post(client, campaign, dry_run="true").json()
    assert body["would_send"] is False
    assert {v["field"] for v in body["violations"]} == {"recipients", "retry"}


@pytest.mark.parametrize(
    ("campaign", "field"),
    [
        ({"vendor": "clerk", "name": "x", "bogus": 1}, "bogus"),
        ({"vendor": "clerk"}, "name"),
        ({"vendor": "nope", "name": "x"}, "vendor"),
        ({"vendor": "volubile", "name": "x", "recipients": [{"phone": "+1 555"}]}, "recipients[0].phone"),
        ({"vendor": "clerk", "name": "x", "media_urls": ["http://example.com/a.png"]}, "media_urls[0]"),
        ({"vendor": "clerk", "name": "x", "schedule": {"start_at": "tomorrow"}}, "schedule.start_at"),
        ({"vendor": "clerk", "name": "x", "schedule": {"timezone": "Mars/Base"}}, "schedule.timezone"),
        (
            {"vendor": "clerk", "name": "x", "schedule": {"windows": [{"start": "10:00\n", "end": "11:00"}]}},
            "schedule.windows[0].start",
        ),
    ],
)
def test_schema_violations_are_400_naming_the_field(client: TestClient, campaign: dict[str, Any], field: str) -> None:
    response = post(client, campaign)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]]


def test_bad_json_deep_nesting_and_size(client: TestClient, client_with: Callable[..., TestClient]) -> None:
    headers = {**AUTH, "Content-Type": "application/json"}
    assert client.post("/v1/campaigns", content=b"{not json", headers=headers).status_code == 400
    deep = b"[" * 50_000 + b"]" * 50_000
    assert client.post("/v1/campaigns", content=deep, headers=headers).status_code == 400
    nested = {"vendor": "clerk", "name": "x", "options": json.loads("[" * 40 + "]" * 40)}
    assert post(client, nested).status_code == 400
    small = client_with(GATEWAY_MAX_BODY_BYTES="1000")
    response = small.post("/v1/campaigns", content=b"{" + b" " * 2000 + b"}", headers=headers)
    assert response.status_code == 413
    assert response.json()["status"] == 413


def _nested(levels: int) -> Any:
    """`levels` containers deep, dicts and lists in turn, each beside a wide sibling."""
    value: Any = "leaf"
    for level in range(levels):
        value = {"a": value, "wide": list(range(20))} if level % 2 else [value, "x", 1]
    return value


def test_json_nests_at_most_32_levels(client: TestClient) -> None:
    def first_error(levels: int) -> dict[str, str]:
        response = client.post("/v1/campaigns", json=_nested(levels), headers=AUTH)
        assert response.status_code == 400
        return dict(response.json()["errors"][0])

    assert first_error(33) == {"field": "", "message": "nesting deeper than 32"}
    assert first_error(32)["message"] != "nesting deeper than 32"  # read, then refused by the schema


@pytest.mark.parametrize(
    ("campaign", "field"),
    [
        ({**examples()["clerk"], "recipients": [{"phone": "+14155550133"}]}, "recipients"),
        ({**examples()["clerk"], "channel": "voice"}, "channel"),
        ({k: v for k, v in examples()["clerk"].items() if k != "audience"}, "audience"),
        ({**examples()["voiceable"], "sender": "+14155550100"}, "sender"),
        (
            {**examples()["voiceable"], "recipients": [{"phone": "+14155550133", "first_name": "A"}]},
            "recipients[*].first_name",
        ),
        ({**examples()["tetherai"], "media_urls": ["https://example.com/a.png"]}, "media_urls"),
        ({**examples()["smallest"], "schedule": {"start_at": "2020-01-01T00:00:00Z"}}, "schedule.start_at"),
        ({**examples()["smallest"], "retry": {"max_retries": 1, "on": ["busy"]}}, "retry.on"),
        (
            {**examples()["volubile"], "retry": {"max_retries": 1, "delay_minutes": 90, "on": ["busy"]}},
            "retry.delay_minutes",
        ),
        ({**examples()["volubile"], "retry": {"max_retries": 1}}, "retry.on"),
        ({**examples()["volubile"], "agent_id": "not-a-uuid"}, "volubile:agentId"),
        ({**examples()["volubile"], "retry": {"max_retries": 5, "on": ["busy"]}}, "volubile:retry.max"),
        ({**examples()["smallest"], "options": {"name": "again"}}, "options.name"),
    ],
)
def test_vendor_refusals_are_422_naming_the_field(
    client: TestClient, sandbox: Sandbox, campaign: dict[str, Any], field: str
) -> None:
    response = post(client, campaign)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["vendor"] == campaign["vendor"]
    assert field in [error["field"] for error in problem["errors"]]
    assert sandbox.requests(campaign["vendor"]) == []


def test_volubile_windows_become_utc_slots(client: TestClient, sandbox: Sandbox) -> None:
    campaign = {
        **examples()["volubile"],
        "schedule": {
            "start_at": "2030-07-01T09:00:00+02:00",
            "timezone": "Europe/Paris",
            "windows": [{"start": "10:00", "end": "12:30"}, {"start": "14:00", "end": "18:00"}],
            "days": ["monday", "friday"],
        },
    }
    assert post(client, campaign).status_code == 201
    sent = json.loads(sandbox.requests("volubile")[0].body)
    assert sent["timeSlots"] == [{"startTime": "08:00", "endTime": "10:30"}, {"startTime": "12:00", "endTime": "16:00"}]
    assert sent["days"] == ["MONDAY", "FRIDAY"]
    assert sent["startDate"] == "2030-07-01"
    assert sent["recipients"][0]["context"] == {"firstName": "Ada", "orderNumber": "5HZ99FRT"}
    three = {
        **campaign,
        "schedule": {**campaign["schedule"], "windows": [{"start": f"1{i}:00", "end": f"1{i}:30"} for i in range(3)]},
    }
    assert post(client, three).status_code == 422
    crossing = {**campaign, "schedule": {"timezone": "Asia/Tokyo", "windows": [{"start": "08:00", "end": "10:00"}]}}
    assert post(client, crossing).status_code == 422


@pytest.mark.parametrize(
    ("fault", "status", "slug"),
    [
        (Fault(status=400, body={"success": False, "message": "bad contacts"}), 422, "tetherai"),
        (Fault(status=401), 502, "smallest"),
        (Fault(status=403), 502, "volubile"),
        (Fault(status=429, headers={"Retry-After": "17"}), 429, "clerk"),
        (Fault(status=500), 502, "smallest"),
        (Fault(status=503, headers={"Retry-After": "17"}), 503, "voiceable"),
        (Fault.redirect("http://127.0.0.1:9/elsewhere"), 502, "smallest"),
        (Fault(drop=True), 502, "volubile"),
    ],
)
def test_vendor_outcomes(client: TestClient, sandbox: Sandbox, fault: Fault, status: int, slug: str) -> None:
    sandbox.inject(slug, fault)
    response = post(client, examples()[slug])
    assert response.status_code == status, response.text
    problem = response.json()
    assert problem["vendor"] == slug
    assert sandbox.credential(slug) not in response.text
    if status == 422:
        assert problem["vendor_status"] == 400
        assert "bad contacts" in problem["detail"]
    if status in (429, 503):
        assert response.headers["retry-after"] == "17"
    assert len(sandbox.requests(slug)) == 1  # a POST is never sent twice


@pytest.mark.parametrize(
    ("fault", "slug"),
    [
        (Fault.non_json(), "clerk"),
        (Fault(status=201, body={"data": {"id": "not-a-number"}}), "clerk"),
        (Fault(status=200, body={"unexpected": True}), "smallest"),
        (Fault.huge(size=3 * 1024 * 1024), "tetherai"),
    ],
)
def test_a_success_the_gateway_cannot_read_is_still_accepted(
    client: TestClient, sandbox: Sandbox, fault: Fault, slug: str
) -> None:
    # A 2xx is the vendor's acceptance: answering 502 would invite a resend of a campaign it has.
    sandbox.inject(slug, fault)
    response = post(client, examples()[slug])
    assert response.status_code == 201, response.text
    created = response.json()
    assert (created["dispatch"], created["status"], created["vendor_campaign_id"]) == ("accepted", "unmapped", None)
    assert client.get(f"/v1/campaigns/{created['id']}", headers=AUTH).json() == created
    assert len(sandbox.requests(slug)) == 1


@pytest.mark.parametrize("fault", [Fault(delay=10), Fault(drip=1.0)])
def test_deadline_is_total(client: TestClient, sandbox: Sandbox, fault: Fault) -> None:
    sandbox.inject("smallest", fault)
    started = time.monotonic()
    response = post(client, examples()["smallest"])
    elapsed = time.monotonic() - started
    assert response.status_code == 504
    assert elapsed < TIMEOUT_S * 1.1 + 0.3  # the deadline, plus the test client's own overhead


def test_refused_connection_is_502_quickly(client_with: Callable[..., TestClient]) -> None:
    closed = client_with(GATEWAY_CLERK_BASE_URL="http://127.0.0.1:9")
    started = time.monotonic()
    response = closed.post("/v1/campaigns", json=examples()["clerk"], headers=AUTH)
    assert response.status_code == 502
    assert response.json()["type"].endswith("vendor-unreachable")
    assert time.monotonic() - started < 1


def test_unconfigured_vendor_is_503(client_with: Callable[..., TestClient]) -> None:
    gateway = client_with(GATEWAY_TETHERAI_BASE_URL="")
    response = gateway.post("/v1/campaigns", json=examples()["tetherai"], headers=AUTH)
    assert response.status_code == 503
    assert "not configured" in response.json()["detail"]


@pytest.mark.parametrize("dry_run", [False, True])
@pytest.mark.parametrize(("recipients", "where"), [(1, "event loop"), (101, "worker thread")])
def test_only_a_large_campaign_is_checked_off_the_event_loop(
    client: TestClient, monkeypatch: pytest.MonkeyPatch, recipients: int, where: str, dry_run: bool
) -> None:
    # A worker thread lets the loop's other requests in while a large campaign is checked and
    # translated; for a small one, the hand-offs cost more than the work.
    threads: list[str] = []
    checked, adapter = campaigns_api._checked, client.app.gateway.adapters["volubile"]  # type: ignore[attr-defined]
    translated = adapter.payload

    def recording(work: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            threads.append(threading.current_thread().name)
            return work(*args)

        return run

    monkeypatch.setattr(campaigns_api, "_checked", recording(checked))
    monkeypatch.setattr(adapter, "payload", recording(translated))
    body = examples()["volubile"]
    response = post(
        client, {**body, "recipients": body["recipients"][:1] * recipients}, **({"dry_run": "true"} if dry_run else {})
    )
    assert response.status_code == (200 if dry_run else 201), response.text
    assert len(threads) == 2
    assert all(name.startswith("AnyIO worker thread") == (where == "worker thread") for name in threads), threads
