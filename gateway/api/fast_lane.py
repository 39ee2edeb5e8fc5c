"""The fast lane: a JSON POST that Connexion would accept, served without Connexion's layers.

Connexion 3.3 routes a request twice and passes it through nine middleware layers and two
handler decorators: on a native route, a quarter of the gateway's CPU per request (4.4 against
3.4 ms with the lane, 2 workers at 16 connections), which kept it well below a validating
proxy's throughput (bench/results.md); on the vendor-neutral route, an eighth of a 50-recipient
campaign's (4.9 against 4.3 ms at one request at a time; 205 against 235 req/s with 2 workers
at 16 connections). Most traffic is the same shape: a JSON POST with a valid key and a valid
body. The lane serves exactly those, with the same parts Connexion uses: the operation as
Connexion reads it from the served spec, the same key lookup for the same security schemes, the
header parameters' schemas, the same body parser and checks (`parse_json_body`,
`check_json_body`) and the same handler (`native.forward_payload`,
`campaigns.create_campaign`). Whatever it could not serve as Connexion would (no or an unknown
key, a query string, another media type, a bad header or body) goes to Connexion with the body
it read, so every refusal of a key, a header, a media type or a body against the schema is
Connexion's own answer; a handler's own refusals (a campaign's rules) go through the same error
mapping either way. tests/gateway/test_fast_lane.py sends the same requests both ways and
compares the answers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import jsonschema_rs
from connexion.operations import OpenAPIOperation
from connexion.resolver import Resolver
from connexion.spec import Specification
from connexion.utils import extract_content_type, is_nullable, split_content_type
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from gateway.api import auth
from gateway.api.context import from_scope
from gateway.api.problems import PROBLEM_JSON, handler_problem
from gateway.errors import RequestInvalid
from gateway.service import Gateway
from gateway.validation import check_json_body, parse_json_body

__all__ = ["FastLane", "LaneHandler", "LaneRoute"]

Credential = Callable[[Headers], "str | None"]


class LaneHandler(Protocol):
    """What serves an operation's request once the lane has checked it, as its handler would."""

    def __call__(
        self, gateway: Gateway, tenant: str, path: str, idempotency_key: str | None, payload: Any, /
    ) -> Awaitable[Response]:
        """The response to a request with a known key, valid headers and this valid JSON body."""
        ...


@dataclass(frozen=True)
class LaneRoute:
    """One JSON operation as the lane serves it."""

    handler: LaneHandler
    media_types: frozenset[str]
    schema: dict[str, Any]
    nullable: bool
    credentials: tuple[Credential, ...]
    header_checks: tuple[tuple[str, bool, Any], ...]

    async def tenant(self, headers: Headers, gateway: Gateway) -> str | None:
        """The tenant of the first scheme that presents a known key, as Connexion tries them."""
        for credential in self.credentials:
            key = credential(headers)
            if key is not None and (tenant := await gateway.tenant_for(key)):
                return tenant
        return None

    def accepts(self, scope: Scope, headers: Headers) -> bool:
        """Whether Connexion would pass this request's query, headers and media type."""
        if scope["query_string"] or scope.get("root_path"):
            return False
        declared = headers.get("content-length", "")
        if not declared.isdigit() or int(declared) == 0:
            return False  # Connexion reads a body without a length as missing
        mime_type, _encoding = split_content_type(extract_content_type(scope["headers"]))
        if mime_type not in self.media_types:
            return False
        for name, required, schema in self.header_checks:
            value = headers.get(name)
            if (value is None and required) or (value is not None and not schema.is_valid(value)):
                return False
        return True


class FastLane:
    """Serves what it can of its JSON routes; hands the rest to Connexion."""

    def __init__(self, routes: dict[str, LaneRoute]) -> None:
        self.routes = routes

    @classmethod
    def from_specification(
        cls, specification: Specification, resolver: Resolver, handlers: Mapping[str, LaneHandler]
    ) -> FastLane:
        """Every POST with a handler here (by operationId) whose checks the lane can make.

        `specification` is the one Connexion serves (refs resolved), so the lane checks bodies
        against the very schema objects Connexion's validators hold.
        """
        base = str(specification.base_path or "").rstrip("/")
        routes: dict[str, LaneRoute] = {}
        for path, item in specification["paths"].items():
            operation_spec = item.get("post")
            handler = handlers.get(operation_spec.get("operationId", "")) if isinstance(operation_spec, dict) else None
            if handler is None:
                continue
            operation = OpenAPIOperation.from_spec(specification, path=path, method="post", resolver=resolver)
            route = _route(operation, handler)
            if route is not None:
                routes[base + path] = route
        return cls(routes)

    def route_for(self, scope: Scope) -> LaneRoute | None:
        """The lane's route for this request's method and path, if it has one."""
        return self.routes.get(scope["path"]) if scope["method"] == "POST" else None

    async def serve(
        self, route: LaneRoute, scope: Scope, headers: Headers, receive: Receive, send: Send, connexion: ASGIApp
    ) -> None:
        """Serve the request, or hand it to Connexion as it came."""
        gateway = from_scope(scope)
        try:
            tenant = await route.tenant(headers, gateway) if route.accepts(scope, headers) else None
        except Exception:  # the key store failed: Connexion's security check asks again, and answers
            tenant = None
        if tenant is None:
            await connexion(scope, receive, send)
            return
        response: Response | None = None
        try:
            messages, raw = await _read_body(receive)
            valid, payload = _checked(route, raw)
        except Exception as exc:  # the body limit, or a bug: as Connexion's error handlers answer
            response = _problem(exc, scope)
        else:
            if valid:
                try:
                    key = headers.get("idempotency-key")
                    response = await route.handler(gateway, tenant, scope["path"], key, payload)
                except Exception as exc:
                    response = _problem(exc, scope)
        if response is None:
            await connexion(scope, _replay(messages, receive), send)
        else:
            await response(scope, receive, send)


def _checked(route: LaneRoute, raw: bytes | None) -> tuple[bool, Any]:
    """(True, payload) for a body that passes every check; (False, None) for Connexion to refuse."""
    if raw is None:
        return False, None
    try:
        payload = parse_json_body(raw)
        check_json_body(route.schema, payload, nullable=route.nullable)
    except RequestInvalid:
        return False, None
    return True, payload


def _problem(exc: Exception, scope: Scope) -> Response:
    status, body, headers = handler_problem(exc, scope["method"], scope["path"])
    return Response(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _route(operation: OpenAPIOperation, handler: LaneHandler) -> LaneRoute | None:
    """The lane's route for an operation, or None where it has checks the lane does not make."""
    header_checks = []
    for parameter in operation.parameters:
        schema = parameter.get("schema", {})
        if parameter.get("in") == "query" and not parameter.get("required"):
            continue  # the lane takes no query string: the parameter is absent, its handler knows
        if parameter.get("in") != "header" or schema.get("type") != "string":
            return None
        header_checks.append(
            (str(parameter["name"]), bool(parameter.get("required")), jsonschema_rs.Draft4Validator(schema))
        )
    credentials = []
    for requirement in operation.security or []:
        if len(requirement) != 1:
            return None
        credential = _credential(operation.security_schemes[next(iter(requirement))])
        if credential is None:
            return None
        credentials.append(credential)
    if not credentials:
        return None
    media_types = frozenset(operation.consumes)
    mime_type = operation.consumes[0]
    return LaneRoute(
        handler=handler,
        media_types=media_types,
        schema=operation.body_schema(mime_type),
        nullable=bool(is_nullable(operation.body_definition(mime_type))),
        credentials=tuple(credentials),
        header_checks=tuple(header_checks),
    )


def _credential(scheme: dict[str, Any]) -> Credential | None:
    """How Connexion reads a key for this scheme, for the schemes whose check is the gateway's."""
    if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
        if scheme.get("x-apikeyInfoFunc") != f"{auth.__name__}.api_key_info":
            return None
        name = str(scheme["name"])
        return lambda headers: headers.get(name)
    if scheme.get("type") == "http" and str(scheme.get("scheme", "")).lower() == "bearer":
        if scheme.get("x-bearerInfoFunc") != f"{auth.__name__}.bearer_info":
            return None
        return _bearer
    return None


def _bearer(headers: Headers) -> str | None:
    # Connexion's BearerSecurityHandler: "<type> <value>", the type compared without case.
    parts = headers.get("authorization", "").split(maxsplit=1)
    return parts[1] if len(parts) == 2 and parts[0].lower() == "bearer" else None


async def _read_body(receive: Receive) -> tuple[list[Message], bytes | None]:
    """The messages received and the whole body; None if the client left before its end."""
    messages: list[Message] = []
    chunks: list[bytes] = []
    while True:
        message = await receive()
        messages.append(message)
        if message["type"] != "http.request":
            return messages, None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return messages, b"".join(chunks)


def _replay(messages: list[Message], receive: Receive) -> Receive:
    pending = iter(messages)

    async def replayed() -> Message:
        return next(pending, None) or await receive()

    return replayed
