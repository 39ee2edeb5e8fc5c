"""The gateway's error tree; every error renders as RFC 9457 problem+json.

::

    GatewayError (500)
    ├── RequestInvalid (400)            the body or a parameter breaks the API's schema
    ├── Unauthenticated (401)           missing or unknown gateway key
    ├── NotFound (404)
    ├── MethodNotAllowed (405)
    ├── PayloadTooLarge (413)
    ├── Conflict (409)                  the same Idempotency-Key is still in flight, or a keyless
    │                                   repeat of a campaign the vendor may have acted on
    │   └── InvalidTransition (409)     the campaign's status does not allow the action
    ├── UnsupportedMediaType (415)
    ├── Unprocessable (422)             the chosen vendor cannot take this campaign
    │   └── IdempotencyKeyReused (422)  the same Idempotency-Key with another payload
    ├── RateLimited (429)               this tenant (or address) is over its rate limit
    ├── ActionUnsupported (501)         the vendor cannot do this action at all (the reason said)
    ├── VendorNotConfigured (503)       no base URL for this vendor on this gateway
    ├── DatabaseUnavailable (503)       the registry cannot record the campaign: nothing is sent
    └── VendorError (502)               a vendor call failed: every way it can, and only those
        ├── VendorRejected (422)        the vendor answered 4xx to what we sent
        ├── VendorRateLimited (429)     the vendor answered 429; Retry-After passed on
        ├── VendorUnavailable (503)     vendor 503, its circuit open, or its calls at their cap
        ├── VendorAuthFailed (502)      the vendor refused the gateway's credentials
        ├── VendorUnreachable (502)     connection refused or failed before sending
        ├── VendorServerError (502)     vendor 5xx (but 503): may exist
        ├── VendorBadResponse (502)     an answer the gateway does not follow (a redirect), or
        │                               a connection cut after sending: may exist
        └── VendorTimeout (504)         no complete answer within the total deadline: may exist

Two flags tell the registry what an error means for the campaign (`gateway/api/dispatch.py`
settles it in one place):

- `may_exist`: the vendor may have acted on the request. The dispatch is `unknown`, the
  Idempotency-Key stays pinned to it, a keyless identical request is refused within the retry
  guard, and nothing re-sends it by itself.
- `try_later`: the vendor has certainly not acted, and the same request may well succeed later
  (a rate limit, an outage, a refused connection). The dispatch is `rejected` and the
  Idempotency-Key is released, so the client's retry with the same key is sent.

Neither: a definitive refusal (`rejected`), replayed for its key.
This module imports nothing of the gateway.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

__all__ = [
    "ActionUnsupported",
    "Conflict",
    "DatabaseUnavailable",
    "FieldError",
    "GatewayError",
    "IdempotencyKeyReused",
    "InvalidTransition",
    "MethodNotAllowed",
    "NotFound",
    "PayloadTooLarge",
    "RateLimited",
    "RequestInvalid",
    "Unauthenticated",
    "Unprocessable",
    "UnsupportedMediaType",
    "VendorAuthFailed",
    "VendorBadResponse",
    "VendorError",
    "VendorNotConfigured",
    "VendorRateLimited",
    "VendorRejected",
    "VendorServerError",
    "VendorTimeout",
    "VendorUnavailable",
    "VendorUnreachable",
    "all_error_classes",
    "field_path",
]

PROBLEM_TYPE_PREFIX = "urn:campaign-gateway:problem:"


@dataclass(frozen=True)
class FieldError:
    """One broken rule: `field` is a path such as ``recipients[0].phone`` ("" for the body)."""

    field: str
    message: str

    def as_dict(self) -> dict[str, str]:
        """The problem's `errors` entry."""
        return {"field": self.field, "message": self.message}


def field_path(parts: Iterable[str | int]) -> str:
    """The `field` of a FieldError for a location: `recipients[0].phone`."""
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


class GatewayError(Exception):
    """Base of every error the gateway answers with; subclasses set status, title and type."""

    status: ClassVar[int] = 500
    title: ClassVar[str] = "Internal error"
    slug: ClassVar[str] = "internal"
    may_exist: bool = False
    """The vendor may have acted on the request (module docstring)."""
    try_later: bool = False
    """The vendor has not acted, and the same request may succeed later (module docstring)."""

    def __init__(
        self,
        detail: str | None = None,
        *,
        errors: list[FieldError] | None = None,
        vendor: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        self.errors = errors or []
        self.vendor = vendor
        self.headers = headers or {}

    @property
    def type(self) -> str:
        """Stable problem type URI."""
        return PROBLEM_TYPE_PREFIX + self.slug

    def to_problem(self, instance: str | None = None) -> dict[str, Any]:
        """The RFC 9457 body."""
        problem: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            problem["instance"] = instance
        if self.errors:
            problem["errors"] = [error.as_dict() for error in self.errors]
        if self.vendor:
            problem["vendor"] = self.vendor
        problem.update(self.extra())
        return problem

    def extra(self) -> dict[str, Any]:
        """Members a subclass adds to the problem."""
        return {}


class RequestInvalid(GatewayError):
    """The request breaks the API's schema or a rule of the vendor-neutral campaign."""

    status, title, slug = 400, "Invalid request", "invalid-request"


class Unauthenticated(GatewayError):
    """Missing or unknown gateway key."""

    status, title, slug = 401, "Unauthenticated", "unauthenticated"

    def __init__(self, detail: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"WWW-Authenticate": 'Bearer realm="campaign-gateway"'})
        super().__init__(detail or "A valid gateway key is required (Authorization: Bearer or X-API-Key).", **kwargs)


class NotFound(GatewayError):
    """No such route or resource."""

    status, title, slug = 404, "Not found", "not-found"


class MethodNotAllowed(GatewayError):
    """The route exists, not with this method."""

    status, title, slug = 405, "Method not allowed", "method-not-allowed"


class PayloadTooLarge(GatewayError):
    """The body exceeds GATEWAY_MAX_BODY_BYTES."""

    status, title, slug = 413, "Payload too large", "payload-too-large"


class Conflict(GatewayError):
    """The same campaign is in flight, or its earlier attempt has an unknown outcome."""

    status, title, slug = 409, "Conflict", "conflict"

    def __init__(self, detail: str, *, campaign_id: str | None = None, **kwargs: Any) -> None:
        super().__init__(detail, **kwargs)
        self.campaign_id = campaign_id

    def extra(self) -> dict[str, Any]:
        """Adds the earlier campaign's id, when there is one."""
        return {"campaign_id": self.campaign_id} if self.campaign_id else {}


class InvalidTransition(Conflict):
    """The campaign's status does not allow the action (or the vendor never accepted the campaign)."""

    title, slug = "Invalid transition", "invalid-transition"

    def __init__(self, detail: str, *, campaign_id: str, current: str | None, allowed: Iterable[str]) -> None:
        super().__init__(detail, campaign_id=campaign_id)
        self.current = current
        self.allowed = list(allowed)

    def extra(self) -> dict[str, Any]:
        """Adds the current status and the statuses the action needs."""
        return {**super().extra(), "current_status": self.current, "allowed_statuses": self.allowed}


class ActionUnsupported(GatewayError):
    """The vendor documents no way to do this action: static, whatever the campaign's state."""

    status, title, slug = 501, "Action not supported by the vendor", "action-unsupported"

    def __init__(self, detail: str, *, vendor: str, action: str, reason: str) -> None:
        super().__init__(detail, vendor=vendor)
        self.action = action
        self.reason = reason

    def extra(self) -> dict[str, Any]:
        """Adds the action and why the vendor cannot do it."""
        return {"action": self.action, "reason": self.reason}


class UnsupportedMediaType(GatewayError):
    """The body's content type is not one the operation takes."""

    status, title, slug = 415, "Unsupported media type", "unsupported-media-type"


class Unprocessable(GatewayError):
    """A valid campaign that the chosen vendor cannot take."""

    status, title, slug = 422, "Not possible at this vendor", "unprocessable"


class IdempotencyKeyReused(Unprocessable):
    """The Idempotency-Key was first used with another payload."""

    title, slug = "Idempotency-Key reused", "idempotency-key-reused"


class RateLimited(GatewayError):
    """The tenant is over its rate limit (GATEWAY_RATE_LIMIT)."""

    status, title, slug = 429, "Rate limit", "rate-limited"
    try_later = True


class VendorNotConfigured(GatewayError):
    """The vendor has no base URL on this gateway."""

    status, title, slug = 503, "Vendor not configured", "vendor-not-configured"


class DatabaseUnavailable(GatewayError):
    """The registry cannot be written: nothing is sent that was not recorded first."""

    status, title, slug = 503, "Registry unavailable", "database-unavailable"

    def __init__(self, detail: str | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("headers", {"Retry-After": "5"})
        super().__init__(detail or "The campaign registry is unavailable; nothing was sent.", **kwargs)

    try_later = True


class VendorError(GatewayError):
    """A vendor call failed; the base of every way it can (the gateway answers 502 unless a subclass says)."""

    status, title, slug = 502, "Vendor error", "vendor-error"


class VendorRejected(VendorError):
    """The vendor answered 4xx to the request we sent."""

    status, title, slug = 422, "Rejected by the vendor", "vendor-rejected"

    def __init__(self, detail: str, *, vendor: str, vendor_status: int, **kwargs: Any) -> None:
        super().__init__(detail, vendor=vendor, **kwargs)
        self.vendor_status = vendor_status

    def extra(self) -> dict[str, Any]:
        """Adds the vendor's HTTP status."""
        return {"vendor_status": self.vendor_status}


class VendorRateLimited(VendorError):
    """The vendor is rate limiting; its Retry-After is passed on."""

    status, title, slug = 429, "Vendor rate limit", "vendor-rate-limited"
    try_later = True


class VendorServerError(VendorError):
    """The vendor answered 5xx: it failed while handling the request, which it may have acted on."""

    title, slug = "Vendor server error", "vendor-server-error"
    may_exist = True


class VendorUnavailable(VendorError):
    """The vendor cannot take calls now: it answered 503, or its circuit is open, or it has its cap of calls.

    A 503 says the vendor did not handle the request (RFC 9110, 15.6.4), unlike its other 5xx.
    """

    status, title, slug = 503, "Vendor unavailable", "vendor-unavailable"
    try_later = True


class VendorAuthFailed(VendorError):
    """The vendor refused the gateway's own credentials (a gateway configuration problem).

    Nothing was created, and once the operator mends the credential the same request succeeds.
    """

    title, slug = "Vendor refused the gateway's credentials", "vendor-auth-failed"
    try_later = True


class VendorUnreachable(VendorError):
    """The connection failed before the request was sent."""

    title, slug = "Vendor unreachable", "vendor-unreachable"
    try_later = True


class VendorBadResponse(VendorError):
    """An answer the gateway does not follow, or one cut off after sending: the campaign may exist."""

    title, slug = "Unreadable vendor response", "vendor-bad-response"
    may_exist = True


class VendorTimeout(VendorError):
    """No complete answer within the total deadline; the campaign may exist."""

    status, title, slug = 504, "Vendor timeout", "vendor-timeout"
    may_exist = True


def all_error_classes() -> list[type[GatewayError]]:
    """Every class in the tree, for completeness tests."""
    found: list[type[GatewayError]] = []
    pending: list[type[GatewayError]] = [GatewayError]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found
