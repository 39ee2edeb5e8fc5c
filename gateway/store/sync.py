"""The status sync's queue: which campaigns are due for a refresh, claimed one refresher at a time.

A campaign's `sync_due_at` (its row of `campaign_sync`) is both its place in the queue and
its lease: a refresher claims a due campaign by moving that time forward by the lease, in one
statement (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so two workers never claim the same row and
neither waits for the other; SQLite's writers take turns). If the refresher dies, the campaign
simply comes due again when the lease runs out. A refresh's result is written to that narrow
row, and to the campaign's own row only where its status or progress changed, in the same
transaction (schema.py says why the queue is not in the campaigns' table).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import Any, Final

from sqlalchemy import Connection, Executable, Update, bindparam, select, update

from gateway.events.changes import CAMPAIGN_REF, state_change_events
from gateway.events.model import NewEvent
from gateway.events.outbox import emit_all
from gateway.store.outcome import Finish, fit_outcome
from gateway.store.registry import Registry
from gateway.store.schema import campaign_sync, campaigns
from gateway.store.sync_rows import upsert_statement

__all__ = ["ANY_STATUS", "Deferred", "Dropped", "Due", "Refreshed", "Settled", "SyncQueue"]


# The most campaigns one write transaction of a claim or a settle holds: on SQLite, creates wait behind it.
_ROWS_PER_WRITE = 25
# Between two of a claim's write transactions: the write lock is not fair, and a taker that
# went on at once would keep a create waiting for the lock through every transaction.
_BETWEEN_WRITES_S = 0.0002
# The campaigns a claim leased, and a settle's (before and under the write lock), built once:
# what a refresher needs, what a state change is compared with, and the vendor's word, which a
# refresh may change alone.
_CAMPAIGN_REFS = select(*CAMPAIGN_REF, campaigns.c.vendor_status).where(
    campaigns.c.id.in_(bindparam("ids", expanding=True))
)


class _AnyStatus:
    """`record` without a check of the status the refresh started from."""


ANY_STATUS: Final = _AnyStatus()


@dataclass(frozen=True)
class Due:
    """A campaign claimed for a refresh."""

    campaign_id: str
    tenant: str
    vendor: str
    vendor_campaign_id: str
    status: str | None
    streak: int


@dataclass(frozen=True)
class Refreshed:
    """What a refresh read (`state`: None if the answer told nothing) and when to look again.

    With `expected_status` (the status when the refresh began), nothing is written if the
    status changed meanwhile: an action settled while the vendor was being read, and what it
    recorded (with its own next refresh, soon) is newer than this read.
    """

    campaign_id: str
    state: Finish | None
    next_due: datetime | None
    streak: int
    expected_status: str | _AnyStatus | None = ANY_STATUS


@dataclass(frozen=True)
class Deferred:
    """Nothing read (a vendor's Retry-After, an open circuit, a failed read): look again at `until`.

    With `streak`, the interval after the next refresh grows from there: failures in a row
    back off as unchanged reads do.
    """

    campaign_id: str
    until: datetime
    streak: int | None = None


@dataclass(frozen=True)
class Dropped:
    """Out of the queue without a refresh (its vendor has nothing to read)."""

    campaign_id: str


Settled = Refreshed | Deferred | Dropped


class SyncQueue:
    """Claim due campaigns and record what a refresh found."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry
        self._asked_lock = threading.Lock()
        self._asked: dict[str, datetime] = {}

    def admit_refresh(self, campaign_id: str, now: datetime, every: timedelta) -> bool:
        """Whether an on-demand refresh may ask the vendor now: not if this process asked within `every`.

        The registry's `synced_at` alone would let two requests arriving together both ask, and
        a failing vendor be asked by every request (a failed read records nothing).
        """
        with self._asked_lock:
            last = self._asked.get(campaign_id)
            if last is not None and now - last < every:
                return False
            if len(self._asked) > 10_000:  # bounded: only the recent entries matter
                self._asked = {key: at for key, at in self._asked.items() if now - at < every}
            self._asked[campaign_id] = now
            return True

    def claim(self, limit: int, lease: timedelta) -> list[Due]:
        """Up to `limit` due campaigns, earliest first, each leased for `lease`.

        A read first: with nothing due (the usual case between passes) no write transaction is
        begun, so an idle refresher never queues for SQLite's single writer. Then, on SQLite,
        transactions of at most `_ROWS_PER_WRITE` campaigns, as in `settle`; on PostgreSQL,
        which locks rows, not the database, one (each commit waits for a flush of its log).
        """
        now = self._registry.clock()
        with self._registry.engine.connect() as connection:
            anything = connection.execute(
                select(campaign_sync.c.campaign_id).where(campaign_sync.c.sync_due_at <= now).limit(1)
            ).first()
        if anything is None:
            return []
        per_write = _ROWS_PER_WRITE if self._registry.engine.dialect.name == "sqlite" else limit
        streaks: dict[str, int] = {}
        while len(streaks) < limit:
            if streaks:
                time.sleep(_BETWEEN_WRITES_S)
            wanted = min(limit - len(streaks), per_write)
            with self._registry.transaction() as connection:
                leased = connection.execute(_claim_statement(wanted), {"now": now, "leased": now + lease}).all()
            streaks.update((row.campaign_id, row.sync_streak) for row in leased)
            if len(leased) < wanted:
                break
        if not streaks:
            return []
        with self._registry.engine.connect() as connection:
            rows = _campaign_refs(connection, list(streaks)).values()
        return [
            Due(row.id, row.tenant, row.vendor, row.vendor_campaign_id or "", row.status, streaks[row.id])
            for row in rows
        ]

    def settle(self, outcomes: Sequence[Settled]) -> set[str]:
        """Write what a pass found; the campaigns whose status changed.

        On SQLite every write transaction holds the one writer that creates wait for, so the
        writes go in transactions of at most `_ROWS_PER_WRITE` campaigns, as in `claim`; on
        PostgreSQL, in one. What to write (values, events) is worked out from a read before the
        write lock is taken. The write reads the rows again: if one changed in between (an
        action recorded meanwhile), the writes are worked out once more from what the write sees.
        """
        if not outcomes:
            return set()
        now = self._registry.clock()
        changed: set[str] = set()
        per_write = _ROWS_PER_WRITE if self._registry.engine.dialect.name == "sqlite" else len(outcomes)
        for start in range(0, len(outcomes), per_write):
            chunk = outcomes[start : start + per_write]
            refreshed = [outcome.campaign_id for outcome in chunk if isinstance(outcome, Refreshed)]
            with self._registry.engine.connect() as connection:
                rows = _campaign_refs(connection, refreshed)
            plan = _plan(chunk, rows, now)
            with self._registry.transaction() as connection:
                if refreshed and (current := _campaign_refs(connection, refreshed)) != rows:
                    plan = _plan(chunk, current, now)
                for (table, columns), rows_values in plan.writes.items():
                    connection.execute(_write_statement(connection.dialect.name, table, columns), rows_values)
                emit_all(connection, plan.events)
            changed |= plan.changed
        return changed

    def record(
        self,
        campaign_id: str,
        state: Finish | None,
        *,
        next_due: datetime | None,
        streak: int,
        expected_status: str | _AnyStatus | None = ANY_STATUS,
    ) -> bool:
        """One campaign's refresh (see `Refreshed`); True when its status changed."""
        return bool(self.settle([Refreshed(campaign_id, state, next_due, streak, expected_status)]))

    def defer(self, campaign_id: str, until: datetime, *, streak: int | None = None) -> None:
        """Look again at `until` (see `Deferred`)."""
        self.settle([Deferred(campaign_id, until, streak)])

    def drop(self, campaign_id: str) -> None:
        """Take a campaign out of the queue without a refresh (its vendor has nothing to read)."""
        self.settle([Dropped(campaign_id)])


@dataclass
class _Plan:
    """A settle's writes: for each table and set of columns, one row of values per campaign; the events."""

    writes: dict[tuple[str, tuple[str, ...]], list[dict[str, Any]]] = field(default_factory=dict)
    events: list[NewEvent] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)

    def write(self, table: str, campaign_id: str, values: dict[str, Any]) -> None:
        """`values` to write in the campaign's row of `table` (campaign_sync's: a row made if missing)."""
        key = (table, tuple(sorted(values)))
        if table == campaign_sync.name:  # an INSERT's parameters, named by column
            parameters = {**values, "campaign_id": campaign_id}
        else:  # an UPDATE's, named apart from its columns
            parameters = {**{f"v_{column}": value for column, value in values.items()}, "v_id": campaign_id}
        self.writes.setdefault(key, []).append(parameters)


@cache
def _claim_statement(limit: int) -> Update:
    """Lease up to `limit` due campaigns, earliest first, and return them (built once per limit)."""
    due = (
        select(campaign_sync.c.campaign_id)
        .where(campaign_sync.c.sync_due_at <= bindparam("now"))
        .order_by(campaign_sync.c.sync_due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return (
        update(campaign_sync)
        .where(campaign_sync.c.campaign_id.in_(due.scalar_subquery()))
        .values(sync_due_at=bindparam("leased"))
        .returning(campaign_sync.c.campaign_id, campaign_sync.c.sync_streak)
    )


@cache
def _write_statement(dialect_name: str, table: str, columns: tuple[str, ...]) -> Executable:
    """The settle's write of `columns` by campaign id (built once per set of columns).

    A campaign's sync row is upserted: an on-demand refresh may read a campaign that was never
    queued (a terminal one, say), and its `synced_at` is still recorded.
    """
    if table == campaign_sync.name:
        return upsert_statement(dialect_name, ("campaign_id", *columns))
    return (
        update(campaigns)
        .where(campaigns.c.id == bindparam("v_id"))
        .values({column: bindparam(f"v_{column}") for column in columns})
    )


def _campaign_refs(connection: Connection, campaign_ids: Sequence[str]) -> dict[str, Any]:
    if not campaign_ids:
        return {}
    return {row.id: row for row in connection.execute(_CAMPAIGN_REFS, {"ids": list(campaign_ids)})}


def _plan(outcomes: Sequence[Settled], rows: dict[str, Any], now: datetime) -> _Plan:
    """The writes for `outcomes`, given the campaigns' rows as read (`_CAMPAIGN_REFS`)."""
    plan = _Plan()
    for outcome in outcomes:
        if isinstance(outcome, Dropped):
            plan.write(campaign_sync.name, outcome.campaign_id, {"sync_due_at": None})
        elif isinstance(outcome, Deferred):
            values: dict[str, Any] = {"sync_due_at": outcome.until}
            if outcome.streak is not None:
                values["sync_streak"] = outcome.streak
            plan.write(campaign_sync.name, outcome.campaign_id, values)
        else:
            _plan_refresh(outcome, rows.get(outcome.campaign_id), now, plan)
    return plan


def _plan_refresh(outcome: Refreshed, row: Any, now: datetime, plan: _Plan) -> None:
    """One refresh's writes, events and status change, into `plan` (none if the row is gone or moved on)."""
    if row is None:
        return
    if not isinstance(outcome.expected_status, _AnyStatus) and row.status != outcome.expected_status:
        return
    synced = {"synced_at": now, "sync_due_at": outcome.next_due, "sync_streak": outcome.streak}
    plan.write(campaign_sync.name, outcome.campaign_id, synced)
    if outcome.state is None:
        return
    fitted = fit_outcome(outcome.state)
    news: dict[str, Any] = {}
    if (row.status, row.vendor_status) != (fitted.status, fitted.vendor_status):
        news.update(status=fitted.status, vendor_status=fitted.vendor_status)
    if fitted.progress is not None and fitted.progress != row.progress:
        news["progress"] = fitted.progress
    if row.status != fitted.status:
        news["status_changed_at"] = now
        plan.changed.add(outcome.campaign_id)
    if news:
        plan.write(campaigns.name, outcome.campaign_id, {**news, "updated_at": now})
    plan.events += state_change_events(
        row._mapping, before=row.status, after=fitted, progress_before=row.progress, source="sync", now=now
    )
