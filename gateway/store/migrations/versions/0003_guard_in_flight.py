"""The keyless retry guard covers every campaign the vendor may have acted on, not only unknown ones.

An identical keyless request sent while the first was still with the vendor, or after it was
accepted (a retry whose first answer was lost), was sent again. The guard's index now holds
every row, on columns an outcome never changes (a partial index on the dispatch would be
rewritten by every outcome's write).

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
    """Replace the unknown-only guard index by one over every row."""
    op.drop_index("ix_campaigns_unknown", table_name="campaigns")
    op.create_index("ix_campaigns_guard", "campaigns", ["tenant", "fingerprint", "created_at"])


def downgrade() -> None:
    """Back to the unknown-only index."""
    op.drop_index("ix_campaigns_guard", table_name="campaigns")
    op.create_index(
        "ix_campaigns_unknown",
        "campaigns",
        ["tenant", "fingerprint", "updated_at"],
        **_only_where("dispatch = 'unknown'"),
    )
