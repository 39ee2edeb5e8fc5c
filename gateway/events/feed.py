"""Reading the event stream back: a tenant's events after a cursor, oldest first (EVENTS.md).

The cursor is the last position a reader saw; positions are given in commit order
(gateway/events/relay.py), so a reader that keeps its cursor sees every event once, however
late it committed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Engine, or_, select

from gateway.store.schema import events

__all__ = ["EVENT_VIEW_COLUMNS", "FeedPage", "event_view", "read_feed", "type_condition"]

EVENT_VIEW_COLUMNS = (
    events.c.id,
    events.c.position,
    events.c.type,
    events.c.occurred_at,
    events.c.received_at,
    events.c.tenant,
    events.c.campaign_id,
    events.c.vendor,
    events.c.vendor_campaign_id,
    events.c.source,
    events.c.data,
)


@dataclass(frozen=True)
class FeedPage:
    """Events in position order, and the cursor after the last (None for an empty page)."""

    events: list[dict[str, Any]]
    next_cursor: str | None


def type_condition(patterns: Sequence[str]) -> ColumnElement[bool] | None:
    """The SQL condition for types by name or `prefix.*` (None: every type)."""
    if not patterns or "*" in patterns:
        return None
    names = [pattern for pattern in patterns if not pattern.endswith(".*")]
    prefixes = [pattern[:-1] for pattern in patterns if pattern.endswith(".*")]
    conditions: list[ColumnElement[bool]] = [events.c.type.startswith(prefix, autoescape=True) for prefix in prefixes]
    if names:
        conditions.append(events.c.type.in_(names))
    return or_(*conditions)


def read_feed(
    engine: Engine,
    *,
    tenant: str | None,
    after: int | None,
    types: Sequence[str] = (),
    campaign_id: str | None = None,
    limit: int = 100,
    untied: bool = False,
) -> FeedPage:
    """One page of `tenant`'s events (or, with `untied`, of the events tied to no tenant)."""
    query = select(*EVENT_VIEW_COLUMNS).where(events.c.position.is_not(None))
    query = query.where(events.c.tenant.is_(None)) if untied else query.where(events.c.tenant == tenant)
    if after is not None:
        query = query.where(events.c.position > after)
    if campaign_id is not None:
        query = query.where(events.c.campaign_id == campaign_id)
    condition = type_condition(types)
    if condition is not None:
        query = query.where(condition)
    query = query.order_by(events.c.position).limit(limit)
    with engine.connect() as connection:
        rows = [dict(row) for row in connection.execute(query).mappings()]
    return FeedPage(rows, str(rows[-1]["position"]) if rows else None)


def event_view(row: Mapping[str, Any]) -> dict[str, Any]:
    """The API's representation of an event (also the `data` of its webhook deliveries)."""
    occurred_at: datetime = row["occurred_at"]
    received_at: datetime = row["received_at"]
    return {
        "id": row["id"],
        "type": row["type"],
        "occurred_at": occurred_at.isoformat(),
        "received_at": received_at.isoformat(),
        "tenant": row["tenant"],
        "campaign_id": row["campaign_id"],
        "vendor": row["vendor"],
        "vendor_campaign_id": row["vendor_campaign_id"],
        "source": row["source"],
        "data": row["data"],
    }
