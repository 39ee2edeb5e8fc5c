"""/v1/webhooks: subscriptions and deliveries (being built: issue 21, push)."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from gateway.errors import ActionUnsupported

__all__ = [
    "create_subscription",
    "delete_subscription",
    "list_deliveries",
    "list_subscriptions",
    "retry_delivery",
    "rotate_secret",
    "show_subscription",
    "update_subscription",
]


async def _not_yet(**_parameters: Any) -> Response:
    raise ActionUnsupported(
        "Webhook subscriptions are not built yet.", vendor="", action="webhooks", reason="not built yet"
    )


create_subscription = delete_subscription = list_deliveries = list_subscriptions = _not_yet
retry_delivery = rotate_secret = show_subscription = update_subscription = _not_yet
