"""The client under the generated clients: orjson bodies, one send, nothing carried over between
calls, and aiohttp's pool on the event loop (its size, its deadline, and what "sent" means)."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

import httpx
import pytest

from gateway.vendors._http import CallState, VendorHTTPClient, VendorTransport, vendor_call

T = TypeVar("T")


def _client(seen: list[httpx.Request], response: httpx.Response) -> VendorHTTPClient:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return response

    return VendorHTTPClient(base_url="http://vendor.test", transport=httpx.MockTransport(handle))


def test_json_bodies_are_compact_utf8_with_their_content_type() -> None:
    seen: list[httpx.Request] = []
    client = _client(seen, httpx.Response(201, json={"id": "c1"}))
    response = asyncio.run(client.request("POST", "/v1/campaigns", json={"name": "Été", "n": 2**70}))
    assert response.status_code == 201 and response.json() == {"id": "c1"}
    [request] = seen
    assert request.content == '{"name":"Été","n":1180591620717411303424}'.encode()
    assert request.headers["content-type"] == "application/json"
    assert str(request.url) == "http://vendor.test/v1/campaigns"


def test_a_path_is_joined_to_the_base_url_once_and_rightly() -> None:
    seen: list[httpx.Request] = []
    client = _client(seen, httpx.Response(201))

    async def calls() -> None:
        for path in ("/v1/campaigns", "/v1/campaigns", "/v1/campaigns/c%201?x=1"):
            await client.request("POST", path, json={})

    asyncio.run(calls())
    assert [str(request.url) for request in seen] == [
        "http://vendor.test/v1/campaigns",
        "http://vendor.test/v1/campaigns",
        "http://vendor.test/v1/campaigns/c%201?x=1",
    ]
    assert client._merge_url("/v1/campaigns") is client._merge_url("/v1/campaigns")
    for number in range(300):  # ids in paths: what is kept stays bounded
        client._merge_url(f"/v1/campaigns/{number}")
    assert len(client._merged_urls) <= 256


@pytest.mark.parametrize("base", ["http://vendor.test", "https://api.vendor.test:8443/atoms/v1/"])
@pytest.mark.parametrize(
    "path",
    [
        "/v1/campaigns/c%201?x=1&y=a%2Fb",
        "/campaign/3f0c8a52-7d1e-4f7b-9a53-0c2d5e8b6a10/pause",
        "/campaigns/a b/ü?q=é",
        "/campaigns/%2Fslash%3F",
        "//elsewhere.test/path",
        "relative/path",
        "http://absolute.test/x",
    ],
)
def test_the_one_parse_join_matches_httpxs_own(base: str, path: str) -> None:
    ours = VendorHTTPClient(base_url=base, transport=httpx.MockTransport(lambda _: httpx.Response(204)))
    theirs = httpx.AsyncClient(base_url=base)
    assert ours._merge_url(path) == theirs._merge_url(path)
    assert str(ours._merge_url(path)) == str(theirs._merge_url(path))


class _Vendor(BaseHTTPRequestHandler):
    """Keeps connections alive, as vendors do; records each request's connection and headers."""

    protocol_version = "HTTP/1.1"
    connections: list[socket.socket]
    headers_seen: list[dict[str, str]]
    answer: Callable[[_Vendor], None]

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).connections.append(self.connection)
        type(self).headers_seen.append({name.lower(): value for name, value in self.headers.items()})
        type(self).answer(self)

    def created(self, *headers: tuple[str, str]) -> None:
        self.send_response(201)
        for name, value in (("Content-Type", "application/json"), ("Content-Length", "2"), *headers):
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def vendor() -> Iterator[Callable[[Callable[[_Vendor], None]], tuple[str, type[_Vendor]]]]:
    servers: list[ThreadingHTTPServer] = []

    def start(answer: Callable[[_Vendor], None]) -> tuple[str, type[_Vendor]]:
        handler = type("Vendor", (_Vendor,), {"connections": [], "headers_seen": [], "answer": answer})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        server.handle_error = lambda *_: None  # type: ignore[method-assign]  # a client that hung up
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}", handler

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _on_the_wire(url: str, calls: Callable[[VendorHTTPClient], Awaitable[T]], **transport: Any) -> T:
    """Run `calls` on a fresh event loop against a real socket; the connections close at the end."""
    client = VendorHTTPClient(
        base_url=url, transport=VendorTransport(**{"timeout_s": 5.0, "max_connections": 10, **transport})
    )

    async def run() -> T:
        try:
            return await calls(client)
        finally:
            await client.aclose()

    return asyncio.run(run())


async def _post(client: VendorHTTPClient) -> httpx.Response:
    return await client.request("POST", "/v1/campaigns", json={})


def test_a_vendor_cookie_is_not_sent_back(vendor: Any) -> None:
    # One client serves every tenant: a cookie one call received must not ride on the next.
    url, handler = vendor(lambda answer: answer.created(("Set-Cookie", "session=tenant-a; Path=/")))

    async def twice(client: VendorHTTPClient) -> None:
        await _post(client)
        await _post(client)

    _on_the_wire(url, twice)
    assert len(handler.headers_seen) == 2 and "cookie" not in handler.headers_seen[1]


def test_a_redirect_is_answered_not_followed(vendor: Any) -> None:
    def redirect(answer: _Vendor) -> None:
        answer.send_response(307)
        answer.send_header("Location", "/elsewhere")
        answer.send_header("Content-Length", "0")
        answer.end_headers()

    url, handler = vendor(redirect)
    assert _on_the_wire(url, _post).status_code == 307
    assert len(handler.connections) == 1


def test_the_request_goes_out_with_httpx_headers_and_the_request_id_once(vendor: Any) -> None:
    url, handler = vendor(lambda answer: answer.created())
    response = _on_the_wire(url, _post)
    assert response.status_code == 201 and response.json() == {}
    [headers] = handler.headers_seen
    assert headers["content-type"] == "application/json" and headers["content-length"] == "2"
    assert headers["user-agent"].startswith("python-httpx/")  # one User-Agent: aiohttp's is not added


def test_connections_are_kept_alive_and_one_the_vendor_closed_is_replaced(vendor: Any) -> None:
    url, handler = vendor(lambda answer: answer.created())

    async def calls(client: VendorHTTPClient) -> list[int]:
        statuses = [(await _post(client)).status_code, (await _post(client)).status_code]
        handler.connections[-1].shutdown(socket.SHUT_RDWR)  # the vendor hangs up on the idle connection
        await asyncio.sleep(0.1)  # the loop reads the hang-up
        statuses.append((await _post(client)).status_code)
        return statuses

    assert _on_the_wire(url, calls) == [201, 201, 201]
    first, second, third = handler.connections
    assert first is second and third is not second


def test_as_many_calls_as_the_pool_allows_are_on_the_wire_at_once(vendor: Any) -> None:
    # The vendor answers only once all the calls have reached it: a pool smaller than the cap
    # (httpcore's default was 10) would hold the rest back, and the vendor would give up.
    calls = 24
    arrived = threading.Barrier(calls, timeout=5)

    def all_at_once(answer: _Vendor) -> None:
        try:
            arrived.wait()
            answer.created()
        except threading.BrokenBarrierError:
            answer.send_response(503)
            answer.send_header("Content-Length", "0")
            answer.end_headers()

    url, _handler = vendor(all_at_once)

    async def together(client: VendorHTTPClient) -> list[int]:
        answers = await asyncio.gather(*(_post(client) for _ in range(calls)))
        return [answer.status_code for answer in answers]

    assert _on_the_wire(url, together, max_connections=calls) == [201] * calls


def test_the_deadline_covers_the_wait_for_a_connection_and_then_nothing_was_sent(vendor: Any) -> None:
    # One connection: the first call holds it past the deadline (sent, may exist); the second
    # never gets one (nothing sent, safe to retry).
    url, handler = vendor(lambda answer: (time.sleep(1.0), answer.created()))

    async def call(client: VendorHTTPClient) -> tuple[CallState, BaseException | None]:
        with vendor_call() as state:
            try:
                await _post(client)
            except TimeoutError as error:
                return state, error
        return state, None

    async def two(client: VendorHTTPClient) -> list[tuple[CallState, BaseException | None]]:
        return list(await asyncio.gather(call(client), call(client)))

    started = time.monotonic()
    (first, first_error), (second, second_error) = _on_the_wire(url, two, timeout_s=0.3, max_connections=1)
    assert time.monotonic() - started < 0.9  # neither waited for the vendor's answer
    assert isinstance(first_error, TimeoutError) and first.sent
    assert isinstance(second_error, TimeoutError) and not second.sent
    assert len(handler.connections) == 1


def test_a_response_over_the_cap_is_refused_while_it_is_read(vendor: Any) -> None:
    def endless(answer: _Vendor) -> None:  # no Content-Length: only reading tells the size
        answer.send_response(201)
        answer.send_header("Transfer-Encoding", "chunked")
        answer.end_headers()
        chunk = b"x" * 4096
        try:
            for _ in range(64):
                answer.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            answer.wfile.write(b"0\r\n\r\n")
        except OSError:
            pass  # the client stopped reading

    url, _handler = vendor(endless)
    with pytest.raises(httpx.HTTPError, match="larger than 10000 bytes"):
        _on_the_wire(url, _post, max_response_bytes=10_000)
