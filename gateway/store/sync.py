"""The status sync's queue: which campaigns are due for a refresh, claimed one refresher at a time.

A campaign's `sync_due_at` is both its place in the queue and its lease: a refresher claims a
due campaign by moving that time forward by the lease, in one statement (`FOR UPDATE SKIP
LOCKED` on PostgreSQL, so two workers never claim the same row and neither waits for the
other; SQLite's writers take turns). If the refresher dies, the campaign simply comes due
again when the lease runs out. The queue lives in the campaigns' own table because a
campaign's next refresh changes with its status, in the same transaction.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import select, update

from gateway.store.outcome import Finish, fit_outcome
from gateway.store.registry import Registry
from gateway.store.schema import campaigns

__all__ = ["ANY_STATUS", "Due", "SyncQueue"]

_DUE_COLUMNS = (
    campaigns.c.id,
    campaigns.c.tenant,
    campaigns.c.vendor,
    campaigns.c.vendor_campaign_id,
    campaigns.c.status,
    campaigns.c.sync_streak,
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
        begun, so an idle refresher never queues for SQLite's single writer.
        """
        now = self._registry.clock()
        with self._registry.engine.connect() as connection:
            anything = connection.execute(select(campaigns.c.id).where(campaigns.c.sync_due_at <= now).limit(1)).first()
        if anything is None:
            return []
        due = (
            select(campaigns.c.id)
            .where(campaigns.c.sync_due_at <= now)
            .order_by(campaigns.c.sync_due_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        claim = (
            update(campaigns)
            .where(campaigns.c.id.in_(due.scalar_subquery()))
            .values(sync_due_at=now + lease)
            .returning(*_DUE_COLUMNS)
        )
        with self._registry.transaction() as connection:
            rows = connection.execute(claim).all()
        return [
            Due(row.id, row.tenant, row.vendor, row.vendor_campaign_id or "", row.status, row.sync_streak or 0)
            for row in rows
        ]

    def record(
        self,
        campaign_id: str,
        state: Finish | None,
        *,
        next_due: datetime | None,
        streak: int,
        expected_status: str | _AnyStatus | None = ANY_STATUS,
    ) -> bool:
        """What a refresh read (`state`: None if the answer told nothing) and when to look again.

        True when the status changed. `state` carries status, vendor_status and progress. With
        `expected_status` (the status when the refresh began), nothing is written if the status
        changed meanwhile: an action settled while the vendor was being read, and what it
        recorded (with its own next refresh, soon) is newer than this read.
        """
        now = self._registry.clock()
        values: dict[str, Any] = {"synced_at": now, "sync_due_at": next_due, "sync_streak": streak}
        changed = False
        with self._registry.transaction() as connection:
            current = connection.execute(select(campaigns.c.status).where(campaigns.c.id == campaign_id)).first()
            if current is None:
                return False
            if not isinstance(expected_status, _AnyStatus) and current.status != expected_status:
                return False
            if state is not None:
                fitted = fit_outcome(state)
                changed = current.status != fitted.status
                values.update(status=fitted.status, vendor_status=fitted.vendor_status, updated_at=now)
                if fitted.progress is not None:
                    values["progress"] = fitted.progress
                if changed:
                    values["status_changed_at"] = now
            connection.execute(update(campaigns).where(campaigns.c.id == campaign_id).values(values))
        return changed

    def defer(self, campaign_id: str, until: datetime, *, streak: int | None = None) -> None:
        """Look again at `until` (a vendor's Retry-After, an open circuit, a failed read).

        With `streak`, the interval after the next refresh grows from there: failures in a row
        back off as unchanged reads do.
        """
        values: dict[str, Any] = {"sync_due_at": until}
        if streak is not None:
            values["sync_streak"] = streak
        with self._registry.transaction() as connection:
            connection.execute(update(campaigns).where(campaigns.c.id == campaign_id).values(values))

    def drop(self, campaign_id: str) -> None:
        """Take a campaign out of the queue without a refresh (its vendor has nothing to read)."""
        with self._registry.transaction() as connection:
            connection.execute(update(campaigns).where(campaigns.c.id == campaign_id).values(sync_due_at=None))
