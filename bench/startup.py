"""Start-up: from starting `campaign-gateway serve` to its first served request (fresh registry)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.peers import ready_gateway, start_gateway
from bench.procs import say

__all__ = ["StartupSample", "run_startup"]


@dataclass(frozen=True)
class StartupSample:
    """One start-up, until GET /v1/vendors with a key answered 200."""

    workers: int
    rep: int
    seconds: float


def run_startup(work: Path, upstream_port: int, reps: int) -> list[StartupSample]:
    """Start 1- and 2-worker gateways in turn, each on a new SQLite file (so migrations run)."""
    samples = []
    for rep in range(reps):
        for workers in (1, 2):
            service = start_gateway(work, upstream_port, workers=workers, name=f"startup-w{workers}-{rep}")
            try:
                seconds = ready_gateway(service)
            finally:
                service.stop()
            say(f"start-up with {workers} worker(s): {seconds:.2f} s")
            samples.append(StartupSample(workers, rep, seconds))
    return samples
