"""The event: its types, its fields, and how a subscription or a feed filter names types.

An event is `{id, type, occurred_at, received_at, tenant, campaign_id, vendor,
vendor_campaign_id, source, data}` (EVENTS.md); `source` is `webhook`, `sync` or `gateway`.
What a vendor sends that no adapter's table maps becomes `vendor.event`, raw, so nothing is lost.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, Literal

__all__ = [
    "EVENT_TYPES",
    "SOURCES",
    "NewEvent",
    "Source",
    "matches",
    "new_event_id",
    "valid_type_filter",
]

EVENT_TYPES: Final = (
    "campaign.created",
    "campaign.status_changed",
    "campaign.action_completed",
    "campaign.progress",
    "call.completed",
    "call.failed",
    "message.sent",
    "message.delivered",
    "message.failed",
    "message.received",
    "recipient.opted_out",
    "vendor.event",
)
Source = Literal["webhook", "sync", "gateway"]
SOURCES: Final = ("webhook", "sync", "gateway")

# A name (`call.completed`) or a prefix written with a star (`call.*`, or `*` for all).
_TYPE_FILTER = re.compile(r"^(\*|[a-z_]+\.\*|[a-z_]+\.[a-z_]+)$")


_last_id = 0
_id_lock = threading.Lock()


def new_event_id() -> str:
    """A new event id: also the `webhook-id` of every delivery of the event.

    Increasing within a process (the millisecond, then a counter, then 64 random bits), so
    events written in one transaction are published in the order they were written.
    """
    global _last_id
    with _id_lock:
        candidate = (time.time_ns() // 1_000_000) << 80 | secrets.randbits(64)
        _last_id = max(candidate, (_last_id & ~((1 << 64) - 1)) + (1 << 64) | secrets.randbits(64))
        return f"evt_{_last_id:032x}"


@dataclass(frozen=True)
class NewEvent:
    """An event about to be written (`outbox.emit`); the database gives it its position."""

    type: str
    occurred_at: datetime
    received_at: datetime
    source: Source
    data: Mapping[str, Any]
    tenant: str | None = None
    campaign_id: str | None = None
    vendor: str | None = None
    vendor_campaign_id: str | None = None
    account: str | None = None  # the vendor account a webhook came in on ("" for the gateway's own)
    dedupe_key: str | None = None
    held: bool = False  # not published until it is tied to a campaign
    id: str = field(default_factory=new_event_id)

    def __post_init__(self) -> None:
        assert self.type in EVENT_TYPES, self.type
        assert self.source in SOURCES, self.source


def valid_type_filter(pattern: str) -> bool:
    """Whether `pattern` names a type (`call.completed`) or a prefix (`call.*`, `*`)."""
    return bool(_TYPE_FILTER.match(pattern))


def matches(event_type: str, patterns: Iterable[str]) -> bool:
    """Whether any of `patterns` (names or `prefix.*`) takes `event_type`."""
    for pattern in patterns:
        if pattern == "*" or pattern == event_type:
            return True
        if pattern.endswith(".*") and event_type.startswith(pattern[:-1]):
            return True
    return False
