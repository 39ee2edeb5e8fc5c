"""The campaign registry, idempotency keys, API keys and vendor credentials.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the four tables."""
    op.create_table(
        "campaigns",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("tenant", sa.String(200), nullable=False),
        sa.Column("vendor", sa.String(64), nullable=False),
        sa.Column("route", sa.String(300), nullable=False),
        sa.Column("name", sa.String(200)),
        sa.Column("request", sa.JSON, nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("dispatch", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16)),
        sa.Column("vendor_status", sa.String(200)),
        sa.Column("vendor_campaign_id", sa.String(200)),
        sa.Column("recipients_count", sa.Integer),
        sa.Column("scheduled_at", _TS),
        sa.Column("problem", sa.JSON),
        sa.Column("response_status", sa.Integer),
        sa.Column("response_body", sa.LargeBinary),
        sa.Column("response_type", sa.String(200)),
        sa.Column("vendor_response", sa.JSON),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
    )
    op.create_index("ix_campaigns_listing", "campaigns", ["tenant", "created_at", "id"])
    op.create_index("ix_campaigns_retry_guard", "campaigns", ["tenant", "fingerprint", "dispatch"])
    op.create_index("ix_campaigns_dispatch", "campaigns", ["dispatch"])
    op.create_table(
        "idempotency_keys",
        sa.Column("tenant", sa.String(200), primary_key=True),
        sa.Column("key", sa.String(255), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("campaign_id", sa.String(36), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("expires_at", _TS, nullable=False),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("tenant", sa.String(200), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("revoked_at", _TS),
    )
    op.create_table(
        "vendor_credentials",
        sa.Column("tenant", sa.String(200), nullable=False),
        sa.Column("vendor", sa.String(64), nullable=False),
        sa.Column("secret", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.UniqueConstraint("tenant", "vendor", name="uq_vendor_credentials"),
    )


def downgrade() -> None:
    """Drop the four tables."""
    for table in ("vendor_credentials", "api_keys", "idempotency_keys", "campaigns"):
        op.drop_table(table)
