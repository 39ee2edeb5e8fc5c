"""The sandbox: one threaded HTTP server on loopback standing in for every vendor.

Each vendor is served under `/<slug>` + its spec's server path (`sandbox.base_url(slug)`); the
control endpoint lives under `/_sandbox` (see `gateway.sandbox._control`). The standard
library's server is used on purpose: faults need the socket itself (drop it, drip into it).
"""

from __future__ import annotations

import email.utils
import http
import json
import logging
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

from werkzeug.datastructures import Headers

from gateway.codegen.config import GeneratorPaths
from gateway.sandbox._auth import describe_schemes
from gateway.sandbox._control import CONTROL_PREFIX, control
from gateway.sandbox._state import SandboxState
from gateway.sandbox.faults import Fault
from gateway.sandbox.records import RecordedRequest
from gateway.sandbox.specs import VendorSpec, load_vendor_specs
from gateway.sandbox.vendor import Reply, VendorStandIn

__all__ = ["DEFAULT_PORT", "Sandbox", "default_credential", "run_sandbox", "start_sandbox"]

logger = logging.getLogger(__name__)

DEFAULT_PORT = 8089
_MAX_BODY = 32 * 1024 * 1024
_IDLE_TIMEOUT = 60.0
# How soon `close()` returns: serve_forever notices a shutdown only between polls.
_POLL_INTERVAL = 0.05


def default_credential(slug: str) -> str:
    """The credential a sandbox expects for `slug` unless told otherwise."""
    return f"sandbox-{slug}-key"


class Sandbox:
    """Every vendor of specs/vendors.toml on one loopback server (bound on construction)."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        credentials: Mapping[str, str] | None = None,
        paths: GeneratorPaths | None = None,
        *,
        strict: bool = True,
    ) -> None:
        """Bind `host:port` (0: any free port); `credentials` by slug replace the defaults.

        `strict` refuses properties a spec does not define, which a vendor would probably
        ignore but which are an adapter's mistake (a misspelt field).
        """
        specs = load_vendor_specs(paths)
        unknown = sorted(set(credentials or {}) - set(specs))
        if unknown:
            raise ValueError(f"credentials for unknown vendor(s): {', '.join(unknown)}")
        given = dict(credentials or {})
        self._given = frozenset(slug for slug, key in given.items() if key)
        self._stand_ins = {
            slug: VendorStandIn(spec, given.get(slug) or default_credential(slug), strict=strict)
            for slug, spec in specs.items()
        }
        self._state = SandboxState(tuple(self._stand_ins))
        self.stopping = threading.Event()
        """Set on close: delayed and dripping answers stop waiting."""
        self._server = _Server((host, port), self)
        self._thread: threading.Thread | None = None
        self._serving = False

    @property
    def url(self) -> str:
        """The server's root URL, e.g. `http://127.0.0.1:43121`."""
        host, port = self._server.server_address[:2]
        host = str(host)
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    @property
    def vendors(self) -> tuple[str, ...]:
        """The vendor slugs served, in specs/vendors.toml order."""
        return tuple(self._stand_ins)

    def base_url(self, slug: str) -> str:
        """The base URL to give `slug`'s client (its spec's server path under `/<slug>`)."""
        return f"{self.url}/{slug}{self._stand_in(slug).spec.server_path}"

    def credential(self, slug: str) -> str:
        """The credential `slug`'s stand-in accepts."""
        return self._stand_in(slug).credential

    def spec(self, slug: str) -> VendorSpec:
        """The vendor's spec as the sandbox reads it (to validate responses in tests, say)."""
        return self._stand_in(slug).spec

    def describe(self) -> list[str]:
        """One line per vendor: its base URL and where its credential goes (never the key)."""
        lines = []
        for slug in self.vendors:
            spec = self.spec(slug)
            security = spec.operations[0].security if spec.operations else ()
            where = describe_schemes(security, spec.security_schemes)
            key = "given" if slug in self._given else "default"
            lines.append(f"{slug:<10} {self.base_url(slug)}  (credential: {key}; send {where})")
        return lines

    def requests(self, slug: str) -> list[RecordedRequest]:
        """What `slug` received, oldest first (the most recent 1000)."""
        self._stand_in(slug)
        return self._state.requests(slug)

    def inject(self, slug: str, fault: Fault) -> None:
        """Make `slug` commit `fault` on its next request (or on every one, if sticky)."""
        self._stand_in(slug)
        self._state.inject(slug, fault)

    def clear_faults(self, slug: str | None = None) -> None:
        """Forget pending faults of `slug` (of every vendor when None)."""
        for name in self._slugs(slug):
            self._state.clear_faults(name)

    def clear_requests(self, slug: str | None = None) -> None:
        """Forget what `slug` received (every vendor when None)."""
        for name in self._slugs(slug):
            self._state.clear_requests(name)

    def clear(self, slug: str | None = None) -> None:
        """Forget faults and received requests of `slug` (of every vendor when None)."""
        self.clear_faults(slug)
        self.clear_requests(slug)

    def start(self) -> Sandbox:
        """Serve in a background thread; returns self (for `with start_sandbox() as ...`)."""
        if self._thread is None:
            self._serving = True
            self._thread = threading.Thread(
                target=self._server.serve_forever, args=(_POLL_INTERVAL,), name="sandbox", daemon=True
            )
            self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in this thread until `close()` is called from another one (or Ctrl-C)."""
        self._serving = True
        try:
            self._server.serve_forever(_POLL_INTERVAL)
        finally:
            self._serving = False

    def close(self) -> None:
        """Stop serving, wake delayed and dripping answers, release the port."""
        self.stopping.set()
        if self._serving:
            self._server.shutdown()
            self._serving = False
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def stand_in(self, slug: str) -> VendorStandIn | None:
        """The stand-in served under `/<slug>`, if any (for the request handler)."""
        return self._stand_ins.get(slug)

    @property
    def state(self) -> SandboxState:
        """Requests and faults (for the request handler)."""
        return self._state

    def _stand_in(self, slug: str) -> VendorStandIn:
        try:
            return self._stand_ins[slug]
        except KeyError:
            known = ", ".join(self._stand_ins)
            raise KeyError(f"no vendor {slug!r} in the sandbox; known: {known}") from None

    def _slugs(self, slug: str | None) -> tuple[str, ...]:
        if slug is None:
            return self.vendors
        self._stand_in(slug)
        return (slug,)


def start_sandbox(
    host: str = "127.0.0.1",
    port: int = 0,
    credentials: Mapping[str, str] | None = None,
    paths: GeneratorPaths | None = None,
    *,
    strict: bool = True,
) -> Sandbox:
    """A sandbox serving in a background thread; use it as a context manager to stop it."""
    return Sandbox(host, port, credentials, paths, strict=strict).start()


def run_sandbox(
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    credentials: Mapping[str, str] | None = None,
) -> None:
    """Serve every vendor until interrupted, logging each vendor's base URL (never a key)."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    with Sandbox(host, port, credentials) as sandbox:
        for line in sandbox.describe():
            logger.info("sandbox %s", line)
        logger.info("sandbox control: %s/%s", sandbox.url, CONTROL_PREFIX)
        try:
            sandbox.serve_forever()
        except KeyboardInterrupt:
            logger.info("sandbox stopped")


class _BadRequestBody(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], sandbox: Sandbox) -> None:
        super().__init__(address, _Handler)
        self.sandbox = sandbox


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "campaign-gateway-sandbox"
    timeout = _IDLE_TIMEOUT
    server: _Server

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
        entry.status = reply.status
        logger.info("sandbox %s %s %s -> %d", first, self.command, split.path, reply.status)
        self._send(reply, fault.drip if fault is not None else None)

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

    def _send(self, reply: Reply, drip: float | None) -> None:
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
