"""Processes the bench starts: each in its own session, stopped by its own id, RSS read from /proc."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["RssSampler", "Service", "cpu_seconds", "descendants", "free_port", "rss_bytes", "say", "start", "wait_http"]

_PAGE = os.sysconf("SC_PAGE_SIZE")


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Service:
    """One started server: its process (a session leader), port and log file."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    log: Path
    started_at: float = field(default_factory=time.perf_counter)

    def pids(self) -> list[int]:
        """The leader and every process below it (uvicorn's workers, nginx's worker)."""
        return [self.process.pid, *descendants(self.process.pid)]

    def stop(self) -> None:
        """SIGTERM to this service's own process group, SIGKILL after 10 s."""
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass

    def tail(self, lines: int = 20) -> str:
        """The end of the service's log, for error messages."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def start(
    name: str, argv: Sequence[str], *, port: int, log_dir: Path, env: Mapping[str, str] | None = None, cwd: Path
) -> Service:
    """Start `argv` in a new session with output to `log_dir/<name>.log`."""
    log = log_dir / f"{name}.log"
    started_at = time.perf_counter()
    with log.open("ab") as out:
        process = subprocess.Popen(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=dict(env) if env is not None else None,
            cwd=cwd,
            start_new_session=True,
        )
    return Service(name, process, port, log, started_at)


def wait_http(
    service: Service,
    path: str = "/",
    *,
    headers: Mapping[str, str] | None = None,
    timeout_s: float = 60.0,
    interval_s: float = 0.005,
    want_status: int | None = None,
) -> float:
    """Poll GET `path` until it answers (with `want_status` if given); seconds since start."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline:
        if service.process.poll() is not None:
            raise RuntimeError(f"{service.name} exited with {service.process.returncode}:\n{service.tail()}")
        connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=5)
        try:
            connection.request("GET", path, headers=dict(headers or {}))
            response = connection.getresponse()
            response.read()
            if want_status is None or response.status == want_status:
                return time.perf_counter() - service.started_at
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(interval_s)
    raise RuntimeError(f"{service.name} did not answer on port {service.port} in {timeout_s:.0f} s:\n{service.tail()}")


def descendants(pid: int) -> list[int]:
    """Every process whose chain of parents reaches `pid`."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: fields follow the last ')'.
        fields = stat.rsplit(")", 1)[1].split()
        parents[int(entry.name)] = int(fields[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        current = frontier.pop()
        children = [child for child, parent in parents.items() if parent == current]
        found.extend(children)
        frontier.extend(children)
    return found


def rss_bytes(pid: int) -> int:
    """Resident set size of `pid` (0 once it has gone)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


class RssSampler:
    """Samples the RSS of some processes on a thread; reports each one's peak over its baseline."""

    def __init__(self, pids: Sequence[int], interval_s: float = 0.002) -> None:
        self.pids = list(pids)
        self.interval_s = interval_s
        self.baseline = {pid: rss_bytes(pid) for pid in self.pids}
        self.peak = dict(self.baseline)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()

    def growth(self) -> int:
        """The largest growth of any one process, in bytes."""
        return max((self.peak[pid] - self.baseline[pid] for pid in self.pids), default=0)

    def _sample(self) -> None:
        for pid in self.pids:
            self.peak[pid] = max(self.peak[pid], rss_bytes(pid))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval_s)


_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: Sequence[int]) -> float:
    """User plus system CPU time used so far by these processes."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / _TICKS


def say(message: str) -> None:
    """Progress on stderr (tables go to stdout)."""
    print(f"bench: {message}", file=sys.stderr, flush=True)
