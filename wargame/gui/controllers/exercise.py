"""Exercises across computers: *Host exercise…* (a server for a saved game, and its dashboard) and *Join
exercise…* (a seat's window from a join link). The windows are :mod:`wargame.gui.exercise`'s."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QInputDialog, QLineEdit, QMessageBox

from wargame.app import AppError
from wargame.gui.actions import ActionSpec
from wargame.gui.controllers import Controller
from wargame.gui.controllers.files import FilesController
from wargame.gui.session import Session, Ui


class ExerciseController(Controller):
    """Hosts and joins exercises; each opens a window of its own (closing it stops the server it started)."""

    def __init__(self, session: Session, ui: Ui, files: FilesController) -> None:
        super().__init__(session, ui)
        self.files = files
        self.windows: list[object] = []

    def action_specs(self) -> list[ActionSpec]:
        return [
            ActionSpec(
                "exercise.host",
                "&Host exercise…",
                self.host_dialog,
                (),
                "Serve this game to seats on other computers; open the facilitator's dashboard",
                menu="&Game",
            ),  # fmt: skip
            ActionSpec(
                "exercise.join",
                "&Join exercise…",
                self.join_dialog,
                (),
                "Join an exercise with the link the facilitator gave you",
                menu="&Game",
            ),  # fmt: skip
        ]

    def host_dialog(self) -> bool:
        from wargame.gui.exercise import HostDialog, host_exercise

        game = self.session.game
        path = str(game.path) if game is not None and game.path else ""
        seats = [f"{sid} cell={sid}" for sid in sorted(game.controlled)] if game is not None else []
        dlg = HostDialog(path, seats, self.ui.widget())
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return False
        values = dlg.values()
        if game is not None and not self.files.release():  # the server owns the game while it runs
            return False
        try:
            win = host_exercise(values)
        except (AppError, OSError, ValueError) as exc:
            self.ui.error("Host exercise", f"Could not host the exercise: {exc}")
            return False
        win.show()
        self.windows.append(win)
        return True

    def join_dialog(self) -> bool:
        from wargame.gui.exercise import ExerciseLink, open_joined
        from wargame.server import split_link

        text, ok = QInputDialog.getText(
            self.ui.widget(), "Join exercise", "Join link (ws://HOST:PORT/?token=…):", QLineEdit.EchoMode.Normal
        )
        if not ok or not text.strip():
            return False
        try:
            split_link(text)
        except ValueError as exc:
            QMessageBox.warning(self.ui.widget(), "Join exercise", str(exc))
            return False
        self.windows.append(open_joined(ExerciseLink(text.strip()).start()))
        return True
