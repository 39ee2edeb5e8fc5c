"""How long a request waits to be woken, beside busy loops: why the sync keeps to one CPU.

A request is a chain of wake-ups (the client, the worker, its threads, the vendor, the
database). This probe times one link: a process sends a byte over a socket pair to another,
which does a tenth of a millisecond of work and answers; the round trip is timed, a thousand
times a second, while busy loops run beside it at idle CPU priority (SCHED_IDLE) on the last
CPU only, or on every CPU, or at nice 10 on every CPU. `bench.sync` prints its figures with the
sync's, whose placement they explain.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass

from bench.stats import percentile

__all__ = ["CONDITIONS", "ON_THE_LAST_CPU_AT_IDLE", "Wakeups", "busy_loops", "measure_wakeups"]

# The answering side: a tenth of a millisecond of work per byte, answered at once.
_ECHO = (
    "import socket, sys\n"
    "peer = socket.socket(fileno=int(sys.argv[1]))\n"
    "while data := peer.recv(64):\n"
    "    sum(range(3000))\n"
    "    peer.send(data)\n"
)
_IDLE = "os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))"
# Where the sync keeps to, at the priority of its reads (also `bench.sync`'s control).
ON_THE_LAST_CPU_AT_IDLE = f"os.sched_setaffinity(0, {{max(os.sched_getaffinity(0))}}); {_IDLE}"
# Each condition: what runs beside the probe, as (how many busy loops, what each does first).
CONDITIONS: dict[str, tuple[int, str]] = {
    "nothing else": (0, ""),
    "one idle-priority busy loop, on the last CPU": (1, ON_THE_LAST_CPU_AT_IDLE),
    "an idle-priority busy loop on every CPU": (-1, _IDLE),
    "a nice-10 busy loop on every CPU": (-1, "os.nice(10)"),
}


@dataclass(frozen=True)
class Wakeups:
    """One condition's round trips, in milliseconds."""

    condition: str
    round_trips_ms: list[float]

    def percentile(self, pct: float) -> float:
        """The round trips' nearest-rank percentile."""
        return percentile(self.round_trips_ms, pct)


@contextlib.contextmanager
def busy_loops(count: int, first: str) -> Iterator[None]:
    """`count` busy loops for the duration, each running the statement `first` before it loops."""
    loops = [subprocess.Popen([sys.executable, "-c", f"import os; {first}\nwhile True: pass"]) for _ in range(count)]
    try:
        time.sleep(0.3)  # running before the probe starts
        yield
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()


def _round_trips(count: int) -> list[float]:
    ours, theirs = socket.socketpair()
    echo = subprocess.Popen([sys.executable, "-c", _ECHO, str(theirs.fileno())], pass_fds=(theirs.fileno(),))
    theirs.close()
    timed = []
    try:
        ours.send(b"x")
        ours.recv(64)  # the echo has started
        for _ in range(count):
            started = time.perf_counter()
            ours.send(b"x")
            ours.recv(64)
            timed.append((time.perf_counter() - started) * 1000)
            time.sleep(0.001)
    finally:
        ours.close()
        echo.wait(10)
    return timed


def measure_wakeups(round_trips: int = 4000) -> list[Wakeups]:
    """`round_trips` timed round trips under each of `CONDITIONS`."""
    cpus = len(os.sched_getaffinity(0))
    measured = []
    for condition, (count, first) in CONDITIONS.items():
        with busy_loops(cpus if count < 0 else count, first):
            measured.append(Wakeups(condition, _round_trips(round_trips)))
    return measured
