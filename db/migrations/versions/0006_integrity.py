"""Integrity seals, and the MSEL in a table of its own.

* ``commands``, ``events``, ``snapshots`` and ``turns`` gain ``chain_seq`` and ``chain`` (one hash chain through
  every row, in the order written) with a unique index on ``chain_seq``; ``bookmarks`` and the three hotwash
  tables gain ``row_hash``.
* ``integrity`` holds the chain's head, the digest of the game description, the sums of the row hashes of the
  tables changed in place, and where the chain began (see ``wargame/store/integrity.py``).
* ``msel`` holds the MSEL, one row per serial (it was a list inside ``game_meta.variant``): a row firing and its
  inject command now commit in one transaction, and no writer can put back an old copy of the whole list.

The rows of an existing file are sealed as they are found (``integrity.origin`` records the upgrade and the turns
it held): the chain proves they have not changed since the upgrade, not that they were intact before it;
``verify`` still re-adjudicates every turn from the scenario and the commands. A payload that is not JSON cannot be
sealed, and the upgrade is refused (the file is restored from its backup by the caller).

Revision ID: 0006_integrity
Revises: 0005_hotwash
Create Date: 2026-11-30
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006_integrity"
down_revision: str | Sequence[str] | None = "0005_hotwash"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHAINED = ("commands", "events", "snapshots", "turns")
MSEL_FIELDS = ("serial", "turn", "attack", "message", "expected", "status", "time_text", "fired_turn", "command_id")


def upgrade() -> None:
    """Add the seal columns and tables, move the MSEL out of the variant, then seal every row."""
    for table in CHAINED:
        op.add_column(table, sa.Column("chain_seq", sa.Integer(), nullable=True))
        op.add_column(table, sa.Column("chain", sa.String(), nullable=True))
        op.create_index(f"ix_{table}_chain_seq", table, ["chain_seq"], unique=True)
    for table in ("bookmarks", "hotwash_observations", "hotwash_actions", "hotwash_feedback"):
        op.add_column(table, sa.Column("row_hash", sa.String(), nullable=True))
    op.create_table(
        "integrity",
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_integrity")),
    )
    msel = op.create_table(
        "msel",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("serial", sa.String(), nullable=False),
        sa.Column("turn", sa.Integer(), nullable=True),
        sa.Column("attack", sa.JSON(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("expected", sa.Text(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("time_text", sa.String(), nullable=False),
        sa.Column("fired_turn", sa.Integer(), nullable=True),
        sa.Column("command_id", sa.Integer(), nullable=True),
        sa.Column("row_hash", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_msel")),
    )
    op.create_index("ix_msel_serial", "msel", ["serial"], unique=True)
    op.create_index("ix_msel_status_turn", "msel", ["status", "turn"], unique=False)

    conn = op.get_bind()
    _move_msel(conn, msel)
    from wargame.store.integrity import seal_existing

    last = conn.execute(sa.text("SELECT max(turn) FROM turns")).scalar()
    commands = conn.execute(sa.text("SELECT count(*) FROM commands")).scalar()
    from alembic import context

    found = context.config.attributes.get("from_revision") or "an older schema"
    origin = {"how": "upgraded", "from": found, "last_turn": -1 if last is None else int(last), "commands": commands}
    seal_existing(conn, origin)


def _move_msel(conn: sa.Connection, msel: sa.Table) -> None:
    """The variant's ``msel`` list becomes rows of the ``msel`` table (in their order); the key leaves the variant."""
    row = conn.execute(sa.text("SELECT variant FROM game_meta WHERE id = 1")).first()
    if row is None:
        return
    try:
        variant = json.loads(row[0]) if isinstance(row[0], str) else dict(row[0] or {})
    except ValueError:
        raise ValueError("the game's settings (variant) are not JSON; the file cannot be upgraded") from None
    items = variant.pop("msel", None) or []
    if not isinstance(items, list):
        raise ValueError("the game's MSEL is not a list; the file cannot be upgraded")
    rows = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("attack"), dict):
            raise ValueError("an MSEL row of the game is damaged; the file cannot be upgraded")
        values = {name: item.get(name) for name in MSEL_FIELDS}
        for name in ("message", "expected", "time_text"):
            values[name] = str(values[name] or "")
        values["serial"] = str(values["serial"])
        values["status"] = str(values["status"] or "scheduled")
        rows.append(values)
    if rows:
        conn.execute(sa.insert(msel), rows)
    conn.execute(
        sa.text("UPDATE game_meta SET variant = :v WHERE id = 1"),
        {"v": json.dumps(variant, ensure_ascii=False, separators=(",", ":"))},
    )


def downgrade() -> None:
    """Not supported: restore the ``.bak`` copy made before the upgrade instead."""
    raise NotImplementedError("integrity seals cannot be downgraded; restore the .bak copy instead")
