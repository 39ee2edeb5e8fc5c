"""Rate limits per tenant and per client address, in Redis or in memory.

Per tenant: GATEWAY_RATE_LIMIT, e.g. `60/minute`. Per client address, for requests without a
known key: GATEWAY_UNAUTHENTICATED_RATE_LIMIT (by default the same rate).

A fixed window per name: simple, exact across workers with Redis (INCR and PEXPIRE in one
transaction), and one tenant's burst touches only its own counter. Each limiter counts in its
own namespace, so a tenant named like an address shares nothing with it.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Decision", "RateLimiter", "parse_rate"]

_PERIODS = {"second": 1, "minute": 60, "hour": 3600}
_log = logging.getLogger("gateway.ratelimit")


def parse_rate(text: str) -> tuple[int, int]:
    """`60/minute` -> (60, 60 seconds); raises ValueError with the accepted form."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(second|minute|hour)\s*", text)
    if not match or int(match.group(1)) < 1:
        raise ValueError("expected N/second, N/minute or N/hour with N >= 1, e.g. 60/minute")
    return int(match.group(1)), _PERIODS[match.group(2)]


@dataclass(frozen=True)
class Decision:
    """Whether to serve, and the RateLimit headers to send either way."""

    allowed: bool
    limit: int
    remaining: int
    reset_s: int

    def headers(self) -> dict[str, str]:
        """RateLimit-* (IETF httpapi draft) and, when refused, Retry-After."""
        headers = {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset_s),
        }
        if not self.allowed:
            headers["Retry-After"] = str(self.reset_s)
        return headers


class RateLimiter:
    """Counts requests per name (a tenant, a client address) per window."""

    def __init__(
        self,
        limit: int,
        period_s: int,
        redis_url: str | None = None,
        clock: Callable[[], float] = time.time,
        namespace: str = "rate",
    ) -> None:
        self.limit = limit
        self.period = period_s
        self.namespace = namespace
        self._clock = clock
        self._redis: Any = None
        if redis_url:
            import redis

            self._redis = redis.Redis.from_url(redis_url, socket_timeout=1, socket_connect_timeout=1)
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, int], int] = {}

    def check(self, tenant: str) -> Decision:
        """Count one request of `tenant` (or of whatever this limiter counts by)."""
        now = self._clock()
        window = int(now // self.period)
        reset = max(1, math.ceil((window + 1) * self.period - now))
        count = self._count_redis(tenant, window) if self._redis is not None else self._count_memory(tenant, window)
        return Decision(count <= self.limit, self.limit, max(0, self.limit - count), reset)

    def _count_redis(self, tenant: str, window: int) -> int:
        import redis

        key = f"campaign-gateway:{self.namespace}:{tenant}:{window}"
        pipeline = self._redis.pipeline(transaction=True)
        pipeline.incr(key)
        pipeline.pexpire(key, self.period * 1000 + 1000)
        try:
            count, _ = pipeline.execute()
        except redis.RedisError:
            # A limiter that is down must not take the gateway down with it: serve, and say so.
            _log.warning("rate limit store unreachable; request not counted")
            return 0
        return int(count)

    def _count_memory(self, tenant: str, window: int) -> int:
        with self._lock:
            if len(self._counts) > 100_000:  # old windows: drop them all, they are over
                self._counts = {k: v for k, v in self._counts.items() if k[1] == window}
            count = self._counts.get((tenant, window), 0) + 1
            self._counts[(tenant, window)] = count
            return count
