"""A vendor's webhook in: verify, map, store in one transaction, answer (EVENTS.md, "In").

No vendor is called before the answer: the hook is verified on its raw body with the
account's secret, mapped by the adapter's table (gateway/vendors/_hooks.py), tied to a
campaign and a tenant from the gateway's own tables, and its events written with one
transaction (the outbox), deduplicated by the vendor's event id or the body's SHA-256.

The tenant of an event: the campaign's; on a tenant's own account, that tenant; on the
gateway's shared account, an event no campaign claims goes to GATEWAY_<VENDOR>_EVENTS_TENANT,
else to the only tenant when there is exactly one, else to no tenant (never shown to tenants;
`campaign-gateway events list --untied`).

Smallest's hooks carry a call id and no campaign id: they are not held for a lookup at the
vendor (not built yet); they keep `vendor_call_id` and follow the account rule above.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from gateway.errors import GatewayError, RequestInvalid, Unauthenticated
from gateway.events.endpoints import HookAccount
from gateway.events.model import NewEvent
from gateway.events.outbox import emit
from gateway.observe import HOOKS
from gateway.store.schema import api_keys, campaigns, events, hook_endpoints
from gateway.validation import parse_json_body
from gateway.vendors._hooks import MappedEvent, verify

__all__ = ["HookAnswer", "Inbound", "dedupe_key"]

_log = logging.getLogger("gateway.hooks")
TENANTS_REFRESH_S = 30.0


@dataclass(frozen=True)
class HookAnswer:
    """What the vendor is answered: the hook kept (or kept before), and its events' ids."""

    duplicate: bool
    events: list[str]

    def body(self) -> dict[str, Any]:
        """The 200 body of the spec."""
        return {"received": True, "duplicate": self.duplicate, "events": self.events}


def dedupe_key(vendor: str, account: str, event_id: str | None, body: bytes) -> str:
    """One hook's key: the vendor's event id, else the body's hash, scoped by vendor and account."""
    what = f"id:{event_id}" if event_id else "sha256:" + hashlib.sha256(body).hexdigest()
    return f"hook:{vendor}:{account}:{what}"


class Inbound:
    """Receives vendors' webhooks for one Gateway (blocking: run it on a worker thread)."""

    def __init__(self, gateway: Any) -> None:
        self._gateway = gateway
        self._tenants: tuple[float, tuple[str, ...]] = (-TENANTS_REFRESH_S, ())

    def receive(self, vendor: str, token: str, headers: Mapping[str, str], body: bytes) -> HookAnswer:
        """Keep one hook, or raise the 401/400 the vendor is answered (nothing is kept then)."""
        try:
            answer = self._receive(vendor, token, headers, body)
        except Unauthenticated:
            HOOKS.labels(self._label(vendor), "unauthorized").inc()
            raise
        except RequestInvalid:
            HOOKS.labels(self._label(vendor), "invalid").inc()
            raise
        HOOKS.labels(vendor, "duplicate" if answer.duplicate else "accepted").inc()
        return answer

    def _label(self, vendor: str) -> str:
        return vendor if vendor in self._gateway.adapters else "other"

    def _receive(self, vendor: str, token: str, headers: Mapping[str, str], body: bytes) -> HookAnswer:
        adapter = self._gateway.adapters.get(vendor)
        if adapter is None or not adapter.webhooks.receives:
            raise _refused("No hook endpoint has this URL.")
        with self._gateway.registry.engine.connect() as connection:
            account = self._account(connection, vendor, token)
        if account is None:
            raise _refused("No hook endpoint has this URL.")
        refusal = verify(adapter.webhooks, headers, body, self._gateway.webhook_secret(vendor, account.tenant))
        if refusal is not None:
            _log.warning("hook refused for %s account %r: %s", vendor, account.tenant, refusal)
            raise _refused(refusal)
        payload = parse_json_body(body)
        if not isinstance(payload, dict):
            raise RequestInvalid("A webhook body must be a JSON object.")
        reading = adapter.read_hook(payload)
        received = self._gateway.registry.clock()
        key = dedupe_key(vendor, account.tenant, reading.event_id, body)
        kept = _unverified(adapter.webhooks, headers)
        # Every read of the transaction on its own connection: on SQLite a read on another
        # connection would wait for this writer (BEGIN IMMEDIATE).
        with self._gateway.registry.transaction() as connection:
            new = [
                self._event(connection, account, mapped, received, f"{key}#{index}" if index else key, kept)
                for index, mapped in enumerate(reading.events)
            ]
            written = [event.id for event in new if emit(connection, event)]
            if new and not written:
                return HookAnswer(True, self._kept_ids(connection, key, len(new)))
        return HookAnswer(False, written)

    def _event(
        self,
        connection: Connection,
        account: HookAccount,
        mapped: MappedEvent,
        received: datetime,
        key: str,
        kept: dict[str, str],
    ) -> NewEvent:
        tenant, campaign_id = self._owner(connection, account, mapped.vendor_campaign_id)
        return NewEvent(
            type=mapped.type,
            occurred_at=mapped.occurred_at or received,
            received_at=received,
            source="webhook",
            data={**mapped.data, **kept},
            tenant=tenant,
            campaign_id=campaign_id,
            vendor=account.vendor,
            vendor_campaign_id=mapped.vendor_campaign_id,
            account=account.tenant,
            dedupe_key=key,
        )

    @staticmethod
    def _account(connection: Connection, vendor: str, token: str) -> HookAccount | None:
        query = select(hook_endpoints.c.tenant).where(
            hook_endpoints.c.token == token, hook_endpoints.c.vendor == vendor
        )
        row = connection.execute(query).first()
        return HookAccount(vendor, row.tenant) if row is not None else None

    def _owner(
        self, connection: Connection, account: HookAccount, vendor_campaign_id: str | None
    ) -> tuple[str | None, str | None]:
        """The event's (tenant, campaign id) by the rule of the module docstring."""
        if vendor_campaign_id:
            query = select(campaigns.c.id, campaigns.c.tenant).where(
                campaigns.c.vendor == account.vendor, campaigns.c.vendor_campaign_id == vendor_campaign_id
            )
            if not account.is_gateway:
                query = query.where(campaigns.c.tenant == account.tenant)
            row = connection.execute(query.order_by(campaigns.c.created_at.desc()).limit(1)).first()
            if row is not None:
                return str(row.tenant), str(row.id)
        if not account.is_gateway:
            return account.tenant, None
        return self.shared_tenant(connection, account.vendor), None

    def shared_tenant(self, connection: Connection, vendor: str) -> str | None:
        """The tenant of the gateway's-account events no campaign claims, or None (untied)."""
        named = (
            self._gateway.settings.vendors[vendor].events_tenant if vendor in self._gateway.settings.vendors else None
        )
        if named:
            return str(named)
        tenants = self._known_tenants(connection)
        return tenants[0] if len(tenants) == 1 else None

    def _known_tenants(self, connection: Connection) -> tuple[str, ...]:
        read_at, known = self._tenants
        now = time.monotonic()
        if now - read_at < TENANTS_REFRESH_S:
            return known
        query = select(api_keys.c.tenant).where(api_keys.c.revoked_at.is_(None)).distinct()
        stored = {str(row.tenant) for row in connection.execute(query)}
        known = tuple(sorted(stored | set(self._gateway.settings.api_keys.values())))
        self._tenants = (now, known)
        return known

    @staticmethod
    def _kept_ids(connection: Connection, key: str, count: int) -> list[str]:
        """The ids of the events a redelivered hook became the first time."""
        keys = [f"{key}#{index}" if index else key for index in range(count)]
        rows = connection.execute(select(events.c.id, events.c.dedupe_key).where(events.c.dedupe_key.in_(keys)))
        found = {row.dedupe_key: str(row.id) for row in rows}
        return [found[k] for k in keys if k in found]


def _unverified(scheme: Any, headers: Mapping[str, str]) -> dict[str, str]:
    """A signature the gateway cannot check yet (the scheme is not documented), kept with the event."""
    if scheme.kind == "token_only" and scheme.header and headers.get(scheme.header):
        return {"unverified_signature": str(headers[scheme.header])}
    return {}


def _refused(detail: str) -> GatewayError:
    return Unauthenticated(detail, headers={})
