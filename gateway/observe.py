"""What operators see: request ids, one JSON log line per request, Prometheus metrics.

The request context lives in a contextvar set by the outermost middleware, so the vendor
transport (to forward X-Request-ID), problem bodies and the access log all read one place.
Metrics work across worker processes when PROMETHEUS_MULTIPROC_DIR is set (`serve` sets it).
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import Counter, Gauge, Histogram

from gateway import jsoncodec
from gateway.redaction import REDACTED, SecretIndex

__all__ = [
    "BREAKER_OPEN",
    "DISPATCH",
    "HOOKS",
    "IN_FLIGHT",
    "RATE_LIMITED",
    "REDACTED",
    "REPLAYS",
    "REQUESTS",
    "VENDOR_CALLS",
    "RequestContext",
    "SecretIndex",
    "configure_logging",
    "current_request",
    "redact",
    "request_id_from",
]

REQUESTS = Counter("gateway_requests_total", "Requests answered", ["route", "vendor", "status"])
VENDOR_CALLS = Histogram(
    "gateway_vendor_call_seconds",
    "Duration of vendor calls",
    ["vendor", "outcome"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
DISPATCH = Counter("gateway_dispatch_total", "Campaigns by dispatch outcome", ["vendor", "outcome"])
REPLAYS = Counter("gateway_idempotent_replays_total", "Answers replayed for a repeated Idempotency-Key")
IN_FLIGHT = Gauge("gateway_requests_in_flight", "Requests being served", multiprocess_mode="livesum")
RATE_LIMITED = Counter(
    "gateway_rate_limited_total", "Requests refused by a rate limit (a tenant's, or an address's without a known key)"
)
BREAKER_OPEN = Gauge(
    "gateway_vendor_circuit_open", "1 while a vendor's circuit is open", ["vendor"], multiprocess_mode="livemax"
)

# Inbound vendor webhooks (gateway/events/inbound.py): accepted, duplicate, unauthorized, invalid.
HOOKS = Counter("gateway_hooks_received_total", "Inbound vendor webhooks by outcome", ["vendor", "outcome"])

_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
# Anything that looks like a phone number (8 or more digits, spaces, dashes or brackets between
# them; no dots, so addresses and versions stay readable): keep the last four digits.
# A digit run inside a token (a hex request id, a UUID) is no phone number: the run must
# stand apart from letters and digits on both sides.
_PHONE = re.compile(r"(?<![0-9A-Za-z])\+?\d[\d ()-]{6,}\d(?![0-9A-Za-z])")


@dataclass
class RequestContext:
    """One request as the log line will tell it."""

    request_id: str
    method: str = ""
    path: str = ""
    tenant: str | None = None
    auth: str | None = None
    """Why no tenant is named: "missing", "unknown key", "two different keys"..."""
    vendor: str | None = None
    route: str | None = None
    vendor_ms: float | None = None
    started: float = field(default_factory=time.perf_counter)


current_request: ContextVar[RequestContext | None] = ContextVar("current_request", default=None)


def request_id_from(header: str | None) -> str:
    """The client's X-Request-ID when it is a sane token, else a new one."""
    if header and _REQUEST_ID.fullmatch(header):
        return header
    return uuid.uuid4().hex


def redact(text: str, secrets: Iterable[str] | SecretIndex) -> str:
    """Credentials, in any encoding, become [REDACTED]; phone numbers keep their last four digits."""
    index = secrets if isinstance(secrets, SecretIndex) else SecretIndex(secrets)
    return _PHONE.sub(_last_four, index.hide(text))


def _last_four(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group())
    return "…" + digits[-4:] if len(digits) >= 8 else match.group()


class _JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, "fields", {}))
        if record.exc_text:
            line["error"] = record.exc_text
        return jsoncodec.dumps(line, default=str).decode()  # orjson: a fifth of `json`'s time


class _Redactor(logging.Filter):
    def __init__(self, secrets: Callable[[], Sequence[str]]) -> None:
        super().__init__()
        self._known = secrets  # asked each time: tenants' credentials arrive while running
        self._indexed: tuple[Sequence[str] | None, SecretIndex] = (None, SecretIndex(()))

    def _index(self) -> SecretIndex:
        known = self._known()
        indexed, index = self._indexed
        if known is not indexed:  # the same sequence until the secrets change: index it once
            if indexed is None or tuple(known) != tuple(indexed):  # a re-read finds the same ones
                index = SecretIndex(known)
            self._indexed = (known, index)
        return index

    def filter(self, record: logging.LogRecord) -> bool:
        secrets = self._index()
        record.msg = redact(record.getMessage(), secrets)
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            # Tracebacks carry exception messages (URLs, bodies): format them now, redacted.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), secrets)
            record.exc_info = None
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            record.fields = {key: _redacted(value, secrets) for key, value in fields.items()}
        return True


def _redacted(value: object, secrets: SecretIndex) -> object:
    """A log field with every string in it redacted (a field may hold a list or a mapping)."""
    if isinstance(value, str):
        return redact(value, secrets)
    if isinstance(value, dict):
        return {key: _redacted(item, secrets) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_redacted(item, secrets) for item in value]
    if value is None or isinstance(value, bool | int | float):
        return value
    return redact(str(value), secrets)  # what the formatter would write (`default=str`), redacted


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time (test runners and daemons swap it)."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def configure_logging(secrets: Callable[[], Sequence[str]], level: int = logging.INFO) -> None:
    """JSON lines on stderr, with every known secret and phone number redacted."""
    handler = _StderrHandler()
    handler.setFormatter(_JSONFormatter())
    handler.addFilter(_Redactor(secrets))
    root = logging.getLogger()
    for existing in list(root.handlers):
        if getattr(existing, "_campaign_gateway", False):
            root.removeHandler(existing)
    handler._campaign_gateway = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every vendor call at INFO; the access log already tells each one.
    logging.getLogger("httpx").setLevel(logging.WARNING)
