"""The tables (SQLAlchemy Core); migrations/ creates them, this module only describes them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    text,
)

__all__ = ["api_keys", "campaign_requests", "campaigns", "idempotency_keys", "metadata", "vendor_credentials"]

metadata = MetaData()


def _only_where(condition: str) -> dict[str, Any]:
    """The keyword arguments of a partial index, on both databases."""
    return {f"{dialect}_where": text(condition) for dialect in ("sqlite", "postgresql")}


campaigns = Table(
    "campaigns",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("tenant", String(200), nullable=False),
    Column("vendor", String(64), nullable=False),
    Column("route", String(300), nullable=False),  # "campaigns" or the native path
    Column("name", String(200)),
    Column("fingerprint", String(64), nullable=False),
    Column("dispatch", String(16), nullable=False),  # in_flight, accepted, rejected, unknown
    Column("status", String(16)),
    Column("vendor_status", String(200)),
    Column("vendor_campaign_id", String(200)),
    Column("recipients_count", Integer),
    Column("scheduled_at", DateTime(timezone=True)),
    Column("problem", JSON),
    Column("response_status", Integer),  # what the client was answered, replayed for its key
    Column("response_body", LargeBinary),
    Column("response_type", String(200)),
    Column("vendor_response", JSON),  # the vendor's status and body (credentials redacted)
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_campaigns_listing", "tenant", "created_at", "id"),
    # Partial: each holds only the few rows its query looks for, so a request's two writes (a
    # row in flight, then settled) touch one small index instead of two over the whole table.
    Index("ix_campaigns_unknown", "tenant", "fingerprint", "updated_at", **_only_where("dispatch = 'unknown'")),
    Index("ix_campaigns_in_flight", "updated_at", **_only_where("dispatch = 'in_flight'")),
)

# The normalised request (multipart files as digests), written once: kept out of the campaign
# row, which the outcome rewrites (SQLite rewrites a whole row, overflow pages included).
campaign_requests = Table(
    "campaign_requests",
    metadata,
    Column("campaign_id", String(36), ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True),
    Column("request", JSON, nullable=False),
)

idempotency_keys = Table(
    "idempotency_keys",
    metadata,
    Column("tenant", String(200), primary_key=True),
    Column("key", String(255), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("campaign_id", String(36), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("tenant", String(200), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
)

vendor_credentials = Table(
    "vendor_credentials",
    metadata,
    Column("tenant", String(200), nullable=False),
    Column("vendor", String(64), nullable=False),
    Column("secret", LargeBinary, nullable=False),  # Fernet token of {"api_key", "base_url"}
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("tenant", "vendor", name="uq_vendor_credentials"),
)
