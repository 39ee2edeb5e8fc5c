"""Native routes after the launch: the vendor's own reads and actions, under the gateway's tenancy.

Every operation of a vendor's spec other than create is served here, as its adapter's `native`
table says:

- a read of one campaign, or an action on it, is served only when the caller's tenant created
  that campaign through the gateway (404 before the vendor is called, otherwise);
- a list of campaigns shows the caller's campaigns only, every one of them, with totals and
  pages that are the caller's (below);
- an account-wide read (a vendor's calls or messages) is served only on the tenant's own
  vendor account, since the gateway's account is shared;
- an action (start, pause, cancel, delete, update) is recorded in the actions' ledger like a
  vendor-neutral one, so the campaign's view stays true; the vendor's 2xx and 4xx are relayed
  as they are.

A tenant's own vendor account is the exception: there the vendor's answer is theirs (a list
too, relayed whole), and a campaign not created through the gateway is relayed without a
ledger entry.

Lists on the shared account. The vendor pages the whole account, other tenants' campaigns
included, so one vendor page filtered is not a page of the caller's: it may hold none of them,
and its totals are the account's. The gateway walks the vendor's list instead, with the
caller's own filters and sort, in pages of `_WALK_PAGE_SIZE`, keeping the caller's items in
the vendor's order; then it cuts the page the caller asked for and writes the totals and page
fields (those the vendor's answer has) for the caller's items alone. A count the vendor makes
without the filters (Smallest's `totalCampaignCount`, "unfiltered") is the caller's count from
a second walk without them. The walk stops at the vendor's last page, or as soon as every
vendor id the tenant holds at that vendor was seen (nothing of theirs can follow); it never
reads more than `_WALK_MAX_PAGES` pages, and a list longer than that before its end is a 422
that says so, not a page whose totals are guesses.

Why walk the vendor and not answer from the registry (which knows every campaign the tenant
created, by vendor id): the vendor's filters and order are the vendor's. Smallest's `status`
is the vendor's current word (the registry's copy is as old as its last sync), its `search`
matches names by rules the vendor does not document, and its sort is by its own `createdAt` or
`updatedAt`, ties in its own order; a registry answer would have to copy each of these and get
some wrong, and it would build the items from one read per campaign, whose shape is not the
list's. Walking costs reads in proportion to the shared account, hence the bound.

A vendor with no paging (TetherAI's `GET /api/campaigns` declares no query parameter) answers
its whole list at once: that answer, filtered, is the caller's whole list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode

from anyio import to_thread
from connexion import context
from connexion import request as current_http_request
from starlette.responses import Response

from gateway import jsoncodec
from gateway.api.context import current, current_json, current_tenant
from gateway.api.dispatch import Answer, dispatch, relayed
from gateway.codegen.compose import NATIVE_OPERATION_PREFIX
from gateway.errors import NotFound, Unprocessable
from gateway.lifecycle import QUEUED_STATUS
from gateway.observe import current_request
from gateway.service import Gateway
from gateway.store.registry import Begun, fingerprint
from gateway.sync import soon
from gateway.vendors import ADAPTERS, Adapter, raise_for_reply
from gateway.vendors._answers import count, dig
from gateway.vendors._base import VendorCall, VendorReply, relay_call

__all__ = ["handle", "role_of"]

# What a native action leaves the campaign as when the vendor's answer tells no state.
_AFTER: dict[str, str] = {**dict(QUEUED_STATUS.items()), "delete": "cancelled"}

# The walk of a vendor's list on the shared account (module docstring): its page size, and the
# most pages it reads, so at most 5,000 of the account's campaigns per list. Smallest documents
# no maximum page size; the walk follows the vendor's `hasMore`, so a vendor that clamps the
# size is still walked to its end.
_WALK_PAGE_SIZE = 100
_WALK_MAX_PAGES = 50


@dataclass(frozen=True)
class _Paging:
    """How a vendor pages its list of campaigns: its spec's query names and answer fields."""

    page: str  # the query parameter of the 1-based page number
    size: str  # the query parameter of the page size
    filters: tuple[str, ...]  # query parameters that narrow the list (the vendor applies them)
    pagination: tuple[str, ...]  # where the answer's page fields are
    fields: Mapping[str, str]  # the vendor's name for each page field: total, page, size, more, pages
    unfiltered_total: tuple[str, ...] = ()  # where the answer counts the list without its filters


# Vendors whose list is paged, by slug; any other answers its whole list at once.
_PAGED: dict[str, _Paging] = {
    # specs/vendors/smallest.yaml, retrieve-all-campaigns: `offset` is "Number of campaigns per
    # page" (not a count to skip), and `totalCampaignCount` is "Total number of campaigns in the
    # organization (unfiltered)", where `pagination.total` counts the filtered list.
    "smallest": _Paging(
        page="page",
        size="offset",
        filters=("status", "search"),
        pagination=("data", "pagination"),
        fields={"total": "total", "page": "page", "size": "offset", "more": "hasMore", "pages": "totalPages"},
        unfiltered_total=("data", "totalCampaignCount"),
    ),
}


def role_of(operation_id: str) -> tuple[str, str]:
    """The vendor and the role (its adapter's `native` table) of a composed native operationId."""
    slug, _, vendor_operation = operation_id.removeprefix(NATIVE_OPERATION_PREFIX).partition(".")
    return slug, ADAPTERS[slug].native.get(vendor_operation, "")


async def handle(**parameters: Any) -> Response:
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
        if own_account:
            return _relayed(await _read(gateway, adapter, call))
        return _relayed(await _their_list(gateway, adapter, tenant, path, request.url.query, parameters))
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


async def _their_list(
    gateway: Gateway, adapter: Adapter, tenant: str, path: str, query: str, parameters: Mapping[str, Any]
) -> VendorReply:
    """The vendor's list as the tenant's own: its campaigns only, every one, its totals (module docstring)."""
    slug = adapter.slug
    paging = _PAGED.get(slug)
    if paging is None:  # one answer is the whole list
        reply = await _read(gateway, adapter, relay_call("GET", path, query, None))
        if not 200 <= reply.status < 300:
            return reply
        answer, items = _listed(adapter, reply)
        owned = await to_thread.run_sync(gateway.registry.owned_vendor_ids, tenant, slug, _ids(items))
        items[:] = [item for item in items if _id_of(item) in owned]
        return _json_reply(reply, answer)
    # The caller's query but its page: the vendor filters and sorts, the gateway pages.
    paged = (paging.page, paging.size)
    asked = [(name, value) for name, value in parse_qsl(query, keep_blank_values=True) if name not in paged]
    bound = await to_thread.run_sync(gateway.registry.owned_vendor_id_count, tenant, slug)
    walked = await _walk(gateway, adapter, tenant, path, paging, asked, bound)
    if isinstance(walked, VendorReply):
        return walked
    unfiltered_total = len(walked.items)
    if paging.unfiltered_total and any(name in paging.filters for name, _ in asked):
        everything = [(name, value) for name, value in asked if name not in paging.filters]
        unfiltered = await _walk(gateway, adapter, tenant, path, paging, everything, bound)
        if isinstance(unfiltered, VendorReply):
            return unfiltered
        unfiltered_total = len(unfiltered.items)
    # Connexion gives the spec's defaults for what the caller left out. A page number or size
    # below 1 is read as 1 and echoed as asked, as the vendor's list does in the sandbox.
    page, asked_size = _whole(parameters.get(paging.page), 1), _whole(parameters.get(paging.size), len(walked.items))
    size = max(asked_size, 1)
    start = (max(page, 1) - 1) * size
    walked.listed[:] = walked.items[start : start + size]
    total = len(walked.items)
    pages = -(-total // size)
    _rewrite(
        dig(walked.answer, *paging.pagination),
        {
            paging.fields["total"]: total,
            paging.fields["page"]: page,
            paging.fields["size"]: asked_size,
            paging.fields["more"]: page < pages,
            paging.fields["pages"]: pages,
        },
    )
    if paging.unfiltered_total:
        *where, name = paging.unfiltered_total
        _rewrite(dig(walked.answer, *where), {name: unfiltered_total})
    return _json_reply(walked.reply, walked.answer)


@dataclass
class _Walked:
    """The tenant's campaigns in a vendor's list, in its order, and its first answer (the reply's shape)."""

    reply: VendorReply
    answer: Any
    listed: list[Any]  # the list in `answer`
    items: list[dict[str, Any]] = field(default_factory=list)


async def _walk(
    gateway: Gateway,
    adapter: Adapter,
    tenant: str,
    path: str,
    paging: _Paging,
    asked: list[tuple[str, str]],
    bound: int,
) -> _Walked | VendorReply:
    """Read the vendor's list for `asked` page by page, keeping the tenant's; a vendor refusal is relayed.

    `bound` is how many vendor ids the tenant holds at the vendor: once all were seen, no later
    page can hold one of theirs.
    """
    slug = adapter.slug
    walked: _Walked | None = None
    seen: set[str] = set()
    for number in range(1, _WALK_MAX_PAGES + 1):
        query = urlencode([*asked, (paging.page, str(number)), (paging.size, str(_WALK_PAGE_SIZE))])
        reply = await _read(gateway, adapter, relay_call("GET", path, query, None))
        if not 200 <= reply.status < 300:
            return reply
        answer, items = _listed(adapter, reply)
        ids = _ids(items)
        owned = await to_thread.run_sync(gateway.registry.owned_vendor_ids, tenant, slug, ids)
        if walked is None:
            walked = _Walked(reply, answer, items)
        for item in items:
            # A campaign created while the walk reads can push an item onto the next page: once.
            vendor_id = _id_of(item)
            if vendor_id in owned and vendor_id not in seen:
                seen.add(vendor_id)
                walked.items.append(item)
        if not items or len(seen) >= bound or not _more(paging, answer, number):
            return walked
    raise Unprocessable(
        f"The gateway's shared {slug} account lists more than {_WALK_MAX_PAGES * _WALK_PAGE_SIZE} campaigns "
        f"before the end of this list, more than the gateway reads to find yours, so it cannot count them. "
        f"With your own {slug} account (campaign-gateway credentials set) the vendor's list is relayed whole.",
        vendor=slug,
    )


def _more(paging: _Paging, answer: Any, number: int) -> bool:
    """Whether the vendor says its list goes on after page `number` (if it says nothing: read on)."""
    pagination = dig(answer, *paging.pagination)
    if not isinstance(pagination, dict):
        return True
    more = pagination.get(paging.fields["more"])
    if isinstance(more, bool):
        return more
    pages = count(pagination.get(paging.fields["pages"]))
    return pages is None or number < pages


def _listed(adapter: Adapter, reply: VendorReply) -> tuple[Any, list[Any]]:
    """A 2xx list's JSON answer and its list of campaigns (edited in place to filter it)."""
    try:
        answer = jsoncodec.loads(reply.content)
    except ValueError:
        answer = None
    items = adapter.campaign_list(answer)
    if items is None:  # a list the gateway cannot read cannot be filtered: nothing of it is shown
        raise NotFound(f"{adapter.slug} answered a list the gateway cannot filter to your campaigns.")
    return answer, items


def _id_of(item: Any) -> str | None:
    """A listed campaign's vendor id (Smallest and TetherAI say `_id`), None if not an object."""
    return str(item.get("_id", item.get("id"))) if isinstance(item, dict) else None


def _ids(items: list[Any]) -> list[str]:
    return [vendor_id for vendor_id in map(_id_of, items) if vendor_id is not None]


def _whole(value: Any, default: int) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _rewrite(where: Any, values: Mapping[str, Any]) -> None:
    """Set the fields that the vendor's answer has at `where` (its shape is kept: none is added)."""
    if isinstance(where, dict):
        for name, value in values.items():
            if name in where:
                where[name] = value


def _json_reply(reply: VendorReply, answer: Any) -> VendorReply:
    return VendorReply(reply.status, jsoncodec.dumps(answer), "application/json", reply.retry_after)


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
