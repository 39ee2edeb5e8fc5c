"""Large vendor-neutral campaigns: time from request to the vendor's answer, and memory growth.

A dedicated gateway (production serving mode, 2 workers, fresh registry) takes Voiceable
(multipart CSV) and TetherAI (JSON newContacts) campaigns of each size; the RSS of each of
its processes is sampled every 2 ms during a request, and growth is the largest rise of any
one process over its value just before the request.
"""

from __future__ import annotations

import http.client
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import bodies
from bench.peers import API_KEY, ready_gateway, start_gateway
from bench.procs import RssSampler, say

__all__ = ["CASES", "LargeSample", "post_campaign", "run_large"]

CASES: dict[str, Callable[[int], dict[str, Any]]] = {
    "voiceable": bodies.neutral_voiceable,
    "tetherai": bodies.neutral_tetherai,
}
WORKERS = 2


@dataclass(frozen=True)
class LargeSample:
    """One large campaign request."""

    vendor: str
    recipients: int
    body_bytes: int
    rep: int
    seconds: float
    growth_bytes: int
    status: int


def post_campaign(port: int, body: bytes) -> tuple[int, float]:
    """POST a vendor-neutral campaign; the status and the seconds until the answer was read."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {API_KEY}"}
    try:
        connection.connect()
        started = time.perf_counter()
        connection.request("POST", "/v1/campaigns", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - started
    finally:
        connection.close()


def run_large(work: Path, upstream_port: int, sizes: tuple[int, ...], reps: int) -> list[LargeSample]:
    """Every vendor at every size, `reps` times, sequentially on an otherwise idle gateway."""
    service = start_gateway(work, upstream_port, workers=WORKERS, name="gateway-large")
    samples = []
    try:
        ready_gateway(service)
        # Every campaign is named apart: an identical keyless one would be taken for a retry (409).
        for make in CASES.values():  # several small requests, so that every worker has served one
            for n in range(4 * WORKERS):
                post_campaign(service.port, json.dumps({**make(10), "name": f"warm-up {n}"}).encode())
        for size in sizes:
            for vendor, make in CASES.items():
                for rep in range(reps):
                    body = json.dumps({**make(size), "name": f"large {size} {rep}"}).encode()
                    with RssSampler(service.pids()) as sampler:
                        status, seconds = post_campaign(service.port, body)
                    samples.append(LargeSample(vendor, size, len(body), rep, seconds, sampler.growth(), status))
                    say(
                        f"large {vendor} {size} recipients: {status} in {seconds * 1000:.0f} ms, "
                        f"+{sampler.growth() / 2**20:.1f} MiB"
                    )
    finally:
        service.stop()
    return samples
