"""Gateway key checks, wired to every security scheme in the served spec.

A native route keeps its vendor's scheme (Clerk's `apiKey` header, `X-Api-Key`, Bearer), so a
vendor SDK presents the gateway key where it would present the vendor's.
"""

from __future__ import annotations

from typing import Any

from gateway.api.context import from_scope

__all__ = ["api_key_info", "bearer_info"]


def bearer_info(token: str, request: Any) -> dict[str, str] | None:
    """`Authorization: Bearer <key>`."""
    tenant = from_scope(request.scope).tenant_for(token)
    return {"sub": tenant, "tenant": tenant} if tenant else None


def api_key_info(apikey: str, required_scopes: Any, request: Any) -> dict[str, str] | None:
    """A key in a header (X-API-Key, or the vendor's own header on native routes)."""
    tenant = from_scope(request.scope).tenant_for(apikey)
    return {"sub": tenant, "tenant": tenant} if tenant else None
