"""Gateway key checks, wired to every security scheme in the served spec.

A native route keeps its vendor's scheme (Clerk's `apiKey` header, `X-Api-Key`, Bearer), so a
vendor SDK presents the gateway key where it would present the vendor's. Connexion awaits
them on the event loop; a stored key that is not cached is looked up on a worker thread.
Each names the tenant it finds (or "unknown key") in the request's context, for the access log.
"""

from __future__ import annotations

from typing import Any

from gateway.api.context import from_scope
from gateway.observe import current_request

__all__ = ["api_key_info", "bearer_info"]


async def _identified(key: str, request: Any) -> dict[str, str] | None:
    tenant = await from_scope(request.scope).tenant_for(key)
    context = current_request.get()
    if context is not None:
        if tenant:
            context.tenant, context.auth = tenant, None
        elif context.tenant is None:
            context.auth = "unknown key"
    return {"sub": tenant, "tenant": tenant} if tenant else None


async def bearer_info(token: str, request: Any) -> dict[str, str] | None:
    """`Authorization: Bearer <key>`."""
    return await _identified(token, request)


async def api_key_info(apikey: str, required_scopes: Any, request: Any) -> dict[str, str] | None:
    """A key in a header (X-API-Key, or the vendor's own header on native routes)."""
    return await _identified(apikey, request)
