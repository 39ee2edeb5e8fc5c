"""What a vendor's webhooks are: how they are signed, and how their payloads map to events.

Each adapter names its scheme in a `webhooks` ClassVar and maps payloads in `read_hook`
(pure, from one module-level table of vendor event names). The schemes are only the ones the
vendors document (../EVENTS.md): where our copy of a vendor's docs names a signature but not
its algorithm, the scheme is `token_only` with the reason, and the signature header is kept
with the event; the day the scheme is known, one line in the adapter turns verification on.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from gateway.instants import parse_instant

__all__ = [
    "NO_WEBHOOKS",
    "HookReading",
    "MappedEvent",
    "WebhookScheme",
    "hex_hmac_sha256",
    "instant",
    "members",
    "seconds",
    "static_header",
    "text",
    "verify",
]

Kind = Literal["hmac_hex", "static_header", "token_only", "none"]


@dataclass(frozen=True)
class WebhookScheme:
    """How a vendor's webhooks prove where they come from (one cell of the capability matrix)."""

    kind: Kind
    # hmac_hex: the signature header; static_header: the default header name; token_only: the
    # vendor's signature header, kept unverified with the event.
    header: str | None = None
    reason: str = ""

    @property
    def receives(self) -> bool:
        """Whether the vendor sends webhooks at all."""
        return self.kind != "none"

    def describe(self) -> str:
        """The capability matrix's text."""
        if self.kind == "hmac_hex":
            return f"signed ({self.header}, HMAC-SHA256)"
        if self.kind == "static_header":
            return f"static auth header ({self.header} by default) when a secret is configured, else token only"
        if self.kind == "token_only":
            return f"token only: {self.reason}"
        return f"none: {self.reason or 'sync only'}"


NO_WEBHOOKS = WebhookScheme("none", reason="sync only")


@dataclass(frozen=True)
class MappedEvent:
    """One event a vendor's hook becomes (before the gateway ties it to a tenant and campaign)."""

    type: str
    data: dict[str, Any]
    occurred_at: datetime | None = None
    vendor_campaign_id: str | None = None
    # A hook that names a call and no campaign (Smallest's): the event is held until the
    # vendor's list of a campaign's calls shows which campaign made it (gateway/events/tie.py).
    call_id: str | None = None


@dataclass(frozen=True)
class HookReading:
    """What a hook says: the vendor's event id (None: the body's hash dedupes) and its events."""

    event_id: str | None
    events: list[MappedEvent] = field(default_factory=list)


def hex_hmac_sha256(secret: str, body: bytes) -> str:
    """hex(HMAC-SHA256(secret as UTF-8, body)): Smallest's `X-Signature` (its webhooks guide)."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def static_header(secret: str, default_header: str) -> tuple[str, str]:
    """A static auth header configured as `value` (under `default_header`) or `Name: value`."""
    name, separator, value = secret.partition(":")
    if separator and name.strip() and " " not in name.strip():
        return name.strip(), value.strip()
    return default_header, secret


def verify(scheme: WebhookScheme, headers: Mapping[str, str], body: bytes, secret: str | None) -> str | None:
    """Why the hook is refused (a 401's detail), or None when it proves its origin.

    `headers` must be case-insensitive (Starlette's). A scheme the vendor documents and no
    secret configured is refused: the gateway cannot tell the vendor from anyone else.
    """
    if scheme.kind == "hmac_hex":
        assert scheme.header is not None
        if not secret:
            return "No signing secret is configured for this vendor account."
        presented = headers.get(scheme.header)
        if not presented:
            return f"The {scheme.header} header is missing."
        if not hmac.compare_digest(presented.strip().lower().encode(), hex_hmac_sha256(secret, body).encode()):
            return f"The {scheme.header} signature does not match the body."
        return None
    if scheme.kind == "static_header" and secret:
        assert scheme.header is not None
        name, expected = static_header(secret, scheme.header)
        presented = headers.get(name)
        if presented is None:
            return f"The {name} header is missing."
        if not hmac.compare_digest(presented.encode(), expected.encode()):
            return f"The {name} header does not match."
        return None
    if scheme.kind == "none":
        return "This vendor sends no webhooks."
    return None


def text(value: Any) -> str | None:
    """A payload member as text (ids may come as numbers), None when absent or empty."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        return str(value) or None
    return None


def seconds(value: Any) -> float | int | None:
    """A payload's duration in seconds, None when absent or not a number."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def members(value: Any, *names: str) -> dict[str, Any]:
    """`value[name][...]` when each step is an object, else {} (payloads are the vendor's, untrusted)."""
    for name in names:
        value = value.get(name) if isinstance(value, dict) else None
    return value if isinstance(value, dict) else {}


def instant(value: Any) -> datetime | None:
    """A payload's date-time (aware, UTC), None when absent or not one."""
    if not isinstance(value, str):
        return None
    try:
        parsed = parse_instant(value)
    except ValueError:
        return None
    return parsed.astimezone(UTC)
