"""POST /v1/hooks/{vendor}/{endpoint_token}: a vendor's webhooks, on their raw body.

A signature is made over the bytes the vendor sent, so the hook is served before Connexion,
which parses the body and keeps no bytes: GatewayApp (gateway/app.py) hands every POST under
/v1/hooks/ to `serve`, after its body limit and request id, as the spec describes the route
(security none, a JSON body, 200 `{received, duplicate, events}`, 401/400/413/415 problems).
Answered as soon as the hook is stored: no vendor is called on the way (EVENTS.md: 100 ms).
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from anyio import to_thread
from starlette.datastructures import Headers
from starlette.types import Receive, Scope, Send

from gateway import jsoncodec
from gateway.api.problems import problem_response
from gateway.errors import GatewayError, PayloadTooLarge, Unauthenticated, UnsupportedMediaType
from gateway.observe import current_request
from gateway.service import Gateway
from gateway.store.registry import database_errors

__all__ = ["PREFIX", "receive", "serve"]

PREFIX = "/v1/hooks/"
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,100}")
_JSON = re.compile(r"^application/([a-z0-9.+-]+\+)?json$")


async def serve(gateway: Gateway, scope: Scope, receive_body: Receive, send: Send) -> None:
    """Serve one POST under /v1/hooks/ (any refusal is a problem, and nothing is kept)."""
    path: str = scope["path"]
    try:
        status, body = await _answer(gateway, scope, receive_body)
        headers = {"Content-Type": "application/json"}
    except GatewayError as exc:
        status, body, headers = problem_response(exc, path)
    raw = [(name.lower().encode(), value.encode()) for name, value in headers.items()]
    raw.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


async def _answer(gateway: Gateway, scope: Scope, receive_body: Receive) -> tuple[int, bytes]:
    vendor, _, token = scope["path"][len(PREFIX) :].partition("/")
    context = current_request.get()
    if context is not None:
        context.vendor = vendor
    if not _TOKEN.fullmatch(token) or vendor not in gateway.adapters:
        raise Unauthenticated("No hook endpoint has this URL.", headers={})
    headers = Headers(scope=scope)
    media_type = headers.get("content-type", "").partition(";")[0].strip().lower()
    if not _JSON.match(media_type):
        raise UnsupportedMediaType("A webhook body must be application/json.")
    body = await _read(receive_body)
    with database_errors():
        answer = await to_thread.run_sync(partial(gateway.inbound.receive, vendor, token, headers, body))
    return 200, jsoncodec.dumps(answer.body())


async def _read(receive_body: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive_body()
        if message["type"] != "http.request":
            raise PayloadTooLarge("The client left before sending the whole body.")  # never answered
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


async def receive(**_parameters: Any) -> Any:
    """Connexion's handler for the operation: never reached, GatewayApp serves the route with `serve`."""
    raise GatewayError("Webhooks are served before Connexion (gateway/api/hooks.py).")
