"""What the webhook tests share: a fake clock, a local receiver, an independent verifier, events."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from cryptography.fernet import Fernet

from gateway.events.delivery import Deliverer
from gateway.events.model import NewEvent
from gateway.events.outbox import emit
from gateway.events.relay import Relay
from gateway.events.subscriptions import SecretSealer, Subscriptions
from gateway.store.engine import make_engine
from gateway.store.migrate import migrate
from gateway.store.registry import Registry

SECRET_KEY = Fernet.generate_key().decode()


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2030, 1, 15, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def verify(secret: str, headers: Mapping[str, str], body: bytes) -> bool:
    """Standard Webhooks, written from the specification (not the `standardwebhooks` package).

    The signed content is `{webhook-id}.{webhook-timestamp}.{body}`; the key is the base64
    after `whsec_`; the signature is HMAC-SHA256, base64, prefixed `v1,`; several may be
    given, separated by spaces, and any one matching is enough.
    """
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    offered = [item.split(",", 1) for item in headers["webhook-signature"].split(" ")]
    return any(version == "v1" and hmac.compare_digest(value, expected) for version, value in offered)


@dataclass
class Received:
    """One request the receiver got."""

    headers: dict[str, str]
    body: bytes
    path: str

    @property
    def payload(self) -> Any:
        return json.loads(self.body)


@dataclass
class Receiver:
    """A local HTTP receiver; `answer` decides each response (status, headers, delay)."""

    url: str = ""
    received: list[Received] = field(default_factory=list)
    answer: Callable[[Received], tuple[int, dict[str, str], float]] = lambda _r: (204, {}, 0.0)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ids(self) -> list[str]:
        with self.lock:
            return [item.headers["webhook-id"] for item in self.received]


@contextmanager
def receiving(answer: Callable[[Received], tuple[int, dict[str, str], float]] | None = None) -> Iterator[Receiver]:
    """A receiver on 127.0.0.1, for the duration of the block."""
    receiver = Receiver()
    if answer is not None:
        receiver.answer = answer

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            item = Received({k.lower(): v for k, v in self.headers.items()}, body, self.path)
            with receiver.lock:
                receiver.received.append(item)
            status, headers, delay = receiver.answer(item)
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                content = b"" if status in (204, 304) else b"ok"  # a 204 has no body (RFC 9110, 15.3.5)
                self.send_header("content-length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)
            except OSError:  # the deliverer gave up first
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Kit:
    """A migrated registry on a fake clock, with its relay, subscriptions and a deliverer."""

    registry: Registry
    relay: Relay
    clock: FakeClock
    subscriptions: Subscriptions
    sealer: SecretSealer

    def deliverer(self, **options: Any) -> Deliverer:
        options.setdefault("allow_private", True)
        return Deliverer(self.registry, self.sealer, **options)

    def emit(self, tenant: str, count: int = 1, event_type: str = "call.completed") -> list[str]:
        """Write `count` events for `tenant` and publish them (their deliveries are made)."""
        ids = []
        with self.registry.transaction() as connection:
            for index in range(count):
                event = NewEvent(
                    type=event_type,
                    occurred_at=self.clock(),
                    received_at=self.clock(),
                    source="gateway",
                    data={"n": index},
                    tenant=tenant,
                )
                emit(connection, event)
                ids.append(event.id)
        self.relay.publish_all()
        return ids


def make_kit(database_url: str, *, allow_private: bool = True, resolver: Any = None, real_time: bool = False) -> Kit:
    """A Kit on `database_url` (migrated here); with `real_time`, its registry keeps the real clock."""
    clock = FakeClock()
    engine = make_engine(database_url)
    migrate(engine)
    registry = Registry(engine) if real_time else Registry(engine, clock=clock)
    sealer = SecretSealer(SECRET_KEY)
    options: dict[str, Any] = {"allow_private": allow_private}
    if resolver is not None:
        options["resolver"] = resolver
    return Kit(registry, Relay(registry), clock, Subscriptions(registry, sealer, **options), sealer)


def once(deliverer: Deliverer) -> int:
    """One pass of `deliverer` on a loop of its own, its connections closed after."""

    async def run() -> int:
        try:
            return await deliverer.run_once()
        finally:
            await deliverer.aclose()

    return asyncio.run(run())
