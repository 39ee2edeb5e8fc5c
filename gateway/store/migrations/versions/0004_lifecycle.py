"""The life after the launch: progress and status sync on campaigns, and the actions' ledger.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _moment() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _only_where(condition: str) -> dict[str, Any]:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    """Add the sync and progress columns, the vendor-id index and the campaign_actions table."""
    # Added and dropped in place, not in Alembic's batch mode: on SQLite that rebuilds the
    # table, and dropping the old one would cascade to campaign_requests (see 0002).
    op.add_column("campaigns", sa.Column("progress", sa.JSON()))
    op.add_column("campaigns", sa.Column("synced_at", _moment()))
    op.add_column("campaigns", sa.Column("status_changed_at", _moment()))
    op.add_column("campaigns", sa.Column("sync_due_at", _moment()))
    op.add_column("campaigns", sa.Column("sync_streak", sa.Integer()))
    op.create_index("ix_campaigns_sync_due", "campaigns", ["sync_due_at"], **_only_where("sync_due_at IS NOT NULL"))
    op.create_index("ix_campaigns_vendor_id", "campaigns", ["vendor", "vendor_campaign_id"])
    op.add_column("idempotency_keys", sa.Column("action_id", sa.String(36)))
    op.create_table(
        "campaign_actions",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("campaign_id", sa.String(36), sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
        sa.Column("tenant", sa.String(200), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("route", sa.String(300), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("dispatch", sa.String(16), nullable=False),
        sa.Column("problem", sa.JSON()),
        sa.Column("response_status", sa.Integer()),
        sa.Column("response_body", sa.LargeBinary()),
        sa.Column("response_type", sa.String(200)),
        sa.Column("vendor_response", sa.JSON()),
        sa.Column("requested_at", _moment(), nullable=False),
        sa.Column("completed_at", _moment()),
    )
    op.create_index("ix_campaign_actions_campaign", "campaign_actions", ["campaign_id", "requested_at"])
    op.create_index(
        "ix_campaign_actions_in_flight", "campaign_actions", ["requested_at"], **_only_where("dispatch = 'in_flight'")
    )


def downgrade() -> None:
    """Drop what upgrade added."""
    op.drop_table("campaign_actions")
    op.execute("ALTER TABLE idempotency_keys DROP COLUMN action_id")
    op.drop_index("ix_campaigns_vendor_id", table_name="campaigns")
    op.drop_index("ix_campaigns_sync_due", table_name="campaigns")
    for column in ("sync_streak", "sync_due_at", "status_changed_at", "synced_at", "progress"):
        op.execute(f"ALTER TABLE campaigns DROP COLUMN {column}")
