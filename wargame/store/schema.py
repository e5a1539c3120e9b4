"""The saved-game tables, in SQLAlchemy 2 typed ORM style.

This module describes the latest schema (``create_all`` on a new file, then stamp head).
The migrations in ``db/migrations/versions`` must arrive at exactly the same schema;
``tests/store/test_migrations.py`` compares them.
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
    __table_args__ = (Index("ix_commands_turn_seq", "turn", "seq", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    seat: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)


class TurnRow(Base):
    """A committed turn: its state hash and a summary for lists and reports."""

    __tablename__ = "turns"

    turn: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    state_hash: Mapped[str] = mapped_column(String)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON)

    events: Mapped[list[EventRow]] = relationship(back_populates="turn_row", passive_deletes=True)
    snapshots: Mapped[list[SnapshotRow]] = relationship(back_populates="turn_row", passive_deletes=True)


class EventRow(Base):
    """A resolved outcome of a turn, with its reasons and random draws in ``payload``."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_turn_kind", "turn", "kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn: Mapped[int] = mapped_column(ForeignKey("turns.turn", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String)
    subject: Mapped[str] = mapped_column(String)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)

    turn_row: Mapped[TurnRow] = relationship(back_populates="events")


class SnapshotRow(Base):
    """The state of one entity (nation, force, attack …) at the end of a turn."""

    __tablename__ = "snapshots"
    __table_args__ = (Index("ix_snapshots_entity", "entity_kind", "entity_key", "turn"),)

    turn: Mapped[int] = mapped_column(ForeignKey("turns.turn", ondelete="CASCADE"), primary_key=True)
    entity_kind: Mapped[str] = mapped_column(String, primary_key=True)
    entity_key: Mapped[str] = mapped_column(String, primary_key=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)

    turn_row: Mapped[TurnRow] = relationship(back_populates="snapshots")


class BookmarkRow(Base):
    """A bookmark set by hand in review mode; ``created_seq`` orders bookmarks as they were made."""

    __tablename__ = "bookmarks"
    __table_args__ = (Index("ix_bookmarks_turn", "turn"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    turn: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text)
    created_seq: Mapped[int] = mapped_column(Integer)


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
