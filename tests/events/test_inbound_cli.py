"""`campaign-gateway hooks show|rotate`, `events list`, `credentials set --webhook-secret`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from cryptography.fernet import Fernet
from starlette.testclient import TestClient

from gateway.app import create_app
from gateway.cli import main
from gateway.settings import Settings


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    values = {
        "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path / 'gateway.db'}",
        "GATEWAY_API_KEYS": "one:key-one,two:key-two",
        "GATEWAY_SECRET_KEY": Fernet.generate_key().decode(),
        "GATEWAY_SMALLEST_WEBHOOK_SECRET": "s3cret",
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def run(*arguments: str) -> str:
    result = CliRunner().invoke(main, list(arguments), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_hooks_show_prints_a_stable_url_and_the_secret_state(env: dict[str, str]) -> None:
    shown = run("hooks", "show", "--vendor", "smallest", "--base-url", "https://gw.example.com")
    url = shown.splitlines()[0]
    assert url.startswith("https://gw.example.com/v1/hooks/smallest/")
    assert "X-Signature" in shown and "signing secret: configured" in shown
    assert run("hooks", "show", "--vendor", "smallest", "--base-url", "https://gw.example.com").splitlines()[0] == url
    rotated = run("hooks", "rotate", "--vendor", "smallest", "--base-url", "https://gw.example.com").splitlines()[0]
    assert rotated != url


def test_hooks_show_refuses_vendors_without_webhooks(env: dict[str, str]) -> None:
    result = CliRunner().invoke(main, ["hooks", "show", "--vendor", "voiceable"])
    assert result.exit_code != 0 and "sends no webhooks" in result.output


def test_a_tenants_webhook_secret_is_set_encrypted_and_checked(env: dict[str, str]) -> None:
    assert "not configured" in run("hooks", "show", "--vendor", "smallest", "--tenant", "two")
    run("credentials", "set", "--tenant", "two", "--vendor", "smallest", "--api-key", "k", "--webhook-secret", "w-two")
    assert "signing secret: configured" in run("hooks", "show", "--vendor", "smallest", "--tenant", "two")
    run("credentials", "set", "--tenant", "two", "--vendor", "smallest", "--api-key", "k2")  # the secret is kept
    app = create_app(Settings.from_env(env))
    try:
        assert app.gateway.webhook_secret("smallest", "two") == "w-two"
        assert "w-two" in app.gateway.secrets()  # redacted from logs like API keys
        with app.gateway.registry.engine.connect() as connection:
            assert b"w-two" not in b"".join(
                bytes(row[0]) for row in connection.exec_driver_sql("SELECT secret FROM vendor_credentials")
            )
    finally:
        app.gateway.close()


def test_events_list_shows_untied_events_and_a_tenants(env: dict[str, str]) -> None:
    app = create_app(Settings.from_env(env))
    try:
        with TestClient(app) as client:
            token = app.gateway.hook_endpoints.token_for("clerk")
            own = app.gateway.hook_endpoints.token_for("clerk", "two")
            body = {"eventId": "e1", "type": "message.delivered", "teamId": "t", "data": {"id": "m1"}}
            assert client.post(f"/v1/hooks/clerk/{token}", json=body).status_code == 200
            assert client.post(f"/v1/hooks/clerk/{own}", json=body).status_code == 200
    finally:
        app.gateway.close()
    untied = [json.loads(line) for line in run("events", "list", "--untied", "--json").splitlines()]
    assert [(event["type"], event["tenant"]) for event in untied] == [("message.delivered", None)]
    assert "message.delivered" in run("events", "list", "--tenant", "two")
    empty = CliRunner().invoke(main, ["events", "list", "--tenant", "one"])
    assert empty.exit_code == 0 and empty.stdout == ""
    database = env["GATEWAY_DATABASE_URL"].removeprefix("sqlite:///")
    assert f"no events for tenant one (database: {database})" in empty.stderr
    several = CliRunner().invoke(main, ["events", "list"])
    assert several.exit_code == 2 and "several tenants (one, two)" in several.stderr
