"""The HTTP layer under every generated client: aiohttp on the worker's event loop.

The generated clients are httpx clients; their async operations (`asyncio_detailed`) run on
the event loop that serves the request, through a transport that sends with aiohttp. A vendor
call on a worker thread cost twice its CPU once 16 requests were in flight: every socket read
and write gave the interpreter lock away and waited to get it back. On the event loop there is
no such hand-off, and aiohttp parses responses in C.

Each call has one total deadline (aiohttp's `total` timeout covers the wait for a connection,
the connect, the send and the whole answer; httpx's timeouts are per read, so a vendor
dripping one byte a second held a call forever). Responses are capped in size, and the last
response of a call is kept so a body that the generated client cannot parse can still be
reported (and relayed on native routes).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

import aiohttp
import httpx

from gateway import jsoncodec
from gateway.observe import current_request

__all__ = [
    "CallState",
    "CaptureTransport",
    "ResponseTooLarge",
    "VendorHTTPClient",
    "VendorTransport",
    "vendor_call",
]


class ResponseTooLarge(httpx.HTTPError):
    """The vendor's response exceeded the cap."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"vendor response larger than {limit} bytes")


@dataclass
class CallState:
    """One vendor call: whether the request may have gone out, and the raw response."""

    sent: bool = False
    status: int | None = None
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    content: bytes = b""
    request: httpx.Request | None = None


_current: ContextVar[CallState | None] = ContextVar("vendor_call", default=None)


@contextmanager
def vendor_call() -> Iterator[CallState]:
    """Run one vendor call; yields its state for error mapping."""
    state = CallState()
    token = _current.set(state)
    try:
        yield state
    finally:
        _current.reset(token)


class _Connector(aiohttp.TCPConnector):
    """Marks the current call sent once it has a connection: the request goes out at once."""

    async def connect(
        self, req: aiohttp.ClientRequest, traces: list[Any], timeout: aiohttp.ClientTimeout
    ) -> aiohttp.connector.Connection:
        connection = await super().connect(req, traces, timeout)
        state = _current.get()
        if state is not None:
            state.sent = True
        return connection


class VendorTransport(httpx.AsyncBaseTransport):
    """Sends with aiohttp under a total deadline, capping and recording the response.

    Until the call has a connection (the vendor refused it, or none was free before the
    deadline) nothing was sent, and a refused connect is tried once more; from then on the
    vendor may have the request. aiohttp sends a POST once: it retries only idempotent methods
    on a broken kept-alive connection.
    """

    def __init__(self, *, timeout_s: float, max_connections: int, max_response_bytes: int = 1024 * 1024) -> None:
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._max_connections = max_connections
        self._max_response_bytes = max_response_bytes
        self._sessions: dict[asyncio.AbstractEventLoop, aiohttp.ClientSession] = {}

    def _session_here(self) -> aiohttp.ClientSession:
        """The running event loop's session: a session and its connections belong to one loop.

        A serving worker has one loop; tests may run several apps' loops at once.
        """
        loop = asyncio.get_running_loop()
        session = self._sessions.get(loop)
        if session is None or session.closed:
            for gone in [other for other in list(self._sessions) if other.is_closed()]:
                self._sessions.pop(gone, None)
            session = self._sessions[loop] = aiohttp.ClientSession(
                connector=_Connector(limit=self._max_connections, limit_per_host=0),
                timeout=self._timeout,
                cookie_jar=aiohttp.DummyCookieJar(),  # one client serves every tenant: keep none
                auto_decompress=False,  # httpx decodes the body, as the generated client expects
                skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding"),  # httpx's are sent
            )
        return session

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send once, read the answer within the cap, and record both on the current call."""
        state = _current.get()
        if state is not None:
            state.request = request
        context = current_request.get()
        if context is not None:
            request.headers["X-Request-ID"] = context.request_id  # one id from client to vendor
        content = await request.aread()
        for attempt in (1, 2):
            try:
                async with self._session_here().request(
                    request.method,
                    str(request.url),
                    data=content,
                    headers=request.headers.multi_items(),
                    allow_redirects=False,
                ) as answer:
                    if state is not None:
                        state.status = answer.status
                    body = await self._read(answer)
                break
            except aiohttp.ClientConnectorError:  # never connected, so nothing was sent
                if attempt == 2:
                    raise
        response = httpx.Response(answer.status, headers=list(answer.raw_headers), content=body, request=request)
        if state is not None:
            state.headers = response.headers
            state.content = body
        return response

    async def _read(self, answer: aiohttp.ClientResponse) -> bytes:
        limit = self._max_response_bytes
        if answer.content_length is not None:
            if answer.content_length > limit:
                raise ResponseTooLarge(limit)
            return await answer.read()
        body = bytearray()
        async for chunk in answer.content.iter_any():
            body += chunk
            if len(body) > limit:
                raise ResponseTooLarge(limit)
        return bytes(body)

    async def aclose(self) -> None:
        """Close the running event loop's connections."""
        session = self._sessions.pop(asyncio.get_running_loop(), None)
        if session is not None:
            await session.close()

    def close_soon(self) -> None:
        """Close every loop's connections from any thread, each on its loop once it gets to it."""
        sessions, self._sessions = self._sessions, {}
        for loop, session in sessions.items():
            if not loop.is_closed():
                loop.call_soon_threadsafe(_close_in_background, session)


def _close_in_background(session: aiohttp.ClientSession) -> None:
    task = asyncio.get_running_loop().create_task(session.close())
    _closing.add(task)  # the loop keeps only a weak reference to a task
    task.add_done_callback(_closing.discard)


_closing: set[asyncio.Task[None]] = set()


class CaptureTransport(httpx.AsyncBaseTransport):
    """Records the request and sends nothing (dry runs); answers an empty 204."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Keep the request on the current call."""
        await request.aread()
        state = _current.get()
        if state is not None:
            state.request = request
        return httpx.Response(204, content=b"")


_MERGED_URLS_KEPT = 256
# What httpx's build_request merges besides the URL and the headers (the deadline is the
# transport's own, so the timeout is not among them).
_MERGED_BY_HTTPX = ("data", "files", "params", "cookies", "extensions")


class VendorHTTPClient(httpx.AsyncClient):
    """The httpx client under every generated client, cut to what a vendor call uses.

    The generated clients pass request bodies as `json=`, which httpx writes with the standard
    library (a fifth of a millisecond for a 50-recipient campaign, ten times orjson's time).
    A request goes straight to the transport: the credential is a plain header (no auth flow),
    redirects are not followed (one POST, sent once), and no cookie is kept, since one client
    serves every tenant. httpx's machinery for those cost about 0.3 ms a call.
    """

    def __init__(self, *, transport: httpx.AsyncBaseTransport, **kwargs: Any) -> None:
        super().__init__(transport=transport, **kwargs)
        self._vendor_transport = transport
        self._merged_urls: dict[str, httpx.URL] = {}

    def _merge_url(self, url: httpx.URL | str) -> httpx.URL:
        """The base URL joined with `url`, kept for the next call to the same path.

        Parsing and joining the two took an eighth of a vendor call's CPU, redone on every call
        for the same few paths; an `httpx.URL` cannot change, so one can serve every call. A
        path seen for the first time (the status sync reads every campaign at its own path) is
        parsed once, appended to the base, where httpx parses it alone and then the joined path.
        """
        if not isinstance(url, str) or not url.startswith("/") or url.startswith("//"):
            return super()._merge_url(url)
        merged = self._merged_urls.get(url)
        if merged is None:
            if len(self._merged_urls) >= _MERGED_URLS_KEPT:  # paths with ids in them: keep it bounded
                self._merged_urls.clear()
            merged = self._merged_urls[url] = httpx.URL(str(self.base_url).rstrip("/") + url)
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
        """Build the request, encoding a `json=` body with orjson.

        A call with nothing but a body and headers (every JSON operation) skips httpx's merging
        of cookies, query parameters and timeouts, which this client does not use.
        """
        if json is not None and content is None:
            content = jsoncodec.dumps(json)
            headers = dict(headers or {})
            if not any(name.lower() == "content-type" for name in headers):
                headers["Content-Type"] = "application/json"
        if any(kwargs.get(name) is not None for name in _MERGED_BY_HTTPX):  # forms, files, queries
            return super().build_request(method, url, content=content, headers=headers, **kwargs)
        return httpx.Request(method, self._merge_url(url), content=content, headers=self._merge_headers(headers))

    async def send(self, request: httpx.Request, *, stream: bool = False, **_ignored: Any) -> httpx.Response:
        """Send through the transport once (no auth flow, redirects or cookies); the body is read."""
        response = await self._vendor_transport.handle_async_request(request)
        response.request = request
        return response
