"""Index snapshots by entity, so a chart's series (one entity over all turns) is one index range.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ix_snapshots_entity (entity_kind, entity_key, turn)."""
    with op.batch_alter_table("snapshots") as batch_op:
        batch_op.create_index("ix_snapshots_entity", ["entity_kind", "entity_key", "turn"], unique=False)


def downgrade() -> None:
    """Drop ix_snapshots_entity."""
    with op.batch_alter_table("snapshots") as batch_op:
        batch_op.drop_index("ix_snapshots_entity")
