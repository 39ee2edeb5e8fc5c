"""The keyless retry guard covers campaigns still in flight, not only those of unknown outcome.

An identical keyless request sent while the first is still with the vendor was sent again; the
guard's partial index now holds in-flight rows too.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _only_where(condition: str) -> dict[str, Any]:
    return {"sqlite_where": sa.text(condition), "postgresql_where": sa.text(condition)}


def upgrade() -> None:
    """Replace the unknown-only guard index by one over in-flight and unknown rows."""
    op.drop_index("ix_campaigns_unknown", table_name="campaigns")
    op.create_index(
        "ix_campaigns_guarded",
        "campaigns",
        ["tenant", "fingerprint", "updated_at"],
        **_only_where("dispatch IN ('in_flight', 'unknown')"),
    )


def downgrade() -> None:
    """Back to the unknown-only index."""
    op.drop_index("ix_campaigns_guarded", table_name="campaigns")
    op.create_index(
        "ix_campaigns_unknown",
        "campaigns",
        ["tenant", "fingerprint", "updated_at"],
        **_only_where("dispatch = 'unknown'"),
    )
