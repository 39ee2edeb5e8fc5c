"""The httpx client under the generated clients: orjson bodies, one send, nothing carried over,
and a connection pool that never closes a connection under a request."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpcore
import httpx
import pytest

from gateway.vendors._http import VendorHTTPClient, VendorTransport


def _client(seen: list[httpx.Request], response: httpx.Response) -> VendorHTTPClient:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return response

    return VendorHTTPClient(base_url="http://vendor.test", transport=httpx.MockTransport(handle))


def test_json_bodies_are_compact_utf8_with_their_content_type() -> None:
    seen: list[httpx.Request] = []
    client = _client(seen, httpx.Response(201, json={"id": "c1"}))
    response = client.request("POST", "/v1/campaigns", json={"name": "Été", "n": 2**70})
    assert response.status_code == 201 and response.json() == {"id": "c1"}
    [request] = seen
    assert request.content == '{"name":"Été","n":1180591620717411303424}'.encode()
    assert request.headers["content-type"] == "application/json"
    assert str(request.url) == "http://vendor.test/v1/campaigns"


def test_a_vendor_cookie_is_not_sent_back() -> None:
    # One client serves every tenant: a cookie one call received must not ride on the next.
    seen: list[httpx.Request] = []
    client = _client(seen, httpx.Response(201, headers={"Set-Cookie": "session=tenant-a; Path=/"}))
    client.request("POST", "/v1/campaigns", json={})
    client.request("POST", "/v1/campaigns", json={})
    assert "cookie" not in seen[1].headers


def test_a_redirect_is_answered_not_followed() -> None:
    seen: list[httpx.Request] = []
    client = _client(seen, httpx.Response(307, headers={"Location": "http://elsewhere.test/v1/campaigns"}))
    response = client.request("POST", "/v1/campaigns", json={})
    assert response.status_code == 307 and len(seen) == 1


def test_a_path_is_joined_to_the_base_url_once_and_rightly() -> None:
    seen: list[httpx.Request] = []
    client = _client(seen, httpx.Response(201))
    for path in ("/v1/campaigns", "/v1/campaigns", "/v1/campaigns/c%201?x=1"):
        client.request("POST", path, json={})
    assert [str(request.url) for request in seen] == [
        "http://vendor.test/v1/campaigns",
        "http://vendor.test/v1/campaigns",
        "http://vendor.test/v1/campaigns/c%201?x=1",
    ]
    assert client._merge_url("/v1/campaigns") is client._merge_url("/v1/campaigns")
    for number in range(300):  # ids in paths: what is kept stays bounded
        client._merge_url(f"/v1/campaigns/{number}")
    assert len(client._merged_urls) <= 256


class _Vendor(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as vendors are
    connections: list[socket.socket]

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).connections.append(self.connection)  # before answering: the test reads it next
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *_: object) -> None:
        pass


@pytest.fixture
def vendor() -> Iterator[tuple[str, type[_Vendor]]]:
    handler = type("Vendor", (_Vendor,), {"connections": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", handler
    server.shutdown()
    server.server_close()


def _pooled(url: str) -> tuple[VendorHTTPClient, Any]:
    transport = VendorTransport(max_connections=10)
    client = VendorHTTPClient(base_url=url, transport=transport)
    assert client.request("POST", "/v1/campaigns", json={}).status_code == 201
    [connection] = transport._pool.connections  # one connection, idle in the pool
    return client, connection


def test_checking_a_pooled_connection_waits_for_a_request_starting_on_it(vendor: tuple[str, type[_Vendor]]) -> None:
    # httpcore checked "idle, and its socket readable" without that lock: a request starting in
    # between answered "readable" with its own response, and the pool closed the socket under it.
    client, connection = _pooled(vendor[0])
    checked = threading.Event()
    with connection._inner._connection._state_lock:  # what a request holds to start
        threading.Thread(target=lambda: (connection.has_expired(), checked.set()), daemon=True).start()
        assert not checked.wait(0.2)
    assert checked.wait(5)
    assert not connection.is_closed()
    client.close()


def test_a_connection_the_vendor_closed_takes_no_request_and_is_replaced(vendor: tuple[str, type[_Vendor]]) -> None:
    url, handler = vendor
    client, connection = _pooled(url)
    handler.connections[0].shutdown(socket.SHUT_RDWR)  # the vendor hangs up on the idle connection
    deadline = time.monotonic() + 5
    while not connection.has_expired():  # the vendor's close reaches the socket
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert connection.is_closed()  # at once: no request can start on it before the pool closes it
    with pytest.raises(httpcore.ConnectionNotAvailable):
        connection.handle_request(httpcore.Request("POST", f"{url}/v1/campaigns"))
    assert client.request("POST", "/v1/campaigns", json={}).status_code == 201  # on a new connection
    client.close()


def test_as_many_calls_as_the_pool_allows_are_on_the_wire_at_once() -> None:
    # The vendor answers only once all the calls have reached it: a pool smaller than the cap
    # (httpcore's default was 10) would hold the rest back, and the vendor would give up.
    calls = 24
    arrived = threading.Barrier(calls, timeout=5)

    class AllAtOnce(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                arrived.wait()
                status = 201
            except threading.BrokenBarrierError:
                status = 503
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), AllAtOnce)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    client = VendorHTTPClient(
        base_url=f"http://127.0.0.1:{server.server_port}", transport=VendorTransport(max_connections=calls)
    )
    try:
        with ThreadPoolExecutor(calls) as pool:
            answers = list(pool.map(lambda _: client.request("POST", "/v1/campaigns", json={}), range(calls)))
        statuses = [answer.status_code for answer in answers]
        assert statuses == [201] * calls
    finally:
        client.close()
        server.shutdown()
        server.server_close()
