"""POST /v1/vendors/<slug>/<vendor path>: the vendor's own body, forwarded as is."""

from __future__ import annotations

from typing import Any

import flask
from connexion import context

from gateway.api.context import current
from gateway.codegen.compose import NATIVE_OPERATION_PREFIX
from gateway.errors import VendorBadResponse, VendorServerError

__all__ = ["forward"]


def forward(body: Any = None, **_parameters: Any) -> flask.Response:
    """Relay the vendor's 2xx and 4xx answers; its 5xx and failures are gateway problems."""
    slug = context.operation.operation_id.removeprefix(NATIVE_OPERATION_PREFIX).split(".", 1)[0]
    adapter = current().live_adapter(slug)
    reply = adapter.send_payload(_payload(body))
    if reply.status >= 500:
        raise VendorServerError(f"{slug} failed ({reply.status})", vendor=slug)
    if not 200 <= reply.status < 500:
        raise VendorBadResponse(f"{slug} answered {reply.status}, which the gateway does not follow", vendor=slug)
    headers = {"Retry-After": reply.retry_after} if reply.retry_after else {}
    return flask.Response(reply.content, status=reply.status, content_type=reply.content_type, headers=headers)


def _payload(body: Any) -> Any:
    request = flask.request
    if request.mimetype == "multipart/form-data":
        fields: dict[str, Any] = request.form.to_dict()
        for name, upload in request.files.items():
            fields[name] = (upload.filename or name, upload.read(), upload.mimetype or "application/octet-stream")
        return fields
    return body
