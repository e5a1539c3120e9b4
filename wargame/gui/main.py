"""Entry point of the desktop application."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

ORG = "wargame"
APP = "wargame"


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once): high-DPI rounding, organisation and application names for QSettings."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    QCoreApplication.setOrganizationName(ORG)
    QCoreApplication.setApplicationName(APP)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("Wargame")
    return app


def run_app(game_path: str | Path | None = None) -> int:
    """Show the main window (opening ``game_path`` if given: a saved game, or a batch's ``.parquet`` results in
    the Analysis window) and run the event loop; returns the exit code."""
    app = make_app()
    from wargame.gui.mainwindow import MainWindow

    window = MainWindow(freeze_gc=True)
    window.show()
    if game_path is not None:
        path = str(game_path)
        if path.lower().endswith(".parquet"):  # a batch's results: the Analysis window
            QTimer.singleShot(0, lambda: window.analysis.open_analysis(path))
        else:
            QTimer.singleShot(0, lambda: window.files.open_path(path))
    return int(app.exec())


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(run_app(sys.argv[1] if len(sys.argv) > 1 else None))
