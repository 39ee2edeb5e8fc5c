"""`serve`'s status sync as a process of its own: at low priority, restarted when it dies, never outliving serve."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import httpx

from gateway.sandbox.server import Sandbox
from gateway.sync_process import SyncProcess

from .conftest import AUTH, Server

T = TypeVar("T")
ALLOWED = frozenset(os.sched_getaffinity(0))
# Where the sync runs by default: the last CPU this machine allows (all of them if it has one).
ONE_CPU = frozenset({max(ALLOWED)}) if len(ALLOWED) > 1 else ALLOWED
VOLUBILE = {
    "vendor": "volubile",
    "name": "Synced",
    "agent_id": "3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10",
    "recipients": [{"phone": "+33612345678", "first_name": "Ada"}],
}


def _wait_for(probe: Callable[[], T | None], seconds: float) -> T | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = probe()
        if found is not None:
            return found
        time.sleep(0.05)
    return None


def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat's fields from the state on (field 3 is index 0); None once gone or a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None if fields[0] in ("Z", "X") else fields


def _sync_children(parent: int) -> list[int]:
    """Live processes whose parent is `parent` and which run `campaign-gateway sync` for it."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        fields = _stat(int(entry.name))
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except (FileNotFoundError, ProcessLookupError):
            continue
        if fields is not None and int(fields[1]) == parent and b"--parent" in argv:
            found.append(int(entry.name))
    return found


def _only_child(parent: int, other_than: int | None = None) -> int | None:
    children = [pid for pid in _sync_children(parent) if pid != other_than]
    return children[0] if len(children) == 1 else None


def _nice(pid: int) -> int:
    fields = _stat(pid)
    assert fields is not None
    return int(fields[16])  # field 19 of /proc/<pid>/stat


def _niced_by(child: int, parent: int, increment: int) -> bool:
    """Whether `child` runs `increment` nicer than `parent`, once it has read its settings."""
    return bool(_wait_for(lambda: True if _nice(child) == _nice(parent) + increment else None, 10))


def _gone(pid: int) -> bool | None:
    return True if _stat(pid) is None else None


def _threads(pid: int) -> list[tuple[int, int]]:
    """Each thread of `pid`: its scheduling policy and nice."""
    found = []
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            fields = Path(f"/proc/{pid}/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):  # a thread that has just ended
            continue
        found.append((int(fields[38]), int(fields[16])))  # fields 41 and 19 of the stat
    return found


def _cpus(pid: int) -> set[frozenset[int]]:
    """The CPUs each thread of `pid` may run on, as a set of distinct sets."""
    found = set()
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            found.add(frozenset(os.sched_getaffinity(int(tid))))
        except (FileNotFoundError, ProcessLookupError):
            continue
    return found


def test_serve_runs_one_low_priority_sync_restarted_when_it_dies_and_stopped_with_serve(
    sandbox: Sandbox, tmp_path: Path
) -> None:
    server = Server(sandbox, f"sqlite:///{tmp_path / 'g.db'}", workers=2, cwd=tmp_path)
    try:
        server.wait_ready()
        first = _wait_for(lambda: _only_child(server.process.pid), 10)
        assert first is not None, "serve runs one sync process, whatever its number of workers"
        assert _niced_by(first, server.process.pid, 10)
        niced = _nice(server.process.pid) + 10
        # Its reads (the main thread's loop) at idle priority, its database work niced, and nothing else.
        expected = {(os.SCHED_OTHER, niced), (os.SCHED_IDLE, niced)}
        assert _wait_for(lambda: True if set(_threads(first)) == expected else None, 10), _threads(first)
        assert os.sched_getscheduler(first) == os.SCHED_IDLE
        assert _cpus(first) == {ONE_CPU}
        os.kill(first, signal.SIGKILL)
        second = _wait_for(lambda: _only_child(server.process.pid, other_than=first), 10)
        assert second is not None, "a sync that dies is started again"
    finally:
        server.stop()
    assert _wait_for(lambda: _gone(second), 10), "stopping serve stops its sync"


def test_a_killed_serve_leaves_no_sync_behind_and_the_priorities_are_settings(sandbox: Sandbox, tmp_path: Path) -> None:
    env = {"GATEWAY_SYNC_NICE": "3", "GATEWAY_SYNC_IDLE_CPU": "0", "GATEWAY_SYNC_ONE_CPU": "0"}
    server = Server(sandbox, f"sqlite:///{tmp_path / 'g.db'}", workers=1, cwd=tmp_path, env=env)
    try:
        server.wait_ready()
        child = _wait_for(lambda: _only_child(server.process.pid), 10)
        assert child is not None
        assert _niced_by(child, server.process.pid, 3)
        assert {policy for policy, _ in _threads(child)} == {os.SCHED_OTHER}
        assert _cpus(child) == {ALLOWED}
    finally:
        server.kill()  # SIGKILL: serve cannot stop it; the sync sees itself orphaned
    assert _wait_for(lambda: _gone(child), 10), "the sync exits once serve is gone"


def test_no_sync_process_when_told_not_to(sandbox: Sandbox, tmp_path: Path) -> None:
    server = Server(
        sandbox, f"sqlite:///{tmp_path / 'g.db'}", workers=1, cwd=tmp_path, env={"GATEWAY_SYNC_IN_SERVE": "0"}
    )
    try:
        server.wait_ready()
        time.sleep(1)  # a sync would have been started before the workers were ready
        assert _sync_children(server.process.pid) == []
    finally:
        server.stop()


def test_a_child_that_keeps_dying_is_started_again_after_growing_pauses(tmp_path: Path) -> None:
    starts = tmp_path / "starts"
    argv = [sys.executable, "-c", f"open({str(starts)!r}, 'a').write('x')"]
    supervisor = SyncProcess(argv, stop_within_s=1)
    began = time.monotonic()
    supervisor.start()
    time.sleep(3.5)
    supervisor.stop()
    # Pauses of 1 s then 2 s: three starts in 3.5 s, not one per few milliseconds.
    assert len(starts.read_text()) == 3
    assert time.monotonic() - began < 5


def test_a_child_deaf_to_sigterm_is_killed_after_its_grace() -> None:
    argv = [sys.executable, "-c", "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(60)"]
    supervisor = SyncProcess(argv, stop_within_s=1)
    supervisor.start()
    pid = _wait_for(lambda: supervisor.pid, 5)
    assert pid is not None
    time.sleep(0.3)  # past the interpreter's start, so SIGTERM meets the handler
    began = time.monotonic()
    supervisor.stop()
    assert 0.9 <= time.monotonic() - began < 5
    assert _stat(pid) is None


def test_a_sync_whose_named_parent_is_gone_stops_at_once(tmp_path: Path) -> None:
    """Named, not read: a child that starts after its parent died does not watch the process that adopted it."""
    env = {**os.environ, "GATEWAY_DATABASE_URL": f"sqlite:///{tmp_path / 'g.db'}", "GATEWAY_SYNC_NICE": "0"}
    began = time.monotonic()
    finished = subprocess.run(
        [sys.executable, "-m", "gateway.cli", "sync", "--parent", str(os.getpid() + 10_000_000)],
        env=env,
        capture_output=True,
        timeout=30,
    )
    assert finished.returncode == 0, finished.stderr.decode()
    assert time.monotonic() - began < 15


def _vendor_calls(metrics: str, vendor: str) -> float:
    pattern = rf'gateway_vendor_call_seconds_count\{{[^}}]*vendor="{vendor}"[^}}]*\}} ([0-9.e+]+)'
    return sum(float(value) for value in re.findall(pattern, metrics))


def test_the_syncs_vendor_reads_are_in_the_workers_metrics(sandbox: Sandbox, tmp_path: Path) -> None:
    """One worker, no PROMETHEUS_MULTIPROC_DIR given: /metrics still counts the sync process's reads."""
    database = f"sqlite:///{tmp_path / 'g.db'}"
    server = Server(sandbox, database, workers=1, cwd=tmp_path, env={"GATEWAY_SYNC_SOON_S": "0"})
    try:
        server.wait_ready()
        created = httpx.post(f"{server.url}/v1/campaigns", json=VOLUBILE, headers=AUTH, timeout=10)
        assert created.status_code == 201
        paused = httpx.post(f"{server.url}/v1/campaigns/{created.json()['id']}/pause", headers=AUTH, timeout=10)
        assert paused.status_code == 200
        # The create and the pause are the worker's calls; a third is the sync's read, soon after the pause.
        read = _wait_for(
            lambda: True if _vendor_calls(httpx.get(f"{server.url}/metrics").text, "volubile") >= 3 else None, 15
        )
        assert read, httpx.get(f"{server.url}/metrics").text
    finally:
        server.stop()
