"""The sandbox vendors send their documented, signed webhooks to a served gateway, end to end."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from gateway.app import GatewayApp, create_app
from gateway.sandbox.server import Sandbox
from gateway.settings import Settings

from ._hooks_support import AUTH, env_for

STEP_S = 1.0


class _Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> _Clock:
    return _Clock()


@pytest.fixture
def sandbox(clock: _Clock) -> Iterator[Sandbox]:
    # A long real step for the sender's own thread: the test looks (`tick`) when it wants.
    with Sandbox(step_s=STEP_S, clock=clock).start() as running:
        running.hooks._interval_s = 3600
        yield running


@pytest.fixture
def served(sandbox: Sandbox, tmp_path: Path) -> Iterator[tuple[str, GatewayApp]]:
    env = env_for(
        sandbox,
        tmp_path / "gateway.db",
        GATEWAY_API_KEYS="one:key-tenant-one",
        GATEWAY_CLERK_WEBHOOK_SECRET="clerk-static",
        GATEWAY_VOLUBILE_WEBHOOK_SECRET="volubile-secret",
        GATEWAY_SYNC_IN_SERVE="0",
    )
    app = create_app(Settings.from_env(env), deliver=True)  # its loop ties Smallest's calls
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        threading.Event().wait(0.02)
    base = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    secrets = {"smallest": "whs-smallest-secret", "volubile": "volubile-secret", "clerk": "clerk-static"}
    for slug, secret in secrets.items():
        sandbox.send_hooks_to(slug, f"{base}/v1/hooks/{slug}/{app.gateway.hook_endpoints.token_for(slug)}", secret)
    try:
        yield base, app
    finally:
        server.should_exit = True
        thread.join(timeout=5)
        app.gateway.close()


def _events(base: str) -> list[dict[str, Any]]:
    answer = httpx.get(f"{base}/v1/events?limit=500", headers=AUTH)
    assert answer.status_code == 200, answer.text
    events: list[dict[str, Any]] = answer.json()["events"]
    return events


def test_calls_and_messages_arrive_as_events(served: tuple[str, GatewayApp], sandbox: Sandbox, clock: _Clock) -> None:
    base, _app = served
    volubile = {
        "vendor": "volubile",
        "name": "Hooks",
        "agent_id": "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10",
        "recipients": [{"phone": "+33612345678"}, {"phone": "+33612345679"}],
    }
    clerk = {"vendor": "clerk", "name": "Sale", "sender": "+14155550100", "message": "Hi", "audience": "Premium"}
    smallest = {
        "vendor": "smallest",
        "name": "S",
        "audience": "60d0fe4f5311236168a109ca",
        "agent_id": "60d0fe4f5311236168a109ca",
    }
    created = {}
    for body in (volubile, clerk, smallest):
        answer = httpx.post(f"{base}/v1/campaigns", json=body, headers=AUTH)
        assert answer.status_code == 201, answer.text
        created[body["vendor"]] = answer.json()
    started = httpx.post(f"{base}/v1/campaigns/{created['smallest']['id']}/start", headers=AUTH)
    assert started.status_code < 300, started.text
    for _ in range(30):
        clock.now += STEP_S
        sandbox.hooks.tick()
    for _ in range(100):  # Smallest's call events are published once the delivery loop tied them
        events = [event for event in _events(base) if event["source"] == "webhook"]  # not the gateway's own
        if any(event["vendor"] == "smallest" for event in events):
            break
        time.sleep(0.05)
    assert {event["type"] for event in _events(base) if event["source"] != "webhook"} <= {
        "campaign.created",
        "campaign.action_completed",
        "campaign.status_changed",
        "campaign.progress",
    }
    by_vendor: dict[str, set[str]] = {}
    for event in events:
        by_vendor.setdefault(event["vendor"], set()).add(event["type"])
        assert event["source"] == "webhook" and event["tenant"] == "one"
    assert by_vendor["volubile"] & {"call.completed", "call.failed"}
    assert by_vendor["smallest"] & {"call.completed", "call.failed"}
    assert {"message.sent", "message.delivered", "message.received", "recipient.opted_out"} <= by_vendor["clerk"]
    smallest_events = [event for event in events if event["vendor"] == "smallest"]
    assert all(event["campaign_id"] == created["smallest"]["id"] for event in smallest_events)
    clerk_events = [event for event in events if event["vendor"] == "clerk"]
    assert all(event["campaign_id"] == created["clerk"]["id"] for event in clerk_events)
    # Looking again sends nothing new.
    assert sandbox.hooks.tick() == 0
    assert len([event for event in _events(base) if event["source"] == "webhook"]) == len(events)


def test_an_unreachable_hook_url_is_logged_not_fatal(sandbox: Sandbox, served: tuple[str, GatewayApp]) -> None:
    base, _app = served
    sandbox.send_hooks_to("volubile", "http://127.0.0.1:9/nowhere", None)  # nobody listens: logged
    body = {
        "vendor": "volubile",
        "name": "X",
        "agent_id": "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10",
        "recipients": [{"phone": "+33612345678"}],
    }
    assert httpx.post(f"{base}/v1/campaigns", json=body, headers=AUTH).status_code == 201
    sandbox.hooks.tick()  # nothing raised
