"""Operations with real worker processes: metrics and rate limits across workers, graceful shutdown."""

from __future__ import annotations

import os
import re
import signal
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox
from gateway.store.engine import make_engine
from gateway.store.registry import Registry

from .conftest import AUTH, Server

CAMPAIGN = {"vendor": "smallest", "name": "ops", "agent_id": "60d0fe4f5311236168a109ca", "audience": "aud"}


def _campaign_requests(metrics: str) -> float:
    pattern = r'gateway_requests_total\{route="/v1/campaigns",status="201",vendor="smallest"\} ([0-9.e+]+)'
    return sum(float(value) for value in re.findall(pattern, metrics))


def test_metrics_sum_over_two_workers(sandbox: Sandbox, tmp_path: Path) -> None:
    server = Server(
        sandbox,
        f"sqlite:///{tmp_path / 'g.db'}",
        workers=2,
        cwd=tmp_path,
        # Without the sync process, whose metrics are summed too: each pid here is a worker's.
        env={"PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"), "GATEWAY_SYNC_IN_SERVE": "0"},
    )
    (tmp_path / "metrics").mkdir()
    try:
        server.wait_ready()
        with ThreadPoolExecutor(8) as pool:
            statuses = list(
                pool.map(
                    lambda n: (  # distinct campaigns: identical keyless ones in flight together are refused
                        httpx.post(
                            f"{server.url}/v1/campaigns", json={**CAMPAIGN, "name": f"m-{n}"}, headers=AUTH, timeout=10
                        ).status_code
                    ),
                    range(20),
                )
            )
        assert statuses == [201] * 20
        pids = {path.name.split("_")[-1].split(".")[0] for path in (tmp_path / "metrics").glob("counter_*.db")}
        assert len(pids) == 2, "both workers served requests"
        for _ in range(4):  # whichever worker answers /metrics, it reports all of them
            assert _campaign_requests(httpx.get(f"{server.url}/metrics").text) == 20
    finally:
        server.stop()


def test_rate_limit_holds_across_two_workers_with_redis(sandbox: Sandbox, redis_url: str, tmp_path: Path) -> None:
    tenant = f"rl-{uuid.uuid4().hex[:8]}"
    server = Server(
        sandbox,
        f"sqlite:///{tmp_path / 'g.db'}",
        workers=2,
        cwd=tmp_path,
        env={
            "GATEWAY_RATE_LIMIT": "10/minute",
            "GATEWAY_REDIS_URL": redis_url,
            "GATEWAY_API_KEYS": f"{tenant}:rk,other:ok",
        },
    )
    try:
        server.wait_ready(headers={"Authorization": "Bearer ok"})
        # The limit is a fixed window per minute (gateway/ratelimit.py): a burst straddling a
        # minute's turn is counted in two windows, so it starts well inside one.
        into_window = time.time() % 60
        if into_window > 50:
            time.sleep(60 - into_window + 0.5)
        with ThreadPoolExecutor(15) as pool:
            statuses = list(
                pool.map(
                    lambda _: (
                        httpx.get(
                            f"{server.url}/v1/vendors", headers={"Authorization": "Bearer rk"}, timeout=10
                        ).status_code
                    ),
                    range(15),
                )
            )
        assert sorted(statuses) == [200] * 10 + [429] * 5 or (
            sorted(statuses).count(429) == 15 - statuses.count(200) and statuses.count(200) == 10
        )
        assert httpx.get(f"{server.url}/v1/vendors", headers={"Authorization": "Bearer ok"}).status_code == 200
    finally:
        server.stop()


def test_sigterm_finishes_in_flight_requests(sandbox: Sandbox, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'g.db'}"
    server = Server(sandbox, database, workers=1, cwd=tmp_path)
    server.wait_ready()
    sandbox.clear()
    sandbox.inject("smallest", Fault(delay=1.5))
    answers: list[httpx.Response] = []
    body = {**CAMPAIGN, "name": f"drain-{uuid.uuid4().hex[:6]}"}
    caller = threading.Thread(
        target=lambda: answers.append(httpx.post(f"{server.url}/v1/campaigns", json=body, headers=AUTH, timeout=15))
    )
    caller.start()
    for _ in range(200):
        if sandbox.requests("smallest"):
            break
        threading.Event().wait(0.01)
    os.killpg(server.process.pid, signal.SIGTERM)
    caller.join(15)
    # uvicorn re-raises the signal once it has drained, so the exit status says "terminated".
    assert server.process.wait(15) in (0, -signal.SIGTERM)
    assert [a.status_code for a in answers] == [201]
    engine = make_engine(database)
    rows, _ = Registry(engine).page("scale", filters={}, limit=10, cursor=None)
    engine.dispose()
    assert [(row["name"], row["dispatch"]) for row in rows] == [(body["name"], "accepted")]
