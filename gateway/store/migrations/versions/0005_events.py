"""The event stream: events (the outbox), inbound hook endpoints, webhook subscriptions and deliveries.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _moment() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _only_where(condition: str) -> dict[str, Any]:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    """Create the five tables of gateway/store/schema.py's event section."""
    op.create_table(
        "events",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("position", sa.BigInteger(), unique=True),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("occurred_at", _moment(), nullable=False),
        sa.Column("received_at", _moment(), nullable=False),
        sa.Column("tenant", sa.String(200)),
        sa.Column("campaign_id", sa.String(36)),
        sa.Column("vendor", sa.String(64)),
        sa.Column("vendor_campaign_id", sa.String(200)),
        sa.Column("account", sa.String(200)),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("dedupe_key", sa.String(300), unique=True),
        sa.Column("held", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_index("ix_events_feed", "events", ["tenant", "position"])
    op.create_index("ix_events_campaign", "events", ["campaign_id", "position"])
    op.create_index("ix_events_unpublished", "events", ["received_at"], **_only_where("position IS NULL"))
    op.create_index("ix_events_received", "events", ["received_at"])
    op.create_index("ix_events_held", "events", ["received_at"], **_only_where("held"))
    op.create_table(
        "hook_endpoints",
        sa.Column("token", sa.String(100), primary_key=True),
        sa.Column("vendor", sa.String(64), nullable=False),
        sa.Column("tenant", sa.String(200), nullable=False),
        sa.Column("created_at", _moment(), nullable=False),
        sa.UniqueConstraint("vendor", "tenant", name="uq_hook_endpoints_account"),
    )
    op.create_table(
        "webhook_subscriptions",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("tenant", sa.String(200), nullable=False),
        sa.Column("url", sa.String(2048), nullable=False),
        sa.Column("event_types", sa.JSON(), nullable=False),
        sa.Column("description", sa.String(500)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("disabled_reason", sa.String(500)),
        sa.Column("secrets", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", _moment(), nullable=False),
        sa.Column("updated_at", _moment(), nullable=False),
    )
    op.create_index("ix_webhook_subscriptions_tenant", "webhook_subscriptions", ["tenant", "created_at"])
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column(
            "subscription_id",
            sa.String(40),
            sa.ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("event_id", sa.String(40), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
        sa.Column("tenant", sa.String(200), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("next_attempt_at", _moment()),
        sa.Column("last_attempt_at", _moment()),
        sa.Column("last_status_code", sa.Integer()),
        sa.Column("last_error", sa.String(500)),
        sa.Column("delivered_at", _moment()),
        sa.Column("created_at", _moment(), nullable=False),
        sa.UniqueConstraint("subscription_id", "event_id", name="uq_webhook_deliveries_once"),
    )
    op.create_index(
        "ix_webhook_deliveries_due",
        "webhook_deliveries",
        ["next_attempt_at"],
        **_only_where("next_attempt_at IS NOT NULL"),
    )
    op.create_index("ix_webhook_deliveries_subscription", "webhook_deliveries", ["subscription_id", "created_at"])
    op.create_table(
        "webhook_attempts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column(
            "delivery_id",
            sa.String(40),
            sa.ForeignKey("webhook_deliveries.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("attempted_at", _moment(), nullable=False),
        sa.Column("status_code", sa.Integer()),
        sa.Column("error", sa.String(500)),
        sa.Column("response_excerpt", sa.String(1000)),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
    )
    op.create_index("ix_webhook_attempts_delivery", "webhook_attempts", ["delivery_id", "attempted_at"])


def downgrade() -> None:
    """Drop what upgrade created."""
    for table in ("webhook_attempts", "webhook_deliveries", "webhook_subscriptions", "hook_endpoints", "events"):
        op.drop_table(table)
