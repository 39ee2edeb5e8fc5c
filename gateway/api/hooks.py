"""POST /v1/hooks/{vendor}/{token}: a vendor's webhooks (being built: issue 21, inbound)."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from gateway.errors import ActionUnsupported

__all__ = ["receive"]


async def receive(**_parameters: Any) -> Response:
    """Not yet: the inbound verification lands with the adapters' webhook tables."""
    raise ActionUnsupported("Inbound webhooks are not built yet.", vendor="", action="hooks", reason="not built yet")
