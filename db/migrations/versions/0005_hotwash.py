"""The hotwash: observations per team or state, the improvement plan, participant feedback forms.

Three new tables; no existing data changes, so an older file gains empty tables.

Revision ID: 0005_hotwash
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_hotwash"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the three hotwash tables."""
    op.create_table(
        "hotwash_observations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("team", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("capability", sa.String(), nullable=False),
        sa.Column("turn", sa.Integer(), nullable=True),
        sa.Column("event_seq", sa.Integer(), nullable=True),
        sa.Column("created_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotwash_observations")),
    )
    op.create_table(
        "hotwash_actions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("issue", sa.Text(), nullable=False),
        sa.Column("action", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(), nullable=False),
        sa.Column("due", sa.String(), nullable=False),
        sa.Column("capability", sa.String(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=True),
        sa.Column("created_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotwash_actions")),
    )
    op.create_table(
        "hotwash_feedback",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("participant", sa.String(), nullable=False),
        sa.Column("team", sa.String(), nullable=False),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("strengths", sa.JSON(), nullable=False),
        sa.Column("improvements", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("created_seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hotwash_feedback")),
    )


def downgrade() -> None:
    """Drop the hotwash tables."""
    op.drop_table("hotwash_feedback")
    op.drop_table("hotwash_actions")
    op.drop_table("hotwash_observations")
