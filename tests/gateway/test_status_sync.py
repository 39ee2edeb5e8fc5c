"""The status sync (gateway/sync.py) against the stateful sandbox, on one fake clock for both."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from starlette.testclient import TestClient

from gateway.app import GatewayApp, create_app
from gateway.errors import VendorServerError
from gateway.lifecycle import Progress
from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox, start_sandbox
from gateway.service import Gateway
from gateway.settings import Settings
from gateway.store.outcome import Finish
from gateway.store.schema import campaigns, events
from gateway.store.sync import Refreshed
from gateway.store.sync_rows import upsert_statement
from gateway.sync import StatusSync, state_outcome

from .conftest import AUTH, campaign_rows, examples, gateway_env

STEP_S = 2.0
INTERVAL_S = 30.0
MAX_INTERVAL_S = 900.0


class FakeClock:
    """Seconds since the epoch, moved by hand; the sandbox and the registry both read it."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now

    def moment(self) -> datetime:
        return datetime.fromtimestamp(self.now, UTC)

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class World:
    clock: FakeClock
    sandbox: Sandbox
    client: TestClient
    app: GatewayApp

    @property
    def gateway(self) -> Gateway:
        return self.app.gateway

    def sync(self, jitter: float = 0.5, **options: Any) -> StatusSync:
        """A StatusSync whose jitter is fixed (0.5: exactly the base interval)."""
        return StatusSync(self.gateway, jitter=lambda: jitter, **options)

    def run_once(self, sync: StatusSync | None = None) -> int:
        """One pass, on the test client's event loop (the adapters' connections belong to it)."""
        return int(self.client.portal.call((sync or self.sync()).run_once))  # type: ignore[union-attr]

    def create(self, slug: str) -> dict[str, Any]:
        response = self.client.post("/v1/campaigns", json=examples()[slug], headers=AUTH)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def row(self, campaign_id: str) -> dict[str, Any]:
        return campaign_rows(self.client, id=campaign_id)[0]

    def gets(self, slug: str) -> list[Any]:
        return [request for request in self.sandbox.requests(slug) if request.method == "GET"]

    def set_due(self, campaign_id: str, when: datetime | None) -> None:
        with self.gateway.registry.engine.begin() as connection:
            upsert = upsert_statement(connection.dialect.name, ("campaign_id", "sync_due_at"))
            connection.execute(upsert, {"campaign_id": campaign_id, "sync_due_at": when})

    def volubile_status(self, vendor_id: str, status: str) -> None:
        """Change a Volubile campaign at the vendor, behind the gateway's back."""
        answer = httpx.post(
            f"{self.sandbox.base_url('volubile')}/v1/campaigns/{vendor_id}/status",
            json=status,
            headers={"X-Api-Key": self.sandbox.credential("volubile")},
        )
        assert answer.status_code == 200, answer.text
        self.sandbox.clear_requests("volubile")


@pytest.fixture
def world_with(tmp_path: Path) -> Iterator[Callable[..., World]]:
    """`world_with(**env)`: a fake-clocked sandbox and a gateway on a fresh database, without a background sync."""
    made: list[World] = []
    with_stack: list[Any] = []

    def make(status_sync: bool = False, step_s: float = STEP_S, **overrides: str) -> World:
        clock = made[0].clock if made else FakeClock()
        if not made:
            with_stack.append(start_sandbox(step_s=step_s, clock=clock))
        sandbox = with_stack[0]
        env = {
            "GATEWAY_SYNC_INTERVAL_S": str(INTERVAL_S),
            "GATEWAY_SYNC_MAX_INTERVAL_S": str(MAX_INTERVAL_S),
            **overrides,
        }
        app = create_app(
            Settings.from_env(gateway_env(sandbox, f"sqlite:///{tmp_path / 'sync.db'}", **env)),
            status_sync=status_sync,
        )
        app.gateway.registry._clock = clock.moment  # the registry's clock is the sandbox's
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()
        made.append(World(clock, sandbox, client, app))
        return made[-1]

    yield make
    for world in made:
        world.client.__exit__(None, None, None)
        world.app.gateway.close()
    for sandbox in with_stack:
        sandbox.close()


@pytest.fixture
def world(world_with: Callable[..., World]) -> World:
    return world_with()


def _seconds(delta: timedelta | None) -> float:
    assert delta is not None
    return round(delta.total_seconds(), 3)


def test_a_due_campaign_is_refreshed_and_a_change_of_status_recorded_with_its_time(world: World) -> None:
    created = world.create("volubile")
    start = world.clock.moment()
    row = world.row(created["id"])
    assert row["synced_at"] is None and row["status"] == "running"
    assert INTERVAL_S * 0.8 <= _seconds(row["sync_due_at"] - start) <= INTERVAL_S * 1.2
    assert world.run_once() == 0  # nothing is due yet: the vendor is not asked
    assert world.gets("volubile") == []

    world.clock.advance(40)  # 20 steps: every recipient called
    assert world.run_once() == 1
    assert [request.path.endswith(created["vendor_campaign_id"]) for request in world.gets("volubile")] == [True]
    row = world.row(created["id"])
    assert row["synced_at"] == world.clock.moment()
    assert (row["status"], row["vendor_status"], row["status_changed_at"]) == ("running", "ACTIVE", None)
    assert row["updated_at"] == start  # nothing new: only the sync's own row was written
    assert (row["sync_streak"], _seconds(row["sync_due_at"] - world.clock.moment())) == (1, 2 * INTERVAL_S)

    world.volubile_status(created["vendor_campaign_id"], "PAUSED")
    world.clock.advance(2 * INTERVAL_S)
    assert world.run_once() == 1
    row = world.row(created["id"])
    changed_at = world.clock.moment()
    assert (row["status"], row["vendor_status"], row["status_changed_at"]) == ("paused", "PAUSED", changed_at)
    assert (row["sync_streak"], _seconds(row["sync_due_at"] - changed_at)) == (0, INTERVAL_S)
    assert row["updated_at"] == changed_at

    world.clock.advance(INTERVAL_S)
    assert world.run_once() == 1
    row = world.row(created["id"])
    assert row["synced_at"] == world.clock.moment() != changed_at
    assert row["status_changed_at"] == row["updated_at"] == changed_at  # unchanged: the time of the change stays
    view = world.client.get(f"/v1/campaigns/{created['id']}", headers=AUTH).json()
    assert view["status"] == "paused" and view["synced_at"] == world.clock.moment().isoformat()


def test_after_an_action_the_campaign_is_refreshed_soon_with_its_progress_until_it_ends(
    world_with: Callable[..., World],
) -> None:
    world = world_with(step_s=10.0)  # a started Smallest campaign runs for 100 s
    created = world.create("smallest")
    assert created["status"] == "draft"
    started = world.client.post(f"/v1/campaigns/{created['id']}/start", headers=AUTH)
    assert (started.status_code, started.json()["status"]) == (202, "starting")
    row = world.row(created["id"])
    assert _seconds(row["sync_due_at"] - world.clock.moment()) == 3.0  # GATEWAY_SYNC_SOON_S
    world.clock.advance(10)  # Smallest takes the queued start up at its next step
    assert world.run_once() == 1
    row = world.row(created["id"])
    assert (row["status"], row["status_changed_at"]) == ("running", world.clock.moment())
    seen = [row["progress"]]
    while row["sync_due_at"] is not None:
        world.clock.now = row["sync_due_at"].timestamp()
        assert world.run_once() == 1
        row = world.row(created["id"])
        seen.append(row["progress"])
    assert row["status"] == "completed" and row["status_changed_at"] == row["synced_at"]
    attempted = [progress["attempted"] for progress in seen]
    assert attempted == sorted(attempted) and attempted[0] < attempted[-1] == seen[-1]["total"]
    world.clock.advance(10 * MAX_INTERVAL_S)
    world.sandbox.clear_requests()
    assert world.run_once() == 0 and world.gets("smallest") == []


def test_the_interval_doubles_while_nothing_changes_up_to_the_maximum(world: World) -> None:
    created = world.create("volubile")  # ACTIVE for good at Volubile: the status never changes
    waits = []
    for _ in range(7):
        row = world.row(created["id"])
        world.clock.now = row["sync_due_at"].timestamp()
        assert world.run_once() == 1
        row = world.row(created["id"])
        waits.append(_seconds(row["sync_due_at"] - row["synced_at"]))
    assert waits == [60.0, 120.0, 240.0, 480.0, 900.0, 900.0, 900.0]


@pytest.mark.parametrize(("jitter", "factor"), [(0.0, 0.8), (0.5, 1.0), (1.0, 1.2)])
def test_each_interval_has_twenty_percent_of_jitter(world: World, jitter: float, factor: float) -> None:
    sync = world.sync(jitter)
    assert [sync.interval(streak).total_seconds() for streak in (0, 1, 2, 5, 40)] == pytest.approx(
        [factor * seconds for seconds in (30, 60, 120, 900, 900)]
    )


def test_a_terminal_campaign_leaves_the_queue(world: World) -> None:
    created = world.create("volubile")
    world.volubile_status(created["vendor_campaign_id"], "CANCELLED")
    world.clock.advance(40)
    assert world.run_once() == 1
    row = world.row(created["id"])
    assert (row["status"], row["sync_due_at"], row["status_changed_at"]) == ("cancelled", None, world.clock.moment())
    world.sandbox.clear_requests()
    world.clock.advance(10 * MAX_INTERVAL_S)
    assert world.run_once() == 0
    assert world.gets("volubile") == []


def test_a_read_of_a_campaign_never_queued_is_recorded_all_the_same(world: World) -> None:
    created = world.create("clerk")  # never queued: it has no row in the sync's table
    assert world.gateway.sync_queue.record(created["id"], None, next_due=None, streak=0) is False
    row = world.row(created["id"])
    assert (row["synced_at"], row["sync_due_at"], row["sync_streak"]) == (world.clock.moment(), None, 0)


def test_a_vendor_without_a_get_is_never_polled(world: World) -> None:
    created = world.create("clerk")
    assert world.row(created["id"])["sync_due_at"] is None  # never queued
    world.set_due(created["id"], world.clock.moment())  # queued all the same (an older gateway, say)
    world.sandbox.clear_requests()
    assert world.run_once() == 1
    row = world.row(created["id"])
    assert (row["sync_due_at"], row["synced_at"]) == (None, None)  # out of the queue, and nothing was read
    view = world.client.get(f"/v1/campaigns/{created['id']}?refresh=true", headers=AUTH).json()
    assert view["synced_at"] is None
    assert world.sandbox.requests("clerk") == []


@pytest.mark.parametrize(("retry_after", "at_least"), [("600", 600.0), ("5", INTERVAL_S), ("soon", INTERVAL_S)])
def test_a_vendor_429_defers_by_its_retry_after_at_least(world: World, retry_after: str, at_least: float) -> None:
    created = world.create("volubile")
    world.clock.advance(40)
    world.sandbox.inject("volubile", Fault.retry_later(429, retry_after))
    assert world.run_once() == 1
    row = world.row(created["id"])
    assert _seconds(row["sync_due_at"] - world.clock.moment()) >= at_least
    assert row["synced_at"] is None and row["status"] == "running"
    world.clock.advance(at_least - 1)
    assert world.run_once() == 0  # not before


def test_a_retry_after_given_as_a_date_is_honoured(world: World) -> None:
    created = world.create("volubile")
    world.clock.advance(40)
    later = datetime.now(UTC) + timedelta(seconds=3600)
    world.sandbox.inject("volubile", Fault.retry_later(429, later.strftime("%a, %d %b %Y %H:%M:%S GMT")))
    assert world.run_once() == 1
    assert _seconds(world.row(created["id"])["sync_due_at"] - world.clock.moment()) >= 3500


def test_an_open_circuit_defers_without_calling_the_vendor(world_with: Callable[..., World]) -> None:
    world = world_with(GATEWAY_BREAKER_THRESHOLD="1", GATEWAY_BREAKER_COOLDOWN_S="600")
    created = world.create("volubile")
    with pytest.raises(VendorServerError), world.gateway.breakers["volubile"].call():
        raise VendorServerError("down", vendor="volubile")
    world.sandbox.clear_requests()
    world.clock.advance(40)
    assert world.run_once() == 1
    assert world.gets("volubile") == []
    assert _seconds(world.row(created["id"])["sync_due_at"] - world.clock.moment()) >= 590


def test_a_vendor_5xx_read_counts_against_its_circuit(world_with: Callable[..., World]) -> None:
    world = world_with(GATEWAY_BREAKER_THRESHOLD="2")
    for _ in range(2):
        world.create("volubile")
    world.clock.advance(40)
    world.sandbox.inject("volubile", Fault(status=500, sticky=True))
    assert world.run_once(world.sync(concurrency=1)) == 2
    assert world.gateway.breakers["volubile"].state == "open"


@pytest.mark.parametrize("fault", [Fault(status=500, sticky=True), Fault.hang(0.5)], ids=["500", "timeout"])
def test_a_vendor_failure_defers_with_a_growing_backoff(world_with: Callable[..., World], fault: Fault) -> None:
    world = world_with(GATEWAY_VENDOR_TIMEOUT_S="0.05", GATEWAY_BREAKER_THRESHOLD="100")
    created = world.create("volubile")
    waits = []
    for _ in range(3):
        world.sandbox.inject("volubile", fault)
        world.clock.now = world.row(created["id"])["sync_due_at"].timestamp()
        assert world.run_once() == 1
        row = world.row(created["id"])
        assert row["synced_at"] is None
        waits.append(_seconds(row["sync_due_at"] - world.clock.moment()))
    assert waits == [60.0, 120.0, 240.0]


def test_an_unexpected_error_in_a_refresh_defers_it_and_the_loop_goes_on(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = world.create("volubile"), world.create("volubile")
    world.clock.advance(40)
    adapter = world.gateway.adapters["volubile"]
    real = adapter.answer_state
    broken = {first["vendor_campaign_id"]}

    def answer_state(reply: Any) -> Any:
        if any(vendor_id.encode() in reply.content for vendor_id in broken):
            raise RuntimeError("a bug in the mapping")
        return real(reply)

    monkeypatch.setattr(adapter, "answer_state", answer_state)
    assert world.run_once() == 2
    assert world.row(second["id"])["synced_at"] == world.clock.moment()
    row = world.row(first["id"])
    assert row["synced_at"] is None and _seconds(row["sync_due_at"] - world.clock.moment()) == 2 * INTERVAL_S


def test_a_failed_pass_is_logged_and_the_next_one_runs(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    created = world.create("volubile")
    world.clock.advance(40)
    sync = world.sync()
    passes: list[str] = []
    claim = world.gateway.sync_queue.claim
    stop = asyncio.Event()

    def flaky_claim(limit: int, lease: timedelta) -> Any:
        passes.append("pass")
        if len(passes) == 1:
            raise RuntimeError("the database went away")
        if len(passes) == 3:
            stop.set()
        return claim(limit, lease)

    monkeypatch.setattr(world.gateway.sync_queue, "claim", flaky_claim)
    world.client.portal.call(lambda: sync.run(stop, idle_s=0.01))  # type: ignore[union-attr]
    assert len(passes) == 3
    assert world.row(created["id"])["synced_at"] == world.clock.moment()


def test_failed_passes_in_a_row_wait_longer_each_time(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    sync = world.sync()
    stop = asyncio.Event()
    waits: list[float] = []
    real_wait_for = asyncio.wait_for

    async def timed_wait_for(awaitable: Any, timeout: float) -> Any:
        waits.append(timeout)
        if len(waits) == 5:
            stop.set()
        return await real_wait_for(awaitable, 0)

    def broken(limit: int, lease: timedelta) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(world.gateway.sync_queue, "claim", broken)
    monkeypatch.setattr(asyncio, "wait_for", timed_wait_for)
    world.client.portal.call(lambda: sync.run(stop, idle_s=10.0))  # type: ignore[union-attr]
    assert waits == [20.0, 40.0, 60.0, 60.0, 60.0]


def test_refresh_true_asks_the_vendor_at_most_once_a_second(world: World) -> None:
    created = world.create("volubile")
    url = f"/v1/campaigns/{created['id']}?refresh=true"
    world.clock.advance(5)
    first = world.client.get(url, headers=AUTH).json()
    assert first["synced_at"] == world.clock.moment().isoformat()
    world.clock.advance(0.5)
    for _ in range(3):
        assert world.client.get(url, headers=AUTH).json()["synced_at"] == first["synced_at"]
    assert len(world.gets("volubile")) == 1
    world.clock.advance(0.6)
    assert world.client.get(url, headers=AUTH).json()["synced_at"] == world.clock.moment().isoformat()
    assert len(world.gets("volubile")) == 2
    # The next background refresh counts from the last one.
    row = world.row(created["id"])
    assert _seconds(row["sync_due_at"] - world.clock.moment()) == INTERVAL_S


def test_refresh_true_asks_a_failing_vendor_at_most_once_a_second_too(world: World) -> None:
    created = world.create("volubile")
    url = f"/v1/campaigns/{created['id']}?refresh=true"
    world.sandbox.inject("volubile", Fault(status=500, sticky=True))
    world.clock.advance(5)
    assert world.client.get(url, headers=AUTH).status_code == 502
    stored = world.client.get(url, headers=AUTH)
    assert stored.status_code == 200 and stored.json()["synced_at"] is None
    assert len(world.gets("volubile")) == 1


def test_concurrent_refreshes_ask_the_vendor_once(world: World) -> None:
    created = world.create("volubile")
    world.clock.advance(5)
    world.sandbox.inject("volubile", Fault(delay=0.05))  # the first read is still out when the others come

    async def together() -> list[int]:
        transport = httpx.ASGITransport(app=world.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            answers = await asyncio.gather(
                *(client.get(f"/v1/campaigns/{created['id']}?refresh=true", headers=AUTH) for _ in range(5))
            )
        return [answer.status_code for answer in answers]

    assert world.client.portal.call(together) == [200] * 5  # type: ignore[union-attr]
    assert len(world.gets("volubile")) == 1


def test_a_refresh_never_overwrites_a_status_an_action_set_meanwhile(world: World) -> None:
    created = world.create("volubile")
    queue = world.gateway.sync_queue
    read: Finish = state_outcome("running", "ACTIVE", None)
    world.client.post(f"/v1/campaigns/{created['id']}/pause", headers=AUTH)
    after_action = world.row(created["id"])
    assert after_action["status"] == "paused"
    assert not queue.record(created["id"], read, next_due=None, streak=3, expected_status="running")
    row = world.row(created["id"])
    assert (row["status"], row["sync_due_at"], row["synced_at"]) == ("paused", after_action["sync_due_at"], None)
    assert queue.record(created["id"], read, next_due=None, streak=0, expected_status="paused")
    assert world.row(created["id"])["status"] == "running"


def test_the_lifespan_runs_the_sync_and_stops_it_at_shutdown(world_with: Callable[..., World]) -> None:
    quiet = world_with()
    created = quiet.create("volubile")
    quiet.clock.advance(40)
    assert quiet.row(created["id"])["synced_at"] is None  # the test client's app runs no sync
    syncing = world_with(status_sync=True)
    deadline = time.monotonic() + 10
    while syncing.row(created["id"])["synced_at"] is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert syncing.row(created["id"])["synced_at"] == syncing.clock.moment()
    started = time.monotonic()
    syncing.client.__exit__(None, None, None)
    assert time.monotonic() - started < 2
    syncing.client.__enter__()  # for the fixture's own exit


def test_serve_runs_the_sync_unless_told_not_to(sandbox: Sandbox, tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'g.db'}"
    assert Settings.from_env(gateway_env(sandbox, database)).sync_in_serve is True
    assert Settings.from_env(gateway_env(sandbox, database, GATEWAY_SYNC_IN_SERVE="0")).sync_in_serve is False
    app = create_app(Settings.from_env(gateway_env(sandbox, database)))
    assert app.status_sync is False
    app.gateway.close()


def test_a_claim_is_leased_for_as_long_as_its_whole_pass_can_take(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = world.create("volubile")
    world.clock.advance(40)
    leased: list[float] = []
    settle = world.gateway.sync_queue.settle

    def settle_after_looking(outcomes: Any) -> Any:
        leased.append(_seconds(world.row(created["id"])["sync_due_at"] - world.clock.moment()))
        return settle(outcomes)

    monkeypatch.setattr(world.gateway.sync_queue, "settle", settle_after_looking)
    assert world.run_once(world.sync(concurrency=16)) == 1  # batch 100: 7 waves of reads at most
    timeout_s = world.gateway.settings.vendor_timeout_s
    assert leased == [7 * timeout_s + 30]


def _after_each_read(world: World, monkeypatch: pytest.MonkeyPatch, change: Callable[[], None]) -> list[int]:
    """Run `change` between a settle's read and each of its write transactions; the transactions' count."""
    registry = world.gateway.registry
    write = registry.transaction
    began: list[int] = []

    @contextmanager
    def changed_first() -> Iterator[Any]:
        change()
        began.append(1)
        with write() as connection:
            yield connection

    monkeypatch.setattr(registry, "transaction", changed_first)
    return began


def _sync_events(world: World, campaign_id: str) -> list[str]:
    query = select(events.c.type).where(events.c.campaign_id == campaign_id, events.c.source == "sync")
    with world.gateway.registry.engine.connect() as connection:
        return list(connection.execute(query).scalars())


def test_a_status_set_between_a_settles_read_and_its_write_is_not_overwritten(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The write is worked out before the write lock is taken; an action recorded in between wins.
    created = world.create("volubile")
    queue = world.gateway.sync_queue

    def pausing() -> None:
        with world.gateway.registry.engine.begin() as connection:
            connection.execute(update(campaigns).where(campaigns.c.id == created["id"]).values(status="pausing"))

    _after_each_read(world, monkeypatch, pausing)
    read = state_outcome("completed", "COMPLETED", None)
    assert not queue.record(created["id"], read, next_due=None, streak=0, expected_status=created["status"])
    row = world.row(created["id"])
    assert (row["status"], row["synced_at"]) == ("pausing", None)
    assert _sync_events(world, created["id"]) == []


def test_progress_recorded_between_a_settles_read_and_its_write_is_not_announced_again(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = world.create("volubile")
    queue = world.gateway.sync_queue
    progress = Progress(total=1, attempted=1, succeeded=1, failed=0, pending=0)

    def recorded_meanwhile() -> None:
        with world.gateway.registry.engine.begin() as connection:
            statement = update(campaigns).where(campaigns.c.id == created["id"]).values(progress=progress.as_dict())
            connection.execute(statement)

    _after_each_read(world, monkeypatch, recorded_meanwhile)
    read = state_outcome(created["status"], "ACTIVE", progress)
    queue.record(created["id"], read, next_due=None, streak=0)
    assert world.row(created["id"])["synced_at"] is not None
    assert _sync_events(world, created["id"]) == []


def test_a_large_settle_writes_every_campaign_in_short_transactions(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = [world.create("volubile")["id"] for _ in range(30)]
    began = _after_each_read(world, monkeypatch, lambda: None)
    read = state_outcome("paused", "PAUSED", None)
    outcomes = [Refreshed(campaign_id, read, None, 0) for campaign_id in created]
    assert world.gateway.sync_queue.settle(outcomes) == set(created)
    assert {world.row(campaign_id)["status"] for campaign_id in created} == {"paused"}
    assert _sync_events(world, created[0]) == ["campaign.status_changed"]
    assert len(began) == 2  # at most 25 campaigns hold the write lock at a time


def test_a_large_claim_leases_the_earliest_due_in_short_transactions(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = [world.create("volubile")["id"] for _ in range(30)]
    now = world.clock.moment()
    for order, campaign_id in enumerate(created):
        world.set_due(campaign_id, now - timedelta(seconds=100 - order))
    began = _after_each_read(world, monkeypatch, lambda: None)
    claimed = world.gateway.sync_queue.claim(28, timedelta(seconds=60))
    assert [due.campaign_id for due in claimed] == created[:28]  # earliest first, across transactions
    assert len(began) == 2  # at most 25 campaigns hold the write lock at a time
    assert {_seconds(world.row(campaign_id)["sync_due_at"] - now) for campaign_id in created[:28]} == {60.0}
    assert [due.campaign_id for due in world.gateway.sync_queue.claim(28, timedelta(seconds=60))] == created[28:]


def test_given_a_database_executor_the_sync_claims_and_settles_on_its_thread(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sync process's database work keeps its own thread (and so its CPU priority)."""
    created = world.create("volubile")
    world.clock.advance(40)
    queue = world.gateway.sync_queue
    seen: list[tuple[str, str]] = []

    def spying(name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def spy(*args: Any) -> Any:
            seen.append((name, threading.current_thread().name))
            return original(*args)

        return spy

    for name in ("claim", "settle"):
        monkeypatch.setattr(queue, name, spying(name, getattr(queue, name)))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="the-database") as database:
        assert world.run_once(world.sync(database=database)) == 1
    assert [name for name, _ in seen] == ["claim", "settle"]
    assert all(thread.startswith("the-database") for _, thread in seen)
    assert world.row(created["id"])["synced_at"] == world.clock.moment()


def test_a_pass_cancelled_during_its_write_waits_for_it_and_stays_cancelled(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    started, release = threading.Event(), threading.Event()

    def failing_write() -> None:
        started.set()
        release.wait(5)
        raise RuntimeError("the write failed")

    async def cancel_it() -> None:
        with ThreadPoolExecutor(max_workers=1) as database:
            writing = asyncio.ensure_future(world.sync(database=database)._in_database(failing_write))
            await asyncio.to_thread(started.wait, 5)
            writing.cancel()
            await asyncio.sleep(0.05)
            assert not writing.done(), "the cancelled pass still waits for its write"
            release.set()
            with pytest.raises(asyncio.CancelledError):
                await writing

    asyncio.run(cancel_it())
    assert "a status sync write under way at cancellation failed" in caplog.text
