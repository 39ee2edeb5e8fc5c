"""The status sync's columns in a narrow table of their own, `campaign_sync`.

Every refresh wrote its campaign twice (the lease, then what it read), and `sync_due_at` is
indexed: on PostgreSQL each write rewrote the wide campaigns row and added an entry to each of
its six indexes, for a refresh that usually found nothing new. In `campaign_sync` (two
indexes) those writes are small; the campaign's row changes only when its status or progress
does.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _moment() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _only_where(condition: str) -> dict[str, Any]:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    """Create `campaign_sync`, copy each synced or queued campaign's columns into it, drop them from `campaigns`."""
    op.create_table(
        "campaign_sync",
        sa.Column("campaign_id", sa.String(36), sa.ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("synced_at", _moment()),
        sa.Column("sync_due_at", _moment()),
        sa.Column("sync_streak", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )
    op.execute(
        "INSERT INTO campaign_sync (campaign_id, synced_at, sync_due_at, sync_streak) "
        "SELECT id, synced_at, sync_due_at, COALESCE(sync_streak, 0) FROM campaigns "
        "WHERE synced_at IS NOT NULL OR sync_due_at IS NOT NULL"
    )
    op.create_index("ix_campaign_sync_due", "campaign_sync", ["sync_due_at"], **_only_where("sync_due_at IS NOT NULL"))
    op.drop_index("ix_campaigns_sync_due", table_name="campaigns")
    # In place, not in Alembic's batch mode (see 0002): SQLite drops a column in place since 3.35.
    for column in ("sync_streak", "sync_due_at", "synced_at"):
        op.execute(f"ALTER TABLE campaigns DROP COLUMN {column}")


def downgrade() -> None:
    """Put the columns back in `campaigns`, with their values, and drop `campaign_sync`."""
    op.add_column("campaigns", sa.Column("synced_at", _moment()))
    op.add_column("campaigns", sa.Column("sync_due_at", _moment()))
    op.add_column("campaigns", sa.Column("sync_streak", sa.Integer()))
    for column in ("synced_at", "sync_due_at", "sync_streak"):
        op.execute(
            f"UPDATE campaigns SET {column} = "
            f"(SELECT {column} FROM campaign_sync WHERE campaign_sync.campaign_id = campaigns.id)"
        )
    op.create_index("ix_campaigns_sync_due", "campaigns", ["sync_due_at"], **_only_where("sync_due_at IS NOT NULL"))
    op.drop_table("campaign_sync")
