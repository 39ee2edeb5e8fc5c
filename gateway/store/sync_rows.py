"""Writing a campaign's row of `campaign_sync` (the status sync's queue), for every writer of it.

A campaign gets its row when it is first given a refresh time, by whichever writer comes
first (its create's outcome, an action, an on-demand refresh), so a writer may find no row
yet: `upsert_statement` inserts or updates in one statement (INSERT ... ON CONFLICT DO UPDATE,
on PostgreSQL and SQLite alike).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Connection, Insert, Select, Update, bindparam, update
from sqlalchemy.dialects import postgresql, sqlite

from gateway.store.schema import campaign_sync

__all__ = ["SCHEDULE_COLUMNS", "hurry", "schedule", "upsert_statement"]

# What `schedule` writes: a campaign's next refresh, its streak started again.
SCHEDULE_COLUMNS = ("campaign_id", "sync_due_at", "sync_streak")


@cache
def upsert_statement(dialect_name: str, columns: tuple[str, ...]) -> Insert:
    """A campaign's `columns` (its `campaign_id` among them) inserted, or updated in its row."""
    insert = postgresql.insert if dialect_name == "postgresql" else sqlite.insert
    statement = insert(campaign_sync)
    updated = {column: statement.excluded[column] for column in columns if column != "campaign_id"}
    return statement.on_conflict_do_update(index_elements=[campaign_sync.c.campaign_id], set_=updated)


def schedule(connection: Connection, campaign_id: str, due: datetime | None) -> None:
    """The campaign's next refresh at `due` (None: out of the queue), its streak started again."""
    if due is None:  # no row to add: a campaign never queued stays without one
        connection.execute(_UNQUEUE, {"s_id": campaign_id})
        return
    statement = upsert_statement(connection.dialect.name, SCHEDULE_COLUMNS)
    connection.execute(statement, {"campaign_id": campaign_id, "sync_due_at": due, "sync_streak": 0})


def hurry(connection: Connection, campaign_ids: Iterable[str] | Select[Any], now: datetime) -> None:
    """Those of the campaigns still in the queue refreshed at `now` (a select of ids, or ids)."""
    connection.execute(
        update(campaign_sync)
        .where(campaign_sync.c.campaign_id.in_(campaign_ids), campaign_sync.c.sync_due_at.is_not(None))
        .values(sync_due_at=now, sync_streak=0)
    )


_UNQUEUE: Update = (
    update(campaign_sync)
    .where(campaign_sync.c.campaign_id == bindparam("s_id"))
    .values(sync_due_at=None, sync_streak=0)
)
