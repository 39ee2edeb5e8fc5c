"""Status sync: each live campaign's state read from its vendor, in the background and on demand.

A campaign that is not terminal, at a vendor with a get operation, is due for a refresh soon
after its launch and after each action, then at a growing interval while nothing changes
(`GATEWAY_SYNC_INTERVAL_S` doubling up to `GATEWAY_SYNC_MAX_INTERVAL_S`, each with jitter, so
campaigns launched together drift apart and a restart brings no storm: the due times are in
the database). A vendor's 429 defers by its Retry-After, an open circuit by its cooldown.
Which worker refreshes which campaign is settled by the queue's lease (gateway/store/sync.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

from anyio import to_thread

from gateway import background
from gateway.errors import GatewayError, VendorNotConfigured, VendorRateLimited, VendorUnavailable
from gateway.lifecycle import TERMINAL, Progress
from gateway.service import Gateway
from gateway.settings import Settings
from gateway.store.outcome import Finish
from gateway.store.sync import Deferred, Dropped, Due, Refreshed, Settled
from gateway.vendors import Adapter, raise_for_reply

__all__ = [
    "REFRESH_AT_MOST_EVERY",
    "StatusSync",
    "first_sync",
    "read_state",
    "refresh_now",
    "run_until_signalled",
    "shutdown_grace_s",
    "soon",
    "state_outcome",
]

_log = logging.getLogger(__name__)
# A claimed campaign is someone's for as long as its pass can take, and this much more.
_LEASE_MARGIN_S = 30.0
# A vendor that is not configured (any more) is looked at again this much later.
_NOT_CONFIGURED_S = 3600.0
# `GET /v1/campaigns/{id}?refresh=true` asks the vendor at most this often per campaign.
REFRESH_AT_MOST_EVERY = timedelta(seconds=1)
# Jitter needs no secrecy, only its own generator: the global one belongs to whoever seeds it.
_JITTER = random.Random()
# At shutdown, refreshes under way get this long beyond the vendor deadline to be recorded; one
# cut short keeps its lease and comes due again when it runs out.
_SHUTDOWN_MARGIN_S = 5.0
# The longest wait between passes after failed ones.
_MOST_IDLE_S = 60.0
_T = TypeVar("_T")


def first_sync(gateway: Gateway, adapter: Adapter, status: str | None) -> datetime | None:
    """When a newly accepted campaign is first refreshed; None if it never is."""
    if status in TERMINAL or adapter.refusal("get") is not None:
        return None
    seconds = gateway.settings.sync_interval_s * (0.8 + 0.4 * _JITTER.random())
    return gateway.registry.clock() + timedelta(seconds=seconds)


def soon(gateway: Gateway, adapter: Adapter, status: str | None) -> datetime | None:
    """When a campaign is refreshed after an action changed it; None if it never is."""
    if status in TERMINAL or adapter.refusal("get") is not None:
        return None
    return gateway.registry.clock() + timedelta(seconds=gateway.settings.sync_soon_s)


async def refresh_now(gateway: Gateway, row: Mapping[str, Any]) -> bool:
    """Read the vendor's state of one campaign now (`?refresh=true`); False when there is nothing to ask.

    Nothing to ask: the vendor never accepted it, has no get operation, or was asked (by any
    request to this process, or read by any refresher) less than `REFRESH_AT_MOST_EVERY` ago.
    A vendor failure is raised, as on any route. The next background refresh counts from this one.
    """
    synced_at: datetime | None = row.get("synced_at")
    now = gateway.registry.clock()
    if row["dispatch"] != "accepted" or not row["vendor_campaign_id"]:
        return False
    if synced_at is not None and now - synced_at < REFRESH_AT_MOST_EVERY:
        return False
    adapter = await gateway.live_adapter_async(row["vendor"], row["tenant"])
    if adapter.refusal("get") is not None:
        return False
    if not gateway.sync_queue.admit_refresh(row["id"], now, REFRESH_AT_MOST_EVERY):
        return False
    state = await read_state(gateway, adapter, row["vendor_campaign_id"])
    status = row["status"] if state is None else state.status
    next_due = None if status in TERMINAL else now + timedelta(seconds=gateway.settings.sync_interval_s)
    await to_thread.run_sync(
        lambda: gateway.sync_queue.record(row["id"], state, next_due=next_due, streak=0, expected_status=row["status"])
    )
    return True


class StatusSync:
    """Refresh due campaigns: `run_once` a batch, `run` until stopped.

    The queue's reads and writes go to a worker thread: `database`'s, when given (the sync
    process's, kept at a higher CPU priority than its reads: see `cede_cpu_to_requests`).
    """

    def __init__(
        self,
        gateway: Gateway,
        *,
        batch: int = 100,
        concurrency: int | None = None,
        jitter: Callable[[], float] = _JITTER.random,
        database: Executor | None = None,
    ) -> None:
        concurrency = concurrency or gateway.settings.sync_concurrency
        self._gateway = gateway
        self._database = database
        self._queue = gateway.sync_queue
        self._batch = batch
        self._concurrency = asyncio.Semaphore(concurrency)
        self._jitter = jitter
        settings = gateway.settings
        self._first = settings.sync_interval_s
        self._most = max(settings.sync_max_interval_s, settings.sync_interval_s)
        # A pass records its batch at the end: the lease covers its reads in waves of `concurrency`.
        waves = math.ceil(batch / max(concurrency, 1))
        self._lease = timedelta(seconds=waves * settings.vendor_timeout_s + _LEASE_MARGIN_S)

    def interval(self, streak: int) -> timedelta:
        """The wait after `streak` refreshes in a row that found nothing new, with ±20 % jitter."""
        base = min(self._first * 2 ** min(streak, 32), self._most)
        return timedelta(seconds=base * (0.8 + 0.4 * self._jitter()))

    async def run(self, stop: asyncio.Event, *, idle_s: float = 1.0) -> None:
        """Refresh what comes due until `stop` is set; a failed pass is logged and the next one runs.

        Passes that fail in a row (the database down, say) wait longer each time, up to
        `_MOST_IDLE_S`, so an outage is not logged every second by every worker.
        """
        failures = 0
        while not stop.is_set():
            try:
                refreshed = await self.run_once()
                failures = 0
            except Exception:
                _log.exception("a status sync pass failed")
                refreshed, failures = 0, failures + 1
            if refreshed < self._batch:
                wait = min(idle_s * 2 ** min(failures, 16), max(idle_s, _MOST_IDLE_S))
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), wait)

    async def run_once(self) -> int:
        """Claim a batch of due campaigns, read them, record what was read in one write; how many were claimed."""
        claimed = await self._in_database(self._queue.claim, self._batch, self._lease)
        if not claimed:
            return 0
        outcomes = await asyncio.gather(*(self._outcome_of(due) for due in claimed))
        await self._in_database(self._queue.settle, outcomes)
        return len(claimed)

    async def refresh(self, due: Due) -> bool:
        """Read one campaign's state from its vendor and record it; True if its status changed."""
        outcome = await self._outcome_of(due)
        return bool(await self._in_database(self._queue.settle, [outcome]))

    async def _in_database(self, work: Callable[..., _T], *args: Any) -> _T:
        if self._database is None:
            return await to_thread.run_sync(work, *args)
        # Shielded as `to_thread` is: a pass cancelled at shutdown still waits for its write, and
        # then is cancelled, whatever the write's outcome (a failure is logged, not raised instead).
        future = asyncio.get_running_loop().run_in_executor(self._database, work, *args)
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            await asyncio.wait([future])
            if not future.cancelled() and (failure := future.exception()) is not None:
                _log.error("a status sync write under way at cancellation failed", exc_info=failure)
            raise

    async def _outcome_of(self, due: Due) -> Settled:
        async with self._concurrency:
            try:
                return await self._read(due)
            except Exception:  # a bug, not the vendor: this campaign backs off, the others go on
                _log.exception("refreshing campaign %s failed", due.campaign_id)
                return self._deferred(due, self.interval(due.streak + 1), backoff=True)

    async def _read(self, due: Due) -> Settled:
        try:
            adapter = await self._gateway.live_adapter_async(due.vendor, due.tenant)
        except VendorNotConfigured:
            return self._deferred(due, timedelta(seconds=_NOT_CONFIGURED_S))
        if adapter.refusal("get") is not None or not due.vendor_campaign_id:
            return Dropped(due.campaign_id)  # nothing was read: no synced_at
        try:
            state = await read_state(self._gateway, adapter, due.vendor_campaign_id)
        except VendorRateLimited as limited:
            return self._deferred(due, max(_retry_after(limited), self.interval(due.streak)))
        except VendorUnavailable as unavailable:
            return self._deferred(due, max(_retry_after(unavailable), self.interval(due.streak + 1)), backoff=True)
        except GatewayError:
            return self._deferred(due, self.interval(due.streak + 1), backoff=True)
        now = self._gateway.registry.clock()
        # An answer that tells nothing counts as unchanged.
        streak = 0 if state is not None and state.status != due.status else due.streak + 1
        terminal = state is not None and state.status in TERMINAL
        next_due = None if terminal else now + self.interval(streak)
        return Refreshed(due.campaign_id, state, next_due, streak, expected_status=due.status)

    def _deferred(self, due: Due, wait: timedelta, *, backoff: bool = False) -> Deferred:
        """Look again after `wait`; with `backoff`, the failure counts in the streak, so the waits grow."""
        until = self._gateway.registry.clock() + wait
        return Deferred(due.campaign_id, until, due.streak + 1 if backoff else None)


async def read_state(gateway: Gateway, adapter: Adapter, vendor_campaign_id: str) -> Finish | None:
    """The vendor's `get` of one campaign, through its circuit; None when its answer tells no state."""
    breaker = gateway.breakers[adapter.slug]
    breaker.check()
    with breaker.call():
        reply = await adapter.call(adapter.lifecycle_call("get", vendor_campaign_id))
        # Inside the circuit: a vendor's 5xx answer is a failure it counts, as on every other route.
        raise_for_reply(adapter.slug, reply, subject="read")
    state = adapter.answer_state(reply)
    return None if state is None else state_outcome(state.status, state.vendor_status, state.progress)


def state_outcome(status: str, vendor_status: str | None, progress: Progress | None) -> Finish:
    """A read state as the registry records it (a `Finish` whose dispatch is not written)."""
    return Finish(
        dispatch="accepted",
        response_status=0,
        response_body=b"",
        response_type="",
        status=status,
        vendor_status=vendor_status,
        progress=None if progress is None else progress.as_dict(),
    )


def _retry_after(error: GatewayError) -> timedelta:
    """The error's Retry-After: seconds, or an HTTP date (RFC 9110, 10.2.3); zero when absent or unreadable."""
    value = error.headers.get("Retry-After", "").strip()
    try:
        return timedelta(seconds=max(0.0, float(value)))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return timedelta(0)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(timedelta(0), when - datetime.now(UTC))


async def run_until_signalled(gateway: Gateway, *, parent: int | None = None, database: Executor | None = None) -> None:
    """`campaign-gateway sync`: refresh due campaigns until SIGINT, SIGTERM or `parent` gone; then finish the pass."""
    try:
        syncing = StatusSync(gateway, database=database)
        await background.run_until_signalled(syncing.run, shutdown_grace_s(gateway.settings), parent=parent)
    finally:
        await gateway.close_vendor_connections()


def shutdown_grace_s(settings: Settings) -> float:
    """How long a stopping refresher waits for the refreshes under way."""
    return settings.vendor_timeout_s + _SHUTDOWN_MARGIN_S
