"""Native routes after the launch: the vendor's own reads and actions, under the gateway's tenancy.

Every operation of a vendor's spec other than create is served here, as its adapter's `native`
table says:

- a read of one campaign, or an action on it, is served only when the caller's tenant created
  that campaign through the gateway (404 before the vendor is called, otherwise);
- a list of campaigns is filtered to the caller's;
- an account-wide read (a vendor's calls or messages) is served only on the tenant's own
  vendor account, since the gateway's account is shared;
- an action (start, pause, cancel, delete, update) is recorded in the actions' ledger like a
  vendor-neutral one, so the campaign's view stays true; the vendor's 2xx and 4xx are relayed
  as they are.

A tenant's own vendor account is the exception: there the vendor's answer is theirs, and a
campaign not created through the gateway is relayed without a ledger entry.
"""

from __future__ import annotations

from typing import Any

from anyio import to_thread
from connexion import context
from connexion import request as current_http_request
from starlette.responses import Response

from gateway import jsoncodec
from gateway.api.context import current, current_json, current_tenant
from gateway.api.dispatch import Answer, dispatch, relayed
from gateway.codegen.compose import NATIVE_OPERATION_PREFIX
from gateway.errors import NotFound
from gateway.lifecycle import QUEUED_STATUS
from gateway.observe import current_request
from gateway.service import Gateway
from gateway.store.registry import Begun, fingerprint
from gateway.sync import soon
from gateway.vendors import ADAPTERS, Adapter, raise_for_reply
from gateway.vendors._base import VendorCall, VendorReply, relay_call

__all__ = ["handle", "role_of"]

# What a native action leaves the campaign as when the vendor's answer tells no state.
_AFTER: dict[str, str] = {**dict(QUEUED_STATUS.items()), "delete": "cancelled"}


def role_of(operation_id: str) -> tuple[str, str]:
    """The vendor and the role (its adapter's `native` table) of a composed native operationId."""
    slug, _, vendor_operation = operation_id.removeprefix(NATIVE_OPERATION_PREFIX).partition(".")
    return slug, ADAPTERS[slug].native.get(vendor_operation, "")


async def handle(**_parameters: Any) -> Response:
    """Serve one native request after the launch (Connexion has validated it against the vendor's spec)."""
    slug, role = role_of(str(context.operation.operation_id))
    gateway, tenant = current(), current_tenant()
    told = current_request.get()
    if told is not None:  # reads never pass through dispatch, which tells the access log for actions
        told.tenant, told.vendor = tenant, slug
    adapter = await gateway.live_adapter_async(slug, tenant)
    own_account = adapter is not gateway.adapters.get(slug)
    request = current_http_request
    path = request.url.path.removeprefix(f"/v1/vendors/{slug}")
    body = current_json()
    call = relay_call(request.method, path, request.url.query, body)
    if role == "account":
        if not own_account:
            raise NotFound(
                f"This {slug} operation reads the whole vendor account, which this gateway's tenants share: "
                f"it is served only with your own {slug} account."
            )
        return _relayed(await _read(gateway, adapter, call))
    if role == "campaigns":
        reply = await _read(gateway, adapter, call)
        return _relayed(reply if own_account else await _only_theirs(gateway, adapter, tenant, reply))
    vendor_campaign_id = str(request.path_params.get("id", ""))
    row = await to_thread.run_sync(gateway.registry.by_vendor_id, tenant, slug, vendor_campaign_id)
    if row is None and not own_account:
        raise NotFound(f"No {slug} campaign {vendor_campaign_id} of yours.")
    if role == "campaign" or row is None:
        return _relayed(await _read(gateway, adapter, call))
    action = adapter.native_action(role, body, row["status"])
    return await _act(gateway, adapter, tenant, row, action, path, body, call)


async def _read(gateway: Gateway, adapter: Adapter, call: VendorCall) -> VendorReply:
    breaker = gateway.breakers[adapter.slug]
    breaker.check()
    with breaker.call():
        reply = await adapter.call(call)
    raise_for_reply(adapter.slug, reply, relay_refusals=True, subject="read")
    return reply


async def _only_theirs(gateway: Gateway, adapter: Adapter, tenant: str, reply: VendorReply) -> VendorReply:
    """The vendor's list with only the tenant's campaigns (and its counts for those alone)."""
    if not 200 <= reply.status < 300:
        return reply
    try:
        answer = jsoncodec.loads(reply.content)
    except ValueError:
        answer = None
    items = adapter.campaign_list(answer)
    if items is None:  # a list the gateway cannot read cannot be filtered: nothing of it is shown
        raise NotFound(f"{adapter.slug} answered a list the gateway cannot filter to your campaigns.")
    ids = [str(item.get("_id", item.get("id"))) for item in items if isinstance(item, dict)]
    owned = await to_thread.run_sync(gateway.registry.owned_vendor_ids, tenant, adapter.slug, ids)
    items[:] = [item for item in items if isinstance(item, dict) and str(item.get("_id", item.get("id"))) in owned]
    _recount(answer, len(items))
    return VendorReply(reply.status, jsoncodec.dumps(answer), "application/json", reply.retry_after)


def _recount(answer: Any, kept: int) -> None:
    """Totals that would count other tenants' campaigns say how many were kept instead."""
    data = answer.get("data") if isinstance(answer, dict) else None
    if isinstance(data, dict):
        if "totalCampaignCount" in data:
            data["totalCampaignCount"] = kept
        pagination = data.get("pagination")
        if isinstance(pagination, dict) and "total" in pagination:
            pagination["total"] = kept


async def _act(
    gateway: Gateway,
    adapter: Adapter,
    tenant: str,
    row: dict[str, Any],
    action: str,
    path: str,
    body: Any,
    call: VendorCall,
) -> Response:
    """Record the native action in the actions' ledger, send it once, relay the vendor's answer."""
    slug = adapter.slug
    route = f"/v1/vendors/{slug}{path}"
    begin_arguments = {
        "tenant": tenant,
        "campaign_id": row["id"],
        "action": action,
        "route": route,
        "request_fingerprint": fingerprint(route, slug, body),
        "idempotency_key": current_http_request.headers.get("Idempotency-Key"),
        "check": lambda _row: None,  # the vendor decides what its own operation may do
    }

    async def begin() -> Any:
        return await gateway.actions.begin_async(**begin_arguments)

    async def send(_begun: Begun) -> Answer:
        reply = await adapter.call(call)
        raise_for_reply(slug, reply, relay_refusals=True, subject="action")

        def accepted() -> dict[str, Any]:
            state = adapter.answer_state(reply)
            status = state.status if state is not None else _AFTER.get(action, row["status"])
            return {
                "status": status,
                "vendor_status": state.vendor_status if state is not None else row["vendor_status"],
                "sync_due_at": soon(gateway, adapter, status),
            }

        return relayed(reply, accepted)

    return await dispatch(gateway.actions, gateway.breakers[slug], tenant=tenant, vendor=slug, begin=begin, send=send)


def _relayed(reply: VendorReply) -> Response:
    headers = {"Retry-After": reply.retry_after} if reply.retry_after else {}
    return Response(reply.content, status_code=reply.status, media_type=reply.content_type, headers=headers)
