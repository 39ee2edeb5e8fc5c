"""create_app(settings): the Connexion app on the composed spec, wrapped by the body limit.

Wiring only: the served spec comes from `make regenerate` (generated/openapi.json), handlers
from operationIds, native operations resolve to the forwarding handlers in api/native.py.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from anyio import to_thread
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import ProblemException
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from connexion.validators import FormDataValidator
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway import collector, jsoncodec
from gateway.api import campaigns, hooks, native, native_lifecycle
from gateway.api.context import SCOPE_KEY
from gateway.api.fast_lane import FastLane, LaneHandler
from gateway.api.problems import (
    problem_response,
    render_gateway_error,
    render_http_exception,
    render_unexpected,
)
from gateway.background import stop_background
from gateway.codegen.compose import NATIVE_OPERATION_PREFIX, native_operations
from gateway.codegen.config import SERVED_SPEC as SERVED_SPEC  # re-exported: devserver and tests read it here
from gateway.connexion_once import async_app
from gateway.edge import CredentialConflict, check_path, check_query, presented_key
from gateway.errors import GatewayError, PayloadTooLarge, RateLimited
from gateway.events.runner import DeliveryLoop
from gateway.events.runner import shutdown_grace_s as delivery_grace_s
from gateway.frontdoor import redirects, ui_view
from gateway.health import metrics_text, readiness
from gateway.observe import (
    IN_FLIGHT,
    RATE_LIMITED,
    REQUESTS,
    RequestContext,
    configure_logging,
    current_request,
    request_id_from,
)
from gateway.ratelimit import RateLimiter, parse_rate
from gateway.routes import RouteTable
from gateway.service import Gateway
from gateway.settings import Settings
from gateway.sync import StatusSync, shutdown_grace_s
from gateway.validation import GatewayJSONBodyValidator, GatewayMultipartValidator, GatewayParameterValidator

__all__ = ["GatewayApp", "app_from_env", "create_app"]

CREATE_CAMPAIGN = f"{campaigns.__name__}.create"  # the vendor-neutral POST /v1/campaigns


class _NativeResolver(Resolver):  # type: ignore[misc]
    """Every `native.<slug>.<operationId>` is served by a forwarding handler.

    A vendor's create: operations taking JSON only get the handler that reads the validated
    JSON body; any other (forms, file uploads) the one that takes what Connexion parsed. Every
    other operation (reads and actions after the launch): api/native_lifecycle.py.
    """

    def __init__(self, json_only: set[str]) -> None:
        super().__init__()
        self._json_only = json_only

    def resolve_function_from_operation_id(self, operation_id: str) -> Any:
        if operation_id.startswith(NATIVE_OPERATION_PREFIX):
            if native_lifecycle.role_of(operation_id)[1] != "create":
                return native_lifecycle.handle
            return native.forward_json if operation_id in self._json_only else native.forward
        return super().resolve_function_from_operation_id(operation_id)


class GatewayApp:
    """The ASGI app: request ids, access log, metrics, health, rate limits, edge checks, fast lane.

    The body limit is checked before anything parses the body (Connexion has none): a declared
    Content-Length over it is refused at once, a chunked body as soon as it grows past it. The
    checks of gateway/edge.py (one credential, no control characters in the path or query, no
    repeated singular query parameter) are made here, so Connexion and the fast lane answer alike.
    """

    def __init__(
        self,
        app: ASGIApp,
        gateway: Gateway,
        lane: FastLane | None = None,
        routes: RouteTable | None = None,
        key_headers: frozenset[bytes] = frozenset({b"x-api-key"}),
        *,
        status_sync: bool = False,
        deliver: bool = False,
        front_door: dict[str, str] | None = None,
        ui_spec: tuple[str, bytes] | None = None,
    ) -> None:
        self.app = app
        self.gateway = gateway
        self.lane = lane or FastLane({})
        self.routes = routes or RouteTable([])
        self.key_headers = key_headers
        self.address_limiter: RateLimiter | None = None
        if gateway.settings.address_rate_limit:
            limit, period = parse_rate(gateway.settings.address_rate_limit)
            self.address_limiter = RateLimiter(limit, period, gateway.settings.redis_url, namespace="rate-address")
        self._sized_for: asyncio.AbstractEventLoop | None = None
        self.status_sync = status_sync
        """Whether the lifespan runs the status sync (gateway/sync.py) in this process."""
        self.deliver = deliver
        """Whether the lifespan runs the webhook delivery loop (gateway/events/runner.py) in this process."""
        self.front_door = front_door or {}
        """Paths that redirect (307) to the Swagger UI: `/`, `/v1`, `/v1/`."""
        self.ui_spec = ui_spec
        """(path, JSON) of the spec as Swagger UI shows it (gateway/frontdoor.py)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection scope."""
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        if loop is not self._sized_for:  # anyio keeps one thread limiter per event loop
            to_thread.current_default_thread_limiter().total_tokens = self.gateway.blocking_threads
            self._sized_for = loop
        path: str = scope["path"]
        if path in _INFRA:
            await _INFRA[path](self.gateway, send)
            return
        _lowercase_media_type(scope)
        headers = Headers(scope=scope)
        context = RequestContext(request_id_from(headers.get("x-request-id")), scope["method"], path)
        token = current_request.set(context)
        scope.setdefault("state", {})[SCOPE_KEY] = self.gateway
        extra = [(b"x-request-id", context.request_id.encode())]
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                raw = message.get("headers", [])
                message["headers"] = [*(_relative_location(raw) if 300 <= status < 400 else raw), *extra]
            await send(message)

        conflict: CredentialConflict | None = None
        try:
            key = presented_key(scope["headers"], self.key_headers)
        except CredentialConflict as exc:
            key, conflict = None, exc
        IN_FLIGHT.inc()
        try:
            if scope["method"] in ("GET", "HEAD") and await self._front_door(path, scope["method"], send_with_headers):
                return
            refusal = await self._refusal(scope, headers, extra, key, conflict)
            if refusal is None and _chunked(headers):
                receive, refusal = await self._whole_body(scope, receive)
                headers = Headers(scope=scope)
            lane_route = self.lane.route_for(scope)
            if refusal is not None:
                await _send_problem(send_with_headers, refusal, path)
            elif scope["method"] == "POST" and path.startswith(hooks.PREFIX):
                context.auth = "vendor hook"  # no gateway key: its endpoint token and signature
                await hooks.serve(self.gateway, scope, self._limited(receive), send_with_headers)
            elif lane_route is not None:
                await self.lane.serve(lane_route, scope, headers, self._limited(receive), send_with_headers, self.app)
            else:
                await self.app(scope, self._limited(receive), send_with_headers)
        finally:
            IN_FLIGHT.dec()
            current_request.reset(token)
            if context.tenant is None and context.auth is None:
                await self._identify(context, key, conflict, status)
            route = path if path in self.front_door else self.routes.label(path)
            _access_log(context, status, route, self._vendor_label(context.vendor))

    async def _front_door(self, path: str, method: str, send: Send) -> bool:
        """Answer a front-door redirect or the UI's view of the spec; False for any other path.

        307, not 308: the front door is a page that may change (a landing page could replace
        the UI), and browsers keep a permanent redirect for good; 307 keeps the method as 308.
        """
        if path in self.front_door:
            await _send(send, 307, b"", {"Location": self.front_door[path]})
            return True
        if self.ui_spec is not None and path == self.ui_spec[0]:
            body = b"" if method == "HEAD" else self.ui_spec[1]
            await _send(send, 200, body, {"Content-Type": "application/json"})
            return True
        return False

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        """Start the status sync and the delivery loop if this app runs them; at shutdown, stop them.

        The sync stops after the refreshes under way (at most the vendor deadline), the delivery
        loop after its attempts (at most their deadline); one cut short keeps its lease, so
        another worker takes the campaign or the delivery when that runs out.
        """
        stop = asyncio.Event()
        stop_delivering = asyncio.Event()
        syncing: asyncio.Task[None] | None = None
        delivering: asyncio.Task[None] | None = None
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                if self.status_sync:
                    syncing = asyncio.create_task(StatusSync(self.gateway).run(stop), name="status-sync")
                if self.deliver:
                    delivering = asyncio.create_task(
                        DeliveryLoop(self.gateway).run(stop_delivering), name="webhook-delivery"
                    )
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                if delivering is not None:
                    await stop_background(delivering, stop_delivering, delivery_grace_s())
                if syncing is not None:
                    await stop_background(syncing, stop, shutdown_grace_s(self.gateway.settings))
                await self.gateway.close_vendor_connections()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _refusal(
        self,
        scope: Scope,
        headers: Headers,
        extra: list[tuple[bytes, bytes]],
        key: str | None,
        conflict: CredentialConflict | None,
    ) -> GatewayError | None:
        limit = self.gateway.settings.max_body_bytes
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return PayloadTooLarge(f"The body is larger than {limit} bytes.")
        limited = await self._rate_limited(scope, key, extra)
        if limited is not None:
            return limited
        if conflict is not None:
            return conflict
        return check_path(self.routes, scope["path"]) or check_query(
            self.routes, scope["method"], scope["path"], scope["query_string"]
        )

    async def _identify(
        self, context: RequestContext, key: str | None, conflict: CredentialConflict | None, status: int
    ) -> None:
        """Name the tenant of a request the security functions did not, or say why there is none.

        The security functions name the tenant of a key they accept, and say "unknown key" for
        one they refuse; a request that never reached them (no route matched, a refusal at the
        edge, a page that takes no key) is told here by the key it presented. Never the key.
        """
        if conflict is not None:
            context.auth = "two different keys"
            return
        if key is None:
            context.auth = "not required" if context.path.startswith(_UNLIMITED) else "missing"
            return
        try:
            tenant = await self.gateway.tenant_for(key)
        except Exception:  # the key store failed: the line is still written, and says so
            _access.warning("the key store failed while naming a request's tenant", exc_info=True)
            context.auth = "key not checked"
            return
        if tenant is None:
            context.auth = "unknown key"
        elif status == 401:
            context.auth = "key not where this route reads it"  # X-API-Key on a Bearer-only native route
        else:
            context.tenant = tenant

    def _vendor_label(self, vendor: str | None) -> str:
        """A known vendor's slug; anything else one label, so no client text becomes a label."""
        if not vendor:
            return ""
        return vendor if vendor in self.gateway.vendor_names else "other"

    async def _rate_limited(
        self, scope: Scope, key: str | None, extra: list[tuple[bytes, bytes]]
    ) -> GatewayError | None:
        """Count the request against its tenant's budget, or its address's when it has no known key.

        Requests without a known key (none, unknown, two different ones) count per client
        address, so guessing keys is throttled; Connexion then answers them 401.
        """
        path = scope["path"]
        if not path.startswith("/v1/") or path.startswith(_UNLIMITED):
            return None
        if self.gateway.rate_limiter is None and self.address_limiter is None:
            return None
        tenant = await self.gateway.tenant_for(key) if key is not None else None
        context = current_request.get()
        if context is not None:
            context.tenant = context.tenant or tenant
            context.auth = "unknown key" if key is not None and tenant is None else None
        if tenant is not None:
            limiter, counted = self.gateway.rate_limiter, tenant
            refusal = f"Tenant {tenant} is over"
        else:
            limiter, counted = self.address_limiter, _client_address(scope)
            refusal = "Requests without a known API key from this address are over"
        if limiter is None:
            return None
        decision = await run_in_threadpool(limiter.check, counted)
        extra.extend((name.lower().encode(), value.encode()) for name, value in decision.headers().items())
        if decision.allowed:
            return None
        RATE_LIMITED.inc()
        return RateLimited(f"{refusal} {limiter.limit} requests per {limiter.period} s.")

    async def _whole_body(self, scope: Scope, receive: Receive) -> tuple[Receive, GatewayError | None]:
        """Read a chunked body whole and give it a Content-Length, as Connexion reads bodies.

        Connexion takes a request without a Content-Length for one without a body (400 "body
        required"); a chunked body is a body (RFC 9112, 6.1). The body limit applies as it comes.
        """
        messages: list[Message] = []
        chunks: list[bytes] = []
        limited = self._limited(receive)
        try:
            while True:
                message = await limited()
                messages.append(message)
                if message["type"] != "http.request":
                    return _replayed(messages, receive), None  # the client left: as it came
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    break
        except PayloadTooLarge as exc:
            return receive, exc
        body = b"".join(chunks)
        scope["headers"] = [
            *((n, v) for n, v in scope["headers"] if n.lower() not in (b"transfer-encoding", b"content-length")),
            (b"content-length", str(len(body)).encode()),
        ]
        return _replayed([{"type": "http.request", "body": body, "more_body": False}], receive), None

    def _limited(self, receive: Receive) -> Receive:
        limit = self.gateway.settings.max_body_bytes
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise PayloadTooLarge(f"The body is larger than {limit} bytes.")
            return message

        return limited_receive


# Request body validators by media type; an operation whose every body type gets the JSON one
# is served by the forwarder that reads the body this validator parsed.
_BODY_VALIDATORS = MediaTypeDict(
    {
        "*/*json": GatewayJSONBodyValidator,
        "application/x-www-form-urlencoded": FormDataValidator,
        "multipart/form-data": GatewayMultipartValidator,
    }
)
_UNLIMITED = ("/v1/ui", "/v1/openapi.json")
_UI_SPEC = "openapi.json"  # the UI's view, at /v1/ui/openapi.json
_access = logging.getLogger("gateway.access")


def _lowercase_media_type(scope: Scope) -> None:
    """Write the Content-Type's media type in lower case, as Connexion compares it.

    Media types are case-insensitive (RFC 9110, 8.3.1), but Connexion finds a body's schema
    and validator by the type as written: a JSON body sent as `Application/JSON` was forwarded
    unvalidated. Parameters (a multipart boundary) keep their case.
    """
    raw = scope["headers"]
    for index, (name, value) in enumerate(raw):
        if name.lower() == b"content-type":
            media_type, separator, parameters = value.partition(b";")
            if media_type != media_type.lower():
                raw = scope["headers"] = list(raw)
                raw[index] = (name, media_type.lower() + separator + parameters)


def _chunked(headers: Headers) -> bool:
    return "content-length" not in headers and "chunked" in headers.get("transfer-encoding", "").lower()


def _client_address(scope: Scope) -> str:
    client = scope.get("client")
    return str(client[0]) if client else "unknown"


def _replayed(messages: list[Message], receive: Receive) -> Receive:
    pending = iter(messages)

    async def replayed() -> Message:
        return next(pending, None) or await receive()

    return replayed


def _relative_location(headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """A `Location` without its scheme and host: Starlette builds them from the client's Host header.

    A redirect to `http://<Host>/v1/ui/` sends a client wherever its Host header said (a cache
    or a proxy in between may keep that answer for others); a relative reference (RFC 9110,
    10.2.2) names the same resource on the host the client reached.
    """
    rewritten = headers
    for index, (name, value) in enumerate(headers):
        if name.lower() == b"location":
            parts = urlsplit(value.decode("latin-1"))
            if parts.scheme or parts.netloc:
                relative = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
                if relative.startswith("//"):
                    relative = "/" + relative.lstrip("/")  # `//host` would name a host again
                rewritten = list(rewritten) if rewritten is headers else rewritten
                rewritten[index] = (name, relative.encode("latin-1"))
    return rewritten


def _access_log(context: RequestContext, status: int, route: str, vendor: str) -> None:
    """One JSON line and one count per request; `route` and `vendor` come from bounded sets."""
    duration_ms = round((time.perf_counter() - context.started) * 1000, 2)
    REQUESTS.labels(route, vendor, str(status)).inc()
    _access.info(
        "%s %s %s",
        context.method,
        context.path,
        status,
        extra={
            "fields": {
                "request_id": context.request_id,
                "method": context.method,
                "route": route,
                "status": status,
                "duration_ms": duration_ms,
                "tenant": context.tenant,
                "auth": context.auth,
                "vendor": context.vendor,
                "vendor_ms": context.vendor_ms,
            }
        },
    )


async def _send(send: Send, status: int, body: bytes, headers: dict[str, str]) -> None:
    raw = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


async def _send_problem(send: Send, error: GatewayError, instance: str) -> None:
    status, body, headers = problem_response(error, instance)
    await _send(send, status, body, headers)


async def _send_json(send: Send, status: int, body: dict[str, Any]) -> None:
    await _send(send, status, json.dumps(body).encode(), {"Content-Type": "application/json"})


async def _healthz(gateway: Gateway, send: Send) -> None:
    await _send_json(send, 200, {"status": "ok"})


async def _readyz(gateway: Gateway, send: Send) -> None:
    report = await run_in_threadpool(readiness, gateway)
    await _send_json(send, 200 if report["status"] == "ready" else 503, report)


async def _metrics(gateway: Gateway, send: Send) -> None:
    await _send(send, 200, await run_in_threadpool(metrics_text), {"Content-Type": CONTENT_TYPE_LATEST})


_INFRA: dict[str, Callable[[Gateway, Send], Awaitable[None]]] = {
    "/healthz": _healthz,
    "/readyz": _readyz,
    "/metrics": _metrics,
}


def create_app(
    settings: Settings,
    spec_path: Path = SERVED_SPEC,
    *,
    fast_lane: bool = True,
    status_sync: bool = False,
    deliver: bool = False,
) -> GatewayApp:
    """Build the gateway for `settings` (`fast_lane=False`: every request through Connexion).

    `status_sync`: the app's lifespan runs the status sync (`dev`, whose one process does all;
    `serve` runs it in a process of its own); `deliver`: the webhook delivery loop (`serve`
    and `dev` unless GATEWAY_DELIVER_IN_SERVE=0). An app built for a test client does not
    refresh campaigns nor deliver behind the test's back unless it asks too.
    """
    spec = json.loads(spec_path.read_text())
    native_routes: dict[str, list[str]] = {}
    json_only: dict[str, str] = {}  # native operations taking JSON only: operationId -> vendor
    for slug, method, path, operation in native_operations(spec):
        native_routes.setdefault(slug, []).append(f"{method} /v1{path}")
        body_types = operation.get("requestBody", {}).get("content", {})
        creates = native_lifecycle.role_of(operation["operationId"])[1] == "create"
        if creates and body_types and all(_BODY_VALIDATORS.get(t) is GatewayJSONBodyValidator for t in body_types):
            json_only[operation["operationId"]] = slug
    gateway = Gateway.open(settings, native_routes)
    configure_logging(gateway.secrets)
    # AsyncApp, not FlaskApp: with a trivial handler, the WSGI hop (a2wsgi, a thread, Flask)
    # took a request from 0.9 to 2.0 ms of CPU here, more than Prism's whole 1.3-1.6 ms.
    app = async_app(__name__)
    resolver = _NativeResolver(set(json_only))
    app.add_api(
        spec,
        strict_validation=True,
        validate_responses=False,
        resolver=resolver,
        validator_map={"body": _BODY_VALIDATORS, "parameter": GatewayParameterValidator},
        # The UI loads its own view of the spec (two auth schemes), relative to /v1/ui/.
        swagger_ui_options=SwaggerUIOptions(
            swagger_ui=True, swagger_ui_path="/ui", swagger_ui_template_arguments={"openapi_spec_url": _UI_SPEC}
        ),
    )
    app.add_error_handler(GatewayError, render_gateway_error)
    app.add_error_handler(ProblemException, render_http_exception)
    app.add_error_handler(HTTPException, render_http_exception)
    app.add_error_handler(Exception, render_unexpected)
    specification = app.middleware.apis[0].specification  # the one Connexion serves, refs resolved
    handlers: dict[str, LaneHandler] = {CREATE_CAMPAIGN: campaigns.create_campaign}
    handlers.update({op: partial(native.forward_payload, slug=slug) for op, slug in json_only.items()})
    lane = FastLane.from_specification(specification, resolver, handlers) if fast_lane else None
    base = str(specification.base_path or "")
    infra = {f"{base}/ui": f"{base}/ui", f"{base}/openapi.json": f"{base}/openapi.json"}
    routes = RouteTable.from_specification(specification, base, prefixes=infra)
    ui_spec = (f"{base}/ui/{_UI_SPEC}", jsoncodec.dumps(ui_view(specification.with_base_path(base).spec), default=str))
    return GatewayApp(
        app,
        gateway,
        lane,
        routes,
        _key_headers(specification),
        status_sync=status_sync,
        deliver=deliver,
        front_door=redirects(base),
        ui_spec=ui_spec,
    )


def _key_headers(specification: Any) -> frozenset[bytes]:
    """The lower-case header names of the served spec's apiKey schemes (Bearer is read apart)."""
    schemes = specification.get("components", {}).get("securitySchemes", {}).values()
    return frozenset(
        str(scheme["name"]).lower().encode()
        for scheme in schemes
        if scheme.get("type") == "apiKey" and scheme.get("in") == "header"
    )


def app_from_env() -> GatewayApp:
    """Factory for `campaign-gateway serve` (each uvicorn worker calls it); delivers unless told not to.

    The status sync does not run here: `serve` runs it beside its workers (gateway/sync_process.py).
    """
    settings = Settings.from_env()
    app = create_app(settings, deliver=settings.deliver_in_serve)
    collector.freeze_start_up()
    return app
