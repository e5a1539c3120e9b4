"""Accessibility: every interactive widget has an accessible name, every action is reachable from the keyboard
(a menu or a shortcut), the map can be driven by keys, and the high-contrast theme switches on and off."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from wargame.gui.a11y import INTERACTIVE

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"


def _window(qtbot, settings, tmp_path):  # type: ignore[no-untyped-def]
    from wargame.gui.mainwindow import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.files.new_game(DEMO, tmp_path / "a.wargame")
    return win


def _unnamed(root) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        f"{type(w).__name__} {w.objectName()!r}"
        for w in root.findChildren(INTERACTIVE[0].__mro__[-2])
        if isinstance(w, INTERACTIVE)
        and not w.accessibleName()
        and not w.inherits("QHeaderView")
        and w.window() is root.window()
    ]


def test_every_interactive_widget_has_an_accessible_name(qtbot, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, settings, tmp_path)
    assert _unnamed(win) == []
    dlg = win.commands.open_inject_dialog()
    assert dlg is not None and _unnamed(dlg) == []
    assert dlg.attacker_combo.accessibleName() == "Attacker"
    dlg.reject()
    over = win.commands.open_override_dialog()
    assert over is not None and _unnamed(over) == []
    over.reject()


def test_every_action_is_reachable_from_the_keyboard(qtbot, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Each action is in a menu (the menu bar opens with Alt) or has a shortcut; the new ones have theirs."""
    win = _window(qtbot, settings, tmp_path)
    in_menus = {a for m in win.menuBar().findChildren(QMenu) for a in m.actions()}
    for name in win.registry.names():
        act = win.action(name)
        assert act in in_menus or act.shortcuts(), name
    assert win.action("view.present").shortcut() == QKeySequence("F11")
    assert win.action("view.high_contrast").shortcut() == QKeySequence("Ctrl+Alt+H")


def test_the_map_moves_with_the_keyboard(qtbot, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, settings, tmp_path)
    view = win.map
    view.setFocus()
    before = view.visible_box()
    qtbot.keyClick(view, Qt.Key.Key_Right)
    after = view.visible_box()
    assert after[2] > before[2]  # panned east
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.pixels_per_degree() > 0
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current_preset() == view.preset_names()[0]


def test_high_contrast_theme_switches_on_and_off(qtbot, settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = _window(qtbot, settings, tmp_path)
    app = QApplication.instance()
    before = app.palette().color(app.palette().ColorRole.Window).name()
    win.action("view.high_contrast").trigger()
    try:
        assert app.palette().color(app.palette().ColorRole.Window).name() == "#000000"
        assert "#ffff00" in app.styleSheet()
        assert str(settings.value("view/highContrast")) == "true"
    finally:
        win.action("view.high_contrast").trigger()
    assert app.palette().color(app.palette().ColorRole.Window).name() == before and app.styleSheet() == ""
