"""Writing an event in the transaction of the change that caused it: a transactional outbox.

Why our own and not a queue library: the promise is that a change and its event are kept or
lost together. A campaign's status written by the sync, an action settled, a vendor's webhook
accepted: each commits its event in the same database transaction as the change, so no crash
between the two can drop an event or announce a change that was rolled back. A broker or task
queue (Celery, RQ, a Redis stream) commits on its own, after or before ours, and cannot join
that transaction; the event table is the queue, and the relay (gateway/events/relay.py) and
the deliverers read it with the same lease discipline as the status sync.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Insert, insert
from sqlalchemy.dialects import postgresql, sqlite

from gateway.events.model import NewEvent
from gateway.store.schema import events

__all__ = ["EVENT_COLUMNS", "emit", "emit_all", "event_row"]

EVENT_COLUMNS = (
    "id",
    "type",
    "occurred_at",
    "received_at",
    "tenant",
    "campaign_id",
    "vendor",
    "vendor_campaign_id",
    "account",
    "source",
    "data",
    "dedupe_key",
    "held",
)


def event_row(event: NewEvent) -> dict[str, Any]:
    """The row of `event` (its position is given when it is published)."""
    row = {column: getattr(event, column) for column in EVENT_COLUMNS}
    row["data"] = dict(event.data)
    return row


def _insert(dialect_name: str) -> Insert:
    """INSERT that leaves a redelivered event (the same dedupe key) as it was."""
    if dialect_name == "postgresql":
        return postgresql.insert(events).on_conflict_do_nothing(index_elements=["dedupe_key"])
    if dialect_name == "sqlite":
        return sqlite.insert(events).on_conflict_do_nothing(index_elements=["dedupe_key"])
    return insert(events)


def emit(connection: Connection, event: NewEvent) -> bool:
    """Write `event` in `connection`'s transaction; False when its dedupe key was kept already."""
    # RETURNING, not rowcount: the driver's rowcount for a skipped INSERT is not 0 everywhere.
    statement = _insert(connection.dialect.name).values(event_row(event)).returning(events.c.id)
    return connection.execute(statement).first() is not None


def emit_all(connection: Connection, written: Sequence[NewEvent]) -> None:
    """Write events that carry no dedupe key (the gateway's own) in one executemany."""
    if written:
        assert all(event.dedupe_key is None for event in written)
        connection.execute(insert(events), [event_row(event) for event in written])
