"""What the import-linter contracts (tests/test_import_contracts.py) cannot say.

import-linter sees external packages only at their top level (``PySide6``), so "only the GUI imports
QtWidgets" is checked here; so is "the engine opens no files" (a call, not an import).
"""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "wargame"


def qt_modules(path: Path) -> set[str]:
    """The PySide6 modules a file imports (``PySide6.QtWidgets`` for ``from PySide6 import QtWidgets`` too)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("PySide6"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("PySide6"):
            out.add(node.module)
            if node.module == "PySide6":
                out.update(f"PySide6.{a.name}" for a in node.names)
    return out


def test_only_the_gui_imports_qtwidgets() -> None:
    """The report and the renderer draw with QtGui; widgets belong to the desktop application."""
    users = sorted(str(f.relative_to(PKG)) for f in PKG.rglob("*.py") if "PySide6.QtWidgets" in qt_modules(f))
    assert users and all(u.startswith("gui/") for u in users), users
    assert "PySide6.QtWidgets" in qt_modules(PKG / "gui" / "mapview.py")  # the check sees what it looks for


def test_the_engine_opens_no_files() -> None:
    for f in sorted((PKG / "engine").rglob("*.py")):  # phases/ too
        tree = ast.parse(f.read_text(encoding="utf-8"))
        opens = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "open"
        ]
        assert not opens, f"{f.name} opens files"


def wargame_imports(path: Path) -> set[str]:
    """The ``wargame.*`` modules a file imports (absolute imports, as the project writes them)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("wargame"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("wargame"):
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def test_gui_panels_know_nothing_of_the_window_or_the_controllers() -> None:
    """The main window composes; panels, dialogs and the shared GUI modules only listen and emit.

    (So a panel can be added, moved or reused without touching the operations, and the other way round.)
    """
    gui = PKG / "gui"
    composers = {gui / "main.py", gui / "mainwindow.py"} | set((gui / "controllers").rglob("*.py"))
    offenders = {
        str(f.relative_to(PKG)): sorted(
            m for m in wargame_imports(f) if m.startswith(("wargame.gui.mainwindow", "wargame.gui.controllers"))
        )
        for f in sorted(gui.rglob("*.py"))
        if f not in composers
    }
    offenders = {f: ms for f, ms in offenders.items() if ms}
    assert offenders == {}, offenders
    assert "wargame.gui.controllers" in wargame_imports(gui / "mainwindow.py")  # the check sees what it looks for
