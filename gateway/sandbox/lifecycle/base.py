"""What every vendor's sandbox lifecycle shares: the request it sees, its answer, its store.

A lifecycle answers the operations of its vendor that touch a campaign after the stand-in has
checked the request against the spec; an operation it does not serve falls back to the spec's
documented answer. Each lifecycle is one lock: requests to one vendor are served one at a time
in it, which is all a sandbox needs.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from gateway.sandbox.lifecycle.pacing import Pacing

__all__ = [
    "Answer",
    "Handler",
    "LifeRequest",
    "Store",
    "VendorLife",
    "counter",
    "number",
    "page_of",
    "snapshot",
    "stable_number",
    "synthetic_phone",
]

# A sandbox behind `make run` lives for hours; keep the recent campaigns, not all of them.
_KEPT_CAMPAIGNS = 1000


@dataclass(frozen=True)
class LifeRequest:
    """A request the spec accepted, as a lifecycle reads it."""

    method: str
    """Lower case, as in the spec."""
    template: str
    """The spec's path template (e.g. `/campaign/{id}`)."""
    params: Mapping[str, str] = field(default_factory=dict)
    """Path parameters by name."""
    query: Mapping[str, str] = field(default_factory=dict)
    body: Any = None
    """The JSON body as sent (None without one), or the form fields cast to their types."""


@dataclass(frozen=True)
class Answer:
    """A lifecycle's answer: a status and a JSON-ready body."""

    status: int
    body: Any


Handler = Callable[[LifeRequest, float], Answer]
"""Answers one request at the given time."""

C = TypeVar("C")


class Store(Generic[C]):
    """Campaigns by id, oldest first, the oldest forgotten past a bound."""

    def __init__(self, on_forget: Callable[[C], None] | None = None) -> None:
        """`on_forget` is told of each campaign dropped to stay within the bound."""
        self._items: OrderedDict[str, C] = OrderedDict()
        self._on_forget = on_forget

    def add(self, key: str, item: C) -> None:
        """Keep `item` under `key`."""
        self._items[key] = item
        while len(self._items) > _KEPT_CAMPAIGNS:
            _, dropped = self._items.popitem(last=False)
            if self._on_forget is not None:
                self._on_forget(dropped)

    def get(self, key: str) -> C | None:
        """The campaign called `key`, if kept."""
        return self._items.get(key)

    def pop(self, key: str) -> C | None:
        """Forget the campaign called `key`; it, if it was kept."""
        return self._items.pop(key, None)

    def clear(self) -> None:
        """Forget every campaign."""
        self._items.clear()

    def __iter__(self) -> Iterator[C]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)


class VendorLife:
    """One vendor's campaigns and the operations on them (subclasses fill `routes`)."""

    slug = ""

    def __init__(self, pacing: Pacing) -> None:
        self.pacing = pacing
        self._lock = threading.RLock()
        self.routes: dict[tuple[str, str], Handler] = {}
        """(method, path template) -> handler; the operations this lifecycle answers."""

    def answer(self, request: LifeRequest) -> Answer | None:
        """The answer to `request`, or None when this lifecycle does not serve its operation."""
        handler = self.routes.get((request.method, request.template))
        if handler is None:
            return None
        with self._lock:
            return handler(request, self.pacing.now())

    def state(self, campaign_id: str) -> dict[str, Any] | None:
        """A campaign as the sandbox sees it now (see `snapshot`), None when unknown."""
        with self._lock:
            return self._snapshot(campaign_id, self.pacing.now())

    def states(self) -> list[dict[str, Any]]:
        """Every kept campaign's state, oldest first."""
        with self._lock:
            now = self.pacing.now()
            found = (self._snapshot(campaign_id, now) for campaign_id in self._ids())
            return [state for state in found if state is not None]

    def forget(self) -> None:
        """Forget every campaign."""
        with self._lock:
            self._forget()

    def _snapshot(self, campaign_id: str, now: float) -> dict[str, Any] | None:
        raise NotImplementedError

    def _ids(self) -> list[str]:
        raise NotImplementedError

    def _forget(self) -> None:
        raise NotImplementedError


def snapshot(
    campaign_id: Any,
    status: str,
    *,
    total: int | None,
    attempted: int | None,
    succeeded: int | None,
    failed: int | None,
    **extra: Any,
) -> dict[str, Any]:
    """The vendor-neutral shape of a campaign's state for tests and the control endpoint.

    `status` is the vendor's own word; counts are calls for voice and messages for SMS.
    """
    return {
        "id": campaign_id,
        "status": status,
        "progress": {"total": total, "attempted": attempted, "succeeded": succeeded, "failed": failed},
        **extra,
    }


def stable_number(*parts: object) -> int:
    """A number that depends only on `parts` (Python's own hash changes with every process)."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def synthetic_phone(*parts: object) -> str:
    """A well-formed E.164 number from the North American fictional range (NXX-555-01XX)."""
    n = stable_number(*parts)
    return f"+1{200 + n % 800}55501{n // 800 % 100:02d}"


def counter(start: int = 1) -> Callable[[], int]:
    """A thread-safe source of 1, 2, 3... (the vendors with integer ids)."""
    numbers, lock = itertools.count(start), threading.Lock()

    def next_number() -> int:
        with lock:
            return next(numbers)

    return next_number


def page_of(items: list[Any], page: int, size: int) -> list[Any]:
    """Items of 1-based `page` when pages hold `size` items."""
    page, size = max(page, 1), max(size, 1)
    return items[(page - 1) * size : page * size]


def number(query: Mapping[str, str], name: str, default: int) -> int:
    """An integer query parameter, `default` when absent or unreadable (the spec checked its type)."""
    try:
        return int(float(query[name]))
    except (KeyError, ValueError):
        return default
