"""API keys (stored as SHA-256 hashes) and per-tenant vendor credentials (encrypted at rest).

Keys are 256-bit random tokens, so a plain SHA-256 is enough to make a stolen table useless
(no dictionary to try); lookups are by hash, so the key itself is never compared byte by byte.
Vendor credentials are sealed with Fernet (AES-128-CBC + HMAC-SHA256) under GATEWAY_SECRET_KEY.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from gateway.store.engine import write_lock, write_transaction
from gateway.store.registry import database_errors
from gateway.store.schema import api_keys, vendor_credentials

__all__ = ["ApiKeys", "SealedCredential", "TenantCredential", "VendorCredentials", "hash_key"]

KEY_PREFIX = "cgk_"


def hash_key(key: str) -> str:
    """The stored form of an API key."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKeys:
    """Create, look up, list and revoke tenants' API keys."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # An operator's command takes turns with the gateway's writers, which never wait for
        # SQLite's own lock on the event loop (gateway/store/group_commit.py).
        self._write_lock = write_lock(engine)

    def create(self, tenant: str) -> str:
        """A new key for `tenant`; the only time it is ever shown."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        with write_transaction(self.engine, self._write_lock) as connection:
            connection.execute(
                insert(api_keys).values(
                    id=str(uuid.uuid4()),
                    tenant=tenant,
                    key_hash=hash_key(key),
                    prefix=key[: len(KEY_PREFIX) + 6],
                    created_at=datetime.now(UTC),
                )
            )
        return key

    def tenant_for(self, key: str) -> str | None:
        """The tenant of an active key; 503 (DatabaseUnavailable) if the database cannot be reached."""
        with database_errors(), self.engine.connect() as connection:
            row = connection.execute(
                select(api_keys.c.tenant).where(api_keys.c.key_hash == hash_key(key), api_keys.c.revoked_at.is_(None))
            ).first()
        return str(row.tenant) if row else None

    def listing(self, tenant: str | None = None) -> list[dict[str, Any]]:
        """Keys as id, tenant, prefix, created_at, revoked_at (never the key)."""
        query = select(
            api_keys.c.id, api_keys.c.tenant, api_keys.c.prefix, api_keys.c.created_at, api_keys.c.revoked_at
        )
        if tenant:
            query = query.where(api_keys.c.tenant == tenant)
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(query.order_by(api_keys.c.created_at)).mappings()]

    def tenants(self, configured: Iterable[str] = ()) -> list[str]:
        """Every tenant with a key: `configured` (GATEWAY_API_KEYS's), or stored and not revoked."""
        query = select(api_keys.c.tenant).where(api_keys.c.revoked_at.is_(None)).distinct()
        with self.engine.connect() as connection:
            stored = {str(row.tenant) for row in connection.execute(query)}
        return sorted(stored | set(configured))

    def revoke(self, key_id: str) -> bool:
        """Revoke by id; False if there is no such active key."""
        with write_transaction(self.engine, self._write_lock) as connection:
            result = connection.execute(
                update(api_keys)
                .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=datetime.now(UTC))
            )
        return bool(result.rowcount)


@dataclass(frozen=True)
class TenantCredential:
    """A tenant's own account at a vendor."""

    api_key: str
    base_url: str | None
    # The vendor's signing secret for webhooks on this account (gateway/events/inbound.py).
    webhook_secret: str | None = None


@dataclass(frozen=True)
class SealedCredential:
    """A tenant's own account at a vendor that this gateway cannot open, and why."""

    reason: str


class VendorCredentials:
    """Per-tenant vendor credentials, sealed with GATEWAY_SECRET_KEY."""

    def __init__(self, engine: Engine, secret_key: str | None) -> None:
        self.engine = engine
        self._fernet = Fernet(secret_key.encode()) if secret_key else None
        self._write_lock = write_lock(engine)  # as ApiKeys's

    def set(
        self, tenant: str, vendor: str, api_key: str, base_url: str | None = None, webhook_secret: str | None = None
    ) -> None:
        """Store (or replace) a tenant's credential at a vendor; without `webhook_secret`, the stored one is kept."""
        if self._fernet is None:
            raise ValueError("GATEWAY_SECRET_KEY is required to store vendor credentials")
        if webhook_secret is None:
            earlier = self.all().get((tenant, vendor))
            webhook_secret = earlier.webhook_secret if isinstance(earlier, TenantCredential) else None
        opened = {"api_key": api_key, "base_url": base_url}
        if webhook_secret:
            opened["webhook_secret"] = webhook_secret
        sealed = self._fernet.encrypt(json.dumps(opened).encode())
        values = {"tenant": tenant, "vendor": vendor, "secret": sealed, "updated_at": datetime.now(UTC)}
        with write_transaction(self.engine, self._write_lock) as connection:
            dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
            statement = dialect.insert(vendor_credentials).values(**values)
            connection.execute(
                statement.on_conflict_do_update(
                    index_elements=["tenant", "vendor"], set_={"secret": sealed, "updated_at": values["updated_at"]}
                )
            )

    def all(self) -> dict[tuple[str, str], TenantCredential | SealedCredential]:
        """Every stored credential, opened (kept in memory only), or why it cannot be."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(vendor_credentials)).all()
        opened: dict[tuple[str, str], TenantCredential | SealedCredential] = {}
        for row in rows:
            if self._fernet is None:
                opened[(row.tenant, row.vendor)] = SealedCredential("GATEWAY_SECRET_KEY is not set")
                continue
            try:
                data = json.loads(self._fernet.decrypt(bytes(row.secret)))
            except InvalidToken:
                opened[(row.tenant, row.vendor)] = SealedCredential("it does not open with GATEWAY_SECRET_KEY")
                continue
            opened[(row.tenant, row.vendor)] = TenantCredential(
                data["api_key"], data.get("base_url"), data.get("webhook_secret")
            )
        return opened
