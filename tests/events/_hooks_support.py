"""Shared by the inbound hook tests: a gateway on the sandbox vendors, and signed vendor hooks."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from starlette.testclient import TestClient

from gateway.app import GatewayApp, create_app
from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.events.tie import CallTies
from gateway.sandbox.server import Sandbox
from gateway.settings import Settings
from gateway.store.schema import events
from gateway.vendors._hooks import hex_hmac_sha256

KEY = "key-tenant-one"
OTHER_KEY = "key-tenant-two"
AUTH = {"Authorization": f"Bearer {KEY}"}
OTHER_AUTH = {"Authorization": f"Bearer {OTHER_KEY}"}
SLUGS = [vendor.slug for vendor in load_vendors(GeneratorPaths())]
SMALLEST_SECRET = "whs-smallest-secret"


def env_for(sandbox: Sandbox, database: Path, **overrides: str) -> dict[str, str]:
    """Two tenants, every vendor on the sandbox, Smallest's webhook secret set."""
    env = {
        "GATEWAY_API_KEYS": f"one:{KEY},two:{OTHER_KEY}",
        "GATEWAY_DATABASE_URL": f"sqlite:///{database}",
        "GATEWAY_RETRY_GUARD_S": "0",
        "GATEWAY_SMALLEST_WEBHOOK_SECRET": SMALLEST_SECRET,
    }
    for slug in SLUGS:
        env[f"GATEWAY_{slug.upper()}_BASE_URL"] = sandbox.base_url(slug)
        env[f"GATEWAY_{slug.upper()}_API_KEY"] = sandbox.credential(slug)
    env.update(overrides)
    return {key: value for key, value in env.items() if value}


def clients(sandbox: Sandbox, tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """A factory of gateways, each on its own database, closed at the end."""
    apps: list[GatewayApp] = []
    with ExitStack() as stack:

        def make(**overrides: str) -> TestClient:
            database = tmp_path / f"gateway-{len(apps)}.db"
            apps.append(create_app(Settings.from_env(env_for(sandbox, database, **overrides))))
            return stack.enter_context(TestClient(apps[-1], raise_server_exceptions=False))

        yield make
    for app in apps:
        app.gateway.close()


def app_of(client: TestClient) -> GatewayApp:
    app = client.app
    assert isinstance(app, GatewayApp)
    return app


def hook_url(client: TestClient, vendor: str, tenant: str = "") -> str:
    return f"/v1/hooks/{vendor}/{app_of(client).gateway.hook_endpoints.token_for(vendor, tenant)}"


def stored_events(client: TestClient) -> list[dict[str, Any]]:
    with app_of(client).gateway.registry.engine.connect() as connection:
        return [dict(row) for row in connection.execute(select(events).order_by(events.c.received_at)).mappings()]


def smallest_post_conversation(
    call_id: str = "CALL-1778226705739-7e4c17", status: str = "completed", delivery: str = "69fd96118fd277fc807e4c23"
) -> dict[str, Any]:
    """A `post-conversation` hook as Smallest's guide and OpenAPI schemas show it."""
    return {
        "url": "https://example.com/webhook",
        "description": "Debt Collection Agent's Endpoint",
        "event": "69fc7dd072a0c1d28d948ace.post-conversation",
        "id": delivery,
        "metadata": {
            "agentId": "69fc7dd072a0c1d28d948ace",
            "eventType": "post-conversation",
            "conversationType": "telephonyOutbound",
            "callId": call_id,
            "recordingUrl": "https://example.com/recording.wav",
            "callData": {
                "fromNumber": "+918035317096",
                "toNumber": "+916296641821",
                "callDuration": 49.350622,
                "callStatus": status,
                "callDirection": "telephony_outbound",
                "answerTime": "2026-05-08T07:51:45.000Z",
                "endTime": "2026-05-08T07:52:34.000Z",
            },
            "transcript": [{"role": "agent", "content": "Hello", "timestamp": "2026-05-08T07:51:46.000Z"}],
            "variables": {"name": "Ada"},
        },
    }


def signed(body: dict[str, Any], secret: str = SMALLEST_SECRET) -> tuple[bytes, dict[str, str]]:
    """The raw body and Smallest's headers for it."""
    raw = json.dumps(body).encode()
    return raw, {"Content-Type": "application/json", "X-Signature": hex_hmac_sha256(secret, raw)}


def release_held(client: TestClient) -> int:
    """Publish the held call events at once (no campaign lists their calls in these tests)."""
    ties = CallTies(app_of(client).gateway, give_up_after=timedelta(0))
    assert client.portal is not None
    return int(client.portal.call(ties.run_once))
