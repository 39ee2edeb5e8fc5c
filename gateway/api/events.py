"""GET /v1/events and GET /v1/campaigns/{id}/events: the tenant's event feed, by cursor."""

from __future__ import annotations

import uuid
from functools import partial

from anyio import to_thread
from starlette.responses import Response

from gateway.api.context import current, current_tenant
from gateway.api.responses import json_response
from gateway.errors import FieldError, NotFound, RequestInvalid
from gateway.events.feed import event_view, read_feed
from gateway.service import Gateway
from gateway.store.registry import database_errors

__all__ = ["campaign_events", "list_events"]


async def list_events(
    after: str | None = None, type: list[str] | None = None, campaign_id: str | None = None, limit: int = 100
) -> Response:
    """The caller's events after the cursor, oldest first."""
    if campaign_id is not None:
        try:
            uuid.UUID(campaign_id)
        except ValueError:
            raise RequestInvalid(
                "campaign_id is not a campaign id.", errors=[FieldError("campaign_id", "must be a UUID")]
            ) from None
    return await _page(current(), current_tenant(), after, type or [], campaign_id, limit)


async def campaign_events(
    campaign_id: str, after: str | None = None, type: list[str] | None = None, limit: int = 100
) -> Response:
    """One campaign's events (another tenant's campaign is 404)."""
    gateway, tenant = current(), current_tenant()
    if await to_thread.run_sync(gateway.registry.get, tenant, campaign_id) is None:
        raise NotFound(f"No campaign {campaign_id} for this tenant.")
    return await _page(gateway, tenant, after, type or [], campaign_id, limit)


async def _page(
    gateway: Gateway, tenant: str, after: str | None, types: list[str], campaign_id: str | None, limit: int
) -> Response:
    with database_errors():
        # Events written since the last pass are numbered first, so a reader never waits for
        # the deliverers' next pass to see them.
        await to_thread.run_sync(gateway.relay.publish_pending)
        page = await to_thread.run_sync(
            partial(
                read_feed,
                gateway.registry.engine,
                tenant=tenant,
                after=int(after) if after is not None else None,
                types=types,
                campaign_id=campaign_id,
                limit=limit,
            )
        )
    return json_response({"events": [event_view(row) for row in page.events], "next_cursor": page.next_cursor})
