"""What a running sandbox remembers: received requests and pending faults, per vendor."""

from __future__ import annotations

import dataclasses
import threading
from collections import deque

from gateway.sandbox.faults import Fault
from gateway.sandbox.records import RecordedRequest

__all__ = ["Entry", "SandboxState"]

# A sandbox behind `make run` lives for hours; keep the recent past, not all of it.
_KEPT_PER_VENDOR = 1000


class Entry:
    """A recorded request whose status is filled in once it is answered."""

    def __init__(self, request: RecordedRequest) -> None:
        self.request = request
        self.status: int | None = None

    def snapshot(self) -> RecordedRequest:
        """The request with the status it got so far."""
        return dataclasses.replace(self.request, status=self.status)


class SandboxState:
    """Thread-safe store of requests and faults for a fixed set of vendors."""

    def __init__(self, slugs: tuple[str, ...]) -> None:
        self._lock = threading.Lock()
        self._entries: dict[str, deque[Entry]] = {slug: deque(maxlen=_KEPT_PER_VENDOR) for slug in slugs}
        self._faults: dict[str, deque[Fault]] = {slug: deque() for slug in slugs}
        self._sticky: dict[str, Fault | None] = dict.fromkeys(slugs)

    def record(self, request: RecordedRequest) -> Entry:
        """Remember `request`; the returned entry takes its status later."""
        entry = Entry(request)
        with self._lock:
            self._entries[request.vendor].append(entry)
        return entry

    def requests(self, slug: str) -> list[RecordedRequest]:
        """The requests `slug` received, oldest first."""
        with self._lock:
            return [entry.snapshot() for entry in self._entries[slug]]

    def drain(self, slug: str) -> list[RecordedRequest]:
        """The requests `slug` received, oldest first, forgotten in the same step."""
        with self._lock:
            entries = list(self._entries[slug])
            self._entries[slug].clear()
        return [entry.snapshot() for entry in entries]

    def inject(self, slug: str, fault: Fault) -> None:
        """Queue a one-shot fault, or set the sticky one (replacing any)."""
        with self._lock:
            if fault.sticky:
                self._sticky[slug] = fault
            else:
                self._faults[slug].append(fault)

    def take_fault(self, slug: str) -> Fault | None:
        """The fault for the next request: the oldest one-shot, else the sticky one."""
        with self._lock:
            if self._faults[slug]:
                return self._faults[slug].popleft()
            return self._sticky[slug]

    def clear_faults(self, slug: str) -> None:
        """Forget `slug`'s faults, one-shot and sticky."""
        with self._lock:
            self._faults[slug].clear()
            self._sticky[slug] = None

    def clear_requests(self, slug: str) -> None:
        """Forget what `slug` received."""
        with self._lock:
            self._entries[slug].clear()
