"""Compressed snapshots: the state of each turn goes to ``frames``, one zlib-compressed row per turn and entity kind
(a keyframe every KEYFRAME_EVERY turns, the changes since the turn before in between; see
``wargame/store/frames.py``), sealed in the integrity chain like every other row.

Nothing is rewritten: the per-entity rows of ``snapshots`` written before stay as they are, with their seals, and
are read as before; turns committed after the upgrade (a continued game) go to ``frames``. The new revision makes
older versions of the application refuse files that hold frames, which they could not read.

Revision ID: 0007_compressed_snapshots
Revises: 0006_integrity
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_compressed_snapshots"
down_revision: str | Sequence[str] | None = "0006_integrity"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ``frames`` and its chain index."""
    op.create_table(
        "frames",
        sa.Column("turn", sa.Integer(), nullable=False),
        sa.Column("entity_kind", sa.String(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("chain_seq", sa.Integer(), nullable=True),
        sa.Column("chain", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(["turn"], ["turns.turn"], name=op.f("fk_frames_turn_turns"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("turn", "entity_kind", name=op.f("pk_frames")),
    )
    op.create_index("ix_frames_chain_seq", "frames", ["chain_seq"], unique=True)


def downgrade() -> None:
    """Not supported: an older application cannot read frames; restore the .bak copy instead."""
    raise NotImplementedError("compressed snapshots cannot be downgraded; restore the .bak copy instead")
