"""What every adapter shares: capabilities, the send path, and vendor error mapping.

An adapter is a pure translation around calls made through the vendor's generated client:
`to_vendor` and `from_vendor` for the launch, `lifecycle_call` and `read_state` for what
follows it (get, start, pause, resume, cancel). Every vendor call, whatever the route, ends in
`Adapter.call`; `vendor_errors` is the one place where httpx and generated-client failures
become gateway errors, and `raise_for_reply` the one place where a vendor's answer does.

Adding an action to an adapter is: the operation in the vendor's spec, a line in its
`lifecycle_call`, and its words in the adapter's status table.
"""

from __future__ import annotations

import functools
import json
import time
import weakref
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar, Protocol, TypeVar

import aiohttp
import httpx
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from gateway.campaign import CampaignRequest, Receipt
from gateway.errors import (
    FieldError,
    GatewayError,
    Unprocessable,
    VendorAuthFailed,
    VendorBadResponse,
    VendorRateLimited,
    VendorRejected,
    VendorServerError,
    VendorTimeout,
    VendorUnavailable,
    VendorUnreachable,
    field_path,
)
from gateway.lifecycle import CampaignStatus, Progress
from gateway.observe import REDACTED, VENDOR_CALLS, current_request
from gateway.redaction import SecretIndex, hide_in_bytes
from gateway.vendors._hooks import NO_WEBHOOKS, HookReading, WebhookScheme
from gateway.vendors._http import (
    CallState,
    CaptureTransport,
    ResponseTooLarge,
    VendorHTTPClient,
    VendorTransport,
    vendor_call,
)

__all__ = [
    "Adapter",
    "AuthStyle",
    "Capabilities",
    "PreparedRequest",
    "VendorCall",
    "VendorReply",
    "VendorState",
    "parsed_as",
    "raise_for_reply",
    "refuse_fields",
    "relay_call",
    "require_fields",
    "vendor_errors",
]

_Model = TypeVar("_Model")
# What reading a vendor's body off its spec raises, in a generated client's `from_dict` or an
# adapter's `from_vendor` (they take the vendor's JSON as it comes: a number where a text was due).
_OFF_SPEC = (AttributeError, LookupError, TypeError, ValueError, ArithmeticError)


@dataclass(frozen=True)
class Capabilities:
    """One row of the capability matrix (GET /v1/vendors and docs/vendors.md)."""

    channels: tuple[str, ...]
    inline_recipients: bool
    audience: bool
    scheduling: bool
    windows: bool
    retries: bool
    multipart: bool = False
    max_recipients: int | None = None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuthStyle:
    """How the vendor wants its credential: header name and prefix."""

    header: str = "Authorization"
    prefix: str = "Bearer"


@dataclass(frozen=True)
class VendorReply:
    """The vendor's raw answer plus what the generated client parsed from it (None if nothing)."""

    status: int
    content: bytes
    content_type: str
    retry_after: str | None
    parsed: Any = None


@dataclass(frozen=True)
class VendorCall:
    """One operation of the vendor's generated client and its arguments (path, query, body)."""

    operation: Callable[..., Awaitable[Any]]
    arguments: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class VendorState:
    """A campaign's state as a vendor's answer tells it (a get, or an action that confirms)."""

    vendor_status: str | None
    status: CampaignStatus
    progress: Progress | None = None


@dataclass(frozen=True)
class _Relayed:
    """A relayed answer in the shape of a generated client's Response (nothing parsed)."""

    status_code: int
    headers: httpx.Headers
    content: bytes
    parsed: Any = None


async def _relay(*, client: Any, method: str, url: str, params: str, body: Any) -> _Relayed:
    """Send a request as the client wrote it, on the generated client's own connection."""
    options: dict[str, Any] = {"params": params or None}
    if body is not None:
        options["json"] = body
    response = await client.get_async_httpx_client().request(method, url, **options)
    return _Relayed(response.status_code, response.headers, response.content)


def relay_call(method: str, path: str, query: str, body: Any) -> VendorCall:
    """A native request (already validated against the vendor's spec) as one vendor call.

    Relayed as written, through the generated client's connection, credential, deadline,
    size cap and error mapping; its answer is the vendor's, parsed by nobody.
    """
    return VendorCall(_relay, {"method": method, "url": path, "params": query, "body": body})


@dataclass
class PreparedRequest:
    """The exact request a call would send (dry runs), credentials redacted."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any
    files: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class _JSONBody:
    """A JSON payload handed to a generated operation as it is; the operation calls `to_dict()`.

    Both routes' payloads already match the vendor's schema (validated, or dumped from the
    vendor's pydantic model), so building the generated attrs model and dumping it again
    could only rewrite the body (date-times, for one): on the native route, where the vendor's
    own body is forwarded, that round trip was a tenth of a request's CPU.
    """

    payload: Any

    def to_dict(self) -> Any:
        """What the generated operation sends as `json=`."""
        return self.payload


class _GeneratedCall(Protocol):
    def __call__(self, *, client: Any, body: Any) -> Awaitable[Any]: ...


class Adapter(ABC):
    """Base of every vendor adapter."""

    slug: ClassVar[str]
    capabilities: ClassVar[Capabilities]
    # The vendor's status words and their vendor-neutral status (module-level tables).
    statuses: ClassVar[dict[str, CampaignStatus]]
    # From the generated package: its AuthenticatedClient and the operation's `asyncio_detailed`
    # (wrapped in staticmethod).
    client_class: ClassVar[Any]
    operation: ClassVar[_GeneratedCall]
    auth: ClassVar[AuthStyle] = AuthStyle()
    # After the launch: what the vendor documents no way to do ("get", an action, or "progress"),
    # each with why. The 501 and the capability matrix say it; everything else but progress
    # has a `lifecycle_call`.
    cannot: ClassVar[Mapping[str, str]] = {}
    # What the capability matrix should say of what it can do ("resume is its start endpoint").
    lifecycle_notes: ClassVar[Mapping[str, str]] = {}
    # Each operation of the vendor's spec by operationId, and how its native route serves it:
    # "create"; "campaign" (a read of one campaign: the caller's only) and "campaigns" (a list:
    # filtered to the caller's); "account" (account-wide reads: the tenant's own account only);
    # or the action it is (start, pause, cancel, delete, update), recorded in the actions' ledger.
    native: ClassVar[Mapping[str, str]] = {}
    # The vendor's webhooks (gateway/vendors/_hooks.py): how they are signed, and `read_hook`.
    webhooks: ClassVar[WebhookScheme] = NO_WEBHOOKS
    # Whether its hooks that name only a call are tied to a campaign through `calls_call`.
    ties_calls: ClassVar[bool] = False

    @classmethod
    def read_hook(cls, payload: Any) -> HookReading:
        """The events a webhook body becomes (pure; asked only of vendors that send webhooks)."""
        raise NotImplementedError(f"{cls.slug} sends no webhooks")

    def calls_call(self, vendor_id: str, page: int) -> VendorCall:
        """The vendor's list of one campaign's calls, page `page` (from 1), where `ties_calls`.

        What ties a hook that names only a call to its campaign (gateway/events/tie.py).
        """
        raise NotImplementedError(f"{self.slug} lists no calls")

    def read_call_ids(self, answer: Any) -> tuple[list[str], bool]:
        """The call ids in a `calls_call` answer (pure), and whether a next page follows."""
        raise NotImplementedError(f"{self.slug} lists no calls")

    def answer_call_ids(self, reply: VendorReply) -> tuple[list[str], bool]:
        """`read_call_ids` of a success reply to `calls_call`; none when it is off spec."""
        try:
            return self.read_call_ids(json.loads(reply.content))
        except _OFF_SPEC:
            return [], False

    def __init__(
        self,
        *,
        base_url: str | None,
        credential: str | None,
        timeout_s: float,
        max_in_flight: int,
    ) -> None:
        self._base_url = base_url
        self._credential = credential or ""
        self._transport = VendorTransport(timeout_s=timeout_s, max_connections=max_in_flight) if base_url else None
        self._client = self._make_client(self._transport) if self._transport else None
        self._dry_client = self._make_client(CaptureTransport())

    # --- the per-vendor part -----------------------------------------------------------------

    @abstractmethod
    def to_vendor(self, campaign: CampaignRequest) -> BaseModel:
        """Translate a checked campaign into the vendor's generated request model (pure)."""

    @abstractmethod
    def from_vendor(self, parsed: Any) -> Receipt:
        """Read the vendor's parsed success body (pure)."""

    def _client_body(self, payload: Any) -> Any:
        """The generated operation's `body` for a wire payload (a multipart adapter builds its model)."""
        return _JSONBody(payload)

    def campaign_status(self, vendor_word: str | None) -> CampaignStatus:
        """The vendor-neutral status for the vendor's word (`unmapped` if the table lacks it)."""
        return self.statuses.get(vendor_word or "", "unmapped")

    def lifecycle_call(self, what: str, vendor_id: str) -> VendorCall:
        """The call that does `what` ("get" or an action) to the vendor's campaign `vendor_id`.

        Asked only for what `cannot` does not name.
        """
        raise NotImplementedError(f"{self.slug} has no call for {what}")

    def read_state(self, answer: Any) -> VendorState | None:
        """The campaign's state in the JSON answer to a `lifecycle_call` (pure); None when it tells none.

        Read from the JSON, not the generated client's model: a status word the vendor's spec
        does not list must still be kept (`unmapped`, with the word), where the model would
        refuse the whole answer. An action's answer that tells no state means the vendor only
        queued the change.
        """
        return None

    def native_action(self, role: str, body: Any, status: str | None) -> str:
        """The action a native request is (its `native` role), given its body and the campaign's status."""
        if role == "start" and status in ("paused", "pausing"):
            return "resume"  # vendors whose start also resumes
        return role

    def campaign_list(self, answer: Any) -> list[Any] | None:
        """The list of campaigns in a native list's JSON answer (items are edited in place); None if none."""
        return None

    # --- after the launch --------------------------------------------------------------------

    def refusal(self, what: str) -> str | None:
        """Why the vendor cannot do `what` ("get" or an action), or None when it can."""
        return self.cannot.get(what)

    def answer_state(self, reply: VendorReply) -> VendorState | None:
        """What can be read of a success reply to a lifecycle call; None when nothing (or it is off spec)."""
        try:
            state = self.read_state(json.loads(reply.content))
        except _OFF_SPEC:  # json's errors are ValueErrors
            return None
        if state is None:
            return None
        return replace(state, vendor_status=self._redact_text(state.vendor_status))

    # --- shared ------------------------------------------------------------------------------

    def payload(self, campaign: CampaignRequest) -> Any:
        """The wire payload for a campaign; refusals and vendor-model violations are 422."""
        return self.build(campaign).model_dump(mode="json", by_alias=True, exclude_unset=True)

    def build(self, campaign: CampaignRequest) -> BaseModel:
        """Translate, merge `options`, and check the result against the vendor's own model.

        The vendor's generated model enforces its spec's limits, so they are never re-typed
        here; its violations become 422s naming the vendor's field.
        """
        if campaign.channel is not None and campaign.channel not in self.capabilities.channels:
            offered = ", ".join(self.capabilities.channels)
            raise Unprocessable(
                f"{self.slug} does not offer {campaign.channel}",
                vendor=self.slug,
                errors=[FieldError("channel", f"{self.slug} offers {offered}")],
            )
        try:
            model = self.to_vendor(campaign)
            if not campaign.options:
                return model
            mapped = model.model_dump(by_alias=True, exclude_unset=True)
            clashes = sorted(set(mapped) & set(campaign.options))
            if clashes:
                raise Unprocessable(
                    f"{self.slug} fields given twice",
                    vendor=self.slug,
                    errors=[FieldError(f"options.{name}", "also set by a mapped field") for name in clashes],
                )
            # The generated models take None for every optional field (they cannot tell a nullable
            # one), and no vendor's request schema is nullable: a null would go out malformed.
            nulls = _null_paths(campaign.options, "options")
            if nulls:
                raise Unprocessable(
                    f"{self.slug} takes no null values",
                    vendor=self.slug,
                    errors=[FieldError(path, "is null; leave the field out instead") for path in nulls],
                )
            merged = type(model).model_validate({**mapped, **campaign.options})
        except PydanticValidationError as exc:
            raise Unprocessable(
                f"{self.slug} cannot take this campaign",
                vendor=self.slug,
                errors=[FieldError(f"{self.slug}:{field_path(err['loc'])}", err["msg"]) for err in exc.errors()],
            ) from exc
        dropped = _unknown_keys(campaign.options, merged, "options")
        if dropped:
            raise Unprocessable(
                f"{self.slug} has no such fields: they would be dropped, not sent",
                vendor=self.slug,
                errors=[
                    FieldError(path, f"not a {self.slug} field here; allowed: {allowed}") for path, allowed in dropped
                ],
            )
        return merged

    def create_call(self, payload: Any) -> VendorCall:
        """The launch: the vendor's create operation with a wire payload."""
        return VendorCall(self.operation, {"body": self._client_body(payload)})

    async def send_payload(self, payload: Any) -> VendorReply:
        """Send a campaign's wire payload (the launch)."""
        return await self.call(self.create_call(payload))

    async def call(self, call: VendorCall) -> VendorReply:
        """Make one call through the generated client under the total deadline; map transport failures.

        The vendor's status decides, whatever follows it: a body the generated client cannot
        parse, one over the size cap, or a connection cut inside the body still gives a reply
        (`parsed` None, the content as far as it was read). A 2xx is the vendor's acceptance.
        """
        if self._client is None:
            raise RuntimeError(f"{self.slug} has no base URL")  # callers check enabled first
        started = time.perf_counter()
        outcome = "error"
        response: Any = None
        try:
            with vendor_call() as state, vendor_errors(self.slug, state, self._credential):
                try:
                    response = await call.operation(client=self._client, **call.arguments)
                except _UNREADABLE_BODY:
                    if state.status is None:  # no answer at all
                        raise
            reply = _reply(response, state)
            outcome = f"{reply.status // 100}xx"
        except GatewayError as error:
            outcome = error.slug
            raise
        finally:
            elapsed = time.perf_counter() - started
            VENDOR_CALLS.labels(self.slug, outcome).observe(elapsed)
            context = current_request.get()
            if context is not None:
                context.vendor_ms = round(elapsed * 1000, 2)
        return replace(
            reply,
            content=self.redact(reply.content),
            # Both are relayed to the client and stored: a vendor may echo the credential in them too.
            content_type=self._redact_text(reply.content_type) or "application/json",
            retry_after=self._redact_text(reply.retry_after),
        )

    async def prepare(self, payload: Any) -> PreparedRequest:
        """The exact request `send_payload` would make, captured without sending."""
        return await self.prepare_call(self.create_call(payload), payload)

    async def prepare_call(self, call: VendorCall, payload: Any = None) -> PreparedRequest:
        """The exact request `call` would make, captured without sending."""
        with vendor_call() as state:
            await call.operation(client=self._dry_client, **call.arguments)
        request = state.request
        assert request is not None
        headers = {
            name: (REDACTED if name.lower() == self.auth.header.lower() else value)
            for name, value in request.headers.items()
            if name.lower() not in ("content-length", "host", "accept-encoding", "connection", "user-agent", "accept")
        }
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("multipart/form-data"):
            fields, files = _split_multipart(payload)
            return PreparedRequest(request.method, request.url.path, headers, fields, files)
        return PreparedRequest(request.method, request.url.path, headers, json.loads(request.content or b"null"))

    async def dispatch(self, payload: Any) -> tuple[Receipt, VendorReply]:
        """Send a wire payload and read the vendor's answer, raising the gateway error for failures."""
        reply = await self.send_payload(payload)
        raise_for_reply(self.slug, reply)
        return self.read_receipt(reply), reply

    def read_receipt(self, reply: VendorReply) -> Receipt:
        """What can be read of a success reply; an answer of another shape reads as `unmapped`.

        The vendor accepted the campaign either way: its raw answer is kept with the campaign.
        """
        if reply.parsed is None:
            return UNREAD_RECEIPT
        try:
            receipt = self.from_vendor(reply.parsed)
        except _OFF_SPEC:
            return UNREAD_RECEIPT
        # `parsed` was read from the vendor's body before redaction: an id or status may echo the credential.
        return replace(
            receipt,
            vendor_campaign_id=self._redact_text(receipt.vendor_campaign_id),
            vendor_status=self._redact_text(receipt.vendor_status),
        )

    async def aclose(self) -> None:
        """Close the vendor connections of the running event loop (idle keep-alive sockets)."""
        if self._transport is not None:
            await self._transport.aclose()

    def close_when_released(self) -> None:
        """Close the connections once nothing holds this adapter: a call may be on one of them now."""
        if self._transport is not None:
            weakref.finalize(self, self._transport.close_soon)

    def redact(self, content: bytes) -> bytes:
        """Remove the gateway's vendor credential from anything a vendor echoes, in any encoding.

        Escaped in JSON, percent-encoded, as an HTML entity or in HTTP basic credentials, it is
        hidden where it is written; the rest of the body is kept byte for byte.
        """
        if not self._credential:
            return content
        return hide_in_bytes(content, _secret_index(self._credential))

    def _redact_text(self, text: str | None) -> str | None:
        # Not always a text: an adapter reads a vendor's values as they come (gateway/store/outcome.py).
        if isinstance(text, str) and text and self._credential:
            return _secret_index(self._credential).hide(text)
        return text

    def _make_client(self, transport: httpx.AsyncBaseTransport) -> Any:
        # The httpx client is built here, so these are the settings that apply (the generated
        # client's own would only build a plain httpx.Client).
        client = self.client_class(
            base_url=self._base_url or "http://vendor.invalid", token=self._credential, raise_on_unexpected_status=False
        )
        credential = f"{self.auth.prefix} {self._credential}" if self.auth.prefix else self._credential
        return client.set_async_httpx_client(
            VendorHTTPClient(
                base_url=self._base_url or "http://vendor.invalid",
                # UTF-8 bytes: httpx would refuse a credential that is not ASCII as a str.
                headers={self.auth.header: credential.encode()},
                follow_redirects=False,
                transport=transport,
            )
        )


def parsed_as(parsed: Any, model: type[_Model]) -> _Model:
    """The vendor's parsed answer as the generated `model` (`read_receipt` maps a TypeError)."""
    if not isinstance(parsed, model):
        raise TypeError(f"expected {model.__name__}, got {type(parsed).__name__}")
    return parsed


def raise_for_reply(slug: str, reply: VendorReply, *, relay_refusals: bool = False, subject: str = "campaign") -> None:
    """Map a vendor answer that is not a 2xx (the vendor's acceptance) to the gateway error.

    The one mapping of a vendor's answer, for every route: a native route (`relay_refusals`)
    relays the vendor's 4xx as they are, and maps the rest the same way. A 503 says the vendor
    did not handle the request (try later); its other 5xx, that it failed while it may have.
    """
    status = reply.status
    if 200 <= status < 300 or (relay_refusals and 400 <= status < 500):
        return
    retry_after = {"Retry-After": reply.retry_after} if reply.retry_after else {}
    if status in (401, 403):
        raise VendorAuthFailed(f"{slug} refused the gateway's credentials ({status})", vendor=slug)
    if status == 429:
        raise VendorRateLimited(f"{slug} is rate limiting", vendor=slug, headers=retry_after)
    if 400 <= status < 500:
        reason = _short_reason(reply.content)
        raise VendorRejected(f"{slug} rejected the {subject}: {reason}", vendor=slug, vendor_status=status)
    if status == 503:
        raise VendorUnavailable(f"{slug} is unavailable (503)", vendor=slug, headers=retry_after)
    if status >= 500:
        raise VendorServerError(f"{slug} failed ({status}); {_MAY_HAVE[subject]}", vendor=slug)
    raise VendorBadResponse(
        f"{slug} answered {status}, which the gateway does not follow; {_MAY_HAVE[subject]}", vendor=slug
    )


_MAY_HAVE = {"campaign": "the campaign may exist", "action": "the vendor may have acted", "read": "nothing was changed"}


@contextmanager
def vendor_errors(slug: str, state: CallState, credential: str) -> Iterator[None]:
    """Map transport (aiohttp, httpx) and generated-client failures to the most specific gateway error."""
    try:
        yield
    except GatewayError:
        raise
    except TimeoutError as exc:  # the total deadline (aiohttp's timeout errors are TimeoutErrors too)
        if not state.sent:
            error = VendorTimeout(f"{slug} did not accept the request in time; nothing was sent", vendor=slug)
            error.may_exist, error.try_later = False, True
            raise error from exc
        raise VendorTimeout(f"{slug} did not answer in time; the campaign may exist", vendor=slug) from exc
    except aiohttp.ClientConnectorError as exc:
        raise VendorUnreachable(f"{slug} is unreachable", vendor=slug) from exc
    except ResponseTooLarge as exc:  # not after a 2xx (`Adapter.send_payload`)
        raise VendorBadResponse(f"{slug} answered with an oversized body; the campaign may exist", vendor=slug) from exc
    except (aiohttp.ClientError, httpx.HTTPError) as exc:
        detail = "the connection broke after the request was sent; the campaign may exist"
        if not state.sent:
            raise VendorUnreachable(f"{slug}: the connection broke before sending", vendor=slug) from exc
        raise VendorBadResponse(f"{slug}: {detail}", vendor=slug) from exc
    except _OFF_SPEC as exc:  # the generated client parses inside asyncio_detailed
        raise VendorBadResponse(
            f"{slug} answered {state.status} with a body off its spec; the campaign may exist", vendor=slug
        ) from exc


def _reply(response: Any, state: CallState) -> VendorReply:
    """The generated client's response, or (it could not read the body) the answer as the transport got it."""
    if response is not None:
        headers, status, content, parsed = response.headers, response.status_code, response.content, response.parsed
    else:
        assert state.status is not None  # `send_payload` re-raises when there was no answer
        headers, status, content, parsed = state.headers, state.status, state.content, None
    return VendorReply(
        status=status,
        content=content,
        content_type=headers.get("content-type", "application/json"),
        retry_after=headers.get("retry-after"),
        parsed=parsed,
    )


# Once the vendor's status line is in, what may still go wrong: the generated client cannot parse
# the body, the body is over the cap, or the connection breaks (or the deadline passes) inside it.
# The status says what the vendor did; the body, only what it had to say about it.
_UNREADABLE_BODY = (*_OFF_SPEC, TimeoutError, ResponseTooLarge, aiohttp.ClientPayloadError)
UNREAD_RECEIPT = Receipt(
    vendor_campaign_id=None, vendor_status=None, status="unmapped", recipients_count=None, scheduled_at=None
)


def require_fields(slug: str, values: dict[str, object]) -> None:
    """422 for each field the vendor requires that the campaign leaves empty."""
    errors = [FieldError(name, f"required by {slug}") for name, value in values.items() if value in (None, "", [])]
    if errors:
        raise Unprocessable(f"{slug} needs more", vendor=slug, errors=errors)


def refuse_fields(slug: str, campaign: CampaignRequest, fields: dict[str, str]) -> None:
    """422 for each set field the vendor cannot express (never dropped silently)."""
    data = campaign.model_dump(exclude_unset=True, exclude_none=True)
    errors = []
    for path, why in fields.items():
        value: Any = data
        for part in path.split("."):
            if isinstance(value, list):
                value = [item.get(part) for item in value if isinstance(item, dict) and item.get(part) is not None]
                value = value or None
            elif isinstance(value, dict):
                value = value.get(part)
            if value is None:
                break
        if value not in (None, [], {}):
            errors.append(FieldError(_neutral_path(path), why))
    if errors:
        raise Unprocessable(f"{slug} cannot take this campaign", vendor=slug, errors=errors)


def _unknown_keys(given: Any, model: Any, path: str) -> list[tuple[str, str]]:
    """Each key of `given` that `model` (the vendor's request model, validated from it) has no field for.

    A generated model ignores a key its schema does not have: sent without it, the campaign
    would silently lose what the client asked for. Keys are the vendor's wire names (aliases);
    a model that takes any key (`extra="allow"`) drops none.
    """
    if isinstance(given, list) and isinstance(model, list):
        return [
            found
            for index, (item, built) in enumerate(zip(given, model, strict=False))
            for found in _unknown_keys(item, built, f"{path}[{index}]")
        ]
    if not isinstance(given, dict) or not isinstance(model, BaseModel):
        return []
    fields = type(model).model_fields
    by_key = {name: name for name in fields} | {info.alias: name for name, info in fields.items() if info.alias}
    takes_any = type(model).model_config.get("extra") == "allow"
    found: list[tuple[str, str]] = []
    for key, value in given.items():
        name = by_key.get(key)
        if name is None:
            if not takes_any:
                allowed = ", ".join(sorted(info.alias or name for name, info in fields.items()))
                found.append((f"{path}.{key}", allowed))
            continue
        found += _unknown_keys(value, getattr(model, name), f"{path}.{key}")
    return found


def _null_paths(value: Any, path: str) -> list[str]:
    if value is None:
        return [path]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _null_paths(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _null_paths(item, f"{path}[{index}]")]
    return []


def _neutral_path(path: str) -> str:
    head, _, rest = path.partition(".")
    return f"{head}[*].{rest}" if head == "recipients" and rest else path


@functools.lru_cache(maxsize=256)
def _secret_index(credential: str) -> SecretIndex:
    """One index per credential (each tenant's own adapter has one), built once."""
    return SecretIndex((credential,))


def _short_reason(content: bytes, limit: int = 300) -> str:
    try:
        body = json.loads(content)
    except ValueError:
        text = content.decode("utf-8", "replace").strip()
        return text[:limit] or "no reason given"
    if isinstance(body, dict):
        for key in ("message", "error", "detail", "errors", "status"):
            if body.get(key):
                return str(body[key])[:limit]
    return json.dumps(body)[:limit]


def _split_multipart(payload: Any) -> tuple[dict[str, Any], dict[str, dict[str, str]]]:
    fields: dict[str, Any] = {}
    files: dict[str, dict[str, str]] = {}
    for name, value in payload.items():
        if isinstance(value, tuple):
            file_name, content, content_type = value
            files[name] = {"file_name": file_name, "content_type": content_type, "content": content.decode()}
        else:
            fields[name] = value
    return fields, files
