"""Turns: advance one or several turns off the GUI thread, with progress and cancel; the end-of-game summary.

While the worker resolves turns it owns the game (``session.busy``); the run's end is one staged
notice (``TURN_ADVANCED``), so the docks refresh one per event-loop pass and the window stays
responsive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QProgressBar, QPushButton, QWidget

from wargame.app import TurnSummary, describe
from wargame.gui import gates
from wargame.gui.actions import ActionSpec
from wargame.gui.controllers import Controller
from wargame.gui.notices import Changes
from wargame.gui.session import Session, Ui

if TYPE_CHECKING:
    from wargame.gui.seats_dialog import EndOfGameDialog


class TurnsController(Controller):
    """Advance, cancel, progress in the status bar, and the end-of-game summary."""

    listens = Changes.GAME_CLOSED

    def __init__(self, session: Session, ui: Ui) -> None:
        super().__init__(session, ui)
        self.end_dialog: EndOfGameDialog | None = None
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop after the turn being resolved (Esc)")
        self.cancel_button.setVisible(False)
        runner = session.runner
        self.cancel_button.clicked.connect(runner.cancel)
        runner.progress.connect(self._progress)
        runner.finished.connect(self._done)
        runner.failed.connect(self._failed)

    def status_widgets(self) -> list[QWidget]:
        """The progress bar and the Cancel button, for the status bar."""
        return [self.progress, self.cancel_button]

    def action_specs(self) -> list[ActionSpec]:
        t = "&Turn"
        return [
            ActionSpec(
                "turn.advance",
                "&Advance 1 turn",
                lambda: self.advance(1),
                ("Ctrl+Return", "F5"),
                "Resolve the next turn",
                gates.playable,
                t,
            ),
            ActionSpec(
                "turn.advance_n",
                "Advance &N turns…",
                self.advance_n_dialog,
                ("Ctrl+Shift+Return", "Shift+F5"),
                "Resolve several turns",
                gates.playable,
                t,
            ),
            ActionSpec(
                "turn.cancel",
                "&Stop advancing",
                self.session.runner.cancel,
                ("Esc",),
                "Stop after the turn being resolved",
                gates.running,
                t,
            ),
            ActionSpec(
                "turn.end",
                "End-of-game &summary",
                self.show_end_summary,
                (),
                "Why the game ended and the objectives score",
                gates.idle,
                t,
            ),
        ]

    # ------------------------------------------------------------------ advancing
    def advance_n_dialog(self) -> bool:
        if gates.playable(self.session.state()):
            return False
        n, ok = QInputDialog.getInt(
            self.ui.widget(), "Advance", "Number of turns:", int(self.ui.settings.value("advanceN", 5)), 1, 365
        )
        if not ok:
            return False
        self.ui.settings.setValue("advanceN", n)
        return self.advance(n)

    def advance(self, turns: int = 1) -> bool:
        """Resolve ``turns`` turns in the worker thread; False (saying why) if the game cannot be advanced now."""
        game = self.session.game
        why = gates.playable(self.session.state())
        if why or game is None:
            if game is not None:
                self.ui.status(why, 6000)
            return False
        if game.world.ended:
            self.ui.error(
                "The game has ended", f"The game has ended ({game.world.end_reason}); use Save As to branch it."
            )
            return False
        self.progress.setRange(0, turns)
        self.progress.setValue(0)
        self.progress.setFormat(f"resolving %v/{turns} turns")
        if not self.session.runner.advance(game, turns):
            return False
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.hub.publish(Changes.BUSY_CHANGED)
        self.ui.status(f"Resolving {describe.plural(turns, 'turn')}…")
        return True

    def _progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _end_run(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.session.undo_stack.clear()

    def _done(self, summaries: list[TurnSummary]) -> None:
        game = self.session.game
        with self.hub.batch():
            self._end_run()
            self.session.last_summaries = list(summaries)
            self.hub.publish(Changes.TURN_ADVANCED | Changes.BUSY_CHANGED, staged=True)
        self.ui.raise_dock("summary")
        last = summaries[-1].turn if summaries else (game.last_turn if game is not None else 0)
        self.ui.status(f"Resolved {describe.plural(len(summaries), 'turn')}; saved up to turn {last}.", 6000)
        if summaries and summaries[-1].ended:
            self.show_end_summary()

    def _failed(self, message: str) -> None:
        with self.hub.batch():
            self._end_run()
            self.hub.publish(Changes.RELOADED | Changes.BUSY_CHANGED)
        self.ui.error("The turn could not be resolved", message)

    # ------------------------------------------------------------------ end of game
    def show_end_summary(self) -> EndOfGameDialog | None:
        """Why the game ended and the objectives score (window-modal, non-blocking)."""
        game = self.session.game
        if gates.idle(self.session.state()) or game is None:
            return None
        world = self.session.world()
        if self.end_dialog is not None:
            self.end_dialog.reject()
        from wargame.gui.seats_dialog import EndOfGameDialog

        dlg = EndOfGameDialog(game.scenario, world, self.ui.widget())
        if not world.ended:
            dlg.setWindowTitle("The score so far (the game has not ended)")
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: self._end_closed(dlg))
        self.end_dialog = dlg
        dlg.open()
        return dlg

    def _end_closed(self, dlg: EndOfGameDialog) -> None:
        if self.end_dialog is dlg:
            self.end_dialog = None

    def on_changes(self, _changes: Changes, session: Session) -> None:
        """The end-of-game dialog holds the world of the closed game: close it."""
        self.shutdown()

    def shutdown(self) -> None:
        if self.end_dialog is not None:
            self.end_dialog.reject()
