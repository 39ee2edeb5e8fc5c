"""The operator CLI for people and scripts: tables, --json, the default tenant, empty results, exit codes.

Exit codes: 0 done (an empty list too), 1 not found or refused (message on stderr), 2 usage.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from cryptography.fernet import Fernet
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
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("people") / "gateway.db"


@pytest.fixture(scope="module")
def env(stand_ins: Sandbox, database: Path) -> dict[str, str]:
    """Tenants `one` and `two` (GATEWAY_API_KEYS), a shared database."""
    return gateway_env(stand_ins, f"sqlite:///{database}", GATEWAY_SYNC_IN_SERVE="0")


@pytest.fixture(scope="module")
def created(env: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Tenant one's Volubile and Clerk campaigns, created through the API."""
    app = create_app(Settings.from_env(env))
    made = {}
    with TestClient(app) as client:
        for slug in ("volubile", "clerk"):
            body = {key: value for key, value in examples()[slug].items() if key != "schedule"}
            response = client.post("/v1/campaigns", json=body, headers=AUTH)
            assert response.status_code == 201, response.text
            made[slug] = response.json()
    app.gateway.close()
    return made


@pytest.fixture
def solo(tmp_path: Path) -> dict[str, str]:
    """One tenant only (`solo`) and an empty database of its own."""
    return {"GATEWAY_API_KEYS": "solo:key-solo", "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path / 'solo.db'}"}


def cli(env: dict[str, str], *args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == code, (result.stdout, result.stderr)
    return result


def said(result: Result) -> str:
    """The command's own last line on stderr (an app made in this process may have configured logging there)."""
    return result.stderr.strip().splitlines()[-1]


def table(result: Result) -> list[list[str]]:
    """The rows of a rich table as printed (the header first, the rule dropped)."""
    lines = [line for line in result.stdout.splitlines() if line.strip() and not set(line.strip()) <= {"─", " "}]
    return [line.split() for line in lines]


def test_campaigns_list_is_a_table_newest_first(env: dict[str, str], created: dict[str, Any]) -> None:
    rows = table(cli(env, "campaigns", "list", "--tenant", "one"))
    assert rows[0] == ["id", "created", "vendor", "dispatch", "status", "name"]
    ids = [row[0] for row in rows[1:]]
    assert ids.index(created["clerk"]["id"]) < ids.index(created["volubile"]["id"])
    clerk = next(row for row in rows if row[0] == created["clerk"]["id"])
    assert clerk[3:6] == ["clerk", "accepted", created["clerk"]["status"]]


def test_campaigns_list_json_is_the_apis_view(env: dict[str, str], created: dict[str, Any]) -> None:
    listed = json.loads(cli(env, "campaigns", "list", "--tenant", "one", "--json").stdout)
    by_id = {item["id"]: item for item in listed}
    for campaign in created.values():
        assert by_id[campaign["id"]].keys() == campaign.keys()
        assert by_id[campaign["id"]]["vendor"] == campaign["vendor"]


def test_campaigns_list_filters_by_vendor_and_status(env: dict[str, str], created: dict[str, Any]) -> None:
    clerk_only = json.loads(cli(env, "campaigns", "list", "--tenant", "one", "--vendor", "clerk", "--json").stdout)
    assert {item["vendor"] for item in clerk_only} == {"clerk"}
    status = created["volubile"]["status"]
    by_status = json.loads(cli(env, "campaigns", "list", "--tenant", "one", "--status", status, "--json").stdout)
    assert by_status and {item["status"] for item in by_status} == {status}
    none = cli(env, "campaigns", "list", "--tenant", "one", "--status", "failed")
    assert none.stdout == "" and "no campaigns match for tenant one (database: " in none.stderr
    assert json.loads(cli(env, "campaigns", "list", "--tenant", "one", "--status", "failed", "--json").stdout) == []


def test_campaigns_list_refuses_bad_filters_as_usage(env: dict[str, str]) -> None:
    unknown = cli(env, "campaigns", "list", "--tenant", "one", "--vendor", "nope", code=2)
    assert "unknown vendor 'nope'" in unknown.stderr
    assert "'bogus' is not one of" in cli(env, "campaigns", "list", "--status", "bogus", code=2).stderr


def test_several_tenants_and_none_given_is_a_usage_error_naming_them(env: dict[str, str]) -> None:
    for args in (["campaigns", "list"], ["campaigns", "show", "x"], ["events", "list"], ["campaigns", "pause", "x"]):
        refused = cli(env, *args, code=2)
        assert "several tenants (one, two): choose one with --tenant" in refused.stderr
        assert refused.stdout == ""


def test_the_only_tenant_is_the_default(solo: dict[str, str]) -> None:
    database = solo["GATEWAY_DATABASE_URL"].removeprefix("sqlite:///")
    empty = cli(solo, "campaigns", "list")
    assert empty.stdout == ""
    assert said(empty) == f"no campaigns yet for tenant solo (database: {database})"
    assert json.loads(cli(solo, "campaigns", "list", "--json").stdout) == []
    missing = cli(solo, "campaigns", "show", "nope", code=1)
    assert said(missing) == f"Error: no campaign nope for tenant solo (database: {database})"
    assert "for tenant solo" in cli(solo, "events", "list").stderr


def test_a_stored_key_makes_another_tenant(solo: dict[str, str]) -> None:
    cli(solo, "keys", "create", "--tenant", "acme")
    assert "several tenants (acme, solo)" in cli(solo, "campaigns", "list", code=2).stderr


def test_campaigns_show_table_and_json(env: dict[str, str], created: dict[str, Any]) -> None:
    campaign = created["volubile"]
    shown = cli(env, "campaigns", "show", "--tenant", "one", campaign["id"]).stdout
    assert shown.splitlines()[0].startswith(f"campaign   {campaign['id']}")
    assert (
        json.loads(cli(env, "campaigns", "show", "--tenant", "one", "--json", campaign["id"]).stdout)["id"]
        == (campaign["id"])
    )
    other = cli(env, "campaigns", "show", "--tenant", "two", campaign["id"], code=1)
    assert f"no campaign {campaign['id']} for tenant two (database: " in other.stderr and other.stdout == ""


def test_an_action_dry_run_and_json(env: dict[str, str], created: dict[str, Any]) -> None:
    campaign = created["volubile"]
    dry = json.loads(cli(env, "campaigns", "pause", "--tenant", "one", "--dry-run", campaign["id"]).stdout)
    assert dry["would_send"] is True
    refused = cli(env, "campaigns", "start", "--tenant", "one", "nope", code=1)
    assert refused.stderr.startswith("Error: 404")


def test_keys_create_list_revoke(solo: dict[str, str]) -> None:
    database = solo["GATEWAY_DATABASE_URL"].removeprefix("sqlite:///")
    empty = cli(solo, "keys", "list")
    assert empty.stdout == "" and said(empty) == f"no keys yet (database: {database})"
    assert json.loads(cli(solo, "keys", "list", "--json").stdout) == []
    key = cli(solo, "keys", "create", "--tenant", "solo").stdout.strip()
    [listed] = json.loads(cli(solo, "keys", "list", "--json").stdout)
    assert listed["tenant"] == "solo" and key.startswith(listed["prefix"]) and listed["state"] == "active"
    rows = table(cli(solo, "keys", "list"))
    assert rows[0] == ["id", "tenant", "prefix", "created", "state"]
    assert rows[1][0] == listed["id"] and rows[1][-1] == "active"
    assert cli(solo, "keys", "revoke", listed["id"]).stdout.strip() == f"revoked {listed['id']}"
    again = cli(solo, "keys", "revoke", listed["id"], code=1)
    assert f"no active key {listed['id']}" in again.stderr
    assert json.loads(cli(solo, "keys", "list", "--json").stdout)[0]["state"] == "revoked"
    assert "no keys for tenant other" in cli(solo, "keys", "list", "--tenant", "other").stderr


def test_credentials_set_defaults_the_tenant_and_list_shows_them(solo: dict[str, str]) -> None:
    env = {**solo, "GATEWAY_SECRET_KEY": Fernet.generate_key().decode()}
    assert "no credentials yet (database: " in cli(env, "credentials", "list").stderr
    stored = cli(env, "credentials", "set", "--vendor", "smallest", "--api-key", "k", "--webhook-secret", "w")
    assert stored.stdout.strip() == "stored smallest credential for solo"
    [row] = json.loads(cli(env, "credentials", "list", "--json").stdout)
    assert row == {
        "tenant": "solo",
        "vendor": "smallest",
        "base_url": None,
        "webhook_secret": True,
        "opens": True,
        "problem": None,
    }
    rows = table(cli(env, "credentials", "list"))
    assert rows[0] == ["tenant", "vendor", "base", "url", "webhook", "secret", "state"]
    assert rows[1] == ["solo", "smallest", "-", "yes", "ok"]
    sealed = json.loads(cli(solo, "credentials", "list", "--json").stdout)  # no GATEWAY_SECRET_KEY
    assert sealed[0]["opens"] is False and "GATEWAY_SECRET_KEY" in sealed[0]["problem"]
    unknown = cli(env, "credentials", "set", "--vendor", "nope", "--api-key", "k", code=2)
    assert "unknown vendor 'nope'" in unknown.stderr


def test_reconcile_with_nothing_to_settle(solo: dict[str, str]) -> None:
    empty = cli(solo, "reconcile")
    assert empty.stdout == "" and "no campaign with an unknown outcome (database: " in empty.stderr
    assert json.loads(cli(solo, "reconcile", "--json").stdout) == []
    assert "is not a campaign with an unknown outcome" in cli(solo, "reconcile", "--mark", "x=accepted", code=1).stderr
    assert "expected ID=accepted or ID=rejected" in cli(solo, "reconcile", "--mark", "x=maybe", code=2).stderr


def test_db_upgrade_and_where_name_the_database(solo: dict[str, str]) -> None:
    database = solo["GATEWAY_DATABASE_URL"].removeprefix("sqlite:///")
    assert cli(solo, "db", "upgrade").stdout.strip() == f"{database} is at the newest schema."
    assert cli(solo, "db", "where").stdout.strip() == database


def test_hooks_show_json(solo: dict[str, str]) -> None:
    shown = json.loads(cli(solo, "hooks", "show", "--vendor", "smallest", "--json").stdout)
    assert shown["url"].startswith("http://127.0.0.1:8080/v1/hooks/smallest/")
    assert shown["tenant"] is None and shown["signing_secret_configured"] is False
    assert "sends no webhooks" in cli(solo, "hooks", "show", "--vendor", "voiceable", code=1).stderr


def test_events_list_empty_and_untied(solo: dict[str, str]) -> None:
    assert cli(solo, "events", "list", "--json").stdout == ""
    assert "no events tied to no tenant" in cli(solo, "events", "list", "--untied").stderr
    assert "not both" in cli(solo, "events", "list", "--untied", "--tenant", "solo", code=2).stderr


@pytest.mark.parametrize(
    "command",
    [
        ["campaigns", "list"],
        ["campaigns", "show"],
        ["campaigns", "pause"],
        ["keys", "list"],
        ["keys", "revoke"],
        ["credentials", "list"],
        ["credentials", "set"],
        ["events", "list"],
        ["hooks", "show"],
        ["reconcile"],
        ["db", "where"],
    ],
)
def test_every_command_documents_its_exit_codes(command: list[str]) -> None:
    helped = cli({}, *command, "--help")
    assert "Exit codes: 0 done (an empty list too), 1 not found or refused (message on stderr), 2 usage." in (
        helped.stdout
    )
