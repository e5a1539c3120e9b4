"""Snapshots become keyframes plus changes: a full snapshot every KEYFRAME_EVERY turns (and turn 0), and
in between only the entities whose payload changed (a ``{"__deleted__": true}`` payload removes one).

Files written before keep a full snapshot every turn, which reads the same way, so the upgrade changes no
data; the new revision makes older versions of the application refuse files written in the new form.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """No table changes: full per-turn snapshots are valid keyframes."""


def downgrade() -> None:
    """Not supported: an older application cannot read delta snapshots."""
    raise NotImplementedError("delta snapshots cannot be downgraded; restore the .bak copy instead")
