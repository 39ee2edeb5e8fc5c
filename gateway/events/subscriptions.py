"""A tenant's webhook subscriptions: made, listed, changed, deleted, their secrets rotated (EVENTS.md).

Each subscription signs its deliveries with its own secret (Standard Webhooks: `whsec_` and the
base64 of 24 random bytes), shown once when it is made or rotated and kept sealed with
GATEWAY_SECRET_KEY as the tenants' vendor credentials are (gateway/store/tenants.py): without
that key no secret can be kept, so none is made. A rotated secret keeps signing beside the new
one for `ROTATION_OVERLAP`, as the specification allows several signatures, so a receiver
switches without a gap. Every operation is scoped to the tenant: another tenant's id is unknown.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from gateway.errors import Conflict, GatewayError, NotFound, RequestInvalid
from gateway.events.ssrf import Resolver, check_target, system_resolver
from gateway.store.registry import Registry
from gateway.store.schema import events, webhook_attempts, webhook_deliveries, webhook_subscriptions

__all__ = [
    "DISABLED_BY_TENANT",
    "ROTATION_OVERLAP",
    "SUBSCRIPTION_DISABLED",
    "SecretSealer",
    "SigningKeyMissing",
    "Subscriptions",
    "live_entry",
    "new_secret",
    "subscription_view",
]

ROTATION_OVERLAP = timedelta(hours=24)
SECRET_PREFIX = "whsec_"
# The last_error of deliveries set aside when their subscription was disabled: enabling it again
# puts them back in the queue.
SUBSCRIPTION_DISABLED = "subscription disabled"
DISABLED_BY_TENANT = "disabled through the API"


class SigningKeyMissing(GatewayError):
    """The gateway has no GATEWAY_SECRET_KEY (or not the one that sealed the secrets)."""

    status, title, slug = 503, "Webhook secrets unavailable", "webhook-secrets-unavailable"


def new_secret() -> str:
    """A new signing secret: `whsec_` and the base64 of 24 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


class SecretSealer:
    """Seals a subscription's secrets, `[{secret, expires_at}]` newest first, with GATEWAY_SECRET_KEY."""

    missing: ClassVar[str] = "GATEWAY_SECRET_KEY is required to keep webhook signing secrets"

    def __init__(self, secret_key: str | None) -> None:
        self._fernet = Fernet(secret_key.encode()) if secret_key else None

    @property
    def available(self) -> bool:
        """Whether secrets can be sealed and opened."""
        return self._fernet is not None

    def seal(self, entries: Sequence[Mapping[str, str | None]]) -> bytes:
        """The stored form of `entries`."""
        if self._fernet is None:
            raise SigningKeyMissing(self.missing)
        return self._fernet.encrypt(json.dumps(list(entries)).encode())

    def open(self, sealed: bytes) -> list[dict[str, str | None]]:
        """The entries of a stored form; SigningKeyMissing when this gateway cannot open them."""
        if self._fernet is None:
            raise SigningKeyMissing(self.missing)
        try:
            entries: list[dict[str, str | None]] = json.loads(self._fernet.decrypt(bytes(sealed)))
        except InvalidToken:
            raise SigningKeyMissing("the webhook secrets do not open with GATEWAY_SECRET_KEY") from None
        return entries

    def live(self, sealed: bytes, now: datetime) -> list[str]:
        """The secrets that sign at `now`, newest first."""
        return [entry["secret"] for entry in self.open(sealed) if live_entry(entry, now) and entry["secret"]]


def live_entry(entry: Mapping[str, str | None], now: datetime) -> bool:
    """Whether a sealed secret entry still signs at `now` (the current one has no expiry)."""
    expires_at = entry.get("expires_at")
    return expires_at is None or datetime.fromisoformat(expires_at) > now


def subscription_view(row: Mapping[str, Any]) -> dict[str, Any]:
    """The API's representation of a subscription (never its secrets)."""
    return {
        "id": row["id"],
        "url": row["url"],
        "event_types": list(row["event_types"]),
        "description": row["description"],
        "status": row["status"],
        "disabled_reason": row["disabled_reason"],
        "created_at": row["created_at"].isoformat(),
        "updated_at": row["updated_at"].isoformat(),
    }


@dataclass(frozen=True)
class DeliveryPage:
    """Deliveries newest first, and the cursor of the next page (None at the end)."""

    deliveries: list[dict[str, Any]]
    next_cursor: str | None


_VIEW = tuple(column for column in webhook_subscriptions.c if column.name != "secrets")


class Subscriptions:
    """The tenant-scoped operations behind /v1/webhooks (blocking: handlers run them in a thread)."""

    def __init__(
        self,
        registry: Registry,
        sealer: SecretSealer,
        *,
        allow_private: bool,
        resolver: Resolver = system_resolver,
    ) -> None:
        self._registry = registry
        self._sealer = sealer
        self.allow_private = allow_private
        self.resolver = resolver

    def create(self, tenant: str, url: str, event_types: Sequence[str], description: str | None) -> dict[str, Any]:
        """A new active subscription, with its secret (the only time it is shown)."""
        check_target(url, allow_private=self.allow_private, resolver=self.resolver)
        secret = new_secret()
        now = self._registry.clock()
        row = {
            "id": "wh_" + uuid.uuid4().hex,
            "tenant": tenant,
            "url": url,
            "event_types": list(event_types),
            "description": description,
            "status": "active",
            "disabled_reason": None,
            "secrets": self._sealer.seal([{"secret": secret, "expires_at": None}]),
            "created_at": now,
            "updated_at": now,
        }
        with self._registry.transaction() as connection:
            connection.execute(insert(webhook_subscriptions).values(row))
        return {**subscription_view(row), "secret": secret}

    def listing(self, tenant: str) -> list[dict[str, Any]]:
        """The tenant's subscriptions, oldest first."""
        query = (
            select(*_VIEW)
            .where(webhook_subscriptions.c.tenant == tenant)
            .order_by(webhook_subscriptions.c.created_at, webhook_subscriptions.c.id)
        )
        with self._registry.engine.connect() as connection:
            return [subscription_view(dict(row)) for row in connection.execute(query).mappings()]

    def get(self, tenant: str, subscription_id: str) -> dict[str, Any]:
        """One subscription; NotFound for an unknown id or another tenant's."""
        with self._registry.engine.connect() as connection:
            return subscription_view(self._row(connection, tenant, subscription_id))

    def update(self, tenant: str, subscription_id: str, changes: Mapping[str, Any]) -> dict[str, Any]:
        """Change url, event_types, description or status; `{status: active}` enables it again."""
        if "url" in changes:
            check_target(changes["url"], allow_private=self.allow_private, resolver=self.resolver)
        values = {key: changes[key] for key in ("url", "event_types", "description") if key in changes}
        now = self._registry.clock()
        with self._registry.transaction() as connection:
            current = self._row(connection, tenant, subscription_id)
            status = changes.get("status")
            if status == "active" and current["status"] != "active":
                values.update(status="active", disabled_reason=None)
                _requeue_set_aside(connection, subscription_id, now)
            elif status == "disabled" and current["status"] != "disabled":
                values.update(status="disabled", disabled_reason=DISABLED_BY_TENANT)
                set_aside_pending(connection, subscription_id)
            values["updated_at"] = now
            connection.execute(
                update(webhook_subscriptions).where(webhook_subscriptions.c.id == subscription_id).values(values)
            )
            return subscription_view(self._row(connection, tenant, subscription_id))

    def delete(self, tenant: str, subscription_id: str) -> None:
        """Unsubscribe; its deliveries (pending or done) and their attempts go with it."""
        with self._registry.transaction() as connection:
            self._row(connection, tenant, subscription_id)
            of_it = webhook_deliveries.c.subscription_id == subscription_id
            deliveries = select(webhook_deliveries.c.id).where(of_it)
            connection.execute(delete(webhook_attempts).where(webhook_attempts.c.delivery_id.in_(deliveries)))
            connection.execute(delete(webhook_deliveries).where(of_it))
            connection.execute(delete(webhook_subscriptions).where(webhook_subscriptions.c.id == subscription_id))

    def rotate_secret(self, tenant: str, subscription_id: str) -> dict[str, str]:
        """A new secret; the current one signs beside it for ROTATION_OVERLAP, older ones keep their expiry."""
        now = self._registry.clock()
        expires_at = (now + ROTATION_OVERLAP).isoformat()
        secret = new_secret()
        with self._registry.transaction() as connection:
            row = connection.execute(
                select(webhook_subscriptions.c.secrets).where(
                    webhook_subscriptions.c.id == subscription_id, webhook_subscriptions.c.tenant == tenant
                )
            ).first()
            if row is None:
                raise _not_found(subscription_id)
            kept = []
            for entry in self._sealer.open(row.secrets):
                if live_entry(entry, now):
                    kept.append({"secret": entry["secret"], "expires_at": entry["expires_at"] or expires_at})
            connection.execute(
                update(webhook_subscriptions)
                .where(webhook_subscriptions.c.id == subscription_id)
                .values(
                    secrets=self._sealer.seal([{"secret": secret, "expires_at": None}, *kept]),
                    updated_at=now,
                )
            )
        return {"secret": secret, "previous_secret_expires_at": expires_at}

    def deliveries(
        self, tenant: str, subscription_id: str, *, status: str | None, limit: int, cursor: str | None
    ) -> DeliveryPage:
        """A page of the subscription's deliveries, newest first, each with its attempts."""
        query = (
            select(*webhook_deliveries.c, events.c.type.label("event_type"))
            .select_from(webhook_deliveries.outerjoin(events, events.c.id == webhook_deliveries.c.event_id))
            .where(webhook_deliveries.c.subscription_id == subscription_id)
            .order_by(webhook_deliveries.c.created_at.desc(), webhook_deliveries.c.id.desc())
            .limit(limit + 1)
        )
        if status is not None:
            query = query.where(webhook_deliveries.c.status == status)
        if cursor is not None:
            created_at, last_id = _read_cursor(cursor)
            query = query.where(
                or_(
                    webhook_deliveries.c.created_at < created_at,
                    and_(webhook_deliveries.c.created_at == created_at, webhook_deliveries.c.id < last_id),
                )
            )
        with self._registry.engine.connect() as connection:
            self._row(connection, tenant, subscription_id)
            rows = [dict(row) for row in connection.execute(query).mappings()]
            more = len(rows) > limit
            rows = rows[:limit]
            logs = _attempt_logs(connection, [row["id"] for row in rows])
        views = [delivery_view(row, logs.get(row["id"], [])) for row in rows]
        next_cursor = _write_cursor(rows[-1]["created_at"], rows[-1]["id"]) if more else None
        return DeliveryPage(views, next_cursor)

    def retry(self, tenant: str, subscription_id: str, delivery_id: str) -> dict[str, Any]:
        """Make a delivery due now (the same webhook-id); Conflict while the subscription is disabled."""
        now = self._registry.clock()
        with self._registry.transaction() as connection:
            subscription = self._row(connection, tenant, subscription_id)
            if subscription["status"] != "active":
                raise Conflict(f"Subscription {subscription_id} is disabled: enable it first (PATCH status active).")
            result = connection.execute(
                update(webhook_deliveries)
                .where(webhook_deliveries.c.id == delivery_id, webhook_deliveries.c.subscription_id == subscription_id)
                .values(status="pending", next_attempt_at=now)
            )
            if not result.rowcount:
                raise NotFound(f"No delivery {delivery_id} of subscription {subscription_id}.")
            query = (
                select(*webhook_deliveries.c, events.c.type.label("event_type"))
                .select_from(webhook_deliveries.outerjoin(events, events.c.id == webhook_deliveries.c.event_id))
                .where(webhook_deliveries.c.id == delivery_id)
            )
            row = dict(connection.execute(query).mappings().one())
            logs = _attempt_logs(connection, [delivery_id])
        return delivery_view(row, logs.get(delivery_id, []))

    @staticmethod
    def _row(connection: Connection, tenant: str, subscription_id: str) -> Mapping[str, Any]:
        query = select(*_VIEW).where(
            webhook_subscriptions.c.id == subscription_id, webhook_subscriptions.c.tenant == tenant
        )
        row = connection.execute(query).mappings().first()
        if row is None:
            raise _not_found(subscription_id)
        return dict(row)


def set_aside_pending(connection: Connection, subscription_id: str) -> None:
    """Take a disabled subscription's pending deliveries out of the queue (enabling it puts them back)."""
    connection.execute(
        update(webhook_deliveries)
        .where(webhook_deliveries.c.subscription_id == subscription_id, webhook_deliveries.c.status == "pending")
        .values(status="failed", next_attempt_at=None, last_error=SUBSCRIPTION_DISABLED)
    )


def _requeue_set_aside(connection: Connection, subscription_id: str, now: datetime) -> None:
    connection.execute(
        update(webhook_deliveries)
        .where(
            webhook_deliveries.c.subscription_id == subscription_id,
            webhook_deliveries.c.status == "failed",
            webhook_deliveries.c.last_error == SUBSCRIPTION_DISABLED,
        )
        .values(status="pending", next_attempt_at=now)
    )


def delivery_view(row: Mapping[str, Any], attempts: list[dict[str, Any]]) -> dict[str, Any]:
    """The API's representation of a delivery, with its attempt log (oldest first)."""

    def moment(value: datetime | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "id": row["id"],
        "event_id": row["event_id"],
        "event_type": row.get("event_type") or "",
        "status": row["status"],
        "attempts": row["attempts"],
        "next_attempt_at": moment(row["next_attempt_at"]) if row["status"] == "pending" else None,
        "last_status_code": row["last_status_code"],
        "last_error": row["last_error"],
        "delivered_at": moment(row["delivered_at"]),
        "created_at": row["created_at"].isoformat(),
        "attempt_log": attempts,
    }


def _attempt_logs(connection: Connection, delivery_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    if not delivery_ids:
        return {}
    query = (
        select(webhook_attempts)
        .where(webhook_attempts.c.delivery_id.in_(delivery_ids))
        .order_by(webhook_attempts.c.attempted_at, webhook_attempts.c.id)
    )
    logs: dict[str, list[dict[str, Any]]] = {}
    for row in connection.execute(query).mappings():
        logs.setdefault(row["delivery_id"], []).append(
            {
                "attempted_at": row["attempted_at"].isoformat(),
                "status_code": row["status_code"],
                "error": row["error"],
                "duration_ms": row["duration_ms"],
            }
        )
    return logs


def _write_cursor(created_at: datetime, delivery_id: str) -> str:
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{delivery_id}".encode()).decode()


def _read_cursor(cursor: str) -> tuple[datetime, str]:
    try:
        created_at, _, delivery_id = base64.urlsafe_b64decode(cursor.encode()).decode().partition("|")
        return datetime.fromisoformat(created_at), delivery_id
    except ValueError:
        raise RequestInvalid("The cursor is not one this API gave.") from None


def _not_found(subscription_id: str) -> NotFound:
    return NotFound(f"No webhook subscription {subscription_id} for this tenant.")
