"""POST /v1/vendors/<slug>/<vendor path>: the vendor's own body, recorded and forwarded as is."""

from __future__ import annotations

import hashlib
from typing import Any

import flask
from connexion import context

from gateway.api.context import current, current_tenant
from gateway.codegen.compose import NATIVE_OPERATION_PREFIX
from gateway.dispatch import Answer, dispatch
from gateway.errors import GatewayError, VendorBadResponse, VendorServerError
from gateway.store.registry import Begun, Finish

__all__ = ["forward"]


def forward(body: Any = None, **_parameters: Any) -> flask.Response:
    """Relay the vendor's 2xx and 4xx answers; its 5xx and failures are gateway problems."""
    slug = context.operation.operation_id.removeprefix(NATIVE_OPERATION_PREFIX).split(".", 1)[0]
    tenant = current_tenant()
    adapter = current().live_adapter(slug, tenant)
    payload = _payload(body)

    def send(_begun: Begun) -> Answer:
        reply = adapter.send_payload(payload)
        if reply.status >= 500:
            raise VendorServerError(f"{slug} failed ({reply.status})", vendor=slug)
        if not 200 <= reply.status < 500:
            raise VendorBadResponse(f"{slug} answered {reply.status}, which the gateway does not follow", vendor=slug)
        headers = {"Retry-After": reply.retry_after} if reply.retry_after else {}
        fields: dict[str, Any] = {}
        if 200 <= reply.status < 300:
            try:
                receipt = adapter.read_receipt(reply)
                fields = {
                    k: getattr(receipt, k)
                    for k in ("status", "vendor_status", "vendor_campaign_id", "recipients_count", "scheduled_at")
                }
            except GatewayError:
                fields = {"status": "unmapped"}  # relayed as is; the registry just cannot read it
        outcome = Finish(
            dispatch="accepted" if reply.status < 300 else "rejected",
            response_status=reply.status,
            response_body=reply.content,
            response_type=reply.content_type,
            vendor_response={"status": reply.status, "body": reply.content.decode("utf-8", "replace")},
            **fields,
        )
        return Answer(reply.status, reply.content, reply.content_type, outcome, headers)

    return dispatch(
        current().registry,
        current().breakers[slug],
        tenant=tenant,
        vendor=slug,
        route=flask.request.path,
        name=_name(payload),
        request=_recordable(payload),
        idempotency_key=flask.request.headers.get("Idempotency-Key"),
        send=send,
    )


def _payload(body: Any) -> Any:
    request = flask.request
    if request.mimetype == "multipart/form-data":
        fields: dict[str, Any] = request.form.to_dict()
        for name, upload in request.files.items():
            fields[name] = (upload.filename or name, upload.read(), upload.mimetype or "application/octet-stream")
        return fields
    return body


def _name(payload: Any) -> str | None:
    name = payload.get("name") if isinstance(payload, dict) else None
    return str(name)[:200] if name is not None else None


def _recordable(payload: Any) -> Any:
    """The payload as JSON: a file part is recorded by name, type, size and SHA-256."""
    if not isinstance(payload, dict):
        return payload
    return {
        key: {"file_name": v[0], "content_type": v[2], "size": len(v[1]), "sha256": hashlib.sha256(v[1]).hexdigest()}
        if isinstance(v, tuple)
        else v
        for key, v in payload.items()
    }
