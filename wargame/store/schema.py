"""The saved-game tables, in SQLAlchemy 2 typed ORM style.

This module describes the latest schema (``create_all`` on a new file, then stamp head).
The migrations in ``db/migrations/versions`` must arrive at exactly the same schema;
``tests/store/test_migrations.py`` compares them, and an opened file must match it too
(:mod:`wargame.store.schemacheck`). Columns added by a migration come last in their class, where
``ALTER TABLE ADD COLUMN`` puts them.

Snapshots (schema 0007_compressed_snapshots): new turns go to ``frames`` (one compressed row per turn and entity
kind, :mod:`wargame.store.frames`); ``snapshots`` keeps the per-entity rows of turns written before.

Integrity (schema 0006): ``chain_seq``/``chain`` seal the rows of ``commands``, ``events``, ``snapshots``, ``frames``
(0007) and ``turns`` in one hash chain; ``row_hash`` seals a row of a table changed in place (``msel``, ``bookmarks``);
the ``integrity`` table holds the chain's head and the digests (see :mod:`wargame.store.integrity`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with deterministic constraint names (batch migrations need them)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON, dict[str, str]: JSON}


class GameMetaRow(Base):
    """The single row describing the game (``id`` is always 1)."""

    __tablename__ = "game_meta"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    scenario_id: Mapped[str] = mapped_column(String)
    scenario_name: Mapped[str] = mapped_column(String)
    scenario_hash: Mapped[str] = mapped_column(String)
    scenario_text: Mapped[str] = mapped_column(Text)
    scenario_files: Mapped[dict[str, str]] = mapped_column(JSON)
    seed: Mapped[int] = mapped_column(Integer)
    app_version: Mapped[str] = mapped_column(String)
    title: Mapped[str] = mapped_column(String)
    parent_path: Mapped[str | None] = mapped_column(String)
    parent_turn: Mapped[int | None] = mapped_column(Integer)
    variant: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_turn: Mapped[int] = mapped_column(Integer)


class CommandRow(Base):
    """A command (inject, decision, override, note) for the turn whose resolution it joins."""

    __tablename__ = "commands"
    __table_args__ = (
        Index("ix_commands_turn_seq", "turn", "seq", unique=True),
        Index("ix_commands_chain_seq", "chain_seq", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    seat: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    chain_seq: Mapped[int | None] = mapped_column(Integer)
    """The row's place in the integrity chain (1, 2, 3 … across the four chained tables)."""
    chain: Mapped[str | None] = mapped_column(String)
    """sha256 of the previous row's chain and this row's content (not ``cancelled``: the turn row seals that)."""


class TurnRow(Base):
    """A committed turn: its state hash and a summary for lists and reports."""

    __tablename__ = "turns"
    __table_args__ = (Index("ix_turns_chain_seq", "chain_seq", unique=True),)

    turn: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    state_hash: Mapped[str] = mapped_column(String)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)
    chain_seq: Mapped[int | None] = mapped_column(Integer)
    chain: Mapped[str | None] = mapped_column(String)

    events: Mapped[list[EventRow]] = relationship(back_populates="turn_row", passive_deletes=True)
    snapshots: Mapped[list[SnapshotRow]] = relationship(back_populates="turn_row", passive_deletes=True)


class EventRow(Base):
    """A resolved outcome of a turn, with its reasons and random draws in ``payload``."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_turn_kind", "turn", "kind"),
        Index("ix_events_chain_seq", "chain_seq", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn: Mapped[int] = mapped_column(ForeignKey("turns.turn", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String)
    subject: Mapped[str] = mapped_column(String)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    chain_seq: Mapped[int | None] = mapped_column(Integer)
    chain: Mapped[str | None] = mapped_column(String)

    turn_row: Mapped[TurnRow] = relationship(back_populates="events")


class SnapshotRow(Base):
    """The state of one entity (nation, force, attack …) at the end of a turn."""

    __tablename__ = "snapshots"
    __table_args__ = (
        Index("ix_snapshots_entity", "entity_kind", "entity_key", "turn"),
        Index("ix_snapshots_chain_seq", "chain_seq", unique=True),
    )

    turn: Mapped[int] = mapped_column(ForeignKey("turns.turn", ondelete="CASCADE"), primary_key=True)
    entity_kind: Mapped[str] = mapped_column(String, primary_key=True)
    entity_key: Mapped[str] = mapped_column(String, primary_key=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    chain_seq: Mapped[int | None] = mapped_column(Integer)
    chain: Mapped[str | None] = mapped_column(String)

    turn_row: Mapped[TurnRow] = relationship(back_populates="snapshots")


class FrameRow(Base):
    """The state of every entity of one kind at the end of a turn, compressed (schema 0007_compressed_snapshots): a
    keyframe, or the changes since the turn before (see :mod:`wargame.store.frames`). Turns written before keep
    their per-entity rows in ``snapshots``."""

    __tablename__ = "frames"
    __table_args__ = (Index("ix_frames_chain_seq", "chain_seq", unique=True),)

    turn: Mapped[int] = mapped_column(ForeignKey("turns.turn", ondelete="CASCADE"), primary_key=True)
    entity_kind: Mapped[str] = mapped_column(String, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    """zlib-compressed canonical JSON of the frame."""
    chain_seq: Mapped[int | None] = mapped_column(Integer)
    chain: Mapped[str | None] = mapped_column(String)


class BookmarkRow(Base):
    """A bookmark set by hand in review mode; ``created_seq`` orders bookmarks as they were made."""

    __tablename__ = "bookmarks"
    __table_args__ = (Index("ix_bookmarks_turn", "turn"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text)
    created_seq: Mapped[int] = mapped_column(Integer)
    row_hash: Mapped[str | None] = mapped_column(String)
    """sha256 of the row's other columns (schema 0006); their sum is in the ``integrity`` table."""


class IntegrityRow(Base):
    """The file's seals: the chain's head, the game description's digest, the sums of the row hashes of the
    tables changed in place, where the chain began (``origin``). One row per ``name``."""

    __tablename__ = "integrity"

    name: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class MselRowRecord(Base):
    """One row of the game's MSEL (schema 0006; before, the MSEL was a list in the variant).

    A row fires by becoming an inject command: the command and the row's ``status``/``fired_turn``/``command_id``
    change in one transaction.
    """

    __tablename__ = "msel"
    __table_args__ = (
        Index("ix_msel_serial", "serial", unique=True),
        Index("ix_msel_status_turn", "status", "turn"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    serial: Mapped[str] = mapped_column(String)
    turn: Mapped[int | None] = mapped_column(Integer)
    attack: Mapped[dict[str, Any]] = mapped_column(JSON)
    message: Mapped[str] = mapped_column(Text)
    expected: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String)
    time_text: Mapped[str] = mapped_column(String)
    fired_turn: Mapped[int | None] = mapped_column(Integer)
    command_id: Mapped[int | None] = mapped_column(Integer)
    row_hash: Mapped[str | None] = mapped_column(String)


class HotwashObservationRow(Base):
    """A hotwash observation: a strength or an area for improvement of one team or state (schema 0005_hotwash).

    ``turn`` and ``event_seq`` link it to what it is about (both optional; an event needs its turn).
    """

    __tablename__ = "hotwash_observations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    team: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text)
    capability: Mapped[str] = mapped_column(String)
    turn: Mapped[int | None] = mapped_column(Integer)
    event_seq: Mapped[int | None] = mapped_column(Integer)
    created_seq: Mapped[int] = mapped_column(Integer)
    row_hash: Mapped[str | None] = mapped_column(String)
    """sha256 of the row's other columns (schema 0006); their sum is in the ``integrity`` table."""


class HotwashActionRow(Base):
    """A row of the improvement plan: issue, corrective action, owner, due date (ISO), capability."""

    __tablename__ = "hotwash_actions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    issue: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String)
    due: Mapped[str] = mapped_column(String)
    capability: Mapped[str] = mapped_column(String)
    observation_id: Mapped[int | None] = mapped_column(Integer)
    created_seq: Mapped[int] = mapped_column(Integer)
    row_hash: Mapped[str | None] = mapped_column(String)
    """sha256 of the row's other columns (schema 0006); their sum is in the ``integrity`` table."""


class HotwashFeedbackRow(Base):
    """One participant's feedback form: ratings (question key → 1..5), top three strengths and improvements."""

    __tablename__ = "hotwash_feedback"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    participant: Mapped[str] = mapped_column(String)
    team: Mapped[str] = mapped_column(String)
    ratings: Mapped[dict[str, Any]] = mapped_column(JSON)
    strengths: Mapped[list[str]] = mapped_column(JSON)
    improvements: Mapped[list[str]] = mapped_column(JSON)
    comment: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String)
    created_seq: Mapped[int] = mapped_column(Integer)
    row_hash: Mapped[str | None] = mapped_column(String)
    """sha256 of the row's other columns (schema 0006); their sum is in the ``integrity`` table."""
