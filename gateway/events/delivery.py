"""Delivering events to subscriptions: claimed with a lease, signed, posted, retried (EVENTS.md).

A delivery's `next_attempt_at` is its place in the queue and its lease in one column, as the
status sync's `sync_due_at` (gateway/store/sync.py): a deliverer claims due deliveries by
moving it forward by `LEASE` in one statement (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so
workers never claim the same row nor wait for each other), posts them, then records each
outcome only if the delivery is still its own (a manual retry or a later claim moved it
meanwhile). A worker killed mid-delivery leaves the lease to run out, and the delivery comes
due again: at least once, each attempt with the event id as `webhook-id`. A 2xx from a
subscription's receiver makes its deliveries waiting on backoff due at once: an outage's
backlog drains when the receiver is back, not hours later.

Each attempt has a total deadline (`ATTEMPT_DEADLINE_S`, not a per-read timeout, which a
receiver sending a byte a second would never trip), does not follow redirects, and connects to
the address the SSRF rules checked just before (gateway/events/ssrf.py).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final
from urllib.parse import urlsplit

import aiohttp
from anyio import to_thread
from prometheus_client import Counter, Gauge
from sqlalchemy import Connection, bindparam, func, insert, select, update
from standardwebhooks.webhooks import Webhook

from gateway import jsoncodec
from gateway.events.feed import EVENT_VIEW_COLUMNS, event_view
from gateway.events.ssrf import Resolver, Target, WebhookUrlRefused, check_target, system_resolver
from gateway.events.subscriptions import (
    SUBSCRIPTION_DISABLED,
    SecretSealer,
    SigningKeyMissing,
    live_entry,
    set_aside_pending,
)
from gateway.store.registry import Registry
from gateway.store.schema import events, webhook_attempts, webhook_deliveries, webhook_subscriptions

__all__ = [
    "ATTEMPT_DEADLINE_S",
    "BACKLOG",
    "DELIVERY_ATTEMPTS",
    "LEASE",
    "OLDEST_PENDING",
    "SCHEDULE",
    "Claimed",
    "Deliverer",
    "Outcome",
    "payload_of",
    "retry_wait",
]

_log = logging.getLogger("gateway.events.delivery")

# The wait before each attempt: at once, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (EVENTS.md);
# after the last, the delivery is `failed` (and retryable through the API).
SCHEDULE: Final = (0, 5, 300, 1800, 7200, 18000, 36000, 36000)
LEASE: Final = timedelta(seconds=30)
ATTEMPT_DEADLINE_S: Final = 10.0
# How much later than a settle's `now` another worker's claim can be read by it (its
# transaction's own duration, and clocks a little apart between machines).
_CLAIM_MARGIN = timedelta(seconds=5)
_EXCERPT = 1000
_ERROR = 500

DELIVERY_ATTEMPTS = Counter(
    "gateway_webhook_delivery_attempts_total", "Webhook delivery attempts by outcome", ["outcome"]
)
BACKLOG = Gauge(
    "gateway_webhook_backlog", "Webhook deliveries not yet delivered nor failed", multiprocess_mode="livemax"
)
OLDEST_PENDING = Gauge(
    "gateway_webhook_oldest_pending_seconds",
    "Age of the oldest webhook delivery not yet delivered nor failed",
    multiprocess_mode="livemax",
)


_SETTLE = (
    update(webhook_deliveries)
    .where(
        webhook_deliveries.c.id == bindparam("s_id"),
        webhook_deliveries.c.next_attempt_at == bindparam("s_lease"),
    )
    .values(
        {
            name: bindparam(name)
            for name in (
                "status",
                "attempts",
                "next_attempt_at",
                "last_attempt_at",
                "last_status_code",
                "last_error",
                "delivered_at",
            )
        }
    )
)


def retry_wait(attempts: int) -> timedelta | None:
    """The wait after `attempts` failed attempts before the next; None when there is no next."""
    if attempts >= len(SCHEDULE):
        return None
    return timedelta(seconds=SCHEDULE[attempts])


@dataclass(frozen=True)
class Claimed:
    """A delivery claimed for one attempt, with what it needs to be sent."""

    id: str
    subscription_id: str
    event_id: str
    attempts: int
    lease_until: datetime
    url: str | None  # None: the subscription is gone or disabled
    sealed_secrets: bytes | None
    event: dict[str, Any] | None  # None: the event has expired


@dataclass(frozen=True)
class Outcome:
    """What one attempt gave."""

    delivery: Claimed
    attempted_at: datetime
    status_code: int | None
    error: str | None
    excerpt: str | None
    duration_ms: int
    label: str  # the metric's outcome: delivered, http_error, redirect, gone, timeout, refused, error

    @property
    def delivered(self) -> bool:
        """A 2xx answer."""
        return self.status_code is not None and 200 <= self.status_code < 300


def payload_of(event: dict[str, Any]) -> bytes:
    """The Standard Webhooks body: `{type, timestamp, data}`, the event as `data`."""
    return jsoncodec.dumps({"type": event["type"], "timestamp": event["occurred_at"], "data": event})


class Deliverer:
    """Claims due deliveries and attempts them: `run_once` a batch, `run` until stopped."""

    def __init__(
        self,
        registry: Registry,
        sealer: SecretSealer,
        *,
        allow_private: bool,
        concurrency: int = 16,
        batch: int | None = None,
        resolver: Resolver = system_resolver,
        deadline_s: float = ATTEMPT_DEADLINE_S,
        lease: timedelta = LEASE,
    ) -> None:
        self._registry = registry
        self._sealer = sealer
        self._allow_private = allow_private
        self._concurrency = concurrency
        # Two waves of attempts at most per claim: even at the deadline each, the batch is
        # recorded well within its lease.
        self.batch = batch or 2 * concurrency
        self._resolver = resolver
        self._deadline_s = deadline_s
        self._lease = lease
        self._session: aiohttp.ClientSession | None = None
        self._opened: dict[bytes, list[dict[str, str | None]]] = {}

    @property
    def clock(self) -> Callable[[], datetime]:
        """The registry's clock (tests give a fake one)."""
        return self._registry.clock

    async def run_once(self) -> int:
        """Claim a batch of due deliveries, attempt them, record the outcomes; how many were claimed."""
        claimed = await to_thread.run_sync(self.claim, self.batch)
        if not claimed:
            return 0
        gate = asyncio.Semaphore(self._concurrency)

        async def attempt(delivery: Claimed) -> Outcome:
            async with gate:
                return await self.attempt(delivery)

        outcomes = await asyncio.gather(*(attempt(delivery) for delivery in claimed))
        await to_thread.run_sync(self.settle, outcomes)
        return len(claimed)

    def claim(self, limit: int) -> list[Claimed]:
        """Up to `limit` due deliveries, earliest first, each leased (LEASE unless told otherwise).

        A read first: with nothing due (the usual case between events) no write transaction is
        begun, so an idle deliverer never queues for SQLite's single writer.
        """
        now = self.clock()
        due_condition = (webhook_deliveries.c.next_attempt_at <= now, webhook_deliveries.c.status == "pending")
        with self._registry.engine.connect() as connection:
            if connection.execute(select(webhook_deliveries.c.id).where(*due_condition).limit(1)).first() is None:
                return []
        due = (
            select(webhook_deliveries.c.id)
            .where(*due_condition)
            .order_by(webhook_deliveries.c.next_attempt_at)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        lease_until = now + self._lease
        claim = (
            update(webhook_deliveries)
            .where(webhook_deliveries.c.id.in_(due.scalar_subquery()))
            .values(next_attempt_at=lease_until)
            .returning(
                webhook_deliveries.c.id,
                webhook_deliveries.c.subscription_id,
                webhook_deliveries.c.event_id,
                webhook_deliveries.c.attempts,
                webhook_deliveries.c.next_attempt_at,
            )
        )
        with self._registry.transaction() as connection:
            rows = connection.execute(claim).all()
            if not rows:
                return []
            subscriptions = {
                row.id: row
                for row in connection.execute(
                    select(
                        webhook_subscriptions.c.id,
                        webhook_subscriptions.c.url,
                        webhook_subscriptions.c.status,
                        webhook_subscriptions.c.secrets,
                    ).where(webhook_subscriptions.c.id.in_({row.subscription_id for row in rows}))
                )
            }
            found = {
                row["id"]: event_view(dict(row))
                for row in connection.execute(
                    select(*EVENT_VIEW_COLUMNS).where(events.c.id.in_({row.event_id for row in rows}))
                ).mappings()
            }
        claimed = []
        for row in rows:
            subscription = subscriptions.get(row.subscription_id)
            active = subscription if subscription is not None and subscription.status == "active" else None
            claimed.append(
                Claimed(
                    id=row.id,
                    subscription_id=row.subscription_id,
                    event_id=row.event_id,
                    attempts=row.attempts,
                    lease_until=row.next_attempt_at,
                    url=active.url if active is not None else None,
                    sealed_secrets=active.secrets if active is not None else None,
                    event=found.get(row.event_id),
                )
            )
        return claimed

    def _live_secrets(self, sealed: bytes, now: datetime) -> list[str]:
        """The subscription's signing secrets at `now`, opened once per sealed value (Fernet costs)."""
        entries = self._opened.get(sealed)
        if entries is None:
            if len(self._opened) > 10_000:  # bounded: only the subscriptions in use matter
                self._opened.clear()
            entries = self._opened[sealed] = self._sealer.open(sealed)
        return [str(entry["secret"]) for entry in entries if live_entry(entry, now)]

    async def attempt(self, delivery: Claimed) -> Outcome:
        """Post one delivery once (never raises: every failure is an outcome)."""
        attempted_at = self.clock()
        started = time.perf_counter()

        def outcome(
            label: str, status: int | None = None, error: str | None = None, excerpt: str | None = None
        ) -> Outcome:
            duration_ms = round((time.perf_counter() - started) * 1000)
            return Outcome(delivery, attempted_at, status, error and error[:_ERROR], excerpt, duration_ms, label)

        if delivery.url is None or delivery.sealed_secrets is None:
            return outcome("refused", error="the subscription is disabled or gone")
        if delivery.event is None:
            return outcome("refused", error="the event has expired")
        url = delivery.url

        def checked() -> Target:
            return check_target(url, allow_private=self._allow_private, resolver=self._resolver)

        try:
            secrets = self._live_secrets(delivery.sealed_secrets, attempted_at)
            # A name is resolved in a thread (the resolver blocks); an address needs no lookup.
            target = checked() if _literal_host(url) else await to_thread.run_sync(checked)
        except (SigningKeyMissing, WebhookUrlRefused) as refused:
            detail = refused.errors[0].message if refused.errors else refused.detail
            return outcome("refused", error=detail)
        body = payload_of(delivery.event)
        headers = _signed_headers(delivery.event_id, attempted_at, body, secrets)
        headers["host"] = _host_header(target.host, target.port, target.url)
        https = target.url.startswith("https:")
        try:
            async with asyncio.timeout(self._deadline_s):
                async with self._http().post(
                    target.pinned_url(),
                    data=body,
                    headers=headers,
                    allow_redirects=False,
                    server_hostname=target.host if https else None,
                ) as response:
                    excerpt = (await response.content.read(_EXCERPT)).decode("utf-8", "replace")
        except TimeoutError:
            return outcome("timeout", error=f"no complete answer within {self._deadline_s:g} s")
        except aiohttp.ClientError as exc:
            return outcome("error", error=f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
        status = response.status
        if 200 <= status < 300:
            return outcome("delivered", status, excerpt=excerpt)
        if status == 410:
            return outcome("gone", status, error="410 Gone: the subscription is disabled", excerpt=excerpt)
        if 300 <= status < 400:
            where = response.headers.get("location", "")
            return outcome("redirect", status, error=f"redirect to {where!r} not followed", excerpt=excerpt)
        return outcome("http_error", status, error=f"HTTP {status}", excerpt=excerpt)

    def settle(self, outcomes: Sequence[Outcome]) -> None:
        """Record attempts and move each delivery on, in one transaction."""
        if not outcomes:
            return
        now = self.clock()
        with self._registry.transaction() as connection:
            # A subscription deleted while its deliveries were in flight took them along: their
            # attempts have nothing to belong to (and would break the batch's foreign key).
            ids = [item.delivery.id for item in outcomes]
            kept = set(
                connection.execute(select(webhook_deliveries.c.id).where(webhook_deliveries.c.id.in_(ids))).scalars()
            )
            outcomes = [item for item in outcomes if item.delivery.id in kept]
            if not outcomes:
                return
            connection.execute(
                insert(webhook_attempts),
                [
                    {
                        "delivery_id": item.delivery.id,
                        "attempted_at": item.attempted_at,
                        "status_code": item.status_code,
                        "error": item.error,
                        "response_excerpt": item.excerpt,
                        "duration_ms": item.duration_ms,
                    }
                    for item in outcomes
                ],
            )
            for item in outcomes:
                DELIVERY_ATTEMPTS.labels(item.label).inc()
            # One statement for the batch (executemany), guarded: only while the delivery is
            # still this claim's, so a manual retry or a newer claim wins.
            connection.execute(_SETTLE, [self._settled_values(item, now) for item in outcomes])
            for item in outcomes:
                if item.label == "gone":
                    self._disable(connection, item.delivery, now)
            for subscription_id in sorted({item.delivery.subscription_id for item in outcomes if item.delivered}):
                self._receiver_is_back(connection, subscription_id, now)

    @staticmethod
    def _settled_values(item: Outcome, now: datetime) -> dict[str, Any]:
        attempts = item.delivery.attempts + 1
        status, next_attempt_at, error = "pending", None, item.error
        if item.delivered:
            status = "delivered"
        elif item.label == "gone" or item.delivery.event is None:
            status = "failed"
        elif item.delivery.url is None:  # its subscription was disabled: set aside with the others
            status, error = "failed", SUBSCRIPTION_DISABLED
        else:
            wait = retry_wait(attempts)
            if wait is None:
                status = "failed"
            else:
                next_attempt_at = now + wait
        return {
            "s_id": item.delivery.id,
            "s_lease": item.delivery.lease_until,
            "status": status,
            "attempts": attempts,
            "next_attempt_at": next_attempt_at,
            "last_attempt_at": item.attempted_at,
            "last_status_code": item.status_code,
            "last_error": error,
            "delivered_at": now if item.delivered else None,
        }

    def _receiver_is_back(self, connection: Connection, subscription_id: str, now: datetime) -> None:
        """A receiver that answers 2xx again gets the deliveries that wait on its backoff at once.

        Without this, a receiver down for ten minutes would wait up to half an hour for the
        backlog its outage built (each delivery keeps its own backoff), while new events reach it
        at once. Only waits ending later than a lease and `_CLAIM_MARGIN` from `now` are cut
        short: a delivery another worker claimed while this transaction ran is due at most that
        late, and must stay its claimer's (cutting its lease short would send it twice); the
        shorter waits run out by themselves within ~35 s.
        """
        connection.execute(
            update(webhook_deliveries)
            .where(
                webhook_deliveries.c.next_attempt_at > now + self._lease + _CLAIM_MARGIN,
                webhook_deliveries.c.subscription_id == subscription_id,
                webhook_deliveries.c.status == "pending",
            )
            .values(next_attempt_at=now)
        )

    @staticmethod
    def _disable(connection: Connection, delivery: Claimed, now: datetime) -> None:
        """A 410: the subscription is disabled, unless the delivery was no longer this claim's."""
        settled = select(webhook_deliveries.c.id).where(
            webhook_deliveries.c.id == delivery.id,
            webhook_deliveries.c.status == "failed",
            webhook_deliveries.c.last_status_code == 410,
        )
        if connection.execute(settled).first() is None:
            return
        connection.execute(
            update(webhook_subscriptions)
            .where(webhook_subscriptions.c.id == delivery.subscription_id, webhook_subscriptions.c.status == "active")
            .values(status="disabled", disabled_reason="the receiver answered 410 Gone", updated_at=now)
        )
        set_aside_pending(connection, delivery.subscription_id)

    def measure(self) -> tuple[int, float]:
        """Backlog (deliveries still pending) and the age in seconds of the oldest; the gauges set to them."""
        now = self.clock()
        query = select(func.count(), func.min(webhook_deliveries.c.created_at)).where(
            webhook_deliveries.c.next_attempt_at.is_not(None)
        )
        with self._registry.engine.connect() as connection:
            count, oldest = connection.execute(query).one()
        if oldest is not None and oldest.tzinfo is None:  # SQLite's min() gives the stored text's naive form
            oldest = datetime.fromisoformat(str(oldest)).replace(tzinfo=now.tzinfo)
        age = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
        BACKLOG.set(count)
        OLDEST_PENDING.set(age)
        return int(count), age

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            # aiohttp, not httpx: httpx's pool scans every connection for each request, which
            # with many deliveries in flight made the pool the deliverer's bottleneck (found with
            # `python -m bench.deliver`). No DNS cache: the address is
            # the one the SSRF check just resolved, written into the URL.
            connector = aiohttp.TCPConnector(limit=max(self._concurrency, 1) * 2, use_dns_cache=False)
            self._session = aiohttp.ClientSession(
                connector=connector, auto_decompress=False, skip_auto_headers=("User-Agent",)
            )
        return self._session

    async def aclose(self) -> None:
        """Close the deliverer's connections (on the loop that used them)."""
        if self._session is not None:
            await self._session.close()
            self._session = None


def _literal_host(url: str) -> bool:
    """Whether the URL names its host by address."""
    try:
        ipaddress.ip_address(urlsplit(url).hostname or "")
    except ValueError:
        return False
    return True


def _signed_headers(event_id: str, at: datetime, body: bytes, secrets: Sequence[str]) -> dict[str, str]:
    """The Standard Webhooks headers: one `v1,` signature per live secret, space-separated."""
    text = body.decode()
    signatures = " ".join(Webhook(secret).sign(event_id, at, text) for secret in secrets)
    return {
        "content-type": "application/json",
        "webhook-id": event_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signatures,
        "user-agent": "campaign-gateway-webhooks",
    }


def _host_header(host: str, port: int, url: str) -> str:
    """The Host header for the URL as written (the request itself goes to the checked address)."""
    try:
        literal = ipaddress.ip_address(host)
        shown = f"[{literal}]" if literal.version == 6 else str(literal)
    except ValueError:
        shown = host
    default = 443 if url.startswith("https:") else 80
    return shown if port == default else f"{shown}:{port}"
