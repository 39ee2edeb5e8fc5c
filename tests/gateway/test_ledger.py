"""The ledger's promise through the app: a vendor's acceptance is always recorded, a campaign the
vendor may have is never sent twice, and a refusal that says "later" does not pin a key.

On SQLite and on PostgreSQL, since what a vendor answers must fit either.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox
from gateway.store.engine import make_engine
from gateway.store.schema import idempotency_keys

from .conftest import AUTH, campaign_rows, examples
from .test_native_and_auth import JSON_NATIVE

NATIVE_PATH, NATIVE_AUTH, NATIVE_BODY = JSON_NATIVE["tetherai"]


def _accepted_with(**data: Any) -> Fault:
    """TetherAI's 201, its campaign carrying `data` (the answer's other fields as the spec has them)."""
    campaign = {"_id": "66f1c0ffee", "status": "scheduled", "stats": {"total": 1}, **data}
    return Fault(status=201, body={"success": True, "message": "created", "data": campaign})


UNFIT = {
    "id longer than its column": (_accepted_with(_id="x" * 300), {"vendor_campaign_id": None}),
    "NUL in the id": (_accepted_with(_id="66f1\x00c0"), {"vendor_campaign_id": None}),
    "NUL in the status": (
        _accepted_with(status="sched\x00uled"),
        {"vendor_status": "sched\ufffduled", "status": "unmapped"},
    ),
    "status longer than its column": (_accepted_with(status="s" * 500), {"status": "unmapped"}),
    "count beyond 64 bits": (_accepted_with(stats={"total": 2**70}), {"recipients_count": None}),
    "count beyond the column": (_accepted_with(stats={"total": 2**40}), {"recipients_count": None}),
    "instant that overflows UTC": (_accepted_with(scheduleDate="9999-12-31T23:59:59-23:59"), {"scheduled_at": None}),
    "odd content type": (
        Fault(
            status=201,
            body={"success": True, "data": {"_id": "66f1c0ffee", "status": "scheduled"}},
            content_type="application/json; profile=" + "p" * 400,
        ),
        {"vendor_campaign_id": "66f1c0ffee"},
    ),
}


@pytest.fixture
def gateway(database_url_any: str, client_with: Callable[..., TestClient]) -> Iterator[TestClient]:
    # The database first: its PostgreSQL schema must outlive the apps' teardown.
    yield client_with(GATEWAY_DATABASE_URL=database_url_any, GATEWAY_RETRY_GUARD_S="600")


def _campaign(**changes: Any) -> dict[str, Any]:
    return {**examples()["tetherai"], "name": f"ledger-{uuid.uuid4().hex[:8]}", **changes}


@pytest.mark.parametrize("form", sorted(UNFIT))
def test_an_acceptance_that_does_not_fit_is_recorded_accepted_and_replayed(
    gateway: TestClient, sandbox: Sandbox, form: str
) -> None:
    fault, expected = UNFIT[form]
    sandbox.inject("tetherai", fault)
    body, key = _campaign(), str(uuid.uuid4())
    created = gateway.post("/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": key})
    assert created.status_code == 201, created.text
    view = created.json()
    assert view["dispatch"] == "accepted"
    assert {name: view[name] for name in expected} == expected
    assert len(view["vendor_status"] or "") <= 200
    assert gateway.get(f"/v1/campaigns/{view['id']}", headers=AUTH).json() == view
    replay = gateway.post("/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": key})
    assert (replay.status_code, replay.content) == (201, created.content)
    assert replay.headers["idempotent-replayed"] == "true"
    [row] = campaign_rows(gateway, name=body["name"])
    assert row["dispatch"] == "accepted"
    kept = row["vendor_response"]
    assert kept["status"] == 201 and "\x00" not in json.dumps(kept) and "success" in kept["body"]
    assert len(sandbox.requests("tetherai")) == 1


@pytest.mark.parametrize("form", ["id longer than its column", "NUL in the status", "odd content type"])
def test_a_native_acceptance_that_does_not_fit_is_relayed_and_recorded(
    gateway: TestClient, sandbox: Sandbox, form: str
) -> None:
    fault, _expected = UNFIT[form]
    sandbox.inject("tetherai", fault)
    body, key = {**NATIVE_BODY, "name": f"native-{uuid.uuid4().hex[:8]}"}, str(uuid.uuid4())
    relayed = gateway.post(NATIVE_PATH, json=body, headers={**NATIVE_AUTH, "Idempotency-Key": key})
    assert relayed.status_code == 201, relayed.text
    assert relayed.json()["data"]  # the vendor's own answer, as it is
    [row] = campaign_rows(gateway, name=body["name"])
    assert row["dispatch"] == "accepted"
    assert len(row["response_type"]) <= 200
    replay = gateway.post(NATIVE_PATH, json=body, headers={**NATIVE_AUTH, "Idempotency-Key": key})
    assert (replay.status_code, replay.content) == (201, relayed.content)
    assert replay.headers["content-type"] == relayed.headers["content-type"]


def test_a_keyless_identical_request_is_not_sent_while_the_first_is_with_the_vendor(
    gateway: TestClient, sandbox: Sandbox
) -> None:
    sandbox.inject("tetherai", Fault(delay=0.8))
    body = _campaign()
    with ThreadPoolExecutor(max_workers=2) as pool:
        first = pool.submit(gateway.post, "/v1/campaigns", json=body, headers=AUTH)
        while not sandbox.requests("tetherai"):  # the first has reached the vendor
            pass
        second = gateway.post("/v1/campaigns", json=body, headers=AUTH)
        assert first.result().status_code == 201
    assert second.status_code == 409, second.text
    assert second.json()["campaign_id"] == first.result().json()["id"]
    assert "still with the vendor" in second.json()["detail"]
    assert len(sandbox.requests("tetherai")) == 1


@pytest.mark.parametrize(
    ("fault", "first_status", "blocked"),
    [
        (Fault(status=500), 502, True),  # the vendor failed while handling it: it may exist
        (Fault(status=502), 502, True),
        (Fault(drop=True), 502, True),  # cut after sending
        (Fault(delay=5), 504, True),
        (Fault(), 201, True),  # accepted: a keyless repeat is taken for a retry whose answer was lost
        (Fault(status=400, body={"success": False, "message": "bad"}), 422, False),  # nothing was created
        (Fault(status=429), 429, False),
        (Fault(status=503), 503, False),
    ],
)
def test_a_keyless_retry_is_refused_only_where_the_vendor_may_have_acted(
    gateway: TestClient, sandbox: Sandbox, fault: Fault, first_status: int, blocked: bool
) -> None:
    sandbox.inject("tetherai", fault)
    body = _campaign()
    first = gateway.post("/v1/campaigns", json=body, headers=AUTH)
    assert first.status_code == first_status, first.text
    retry = gateway.post("/v1/campaigns", json=body, headers=AUTH)  # what an SDK does next
    if blocked:
        assert retry.status_code == 409, retry.text
        assert retry.json()["campaign_id"] == campaign_rows(gateway, name=body["name"])[0]["id"]
        assert len(sandbox.requests("tetherai")) == 1
    else:
        assert retry.status_code == 201, retry.text
        assert len(sandbox.requests("tetherai")) == 2


def test_a_refused_connection_does_not_block_a_keyless_retry(
    database_url_any: str, client_with: Callable[..., TestClient]
) -> None:
    closed = client_with(
        GATEWAY_DATABASE_URL=database_url_any,
        GATEWAY_RETRY_GUARD_S="600",
        GATEWAY_TETHERAI_BASE_URL="http://127.0.0.1:9",
    )
    body = _campaign()
    assert closed.post("/v1/campaigns", json=body, headers=AUTH).status_code == 502
    assert closed.post("/v1/campaigns", json=body, headers=AUTH).status_code == 502  # tried again, not 409
    assert [row["dispatch"] for row in campaign_rows(closed, name=body["name"])] == ["rejected", "rejected"]


@pytest.mark.parametrize(
    ("fault", "status"),
    [
        (Fault(status=429, headers={"Retry-After": "1"}), 429),
        (Fault(status=503, headers={"Retry-After": "1"}), 503),
        (Fault(status=401), 502),  # the gateway's credential: nothing was created, an operator mends it
    ],
)
def test_a_try_later_refusal_releases_the_key(gateway: TestClient, sandbox: Sandbox, fault: Fault, status: int) -> None:
    sandbox.inject("tetherai", fault)
    body, key = _campaign(), str(uuid.uuid4())
    refused = gateway.post("/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": key})
    assert refused.status_code == status, refused.text
    retry = gateway.post("/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": key})
    assert retry.status_code == 201, retry.text  # sent this time, not the refusal replayed
    assert "idempotent-replayed" not in retry.headers
    assert len(sandbox.requests("tetherai")) == 2
    again = gateway.post("/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": key})
    assert (again.status_code, again.content) == (201, retry.content)  # and now that answer is the key's
    assert sorted(row["dispatch"] for row in campaign_rows(gateway, name=body["name"])) == ["accepted", "rejected"]


def test_a_native_rate_limit_is_relayed_and_releases_the_key(gateway: TestClient, sandbox: Sandbox) -> None:
    sandbox.inject("tetherai", Fault(status=429, headers={"Retry-After": "2"}, body={"message": "slow down"}))
    body, key = {**NATIVE_BODY, "name": f"native-{uuid.uuid4().hex[:8]}"}, str(uuid.uuid4())
    refused = gateway.post(NATIVE_PATH, json=body, headers={**NATIVE_AUTH, "Idempotency-Key": key})
    assert (refused.status_code, refused.json()) == (429, {"message": "slow down"})
    assert refused.headers["retry-after"] == "2"
    retry = gateway.post(NATIVE_PATH, json=body, headers={**NATIVE_AUTH, "Idempotency-Key": key})
    assert retry.status_code == 201 and "idempotent-replayed" not in retry.headers


@pytest.mark.parametrize(
    ("fault", "status"),
    [(Fault(status=500), 502), (Fault(delay=5), 504), (Fault(status=400, body={"message": "no"}), 422)],
)
def test_an_outcome_that_may_exist_or_is_final_stays_pinned(
    gateway: TestClient, sandbox: Sandbox, fault: Fault, status: int
) -> None:
    sandbox.inject("tetherai", fault)
    body, key = _campaign(), str(uuid.uuid4())
    first = gateway.post("/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": key})
    assert first.status_code == status
    replay = gateway.post("/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": key})
    assert (replay.status_code, replay.content) == (status, first.content)
    assert replay.headers["idempotent-replayed"] == "true"
    assert len(sandbox.requests("tetherai")) == 1


def test_nothing_stays_in_flight_once_the_vendor_has_answered(gateway: TestClient, sandbox: Sandbox) -> None:
    names = []
    for fault, _ in UNFIT.values():
        sandbox.inject("tetherai", fault)
        names.append(_campaign()["name"])
        gateway.post("/v1/campaigns", json={**_campaign(), "name": names[-1]}, headers=AUTH)
    assert [row for row in campaign_rows(gateway, dispatch="in_flight") if row["name"] in names] == []


def test_a_released_key_row_is_gone_and_a_pinned_one_stays(gateway: TestClient, sandbox: Sandbox) -> None:
    sandbox.inject("tetherai", Fault(status=429))
    released, pinned = str(uuid.uuid4()), str(uuid.uuid4())
    gateway.post("/v1/campaigns", json=_campaign(), headers={**AUTH, "Idempotency-Key": released})
    sandbox.inject("tetherai", Fault(status=500))
    gateway.post("/v1/campaigns", json=_campaign(), headers={**AUTH, "Idempotency-Key": pinned})
    engine = make_engine(gateway.app.gateway.settings.database_url)  # type: ignore[attr-defined]
    with engine.connect() as connection:
        keys = set(connection.execute(select(idempotency_keys.c.key)).scalars())
    engine.dispose()
    assert pinned in keys and released not in keys


def test_the_vendors_cap_refuses_without_pinning_the_key(
    database_url_any: str, client_with: Callable[..., TestClient], sandbox: Sandbox
) -> None:
    capped = client_with(GATEWAY_DATABASE_URL=database_url_any, GATEWAY_VENDOR_CONCURRENCY="1")
    sandbox.inject("tetherai", Fault(delay=0.8))
    body, key = _campaign(), str(uuid.uuid4())
    with ThreadPoolExecutor(max_workers=1) as pool:
        first = pool.submit(capped.post, "/v1/campaigns", json=_campaign(), headers=AUTH)
        while not sandbox.requests("tetherai"):  # the one call allowed is under way
            pass
        refused = capped.post("/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": key})
        assert first.result().status_code == 201
    assert refused.status_code == 503 and refused.json()["type"].endswith("vendor-unavailable")
    retry = capped.post("/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": key})
    assert retry.status_code == 201, retry.text
    assert len(sandbox.requests("tetherai")) == 2
