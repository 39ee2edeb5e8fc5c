"""Per-vendor circuit breaker and concurrency cap, so one failing vendor cannot hold the gateway.

After `threshold` consecutive failures (5xx, timeouts, refused connections) calls to that vendor
fail fast with 503 and Retry-After for `cooldown_s`; then one probe call is let through and its
outcome closes or re-opens the circuit. Vendor 4xx answers are the vendor working: they count as
successes. State is per process: each worker learns on its own, which errs toward trying.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from gateway.errors import GatewayError, VendorServerError, VendorTimeout, VendorUnavailable, VendorUnreachable
from gateway.observe import BREAKER_OPEN

__all__ = ["Breaker"]

# A vendor's 503 too: raised by the call, it is the vendor's own answer (the breaker's are raised
# before a call starts).
_FAILURES = (VendorServerError, VendorTimeout, VendorUnavailable, VendorUnreachable)


class Breaker:
    """One vendor's circuit and concurrency cap."""

    def __init__(
        self,
        vendor: str,
        *,
        threshold: int = 5,
        cooldown_s: float = 30.0,
        max_concurrent: int = 64,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.vendor = vendor
        self._threshold = threshold
        self._cooldown = cooldown_s
        self._clock = clock
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max_concurrent)
        self._failures = 0
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> str:
        """closed, open or half_open."""
        with self._lock:
            if self._opened_at is None:
                return "closed"
            return "half_open" if self._clock() - self._opened_at >= self._cooldown else "open"

    def check(self) -> None:
        """Raise VendorUnavailable while the circuit is open (claims nothing)."""
        with self._lock:
            if self._opened_at is None:
                return
            waited = self._clock() - self._opened_at
            if waited < self._cooldown or self._probing:
                raise self._unavailable(waited)

    @contextmanager
    def call(self) -> Iterator[None]:
        """Admit one vendor call or raise VendorUnavailable; record how it ended."""
        probe = self._admit()
        if not self._slots.acquire(blocking=False):
            self._release_probe(probe)
            raise VendorUnavailable(
                f"{self.vendor} already has as many calls in flight as allowed",
                vendor=self.vendor,
                headers={"Retry-After": "1"},
            )
        try:
            yield
        except _FAILURES:
            self._record(success=False)
            raise
        except GatewayError:
            self._record(success=True)  # the vendor answered (a 4xx, a 429): it is up
            raise
        except BaseException:
            self._release_probe(probe)  # not about the vendor: leave the circuit as it was
            raise
        else:
            self._record(success=True)
        finally:
            self._slots.release()

    def _admit(self) -> bool:
        with self._lock:
            if self._opened_at is None:
                return False
            waited = self._clock() - self._opened_at
            if waited < self._cooldown or self._probing:
                raise self._unavailable(waited)
            self._probing = True
            return True

    def _unavailable(self, waited: float) -> VendorUnavailable:
        retry_after = max(1, int(self._cooldown - waited + 0.999))
        return VendorUnavailable(
            f"{self.vendor} is failing; calls are paused for a moment",
            vendor=self.vendor,
            headers={"Retry-After": str(retry_after)},
        )

    def _release_probe(self, probe: bool) -> None:
        if probe:
            with self._lock:
                self._probing = False

    def _record(self, *, success: bool) -> None:
        with self._lock:
            self._probing = False
            if success:
                self._failures = 0
                self._opened_at = None
            else:
                self._failures += 1
                if self._opened_at is not None or self._failures >= self._threshold:
                    self._opened_at = self._clock()
            BREAKER_OPEN.labels(self.vendor).set(0 if self._opened_at is None else 1)
