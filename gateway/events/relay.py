"""Publishing: give written events their place in the feed, in commit order, and fan them out.

An event is written by whatever transaction caused it (gateway/events/outbox.py), by any
worker, so the order in which events are inserted is not the order in which they become
visible: on PostgreSQL a transaction that took a sequence number first may commit last, and a
reader paging by that number would step over it for good. So the feed's `position` is not
given at insert: one publisher at a time (PostgreSQL: a transaction-scoped advisory lock that
the others do not wait for; SQLite: its one writer) numbers the events committed so far, in
the same transaction creates their deliveries (one per matching active subscription), and
commits. Every position a reader can see was given before any larger one, so a cursor never
skips, and each event is fanned out exactly once.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Update, bindparam, delete, func, insert, select, text, update

from gateway.events.model import matches
from gateway.store.registry import Registry
from gateway.store.schema import events, webhook_deliveries, webhook_subscriptions

__all__ = ["Published", "Relay", "new_delivery_id"]

_log = logging.getLogger("gateway.events")
# Any constant: the publishers of every worker and machine take turns on it.
_PUBLISH_LOCK = 7_204_118_523


def _number(batch: int) -> Update:
    """Up to `batch` waiting events numbered from `:last` + 1 in the order they were received.

    One statement reads the waiting events and numbers them: the rows it numbers are the rows
    it read, and no update per event runs while the publisher holds the write lock.
    """
    waiting = (
        select(
            events.c.id,
            func.row_number().over(order_by=(events.c.received_at, events.c.id)).label("offset"),
        )
        .where(events.c.position.is_(None), events.c.held.is_(False))
        .order_by(events.c.received_at, events.c.id)
        .limit(batch)
        .subquery()
    )
    return (
        update(events)
        .where(events.c.id == waiting.c.id)
        .values(position=bindparam("last") + waiting.c.offset)
        .returning(events.c.id, events.c.type, events.c.tenant, events.c.position)
    )


def new_delivery_id() -> str:
    """A new delivery's id."""
    return "dlv_" + uuid.uuid4().hex


@dataclass(frozen=True)
class Published:
    """What one publishing pass did."""

    events: int
    deliveries: int


class Relay:
    """Numbers committed events in commit order and creates their deliveries."""

    def __init__(self, registry: Registry, *, batch: int = 500) -> None:
        self._registry = registry
        self._batch = batch
        self._number = _number(batch)
        self._listeners: list[Callable[[Published], None]] = []

    def on_published(self, listener: Callable[[Published], None]) -> None:
        """Call `listener` after each pass that published something (a deliverer's wake-up)."""
        self._listeners.append(listener)

    def pending(self) -> bool:
        """Whether some committed event waits for its position (a cheap, indexed read)."""
        query = select(events.c.id).where(events.c.position.is_(None), events.c.held.is_(False)).limit(1)
        with self._registry.engine.connect() as connection:
            return connection.execute(query).first() is not None

    def publish(self) -> Published:
        """One pass: up to `batch` events numbered and fanned out (none if another publisher is at it)."""
        now = self._registry.clock()
        with self._registry.transaction() as connection:
            published = self._publish(connection, now)
        if published.events:
            for listener in self._listeners:
                listener(published)
        return published

    def publish_pending(self) -> Published:
        """`publish_all` when something waits; else only `pending`'s one indexed read (no write)."""
        return self.publish_all() if self.pending() else Published(0, 0)

    def publish_all(self) -> Published:
        """Passes until nothing is left (or another publisher is at it)."""
        total_events = total_deliveries = 0
        while True:
            published = self.publish()
            total_events += published.events
            total_deliveries += published.deliveries
            if published.events < self._batch:
                return Published(total_events, total_deliveries)

    def _publish(self, connection: Connection, now: datetime) -> Published:
        if connection.dialect.name == "postgresql":
            turn = connection.execute(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": _PUBLISH_LOCK})
            if not turn.scalar():
                return Published(0, 0)
        last = connection.execute(select(func.coalesce(func.max(events.c.position), 0))).scalar_one()
        numbered = connection.execute(self._number, {"last": last}).all()
        if not numbered:
            return Published(0, 0)
        waiting = sorted(numbered, key=lambda row: row.position)
        deliveries = self._fan_out(connection, waiting, now)
        if deliveries:
            connection.execute(insert(webhook_deliveries), deliveries)
        return Published(len(waiting), len(deliveries))

    @staticmethod
    def _fan_out(connection: Connection, waiting: Sequence[Any], now: datetime) -> list[dict[str, Any]]:
        tenants = {row.tenant for row in waiting if row.tenant is not None}
        if not tenants:
            return []
        subscribed: dict[str, list[Any]] = {}
        query = select(
            webhook_subscriptions.c.id, webhook_subscriptions.c.tenant, webhook_subscriptions.c.event_types
        ).where(webhook_subscriptions.c.tenant.in_(tenants), webhook_subscriptions.c.status == "active")
        for subscription in connection.execute(query):
            subscribed.setdefault(subscription.tenant, []).append(subscription)
        return [
            {
                "id": new_delivery_id(),
                "subscription_id": subscription.id,
                "event_id": row.id,
                "tenant": row.tenant,
                "status": "pending",
                "attempts": 0,
                "next_attempt_at": now,
                "created_at": now,
            }
            for row in waiting
            for subscription in subscribed.get(row.tenant, ())
            if matches(row.type, subscription.event_types)
        ]

    def expire(self, older_than: timedelta, *, batch: int = 5000) -> int:
        """Forget events received before `older_than` ago (their deliveries with them); how many."""
        cutoff = self._registry.clock() - older_than
        with self._registry.transaction() as connection:
            old = select(events.c.id).where(events.c.received_at < cutoff).limit(batch)
            result = connection.execute(delete(events).where(events.c.id.in_(old)))
        removed = int(result.rowcount)
        if removed:
            _log.info("expired %d events received before %s", removed, cutoff.isoformat())
        return removed
