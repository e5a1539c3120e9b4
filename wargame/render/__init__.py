"""Drawing with QPainter (QtGui only, never QtWidgets), shared by the desktop application and the report.

The map is described without Qt by :mod:`wargame.app.mapmodel`; :mod:`wargame.render.map` draws that
description, so the GUI's map widget and the report's map images are the same picture. A
``QGuiApplication`` is enough to use it (:func:`ensure_gui_app` makes one, offscreen when there is no display).
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QGuiApplication

from wargame.app.palette import parse_hex

__all__ = ["ensure_gui_app", "qcolor"]


def qcolor(color: str | QColor) -> QColor:
    """A ``QColor`` from a hex string (or a copy of a ``QColor``); ValueError for anything else."""
    if isinstance(color, QColor):
        if not color.isValid():
            raise ValueError("invalid QColor")
        return QColor(color)
    r, g, b = parse_hex(color)
    return QColor(r, g, b)


def ensure_gui_app() -> QCoreApplication:
    """The running Qt application, or a new one (offscreen when there is no display).

    A ``QGuiApplication`` is all drawing needs; but a process that has loaded QtWidgets already (the
    desktop application, the test suite) may make widgets later, which needs a ``QApplication``, so it
    gets one (QtWidgets is never imported here).
    """
    app = QCoreApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")):
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        widgets = sys.modules.get("PySide6.QtWidgets")
        app = (widgets.QApplication if widgets is not None else QGuiApplication)([])
    return app
