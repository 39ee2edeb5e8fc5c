"""/v1/webhooks through the app: the routes, tenancy, the secret shown once, deliveries and retry."""

from __future__ import annotations

import base64
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from webhook_kit import SECRET_KEY, FakeClock, once, receiving, verify

from gateway.app import GatewayApp, create_app
from gateway.events.model import NewEvent
from gateway.events.outbox import emit
from gateway.events.runner import deliverer_for
from gateway.settings import Settings

ONE = {"Authorization": "Bearer key-one"}
TWO = {"Authorization": "Bearer key-two"}


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Callable[..., tuple[TestClient, GatewayApp]]]:
    apps: list[GatewayApp] = []
    with ExitStack() as stack:

        def make(**overrides: str) -> tuple[TestClient, GatewayApp]:
            env = {
                "GATEWAY_API_KEYS": "one:key-one,two:key-two",
                "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path / 'gateway.db'}",
                "GATEWAY_SECRET_KEY": SECRET_KEY,
                "GATEWAY_WEBHOOK_ALLOW_PRIVATE": "1",
                **overrides,
            }
            app = create_app(Settings.from_env({k: v for k, v in env.items() if v}))
            apps.append(app)
            return stack.enter_context(TestClient(app, raise_server_exceptions=False)), app

        yield make
    for app in apps:
        app.gateway.close()


@pytest.fixture
def client(make_client: Callable[..., tuple[TestClient, GatewayApp]]) -> tuple[TestClient, GatewayApp]:
    return make_client()


def _create(client: TestClient, url: str = "https://hooks.example.com/in", **extra: Any) -> dict[str, Any]:
    body = {"url": url, "event_types": ["call.*", "campaign.created"], "description": "ours", **extra}
    answer = client.post("/v1/webhooks", json=body, headers=ONE)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def _emit(app: GatewayApp, tenant: str, count: int = 1) -> list[str]:
    registry = app.gateway.registry
    ids = []
    with registry.transaction() as connection:
        for index in range(count):
            now = registry.clock()
            event = NewEvent("call.completed", now, now, "gateway", {"n": index}, tenant=tenant)
            emit(connection, event)
            ids.append(event.id)
    app.gateway.relay.publish_all()
    return ids


def test_the_secret_is_shown_once_and_never_again(client: tuple[TestClient, GatewayApp]) -> None:
    http, _ = client
    created = _create(http)
    assert created["id"].startswith("wh_") and created["status"] == "active" and created["disabled_reason"] is None
    assert created["secret"].startswith("whsec_") and len(base64.b64decode(created["secret"][6:])) >= 24
    shown = http.get(f"/v1/webhooks/{created['id']}", headers=ONE).json()
    assert "secret" not in shown and shown == {k: v for k, v in created.items() if k != "secret"}
    listed = http.get("/v1/webhooks", headers=ONE).json()["webhooks"]
    assert [item["id"] for item in listed] == [created["id"]] and "secret" not in listed[0]
    assert created["secret"] not in http.get("/v1/webhooks", headers=ONE).text


def test_another_tenants_subscription_is_not_found_on_every_route(client: tuple[TestClient, GatewayApp]) -> None:
    http, _ = client
    created = _create(http)
    path = f"/v1/webhooks/{created['id']}"
    delivery = "dlv_" + "0" * 32
    answers = [
        http.get(path, headers=TWO),
        http.patch(path, json={"description": "theirs"}, headers=TWO),
        http.delete(path, headers=TWO),
        http.post(f"{path}/rotate-secret", headers=TWO),
        http.get(f"{path}/deliveries", headers=TWO),
        http.post(f"{path}/deliveries/{delivery}/retry", headers=TWO),
    ]
    for answer in answers:
        assert answer.status_code == 404, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
    assert http.get("/v1/webhooks", headers=TWO).json() == {"webhooks": []}
    assert http.get(path, headers=ONE).json()["description"] == "ours"


def test_patch_changes_disables_and_enables_again(client: tuple[TestClient, GatewayApp]) -> None:
    http, _ = client
    created = _create(http)
    path = f"/v1/webhooks/{created['id']}"
    changed = http.patch(path, json={"event_types": ["*"], "description": "all"}, headers=ONE).json()
    assert changed["event_types"] == ["*"] and changed["description"] == "all"
    disabled = http.patch(path, json={"status": "disabled"}, headers=ONE).json()
    assert disabled["status"] == "disabled" and disabled["disabled_reason"]
    enabled = http.patch(path, json={"status": "active"}, headers=ONE).json()
    assert enabled["status"] == "active" and enabled["disabled_reason"] is None
    assert http.patch(path, json={}, headers=ONE).status_code == 400
    refused = http.patch(path, json={"url": "https://localhost/x"}, headers=ONE)
    assert refused.status_code == 200  # private addresses are allowed in this app
    assert http.delete(path, headers=ONE).status_code == 204
    assert http.get(path, headers=ONE).status_code == 404


def test_rotation_answers_the_new_secret_and_when_the_old_stops(client: tuple[TestClient, GatewayApp]) -> None:
    http, app = client
    clock = FakeClock(datetime.now().astimezone())
    app.gateway.registry._clock = clock
    created = _create(http)
    rotated = http.post(f"/v1/webhooks/{created['id']}/rotate-secret", headers=ONE).json()
    assert rotated["secret"].startswith("whsec_") and rotated["secret"] != created["secret"]
    assert datetime.fromisoformat(rotated["previous_secret_expires_at"]) == clock() + timedelta(hours=24)


def test_deliveries_are_listed_with_their_attempts_and_retried(client: tuple[TestClient, GatewayApp]) -> None:
    http, app = client
    with receiving(lambda _r: (503, {}, 0.0)) as receiver:
        created = _create(http, url=receiver.url)
        _emit(app, "one", count=3)
        _emit(app, "two")  # another tenant's event: not delivered to this subscription
        assert once(deliverer_for(app.gateway)) == 3
        path = f"/v1/webhooks/{created['id']}/deliveries"
        first = http.get(path, params={"limit": 2}, headers=ONE).json()
        assert len(first["deliveries"]) == 2 and first["next_cursor"]
        rest = http.get(path, params={"limit": 2, "cursor": first["next_cursor"]}, headers=ONE).json()
        assert len(rest["deliveries"]) == 1 and rest["next_cursor"] is None
        every = first["deliveries"] + rest["deliveries"]
        assert len({item["id"] for item in every}) == 3
        item = every[0]
        assert item["status"] == "pending" and item["attempts"] == 1 and item["last_status_code"] == 503
        assert item["event_type"] == "call.completed" and item["attempt_log"][0]["status_code"] == 503
        assert http.get(path, params={"status": "delivered"}, headers=ONE).json()["deliveries"] == []
        retried = http.post(f"{path}/{item['id']}/retry", headers=ONE)
        assert retried.status_code == 202 and retried.json()["status"] == "pending"
        receiver.answer = lambda _r: (200, {}, 0.0)
        assert once(deliverer_for(app.gateway)) == 1  # only the retried one is due now
    assert verify(created["secret"], receiver.received[-1].headers, receiver.received[-1].body)
    assert receiver.received[-1].headers["webhook-id"] == item["event_id"]
    delivered = http.get(path, params={"status": "delivered"}, headers=ONE).json()["deliveries"]
    assert [d["id"] for d in delivered] == [item["id"]] and len(delivered[0]["attempt_log"]) == 2
    unknown = http.post(f"{path}/dlv_{'0' * 32}/retry", headers=ONE)
    assert unknown.status_code == 404
    http.patch(f"/v1/webhooks/{created['id']}", json={"status": "disabled"}, headers=ONE)
    assert http.post(f"{path}/{item['id']}/retry", headers=ONE).status_code == 409


def test_deleting_drops_pending_deliveries(client: tuple[TestClient, GatewayApp]) -> None:
    http, app = client
    created = _create(http, url="http://127.0.0.1:9/nobody")
    _emit(app, "one", count=2)
    assert http.delete(f"/v1/webhooks/{created['id']}", headers=ONE).status_code == 204
    assert once(deliverer_for(app.gateway)) == 0


def test_bodies_that_break_the_schema_are_refused(client: tuple[TestClient, GatewayApp]) -> None:
    http, _ = client
    for body in (
        {"url": "https://a.example.com/", "event_types": []},
        {"url": "https://a.example.com/", "event_types": ["nonsense"]},
        {"event_types": ["*"]},
        {"url": "https://a.example.com/", "event_types": ["*"], "extra": 1},
    ):
        assert http.post("/v1/webhooks", json=body, headers=ONE).status_code == 400, body
    assert http.get("/v1/webhooks/wh_nothex", headers=ONE).status_code == 400


def test_without_a_secret_key_no_subscription_is_made(
    make_client: Callable[..., tuple[TestClient, GatewayApp]],
) -> None:
    http, _ = make_client(GATEWAY_SECRET_KEY="")
    answer = http.post("/v1/webhooks", json={"url": "https://a.example.com/", "event_types": ["*"]}, headers=ONE)
    assert answer.status_code == 503 and "GATEWAY_SECRET_KEY" in answer.json()["detail"]
    assert http.get("/v1/webhooks", headers=ONE).json() == {"webhooks": []}


def test_the_delivery_loop_runs_in_the_app_lifespan(make_client: Callable[..., tuple[TestClient, GatewayApp]]) -> None:
    with receiving() as receiver:
        http, app = make_client()
        created = _create(http, url=receiver.url)
        serving = create_app(app.gateway.settings, deliver=True)
        try:
            with TestClient(serving):
                [event_id] = _emit(serving, "one")  # published here: the loop wakes at once
                deadline = time.monotonic() + 5
                while not receiver.received and time.monotonic() < deadline:
                    time.sleep(0.02)
        finally:
            serving.gateway.close()
    assert receiver.ids() == [event_id]
    assert verify(created["secret"], receiver.received[0].headers, receiver.received[0].body)
