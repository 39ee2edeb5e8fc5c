"""The inbound URL of each vendor account: `/v1/hooks/<vendor>/<token>` (EVENTS.md).

One per account: the gateway's own account at a vendor (tenant "") and each tenant's own. The
token is random and kept until an operator rotates it; it names the account, so a hook is tied
to its tenant before its body is read.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError

from gateway.store.registry import Registry
from gateway.store.schema import hook_endpoints

__all__ = ["GATEWAY_ACCOUNT", "HookAccount", "HookEndpoints"]

GATEWAY_ACCOUNT = ""  # the tenant column of the gateway's own account


@dataclass(frozen=True)
class HookAccount:
    """The vendor account an inbound token names."""

    vendor: str
    tenant: str  # GATEWAY_ACCOUNT for the gateway's own

    @property
    def is_gateway(self) -> bool:
        """Whether this is the gateway's own (shared) account at the vendor."""
        return self.tenant == GATEWAY_ACCOUNT


class HookEndpoints:
    """Tokens of the inbound hook URLs."""

    def __init__(self, registry: Registry) -> None:
        self._registry = registry

    def token_for(self, vendor: str, tenant: str = GATEWAY_ACCOUNT) -> str:
        """The account's token, made on first use."""
        found = self._find(vendor, tenant)
        if found is not None:
            return found
        try:
            with self._registry.transaction() as connection:
                token = secrets.token_urlsafe(24)
                connection.execute(
                    insert(hook_endpoints).values(
                        token=token, vendor=vendor, tenant=tenant, created_at=self._registry.clock()
                    )
                )
            return token
        except IntegrityError:  # another process made it first
            made = self._find(vendor, tenant)
            assert made is not None
            return made

    def rotate(self, vendor: str, tenant: str = GATEWAY_ACCOUNT) -> str:
        """A new token for the account (the old URL stops working at once)."""
        with self._registry.transaction() as connection:
            connection.execute(
                delete(hook_endpoints).where(hook_endpoints.c.vendor == vendor, hook_endpoints.c.tenant == tenant)
            )
        return self.token_for(vendor, tenant)

    def account_of(self, vendor: str, token: str) -> HookAccount | None:
        """The account `token` names at `vendor`, or None."""
        query = select(hook_endpoints.c.tenant).where(
            hook_endpoints.c.token == token, hook_endpoints.c.vendor == vendor
        )
        with self._registry.engine.connect() as connection:
            row = connection.execute(query).first()
        return HookAccount(vendor, row.tenant) if row is not None else None

    def _find(self, vendor: str, tenant: str) -> str | None:
        query = select(hook_endpoints.c.token).where(
            hook_endpoints.c.vendor == vendor, hook_endpoints.c.tenant == tenant
        )
        with self._registry.engine.connect() as connection:
            row = connection.execute(query).first()
        return str(row.token) if row is not None else None
