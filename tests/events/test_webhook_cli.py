"""`campaign-gateway webhooks listen` and `campaign-gateway deliver`."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from webhook_kit import SECRET_KEY, make_kit, receiving, verify

from gateway.cli_webhooks import listen_server
from gateway.events.subscriptions import new_secret
from gateway.store.schema import webhook_deliveries

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def listening() -> Iterator[tuple[str, str, io.StringIO]]:
    secret, out = new_secret(), io.StringIO()
    server = listen_server(0, secret, out)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", secret, out
    finally:
        server.shutdown()
        server.server_close()


def _signed(secret: str, body: bytes) -> dict[str, str]:
    from datetime import UTC, datetime

    from standardwebhooks.webhooks import Webhook

    now = datetime.now(UTC)
    return {
        "webhook-id": "evt_1",
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign("evt_1", now, body.decode()),
    }


def test_listen_verifies_and_prints(listening: tuple[str, str, io.StringIO]) -> None:
    url, secret, out = listening
    body = b'{"type":"call.completed","timestamp":"2030-01-01T00:00:00+00:00","data":{"id":"evt_1"}}'
    assert httpx.post(url, content=body, headers=_signed(secret, body)).status_code == 204
    refused = httpx.post(url, content=body, headers=_signed(new_secret(), body))
    assert refused.status_code == 401
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("verified evt_1 ") and '"call.completed"' in lines[0]
    assert lines[1].startswith("REFUSED evt_1")


def test_listen_without_a_secret_marks_deliveries_unverified() -> None:
    out = io.StringIO()
    server = listen_server(0, None, out)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        answer = httpx.post(f"http://127.0.0.1:{server.server_address[1]}/", json={"a": 1}, headers={"webhook-id": "x"})
    finally:
        server.shutdown()
        server.server_close()
    assert answer.status_code == 204 and out.getvalue().startswith("UNVERIFIED x ")


def test_the_deliver_command_delivers_until_sigterm(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'gateway.db'}"
    kit = make_kit(database, real_time=True)
    command = shutil.which("campaign-gateway", path=str(Path(sys.executable).parent)) or "campaign-gateway"
    env = {
        **os.environ,
        "GATEWAY_DATABASE_URL": database,
        "GATEWAY_SECRET_KEY": SECRET_KEY,
        "GATEWAY_WEBHOOK_ALLOW_PRIVATE": "1",
    }
    try:
        with receiving() as receiver:
            created = kit.subscriptions.create("one", receiver.url, ["*"], None)
            [event_id] = kit.emit("one")
            worker = subprocess.Popen([command, "deliver"], cwd=tmp_path, env=env, stderr=subprocess.DEVNULL)
            try:
                deadline = time.monotonic() + 20
                while not receiver.received and time.monotonic() < deadline:
                    time.sleep(0.05)
            finally:
                worker.send_signal(signal.SIGTERM)
                assert worker.wait(timeout=20) == 0
        [received] = receiver.received
        assert received.headers["webhook-id"] == event_id and verify(created["secret"], received.headers, received.body)
        with kit.registry.engine.connect() as connection:
            assert connection.execute(webhook_deliveries.select()).mappings().one()["status"] == "delivered"
    finally:
        kit.registry.close()
