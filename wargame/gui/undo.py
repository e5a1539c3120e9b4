"""Undoable commands over the game's pending command list (QUndoStack).

Each pending inject or decision is a row in the saved game.  Undo cancels the row, redo
restores it; the command never mutates anything but the game file, so the pending list is
always read back from :meth:`Game.pending`.  Committing a turn clears the stack.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from wargame.app import Game
from wargame.store import CommandRecord


class RecordCommand(QUndoCommand):
    """A command already recorded in the game: undo cancels it, redo restores it."""

    def __init__(self, game: Game, record: CommandRecord, text: str, parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.game = game
        self.record = record
        self._first = True

    def redo(self) -> None:
        if self._first:  # the caller recorded it (so a refusal never reaches the stack)
            self._first = False
            return
        self.game.restore(self.record.id)

    def undo(self) -> None:
        self.game.cancel(self.record.id)


class RemoveCommand(QUndoCommand):
    """Remove a pending command: redo cancels it, undo brings it back."""

    def __init__(self, game: Game, record: CommandRecord, text: str, parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.game = game
        self.record = record

    def redo(self) -> None:
        self.game.cancel(self.record.id)

    def undo(self) -> None:
        self.game.restore(self.record.id)


def describe_command(rec: CommandRecord) -> str:
    """One line for a pending command (the pending list and the undo history)."""
    p = rec.payload
    if rec.kind == "inject":
        return (
            f"Attack: {p.get('attacker')} → {p.get('victim')} at {p.get('location')} "
            f"({p.get('kind')}, {p.get('target')}, {p.get('casualties', 0)} casualties, "
            f"attribution {float(p.get('attribution', 1.0)):.2f})"
        )
    if rec.kind == "decide":
        extra = ", ".join(f"{k}={v}" for k, v in p.items() if k not in ("state", "action"))
        return f"{p.get('state')}: {p.get('action')}" + (f" ({extra})" if extra else "")
    if rec.kind == "override":
        return f"Override {p.get('target')} {p.get('key')} → {p.get('value')}: {p.get('rationale', '')}"
    return f"Note: {p.get('text', '')}"
