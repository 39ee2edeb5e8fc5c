"""`serve`'s status sync: a process of its own beside the workers, started and stopped with them.

Why not on the workers' event loops, where it ran before: every vendor read the sync makes is
work on the loop that serves requests, and with thousands of live campaigns those reads queue in
front of the requests (the sync section of bench/results.md has the figures). In a process of
its own, at a lower CPU priority and on one CPU (`cede_cpu_to_requests`, applied by
`campaign-gateway sync` itself), the kernel gives the requests the CPU first, and a slow or
failing sync cannot stall serving. One per `serve`, whatever its number of workers; several
machines share the work through the database's lease, as several `sync` processes always have.

The supervision is written here rather than left to a process manager because it is one child
with three rules, and `serve` must stay one command: the child is restarted when it dies (after
a pause that grows while it keeps dying), stopped with `serve` (SIGTERM, then the refreshes
under way get their deadline), and it exits by itself if `serve` dies without stopping it
(`--parent`: it watches that its parent is still the one that started it).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gateway.settings import Settings

__all__ = ["SyncProcess", "cede_cpu_to_requests", "stop_within_s", "sync_argv"]

_log = logging.getLogger(__name__)
# The first pause before a dead sync is started again; it doubles while the sync keeps dying.
_FIRST_PAUSE_S = 1.0
_LONGEST_PAUSE_S = 60.0
# A sync that ran this long before it died starts again after the first pause.
_STEADY_S = 60.0
# How long after SIGTERM the child is killed, beyond the vendor deadline: the margin its
# refreshes under way get to be recorded (gateway/sync.py), and as long again to exit.
_STOP_MARGIN_S = 10.0


def sync_argv() -> list[str]:
    """The command that runs `campaign-gateway sync` as this process's child, ending when this process does.

    The parent is named rather than read by the child: a child that read its parent after the
    parent had died would watch the process that adopted it.
    """
    return [sys.executable, "-m", "gateway.cli", "sync", "--parent", str(os.getpid())]


def cede_cpu_to_requests(settings: Settings) -> tuple[Executor | None, str]:
    """Lower the sync's CPU priority, on one CPU: the executor for its database work (if apart), and what was done.

    Called on the thread that runs the sync's event loop, before it starts any other thread (on
    Linux each call below changes the calling thread only, and a thread inherits its creator's).
    - One CPU (`GATEWAY_SYNC_ONE_CPU`), the last allowed, on a machine with more: the sync is one
      event loop and gains nothing from more. When some work, at any priority, runs on every CPU,
      a waking request now and then waits a whole scheduler tick; one the sync leaves free, it
      does not (the sync section of bench/results.md has the figures).
    - The nice (`GATEWAY_SYNC_NICE`), for everything.
    - Then, with `GATEWAY_SYNC_IDLE_CPU`, this thread takes the idle scheduling policy for the
      vendor reads, which then give way at once to a request that wakes; a nice only shares the
      CPU out, and a waking request can wait out the sync's time slice. The database work must
      not run at idle priority: a sync write that gets no CPU while it holds SQLite's write lock
      keeps every create waiting behind it. A thread cannot leave the idle policy without
      privilege, so the one database thread is started here, before this thread enters it.
    """
    done = []
    allowed = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if settings.sync_one_cpu and len(allowed) > 1:
        os.sched_setaffinity(0, {allowed[-1]})
        done.append(f"on CPU {allowed[-1]}")
    if settings.sync_nice:
        os.nice(settings.sync_nice)
    if not (settings.sync_idle_cpu and hasattr(os, "SCHED_IDLE")):
        return None, " ".join([f"runs at nice {os.nice(0)}", *done])
    database = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-database")
    database.submit(int).result()  # its one thread started now, at the nice priority
    os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
    return database, " ".join(
        [f"reads vendors at idle CPU priority and writes to the database at nice {os.nice(0)}", *done]
    )


def stop_within_s(settings: Settings) -> float:
    """How long a stopping `serve` waits for its sync to exit before killing it."""
    return settings.vendor_timeout_s + _STOP_MARGIN_S


class SyncProcess:
    """One child process, kept running from `start` until `stop`.

    `stop` kills it if it has not exited `stop_within_s` after SIGTERM.
    """

    def __init__(self, argv: Sequence[str], *, stop_within_s: float, env: Mapping[str, str] | None = None) -> None:
        self._argv = list(argv)
        self._stop_within_s = stop_within_s
        self._env = dict(os.environ if env is None else env)
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._thread = threading.Thread(target=self._supervise, name="sync-process", daemon=True)

    @property
    def pid(self) -> int | None:
        """The running child's process id (None between a death and the restart)."""
        with self._lock:
            process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def start(self) -> None:
        """Start the child, and watch it from a thread of its own."""
        self._thread.start()

    def stop(self) -> None:
        """SIGTERM the child, wait for it to exit (or kill it); no restart after this."""
        self._stopping.set()
        with self._lock:
            process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(self._stop_within_s)
            except subprocess.TimeoutExpired:
                _log.warning("the status sync did not stop within %.0f s; killing it", self._stop_within_s)
                process.kill()
                process.wait()
        if self._thread.is_alive():
            self._thread.join()

    def _supervise(self) -> None:
        pause = _FIRST_PAUSE_S
        while True:
            with self._lock:
                if self._stopping.is_set():
                    return
                # A session of its own: a Ctrl-C at serve's terminal reaches serve, which stops it in turn.
                self._process = subprocess.Popen(self._argv, env=self._env, start_new_session=True)
                started = time.monotonic()
            code = self._process.wait()
            if self._stopping.is_set():
                return
            if time.monotonic() - started >= _STEADY_S:
                pause = _FIRST_PAUSE_S
            _log.error("the status sync process exited with code %s; starting it again in %.0f s", code, pause)
            if self._stopping.wait(pause):
                return
            pause = min(pause * 2, _LONGEST_PAUSE_S)
