"""POST /v1/vendors/<slug>/<vendor path>: the vendor's own body, recorded and forwarded as is."""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Any

from connexion import context
from connexion import request as current_http_request
from starlette.datastructures import UploadFile
from starlette.responses import Response

from gateway.api.context import current, current_json, current_tenant
from gateway.api.dispatch import Answer, dispatch, relayed
from gateway.codegen.compose import NATIVE_OPERATION_PREFIX
from gateway.service import Gateway
from gateway.store.registry import Begun, fingerprint
from gateway.sync import first_sync
from gateway.vendors import raise_for_reply

__all__ = ["forward", "forward_json", "forward_payload"]

_RECEIPT_FIELDS = ("status", "vendor_status", "vendor_campaign_id", "recipients_count", "scheduled_at")


async def forward_json() -> Response:
    """An operation whose body is JSON only: the body as the request validator parsed it."""
    return await _forward(current_json())


async def forward(body: Any = None, **parameters: Any) -> Response:
    """Any other operation (forms, uploads): the body and files as Connexion passes them."""
    return await _forward(await _payload(body, parameters))


async def _forward(payload: Any) -> Response:
    slug = str(context.operation.operation_id).removeprefix(NATIVE_OPERATION_PREFIX).split(".", 1)[0]
    idempotency_key = current_http_request.headers.get("Idempotency-Key")
    return await forward_payload(
        current(), current_tenant(), current_http_request.url.path, idempotency_key, payload, slug=slug
    )


async def forward_payload(
    gateway: Gateway, tenant: str, path: str, idempotency_key: str | None, payload: Any, *, slug: str
) -> Response:
    """Record and send a validated payload; relay the vendor's 2xx and 4xx answers.

    Its 5xx and failures are gateway problems.
    """
    adapter = await gateway.live_adapter_async(slug, tenant)

    async def send(_begun: Begun) -> Answer:
        reply = await adapter.send_payload(payload)
        raise_for_reply(slug, reply, relay_refusals=True)

        def accepted() -> dict[str, Any]:
            receipt = adapter.read_receipt(reply)
            fields = {k: getattr(receipt, k) for k in _RECEIPT_FIELDS}
            return {**fields, "sync_due_at": first_sync(gateway, adapter, receipt.status)}

        return relayed(reply, accepted)

    recordable = _recordable(payload)
    begin = partial(
        gateway.registry.begin_async,
        tenant=tenant,
        vendor=slug,
        route=path,
        name=_name(payload),
        request=recordable,
        request_fingerprint=fingerprint(path, slug, recordable),
        idempotency_key=idempotency_key,
    )
    return await dispatch(gateway.registry, gateway.breakers[slug], tenant=tenant, vendor=slug, begin=begin, send=send)


async def _payload(body: Any, parameters: dict[str, Any]) -> Any:
    """The JSON body, or the form: its fields as Connexion validated them, plus its files."""
    if not isinstance(body, dict) or current_http_request.mimetype != "multipart/form-data":
        return body
    fields: dict[str, Any] = dict(body)
    for name, value in parameters.items():
        upload = value[0] if isinstance(value, list) and value else value
        if isinstance(upload, UploadFile):
            content_type = upload.content_type or "application/octet-stream"
            fields[name] = (upload.filename or name, await upload.read(), content_type)
            await upload.close()
    return fields


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
