"""Two delivery worker processes on PostgreSQL, one killed with SIGKILL mid-delivery: nothing is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).parent))
from webhook_kit import SECRET_KEY, make_kit, receiving

from gateway.store.schema import webhook_deliveries

ROOT = Path(__file__).resolve().parents[2]
EVENTS = 300
# A worker as `campaign-gateway deliver` runs it, with a 2 s lease so the test need not wait 30 s.
WORKER = """
import asyncio
from datetime import timedelta
from gateway.events.delivery import Deliverer
from gateway.events.runner import DeliveryLoop
from gateway.events.subscriptions import SecretSealer
from gateway.service import Gateway
from gateway.settings import Settings

settings = Settings.from_env()
gateway = Gateway(settings)
sealer = SecretSealer(settings.secret_key.get_secret_value())
deliverer = Deliverer(gateway.registry, sealer, allow_private=True, concurrency=4, lease=timedelta(seconds=2))
asyncio.run(DeliveryLoop(gateway, deliverer).run(asyncio.Event()))
"""


def _worker(database_url: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "GATEWAY_DATABASE_URL": database_url,
        "GATEWAY_SECRET_KEY": SECRET_KEY,
        "GATEWAY_WEBHOOK_ALLOW_PRIVATE": "1",
    }
    return subprocess.Popen([sys.executable, "-c", WORKER], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)


def test_a_worker_killed_mid_delivery_loses_nothing(postgres_url: str) -> None:
    kit = make_kit(postgres_url, real_time=True)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        with receiving(lambda _r: (204, {}, 0.02)) as receiver:
            kit.subscriptions.create("one", receiver.url, ["*"], None)
            event_ids = set(kit.emit("one", count=EVENTS))
            workers = [_worker(postgres_url), _worker(postgres_url)]
            deadline = time.monotonic() + 60
            while len(receiver.received) < EVENTS // 4 and time.monotonic() < deadline:
                time.sleep(0.01)
            workers[0].send_signal(signal.SIGKILL)  # while its claimed deliveries are in flight
            workers[0].wait()
            pending = select(func.count()).where(webhook_deliveries.c.status != "delivered")
            left = EVENTS
            while left and time.monotonic() < deadline:
                time.sleep(0.1)
                with kit.registry.engine.connect() as connection:
                    left = connection.execute(pending).scalar_one()
            received = list(receiver.received)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
        kit.registry.close()
    assert left == 0, f"{left} deliveries not delivered"
    assert {item.headers["webhook-id"] for item in received} == event_ids  # none lost
    for item in received:  # a duplicate is the same event under the same webhook-id
        assert item.payload["data"]["id"] == item.headers["webhook-id"]
    counts = Counter(item.headers["webhook-id"] for item in received)
    assert len(received) == EVENTS + sum(n - 1 for n in counts.values())
