"""Undoable commands over the game's pending command list (QUndoStack).

Each pending inject or decision is a row in the saved game.  Undo cancels the row, redo
restores it; the command never mutates anything but the game file, so the pending list is
always read back from :meth:`Game.pending`.  Committing a turn clears the stack.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from wargame.app import Game
from wargame.app.models import CommandView


class RecordCommand(QUndoCommand):
    """A command already recorded in the game: undo cancels it, redo restores it."""

    def __init__(self, game: Game, record: CommandView, text: str, parent: QUndoCommand | None = None) -> None:
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

    def __init__(self, game: Game, record: CommandView, text: str, parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.game = game
        self.record = record

    def redo(self) -> None:
        self.game.cancel(self.record.id)

    def undo(self) -> None:
        self.game.restore(self.record.id)
