"""Fixtures of the reference pages' tests: the checkout's docs/ and a gateway to send their examples to."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from gateway.app import create_app
from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.settings import Settings

KEY = "docs-key"
AUTH = {"Authorization": f"Bearer {KEY}"}
DOCS = Path(__file__).resolve().parents[2] / "docs"
SLUGS = [vendor.slug for vendor in load_vendors(GeneratorPaths())]


@pytest.fixture(scope="session")
def docs_dir() -> Path:
    """The checkout's docs/."""
    return DOCS


@pytest.fixture(scope="session")
def gateway_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A gateway whose vendors are enabled at a closed port: dry runs and refusals never reach one."""
    env = {"GATEWAY_API_KEYS": f"docs:{KEY}", "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path_factory.mktemp('db')}/g.db"}
    for slug in SLUGS:
        env[f"GATEWAY_{slug.upper()}_BASE_URL"] = "http://127.0.0.1:9"
        env[f"GATEWAY_{slug.upper()}_API_KEY"] = "docs-vendor-credential"
    app = create_app(Settings.from_env(env))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.gateway.close()
