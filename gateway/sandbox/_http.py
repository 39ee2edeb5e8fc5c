"""The HTTP side of the sandbox: read a request off the socket, hand it on, write the answer.

The standard library's server is used on purpose: faults need the socket itself (close it
without a word, drip into it).
"""

from __future__ import annotations

import email.utils
import http
import json
import logging
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from werkzeug.datastructures import Headers

from gateway.sandbox._control import CONTROL_PREFIX, control
from gateway.sandbox.records import RecordedRequest
from gateway.sandbox.vendor import Reply, VendorStandIn

if TYPE_CHECKING:
    from gateway.sandbox.server import Sandbox

__all__ = ["SandboxServer"]

logger = logging.getLogger(__name__)

_MAX_BODY = 32 * 1024 * 1024
_IDLE_TIMEOUT = 60.0


class _BadRequestBody(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class SandboxServer(ThreadingHTTPServer):
    """A threaded server whose handlers answer for `sandbox`."""

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], sandbox: Sandbox) -> None:
        super().__init__(address, _Handler)
        self.sandbox = sandbox


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "campaign-gateway-sandbox"
    timeout = _IDLE_TIMEOUT
    server: SandboxServer

    def do_GET(self) -> None:
        """Every method goes through one dispatcher."""
        self._dispatch()

    # http.server dispatches on these names.
    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET  # noqa: N815

    def log_message(self, format: str, *args: object) -> None:
        """http.server's own messages (malformed requests) go to logging, not stderr."""
        logger.debug("sandbox: " + format, *args)

    def _dispatch(self) -> None:
        sandbox = self.server.sandbox
        split = urlsplit(self.path)
        try:
            body = self._read_body()
        except _BadRequestBody as exc:
            self.close_connection = True
            self._send(Reply(exc.status, _message(str(exc))), None)
            return
        first, _, rest = split.path.lstrip("/").partition("/")
        if first == CONTROL_PREFIX:
            self._send(control(sandbox, self.command, split.path, body), None)
            return
        stand_in = sandbox.stand_in(first)
        if stand_in is None:
            self._send(Reply(404, _message(f"no vendor {first!r}; see /{CONTROL_PREFIX}")), None)
            return
        entry = sandbox.state.record(
            RecordedRequest(
                vendor=first,
                method=self.command,
                path=split.path,
                query=split.query,
                headers=tuple(self.headers.items()),
                body=body,
            )
        )
        fault = sandbox.state.take_fault(first)
        if fault is not None and fault.delay and sandbox.stopping.wait(fault.delay):
            self.close_connection = True
            return
        if fault is not None and fault.drop:
            logger.info("sandbox %s %s %s -> dropped (fault)", first, self.command, split.path)
            self.close_connection = True
            return
        vendor_path = "/" + rest
        if fault is not None and fault.replaces_answer:
            reply = stand_in.fault_reply(fault, self.command, vendor_path)
        else:
            reply = self._answer(stand_in, vendor_path, split.query, body)
        if fault is not None and fault.changes_answer:
            headers = Headers(list(self.headers.items()))
            reply = stand_in.tampered(reply, fault, self.command, vendor_path, headers, split.query)
        entry.status = reply.status
        logger.info("sandbox %s %s %s -> %d", first, self.command, split.path, reply.status)
        if fault is None:
            self._send(reply, None)
        else:
            self._send(reply, fault.drip, fault.cut_after)

    def _answer(self, stand_in: VendorStandIn, path: str, query: str, body: bytes) -> Reply:
        headers = Headers(list(self.headers.items()))
        try:
            return stand_in.handle(self.command, path, query, headers, body)
        except Exception:
            # A bug of the sandbox's own must reach the test as a 500, not as a hung client.
            logger.exception("sandbox %s failed on %s %s", stand_in.spec.slug, self.command, path)
            return Reply(500, _message("the sandbox failed; see its log"))

    def _read_body(self) -> bytes:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        declared = self.headers.get("Content-Length")
        if not declared:
            return b""
        if not declared.isdigit():
            raise _BadRequestBody(400, "bad Content-Length")
        length = int(declared)
        if length > _MAX_BODY:
            raise _BadRequestBody(413, f"body over {_MAX_BODY} bytes")
        return self.rfile.read(length)

    def _read_chunked(self) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024).split(b";")[0].strip()
            try:
                size = int(line, 16)
            except ValueError:
                raise _BadRequestBody(400, "bad chunked encoding") from None
            if size == 0:
                while self.rfile.readline(8192).strip():
                    pass
                return b"".join(chunks)
            total += size
            if total > _MAX_BODY:
                raise _BadRequestBody(413, f"body over {_MAX_BODY} bytes")
            chunks.append(self.rfile.read(size))
            self.rfile.readline(8)

    def _send(self, reply: Reply, drip: float | None, cut_after: int | None = None) -> None:
        phrase = http.HTTPStatus(reply.status).phrase if reply.status in _STATUSES else ""
        lines = [f"HTTP/1.1 {reply.status} {phrase}".rstrip()]
        lines.append(f"Date: {email.utils.formatdate(usegmt=True)}")
        lines.append(f"Server: {self.server_version}")
        if reply.content_type and reply.body:
            lines.append(f"Content-Type: {reply.content_type}")
        lines.append(f"Content-Length: {len(reply.body)}")
        lines.extend(f"{name}: {value}" for name, value in reply.headers)
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        data = head if self.command == "HEAD" else head + reply.body
        if cut_after is not None:
            data = data[: max(0, cut_after if cut_after >= 0 else len(data) + cut_after)]
            self.close_connection = True
        try:
            if drip is None:
                self.wfile.write(data)
            else:
                self._drip(data, drip)
        except (BrokenPipeError, ConnectionResetError):
            # The client gave up (a timeout under test, typically): nothing left to tell it.
            self.close_connection = True

    def _drip(self, data: bytes, rate: float) -> None:
        # Small steps (about 20 a second) so a client's per-read timeout sees a live socket.
        step = max(1, int(rate / 20))
        interval = step / rate
        stopping = self.server.sandbox.stopping
        for start in range(0, len(data), step):
            self.wfile.write(data[start : start + step])
            if stopping.wait(interval):
                self.close_connection = True
                return


_STATUSES = {status.value for status in http.HTTPStatus}


def _message(text: str) -> bytes:
    return json.dumps({"message": text}).encode("utf-8")
