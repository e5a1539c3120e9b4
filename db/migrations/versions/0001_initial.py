"""Initial saved-game schema: meta, commands, turns, events, snapshots.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create every table of the first schema."""
    op.create_table(
        "game_meta",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("scenario_id", sa.String(), nullable=False),
        sa.Column("scenario_name", sa.String(), nullable=False),
        sa.Column("scenario_hash", sa.String(), nullable=False),
        sa.Column("scenario_text", sa.Text(), nullable=False),
        sa.Column("scenario_files", sa.JSON(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=False),
        sa.Column("app_version", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("parent_path", sa.String(), nullable=True),
        sa.Column("parent_turn", sa.Integer(), nullable=True),
        sa.Column("variant", sa.JSON(), nullable=False),
        sa.Column("created_turn", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_game_meta_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_game_meta")),
    )
    op.create_table(
        "commands",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("turn", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("seat", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("cancelled", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_commands")),
    )
    op.create_index("ix_commands_turn_seq", "commands", ["turn", "seq"], unique=True)
    op.create_table(
        "turns",
        sa.Column("turn", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("state_hash", sa.String(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("turn", name=op.f("pk_turns")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("turn", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["turn"], ["turns.turn"], name=op.f("fk_events_turn_turns"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_index("ix_events_turn_kind", "events", ["turn", "kind"], unique=False)
    op.create_table(
        "snapshots",
        sa.Column("turn", sa.Integer(), nullable=False),
        sa.Column("entity_kind", sa.String(), nullable=False),
        sa.Column("entity_key", sa.String(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["turn"], ["turns.turn"], name=op.f("fk_snapshots_turn_turns"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("turn", "entity_kind", "entity_key", name=op.f("pk_snapshots")),
    )


def downgrade() -> None:
    """Drop every table."""
    op.drop_table("snapshots")
    op.drop_index("ix_events_turn_kind", table_name="events")
    op.drop_table("events")
    op.drop_table("turns")
    op.drop_index("ix_commands_turn_seq", table_name="commands")
    op.drop_table("commands")
    op.drop_table("game_meta")
