"""A vendor's webhook in: verify, map, store in one transaction, answer (EVENTS.md, "In").

No vendor is called before the answer: the hook is verified on its raw body with the
account's secret, mapped by the adapter's table (gateway/vendors/_hooks.py), tied to a
campaign and a tenant from the gateway's own tables, and its events written with one
transaction (the outbox), deduplicated by the vendor's event id or the body's SHA-256.

The tenant of an event: the campaign's; on a tenant's own account, that tenant; on the
gateway's shared account, an event no campaign claims goes to GATEWAY_<VENDOR>_EVENTS_TENANT,
else to the only tenant when there is exactly one, else to no tenant (never shown to tenants;
`campaign-gateway events list --untied`).

Smallest's hooks carry a call id and no campaign id: their events are held (unpublished, with
the account rule's tenant) until gateway/events/tie.py finds the call in one of the account's
campaigns, or gives up and publishes them without a campaign.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select

from gateway.errors import GatewayError, RequestInvalid, Unauthenticated
from gateway.events.endpoints import HookAccount
from gateway.events.model import NewEvent
from gateway.events.outbox import event_row, insert_event_statement
from gateway.observe import HOOKS
from gateway.store.driver import DriverStatement, DriverTransaction
from gateway.store.schema import campaigns, events, hook_endpoints
from gateway.validation import parse_json_body
from gateway.vendors._base import Adapter
from gateway.vendors._hooks import MappedEvent, verify

if TYPE_CHECKING:
    from gateway.service import Gateway

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
    """Receives vendors' webhooks for one Gateway (blocking: run it on a worker thread).

    One write per hook through the registry's driver-level writes (gateway/store/driver.py;
    on SQLite group-committed with the other writes that wait): the account is read, the hook
    verified and its events inserted in that one transaction, so a hook costs one round of
    the database, and a refused one writes nothing.
    """

    def __init__(self, gateway: Gateway) -> None:
        self._gateway = gateway
        self._tenants: tuple[float, tuple[str, ...]] = (-TENANTS_REFRESH_S, ())
        dialect = gateway.registry.engine.dialect
        self._account_of = DriverStatement(
            select(hook_endpoints.c.tenant).where(
                hook_endpoints.c.token == bindparam("token"), hook_endpoints.c.vendor == bindparam("vendor")
            ),
            dialect,
        )
        by_vendor_id = (
            select(campaigns.c.id, campaigns.c.tenant)
            .where(campaigns.c.vendor == bindparam("vendor"), campaigns.c.vendor_campaign_id == bindparam("vendor_id"))
            .order_by(campaigns.c.created_at.desc())
            .limit(1)
        )
        self._campaign_any = DriverStatement(by_vendor_id, dialect)
        self._campaign_of = DriverStatement(by_vendor_id.where(campaigns.c.tenant == bindparam("tenant")), dialect)
        self._kept = DriverStatement(select(events.c.id).where(events.c.dedupe_key == bindparam("key")), dialect)
        self._insert = insert_event_statement(dialect)

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
        adapter: Adapter | None = self._gateway.adapters.get(vendor)
        if adapter is None or not adapter.webhooks.receives:
            raise _refused("No hook endpoint has this URL.")
        # What needs a connection of its own is read before the write (SQLite's writer holds
        # the file: a second connection inside it would wait for it).
        self._gateway.refresh_credentials()
        shared = self.shared_tenant(vendor)
        received = self._gateway.registry.clock()

        def write(transaction: DriverTransaction) -> HookAnswer:
            found = transaction.first(self._account_of, {"token": token, "vendor": vendor})
            if found is None:
                raise _refused("No hook endpoint has this URL.")
            account = HookAccount(vendor, str(found[0]))
            secret = self._gateway.webhook_secret(vendor, account.tenant, refresh=False)
            refusal = verify(adapter.webhooks, headers, body, secret)
            if refusal is not None:
                _log.warning("hook refused for %s account %r: %s", vendor, account.tenant, refusal)
                raise _refused(refusal)
            payload = parse_json_body(body)
            if not isinstance(payload, dict):
                raise RequestInvalid("A webhook body must be a JSON object.")
            reading = adapter.read_hook(payload)
            key = dedupe_key(vendor, account.tenant, reading.event_id, body)
            kept = _unverified(adapter.webhooks, headers)
            keys = [f"{key}#{index}" if index else key for index in range(len(reading.events))]
            new = [
                self._event(transaction, adapter, account, shared, mapped, received, event_key, kept)
                for event_key, mapped in zip(keys, reading.events, strict=True)
            ]
            written = []
            for event in new:
                transaction.execute(self._insert, event_row(event))
                if transaction.cursor.rowcount:
                    written.append(event.id)
            if new and not written:
                ids = [transaction.first(self._kept, {"key": event_key}) for event_key in keys]
                return HookAnswer(True, [str(row[0]) for row in ids if row is not None])
            return HookAnswer(False, written)

        return self._gateway.registry.write(write)

    def _event(
        self,
        transaction: DriverTransaction,
        adapter: Adapter,
        account: HookAccount,
        shared: str | None,
        mapped: MappedEvent,
        received: datetime,
        key: str,
        kept: dict[str, str],
    ) -> NewEvent:
        tenant, campaign_id = self._owner(transaction, account, shared, mapped.vendor_campaign_id)
        # A call without its campaign waits, unpublished, for the vendor's list of calls to tie it.
        held = campaign_id is None and mapped.call_id is not None and adapter.ties_calls
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
            held=held,
        )

    def _owner(
        self, transaction: DriverTransaction, account: HookAccount, shared: str | None, vendor_campaign_id: str | None
    ) -> tuple[str | None, str | None]:
        """The event's (tenant, campaign id) by the rule of the module docstring."""
        if vendor_campaign_id:
            values = {"vendor": account.vendor, "vendor_id": vendor_campaign_id}
            if account.is_gateway:
                row = transaction.first(self._campaign_any, values)
            else:
                row = transaction.first(self._campaign_of, {**values, "tenant": account.tenant})
            if row is not None:
                return str(row[1]), str(row[0])
        return (shared, None) if account.is_gateway else (account.tenant, None)

    def shared_tenant(self, vendor: str) -> str | None:
        """The tenant of the gateway's-account events no campaign claims, or None (untied)."""
        vendors = self._gateway.settings.vendors
        named = vendors[vendor].events_tenant if vendor in vendors else None
        if named:
            return str(named)
        tenants = self._known_tenants()
        return tenants[0] if len(tenants) == 1 else None

    def _known_tenants(self) -> tuple[str, ...]:
        read_at, known = self._tenants
        now = time.monotonic()
        if now - read_at < TENANTS_REFRESH_S:
            return known
        known = tuple(self._gateway.api_keys.tenants(self._gateway.settings.api_keys.values()))
        self._tenants = (now, known)
        return known


def _unverified(scheme: Any, headers: Mapping[str, str]) -> dict[str, str]:
    """A signature the gateway cannot check yet (the scheme is not documented), kept with the event."""
    if scheme.kind == "token_only" and scheme.header and headers.get(scheme.header):
        return {"unverified_signature": str(headers[scheme.header])}
    return {}


def _refused(detail: str) -> GatewayError:
    return Unauthenticated(detail, headers={})
