"""Review mode and branches: review any saved game turn by turn, bookmarks, what if (branch here), compare.

The review cursor (:class:`~wargame.gui.review_cursor.ReviewController`, ``session.review``) holds the
reviewed turn; this controller starts and ends the review and turns each step into a
``REVIEW_TURN_CHANGED`` notice, which the panels follow.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from wargame.app import AppError, open_game
from wargame.app.review import Bookmark, add_bookmark, compare
from wargame.gui import gates
from wargame.gui.actions import ActionSpec
from wargame.gui.controllers import Controller
from wargame.gui.controllers.files import FILE_FILTER, FilesController
from wargame.gui.notices import Changes

if TYPE_CHECKING:
    from wargame.gui.compare import CompareDialog
from wargame.gui.session import Session, Ui


class ReviewModeController(Controller):
    """Enter and leave review mode; bookmarks, what if… and compare."""

    def __init__(self, session: Session, ui: Ui, files: FilesController) -> None:
        super().__init__(session, ui)
        self.files = files
        self.compare_window: CompareDialog | None = None
        session.review.turnChanged.connect(lambda _t: self.hub.publish(Changes.REVIEW_TURN_CHANGED))

    def action_specs(self) -> list[ActionSpec]:
        v = "Re&view"
        return [
            ActionSpec(
                "review.open",
                "Re&view saved game…",
                self.review_dialog,
                ("Ctrl+Shift+O",),
                "Open any saved game read-only and step through it turn by turn",
                gates.not_busy,
                v,
            ),
            ActionSpec(
                "review.this",
                "&Review this game",
                lambda: self.enter(),
                ("Ctrl+R",),
                "Step through the open game turn by turn (read-only)",
                gates.live,
                v,
            ),
            ActionSpec(
                "review.leave",
                "&Leave review",
                self.leave,
                ("Ctrl+Shift+R",),
                "Back to playing the game",
                gates.reviewing,
                v,
            ),
            ActionSpec(
                "review.bookmark",
                "Add &bookmark…",
                self.add_bookmark_dialog,
                ("Ctrl+B",),
                "Bookmark the shown turn with a note",
                gates.idle,
                v,
            ),
            ActionSpec(
                "review.what_if",
                "&What if… (branch here)",
                self.what_if_dialog,
                (),
                "Start a new saved game from the shown turn and play it",
                gates.reviewing,
                v,
            ),
            ActionSpec(
                "review.compare",
                "&Compare with…",
                self.compare_dialog,
                (),
                "Compare this game with another game of the same scenario",
                gates.idle,
                v,
            ),
        ]

    # ------------------------------------------------------------------ entering and leaving
    def review_dialog(self) -> bool:
        """Pick any saved game and open it read-only in review mode."""
        start = str(self.ui.settings.value("lastDir", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self.ui.widget(), "Review a saved game", start, FILE_FILTER)
        return self.review_path(path) if path else False

    def review_path(self, path: str | Path, turn: int | None = None) -> bool:
        """Open ``path`` read-only and review it (at ``turn``, default the last)."""
        return self.files.open_path(path, readonly=True) and self.enter(turn)

    def enter(self, turn: int | None = None) -> bool:
        """Review the open game: step through its turns; the panels show each turn as it was."""
        game = self.session.game
        if gates.live(self.session.state()) or game is None:
            return False
        with self.hub.batch():
            self.session.undo_stack.clear()
            self.session.review.start(game, turn)
            self.hub.publish(Changes.REVIEW_STARTED | Changes.REVIEW_TURN_CHANGED)
        self.ui.status(
            "Review mode: Home / PgUp / PgDn / End step through the turns; double-click an event for its provenance.",
            6000,
        )
        return True

    def leave(self) -> bool:
        """Back to playing: a game opened read-only for review is reopened for writing."""
        game = self.session.game
        if not self.session.reviewing or game is None:
            return False
        if game.readonly:
            path = game.path
            with self.hub.batch():
                self.session.review.stop()
                self.hub.publish(Changes.REVIEW_ENDED)
                return self.files.open_path(path)
        self.session.review.stop()
        self.hub.publish(Changes.REVIEW_ENDED)
        return True

    def go(self, turn: int) -> bool:
        """Show ``turn`` in review mode."""
        return self.session.review.go(turn)

    # ------------------------------------------------------------------ bookmarks
    def add_bookmark_dialog(self) -> Bookmark | None:
        """Ask for a note and bookmark the shown turn (Ctrl+B)."""
        game = self.session.game
        if gates.idle(self.session.state()) or game is None:
            return None
        turn = self.session.review.turn if self.session.reviewing else game.last_turn
        note, ok = QInputDialog.getText(
            self.ui.widget(), "Add a bookmark", f"Note for turn {turn} ({game.date_of(turn).isoformat()}):"
        )
        return self.add_bookmark(note, turn) if ok else None

    def add_bookmark(self, note: str, turn: int | None = None) -> Bookmark | None:
        """Bookmark ``turn`` (default: the shown turn) with ``note``.

        Bookmarks are notes about the game, not moves: a game reviewed read-only gets them through
        a short-lived writable handle on the same file.
        """
        game = self.session.game
        if gates.idle(self.session.state()) or game is None:
            return None
        if turn is None:
            turn = self.session.review.turn if self.session.reviewing else game.last_turn
        try:
            if game.readonly:
                with open_game(game.path) as writable:
                    mark = add_bookmark(writable, turn, note)
            else:
                mark = add_bookmark(game, turn, note)
        except AppError as exc:
            self.ui.error("Cannot add the bookmark", str(exc))
            return None
        self.hub.publish(Changes.BOOKMARKS_CHANGED)
        self.ui.status(f"Bookmarked turn {turn}: {mark.label}", 4000)
        return mark

    # ------------------------------------------------------------------ branches
    def what_if_dialog(self) -> bool:
        """Ask for a file name and branch the reviewed game at the shown turn."""
        game = self.session.game
        if gates.reviewing(self.session.state()) or game is None:
            return False
        t = self.session.review.turn
        suggestion = game.path.with_name(f"{game.path.stem}-whatif-t{t}.wargame")
        out, _ = QFileDialog.getSaveFileName(
            self.ui.widget(), f"What if… — new game from turn {t}", str(suggestion), FILE_FILTER
        )
        if not out:
            return False
        if not out.endswith(".wargame"):
            out += ".wargame"
        return self.branch_here(out)

    def branch_here(self, out_path: str | Path) -> bool:
        """Create a saved game from the reviewed turn (recording its parent) and open it for play."""
        old = self.session.game
        if gates.reviewing(self.session.state()) or old is None:
            return False
        t, old_name = self.session.review.turn, old.path.name
        try:
            new = old.branch(t, out_path, overwrite=Path(out_path).exists())
        except AppError as exc:
            self.ui.error("Cannot branch the game", str(exc))
            return False
        self.session.replace_game(new)
        self.ui.status(f"What if…: {new.path.name} continues from turn {t} of {old_name}.", 8000)
        return True

    def compare_dialog(self) -> bool:
        """Pick another game of the same scenario and compare it with this one."""
        game = self.session.game
        if gates.idle(self.session.state()) or game is None:
            return False
        path, _ = QFileDialog.getOpenFileName(
            self.ui.widget(), "Compare with another game", str(game.path.parent), FILE_FILTER
        )
        return self.compare_with(path) is not None if path else False

    def compare_with(self, path: str | Path) -> CompareDialog | None:
        """Open ``path`` read-only and show the comparison window (window-modal, non-blocking)."""
        game = self.session.game
        if gates.idle(self.session.state()) or game is None:
            return None
        if Path(path).resolve() == game.path.resolve():
            self.ui.error("Cannot compare", "choose another game than the one that is open")
            return None
        try:
            other = open_game(path, readonly=True)
        except AppError as exc:
            self.ui.error("Cannot open the game", str(exc))
            return None
        try:
            cmp = compare(game, other)
        except AppError as exc:
            other.close()
            self.ui.error("Cannot compare", str(exc))
            return None
        from wargame.gui.compare import CompareDialog  # pyqtgraph: loaded when first compared, not at start

        dlg = CompareDialog(game, other, cmp, self.ui.widget())
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: self._compare_closed(dlg))
        self.compare_window = dlg
        dlg.open()
        return dlg

    def _compare_closed(self, dlg: CompareDialog) -> None:
        if self.compare_window is dlg:
            self.compare_window = None

    def shutdown(self) -> None:
        if self.compare_window is not None:
            self.compare_window.reject()
