"""Stored API keys and tenants' own vendor credentials, through the API."""

from __future__ import annotations

import asyncio
import gc
import threading
from collections.abc import Callable
from typing import Any

from cryptography.fernet import Fernet
from starlette.testclient import TestClient

from gateway.campaign import CampaignRequest, check_campaign
from gateway.sandbox.server import Sandbox

from .conftest import AUTH, OTHER_KEY, examples


def test_a_stored_key_authenticates_its_tenant_until_revoked(client_with: Callable[..., TestClient]) -> None:
    gateway = client_with()
    app: Any = gateway.app
    keys = app.gateway.api_keys
    key = keys.create("acme")
    headers = {"Authorization": f"Bearer {key}"}
    created = gateway.post("/v1/campaigns", json=examples()["smallest"], headers=headers).json()
    assert gateway.get(f"/v1/campaigns/{created['id']}", headers=headers).status_code == 200
    assert gateway.get(f"/v1/campaigns/{created['id']}", headers=AUTH).status_code == 404  # tenant "one" ≠ acme
    keys.revoke(keys.listing("acme")[0]["id"])
    fresh = client_with()  # a new process (or 30 s later) no longer accepts it
    assert fresh.get("/v1/vendors", headers=headers).status_code == 401


def test_a_tenant_with_its_own_vendor_account_uses_it(client_with: Callable[..., TestClient], sandbox: Sandbox) -> None:
    secret = Fernet.generate_key().decode()
    # The gateway's own smallest key is wrong; tenant "two" has its own, right one.
    gateway = client_with(GATEWAY_SECRET_KEY=secret, GATEWAY_SMALLEST_API_KEY="not-the-sandbox-key")
    app: Any = gateway.app
    app.gateway.credentials.set("two", "smallest", sandbox.credential("smallest"))
    own = gateway.post("/v1/campaigns", json=examples()["smallest"], headers={"Authorization": f"Bearer {OTHER_KEY}"})
    assert own.status_code == 201, own.text
    shared = gateway.post("/v1/campaigns", json=examples()["smallest"], headers=AUTH)
    assert shared.status_code == 502 and shared.json()["type"].endswith("vendor-auth-failed")
    assert "not-the-sandbox-key" not in shared.text and sandbox.credential("smallest") not in own.text


def test_a_tenant_credential_set_while_running_is_redacted_from_logs(
    client_with: Callable[..., TestClient], sandbox: Sandbox, capfd: Any
) -> None:
    import logging

    gateway = client_with(GATEWAY_SECRET_KEY=Fernet.generate_key().decode())
    app: Any = gateway.app
    app.gateway.credentials.set("two", "smallest", "tenant-two-own-key")
    gateway.post("/v1/campaigns", json=examples()["smallest"], headers={"Authorization": f"Bearer {OTHER_KEY}"})
    capfd.readouterr()
    logging.getLogger("gateway.test").warning("vendor said: bad key tenant-two-own-key")
    logged = capfd.readouterr().err
    assert "tenant-two-own-key" not in logged and "[REDACTED]" in logged


def _with_own_account(client_with: Callable[..., TestClient], sandbox: Sandbox) -> tuple[TestClient, Any]:
    """A gateway, and its service, where tenant "two" has stored its own (right) Smallest key."""
    gateway = client_with(GATEWAY_SECRET_KEY=Fernet.generate_key().decode())
    service: Any = gateway.app.gateway  # type: ignore[attr-defined]
    service.credentials.set("two", "smallest", sandbox.credential("smallest"))
    return gateway, service


def test_rotating_a_tenant_credential_leaves_calls_on_the_old_one_alone(
    client_with: Callable[..., TestClient], sandbox: Sandbox
) -> None:
    gateway, service = _with_own_account(client_with, sandbox)
    before = service.live_adapter("smallest", "two")  # what a call in flight holds
    service.credentials.set("two", "smallest", "rotated-key")
    service._credentials_read_at = float("-inf")  # the next read sees the rotation at once
    after = service.live_adapter("smallest", "two")
    assert after is not before
    request, errors = check_campaign(CampaignRequest.model_validate(examples()["smallest"]))
    assert not errors
    # the call still goes out, on the old key
    receipt, reply = gateway.portal.call(before.dispatch, before.payload(request))  # type: ignore[union-attr]
    assert reply.status == 201 and receipt.vendor_campaign_id
    sessions = list(before._transport._sessions.values())
    assert sessions and not any(session.closed for session in sessions)
    del before  # the call is over: nothing holds the old adapter any more
    gc.collect()
    gateway.portal.call(asyncio.sleep, 0.05)  # type: ignore[union-attr]  # the loop closes them in turn
    assert all(session.closed for session in sessions)  # and its connections are closed


def test_the_event_loop_leaves_reading_tenant_credentials_to_a_worker_thread(
    client_with: Callable[..., TestClient], sandbox: Sandbox
) -> None:
    gateway, service = _with_own_account(client_with, sandbox)
    service._credentials_read_at = float("-inf")  # a read is due
    read_all, readers = service.credentials.all, []

    def all_credentials() -> Any:
        readers.append(threading.get_ident())
        return read_all()

    service.credentials.all = all_credentials

    async def on_the_loop() -> tuple[Any, int]:
        return await service.live_adapter_async("smallest", "two"), threading.get_ident()

    adapter, loop_thread = gateway.portal.call(on_the_loop)  # type: ignore[union-attr]
    assert adapter is not service.adapters["smallest"]  # the tenant's own account, read just now
    assert len(readers) == 1 and readers[0] != loop_thread


def test_a_stored_key_is_looked_up_off_the_event_loop(client_with: Callable[..., TestClient]) -> None:
    from .test_native_and_auth import JSON_NATIVE

    gateway = client_with()
    service: Any = gateway.app.gateway  # type: ignore[attr-defined]
    key = service.api_keys.create("acme")
    look_up, readers = service.api_keys.tenant_for, []

    def tenant_for(presented: str) -> Any:
        readers.append(threading.get_ident())
        return look_up(presented)

    service.api_keys.tenant_for = tenant_for
    path, _headers, body = JSON_NATIVE["volubile"]
    native = gateway.post(path, json=body, headers={"X-Api-Key": key})  # the native fast lane
    service._key_cache.clear()
    listed = gateway.get("/v1/vendors", headers={"Authorization": f"Bearer {key}"})  # through Connexion
    assert (native.status_code, listed.status_code) == (201, 200)
    loop_thread = gateway.portal.call(threading.get_ident)  # type: ignore[union-attr]
    assert len(readers) == 2 and loop_thread not in readers


def test_a_stored_credential_that_cannot_be_opened_refuses_only_its_tenant(
    client_with: Callable[..., TestClient], sandbox: Sandbox, caplog: Any
) -> None:
    stored_with = client_with(GATEWAY_SECRET_KEY=Fernet.generate_key().decode())
    stored_with.app.gateway.credentials.set("two", "smallest", sandbox.credential("smallest"))  # type: ignore[attr-defined]
    for secret_key in ("", Fernet.generate_key().decode()):  # no key, another key
        gateway = client_with(GATEWAY_SECRET_KEY=secret_key)
        sandbox.clear()
        own = gateway.post(
            "/v1/campaigns", json=examples()["smallest"], headers={"Authorization": f"Bearer {OTHER_KEY}"}
        )
        assert own.status_code == 503 and own.json()["type"].endswith("vendor-not-configured"), own.text
        assert sandbox.requests("smallest") == []  # never sent on the gateway's own account instead
        shared = gateway.post("/v1/campaigns", json=examples()["smallest"], headers=AUTH)
        assert shared.status_code == 201, shared.text
    reasons = [r.getMessage() for r in caplog.records if r.name == "gateway.credentials"]
    assert any("GATEWAY_SECRET_KEY is not set" in m for m in reasons)
    assert any("does not open with GATEWAY_SECRET_KEY" in m for m in reasons)
