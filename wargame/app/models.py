"""Read models the application layer hands to its clients (GUI, CLI, report) instead of store records.

Plain frozen dataclasses: the store's ``CommandRecord``, ``EventRecord``, ``BookmarkRecord`` and
``GameMeta`` stay behind :class:`wargame.app.Game`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wargame.engine import AttackSpec, decode

__all__ = ["Bookmark", "CommandView", "EventRow", "GameInfo", "describe_command"]


def describe_command(kind: str, payload: dict[str, Any]) -> str:
    """One line for a recorded command (the pending list, the undo history, the status bar)."""
    p = payload
    if kind == "inject":
        return (
            f"Attack: {p.get('attacker')} → {p.get('victim')} at {p.get('location')} "
            f"({p.get('kind')}, {p.get('target')}, {p.get('casualties', 0)} casualties, "
            f"attribution {float(p.get('attribution', 1.0)):.2f})"
        )
    if kind == "decide":
        extra = ", ".join(f"{k}={v}" for k, v in p.items() if k not in ("state", "action"))
        return f"{p.get('state')}: {p.get('action')}" + (f" ({extra})" if extra else "")
    if kind == "override":
        return f"Override {p.get('target')} {p.get('key')} → {p.get('value')}: {p.get('rationale', '')}"
    if kind == "script":
        what = {0: "hold back", -1: "skip"}
        return "Scenario injects: " + ", ".join(
            f"serial {k} → {what.get(int(v), f'turn {v}')}" for k, v in dict(p.get("turns", {})).items()
        )
    return f"Note: {p.get('text', '')}"


@dataclass(frozen=True)
class CommandView:
    """A recorded command (an inject, decision, override or note) for turn ``turn``.

    ``payload`` is a copy of what was recorded; ``description`` says it in one line.
    """

    id: int
    turn: int
    seq: int
    seat: str
    kind: str
    payload: dict[str, Any]
    cancelled: bool = False

    @property
    def description(self) -> str:
        return describe_command(self.kind, self.payload)

    def attack(self) -> AttackSpec | None:
        """The attack of an inject command (None for other kinds)."""
        return decode(AttackSpec, self.payload) if self.kind == "inject" else None


@dataclass(frozen=True)
class EventRow:
    """One stored event as recorded: ``payload`` is the event's dict (summary, reasons, draws, data)."""

    turn: int
    seq: int
    kind: str
    subject: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Bookmark:
    """A turn worth jumping to: set automatically from an event, or by hand (``kind='manual'``).

    ``event_seq`` is the sequence number of the event that made it (automatic bookmarks);
    ``id`` is the stored bookmark's id (manual bookmarks, for :func:`wargame.app.review.remove_bookmark`).
    """

    turn: int
    kind: str
    label: str
    event_seq: int | None = None
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class GameInfo:
    """What a saved game is: its scenario, seed, title, lineage (a branch's parent) and variant.

    ``variant`` holds the seats (state → human/ai), difficulty, tag and rules version (the MSEL has its own table).
    """

    scenario_id: str
    scenario_name: str
    scenario_hash: str
    seed: int
    app_version: str
    title: str = ""
    parent_path: str | None = None
    parent_turn: int | None = None
    variant: dict[str, Any] = field(default_factory=dict)
    created_turn: int = 0

    @property
    def tag(self) -> str:
        """The game's tag (e.g. training, analysis), or ``""``."""
        return str(self.variant.get("tag", "") or "")
