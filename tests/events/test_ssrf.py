"""Where webhooks may go: https and public addresses only, at creation and again at each delivery."""

from __future__ import annotations

import ipaddress
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select
from starlette.testclient import TestClient

sys.path.insert(0, str(Path(__file__).parent))
from webhook_kit import Kit, make_kit, once, receiving

from gateway.app import create_app
from gateway.events.ssrf import WebhookUrlRefused, address_refusal, check_target
from gateway.settings import Settings
from gateway.store.schema import webhook_deliveries

PUBLIC = "93.184.215.14"

REFUSED = [
    ("http://hooks.example.com/in", "https"),
    ("https://10.1.2.3/in", "private"),
    ("https://192.168.0.10/in", "private"),
    ("https://172.16.5.5/in", "private"),
    ("https://127.0.0.1/in", "loopback"),
    ("https://127.9.9.9:8443/in", "loopback"),
    ("https://169.254.169.254/latest/meta-data", "link-local"),
    ("https://0.0.0.0/in", "unspecified"),
    ("https://224.0.0.1/in", "multicast"),
    ("https://240.0.0.1/in", "reserved"),
    ("https://[::1]/in", "loopback"),
    ("https://[fc00::1]/in", "private"),
    ("https://[fd12:3456::1]/in", "private"),
    ("https://[fe80::1]/in", "link-local"),
    ("https://[::ffff:127.0.0.1]/in", "loopback"),
    ("https://[::ffff:10.0.0.1]/in", "private"),
    ("https://localhost/in", "loopback"),  # a DNS name resolving to 127.0.0.1 (or ::1)
    ("https://user:pass@hooks.example.com/in", "credentials"),
    ("ftp://hooks.example.com/in", "scheme"),
]


def _public_resolver(host: str, port: int) -> list[str]:
    return [PUBLIC]


@pytest.mark.parametrize(("url", "rule"), REFUSED)
def test_refused_targets_name_their_rule(url: str, rule: str) -> None:
    with pytest.raises(WebhookUrlRefused) as refused:
        check_target(url, allow_private=False)
    [error] = refused.value.errors
    assert error.field == "url" and error.message.startswith(f"{rule}:"), error.message


def test_public_targets_pass_and_keep_the_address_checked() -> None:
    target = check_target("https://hooks.example.com/in?x=1", allow_private=False, resolver=_public_resolver)
    assert (target.host, target.address, target.port) == ("hooks.example.com", PUBLIC, 443)
    assert target.pinned_url() == f"https://{PUBLIC}:443/in?x=1"
    assert check_target(f"https://{PUBLIC}:8443/", allow_private=False).port == 8443


def test_a_name_with_one_private_address_among_public_ones_is_refused() -> None:
    with pytest.raises(WebhookUrlRefused):
        check_target("https://mixed.example.com/", allow_private=False, resolver=lambda h, p: [PUBLIC, "10.0.0.7"])


def test_the_allow_private_flag_lifts_https_and_address_rules() -> None:
    assert check_target("http://127.0.0.1:8080/in", allow_private=True).address == "127.0.0.1"
    assert check_target("https://[::1]/in", allow_private=True).pinned_url() == "https://[::1]:443/in"
    with pytest.raises(WebhookUrlRefused):  # not the scheme rule
        check_target("ftp://127.0.0.1/in", allow_private=True)


@pytest.mark.parametrize(
    ("address", "rule"),
    [("8.8.8.8", None), ("2606:4700:4700::1111", None), ("100.64.0.1", "reserved"), ("::ffff:8.8.8.8", None)],
)
def test_address_rules(address: str, rule: str | None) -> None:
    assert address_refusal(ipaddress.ip_address(address)) == rule


@pytest.fixture
def strict_client(tmp_path: Path) -> Iterator[TestClient]:
    env = {
        "GATEWAY_API_KEYS": "one:key-one",
        "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path / 'gateway.db'}",
        "GATEWAY_SECRET_KEY": Fernet.generate_key().decode(),
    }
    app = create_app(Settings.from_env(env))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.gateway.close()


@pytest.mark.parametrize(("url", "rule"), [item for item in REFUSED if item[1] not in ("scheme",)])
def test_creation_answers_422_naming_the_field_and_rule(strict_client: TestClient, url: str, rule: str) -> None:
    answer = strict_client.post(
        "/v1/webhooks", json={"url": url, "event_types": ["*"]}, headers={"Authorization": "Bearer key-one"}
    )
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["type"].endswith("webhook-url-refused")
    assert problem["errors"][0]["field"] == "url" and problem["errors"][0]["message"].startswith(f"{rule}:")


def test_a_change_of_url_is_checked_too(strict_client: TestClient) -> None:
    auth = {"Authorization": "Bearer key-one"}
    created = strict_client.post(
        "/v1/webhooks", json={"url": f"https://{PUBLIC}/in", "event_types": ["*"]}, headers=auth
    )
    assert created.status_code == 201
    patched = strict_client.patch(
        f"/v1/webhooks/{created.json()['id']}", json={"url": "https://10.0.0.1/"}, headers=auth
    )
    assert patched.status_code == 422 and patched.json()["errors"][0]["field"] == "url"


@pytest.fixture
def kit(tmp_path: Path) -> Iterator[Kit]:
    made = make_kit(f"sqlite:///{tmp_path / 'gateway.db'}")
    yield made
    made.registry.close()


def _last_error(kit: Kit) -> str:
    with kit.registry.engine.connect() as connection:
        [row] = connection.execute(select(webhook_deliveries)).mappings().all()
    assert row["status"] == "pending" and row["attempts"] == 1
    return str(row["last_error"])


def test_the_rules_are_checked_again_at_delivery(kit: Kit) -> None:
    with receiving() as receiver:
        kit.subscriptions.create("one", receiver.url, ["*"], None)  # made while private was allowed
        kit.emit("one")
        assert once(kit.deliverer(allow_private=False)) == 1
    assert receiver.received == []
    assert _last_error(kit).startswith("https:")


def test_a_name_that_rebinds_to_loopback_after_creation_is_refused_at_delivery(kit: Kit) -> None:
    answers = {"hooks.example.com": PUBLIC}
    kit.subscriptions.allow_private = False
    kit.subscriptions.resolver = lambda host, port: [answers[host]]
    kit.subscriptions.create("one", "https://hooks.example.com/in", ["*"], None)
    answers["hooks.example.com"] = "127.0.0.1"
    kit.emit("one")
    assert once(kit.deliverer(allow_private=False, resolver=lambda host, port: [answers[host]])) == 1
    assert _last_error(kit).startswith("loopback:")


def test_a_delivery_connects_to_the_address_that_was_checked(kit: Kit) -> None:
    with receiving() as receiver:
        port = int(receiver.url.rsplit(":", 1)[1].split("/")[0])
        url = f"http://receiver.invalid:{port}/hook"  # no resolver knows this name but the checked one
        kit.subscriptions.create("one", url, ["*"], None)
        [event_id] = kit.emit("one")
        assert once(kit.deliverer(resolver=lambda host, port: ["127.0.0.1"])) == 1
    [received] = receiver.received
    assert received.headers["host"] == f"receiver.invalid:{port}" and received.headers["webhook-id"] == event_id
