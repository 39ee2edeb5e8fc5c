"""Issue 19, class 7: a real `campaign-gateway serve` closes idle and slow connections and caps them.

Raw sockets against a server process: what a client that never sends a request, or sends its
headers a byte at a time, or opens connection after connection, gets.
"""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from gateway.codegen.config import GeneratorPaths, load_vendors
from gateway.connections import LOG_EVERY_S
from gateway.sandbox.faults import Fault
from gateway.sandbox.server import Sandbox

from .conftest import AUTH, KEY, free_port

# How long a test waits for the server to act: far beyond the timeouts configured below, so a
# slow machine does not fail it, while a server without the limits never acts at all.
PATIENCE_S = 20.0
REQUEST = b"GET /v1/vendors HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + KEY.encode() + b"\r\n\r\n"


class LoggedServer:
    """`campaign-gateway serve` with one worker, its log kept in a file."""

    def __init__(self, sandbox: Sandbox, cwd: Path, env: dict[str, str]) -> None:
        self.port = free_port()
        self.log = cwd / "server.log"
        full = {**os.environ, "GATEWAY_API_KEYS": f"scale:{KEY}", "GATEWAY_DATABASE_URL": f"sqlite:///{cwd}/g.db"}
        for vendor in load_vendors(GeneratorPaths()):
            full[f"GATEWAY_{vendor.slug.upper()}_BASE_URL"] = sandbox.base_url(vendor.slug)
            full[f"GATEWAY_{vendor.slug.upper()}_API_KEY"] = sandbox.credential(vendor.slug)
        full.update(env)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gateway.cli", "serve", "--port", str(self.port), "--workers", "1"],
                env=full,
                cwd=cwd,
                stdout=subprocess.DEVNULL,
                stderr=log,
                start_new_session=True,
            )
        self.url = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                if httpx.get(f"{self.url}/v1/vendors", headers=AUTH, timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.05)
        raise TimeoutError("server did not start")

    def connect(self) -> socket.socket:
        return socket.create_connection(("127.0.0.1", self.port), timeout=PATIENCE_S)

    def log_lines(self, text: str) -> list[dict[str, object]]:
        lines = [json.loads(line) for line in self.log.read_text().splitlines() if line.startswith("{")]
        return [line for line in lines if text in str(line.get("message", ""))]

    def stop(self) -> None:
        os.killpg(self.process.pid, 15)
        self.process.wait(15)


def read_ends(sock: socket.socket) -> bool:
    """Read what `sock` holds; whether the server has closed it."""
    try:
        return sock.recv(65536) == b""
    except ConnectionResetError:
        return True


def closed_by_server(sock: socket.socket) -> bool:
    """Whether the server closes `sock` within PATIENCE_S (reading whatever it sent first)."""
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        readable, _, _ = select.select([sock], [], [], deadline - time.monotonic())
        if not readable:
            return False
        if read_ends(sock):
            return True
    return False


def response(sock: socket.socket) -> bytes:
    """One whole response (the gateway always sends a Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":")[1]) for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")
    )
    while len(body) < length:
        body += sock.recv(65536)
    return head


@pytest.fixture(scope="module")
def timed(sandbox: Sandbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LoggedServer]:
    env = {"GATEWAY_KEEP_ALIVE_S": "1", "GATEWAY_HEADER_TIMEOUT_S": "1", "GATEWAY_BODY_TIMEOUT_S": "1"}
    server = LoggedServer(sandbox, tmp_path_factory.mktemp("timed"), env)
    yield server
    server.stop()


def test_a_connection_that_never_sends_a_request_is_closed(timed: LoggedServer) -> None:
    with timed.connect() as sock:
        assert closed_by_server(sock)


def test_an_idle_keep_alive_connection_is_closed(timed: LoggedServer) -> None:
    with timed.connect() as sock:
        sock.sendall(REQUEST)
        assert response(sock).startswith(b"HTTP/1.1 200")
        assert closed_by_server(sock)


def closed_while_dribbling(sock: socket.socket, byte: bytes) -> bool:
    """Send `byte` every 0.2 s until the server closes `sock` (True) or PATIENCE_S runs out (False)."""
    deadline = time.monotonic() + PATIENCE_S
    while time.monotonic() < deadline:
        try:
            sock.sendall(byte)
        except (BrokenPipeError, ConnectionResetError):
            return True
        readable, _, _ = select.select([sock], [], [], 0.2)
        if readable and read_ends(sock):
            return True
    return False


def test_a_header_dribble_is_closed(timed: LoggedServer) -> None:
    """One header byte every 0.2 s: each byte would reset a keep-alive timer, never the header clock."""
    with timed.connect() as sock:
        sock.sendall(b"GET /v1/vendors HTTP/1.1\r\n")
        assert closed_while_dribbling(sock, b"X")


def test_a_body_dribble_is_closed(timed: LoggedServer) -> None:
    """Whole headers, then a body one byte every 0.2 s: the body's clock closes it."""
    head = (
        b"POST /v1/campaigns HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
        b"Authorization: Bearer " + KEY.encode() + b"\r\nContent-Length: 1000\r\n\r\n"
    )
    with timed.connect() as sock:
        sock.sendall(head)
        assert closed_while_dribbling(sock, b" ")


def test_a_slow_vendor_call_is_not_cut_by_the_body_clock(timed: LoggedServer, sandbox: Sandbox) -> None:
    """The body's clock stops with the body: a request whose vendor call outlasts it is answered."""
    body = json.dumps({"vendor": "smallest", "name": "slow", "agent_id": "60d0fe4f5311236168a109ca", "audience": "a"})
    sandbox.inject("smallest", Fault(delay=1.5))
    answer = httpx.post(f"{timed.url}/v1/campaigns", content=body, headers={**AUTH, "Content-Type": "application/json"})
    assert answer.status_code == 201, answer.text


def test_requests_on_a_kept_alive_connection_still_work(timed: LoggedServer) -> None:
    with timed.connect() as sock:
        for _ in range(3):
            sock.sendall(REQUEST)
            assert response(sock).startswith(b"HTTP/1.1 200")
            time.sleep(0.2)  # idle, well within the keep-alive timeout


def test_connections_beyond_the_cap_are_closed_with_one_log_line(sandbox: Sandbox, tmp_path: Path) -> None:
    cap = 4
    env = {"GATEWAY_MAX_CONNECTIONS": str(cap), "GATEWAY_KEEP_ALIVE_S": "120", "GATEWAY_HEADER_TIMEOUT_S": "120"}
    server = LoggedServer(sandbox, tmp_path, env)
    held: list[socket.socket] = []
    try:
        time.sleep(0.5)  # the start-up probe's connection is gone
        for _ in range(cap):
            held.append(server.connect())
            held[-1].sendall(REQUEST)
            assert response(held[-1]).startswith(b"HTTP/1.1 200")  # served, and kept open
        refused_at = time.monotonic()
        for _ in range(10):
            with server.connect() as extra:
                assert closed_by_server(extra)
        periods = int((time.monotonic() - refused_at) // LOG_EVERY_S) + 1
        lines = server.log_lines("connection cap reached")
        assert 1 <= len(lines) <= periods < 10  # one line per period, not one per connection
        assert lines[0]["level"] == "warning"
        assert f"GATEWAY_MAX_CONNECTIONS={cap}" in str(lines[0]["message"])
        held[0].sendall(REQUEST)  # the held connections are still served
        assert response(held[0]).startswith(b"HTTP/1.1 200")
        for sock in held:
            sock.close()
        held.clear()
        deadline = time.monotonic() + PATIENCE_S
        while time.monotonic() < deadline:  # the closes reach the server: new connections are served
            try:
                if httpx.get(f"{server.url}/v1/vendors", headers=AUTH, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            pytest.fail("no connection was served after the held ones closed")
    finally:
        for sock in held:
            sock.close()
        server.stop()


def test_the_dev_server_has_the_same_limits(tmp_path: Path) -> None:
    """`campaign-gateway dev` (make run) serves through the same protocol as `serve`."""
    port = free_port()
    env = {**os.environ, "GATEWAY_KEEP_ALIVE_S": "1", "GATEWAY_HEADER_TIMEOUT_S": "1"}
    env["XDG_DATA_HOME"] = str(tmp_path / "data")  # its database and dev key, not the user's
    process = subprocess.Popen(
        [sys.executable, "-m", "gateway.cli", "dev", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None and time.monotonic() < deadline, "dev server did not start"
            try:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        with socket.create_connection(("127.0.0.1", port), timeout=PATIENCE_S) as sock:
            assert closed_by_server(sock)
    finally:
        os.killpg(process.pid, 15)
        process.wait(15)
