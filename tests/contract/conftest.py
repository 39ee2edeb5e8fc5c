"""Contract checks: the gateway against its own spec, and every outgoing request against the vendor's.

One sandbox serves the whole folder. It is bound when this module is imported (a free loopback
port, nothing served yet) so that the gateway app, and the Schemathesis schema built from it, can
exist at import time: Schemathesis makes one test per operation only for a schema it has at
collection. The `sandbox` fixture starts serving and stops at the end of the session.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from starlette.testclient import TestClient

from gateway.app import SERVED_SPEC, GatewayApp, create_app
from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.sandbox.server import Sandbox
from gateway.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SLUGS = [vendor.slug for vendor in load_vendors(GeneratorPaths())]
KEY = "contract-key"
OWNER_KEY = "contract-owner-key"
"""Tenant `owner`, whose own vendor accounts (at the sandbox) serve the account-wide native reads."""
OWN_ACCOUNTS = ("smallest", "volubile", "clerk")
VENDOR_SPECS = ROOT / "specs" / "vendors"
EXAMPLES = ROOT / "tests" / "fixtures" / "vendor_examples"

# Not strict: a vendor's spec allows properties it does not define unless it says otherwise, and
# the native routes forward the client's body as it is. Properties an *adapter* invents are caught
# by the outbound check instead (tests/contract/test_outbound.py).


class SandboxClock:
    """The sandbox's clock: real time plus whatever a test has moved it on by (no sleeping)."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        """Move the sandbox's campaigns `seconds` on."""
        self.offset += seconds


CLOCK = SandboxClock()
SANDBOX = Sandbox(strict=False, clock=CLOCK)
DATABASE = Path(tempfile.mkdtemp(prefix="contract-registry-"))
atexit.register(shutil.rmtree, DATABASE, ignore_errors=True)  # also when only collecting


def gateway_env(sandbox: Sandbox, database: Path) -> dict[str, str]:
    """Every vendor at the sandbox, with the credential the sandbox expects; a scratch registry.

    Tenant `owner` may be given its own vendor accounts (`own_accounts`). The keyless retry guard
    is off: Hypothesis and Schemathesis send the same body more than
    once on purpose, which the guard would answer with 409 before anything is checked.
    """
    env = {
        "GATEWAY_API_KEYS": f"contract:{KEY},owner:{OWNER_KEY}",
        "GATEWAY_SECRET_KEY": Fernet.generate_key().decode(),
        "GATEWAY_VENDOR_TIMEOUT_S": "5",
        "GATEWAY_DATABASE_URL": f"sqlite:///{database / 'gateway.db'}",
        "GATEWAY_RETRY_GUARD_S": "0",
        # Generated URLs name hosts that may not resolve here; the SSRF rules have tests of their own.
        "GATEWAY_WEBHOOK_ALLOW_PRIVATE": "1",
    }
    for slug in SLUGS:
        env[f"GATEWAY_{slug.upper()}_BASE_URL"] = sandbox.base_url(slug)
        env[f"GATEWAY_{slug.upper()}_API_KEY"] = sandbox.credential(slug)
    return env


APP: GatewayApp = create_app(Settings.from_env(gateway_env(SANDBOX, DATABASE)))


def served_spec() -> dict[str, Any]:
    """generated/openapi.json, the spec the gateway serves."""
    spec: dict[str, Any] = json.loads(SERVED_SPEC.read_text())
    return spec


def own_accounts() -> None:
    """Give tenant `owner` its own account (at the sandbox) at each of OWN_ACCOUNTS; idempotent.

    Needs the registry's tables, so call it with the app started (inside a TestClient).
    """
    for slug in OWN_ACCOUNTS:
        APP.gateway.credentials.set("owner", slug, SANDBOX.credential(slug), SANDBOX.base_url(slug))


@pytest.fixture(scope="session")
def sandbox() -> Iterator[Sandbox]:
    SANDBOX.start()
    yield SANDBOX
    SANDBOX.close()
    APP.gateway.close()


@pytest.fixture
def fresh_sandbox(sandbox: Sandbox) -> Sandbox:
    sandbox.clear()
    return sandbox


@pytest.fixture(scope="session")
def client(sandbox: Sandbox) -> Iterator[TestClient]:
    with TestClient(APP, raise_server_exceptions=False) as client:  # one event loop, closed at the end
        yield client


def key_headers(path: str, method: str = "post") -> dict[str, str]:
    """The gateway key where the served operation's first security scheme wants it."""
    spec = served_spec()
    operation = spec["paths"][path][method]
    requirements = operation.get("security", spec.get("security", []))
    scheme = spec["components"]["securitySchemes"][next(iter(requirements[0]))]
    if scheme["type"] == "http":
        return {"Authorization": f"Bearer {KEY}"}
    return {scheme["name"]: KEY}


def create_operation(document: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A vendor spec's create operation: its one POST on a path without parameters.

    The operations after create (start, pause, cancel, status, ...) all act on a campaign id.
    """
    [found] = [(path, item["post"]) for path, item in document["paths"].items() if "post" in item and "{" not in path]
    return found
