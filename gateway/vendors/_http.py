"""The HTTP layer under every generated client: a total deadline, a response cap, capture.

httpx's timeouts are per read, so a vendor dripping one byte a second holds a call forever.
Here every socket read, write and connect waits at most for what is left of one deadline per
vendor call, so the whole call ends within it. Responses are capped in size, and the last
response of a call is kept so a body that the generated client cannot parse can still be
reported (and relayed on native routes).
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import httpcore
import httpx

from gateway import jsoncodec
from gateway.observe import current_request

__all__ = ["CallState", "CaptureTransport", "ResponseTooLarge", "VendorHTTPClient", "VendorTransport", "vendor_call"]


class ResponseTooLarge(httpx.HTTPError):
    """The vendor's response exceeded the cap."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"vendor response larger than {limit} bytes")


@dataclass
class CallState:
    """One vendor call: its deadline, whether the request went out, and the raw response."""

    deadline: float
    sent: bool = False
    status: int | None = None
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    content: bytes = b""
    request: httpx.Request | None = None

    def remaining(self) -> float:
        """Seconds left; may be negative."""
        return self.deadline - time.monotonic()


_current: ContextVar[CallState | None] = ContextVar("vendor_call", default=None)


@contextmanager
def vendor_call(total_timeout_s: float) -> Iterator[CallState]:
    """Run one vendor call under a total deadline; yields its state for error mapping."""
    state = CallState(deadline=time.monotonic() + total_timeout_s)
    token = _current.set(state)
    try:
        yield state
    finally:
        _current.reset(token)


def _bounded(timeout: float | None, kind: type[Exception]) -> float | None:
    state = _current.get()
    if state is None:
        return timeout
    remaining = state.remaining()
    if remaining <= 0:
        raise kind("total vendor deadline exceeded")
    return remaining if timeout is None else min(timeout, remaining)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _bounded(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        state = _current.get()
        if state is not None:
            state.sent = True  # from the first byte on, the vendor may have acted on it
        self._inner.write(buffer, _bounded(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, _bounded(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, _bounded(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _CappedStream(httpx.SyncByteStream):
    def __init__(self, inner: httpx.SyncByteStream, limit: int, state: CallState | None) -> None:
        self._inner = inner
        self._limit = limit
        self._state = state

    def __iter__(self) -> Iterator[bytes]:
        body = bytearray()
        for chunk in self._inner:
            body += chunk
            if len(body) > self._limit:
                raise ResponseTooLarge(self._limit)
            yield chunk
        if self._state is not None:
            self._state.content = bytes(body)

    def close(self) -> None:
        self._inner.close()


class _GuardedConnection(httpcore.ConnectionInterface):
    """A pooled connection whose expiry check cannot close it under a request that is starting.

    httpcore 1.0.9 decides that an idle connection has expired (its socket is readable, so the
    vendor closed it) in two steps, the connection's state and then its socket, without the
    lock a request takes to start on it. A request that started in between made the socket
    readable with its own answer, and the pool closed the socket under it: `[Errno 9] Bad file
    descriptor`, a 502, and a campaign recorded `unknown` (1 run in 3 of 15 s at 64 concurrent
    requests on two workers; encode/httpcore#1110 is the same race by another path). Here the
    check holds that lock, and an expired connection is closed before it lets go, so a request
    can no longer start on it (it is given another connection). The lock is an internal of
    httpcore's: httpcore is pinned (constraints.txt) and tests check it.
    """

    def __init__(self, inner: httpcore.ConnectionInterface) -> None:
        self._inner = inner

    def has_expired(self) -> bool:
        http11 = getattr(self._inner, "_connection", None)  # set once connected (HTTPConnection)
        lock = getattr(http11, "_state_lock", None)
        if lock is None:
            return self._inner.has_expired()
        with lock:
            if not self._inner.has_expired():
                return False
            http11.close()  # type: ignore[union-attr]  # now, while no request can start on it
            return True

    def handle_request(self, request: httpcore.Request) -> httpcore.Response:
        return self._inner.handle_request(request)

    def close(self) -> None:
        self._inner.close()

    def info(self) -> str:
        return self._inner.info()

    def can_handle_request(self, origin: httpcore.Origin) -> bool:
        return self._inner.can_handle_request(origin)

    def is_available(self) -> bool:
        return self._inner.is_available()

    def is_idle(self) -> bool:
        return self._inner.is_idle()

    def is_closed(self) -> bool:
        return self._inner.is_closed()


class _ConnectionPool(httpcore.ConnectionPool):
    def create_connection(self, origin: httpcore.Origin) -> httpcore.ConnectionInterface:
        return _GuardedConnection(super().create_connection(origin))


class VendorTransport(httpx.HTTPTransport):
    """HTTP transport bounded by the current call's deadline; a failed connect is retried once.

    httpcore retries only failures before the request is sent, so a POST is never sent twice.
    """

    def __init__(self, *, max_connections: int, max_response_bytes: int = 1024 * 1024, **kwargs: Any) -> None:
        super().__init__(retries=1, **kwargs)
        # httpx 0.28 has no public way to choose the network backend; the pool it built is
        # replaced by one that differs only in the backend and in guarding its connections
        # (httpx and httpcore are pinned; tests cover both). As many connections as calls may
        # be in flight (httpcore's default of 10 queued the rest inside their calls); idle ones
        # are all kept: httpcore's closing of surplus idle ones has the race described above.
        self._pool = _ConnectionPool(retries=1, network_backend=_DeadlineBackend(), max_connections=max_connections)
        self._max_response_bytes = max_response_bytes

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send, capping the response body and recording it on the current call."""
        state = _current.get()
        if state is not None:
            state.request = request
        context = current_request.get()
        if context is not None:
            request.headers["X-Request-ID"] = context.request_id  # one id from client to vendor
        response = super().handle_request(request)
        stream = response.stream
        assert isinstance(stream, httpx.SyncByteStream)
        response.stream = _CappedStream(stream, self._max_response_bytes, state)
        if state is not None:
            state.status = response.status_code
            state.headers = response.headers
        return response


class CaptureTransport(httpx.BaseTransport):
    """Records the request and sends nothing (dry runs); answers an empty 204."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Keep the request on the current call."""
        request.read()
        state = _current.get()
        if state is not None:
            state.request = request
        return httpx.Response(204, content=b"")


_MERGED_URLS_KEPT = 256


class VendorHTTPClient(httpx.Client):
    """The httpx client under every generated client, cut to what a vendor call uses.

    The generated clients pass request bodies as `json=`, which httpx writes with the standard
    library (a fifth of a millisecond for a 50-recipient campaign, ten times orjson's time).
    A request goes straight to the transport: the credential is a plain header (no auth flow),
    redirects are not followed (one POST, sent once), and no cookie is kept, since one client
    serves every tenant. httpx's machinery for those cost about 0.3 ms a call.
    """

    def __init__(self, *, transport: httpx.BaseTransport, **kwargs: Any) -> None:
        super().__init__(transport=transport, **kwargs)
        self._vendor_transport = transport
        self._merged_urls: dict[str, httpx.URL] = {}

    def _merge_url(self, url: httpx.URL | str) -> httpx.URL:
        """The base URL joined with `url`, kept for the next call to the same path.

        Parsing and joining the two took an eighth of a vendor call's CPU, redone on every call
        for the same few paths; an `httpx.URL` cannot change, so one can serve every call.
        """
        if not isinstance(url, str):
            return super()._merge_url(url)
        merged = self._merged_urls.get(url)
        if merged is None:
            if len(self._merged_urls) >= _MERGED_URLS_KEPT:  # paths with ids in them: keep it bounded
                self._merged_urls.clear()
            merged = self._merged_urls[url] = super()._merge_url(url)
        return merged

    def build_request(
        self,
        method: str,
        url: httpx.URL | str,
        *,
        json: Any | None = None,
        content: Any | None = None,
        headers: Any | None = None,
        **kwargs: Any,
    ) -> httpx.Request:
        """Build the request, encoding a `json=` body with orjson."""
        if json is not None and content is None:
            content = jsoncodec.dumps(json)
            headers = httpx.Headers(headers)
            headers.setdefault("Content-Type", "application/json")
        return super().build_request(method, url, content=content, headers=headers, **kwargs)

    def send(self, request: httpx.Request, *, stream: bool = False, **_ignored: Any) -> httpx.Response:
        """Send through the transport once and read the answer (no auth flow, redirects or cookies)."""
        response = self._vendor_transport.handle_request(request)
        response.request = request
        try:
            if not stream:
                response.read()
        except BaseException:
            response.close()
            raise
        return response
