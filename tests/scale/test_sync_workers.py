"""The status sync across workers and machines: one refresher per campaign, a crash releases it.

Two queues on their own engines stand for two workers (or machines) sharing the database; two
`campaign-gateway sync` processes and a `serve` process do it for real against the sandbox.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import insert, select, update

from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.sandbox.server import Sandbox
from gateway.store.engine import make_engine
from gateway.store.migrate import migrate
from gateway.store.registry import Registry
from gateway.store.schema import campaign_sync, campaigns
from gateway.store.sync import Refreshed, SyncQueue
from gateway.sync import state_outcome

from .conftest import AUTH, Server

LEASE = timedelta(seconds=60)
VOLUBILE_CAMPAIGN = {
    "name": "Sync",
    "agentId": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "startDate": "2030-01-15",
    "timeSlots": [{"startTime": "09:00", "endTime": "11:30"}],
    "batchSize": 1,
    "days": ["MONDAY"],
    "retry": {"max": 1, "delay": 1, "retryOn": ["NO_ANSWER"]},
    "timezone": "Europe/Paris",
    "recipients": [{"phone": "+33612300001", "context": {"firstName": "Ada"}}],
}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2030, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _queue(url: str, clock: Callable[[], datetime]) -> tuple[SyncQueue, Registry]:
    registry = Registry(make_engine(url), clock=clock)
    return SyncQueue(registry), registry


def _seed(url: str, due: list[datetime | None], vendor_ids: list[str] | None = None) -> list[str]:
    """Accepted Volubile campaigns, one per `due` time, straight into the registry."""
    engine = make_engine(url)
    migrate(engine)
    at = datetime(2030, 1, 1, tzinfo=UTC)
    ids = [str(uuid.uuid4()) for _ in due]
    rows = [
        {
            "id": campaign_id,
            "tenant": "scale",
            "vendor": "volubile",
            "route": "campaigns",
            "name": "Sync",
            "fingerprint": uuid.uuid4().hex,
            "dispatch": "accepted",
            "status": "running",
            "vendor_status": "ACTIVE",
            "vendor_campaign_id": vendor_ids[index] if vendor_ids else f"v-{index}",
            "created_at": at,
            "updated_at": at,
        }
        for index, campaign_id in enumerate(ids)
    ]
    queued = [{"campaign_id": campaign_id, "sync_due_at": when} for campaign_id, when in zip(ids, due, strict=True)]
    with engine.begin() as connection:
        connection.execute(insert(campaigns), rows)
        connection.execute(insert(campaign_sync), queued)
    engine.dispose()
    return ids


def _claim_together(queues: list[SyncQueue], batch: int) -> list[list[str]]:
    """Each queue claims batches in its own thread, all starting at once, until nothing is left.

    Every queue's first claim is made before any makes a second: a thread the machine is slow to
    schedule would otherwise find nothing left, and the test would not show it claiming beside
    the others.
    """
    claimed: list[list[str]] = [[] for _ in queues]
    start, first_made = threading.Barrier(len(queues)), threading.Barrier(len(queues))
    failures: list[BaseException] = []

    def work(index: int) -> None:
        try:
            start.wait()
            found = queues[index].claim(batch, LEASE)
            first_made.wait()
            while found:
                claimed[index].extend(due.campaign_id for due in found)
                found = queues[index].claim(batch, LEASE)
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)
            first_made.abort()  # the others stop waiting for this one

    threads = [threading.Thread(target=work, args=(index,)) for index in range(len(queues))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not failures, failures
    return claimed


def test_two_workers_claim_disjoint_campaigns_and_never_one_not_due(database_url_any: str) -> None:
    clock = Clock()
    now = clock.now
    due = _seed(database_url_any, [now - timedelta(seconds=index % 50) for index in range(400)])
    later = _seed(database_url_any, [now + timedelta(seconds=1 + index) for index in range(50)] + [None] * 10)
    pairs = [_queue(database_url_any, clock) for _ in range(3)]
    try:
        claimed = _claim_together([queue for queue, _registry in pairs], batch=7)
        every = [campaign_id for batch in claimed for campaign_id in batch]
        assert Counter(every).most_common(1)[0][1] == 1  # nobody's claimed twice, by the same or another
        assert set(every) == set(due)
        assert not set(every) & set(later)
        assert all(claimed), "every worker got some"
        with pairs[0][1].engine.connect() as connection:
            query = select(campaign_sync.c.sync_due_at).where(campaign_sync.c.campaign_id.in_(due))
            leased = connection.execute(query).scalars()
            assert set(leased) == {now + LEASE}
    finally:
        for _unused, registry in pairs:
            registry.close()


def _counting_transactions(registry: Registry, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one for each write transaction `registry` begins from now on."""
    write = registry.transaction
    transactions: list[int] = []

    def counted() -> Any:
        transactions.append(1)
        return write()

    monkeypatch.setattr(registry, "transaction", counted)
    return transactions


def test_a_claim_holds_sqlites_write_lock_for_25_campaigns_at_a_time_and_postgresqls_rows_in_one_go(
    database_url_any: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    ids = _seed(database_url_any, [clock.now] * 60)
    queue, registry = _queue(database_url_any, clock)
    transactions = _counting_transactions(registry, monkeypatch)
    try:
        assert {due.campaign_id for due in queue.claim(100, LEASE)} == set(ids)
        sqlite = registry.engine.dialect.name == "sqlite"
        assert len(transactions) == (3 if sqlite else 1)
    finally:
        registry.close()


def test_a_settle_holds_sqlites_write_lock_for_25_campaigns_at_a_time_and_postgresqls_rows_in_one_go(
    database_url_any: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = Clock()
    ids = _seed(database_url_any, [clock.now] * 60)
    queue, registry = _queue(database_url_any, clock)
    transactions = _counting_transactions(registry, monkeypatch)
    read = state_outcome("running", "ACTIVE", None)
    try:
        queue.settle([Refreshed(campaign_id, read, clock.now + LEASE, 1) for campaign_id in ids])
        sqlite = registry.engine.dialect.name == "sqlite"
        assert len(transactions) == (3 if sqlite else 1)
        with registry.engine.connect() as connection:
            query = select(campaign_sync.c.synced_at).where(campaign_sync.c.campaign_id.in_(ids))
            synced = connection.execute(query).scalars()
            assert set(synced) == {clock.now}
    finally:
        registry.close()


def test_a_claim_never_recorded_comes_due_again_after_the_lease(database_url_any: str) -> None:
    clock = Clock()
    ids = _seed(database_url_any, [clock.now] * 20)
    (crashed, crashed_registry), (other, registry) = _queue(database_url_any, clock), _queue(database_url_any, clock)
    try:
        assert {due.campaign_id for due in crashed.claim(100, LEASE)} == set(ids)  # then the worker dies
        assert other.claim(100, LEASE) == []
        clock.now += LEASE - timedelta(seconds=1)
        assert other.claim(100, LEASE) == []
        clock.now += timedelta(seconds=1)
        assert {due.campaign_id for due in other.claim(100, LEASE)} == set(ids)
        assert crashed.claim(100, LEASE) == []  # and now it is the other's
    finally:
        registry.close()
        crashed_registry.close()


def test_a_restart_brings_no_refresh_storm(database_url_any: str) -> None:
    """The due times are in the database: a restarted worker claims only what was due anyway."""
    clock = Clock()
    spread = [clock.now + timedelta(seconds=index * 0.3) for index in range(100)]  # as jitter leaves them
    ids = _seed(database_url_any, spread)
    queue, registry = _queue(database_url_any, clock)
    try:
        per_second = []
        for _ in range(31):
            per_second.append(len(queue.claim(1000, LEASE)))
            clock.now += timedelta(seconds=1)
        assert sum(per_second) == len(ids)
        assert max(per_second) <= 4
    finally:
        registry.close()


# Real processes against the sandbox.


def _sandbox_campaigns(sandbox: Sandbox, count: int) -> list[str]:
    with httpx.Client(
        base_url=sandbox.base_url("volubile"), headers={"X-Api-Key": sandbox.credential("volubile")}
    ) as c:
        return [str(c.post("/v1/campaigns", json=VOLUBILE_CAMPAIGN).json()["id"]) for _ in range(count)]


def _sync_env(sandbox: Sandbox, database_url: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "GATEWAY_API_KEYS": "scale:scale-key", "GATEWAY_DATABASE_URL": database_url}
    for vendor in load_vendors(GeneratorPaths()):
        env[f"GATEWAY_{vendor.slug.upper()}_BASE_URL"] = sandbox.base_url(vendor.slug)
        env[f"GATEWAY_{vendor.slug.upper()}_API_KEY"] = sandbox.credential(vendor.slug)
    env.update(extra)
    return env


def _synced(database_url: str, ids: list[str]) -> int:
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            query = select(campaign_sync.c.campaign_id).where(
                campaign_sync.c.campaign_id.in_(ids), campaign_sync.c.synced_at.is_not(None)
            )
            return len(connection.execute(query).all())
    finally:
        engine.dispose()


def _one_synced(database_url: str, campaign_id: str) -> bool:
    return _synced(database_url, [campaign_id]) == 1


def _wait_for(condition: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def test_two_sync_processes_refresh_each_campaign_once_and_stop_on_sigterm(
    sandbox: Sandbox, postgres_url: str, tmp_path: Path
) -> None:
    vendor_ids = _sandbox_campaigns(sandbox, 300)
    ids = _seed(postgres_url, [datetime.now(UTC) - timedelta(seconds=1)] * len(vendor_ids), vendor_ids)
    sandbox.clear_requests()
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gateway.cli", "sync"],
            env=_sync_env(sandbox, postgres_url),
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        assert _wait_for(lambda: _synced(postgres_url, ids) == len(ids), 60)
        gets = Counter(
            request.path.rsplit("/", 1)[-1] for request in sandbox.requests("volubile") if request.method == "GET"
        )
        assert set(gets) == set(vendor_ids)
        assert max(gets.values()) == 1  # the interval is 30 s: one refresh each, by one process
        for process in processes:
            process.send_signal(signal.SIGTERM)
        assert [process.wait(10) for process in processes] == [0, 0]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait(10)


def test_serve_workers_run_the_sync_unless_told_not_to(sandbox: Sandbox, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'g.db'}"
    for sync_in_serve, expected in (("0", False), ("1", True)):
        server = Server(sandbox, database, workers=2, cwd=tmp_path, env={"GATEWAY_SYNC_IN_SERVE": sync_in_serve})
        try:
            server.wait_ready()
            created = httpx.post(
                f"{server.url}/v1/campaigns",
                json={
                    "vendor": "smallest",
                    "name": f"s-{sync_in_serve}",
                    "agent_id": "60d0fe4f5311236168a109ca",
                    "audience": "aud",
                },
                headers=AUTH,
                timeout=10,
            )
            assert created.status_code == 201
            campaign_id = str(created.json()["id"])
            engine = make_engine(database)
            with engine.begin() as connection:
                connection.execute(
                    update(campaign_sync)
                    .where(campaign_sync.c.campaign_id == campaign_id)
                    .values(sync_due_at=datetime.now(UTC) - timedelta(seconds=1))
                )
            engine.dispose()
            refreshed = _wait_for(partial(_one_synced, database, campaign_id), 5 if expected else 2.5)
            assert refreshed is expected
        finally:
            server.stop()


@pytest.mark.parametrize("command", [["sync", "--help"], ["serve", "--help"]])
def test_the_help_says_where_the_sync_runs(command: list[str]) -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "gateway.cli", *command], capture_output=True, text=True, check=True
    ).stdout
    assert "GATEWAY_SYNC_IN_SERVE=0" in shown
