"""The registry through the API: Idempotency-Key semantics, reads, tenants, and failures."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from starlette.testclient import TestClient

from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox
from gateway.store.engine import make_engine
from gateway.store.registry import Registry

from .conftest import AUTH, OTHER_KEY, examples

OTHER = {"Authorization": f"Bearer {OTHER_KEY}"}


def post(
    client: TestClient, body: dict[str, Any], key: str | None = None, auth: dict[str, str] = AUTH, **params: str
) -> Any:
    headers = {**auth, **({"Idempotency-Key": key} if key else {})}
    return client.post("/v1/campaigns", json=body, headers=headers, params=params)


def campaign(name: str | None = None) -> dict[str, Any]:
    return {**examples()["tetherai"], "name": name or f"c-{uuid.uuid4().hex[:8]}"}


def test_same_key_same_payload_replays_without_calling_the_vendor(client: TestClient, sandbox: Sandbox) -> None:
    key, body = str(uuid.uuid4()), campaign()
    first = post(client, body, key)
    second = post(client, body, key)
    assert first.status_code == second.status_code == 201
    assert second.content == first.content
    assert second.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert len(sandbox.requests("tetherai")) == 1


def test_a_failed_call_is_replayed_too(client: TestClient, sandbox: Sandbox) -> None:
    key, body = str(uuid.uuid4()), campaign()
    sandbox.inject("tetherai", Fault(status=400, body={"success": False, "message": "nope"}))
    first = post(client, body, key)
    second = post(client, body, key)
    assert (first.status_code, second.status_code) == (422, 422)
    assert second.content == first.content and second.headers["idempotent-replayed"] == "true"
    assert len(sandbox.requests("tetherai")) == 1


def test_same_key_other_payload_is_422(client: TestClient) -> None:
    key = str(uuid.uuid4())
    assert post(client, campaign(), key).status_code == 201
    response = post(client, campaign(), key)
    assert response.status_code == 422
    assert response.json()["type"].endswith("idempotency-key-reused")


def test_same_key_while_in_flight_is_409(client: TestClient, sandbox: Sandbox) -> None:
    key, body = str(uuid.uuid4()), campaign()
    sandbox.inject("tetherai", Fault(delay=0.8))
    results: list[int] = []
    slow = threading.Thread(target=lambda: results.append(post(client, body, key).status_code))
    slow.start()
    for _ in range(100):
        if sandbox.requests("tetherai"):
            break
        threading.Event().wait(0.01)
    assert post(client, body, key).status_code == 409
    slow.join(5)
    assert results == [201]


def test_key_longer_than_255_is_400(client: TestClient) -> None:
    assert post(client, campaign(), "k" * 256).status_code == 400


def test_dry_run_neither_uses_nor_consumes_a_key(client: TestClient, sandbox: Sandbox) -> None:
    key, body = str(uuid.uuid4()), campaign()
    assert post(client, body, key, dry_run="true").status_code == 200
    response = post(client, body, key)
    assert response.status_code == 201 and "idempotent-replayed" not in response.headers
    assert len(sandbox.requests("tetherai")) == 1


def test_keys_and_reads_are_per_tenant(client: TestClient) -> None:
    key = str(uuid.uuid4())
    mine = post(client, campaign("a"), key).json()
    theirs = post(client, campaign("b"), key, auth=OTHER)
    assert theirs.status_code == 201 and "idempotent-replayed" not in theirs.headers
    assert client.get(f"/v1/campaigns/{mine['id']}", headers=AUTH).json() == mine
    assert client.get(f"/v1/campaigns/{mine['id']}", headers=OTHER).status_code == 404
    listed = client.get("/v1/campaigns", headers=OTHER, params={"limit": 100}).json()["campaigns"]
    assert mine["id"] not in {row["id"] for row in listed}


def test_a_campaign_scheduled_with_an_offset_reads_back_the_same(client: TestClient) -> None:
    body = {**examples()["volubile"], "name": f"paris-{uuid.uuid4().hex[:8]}"}
    assert body["schedule"]["start_at"] == "2030-01-15T09:00:00+01:00"
    created = post(client, body)
    assert created.status_code == 201
    assert created.json()["scheduled_at"] == "2030-01-15T08:00:00+00:00"  # the same moment, in UTC
    assert client.get(f"/v1/campaigns/{created.json()['id']}", headers=AUTH).json() == created.json()


def test_native_campaigns_are_registered(client: TestClient) -> None:
    body = {"name": "native one", "audienceId": "a", "agentId": "b"}
    response = client.post("/v1/vendors/smallest/campaign", json=body, headers=AUTH)
    assert response.status_code == 201
    rows = client.get("/v1/campaigns", headers=AUTH, params={"vendor": "smallest", "limit": 100}).json()["campaigns"]
    row = next(r for r in rows if r["name"] == "native one")
    assert row["route"] == "/v1/vendors/smallest/campaign"
    assert row["dispatch"] == "accepted" and row["status"] == "draft"
    assert row["vendor_campaign_id"] == response.json()["data"]["_id"]


def test_listing_pages_and_limits(client: TestClient) -> None:
    for _ in range(3):
        post(client, campaign())
    page = client.get("/v1/campaigns", headers=AUTH, params={"limit": 2}).json()
    assert len(page["campaigns"]) == 2 and page["next_cursor"]
    following = client.get("/v1/campaigns", headers=AUTH, params={"limit": 2, "cursor": page["next_cursor"]}).json()
    assert not {r["id"] for r in page["campaigns"]} & {r["id"] for r in following["campaigns"]}
    assert client.get("/v1/campaigns", headers=AUTH, params={"limit": 101}).status_code == 400
    assert client.get("/v1/campaigns", headers=AUTH, params={"dispatch": "sideways"}).status_code == 400
    assert client.get("/v1/campaigns", headers=AUTH, params={"cursor": "bogus"}).status_code == 400


def test_unknown_outcome_is_recorded_and_a_keyless_retry_is_not_sent(
    client_with: Callable[..., TestClient], sandbox: Sandbox
) -> None:
    guarded = client_with(GATEWAY_RETRY_GUARD_S="600")
    body = campaign()
    sandbox.inject("tetherai", Fault(delay=5))
    first = post(guarded, body)
    assert first.status_code == 504
    retry = post(guarded, body)  # what an SDK does after a 504
    assert retry.status_code == 409
    assert "unknown" in retry.json()["detail"]
    assert len(sandbox.requests("tetherai")) == 1
    rows = guarded.get("/v1/campaigns", headers=AUTH, params={"dispatch": "unknown"}).json()["campaigns"]
    assert body["name"] in {row["name"] for row in rows}


def test_database_down_is_503_and_nothing_is_sent(client_with: Callable[..., TestClient], sandbox: Sandbox) -> None:
    gateway = client_with()
    app: Any = gateway.app
    app.gateway.registry = Registry(make_engine("postgresql://root@127.0.0.1:1/test?connect_timeout=1"))
    response = post(gateway, campaign())
    assert response.status_code == 503
    assert response.headers["retry-after"]
    assert sandbox.requests("tetherai") == []


@pytest.mark.parametrize("fault", [Fault(delay=5), Fault(status=500), Fault(status=502), Fault(drop=True)])
def test_outcomes_that_may_exist_are_unknown(client: TestClient, sandbox: Sandbox, fault: Fault) -> None:
    sandbox.inject("tetherai", fault)
    body = campaign()
    assert post(client, body).status_code in (502, 504)
    rows = client.get("/v1/campaigns", headers=AUTH, params={"limit": 100}).json()["campaigns"]
    assert next(r for r in rows if r["name"] == body["name"])["dispatch"] == "unknown"


def test_refused_connection_is_rejected(client_with: Callable[..., TestClient]) -> None:
    closed = client_with(GATEWAY_TETHERAI_BASE_URL="http://127.0.0.1:9")
    body = campaign()
    assert post(closed, body).status_code == 502
    rows = closed.get("/v1/campaigns", headers=AUTH, params={"limit": 100}).json()["campaigns"]
    assert next(r for r in rows if r["name"] == body["name"])["dispatch"] == "rejected"
