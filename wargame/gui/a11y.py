"""Accessibility: names for assistive technology on every interactive widget, and a high-contrast theme.

:func:`name_widgets` gives each button, box, field, list and table that has no accessible name one from what a
sighted user reads next to it: its text, the label of its form row (or its buddy label), its placeholder, its
group's title, its tooltip. The window runs it once everything is built (and dialogs at their end), so a screen
reader never announces "combo box" alone; ``tests/gui/test_a11y.py`` checks every interactive widget has a name.

:func:`apply_theme` switches the application between the standard look and a high-contrast one (white on black,
yellow focus and selection, thicker focus frames), for a dim room or low vision; the map keeps its
colour-blind-safe colours and its patterns.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

INTERACTIVE = (
    QAbstractButton,
    QComboBox,
    QLineEdit,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
    QAbstractSlider,
    QTabBar,
)
"""The widgets a user can act on (their accessible names are checked)."""


def _form_label(w: QWidget) -> str:
    parent = w.parentWidget()
    while parent is not None:
        layout = parent.layout()
        if isinstance(layout, QFormLayout):
            label = layout.labelForField(w)
            if isinstance(label, QLabel) and label.text():
                return label.text()
        parent = parent.parentWidget()
    return ""


def _group_title(w: QWidget) -> str:
    parent = w.parentWidget()
    while parent is not None:
        if isinstance(parent, QGroupBox) and parent.title():
            return parent.title()
        parent = parent.parentWidget()
    return ""


def _previous_label(w: QWidget) -> str:
    """The text of the label just before ``w`` in its layout (a label written beside a box)."""
    parent = w.parentWidget()
    layout = parent.layout() if parent is not None else None
    if layout is None:
        return ""
    stack = [layout]
    while stack:
        lay = stack.pop()
        items = [lay.itemAt(i) for i in range(lay.count())]
        for i, item in enumerate(items):
            if item.layout() is not None:
                stack.append(item.layout())
            if item.widget() is w:
                for prev in reversed(items[:i]):
                    pw = prev.widget()
                    if isinstance(pw, QLabel) and pw.text():
                        return pw.text()
                    if pw is not None:
                        break
    return ""


def _place(w: QWidget) -> str:
    """Where ``w`` lives: the tab it is on, or the dock (or dialog) it is in."""
    page, parent = w, w.parentWidget()
    while parent is not None:
        if isinstance(parent, QTabWidget):
            i = parent.indexOf(page)
            if i >= 0:
                return parent.tabText(i).replace("&", "")
        if isinstance(parent, QDockWidget) or parent.isWindow():
            return parent.windowTitle().replace("&&", "and")
        page, parent = parent, parent.parentWidget()
    return ""


_KIND = {
    "QTableWidget": "table",
    "QTableView": "table",
    "QTreeWidget": "tree",
    "QTreeView": "tree",
    "QListWidget": "list",
    "QListView": "list",
    "QComboBox": "choice",
    "QDateEdit": "date",
    "QLineEdit": "text",
    "QTextBrowser": "text",
}


def derived_name(w: QWidget, buddies: dict[int, str]) -> str:
    """A name for ``w`` from what is read next to it ('' when nothing is)."""
    text = ""
    parent = w.parentWidget()
    if isinstance(w, QLineEdit) and isinstance(parent, QComboBox):
        return parent.accessibleName() or derived_name(parent, buddies)
    if isinstance(w, QToolButton) and isinstance(parent, QLineEdit) and not w.text():
        return "Clear " + (parent.accessibleName() or derived_name(parent, buddies))
    if isinstance(w, QScrollBar):
        owner = w.parentWidget().parentWidget() if w.parentWidget() is not None else None
        where = owner.accessibleName() if owner is not None else ""
        side = "Horizontal" if w.orientation() == Qt.Orientation.Horizontal else "Vertical"
        return f"{side} scroll bar" + (f" of {where}" if where else "")
    if isinstance(w, QAbstractButton):
        text = w.text()
    if not text:
        text = buddies.get(id(w), "") or _form_label(w)
    if not text and isinstance(w, QLineEdit):
        text = w.placeholderText()
    if not text and isinstance(w, QPlainTextEdit):
        text = w.placeholderText()
    if not text:
        text = w.toolTip().split("\n")[0]
    if not text and isinstance(w, QAbstractItemView):
        text = _group_title(w) or w.objectName()
    if not text and isinstance(w, QTabBar):
        text = "Tabs: " + ", ".join(w.tabText(i) for i in range(w.count()))
    if not text:
        text = _previous_label(w)
    if not text:
        text = _group_title(w)
    if not text:
        kind = next((k for cls, k in _KIND.items() if w.inherits(cls)), "")
        where = _place(w)
        text = f"{where} {kind}".strip() if where else w.objectName()
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":")


def name_widgets(root: QWidget) -> int:
    """Give every interactive widget under ``root`` without an accessible name one; returns how many were named."""
    widgets = root.findChildren(QWidget)  # once: walking the tree is the costly part
    buddies = {
        id(lbl.buddy()): lbl.text()
        for lbl in widgets
        if isinstance(lbl, QLabel) and lbl.buddy() is not None and lbl.text()
    }
    named = 0
    for w in widgets:
        if isinstance(w, INTERACTIVE) and not w.accessibleName():
            name = derived_name(w, buddies)
            if name:
                w.setAccessibleName(name)
                named += 1
    return named


HIGH_CONTRAST_QSS = """
QWidget { background: #000000; color: #ffffff; }
QToolTip { background: #ffff00; color: #000000; border: 1px solid #ffffff; }
QAbstractItemView { background: #000000; alternate-background-color: #1a1a1a; selection-background-color: #ffff00;
                    selection-color: #000000; }
QHeaderView::section { background: #202020; color: #ffffff; border: 1px solid #ffffff; }
QPushButton, QComboBox, QLineEdit, QSpinBox, QDoubleSpinBox, QPlainTextEdit, QTextEdit {
    border: 2px solid #ffffff; padding: 2px; }
QPushButton:focus, QComboBox:focus, QLineEdit:focus, QAbstractItemView:focus, QSpinBox:focus { border: 3px solid #ffff00; }
QPushButton:disabled, QLabel:disabled { color: #9a9a9a; border-color: #9a9a9a; }
QMenuBar::item:selected, QMenu::item:selected { background: #ffff00; color: #000000; }
QDockWidget::title { background: #202020; color: #ffffff; }
"""


def high_contrast_palette() -> QPalette:
    p = QPalette()
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    for role, color in (
        (QPalette.ColorRole.Window, black),
        (QPalette.ColorRole.WindowText, white),
        (QPalette.ColorRole.Base, black),
        (QPalette.ColorRole.AlternateBase, QColor("#1a1a1a")),
        (QPalette.ColorRole.Text, white),
        (QPalette.ColorRole.Button, black),
        (QPalette.ColorRole.ButtonText, white),
        (QPalette.ColorRole.Highlight, yellow),
        (QPalette.ColorRole.HighlightedText, black),
        (QPalette.ColorRole.ToolTipBase, yellow),
        (QPalette.ColorRole.ToolTipText, black),
        (QPalette.ColorRole.Link, QColor("#66ccff")),
    ):
        p.setColor(role, color)
    return p


_STANDARD: tuple[QPalette, str] | None = None


def apply_theme(high_contrast: bool) -> None:
    """Switch the whole application to the high-contrast theme or back to the standard one."""
    global _STANDARD
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if _STANDARD is None:
        _STANDARD = (QPalette(app.palette()), app.styleSheet())
    if high_contrast:
        app.setPalette(high_contrast_palette())
        app.setStyleSheet(HIGH_CONTRAST_QSS)
    else:
        app.setPalette(_STANDARD[0])
        app.setStyleSheet(_STANDARD[1])
