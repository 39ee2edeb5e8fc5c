"""/v1/webhooks: a tenant's subscriptions, their secrets and their deliveries (gateway/events/subscriptions.py)."""

from __future__ import annotations

from typing import Any

from anyio import to_thread
from starlette.responses import Response

from gateway.api.context import current, current_tenant
from gateway.api.responses import json_response
from gateway.events.subscriptions import SecretSealer, Subscriptions
from gateway.service import Gateway
from gateway.store.registry import database_errors

__all__ = [
    "create_subscription",
    "delete_subscription",
    "list_deliveries",
    "list_subscriptions",
    "retry_delivery",
    "rotate_secret",
    "show_subscription",
    "subscriptions_of",
    "update_subscription",
]


def subscriptions_of(gateway: Gateway) -> Subscriptions:
    """The subscriptions of the gateway's registry, with its secret key and SSRF setting."""
    settings = gateway.settings
    key = settings.secret_key.get_secret_value() if settings.secret_key else None
    return Subscriptions(gateway.registry, SecretSealer(key), allow_private=settings.webhook_allow_private)


async def create_subscription(body: dict[str, Any]) -> Response:
    """Subscribe a URL; the answer holds the signing secret, shown this once."""
    subscriptions, tenant = subscriptions_of(current()), current_tenant()
    with database_errors():
        created = await to_thread.run_sync(
            lambda: subscriptions.create(tenant, body["url"], body["event_types"], body.get("description"))
        )
    return json_response(created, status=201)


async def list_subscriptions() -> Response:
    """The tenant's subscriptions, oldest first."""
    subscriptions, tenant = subscriptions_of(current()), current_tenant()
    with database_errors():
        found = await to_thread.run_sync(subscriptions.listing, tenant)
    return json_response({"webhooks": found})


async def show_subscription(webhook_id: str) -> Response:
    """One subscription."""
    subscriptions, tenant = subscriptions_of(current()), current_tenant()
    with database_errors():
        return json_response(await to_thread.run_sync(subscriptions.get, tenant, webhook_id))


async def update_subscription(webhook_id: str, body: dict[str, Any]) -> Response:
    """Change a subscription; `{status: active}` enables it again."""
    subscriptions, tenant = subscriptions_of(current()), current_tenant()
    with database_errors():
        return json_response(await to_thread.run_sync(subscriptions.update, tenant, webhook_id, body))


async def delete_subscription(webhook_id: str) -> Response:
    """Unsubscribe (its pending deliveries are dropped)."""
    subscriptions, tenant = subscriptions_of(current()), current_tenant()
    with database_errors():
        await to_thread.run_sync(subscriptions.delete, tenant, webhook_id)
    return Response(status_code=204)


async def rotate_secret(webhook_id: str) -> Response:
    """A new signing secret; the old one signs beside it for 24 hours."""
    subscriptions, tenant = subscriptions_of(current()), current_tenant()
    with database_errors():
        return json_response(await to_thread.run_sync(subscriptions.rotate_secret, tenant, webhook_id))


async def list_deliveries(
    webhook_id: str, status: str | None = None, limit: int = 20, cursor: str | None = None
) -> Response:
    """A page of the subscription's deliveries, newest first, each with its attempts."""
    subscriptions, tenant = subscriptions_of(current()), current_tenant()
    with database_errors():
        page = await to_thread.run_sync(
            lambda: subscriptions.deliveries(tenant, webhook_id, status=status, limit=limit, cursor=cursor)
        )
    return json_response({"deliveries": page.deliveries, "next_cursor": page.next_cursor})


async def retry_delivery(webhook_id: str, delivery_id: str) -> Response:
    """Make a delivery due now; the deliverers attempt it with the same webhook-id."""
    gateway, tenant = current(), current_tenant()
    with database_errors():
        delivery = await to_thread.run_sync(subscriptions_of(gateway).retry, tenant, webhook_id, delivery_id)
    return json_response(delivery, status=202)
