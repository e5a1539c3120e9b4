"""Plain values that cross the store's edge (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class GameMeta:
    """What a saved game is: its scenario (full text and included files), seed and lineage.

    ``scenario_files`` maps a path relative to the scenario file to that included file's text.
    ``parent_path``/``parent_turn`` are set on a branch: the file and turn it was forked from.
    It is written to the file with :func:`wargame.engine.encode` (and read back field by field).
    """

    scenario_id: str
    scenario_name: str
    scenario_hash: str
    scenario_text: str
    seed: int
    app_version: str
    scenario_files: dict[str, str] = field(default_factory=dict)
    title: str = ""
    parent_path: str | None = None
    parent_turn: int | None = None
    variant: dict[str, Any] = field(default_factory=dict)
    created_turn: int = 0


@dataclass(frozen=True)
class CommandRecord:
    """One recorded command: ``seq`` orders commands within ``turn``."""

    id: int
    turn: int
    seq: int
    seat: str
    kind: str
    payload: dict[str, Any]
    cancelled: bool


@dataclass(frozen=True)
class EventRecord:
    """One resolved outcome of a turn; ``subject`` is what it is about (a state, force, attack …)."""

    turn: int
    seq: int
    kind: str
    subject: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class BookmarkRecord:
    """A bookmark set by hand: the turn it marks, its note, and ``created_seq`` (1, 2, … in the order made)."""

    id: int
    turn: int
    note: str
    created_seq: int
