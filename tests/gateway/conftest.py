"""The gateway against the sandbox vendors over real loopback HTTP."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest
from sqlalchemy import delete
from starlette.testclient import TestClient

from gateway.app import SERVED_SPEC, GatewayApp, create_app
from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.sandbox.server import Sandbox, start_sandbox
from gateway.settings import Settings
from gateway.store.schema import campaigns, campaigns_with_sync, vendor_credentials

KEY = "key-tenant-one"
OTHER_KEY = "key-tenant-two"
AUTH = {"Authorization": f"Bearer {KEY}"}
SLUGS = [vendor.slug for vendor in load_vendors(GeneratorPaths())]
TIMEOUT_S = 1.5


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    with start_sandbox() as running:
        yield running


@pytest.fixture(autouse=True)
def _clean_sandbox(sandbox: Sandbox) -> None:
    sandbox.clear()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'gateway.db'}"


def gateway_env(sandbox: Sandbox, database_url: str, **overrides: str) -> dict[str, str]:
    # The keyless retry guard is off by default here (tests resend the same examples); its
    # own tests turn it on.
    env = {
        "GATEWAY_API_KEYS": f"one:{KEY},two:{OTHER_KEY}",
        "GATEWAY_VENDOR_TIMEOUT_S": str(TIMEOUT_S),
        "GATEWAY_DATABASE_URL": database_url,
        "GATEWAY_RETRY_GUARD_S": "0",
    }
    for slug in SLUGS:
        env[f"GATEWAY_{slug.upper()}_BASE_URL"] = sandbox.base_url(slug)
        env[f"GATEWAY_{slug.upper()}_API_KEY"] = sandbox.credential(slug)
    env.update(overrides)
    return {key: value for key, value in env.items() if value}


@pytest.fixture(scope="session")
def client(sandbox: Sandbox, database_url: str) -> Iterator[TestClient]:
    app = create_app(Settings.from_env(gateway_env(sandbox, database_url)))
    # One event loop for the session (its vendor connections belong to it), closed at the end.
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.gateway.close()


@pytest.fixture
def client_with(sandbox: Sandbox, database_url: str) -> Iterator[Callable[..., TestClient]]:
    apps: list[GatewayApp] = []
    with ExitStack() as clients:

        def make(**overrides: str) -> TestClient:
            apps.append(create_app(Settings.from_env(gateway_env(sandbox, database_url, **overrides))))
            return clients.enter_context(TestClient(apps[-1], raise_server_exceptions=False))

        yield make
    if apps:  # a test's tenants' own vendor accounts must not reach the next test's gateway
        with apps[0].gateway.credentials.engine.begin() as connection:
            connection.execute(delete(vendor_credentials))
    for app in apps:
        app.gateway.close()


def campaign_rows(client: TestClient, **where: Any) -> list[dict[str, Any]]:
    """The registry's campaigns (every tenant's, with their sync columns) behind `client`'s app, matching `where`."""
    app = client.app
    assert isinstance(app, GatewayApp)
    query = campaigns_with_sync.where(*(campaigns.c[name] == value for name, value in where.items()))
    with app.gateway.registry.engine.connect() as connection:
        return [dict(row) for row in connection.execute(query).mappings()]


def examples() -> dict[str, dict[str, Any]]:
    """The vendor-neutral example campaign of each vendor, from the served spec."""
    spec = json.loads(SERVED_SPEC.read_text())
    found = spec["paths"]["/campaigns"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    return {slug: example["value"] for slug, example in found.items()}
