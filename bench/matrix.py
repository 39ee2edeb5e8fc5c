"""The throughput matrix: every peer at every concurrency, interleaved, repeated."""

from __future__ import annotations

from dataclasses import dataclass

from bench.config import Config
from bench.peers import Peer
from bench.procs import cpu_seconds, say
from bench.wrk import WrkResult, run_wrk

__all__ = ["Sample", "run_matrix"]


@dataclass(frozen=True)
class Sample:
    """One wrk run of one peer, with the CPU its own processes used meanwhile."""

    peer: str
    connections: int
    rep: int
    result: WrkResult
    cpu_s: float
    cpu_by_pid: dict[int, float]

    @property
    def cpu_ms_per_request(self) -> float:
        """CPU milliseconds the peer's processes spent per completed request."""
        return self.cpu_s * 1000 / self.result.requests if self.result.requests else 0.0

    @property
    def busiest_share(self) -> float:
        """The share of the CPU done by the busiest process (1.0: one worker did everything)."""
        return max(self.cpu_by_pid.values()) / self.cpu_s if self.cpu_s > 0 else 0.0


def _run(peer: Peer, connections: int, seconds: float) -> tuple[WrkResult, dict[int, float]]:
    pids = peer.service.pids()
    before = {pid: cpu_seconds([pid]) for pid in pids}
    result = run_wrk(peer.url, peer.body, peer.headers, connections=connections, seconds=seconds)
    return result, {pid: cpu_seconds([pid]) - before[pid] for pid in pids}


def run_matrix(peers: list[Peer], config: Config) -> list[Sample]:
    """Warm every peer up, then for each repetition and concurrency run every peer once.

    The peers' order rotates from block to block, so no peer is always first (or last) after
    another's load, and the runs compared with each other are minutes apart at most.
    """
    for peer in peers:
        say(f"warm-up {peer.label}")
        run_wrk(peer.url, peer.body, peer.headers, connections=16, seconds=config.warmup_s)
    samples = []
    block = 0
    for rep in range(config.reps):
        for connections in config.concurrency:
            shift = block % len(peers)
            block += 1
            for peer in peers[shift:] + peers[:shift]:
                result, cpu = _run(peer, connections, config.duration_s)
                say(
                    f"rep {rep + 1}/{config.reps} c={connections:<3} {peer.label:<36} {result.rps:9.1f} req/s "
                    f"p50 {result.p50_ms:8.2f} ms p99 {result.p99_ms:8.2f} ms errors {result.errors}"
                )
                samples.append(Sample(peer.key, connections, rep, result, sum(cpu.values()), cpu))
    return samples
