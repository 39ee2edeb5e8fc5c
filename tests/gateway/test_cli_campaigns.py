"""`campaign-gateway campaigns show|start|pause|resume|cancel`: the operator's view and actions."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from gateway.app import create_app
from gateway.cli import main
from gateway.sandbox.server import Sandbox, start_sandbox
from gateway.settings import Settings

from .conftest import AUTH, examples, gateway_env


@pytest.fixture(scope="module")
def stand_ins() -> Iterator[Sandbox]:
    with start_sandbox() as sandbox:
        yield sandbox


@pytest.fixture(scope="module")
def env(stand_ins: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    database_url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'gateway.db'}"
    return gateway_env(stand_ins, database_url, GATEWAY_SYNC_IN_SERVE="0")


@pytest.fixture(scope="module")
def created(env: dict[str, str]) -> dict[str, Any]:
    """A running Volubile campaign of tenant `one`, created through the API."""
    app = create_app(Settings.from_env(env))
    body = {key: value for key, value in examples()["volubile"].items() if key != "schedule"}
    with TestClient(app) as client:
        response = client.post("/v1/campaigns", json=body, headers=AUTH)
    app.gateway.close()
    assert response.status_code == 201, response.text
    return dict(response.json())


def _run(env: dict[str, str], *args: str) -> Any:
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_show_tells_status_progress_and_actions(env: dict[str, str], created: dict[str, Any]) -> None:
    shown = _run(env, "campaigns", "show", "--tenant", "one", created["id"])
    assert shown.exit_code == 0, shown.output
    assert "status     running (ACTIVE)" in shown.output
    assert "progress   not reported by the vendor" in shown.output
    assert "actions    none" in shown.output


def test_show_of_another_tenants_campaign_fails(env: dict[str, str], created: dict[str, Any]) -> None:
    shown = _run(env, "campaigns", "show", "--tenant", "two", created["id"])
    assert shown.exit_code == 1 and f"no campaign {created['id']} for tenant two" in shown.output


def test_pause_resume_cancel_go_through_the_ledger(
    env: dict[str, str], created: dict[str, Any], stand_ins: Sandbox
) -> None:
    dry = _run(env, "campaigns", "pause", "--tenant", "one", "--dry-run", created["id"])
    assert dry.exit_code == 0 and '"would_send": true' in dry.output
    for action, status in (("pause", "paused"), ("resume", "running"), ("cancel", "cancelled")):
        result = _run(env, "campaigns", action, "--tenant", "one", created["id"])
        assert result.exit_code == 0, result.output
        assert result.output.strip().splitlines()[-1] == f"{action}: {status}"  # after the sandbox's log line
    assert stand_ins.campaign("volubile", created["vendor_campaign_id"])["status"] == "CANCELLED"
    refused = _run(env, "campaigns", "pause", "--tenant", "one", created["id"])
    assert refused.exit_code == 1 and "409" in refused.output and "cancelled" in refused.output
    shown = _run(env, "campaigns", "show", "--tenant", "one", "--json", created["id"])
    assert [entry["action"] for entry in json.loads(shown.output)["actions"]] == [
        "pause",
        "resume",
        "cancel",
    ]


def test_an_action_the_vendor_cannot_do_says_why(env: dict[str, str]) -> None:
    app = create_app(Settings.from_env(env))
    with TestClient(app) as client:
        clerk = client.post("/v1/campaigns", json=examples()["clerk"], headers=AUTH).json()
    app.gateway.close()
    result = _run(env, "campaigns", "cancel", "--tenant", "one", clerk["id"])
    assert result.exit_code == 1 and "501" in result.output and "Clerk Chat documents no cancel" in result.output
