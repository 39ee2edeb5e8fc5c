"""The delivery loop: tie held call events, publish committed events, deliver, forget expired events.

Runs inside each `serve` worker (GATEWAY_DELIVER_IN_SERVE, the default) or alone as
`campaign-gateway deliver`; any number of them share the work through the database (the
publisher takes turns, deliveries are leased). An event published in this process wakes the
loop at once (`Relay.on_published`); events written by other processes are found by a short
poll, which is one indexed read while nothing waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import timedelta

from anyio import to_thread

from gateway import background
from gateway.events.delivery import ATTEMPT_DEADLINE_S, Deliverer
from gateway.events.relay import Published
from gateway.events.subscriptions import SecretSealer
from gateway.events.tie import CallTies
from gateway.service import Gateway

__all__ = ["DeliveryLoop", "deliverer_for", "run_until_signalled", "shutdown_grace_s"]

_log = logging.getLogger("gateway.events.delivery")
POLL_S = 0.15
_EXPIRE_EVERY_S = 3600.0
_TIE_EVERY_S = 1.0
_MEASURE_EVERY_S = 5.0
_MOST_IDLE_S = 30.0
_SHUTDOWN_MARGIN_S = 5.0


def deliverer_for(gateway: Gateway) -> Deliverer:
    """A deliverer with the gateway's settings."""
    settings = gateway.settings
    key = settings.secret_key.get_secret_value() if settings.secret_key else None
    return Deliverer(
        gateway.registry,
        SecretSealer(key),
        allow_private=settings.webhook_allow_private,
        concurrency=settings.delivery_concurrency,
    )


class DeliveryLoop:
    """Publish, deliver, expire, measure: until stopped."""

    def __init__(self, gateway: Gateway, deliverer: Deliverer | None = None, *, poll_s: float = POLL_S) -> None:
        self._gateway = gateway
        self.deliverer = deliverer or deliverer_for(gateway)
        self._poll_s = poll_s
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ties = CallTies(gateway)
        self._tied_at = float("-inf")
        self._expired_at = float("-inf")
        self._measured_at = float("-inf")
        gateway.relay.on_published(self._published)

    def _published(self, _published: Published) -> None:
        """A relay listener: called from whichever thread published."""
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._wake.set)

    async def run(self, stop: asyncio.Event) -> None:
        """Until `stop` is set; a failed pass is logged and the next waits longer (up to 30 s)."""
        self._loop = asyncio.get_running_loop()
        failures = 0
        try:
            while not stop.is_set():
                try:
                    busy = await self.run_once()
                    failures = 0
                except Exception:
                    _log.exception("a delivery pass failed")
                    busy, failures = False, failures + 1
                if busy:
                    continue
                wait = min(self._poll_s * 2 ** min(failures, 16), max(self._poll_s, _MOST_IDLE_S))
                self._wake.clear()
                waiters = [asyncio.ensure_future(stop.wait()), asyncio.ensure_future(self._wake.wait())]
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait(waiters, timeout=wait, return_when=asyncio.FIRST_COMPLETED)
                for waiter in waiters:
                    waiter.cancel()
        finally:
            await self.deliverer.aclose()

    async def run_once(self) -> bool:
        """One pass; True when a full batch was claimed (more may be due at once)."""
        relay = self._gateway.relay
        if time.monotonic() - self._tied_at >= _TIE_EVERY_S:
            self._tied_at = time.monotonic()
            await self._ties.run_once()
        await to_thread.run_sync(relay.publish_pending)
        claimed = await self.deliverer.run_once()
        now = time.monotonic()
        if now - self._expired_at >= _EXPIRE_EVERY_S:
            self._expired_at = now
            days = timedelta(days=self._gateway.settings.event_retention_days)
            await to_thread.run_sync(lambda: relay.expire(days))
        if now - self._measured_at >= _MEASURE_EVERY_S:
            self._measured_at = now
            await to_thread.run_sync(self.deliverer.measure)
        return claimed >= self.deliverer.batch


def shutdown_grace_s() -> float:
    """How long a stopping worker waits for the attempts under way."""
    return ATTEMPT_DEADLINE_S + _SHUTDOWN_MARGIN_S


async def run_until_signalled(gateway: Gateway) -> None:
    """`campaign-gateway deliver`: deliver until SIGINT or SIGTERM, then finish the attempts under way."""
    await background.run_until_signalled(DeliveryLoop(gateway).run, shutdown_grace_s())
