"""create_app(settings): the Connexion app on the composed spec, wrapped by the body limit.

Wiring only: the served spec comes from `make regenerate` (generated/openapi.json), handlers
from operationIds, native operations all resolve to one forwarding handler.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import connexion
from connexion.datastructures import MediaTypeDict
from connexion.exceptions import ProblemException
from connexion.options import SwaggerUIOptions
from connexion.resolver import Resolver
from connexion.validators import FormDataValidator, MultiPartFormDataValidator
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.api import native
from gateway.api.context import SCOPE_KEY
from gateway.api.problems import (
    problem_response,
    render_gateway_error,
    render_http_exception,
    render_unexpected,
)
from gateway.codegen.compose import NATIVE_OPERATION_PREFIX
from gateway.codegen.config import ROOT
from gateway.errors import GatewayError, PayloadTooLarge
from gateway.service import Gateway
from gateway.settings import Settings
from gateway.validation import GatewayJSONBodyValidator

__all__ = ["GatewayApp", "app_from_env", "create_app"]

SERVED_SPEC = ROOT / "generated" / "openapi.json"


class _NativeResolver(Resolver):  # type: ignore[misc]
    """Every `native.<slug>.<operationId>` is served by the one forwarding handler."""

    def resolve_function_from_operation_id(self, operation_id: str) -> Any:
        if operation_id.startswith(NATIVE_OPERATION_PREFIX):
            return native.forward
        return super().resolve_function_from_operation_id(operation_id)


class GatewayApp:
    """The ASGI app: puts the Gateway in each request's scope and enforces the body limit.

    The limit is checked before anything parses the body (Connexion has none): a declared
    Content-Length over it is refused at once, a chunked body as soon as it grows past it.
    """

    def __init__(self, app: ASGIApp, gateway: Gateway) -> None:
        self.app = app
        self.gateway = gateway

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one ASGI connection scope."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})[SCOPE_KEY] = self.gateway
        limit = self.gateway.settings.max_body_bytes
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _send_problem(send, PayloadTooLarge(f"The body is larger than {limit} bytes."), scope["path"])
            return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise PayloadTooLarge(f"The body is larger than {limit} bytes.")
            return message

        await self.app(scope, limited_receive, send)


async def _send_problem(send: Send, error: GatewayError, instance: str) -> None:
    status, body, headers = problem_response(error, instance)
    raw_headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    raw_headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": body})


def create_app(settings: Settings, spec_path: Path = SERVED_SPEC) -> GatewayApp:
    """Build the gateway for `settings`."""
    spec = json.loads(spec_path.read_text())
    native_routes: dict[str, list[str]] = {}
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "x-gateway-vendor" in operation:
                native_routes.setdefault(operation["x-gateway-vendor"], []).append(f"{method.upper()} /v1{path}")
    gateway = Gateway(settings, native_routes=native_routes)
    app = connexion.FlaskApp(__name__)
    app.add_api(
        spec,
        strict_validation=True,
        validate_responses=False,
        resolver=_NativeResolver(),
        validator_map={
            "body": MediaTypeDict(
                {
                    "*/*json": GatewayJSONBodyValidator,
                    "application/x-www-form-urlencoded": FormDataValidator,
                    "multipart/form-data": MultiPartFormDataValidator,
                }
            )
        },
        swagger_ui_options=SwaggerUIOptions(swagger_ui=True, swagger_ui_path="/ui"),
    )
    app.add_error_handler(GatewayError, render_gateway_error)
    app.add_error_handler(ProblemException, render_http_exception)
    app.add_error_handler(HTTPException, render_http_exception)
    app.add_error_handler(Exception, render_unexpected)
    return GatewayApp(app, gateway)


def app_from_env() -> GatewayApp:
    """Factory for `campaign-gateway serve` (each uvicorn worker calls it)."""
    return create_app(Settings.from_env())
