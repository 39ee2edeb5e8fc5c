"""Scale-out: several worker processes sharing one database never send a campaign twice."""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox
from gateway.store.engine import make_engine
from gateway.store.schema import campaigns

from .conftest import AUTH, Server

CAMPAIGN = {"vendor": "smallest", "name": "scale", "agent_id": "60d0fe4f5311236168a109ca", "audience": "aud"}


def test_fifty_concurrent_requests_one_key_two_workers(sandbox: Sandbox, database_url_any: str, tmp_path: Path) -> None:
    # On SQLite, many of the fifty claims of the key meet in one group-committed batch.
    server = Server(sandbox, database_url_any, workers=2, cwd=tmp_path)
    try:
        server.wait_ready()
        sandbox.clear()
        sandbox.inject("smallest", Fault(delay=0.5))  # the first call is still in flight while the rest arrive
        key = str(uuid.uuid4())
        body = {**CAMPAIGN, "name": f"scale-{key[:8]}"}
        barrier = threading.Barrier(50)

        def send(_: int) -> httpx.Response:
            with httpx.Client(timeout=20) as client:
                barrier.wait()
                return client.post(f"{server.url}/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": key})

        with ThreadPoolExecutor(max_workers=50) as pool:
            responses = list(pool.map(send, range(50)))
        statuses = sorted(response.status_code for response in responses)
        created = [r for r in responses if r.status_code == 201]
        assert set(statuses) <= {201, 409}, statuses
        assert created, statuses
        assert len({r.content for r in created}) == 1  # every 201 is the same campaign, replayed byte for byte
        assert len(sandbox.requests("smallest")) == 1
        engine = make_engine(database_url_any)
        with engine.connect() as connection:
            named = select(func.count()).select_from(campaigns).where(campaigns.c.name == body["name"])
            assert connection.execute(named).scalar_one() == 1
        engine.dispose()
        replay = httpx.post(f"{server.url}/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": key})
        assert replay.status_code == 201 and replay.headers["idempotent-replayed"] == "true"
    finally:
        server.stop()


def _crash_cycles(sandbox: Sandbox, database_url: str, cwd: Path, cycles: int) -> dict[str, Any]:
    """Clients send campaigns (each with its own key, retried until answered) while the server is killed."""
    sandbox.clear()
    sandbox.inject("smallest", Fault(delay=0.05, sticky=True))
    pending: dict[str, dict[str, Any]] = {}
    acknowledged: dict[str, str] = {}  # name -> campaign id the client got a 201 for
    refused_in_flight: set[str] = set()
    lock = threading.Lock()
    for cycle in range(cycles):
        server = Server(sandbox, database_url, workers=1, cwd=cwd)
        server.wait_ready()
        stop = threading.Event()

        def client(worker: int, url: str = server.url, cycle: int = cycle, stop: threading.Event = stop) -> None:
            with httpx.Client(timeout=5) as http:
                number = 0
                while not stop.is_set():
                    with lock:
                        retry = next((n for n in pending if n not in refused_in_flight), None)
                    name = retry or f"crash-{cycle}-{worker}-{number}"
                    number += 1
                    body = pending.get(name) or {**CAMPAIGN, "name": name}
                    with lock:
                        pending[name] = body
                    try:
                        response = http.post(
                            f"{url}/v1/campaigns", json=body, headers={**AUTH, "Idempotency-Key": name}
                        )
                    except httpx.HTTPError:
                        return  # the server is gone: this campaign stays pending for the next cycle
                    with lock:
                        if response.status_code == 201:
                            acknowledged[name] = response.json()["id"]
                            pending.pop(name, None)
                        elif response.status_code == 409:
                            refused_in_flight.add(name)  # its first attempt died mid-flight
                            pending.pop(name, None)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        threading.Event().wait(0.6)
        server.kill()
        stop.set()
        for thread in threads:
            thread.join(10)
    sandbox.clear_faults("smallest")
    return {"acknowledged": acknowledged, "mid_flight": refused_in_flight, "pending": set(pending)}


def test_kill_minus_nine_loses_nothing_and_sends_nothing_twice(
    sandbox: Sandbox, database_url_any: str, tmp_path: Path
) -> None:
    result = _crash_cycles(sandbox, database_url_any, tmp_path, cycles=10)
    acknowledged: dict[str, str] = result["acknowledged"]
    # A request cut off by the kill arrives truncated: the vendor could not have acted on it.
    sent = [_name(request.body) for request in sandbox.requests("smallest") if _name(request.body)]
    engine = make_engine(database_url_any)
    with engine.connect() as connection:
        rows = {row.name: row for row in connection.execute(select(campaigns))}
    engine.dispose()
    assert acknowledged, "no request was acknowledged: the test measured nothing"
    for name, campaign_id in acknowledged.items():  # every 201 is in the registry, accepted
        assert rows[name].id == campaign_id and rows[name].dispatch == "accepted"
    assert len(sent) == len(set(sent)), "a vendor received the same campaign twice"
    for name in result["mid_flight"] | result["pending"]:  # caught mid-flight: recorded, never silently gone
        if name in rows:
            assert rows[name].dispatch in ("in_flight", "unknown", "accepted", "rejected")
    in_registry_not_acknowledged = [n for n, row in rows.items() if n not in acknowledged]
    assert all(rows[n].dispatch in ("in_flight", "unknown", "accepted") for n in in_registry_not_acknowledged)
    print(
        f"\ncrash test on {database_url_any.split(':')[0]}: 10 cycles, {len(acknowledged)} acknowledged, "
        f"{len(rows)} in the registry, {len(sent)} sent, {len(sent) - len(set(sent))} duplicates, "
        f"{len(in_registry_not_acknowledged)} caught mid-flight"
    )


def _name(body: bytes) -> str | None:
    try:
        return str(json.loads(body)["name"])
    except (ValueError, KeyError):
        return None


LISTEN, ESTABLISHED = "0A", "01"


def _sockets(port: int, state: str) -> list[str]:
    """Inodes of the IPv4 sockets on local `port` in `state` (as /proc/net/tcp writes it)."""
    rows = [line.split() for line in Path("/proc/net/tcp").read_text().splitlines()[1:]]
    return [row[9] for row in rows if row[1].endswith(f":{port:04X}") and row[3] == state]


def _socket_owners(pids: list[int]) -> dict[str, int]:
    """Socket inode -> the process among `pids` holding it."""
    owners = {}
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            with contextlib.suppress(OSError):
                target = os.readlink(fd)
                if target.startswith("socket:["):
                    owners[target[len("socket:[") : -1]] = pid
    return owners


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads sockets from Linux's /proc")
def test_each_worker_listens_on_its_own_socket_and_gets_connections(sandbox: Sandbox, tmp_path: Path) -> None:
    server = Server(sandbox, f"sqlite:///{tmp_path / 'gateway.db'}", workers=2, cwd=tmp_path)
    try:
        server.wait_ready()
        deadline = time.monotonic() + 20
        while len(listening := _sockets(server.port, LISTEN)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)  # the second worker may still be starting
        children = _children(server.process.pid)  # the workers, and multiprocessing's resource tracker
        owners = _socket_owners(children)
        workers = {owners.get(inode) for inode in listening}
        # One socket per worker; the supervisor's own only reserves the address and listens on nothing.
        assert len(listening) == 2 and len(workers) == 2 and None not in workers
        clients = [httpx.Client(base_url=server.url, timeout=10) for _ in range(32)]  # kept alive, like SDKs
        try:
            assert {client.get("/healthz").status_code for client in clients} == {200}
            owners = _socket_owners(children)
            served = Counter(owners[inode] for inode in _sockets(server.port, ESTABLISHED))
        finally:
            for client in clients:
                client.close()
        # Each connection is hashed to one of the sockets: 32 on one worker would be a 1 in 2^31 chance.
        assert sum(served.values()) == 32 and set(served) == workers, served
    finally:
        server.stop()
