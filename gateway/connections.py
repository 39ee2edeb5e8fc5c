"""uvicorn's HTTP protocol with the limits it lacks: idle and header-read timeouts, a connection cap.

uvicorn closes a keep-alive connection only once it has answered on it: a connection that never
sends a request, or sends its headers a byte at a time, stays open for good, and enough of them
leave a worker with no file descriptors to serve anyone. Here, per connection:

- idle (before its first request, and between requests): closed after `keep_alive_s`
  (uvicorn's own keep-alive timer, armed at connect too);
- from the first byte of a request to the end of its headers: closed after `header_timeout_s`;
- from the end of its headers to the end of its body: closed after `body_timeout_s` (a body
  dripped a byte at a time would hold the connection, and the request's task, for good);
- beyond `max_connections` open in this worker: closed at once, with one warning line per
  `LOG_EVERY_S` that counts how many were refused.

`serve` and `dev` pass `protocol_factory(settings)` as uvicorn's `http=` (a picklable partial,
so uvicorn's worker processes get it too).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from dataclasses import dataclass
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from gateway.settings import Settings

__all__ = ["LOG_EVERY_S", "ConnectionLimits", "GuardedHttpProtocol", "protocol_factory"]

LOG_EVERY_S = 10.0
_log = logging.getLogger("gateway.connections")


@dataclass(frozen=True)
class ConnectionLimits:
    """The limits of one worker's connections (keep-alive is uvicorn's `timeout_keep_alive`)."""

    header_timeout_s: float
    body_timeout_s: float
    max_connections: int


class _RefusalLog:
    """One line per LOG_EVERY_S however many connections are refused (a flood must not flood the log)."""

    def __init__(self) -> None:
        self.refused = 0
        self.logged_at = float("-inf")

    def refused_one(self, open_connections: int, limit: int) -> None:
        self.refused += 1
        now = time.monotonic()
        if now - self.logged_at >= LOG_EVERY_S:
            _log.warning(
                "connection cap reached: %d connections open in this worker (GATEWAY_MAX_CONNECTIONS=%d); "
                "%d new connection(s) closed unserved since the last such line",
                open_connections,
                limit,
                self.refused,
                extra={"fields": {"open_connections": open_connections, "refused": self.refused}},
            )
            self.refused, self.logged_at = 0, now


_refusals = _RefusalLog()


class GuardedHttpProtocol(HttpToolsProtocol):
    """HttpToolsProtocol (uvicorn's choice when httptools is installed) with the limits above."""

    def __init__(self, *args: Any, limits: ConnectionLimits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limits = limits
        self._header_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None
        self._refused = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Refuse past the cap; otherwise serve, with the idle timer armed from the start."""
        if len(self.connections) >= self._limits.max_connections:
            self._refused = True
            self.transport = transport
            transport.close()
            _refusals.refused_one(len(self.connections), self._limits.max_connections)
            return
        super().connection_made(transport)
        self.timeout_keep_alive_task = self.loop.call_later(self.timeout_keep_alive, self.timeout_keep_alive_handler)

    def connection_lost(self, exc: Exception | None) -> None:
        """Drop the timers with the connection."""
        self._cancel_header_timer()
        self._cancel_body_timer()
        if not self._refused:
            super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Bytes while no request is in progress start the clock on the next request's headers."""
        if self._refused:
            return
        if self._header_timer is None and (self.cycle is None or self.cycle.response_complete):
            self._header_timer = self.loop.call_later(self._limits.header_timeout_s, self._headers_too_slow)
        super().data_received(data)

    def on_headers_complete(self) -> None:
        """The headers arrived in time; the body's clock starts."""
        self._cancel_header_timer()
        self._body_timer = self.loop.call_later(self._limits.body_timeout_s, self._body_too_slow)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        """The body arrived in time."""
        self._cancel_body_timer()
        super().on_message_complete()

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        self._close()

    def _body_too_slow(self) -> None:
        self._body_timer = None
        self._close()

    def _close(self) -> None:
        if not self.transport.is_closing():
            self.transport.close()

    def _cancel_body_timer(self) -> None:
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None


def protocol_factory(settings: Settings) -> Any:
    """The `http=` protocol for uvicorn, for these settings (with `timeout_keep_alive=settings.keep_alive_s`)."""
    limits = ConnectionLimits(
        header_timeout_s=settings.header_timeout_s,
        body_timeout_s=settings.body_timeout_s,
        max_connections=settings.max_connections,
    )
    return functools.partial(GuardedHttpProtocol, limits=limits)
