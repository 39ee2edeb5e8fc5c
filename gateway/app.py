"""create_app(settings): the Connexion app on the composed spec, wrapped by the body limit.

Wiring only: the served spec comes from `make regenerate` (generated/openapi.json), handlers
from operationIds, native operations resolve to the forwarding handlers in api/native.py.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import Any

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

from gateway import collector
from gateway.api import campaigns, native
from gateway.api.context import SCOPE_KEY
from gateway.api.fast_lane import FastLane, LaneHandler
from gateway.api.problems import (
    problem_response,
    render_gateway_error,
    render_http_exception,
    render_unexpected,
)
from gateway.codegen.compose import NATIVE_OPERATION_PREFIX
from gateway.codegen.config import ROOT
from gateway.connexion_once import async_app
from gateway.errors import GatewayError, PayloadTooLarge, RateLimited
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
from gateway.service import Gateway
from gateway.settings import Settings
from gateway.validation import GatewayJSONBodyValidator, GatewayMultipartValidator

__all__ = ["GatewayApp", "app_from_env", "create_app"]

SERVED_SPEC = ROOT / "generated" / "openapi.json"
CREATE_CAMPAIGN = f"{campaigns.__name__}.create"  # the vendor-neutral POST /v1/campaigns


class _NativeResolver(Resolver):  # type: ignore[misc]
    """Every `native.<slug>.<operationId>` is served by a forwarding handler.

    Operations taking JSON only get the handler that reads the validated JSON body; any other
    (forms, file uploads) the one that takes what Connexion parsed.
    """

    def __init__(self, json_only: set[str]) -> None:
        super().__init__()
        self._json_only = json_only

    def resolve_function_from_operation_id(self, operation_id: str) -> Any:
        if operation_id.startswith(NATIVE_OPERATION_PREFIX):
            return native.forward_json if operation_id in self._json_only else native.forward
        return super().resolve_function_from_operation_id(operation_id)


class GatewayApp:
    """The ASGI app: request ids, access log, metrics, health, rate limit, body limit, fast lane.

    The body limit is checked before anything parses the body (Connexion has none): a declared
    Content-Length over it is refused at once, a chunked body as soon as it grows past it.
    """

    def __init__(self, app: ASGIApp, gateway: Gateway, lane: FastLane | None = None) -> None:
        self.app = app
        self.gateway = gateway
        self.lane = lane or FastLane({})
        self._sized_for: asyncio.AbstractEventLoop | None = None

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
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        IN_FLIGHT.inc()
        try:
            refusal = await self._refusal(scope, headers, extra)
            lane_route = self.lane.route_for(scope)
            if refusal is not None:
                await _send_problem(send_with_headers, refusal, path)
            elif lane_route is not None:
                await self.lane.serve(lane_route, scope, headers, self._limited(receive), send_with_headers, self.app)
            else:
                await self.app(scope, self._limited(receive), send_with_headers)
        finally:
            IN_FLIGHT.dec()
            current_request.reset(token)
            _access_log(context, status)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        """Nothing to start; at shutdown, close this event loop's vendor connections."""
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.gateway.close_vendor_connections()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _refusal(self, scope: Scope, headers: Headers, extra: list[tuple[bytes, bytes]]) -> GatewayError | None:
        limit = self.gateway.settings.max_body_bytes
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            return PayloadTooLarge(f"The body is larger than {limit} bytes.")
        limiter = self.gateway.rate_limiter
        if limiter is None or not scope["path"].startswith("/v1/") or scope["path"].startswith(_UNLIMITED):
            return None
        key = _presented_key(headers)
        tenant = await self.gateway.tenant_for(key)
        if tenant is None:
            return None  # Connexion answers 401; unauthenticated requests are not counted for anyone
        decision = await run_in_threadpool(limiter.check, tenant)
        extra.extend((name.lower().encode(), value.encode()) for name, value in decision.headers().items())
        if decision.allowed:
            return None
        RATE_LIMITED.inc()
        return RateLimited(f"Tenant {tenant} is over {limiter.limit} requests per {limiter.period} s.")

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
_UUID_SEGMENT = re.compile(r"/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?=/|$)")
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


def _presented_key(headers: Headers) -> str | None:
    authorization = headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip()
    return headers.get("x-api-key") or headers.get("apikey")


def _route_label(path: str, status: int) -> str:
    if status == 404 and not path.startswith("/v1/campaigns/"):
        return "unmatched"  # arbitrary paths must not become metric labels
    return _UUID_SEGMENT.sub("/{id}", path)


def _access_log(context: RequestContext, status: int) -> None:
    route = _route_label(context.path, status)
    duration_ms = round((time.perf_counter() - context.started) * 1000, 2)
    REQUESTS.labels(route, context.vendor or "", str(status)).inc()
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


def create_app(settings: Settings, spec_path: Path = SERVED_SPEC, *, fast_lane: bool = True) -> GatewayApp:
    """Build the gateway for `settings` (`fast_lane=False`: every request through Connexion)."""
    spec = json.loads(spec_path.read_text())
    native_routes: dict[str, list[str]] = {}
    json_only: dict[str, str] = {}  # native operations taking JSON only: operationId -> vendor
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "x-gateway-vendor" in operation:
                slug = operation["x-gateway-vendor"]
                native_routes.setdefault(slug, []).append(f"{method.upper()} /v1{path}")
                body_types = operation.get("requestBody", {}).get("content", {})
                if body_types and all(_BODY_VALIDATORS.get(t) is GatewayJSONBodyValidator for t in body_types):
                    json_only[operation["operationId"]] = slug
    gateway = Gateway(settings, native_routes=native_routes)
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
        validator_map={"body": _BODY_VALIDATORS},
        swagger_ui_options=SwaggerUIOptions(swagger_ui=True, swagger_ui_path="/ui"),
    )
    app.add_error_handler(GatewayError, render_gateway_error)
    app.add_error_handler(ProblemException, render_http_exception)
    app.add_error_handler(HTTPException, render_http_exception)
    app.add_error_handler(Exception, render_unexpected)
    specification = app.middleware.apis[0].specification  # the one Connexion serves, refs resolved
    handlers: dict[str, LaneHandler] = {CREATE_CAMPAIGN: campaigns.create_campaign}
    handlers.update({op: partial(native.forward_payload, slug=slug) for op, slug in json_only.items()})
    lane = FastLane.from_specification(specification, resolver, handlers) if fast_lane else None
    return GatewayApp(app, gateway, lane)


def app_from_env() -> GatewayApp:
    """Factory for `campaign-gateway serve` (each uvicorn worker calls it)."""
    app = create_app(Settings.from_env())
    collector.freeze_start_up()
    return app
