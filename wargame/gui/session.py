"""The open game and what the window shows of it: shared by the controllers and read by the panels.

Threading rule: while ``busy`` the worker thread owns the :class:`~wargame.app.Game`; nothing reads
or writes it until the run ends (``can_touch()``). In review mode (``reviewing``) the panels show
the world as it was at the reviewed turn (:meth:`world`, :meth:`view`).

The session changes only through its few methods (:meth:`set_game`, :meth:`release`,
:meth:`replace_game`, :meth:`select_state`), and each publishes what changed on the notice hub.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from wargame.app import Game, TurnSummary
from wargame.app.types import WorldState
from wargame.gui.gates import UiState
from wargame.gui.notices import Changes, NoticeHub
from wargame.gui.review_cursor import ReviewController, TurnView
from wargame.gui.worker import TurnRunner


class Ui(Protocol):
    """What controllers may ask of the window: a parent for dialogs, the status bar, message boxes, docks."""

    settings: QSettings

    def widget(self) -> QWidget: ...

    def status(self, message: str, ms: int = 0) -> None: ...

    def error(self, title: str, message: str) -> None: ...

    def raise_dock(self, name: str) -> None: ...


class Session(QObject):
    """The open game, the turn runner, the undo stack of pending commands, the review cursor and the hub."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.game: Game | None = None
        self.runner = TurnRunner(self)
        self.undo_stack = QUndoStack(self)
        self.review = ReviewController(self)
        self.hub = NoticeHub(self, self.can_touch, self)
        self.selected_state = ""
        self.last_summaries: list[TurnSummary] = []
        """The summaries of the last advance (newest last)."""
        self.readonly = False
        self.rules = ""
        """Why today's rules cannot continue the open game ('' when they can)."""
        self.undo_stack.indexChanged.connect(lambda _i: self.hub.publish(Changes.PENDING_CHANGED))

    # ------------------------------------------------------------------ reading
    @property
    def busy(self) -> bool:
        return self.runner.busy

    @property
    def reviewing(self) -> bool:
        return self.review.active

    def can_touch(self) -> bool:
        """A game is open and the GUI thread may read it (no turn is running)."""
        return self.game is not None and not self.runner.busy

    def state(self) -> UiState:
        return UiState(
            has_game=self.game is not None,
            busy=self.busy,
            reviewing=self.reviewing,
            readonly=self.readonly,
            rules=self.rules,
            can_undo=self.undo_stack.canUndo(),
            can_redo=self.undo_stack.canRedo(),
        )

    def world(self) -> WorldState:
        """The world shown: the reviewed turn's in review mode, else the last turn's."""
        assert self.game is not None
        if self.review.active and self.review.world is not None:
            return self.review.world
        return self.game.world

    def view(self) -> Game | TurnView:
        """What the panels read: the game, or in review mode the game as it was at the reviewed turn."""
        assert self.game is not None
        return self.review.view() if self.review.active else self.game

    # ------------------------------------------------------------------ changing
    def set_game(self, game: Game) -> None:
        """Show ``game`` (no game may be open: :meth:`release` first)."""
        assert self.game is None
        self.game = game
        self.readonly = game.readonly
        self.rules = game.rules_mismatch()
        self.selected_state = ""
        self.last_summaries = []
        with self.hub.batch():
            self.undo_stack.clear()
            self.hub.publish(Changes.GAME_OPENED)

    def release(self) -> bool:
        """Close the open game, if any (False while a turn runs: the worker owns it)."""
        if self.runner.busy:
            return False
        if self.game is None:
            return True
        was_reviewing = self.review.active
        with self.hub.batch():
            self.hub.cancel()
            self.review.stop()
            self.runner.shutdown()
            self.undo_stack.clear()
            self.game.close()
            self.game = None
            self.readonly, self.rules, self.selected_state = False, "", ""
            self.hub.publish(Changes.GAME_CLOSED | (Changes.REVIEW_ENDED if was_reviewing else Changes.NONE))
        return True

    def replace_game(self, game: Game) -> None:
        """Close the open game and show ``game`` instead (Save As, What if…), in one notice."""
        with self.hub.batch():
            self.release()
            self.set_game(game)

    def select_state(self, sid: str) -> bool:
        """Pick the state the inspector and the decisions panel show."""
        if not self.can_touch() or self.game is None or sid not in self.game.scenario.states:
            return False
        self.selected_state = sid
        self.hub.publish(Changes.STATE_SELECTED)
        return True

    def shutdown(self) -> None:
        """The window closes: stop the review and the worker, close the game (nobody is told)."""
        self.hub.close()
        self.review.stop()
        self.runner.shutdown()
        self.undo_stack.clear()
        if self.game is not None:
            self.game.close()
            self.game = None
